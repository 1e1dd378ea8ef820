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

// ---- issues (shared by validators, OmsValidationError and every subpath)

/** A path segment: an object key or an array index. */
export type PathSegment = string | number;
/** One problem with one field. `message` never repeats the input value. */
export interface Issue {
  /** Stable machine-readable code (see the README's table). */
  code: IssueCode;
  /** Full path from the validated root, e.g. `["identifyingInformation", 0, "number"]`. */
  path: PathSegment[];
  /** English message, or your override (see `messages`). */
  message: string;
  /** Value-free facts for localized messages (`max`, `country`, `suggestion`, ...). */
  params?: Record<string, string>;
}
export type IssueCode =
  | 'invalid_type' | 'required' | 'required_for_fiat' | 'recommended_for_fiat' | 'unknown_key' | 'too_long' | 'invalid_encoding'
  | 'invalid_enum' | 'invalid_value' | 'too_many_keys' | 'duplicate' | 'invalid_option'
  | 'invalid_phone' | 'phone_country_required' | 'invalid_country_calling_code' | 'phone_too_short'
  | 'phone_too_long' | 'phone_invalid_length' | 'phone_not_valid'
  | 'invalid_country' | 'invalid_state' | 'invalid_postal_code'
  | 'invalid_ssn' | 'invalid_itin' | 'tax_id_type_mismatch' | 'invalid_passport' | 'invalid_drivers_license'
  | 'invalid_date' | 'date_in_future' | 'too_young' | 'implausible_date'
  | 'invalid_email' | 'invalid_ip';

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
