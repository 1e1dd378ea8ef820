// ---- initialization (pkg-template/api.mjs)

/**
 * Loads the WebAssembly module. Browsers (the default entry) need `await init()` once before any other
 * call; in Node.js, Deno and Cloudflare Workers the package is ready at import and this resolves at once.
 * @param input where to load the module from: a URL, a Response, bytes or a compiled module.
 *   Default: `oms_wasm_bg.wasm` next to the entry file.
 */
export function init(input?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Synchronous initialization from bytes or a compiled module (e.g. inside a Web Worker). */
export function initSync(module: BufferSource | WebAssembly.Module): void;

// ---- errors (pkg-template/errors.mjs)

/** Base class of every error oms-wasm throws. `code` is stable (see the README's table). */
export class OmsError extends Error {
  constructor(message: string, code: string);
  readonly code: string;
}
/** The API answered with an error status. */
export class OmsApiError extends OmsError {
  /** HTTP status. */
  status: number;
  /** The server's own error code, when it sent one (`code` is this SDK's stable code). */
  serverCode?: string;
  /** From `x-request-id` / `request-id` / `cf-ray`, or the body's `requestId`. */
  requestId?: string;
  /** `Retry-After` in seconds (429, 503). */
  retryAfterSeconds?: number;
  /** The response body: the parsed JSON when it is JSON, else the raw text (may contain personal
   *  data: do not log it blindly). */
  body: unknown;
  /** OmsClient only: the Idempotency-Key every attempt of this call sent (retry later with it). */
  idempotencyKey?: string;
}
/** The request did not complete (OmsClient). */
export class OmsConnectionError extends OmsError {
  readonly code: 'timeout' | 'network' | 'aborted';
  /** How many attempts were made. */
  attempts: number;
  /** The Idempotency-Key every attempt sent, for a POST (retry later with it). */
  idempotencyKey?: string;
}
/** Input was invalid; nothing was sent. */
export class OmsValidationError extends OmsError {
  issues: Issue[];
}
/** A webhook delivery failed verification. */
export class WebhookVerificationError extends OmsError {}

// ---- Standard Schema v1 (https://standardschema.dev)

/** The Standard Schema v1 interface, as form libraries (React Hook Form, TanStack Form, ...) consume it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }> };
    readonly types?: { readonly input: Input; readonly output: Output };
  };
}

/** A Standard Schema with oms-wasm's helpers. */
export interface OmsSchema<Output, Options> extends StandardSchemaV1<unknown, Output> {
  /** `{ ok: true, value }` or `{ ok: false, issues }`. */
  safeParse(value: unknown): Result<Output>;
  /** The value, or a thrown OmsValidationError (code `validation_failed`) carrying `issues`. */
  parse(value: unknown): Output;
  /** The same schema with other validator options. */
  with(options: Options): OmsSchema<Output, Options>;
}

/** A whole customer payload (`validateCustomer`). */
export const customerSchema: OmsSchema<CustomerInput, CustomerOptions>;
/** A structured address (`validateAddress`). */
export const addressSchema: OmsSchema<Address, MessageOptions>;
/** A phone field; the output is the E.164 string. */
export const phoneSchema: OmsSchema<string, PhoneOptions>;
