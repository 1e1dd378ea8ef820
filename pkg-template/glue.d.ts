// ---- host types
// These declarations need only the ES2022 lib. A web platform type (URL, Request, Response,
// AbortSignal, WebAssembly.Module, fetch) is the program's own when one of its libs declares it as a
// global value (the DOM lib, @types/node); otherwise a structural stand-in or nothing, so a project
// with `lib: ["es2022"]` and no DOM compiles with `skipLibCheck: false`.
type HostClass<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type HostWasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;
/** A URL object (anything with `href`) when the program has no `URL` type. */
type HostURL = [HostClass<'URL'>] extends [never] ? { readonly href: string } : HostClass<'URL'>;
/** A WHATWG `Headers` or anything else with `get(name)` (every runtime's Headers class fits). */
type HeadersLike = { get(name: string): string | null };
/** An AbortSignal given to oms-wasm (anything with `aborted` when the program has no `AbortSignal` type). */
type AbortSignalInput = [HostClass<'AbortSignal'>] extends [never] ? { readonly aborted: boolean } : HostClass<'AbortSignal'>;
/** What a custom `fetch` resolves to: the program's `Response`, or anything when it has none. */
type HostResponseResult = [HostClass<'Response'>] extends [never] ? unknown : HostClass<'Response'>;

// ---- initialization (the entries: index.browser.mjs, index.node.mjs, index.workerd.mjs)

/**
 * What `init()` and a `.wasm` subpath import (`oms-wasm/wasm`, `oms-wasm/validate/wasm`,
 * `oms-wasm/webhooks/wasm`) deal in: the `.wasm`'s URL, a fetch `Request` or `Response`, its bytes,
 * or a compiled `WebAssembly.Module`.
 */
export type WasmInput = string | HostURL | HostClass<'Request'> | HostClass<'Response'> | ArrayBuffer | ArrayBufferView | HostWasmModule;

/**
 * Loads the WebAssembly module. Browsers (the default entry) need `await init()` once before any other
 * call; in Node.js, Deno, Bun and Cloudflare Workers the package is ready at import and this resolves at
 * once (its argument is not used).
 * @param input where to load this entry's `.wasm` from: a URL, a Request or Response, bytes or a
 *   compiled module. Default: the file next to the entry (`wasm/oms-wasm.wasm`; `oms-wasm-validate.wasm`
 *   and `oms-wasm-webhooks.wasm` for the subpaths), which Vite, webpack and Rspack emit; with esbuild,
 *   import the `.wasm` subpath with the file loader and pass it. Another entry's `.wasm` is refused
 *   (`OmsError` `wrong_wasm`, naming the file expected); a failed fetch is `wasm_load_failed`.
 */
export function init(input?: WasmInput): Promise<void>;
/** Synchronous initialization from this entry's `.wasm` bytes or compiled module (e.g. inside a Web Worker). */
export function initSync(module: ArrayBuffer | ArrayBufferView | HostWasmModule): void;

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
