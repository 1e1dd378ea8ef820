// The public API of `oms-wasm/webhooks`: webhook verification and signing only (its own, smaller .wasm).
export * from './core.mjs';
export * from './webhooks.mjs';
