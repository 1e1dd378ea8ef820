//! The webhook primitives behind `verifyWebhookSignature`, `verifyWebhook` and `signWebhook`.
//!
//! The package's JS glue (pkg-template/webhooks.mjs) reads the JS values (payload bytes, headers,
//! secrets, options) and calls these with strings, bytes and numbers only:
//!
//! * the fast path: [`wh_key`] keys a slot of a bounded cache (16 slots, the glue picks which)
//!   with a secret's candidate keys once, [`wh_mac`] / [`wh_mac_text`] then compute a delivery's
//!   tag from the cached keyed state (or the glue uses the runtime's native HMAC with the keys of
//!   [`wh_key_bytes`]);
//! * the complete check, for anything the fast path does not accept and for every error with its
//!   diagnostics: [`wh_begin`], [`wh_header`], [`wh_secret`], then [`wh_run`] (the core's
//!   [`webhook::verify`]; `verifyWebhook`'s envelope check is the glue's);
//! * signing: [`wh_sign`] ([`webhook::sign`]).
//!
//! Results are strings: `"!{code}\n{message}"` for an error, otherwise the answer. No secret or
//! key ever leaves through them (the key bytes of [`wh_key_bytes`] go to the glue's native HMAC
//! only).

use crate::webhook::{
    self, derive_keys, KeyEncoding, MacKey, SecretEncoding, VerifyOptions, WebhookError,
    WebhookHeaders,
};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_WEBHOOK: &'static str = r#"
/** A delivery body: verified as these exact bytes (a string is UTF-8 encoded). */
export type WebhookPayload = string | Uint8Array | ArrayBuffer | ArrayBufferView;
/** A WHATWG `Headers` (e.g. `request.headers`) or a plain object such as Node's `req.headers`; names are case-insensitive. */
export type WebhookHeaders = HeadersLike | Record<string, string | string[] | undefined>;
export type SecretEncoding = 'auto' | 'hex' | 'base64' | 'raw';
export type KeyEncoding = 'hex' | 'base64' | 'raw';
export interface VerifyOptions {
  /** Accepted clock difference, in seconds, in both directions. Default: 300. */
  toleranceSeconds?: number;
  /** The current time, as Unix seconds or a `Date`. Default: now. */
  now?: number | Date;
  /** How to turn the secret into the HMAC key. Default: `'auto'` (hex when the part after `whsec_` is
   *  64 hex characters — OMS's documented form —, then base64 — Standard Webhooks' —, then the raw string). */
  secretEncoding?: SecretEncoding;
}
export interface VerifiedSignature {
  /** The `webhook-id` header: stable across retries, use it to de-duplicate. */
  id: string;
  /** The `webhook-timestamp` header (Unix seconds). */
  timestamp: number;
  /** The secret decoding that matched (pin it with `secretEncoding`). */
  keyEncoding: KeyEncoding;
}
/** Every event type named by the OMS documentation (docs/oms-api.md §12.4). */
export type KnownWebhookEventType =
  | 'transaction.fiatToCrypto.processing' | 'transaction.fiatToCrypto.completed' | 'transaction.fiatToCrypto.failed'
  | 'transaction.cryptoToFiat.processing' | 'transaction.cryptoToFiat.completed' | 'transaction.cryptoToFiat.failed'
  | 'transaction.cryptoToCrypto.processing' | 'transaction.cryptoToCrypto.completed' | 'transaction.cryptoToCrypto.failed'
  | 'customer.endorsement.granted' | 'wallet.depositDetected' | 'cashIn.completed';
export interface WebhookEventBase<T extends string, D> extends VerifiedSignature {
  /** The event type, e.g. `cashIn.completed`. */
  type: T;
  /** The event's resource (OMS embeds the complete current resource). */
  data: D;
  /** The whole parsed body (envelope included). */
  body: Record<string, unknown>;
}
/** The resource of an event: an object with at least an `id`; the wire model types narrow it (issue 4). */
export interface WebhookResource { id?: string; object?: string; status?: string; [key: string]: unknown }
export type TransactionWebhookEvent = WebhookEventBase<Extract<KnownWebhookEventType, `transaction.${string}`>, WebhookResource & { object?: 'transaction' }>;
export type CustomerEndorsementGrantedEvent = WebhookEventBase<'customer.endorsement.granted', WebhookResource & { object?: 'customer'; endorsements?: unknown[] }>;
export type WalletDepositDetectedEvent = WebhookEventBase<'wallet.depositDetected', WebhookResource>;
export type CashInCompletedEvent = WebhookEventBase<'cashIn.completed', WebhookResource & { object?: 'cashIn' }>;
/** The `type` of an event this version does not know. At run time it is just the string OMS sent;
 *  it is *typed* as a pattern no known literal matches, because TypeScript keeps an open `string`
 *  member in every narrowed branch (`switch (event.type)` would then give `data: unknown` even in
 *  `case 'cashIn.completed'`). With this type, known cases narrow exactly, `default` receives the
 *  unknown member (assignable to `string`), and a type added after this version is tested as
 *  `(event.type as string) === 'new.type'`. */
export type UnknownWebhookEventType = `<unknown>${string}`;
/** An event type this version does not know: new server events never break a build. */
export type UnknownWebhookEvent = WebhookEventBase<UnknownWebhookEventType, unknown>;
/** A verified delivery, discriminated on `type`. */
export type WebhookEvent = TransactionWebhookEvent | CustomerEndorsementGrantedEvent | WalletDepositDetectedEvent | CashInCompletedEvent | UnknownWebhookEvent;
export interface SignWebhookInput {
  payload: string | Uint8Array;
  secret: string;
  /** Default: a random `msg_…` id. */
  id?: string;
  /** Unix seconds. Default: now. */
  timestamp?: number;
  /** Default: `'auto'` (OMS's hex form when the secret is `whsec_` + 64 hex). */
  secretEncoding?: SecretEncoding;
}
/** The three headers of a signed delivery (a type alias, so it is assignable to `WebhookHeaders`). */
export type SignedWebhookHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
/**
 * Verifies a delivery's signature over the exact payload bytes; returns `{ id, timestamp, keyEncoding }`.
 *
 * Throws `WebhookVerificationError` (`missing_header`, `invalid_timestamp`, `timestamp_too_old`,
 * `timestamp_too_new`, `invalid_signature_header`, `no_matching_signature`, `invalid_secret`,
 * `secret_too_short`, `header_too_large`, `invalid_payload`), or `OmsError` `invalid_option` for bad options.
 */
export function verifyWebhookSignature(payload: WebhookPayload, headers: WebhookHeaders, secret: string | string[], options?: VerifyOptions): VerifiedSignature;
/**
 * Verifies a delivery and parses it: `{ id, timestamp, type, data, body, keyEncoding }`.
 *
 * Throws like `verifyWebhookSignature`; a body that is not a JSON object with a `type` is `invalid_payload`.
 */
export function verifyWebhook(payload: WebhookPayload, headers: WebhookHeaders, secret: string | string[], options?: VerifyOptions): WebhookEvent;
/** Signs a payload the way OMS (and the emulator) does; returns the three headers. For tests. */
export function signWebhook(input: SignWebhookInput): SignedWebhookHeaders;
"#;

/// How many secrets the fast path keeps keyed at once.
const SLOTS: usize = 16;

thread_local! {
    /// Per slot, the keyed states of a secret's candidate keys, in the order they are tried.
    static KEYS: RefCell<Vec<Vec<MacKey>>> = const { RefCell::new(Vec::new()) };
    /// The complete check's inputs, gathered by [`wh_header`] and [`wh_secret`].
    static CALL: RefCell<(WebhookHeaders, Vec<String>)> = RefCell::new((WebhookHeaders::new(), Vec::new()));
}

fn encoding(code: u8) -> SecretEncoding {
    match code {
        1 => SecretEncoding::Hex,
        2 => SecretEncoding::Base64,
        3 => SecretEncoding::Raw,
        _ => SecretEncoding::Auto,
    }
}

fn bit(e: KeyEncoding) -> u32 {
    match e {
        KeyEncoding::Hex => 1,
        KeyEncoding::Base64 => 2,
        KeyEncoding::Raw => 4,
    }
}

fn error(e: &WebhookError) -> String {
    ["!", e.code(), "\n", e.message()].concat()
}

/// Keys cache slot `slot` with `secret`'s candidate keys for `encoding` (0 auto, 1 hex, 2 base64,
/// 3 raw). Returns the encodings of the keys stored, in the order they are tried, as bits (1 hex,
/// 2 base64, 4 raw); 0 when the secret is not usable (the complete check then says why).
#[wasm_bindgen(js_name = __whKey, skip_typescript)]
pub fn wh_key(slot: u32, secret: &str, encoding_code: u8) -> u32 {
    let slot = slot as usize;
    if slot >= SLOTS {
        return 0;
    }
    let Ok(keys) = derive_keys(&[secret], encoding(encoding_code)) else {
        return 0;
    };
    let mut mask = 0;
    let mut states = Vec::with_capacity(keys.len());
    for k in &keys {
        if let Some(m) = MacKey::new(k.bytes.expose()) {
            mask |= bit(k.encoding);
            states.push(m);
        }
    }
    KEYS.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() < SLOTS {
            s.resize_with(SLOTS, Vec::new);
        }
        s[slot] = states;
    });
    mask
}

/// The candidate keys of `secret` for the runtime's native HMAC: for each, in the order they are
/// tried, its encoding bit (1 hex, 2 base64, 4 raw), its length (4 bytes, little-endian) and its
/// bytes. Empty when the secret is not usable.
#[wasm_bindgen(js_name = __whKeyBytes, skip_typescript)]
pub fn wh_key_bytes(secret: &str, encoding_code: u8) -> Vec<u8> {
    let Ok(keys) = derive_keys(&[secret], encoding(encoding_code)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in &keys {
        let b = k.bytes.expose();
        out.push(bit(k.encoding) as u8);
        out.extend_from_slice(&(b.len() as u32).to_le_bytes());
        out.extend_from_slice(b);
    }
    out
}

fn tag(slot: u32, which: u32, prefix: &[u8], body: &[u8]) -> String {
    KEYS.with(|s| {
        s.borrow()
            .get(slot as usize)
            .and_then(|keys| keys.get(which as usize))
            .map(|k| webhook::tag_base64(&k.tag(prefix, body)))
            .unwrap_or_default()
    })
}

/// The base64 tag of `{prefix}{payload}` with candidate key `which` of cache slot `slot` (empty
/// when there is no such key).
#[wasm_bindgen(js_name = __whMac, skip_typescript)]
pub fn wh_mac(slot: u32, which: u32, prefix: &str, payload: &[u8]) -> String {
    tag(slot, which, prefix.as_bytes(), payload)
}

/// [`wh_mac`] of a text payload given with its prefix (`{id}.{timestamp}.{body}` as one string).
#[wasm_bindgen(js_name = __whMacText, skip_typescript)]
pub fn wh_mac_text(slot: u32, which: u32, text: &str) -> String {
    tag(slot, which, b"", text.as_bytes())
}

/// Starts a complete check: no headers, no secrets.
#[wasm_bindgen(js_name = __whBegin, skip_typescript)]
pub fn wh_begin() {
    CALL.with(|c| *c.borrow_mut() = (WebhookHeaders::new(), Vec::new()));
}

const HEADER_NAMES: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];

/// Adds a value of header `which` (0 `webhook-id`, 1 `webhook-timestamp`, 2 `webhook-signature`);
/// `None` for a value too long to copy (`header_too_large`).
#[wasm_bindgen(js_name = __whHeader, skip_typescript)]
pub fn wh_header(which: u8, value: Option<String>) {
    let Some(name) = HEADER_NAMES.get(usize::from(which)) else {
        return;
    };
    CALL.with(|c| {
        let h = &mut c.borrow_mut().0;
        match value {
            Some(v) => h.append(name, &v),
            None => h.append_oversize(name),
        }
    });
}

/// Adds a secret.
#[wasm_bindgen(js_name = __whSecret, skip_typescript)]
pub fn wh_secret(value: String) {
    CALL.with(|c| c.borrow_mut().1.push(value));
}

/// Runs the complete check on the gathered headers and secrets: `problem` is what the glue found
/// wrong with the arguments (0 nothing; payload: 1 a string with unpaired surrogates, 2 an object,
/// 3 not a string or bytes, 4 over 32 MiB; 5 the headers are not an object; 6 a secret is not a
/// string). Returns `"{keyEncoding}\n{timestamp}\n{id}"` or an error. (`verifyWebhook`'s envelope
/// check is the glue's: the engine's `JSON.parse`, with the core's strict-JSON rules.)
#[wasm_bindgen(js_name = __whRun, skip_typescript)]
pub fn wh_run(
    problem: u8,
    payload: &[u8],
    tolerance_seconds: f64,
    now: f64,
    encoding_code: u8,
) -> String {
    let (headers, secrets) = CALL.with(|c| std::mem::take(&mut *c.borrow_mut()));
    let e = match problem {
        0 => None,
        1 => Some(WebhookError::invalid_payload_type(
            "a string with unpaired UTF-16 surrogates (not text as received)",
        )),
        2 => Some(WebhookError::invalid_payload_type("an object")),
        3 => Some(WebhookError::invalid_payload_type("not a string or bytes")),
        4 => Some(WebhookError::invalid_payload_type("larger than 32 MiB")),
        5 => Some(WebhookError::headers_not_an_object()),
        _ => Some(WebhookError::secret_not_a_string()),
    };
    if let Some(e) = e {
        return error(&e);
    }
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let options = VerifyOptions {
        tolerance_seconds: tolerance_seconds as u64,
        now: now as i64,
        secret_encoding: encoding(encoding_code),
    };
    match webhook::verify(payload, &headers, &refs, &options) {
        Ok(v) => [
            v.key_encoding.as_str(),
            "\n",
            &crate::text::int(v.timestamp),
            "\n",
            &v.id,
        ]
        .concat(),
        Err(e) => error(&e),
    }
}

/// Signs `payload` as delivery `id` at `timestamp` (checked whole seconds) with `secret`: the
/// `webhook-signature` value, or an error (`problem` as in [`wh_run`]).
#[wasm_bindgen(js_name = __whSign, skip_typescript)]
pub fn wh_sign(
    problem: u8,
    payload: &[u8],
    secret: &str,
    id: &str,
    timestamp: f64,
    encoding_code: u8,
) -> String {
    if problem != 0 {
        return wh_run(problem, &[], 0.0, 0.0, 0);
    }
    match webhook::sign(
        payload,
        secret,
        id,
        timestamp as i64,
        encoding(encoding_code),
    ) {
        Ok(s) => s.signature,
        Err(e) => error(&e),
    }
}
