//! `validateAddress(input)` as the bindings call it (`Validator::Address.run_text`): the input is
//! JSON when the bytes are JSON (`<input> [NUL <options>]`), else a structured tree with address
//! keys. Options are arbitrary (the validator takes none, so any key is an `invalid_option`).
//! Invariants: an Ok value is JSON and validating it again gives the same value; issues are well
//! formed.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use oms_wasm::validate::address::ADDRESS_KEYS;
use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::Value;

fn keys() -> Vec<&'static str> {
    let mut k = ADDRESS_KEYS.to_vec();
    k.extend([
        "postalCode",
        "zip",
        "street",
        "address1",
        "province",
        "region",
        "countryCode",
    ]);
    k
}

fuzz_target!(|data: &[u8]| {
    let keys = keys();
    let Some((input, options)) =
        common::input_and_options(data, &keys, |u| common::options(u, &[], &["US"]))
    else {
        return;
    };
    match Validator::Address.run_text(&input, &options, Date::EPOCH) {
        Ok(text) => {
            let v: serde_json::Value = serde_json::from_str(&text).expect("result is JSON");
            assert!(v.is_object(), "{text}");
            // normalization is idempotent
            let again = Validator::Address
                .run_text(&Value::from(v), &Value::Undefined, Date::EPOCH)
                .unwrap_or_else(|e| panic!("{text} does not validate again: {e:?}"));
            assert_eq!(again, text);
        }
        Err(issues) => {
            assert!(!issues.is_empty());
            for i in &issues {
                assert!(!i.message.is_empty(), "{i:?}");
            }
        }
    }
});
