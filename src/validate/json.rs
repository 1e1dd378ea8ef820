//! The JSON text of the validators' outputs, written directly.
//!
//! The bindings return every result as one JSON text that the engine parses once. Writing it here
//! instead of through `serde_json` keeps serde's serializer out of the validation-only `.wasm`
//! (`oms-wasm/validate`) and is several times faster in wasm. Field names and omission rules are
//! those of the serde derives on the same types; `tests/validators_json.rs` checks that both give
//! the same JSON for every validator output.

use crate::model::customer::{Address, CustomerInput, IdentifyingInformation};
use crate::validate::customer::CustomerOut;
use crate::validate::phone_field::PhoneOutput;

/// A value that writes itself as JSON text.
pub trait ToJson {
    /// Appends the JSON text of `self` to `out`.
    fn write_json(&self, out: &mut String);

    /// The JSON text of `self`.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn to_json(&self) -> String {
        // (a customer is 300–600 bytes: one allocation, no regrowth)
        let mut out = String::with_capacity(512);
        self.write_json(&mut out);
        out
    }
}

/// Appends `s` as a JSON string literal (see [`crate::text::push_json_str`]).
pub use crate::text::push_json_str as push_str;

/// Writes the members of one JSON object.
struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    /// Starts member `key` (a plain ASCII name: not escaped); the caller writes the value.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn str(&mut self, key: &str, v: &str) {
        push_str(self.key(key), v);
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn opt_str(&mut self, key: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str(key, v);
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn bool(&mut self, key: &str, v: bool) {
        self.key(key).push_str(if v { "true" } else { "false" });
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn value<T: ToJson + ?Sized>(&mut self, key: &str, v: &T) {
        v.write_json(self.key(key));
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn opt<T: ToJson>(&mut self, key: &str, v: &Option<T>) {
        if let Some(v) = v {
            self.value(key, v);
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn end(self) {
        self.out.push('}');
    }
}

impl ToJson for str {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        push_str(out, self);
    }
}

impl ToJson for String {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        push_str(out, self);
    }
}

impl<T: ToJson> ToJson for [T] {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl ToJson for PhoneOutput {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.str("e164", &self.e164);
        o.opt_str("country", self.country);
        o.str("callingCode", self.calling_code);
        o.str("nationalNumber", &self.national_number);
        o.opt_str("extension", self.extension.as_deref());
        o.bool("possible", self.possible);
        o.bool("valid", self.valid);
        o.opt_str("type", self.number_type);
        o.end();
    }
}

impl ToJson for Address {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.str("line1", &self.line1);
        o.opt_str("line2", self.line2.as_deref());
        o.str("city", &self.city);
        o.opt_str("state", self.state.as_deref());
        o.str("country", &self.country);
        o.opt_str("zipCode", self.zip_code.as_deref());
        o.end();
    }
}

impl ToJson for IdentifyingInformation {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.str("type", self.kind.as_str());
        o.opt_str("issuingCountry", self.issuing_country.as_deref());
        // The caller's own document number, returned to the caller's own code (never in a message).
        o.str("number", self.number.expose());
        o.end();
    }
}

impl ToJson for CustomerInput {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        customer_fields(self, &mut o);
        if let Some(m) = &self.metadata {
            write_map(o.key("metadata"), m);
        }
        o.end();
    }
}

/// The validate entry's customer: `metadata` written from its string pairs (no `serde_json` map).
impl ToJson for CustomerOut {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        customer_fields(&self.input, &mut o);
        if let Some(m) = &self.metadata {
            let out = o.key("metadata");
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_str(out, k);
                out.push(':');
                push_str(out, v);
            }
            out.push('}');
        }
        o.end();
    }
}

/// Every field of a customer but `metadata`, in the serde derive's order.
#[cfg_attr(oms_nightly, optimize(speed))]
fn customer_fields(c: &CustomerInput, o: &mut Obj<'_>) {
    o.opt_str("type", c.kind.as_deref());
    o.opt_str("firstName", c.first_name.as_deref());
    o.opt_str("middleName", c.middle_name.as_deref());
    o.opt_str("lastName", c.last_name.as_deref());
    o.opt_str("email", c.email.as_deref());
    o.opt_str("phone", c.phone.as_deref());
    o.opt_str(
        "birthDate",
        c.birth_date.as_ref().map(|d| d.expose().as_str()),
    );
    o.opt_str("nationality", c.nationality.as_deref());
    o.opt_str("ipAddress", c.ip_address.as_deref());
    o.opt_str("externalId", c.external_id.as_deref());
    if let Some(b) = c.signed_agreement {
        o.bool("signedAgreement", b);
    }
    o.opt("residentialAddress", &c.residential_address);
    o.opt("identifyingInformation", &c.identifying_information);
    if let Some(e) = &c.endorsements {
        let out = o.key("endorsements");
        out.push('[');
        for (i, e) in e.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_str(out, e.as_str());
        }
        out.push(']');
    }
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn write_map(out: &mut String, m: &serde_json::Map<String, serde_json::Value>) {
    out.push('{');
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_str(out, k);
        out.push(':');
        v.write_json(out);
    }
    out.push('}');
}

/// Free-form JSON (customer `metadata`). Numbers print as `serde_json` prints them.
impl ToJson for serde_json::Value {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn write_json(&self, out: &mut String) {
        use serde_json::Value as J;
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Number(n) => out.push_str(&n.to_string()),
            J::String(s) => push_str(out, s),
            J::Array(items) => items.write_json(out),
            J::Object(m) => write_map(out, m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_a_json_parser() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é😀\u{2028}\u{fffd}\"\\");
        for s in [
            "",
            "plain",
            "a\"b",
            "back\\slash",
            "\u{0}\u{1f}\u{7f}",
            every.as_str(),
        ] {
            let mut out = String::new();
            push_str(&mut out, s);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s, "{out}");
            assert!(!out[1..out.len() - 1].bytes().any(|b| b < 0x20), "{out}");
        }
    }
}
