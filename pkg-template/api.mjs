// The public API of the main entry (`oms-wasm`): everything. The subpath entries export a subset
// (api-validate.mjs for `oms-wasm/validate`, api-webhooks.mjs for `oms-wasm/webhooks`).
export * from './core.mjs';
export * from './validate.mjs';
export * from './requests.mjs';
export * from './webhooks.mjs';
export { OmsClient } from './client.mjs';
