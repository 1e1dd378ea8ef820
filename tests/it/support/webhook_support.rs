//! The webhook known-answer harness (tests/vectors/webhook.json), compiled into the native test
//! (`tests/it/webhook.rs`) and the wasm test (`tests/wasm.rs`): each supplies a [`Runner`]; the
//! expectations are the same file.

#![allow(dead_code)]

use base64::Engine as _;
use hmac::{Hmac, Mac};
use oms_wasm::webhook::{derive_keys, SecretEncoding};
use serde_json::Value as Json;
use sha2::Sha256;

/// The vectors, embedded so wasm tests need no file system.
pub const FILE: &str = include_str!("../../vectors/webhook.json");

/// One vector.
pub struct Case {
    pub name: String,
    pub body: Vec<u8>,
    /// The body as UTF-8 text, when it is (string payloads are tested then).
    pub text: Option<String>,
    pub headers: Vec<(String, String)>,
    pub secrets: Vec<String>,
    pub now: i64,
    pub tolerance: Option<u64>,
    pub encoding: Option<String>,
    pub expect: Json,
    pub event: Option<Json>,
    pub sign: bool,
    pub message_includes: Vec<String>,
    pub signers: Vec<Json>,
}

impl Case {
    pub fn secret_refs(&self) -> Vec<&str> {
        self.secrets.iter().map(String::as_str).collect()
    }

    pub fn secret_encoding(&self) -> SecretEncoding {
        self.encoding
            .as_deref()
            .and_then(SecretEncoding::parse)
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Strings no error message may contain: each secret (and its part after `whsec_`) and the
    /// signature every candidate key gives for this delivery (base64 and hex).
    pub fn forbidden(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.secrets {
            let t = s.trim();
            if t.len() >= 8 {
                out.push(t.to_owned());
                let tail = t.strip_prefix("whsec_").unwrap_or(t);
                if tail.len() >= 8 {
                    out.push(tail.to_owned());
                }
            }
        }
        let (Some(id), Some(ts)) = (self.header("webhook-id"), self.header("webhook-timestamp"))
        else {
            return out;
        };
        let refs: Vec<&str> = self
            .secrets
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        for enc in [
            SecretEncoding::Hex,
            SecretEncoding::Base64,
            SecretEncoding::Raw,
        ] {
            for r in &refs {
                let Ok(keys) = derive_keys(&[r], enc) else {
                    continue;
                };
                for k in keys {
                    let tag = hmac(k.bytes.expose(), id.trim(), ts.trim(), &self.body);
                    out.push(base64::engine::general_purpose::STANDARD.encode(tag));
                    out.push(hex(&tag));
                }
            }
        }
        out
    }
}

pub fn hmac(key: &[u8], id: &str, ts: &str, body: &[u8]) -> [u8; 32] {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    m.update(format!("{id}.{ts}.").as_bytes());
    m.update(body);
    m.finalize().into_bytes().into()
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

/// A body from its JSON form: `{utf8}`, `{hex}` or `{generate: {rule: "affine", length, mul, add}}`.
pub fn body_of(b: &Json) -> Vec<u8> {
    if let Some(s) = b["utf8"].as_str() {
        return s.as_bytes().to_vec();
    }
    if let Some(s) = b["hex"].as_str() {
        return unhex(s);
    }
    let g = &b["generate"];
    assert_eq!(g["rule"], "affine", "unknown body rule {g}");
    let (len, mul, add) = (
        g["length"].as_u64().expect("length"),
        g["mul"].as_u64().expect("mul"),
        g["add"].as_u64().expect("add"),
    );
    (0..len).map(|i| ((i * mul + add) & 0xff) as u8).collect()
}

pub fn cases() -> Vec<Case> {
    let doc: Json = serde_json::from_str(FILE).expect("webhook.json");
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let body = body_of(&c["body"]);
            Case {
                name: c["name"].as_str().expect("name").to_owned(),
                text: c["body"]["utf8"].as_str().map(str::to_owned),
                body,
                headers: c["headers"]
                    .as_array()
                    .expect("headers")
                    .iter()
                    .map(|p| {
                        (
                            p[0].as_str().expect("name").to_owned(),
                            p[1].as_str().expect("value").to_owned(),
                        )
                    })
                    .collect(),
                secrets: c["secrets"]
                    .as_array()
                    .expect("secrets")
                    .iter()
                    .map(|s| s.as_str().expect("secret").to_owned())
                    .collect(),
                now: c["options"]["now"].as_i64().expect("now"),
                tolerance: c["options"]["toleranceSeconds"].as_u64(),
                encoding: c["options"]["secretEncoding"].as_str().map(str::to_owned),
                expect: c["expect"].clone(),
                event: c.get("event").cloned(),
                sign: c["sign"].as_bool().unwrap_or(false),
                message_includes: c["messageIncludes"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                signers: c["signers"].as_array().cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// A verification outcome: `Ok(json)` or `Err((code, message))`.
pub type Outcome = Result<Json, (String, String)>;

/// How one environment runs the three operations.
pub trait Runner {
    /// `{ id, timestamp, keyEncoding }`.
    fn verify(&self, c: &Case) -> Outcome;
    /// `{ type, data, ... }`.
    fn verify_event(&self, c: &Case) -> Outcome;
    /// The `webhook-signature` of `sign(body, secrets[0], webhook-id, webhook-timestamp)`.
    fn sign(&self, c: &Case, id: &str, timestamp: i64) -> Result<String, (String, String)>;
}

fn check_error(
    c: &Case,
    what: &str,
    code: &str,
    message: &str,
    want: &Json,
    failures: &mut Vec<String>,
) {
    if want["ok"] != Json::Bool(false) {
        failures.push(format!("{}: {what} failed with {code}: {message}", c.name));
        return;
    }
    if want["code"].as_str() != Some(code) {
        failures.push(format!(
            "{}: {what} code {code}, expected {} ({message})",
            c.name, want["code"]
        ));
    }
    for inc in &c.message_includes {
        if what == "verify" && !message.contains(inc.as_str()) {
            failures.push(format!("{}: message lacks {inc:?}: {message}", c.name));
        }
    }
    for f in c.forbidden() {
        if message.contains(&f) {
            failures.push(format!(
                "{}: {what} message contains a secret or an expected signature",
                c.name
            ));
        }
    }
    if message.len() < 20 {
        failures.push(format!("{}: unhelpfully short message {message:?}", c.name));
    }
}

/// Runs every case through `r`; panics listing every failure. Returns the number of cases.
pub fn run_all(r: &dyn Runner) -> usize {
    let cases = cases();
    let mut failures = Vec::new();
    for c in &cases {
        match r.verify(c) {
            Ok(v) => {
                if c.expect["ok"] != Json::Bool(true) {
                    failures.push(format!(
                        "{}: verified, expected {}",
                        c.name, c.expect["code"]
                    ));
                } else {
                    for k in ["id", "timestamp", "keyEncoding"] {
                        if v[k] != c.expect[k] {
                            failures.push(format!(
                                "{}: {k} = {}, expected {}",
                                c.name, v[k], c.expect[k]
                            ));
                        }
                    }
                }
            }
            Err((code, message)) => {
                check_error(c, "verify", &code, &message, &c.expect, &mut failures)
            }
        }
        let want_event = c.event.clone().unwrap_or_else(|| c.expect.clone());
        match r.verify_event(c) {
            Ok(e) => {
                if want_event["ok"] != Json::Bool(true) {
                    failures.push(format!(
                        "{}: event parsed, expected {}",
                        c.name, want_event["code"]
                    ));
                } else {
                    if e["type"] != want_event["type"] {
                        failures.push(format!(
                            "{}: type {}, expected {}",
                            c.name, e["type"], want_event["type"]
                        ));
                    }
                    let data_id = e["data"].get("id").cloned().unwrap_or(Json::Null);
                    if data_id != want_event["dataId"] {
                        failures.push(format!(
                            "{}: data.id {data_id}, expected {}",
                            c.name, want_event["dataId"]
                        ));
                    }
                    if e["id"] != c.expect["id"] || e["keyEncoding"] != c.expect["keyEncoding"] {
                        failures.push(format!(
                            "{}: event id/keyEncoding differ from verify",
                            c.name
                        ));
                    }
                    if !e["body"].is_object() {
                        failures.push(format!("{}: event body is not an object", c.name));
                    }
                }
            }
            Err((code, message)) => check_error(
                c,
                "verify_event",
                &code,
                &message,
                &want_event,
                &mut failures,
            ),
        }
        if c.sign {
            let id = c.header("webhook-id").expect("id");
            let ts: i64 = c
                .header("webhook-timestamp")
                .expect("ts")
                .parse()
                .expect("ts");
            match r.sign(c, id, ts) {
                Ok(sig) if Some(sig.as_str()) == c.header("webhook-signature") => {}
                Ok(sig) => failures.push(format!(
                    "{}: signed {sig}, expected {:?}",
                    c.name,
                    c.header("webhook-signature")
                )),
                Err((code, m)) => failures.push(format!("{}: sign failed {code}: {m}", c.name)),
            }
        }
    }
    // every error code has at least one negative case
    for code in [
        "missing_header",
        "invalid_timestamp",
        "timestamp_too_old",
        "timestamp_too_new",
        "invalid_signature_header",
        "no_matching_signature",
        "invalid_secret",
        "invalid_payload",
    ] {
        let n = cases
            .iter()
            .filter(|c| {
                c.expect["code"] == code || c.event.as_ref().is_some_and(|e| e["code"] == code)
            })
            .count();
        if n == 0 {
            failures.push(format!("no negative case for {code}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    cases.len()
}
