// The public API of `oms-wasm/validate`: browser form validation only (its own, smaller .wasm).
export * from './core.mjs';
export * from './validate.mjs';
