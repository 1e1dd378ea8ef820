//! `validateTaxId(input)` as the bindings call it (`Validator::TaxId.run_text`): JSON input when
//! the bytes are JSON (`<input> [NUL <options>]`), else a structured tree with tax id keys; arbitrary
//! options. Invariants: no issue echoes a tax id number (6+ characters, or its 6+ digits); an Ok
//! value validates again to itself.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::tax_id::TAX_ID_KEYS;
use oms_wasm::validate::Value;

fn keys() -> Vec<&'static str> {
    let mut k = TAX_ID_KEYS.to_vec();
    k.extend([
        "kind", "idType", "value", "id", "idNumber", "ssn", "itin", "country", "issuer",
    ]);
    k
}

fuzz_target!(|data: &[u8]| {
    let keys = keys();
    let Some((input, options)) =
        common::input_and_options(data, &keys, |u| common::options(u, &[], &[]))
    else {
        return;
    };
    let run = |input: &Value| Validator::TaxId.run_text(input, &options, Date::EPOCH);
    match run(&input) {
        Ok(text) => {
            let v: serde_json::Value = serde_json::from_str(&text).expect("result is JSON");
            let again = Validator::TaxId
                .run_text(&Value::from(v), &Value::Undefined, Date::EPOCH)
                .unwrap_or_else(|e| panic!("{text} does not validate again: {e:?}"));
            assert_eq!(again, text);
        }
        Err(issues) => {
            assert!(!issues.is_empty());
            common::assert_no_number_echo(&input, true, &issues, |v| {
                run(v).err().unwrap_or_default()
            });
        }
    }
});
