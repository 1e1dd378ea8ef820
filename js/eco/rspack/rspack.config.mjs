// Rspack (webpack-compatible), production, `target: 'web'`, no rule for the package.
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default {
  mode: 'production',
  target: 'web',
  entry: { page: here('./page.js') },
  output: { path: here('./dist'), publicPath: 'auto' },
};
