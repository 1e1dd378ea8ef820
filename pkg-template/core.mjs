// Shared by every entry and subpath: the version and the error classes. Thin by design: the wasm
// core does all the work. (init/initSync are each entry's own: index.*.mjs.)
import * as raw from './wasm/oms_wasm.mjs';
import { notReady, state } from './state.mjs';

export { OmsError, OmsApiError, OmsConnectionError, OmsValidationError, WebhookVerificationError } from './errors.mjs';

export function version() {
  if (!state.ready) notReady();
  return raw.version();
}
