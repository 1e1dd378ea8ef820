//! Checks that a verified body is an event envelope — a JSON object with a non-empty string
//! `type` — in one pass, without building a JSON tree (members other than `type` are skipped).

use super::error::{WebhookError, WebhookErrorKind};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// What the scan found.
pub(crate) struct Envelope {
    pub event_type: String,
    pub has_data: bool,
}

/// Any JSON value, read and dropped. Unlike `serde::de::Skip` (which serde_json skips
/// without decoding strings) it decodes every string and key, so a body this scan accepts is one
/// `serde_json::Value` accepts too (e.g. a lone-surrogate escape `"\ud800"` is rejected by both).
struct Skip;

impl<'de> de::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Skip, A::Error> {
                while a.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Skip, A::Error> {
                while a.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Skip)
            }
        }
        d.deserialize_any(V)
    }
}

/// The `type` member's value: a string, or anything else (skipped).
enum TypeField {
    Str(String),
    Other,
}

impl<'de> de::Deserialize<'de> for TypeField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TypeField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<TypeField, E> {
                Ok(TypeField::Str(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<TypeField, E> {
                Ok(TypeField::Str(s))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<TypeField, E> {
                Ok(TypeField::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<TypeField, E> {
                Ok(TypeField::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<TypeField, E> {
                Ok(TypeField::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<TypeField, E> {
                Ok(TypeField::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<TypeField, E> {
                Ok(TypeField::Other)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<TypeField, A::Error> {
                while a.next_element::<Skip>()?.is_some() {}
                Ok(TypeField::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<TypeField, A::Error> {
                while a.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(TypeField::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The top level: an object (only `visit_map`, so an array is not read as a struct).
enum Top {
    Object {
        event_type: Option<TypeField>,
        has_data: bool,
    },
    NotObject,
}

impl<'de> de::Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Top, A::Error> {
                let mut event_type = None;
                let mut has_data = false;
                while let Some(key) = a.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        // a repeated member: the last one wins, as in JSON.parse and serde_json::Value
                        "type" => event_type = Some(a.next_value::<TypeField>()?),
                        "data" => {
                            has_data = true;
                            a.next_value::<Skip>()?;
                        }
                        _ => {
                            a.next_value::<Skip>()?;
                        }
                    }
                }
                Ok(Top::Object {
                    event_type,
                    has_data,
                })
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Top, A::Error> {
                while a.next_element::<Skip>()?.is_some() {}
                Ok(Top::NotObject)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Top, E> {
                Ok(Top::NotObject)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Top, E> {
                Ok(Top::NotObject)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Top, E> {
                Ok(Top::NotObject)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Top, E> {
                Ok(Top::NotObject)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Top, E> {
                Ok(Top::NotObject)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
                Ok(Top::NotObject)
            }
        }
        d.deserialize_any(V)
    }
}

fn invalid(why: impl Into<String>) -> WebhookError {
    WebhookError::new(WebhookErrorKind::InvalidPayload, why)
}

/// The `invalid_payload` error for a body that is not JSON.
pub(crate) fn not_json(e: &serde_json::Error) -> WebhookError {
    invalid(format!(
        "the signature is valid but the body is not JSON ({} at line {}, column {}); \
         use verifyWebhookSignature for non-JSON bodies",
        match e.classify() {
            serde_json::error::Category::Io => "unreadable",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "unexpected data",
            serde_json::error::Category::Eof => "unexpected end",
        },
        e.line(),
        e.column()
    ))
}

/// Scans `payload` as an envelope.
pub(crate) fn scan(payload: &[u8]) -> Result<Envelope, WebhookError> {
    let top: Top = serde_json::from_slice(payload).map_err(|e| not_json(&e))?;
    match top {
        Top::NotObject => Err(invalid(
            "the signature is valid but the body is not a JSON object (an event is { type, timestamp, data })",
        )),
        Top::Object { event_type: None, .. } => Err(invalid(
            "the signature is valid but the body has no `type` (an event is { type, timestamp, data })",
        )),
        Top::Object {
            event_type: Some(TypeField::Str(t)),
            has_data,
        } if !t.is_empty() => Ok(Envelope {
            event_type: t,
            has_data,
        }),
        Top::Object { .. } => Err(invalid(
            "the signature is valid but the body's `type` is not a non-empty string",
        )),
    }
}
