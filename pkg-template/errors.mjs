// Error classes. Every error thrown by oms-wasm is an OmsError with a stable `code`; the wasm core
// builds them through these constructors (registered in setup.mjs).
//
// One class per name across every entry and module format: `oms-wasm`, `oms-wasm/validate` and
// `oms-wasm/webhooks` each ship a copy of this file (ESM, and bundled into each CJS entry), so
// `instanceof` does not rely on object identity. Each class's prototype carries a registry-wide
// brand (`Symbol.for('oms-wasm.error')` = its name) and `Symbol.hasInstance` looks for that brand on
// the value's prototype chain: an error thrown by any entry is an instance of the same-named class
// of every other entry (e.g. `oms-wasm`'s verifyWebhook error `instanceof` the
// `WebhookVerificationError` of `oms-wasm/webhooks`). Classes that subclass these keep ordinary
// `instanceof` semantics.

const BRAND = Symbol.for('oms-wasm.error');
const ordinary = Function.prototype[Symbol.hasInstance];

function branded(value, name) {
  for (let p = value; p !== null && (typeof p === 'object' || typeof p === 'function'); ) {
    let own;
    try {
      own = Object.getOwnPropertyDescriptor(p, BRAND);
      p = Object.getPrototypeOf(p);
    } catch {
      return false; // a revoked proxy or a throwing trap: not one of ours
    }
    if (own && own.value === name) return true;
  }
  return false;
}

export class OmsError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   */
  constructor(message, code) {
    super(message);
    this.code = code;
  }

  static [Symbol.hasInstance](value) {
    if (ordinary.call(this, value)) return true;
    // Only our own classes match by brand; a user's subclass keeps ordinary semantics.
    const own = Object.getOwnPropertyDescriptor(this.prototype, BRAND);
    return own !== undefined && branded(value, own.value);
  }
}

/** The API answered with an error status. */
export class OmsApiError extends OmsError {}

/** The request did not complete (`code`: `timeout` | `network` | `aborted`). */
export class OmsConnectionError extends OmsError {}

/** Input was invalid; nothing was sent. `issues` lists every problem. */
export class OmsValidationError extends OmsError {}

/** A webhook delivery failed verification. */
export class WebhookVerificationError extends OmsError {}

export const errorClasses = { OmsError, OmsApiError, OmsConnectionError, OmsValidationError, WebhookVerificationError };

for (const [name, cls] of Object.entries(errorClasses)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(cls.prototype, BRAND, { value: name });
}
