// Error classes. Every error thrown by oms-wasm is an OmsError with a stable `code`; the wasm core
// builds them through these constructors (registered in setup.mjs), so `instanceof` works.

export class OmsError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}
Object.defineProperty(OmsError.prototype, 'name', { value: 'OmsError', writable: true, configurable: true });

/** The API answered with an error status. */
export class OmsApiError extends OmsError {}
Object.defineProperty(OmsApiError.prototype, 'name', { value: 'OmsApiError', writable: true, configurable: true });

/** The request did not complete (`code`: `timeout` | `network` | `aborted`). */
export class OmsConnectionError extends OmsError {}
Object.defineProperty(OmsConnectionError.prototype, 'name', { value: 'OmsConnectionError', writable: true, configurable: true });

/** Input was invalid; nothing was sent. `issues` lists every problem. */
export class OmsValidationError extends OmsError {}
Object.defineProperty(OmsValidationError.prototype, 'name', { value: 'OmsValidationError', writable: true, configurable: true });

/** A webhook delivery failed verification. */
export class WebhookVerificationError extends OmsError {}
Object.defineProperty(WebhookVerificationError.prototype, 'name', { value: 'WebhookVerificationError', writable: true, configurable: true });

export const errorClasses = { OmsError, OmsApiError, OmsConnectionError, OmsValidationError, WebhookVerificationError };
