// Source of the Node.js CommonJS entry (index.node.cjs), bundled by js/scripts/build.mjs: the
// `nodejs` glue instantiates the module synchronously when it is required.
import { __setup } from './setup.mjs';

__setup();

export { init, initSync } from './setup.mjs';
export * from './api.mjs';
