//! Development harness for the phone validator: reads JSON lines `{"input": "...", "defaultCountry":
//! "US" | null}` on stdin and prints one JSON line per input with what `oms_wasm::validate::phone`
//! answers. `js/tools/phone-agreement-native.mjs` compares these with libphonenumber-js.
//!
//! Output fields: `error` (libphonenumber-js error name or null), `e164`, `country`, `nationalNumber`,
//! `ext`, `possible`, `valid`, `type`, and `possibility` (`validatePhoneNumberLength`: a result name,
//! or the error name when parsing fails).
//!
//! Run: `cargo run --release --example phone_oracle < cases.jsonl`

use std::io::{self, BufRead, BufWriter, Write};

use oms_wasm::validate::phone::{parse, validate_length, PhoneOptions};
use serde_json::{json, Value};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let case: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                writeln!(out, "{}", json!({ "harnessError": e.to_string() }))?;
                continue;
            }
        };
        let input = case.get("input").and_then(Value::as_str).unwrap_or("");
        let options = PhoneOptions {
            default_country: case.get("defaultCountry").and_then(Value::as_str),
        };
        let possibility = match validate_length(input, &options) {
            Ok(p) => p.as_str(),
            Err(e) => e.as_str(),
        };
        let result = match parse(input, &options) {
            Ok(n) => json!({
                "error": null,
                "e164": n.e164,
                "country": n.country,
                "nationalNumber": n.national_number,
                "ext": n.extension,
                "possible": n.possible(),
                "valid": n.valid,
                "type": n.number_type.map(|t| t.as_str()),
                "possibility": possibility,
            }),
            Err(e) => json!({
                "error": e.as_str(),
                "e164": null,
                "country": null,
                "nationalNumber": null,
                "ext": null,
                "possible": false,
                "valid": false,
                "type": null,
                "possibility": possibility,
            }),
        };
        writeln!(out, "{result}")?;
    }
    out.flush()
}
