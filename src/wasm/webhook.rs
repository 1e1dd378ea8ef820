//! `verifyWebhookSignature`, `verifyWebhook`, `signWebhook`: synchronous in every runtime (no
//! WebCrypto, no `Buffer`). Converts payload bytes, headers, secrets and options; the core verifies.

use super::convert::{array_item, array_len, is_array, set, string_of};
use super::errors::make_error;
use super::js::{json_parse, object_keys};
use super::messages::{parse_json, push_json_str};
use crate::input::value::BadString;
use crate::input::Value;
use crate::webhook::{self, SecretEncoding, VerifyOptions, WebhookError, WebhookHeaders};
use js_sys::{Array, ArrayBuffer, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
"#;

/// A `Date`'s time value through the intrinsic `Date.prototype.getTime` (a subclass may override
/// `getTime`; a revoked or odd receiver throws, caught by `Reflect.apply`). NaN when unreadable.
fn date_ms(d: &js_sys::Date) -> f64 {
    let get_time = Reflect::get(&js_sys::Date::new_0(), &JsValue::from_str("getTime"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    get_time
        .and_then(|f| Reflect::apply(&f, d, &Array::new()).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

/// Largest payload accepted (32 MiB); deliveries are far smaller.
const MAX_PAYLOAD: u32 = 32 * 1024 * 1024;

fn verification_error(e: &WebhookError) -> JsValue {
    make_error("WebhookVerificationError", e.code(), e.message(), &[])
}

fn usage_error(message: &str) -> JsValue {
    make_error("OmsError", "invalid_option", message, &[])
}

/// The payload's exact bytes.
fn payload_bytes(payload: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(js) = payload.dyn_ref::<js_sys::JsString>() {
        // Long bodies through the engine's native TextEncoder (wasm-bindgen's string copy is a JS
        // loop: ~4× slower on a 2 KB delivery); both turn lone surrogates into U+FFFD.
        let bytes = match (js.length() >= 256).then(|| encode_utf8(payload)).flatten() {
            Some(b) => b,
            None => String::from(js).into_bytes(),
        };
        // A string with an unpaired surrogate cannot be a body as received (decoding bytes never
        // makes one), and its verified bytes (with U+FFFD) would differ from the event parsed
        // from the string: refused. The exact check runs only when U+FFFD appears.
        if has_replacement_char(&bytes) && !js.is_valid_utf16() {
            return Err(verification_error(&WebhookError::invalid_payload_type(
                "a string with unpaired UTF-16 surrogates (not text as received)",
            )));
        }
        return Ok(bytes);
    }
    // Only views this function builds are read: a subclass of Uint8Array (or of ArrayBuffer) may
    // override `length`, `buffer`, `byteOffset` or `byteLength` with getters that lie or throw, so
    // a view's window is read through `Reflect.get` (which catches) and checked against the real
    // buffer, whose size comes from an intrinsic `new Uint8Array(buffer)` (internal slots).
    let view: Option<Uint8Array> = if let Some(buf) = payload.dyn_ref::<ArrayBuffer>() {
        Some(Uint8Array::new(buf))
    } else if ArrayBuffer::is_view(payload) {
        // Uint8Array, DataView, Int16Array, ...: the bytes they view
        let buffer = Reflect::get(payload, &"buffer".into()).ok();
        let offset = Reflect::get(payload, &"byteOffset".into())
            .ok()
            .and_then(|v| v.as_f64());
        let length = Reflect::get(payload, &"byteLength".into())
            .ok()
            .and_then(|v| v.as_f64());
        match (buffer, offset, length) {
            // (a subclass can override these getters: check them against the real buffer)
            (Some(b), Some(o), Some(l)) => b.dyn_ref::<ArrayBuffer>().and_then(|b| {
                let whole = f64::from(Uint8Array::new(b).length());
                let fits =
                    o >= 0.0 && l >= 0.0 && o.fract() == 0.0 && l.fract() == 0.0 && o + l <= whole;
                fits.then(|| Uint8Array::new_with_byte_offset_and_length(b, o as u32, l as u32))
            }),
            _ => None,
        }
    } else {
        None
    };
    let Some(view) = view else {
        let what = if payload.is_object() {
            "an object"
        } else {
            "not a string or bytes"
        };
        return Err(verification_error(&WebhookError::invalid_payload_type(
            what,
        )));
    };
    if view.length() > MAX_PAYLOAD {
        return Err(verification_error(&WebhookError::invalid_payload_type(
            "larger than 32 MiB",
        )));
    }
    Ok(view.to_vec())
}

/// Whether UTF-8 bytes contain U+FFFD (`EF BF BD`).
fn has_replacement_char(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD])
}

thread_local! {
    /// A `TextEncoder` and its `encode` method, looked up once.
    static ENCODER: std::cell::RefCell<Option<(JsValue, Function)>> = const { std::cell::RefCell::new(None) };
}

/// The UTF-8 bytes of a JS string by `TextEncoder#encode`; `None` when the runtime has no
/// `TextEncoder` (every supported runtime has one) or anything throws.
fn encode_utf8(s: &JsValue) -> Option<Vec<u8>> {
    let (encoder, encode) = ENCODER.with(|e| {
        if e.borrow().is_none() {
            let ctor = Reflect::get(&js_sys::global(), &"TextEncoder".into()).ok()?;
            let ctor: Function = ctor.dyn_into().ok()?;
            let encoder = Reflect::construct(&ctor, &Array::new()).ok()?;
            let encode: Function = Reflect::get(&encoder, &"encode".into())
                .ok()?
                .dyn_into()
                .ok()?;
            *e.borrow_mut() = Some((encoder, encode));
        }
        e.borrow().clone()
    })?;
    let bytes: Uint8Array = encode.call1(&encoder, s).ok()?.dyn_into().ok()?;
    Some(bytes.to_vec())
}

/// Reads `webhook-id`, `webhook-timestamp`, `webhook-signature` from a `Headers`-like object (with a
/// `get` method) or a plain object (any case; string or string[] values).
fn read_headers(h: &JsValue) -> Result<WebhookHeaders, JsValue> {
    const NAMES: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
    if !h.is_object() {
        return Err(verification_error(&WebhookError::headers_not_an_object()));
    }
    let get = Reflect::get(h, &"get".into())
        .ok()
        .and_then(|g| g.dyn_into::<Function>().ok());
    let mut out = WebhookHeaders::new();
    // A string value is appended; one too long to copy is recorded by name (`header_too_large`).
    let mut add = |name: &str, v: &JsValue| match string_of(v) {
        Value::String(s) => out.append(name, &s),
        Value::BadString(BadString::TooLong { .. }) => out.append_oversize(name),
        _ => {}
    };
    if let Some(get) = get {
        for name in NAMES {
            if let Ok(v) = get.call1(h, &JsValue::from_str(name)) {
                add(name, &v);
            }
        }
    } else {
        let Ok(keys) = object_keys(h) else {
            return Err(verification_error(&WebhookError::headers_not_an_object()));
        };
        for i in 0..keys.length().min(1000) {
            let key = keys.get(i);
            // Only names of the right length are copied into wasm (Node's req.headers has many).
            let Some(k) = key.dyn_ref::<js_sys::JsString>() else {
                continue;
            };
            let len = k.length();
            if len != 10 && len != 17 {
                continue;
            }
            let name = String::from(k);
            if !NAMES.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                continue;
            }
            let Ok(v) = Reflect::get(h, &key) else {
                continue;
            };
            // a string (the usual case) first: one test less than the array check
            if v.is_string() || !is_array(&v) {
                add(&name, &v);
            } else {
                for j in 0..array_len(&v, u32::MAX).unwrap_or(0).min(64) {
                    add(&name, &array_item(&v, j));
                }
            }
        }
    }
    Ok(out)
}

/// One secret or an array of secrets.
fn secrets(s: &JsValue) -> Result<Vec<String>, JsValue> {
    let one = |v: &JsValue| match string_of(v) {
        Value::String(s) => Ok(s),
        _ => Err(verification_error(&WebhookError::secret_not_a_string())),
    };
    if is_array(s) {
        match array_len(s, 32) {
            Some(n) if n > 0 => (0..n).map(|i| one(&array_item(s, i))).collect(),
            _ => Err(verification_error(&WebhookError::secret_not_a_string())),
        }
    } else {
        Ok(vec![one(s)?])
    }
}

fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

fn encoding(v: &JsValue) -> Result<SecretEncoding, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(SecretEncoding::Auto);
    }
    match v.as_string().as_deref() {
        Some("auto") => Ok(SecretEncoding::Auto),
        Some("hex") => Ok(SecretEncoding::Hex),
        Some("base64") => Ok(SecretEncoding::Base64),
        Some("raw") => Ok(SecretEncoding::Raw),
        _ => Err(usage_error(
            "options.secretEncoding must be 'auto', 'hex', 'base64' or 'raw'.",
        )),
    }
}

fn verify_options(options: &JsValue) -> Result<VerifyOptions, JsValue> {
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(usage_error("options must be an object."));
    }
    let tolerance = option(options, "toleranceSeconds");
    let tolerance_seconds = if tolerance.is_undefined() || tolerance.is_null() {
        300
    } else {
        match tolerance.as_f64() {
            Some(t) if t >= 0.0 && t.fract() == 0.0 && t <= 1e9 => t as u64,
            _ => {
                return Err(usage_error(
                    "options.toleranceSeconds must be a whole number of seconds ≥ 0.",
                ))
            }
        }
    };
    let now_v = option(options, "now");
    let now = if now_v.is_undefined() || now_v.is_null() {
        now_seconds()
    } else if let Some(d) = now_v.dyn_ref::<js_sys::Date>() {
        let ms = date_ms(d);
        if !ms.is_finite() {
            return Err(usage_error("options.now is an invalid Date."));
        }
        (ms / 1000.0).floor() as i64
    } else {
        match now_v.as_f64() {
            Some(n) if n.is_finite() && n > 1e11 => {
                return Err(usage_error(
                    "options.now looks like milliseconds (Date.now()); pass Unix seconds (Math.floor(Date.now() / 1000)) or a Date.",
                ))
            }
            Some(n) if n.is_finite() && n >= 0.0 => n.floor() as i64,
            _ => return Err(usage_error("options.now must be Unix seconds or a Date.")),
        }
    };
    Ok(VerifyOptions {
        tolerance_seconds,
        now,
        secret_encoding: encoding(&option(options, "secretEncoding"))?,
    })
}

/// `{ id, timestamp, keyEncoding[, type] }` as one JSON text parsed by the engine (one crossing
/// instead of a property set per field).
fn verified_to_js(
    id: &str,
    timestamp: i64,
    key_encoding: &str,
    event_type: Option<&str>,
) -> JsValue {
    let mut text = String::with_capacity(96 + id.len());
    text.push_str("{\"id\":");
    push_json_str(&mut text, id);
    text.push_str(",\"timestamp\":");
    text.push_str(&crate::text::int(timestamp));
    text.push_str(",\"keyEncoding\":");
    push_json_str(&mut text, key_encoding);
    if let Some(t) = event_type {
        text.push_str(",\"type\":");
        push_json_str(&mut text, t);
    }
    text.push('}');
    parse_json(&text)
}

/// Verifies a delivery's signature over the exact payload bytes; returns `{ id, timestamp, keyEncoding }`.
///
/// Throws `WebhookVerificationError` (`missing_header`, `invalid_timestamp`, `timestamp_too_old`,
/// `timestamp_too_new`, `invalid_signature_header`, `no_matching_signature`, `invalid_secret`,
/// `invalid_payload`), or `OmsError` `invalid_option` for bad options.
#[wasm_bindgen(js_name = verifyWebhookSignature, unchecked_return_type = "VerifiedSignature")]
pub fn verify_webhook_signature(
    #[wasm_bindgen(unchecked_param_type = "WebhookPayload")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let opts = verify_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let bytes = payload_bytes(&payload)?;
    let h = read_headers(&headers)?;
    let secrets = secrets(&secret)?;
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let v = webhook::verify(&bytes, &h, &refs, &opts).map_err(|e| verification_error(&e))?;
    Ok(verified_to_js(
        &v.id,
        v.timestamp,
        v.key_encoding.as_str(),
        None,
    ))
}

/// Verifies a delivery and parses it: `{ id, timestamp, type, data, body, keyEncoding }`.
///
/// Throws like [`verify_webhook_signature`]; a body that is not a JSON object with a `type` is
/// `invalid_payload`.
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "WebhookEvent")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookPayload")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WebhookHeaders")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let opts = verify_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let bytes = payload_bytes(&payload)?;
    let h = read_headers(&headers)?;
    let secrets = secrets(&secret)?;
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let e =
        webhook::verify_event_type(&bytes, &h, &refs, &opts).map_err(|e| verification_error(&e))?;
    // The core checked the envelope; the engine's own JSON.parse builds the objects (much faster
    // than a serde tree re-serialized for JS). A string payload is parsed as given, bytes as the
    // UTF-8 text the core just validated.
    let text = if payload.is_string() {
        payload
    } else {
        match std::str::from_utf8(&bytes) {
            Ok(t) => JsValue::from_str(t),
            Err(_) => {
                return Err(verification_error(&WebhookError::invalid_payload_type(
                    "not UTF-8 text",
                )))
            }
        }
    };
    let body = json_parse(&text)
        .map_err(|_| verification_error(&WebhookError::invalid_payload_type("not JSON")))?;
    let data = if e.has_data {
        Reflect::get(&body, &JsValue::from_str("data")).unwrap_or(JsValue::NULL)
    } else {
        JsValue::NULL
    };
    let obj = verified_to_js(
        &e.verified.id,
        e.verified.timestamp,
        e.verified.key_encoding.as_str(),
        Some(&e.event_type),
    );
    if let Some(o) = obj.dyn_ref::<Object>() {
        set(o, "data", &data);
        set(o, "body", &body);
    }
    Ok(obj)
}

/// Signs a payload the way OMS (and the emulator) does; returns the three headers. For tests.
#[wasm_bindgen(js_name = signWebhook, unchecked_return_type = "SignedWebhookHeaders")]
pub fn sign_webhook(
    #[wasm_bindgen(unchecked_param_type = "SignWebhookInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    if !input.is_object() {
        return Err(usage_error(
            "signWebhook takes { payload, secret, id?, timestamp? }.",
        ));
    }
    let bytes = payload_bytes(&option(&input, "payload"))?;
    let secret = match string_of(&option(&input, "secret")) {
        Value::String(s) => s,
        _ => return Err(verification_error(&WebhookError::secret_not_a_string())),
    };
    let id_v = option(&input, "id");
    let id = if id_v.is_undefined() || id_v.is_null() {
        random_id()
    } else {
        match string_of(&id_v) {
            Value::String(s) if !s.is_empty() && s.len() <= 256 => s,
            _ => {
                return Err(usage_error(
                    "id must be a non-empty string of at most 256 characters.",
                ))
            }
        }
    };
    let ts_v = option(&input, "timestamp");
    let timestamp = if ts_v.is_undefined() || ts_v.is_null() {
        now_seconds()
    } else {
        match ts_v.as_f64() {
            Some(t) if t.is_finite() && t >= 0.0 && t.fract() == 0.0 && t < 1e11 => t as i64,
            Some(t) if t >= 1e11 => {
                return Err(usage_error(
                    "timestamp looks like milliseconds; pass Unix seconds.",
                ))
            }
            _ => return Err(usage_error("timestamp must be whole Unix seconds.")),
        }
    };
    let enc = encoding(&option(&input, "secretEncoding"))?;
    let signed =
        webhook::sign(&bytes, &secret, &id, timestamp, enc).map_err(|e| verification_error(&e))?;
    let obj = Object::new();
    set(&obj, "webhook-id", &JsValue::from_str(&signed.id));
    set(
        &obj,
        "webhook-timestamp",
        &JsValue::from_str(&signed.timestamp),
    );
    set(
        &obj,
        "webhook-signature",
        &JsValue::from_str(&signed.signature),
    );
    Ok(obj.into())
}

/// `msg_` + 24 random base32 characters (not security-sensitive: ids only need to be unique).
fn random_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut s = String::from("msg_");
    for _ in 0..24 {
        let i = (js_sys::Math::random() * ALPHABET.len() as f64) as usize;
        s.push(ALPHABET[i.min(ALPHABET.len() - 1)] as char);
    }
    s
}
