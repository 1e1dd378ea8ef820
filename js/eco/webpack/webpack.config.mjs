// webpack 5 with no rule for the package: the `web` target (a page, and a tree-shaken page) and the
// `webworker` target (a browser Web Worker). Production mode, so `sideEffects` is honoured.
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default [
  {
    name: 'web',
    mode: 'production',
    target: 'web',
    entry: { page: here('./page.js'), treeshake: here('./treeshake.js') },
    output: { path: here('./dist/web'), publicPath: 'auto' },
  },
  {
    name: 'webworker',
    mode: 'production',
    target: 'webworker',
    entry: { worker: here('./worker.js') },
    output: { path: here('./dist/webworker'), publicPath: 'auto' },
  },
];
