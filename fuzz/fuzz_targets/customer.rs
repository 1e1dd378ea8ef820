//! `validateCustomer(input, options)` as the bindings call it (`Validator::Customer.run_text`): JSON
//! input when the bytes are JSON (`<input> [NUL <options>]`), else a structured tree with customer,
//! address and tax id keys; options with the documented keys and arbitrary values. Invariants: no
//! issue echoes a tax id number (6+ characters, or its 6+ digits); an Ok value validates again to
//! itself (same options).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use oms_wasm::validate::address::ADDRESS_KEYS;
use oms_wasm::validate::customer::CUSTOMER_KEYS;
use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::tax_id::TAX_ID_KEYS;
use oms_wasm::validate::Value;

fn keys() -> Vec<&'static str> {
    let mut k = CUSTOMER_KEYS.to_vec();
    k.extend(ADDRESS_KEYS);
    k.extend(TAX_ID_KEYS);
    k.extend([
        "first_name",
        "dob",
        "address",
        "ssn",
        "taxId",
        "phoneNumber",
        "kyc",
    ]);
    k
}

fn today() -> Date {
    Date::parse("2026-01-15").expect("date")
}

fuzz_target!(|data: &[u8]| {
    let keys = keys();
    let Some((input, options)) = common::input_and_options(data, &keys, |u| {
        common::options(u, Validator::Customer.option_keys(), &[])
    }) else {
        return;
    };
    let run = |input: &Value| Validator::Customer.run_text(input, &options, today());
    match run(&input) {
        Ok(text) => {
            let v: serde_json::Value = serde_json::from_str(&text).expect("result is JSON");
            assert!(v.is_object(), "{text}");
            let again = run(&Value::from(v))
                .unwrap_or_else(|e| panic!("{text} does not validate again: {e:?}"));
            assert_eq!(again, text);
        }
        Err(issues) => {
            assert!(!issues.is_empty());
            common::assert_no_number_echo(&input, false, &issues, |v| {
                run(v).err().unwrap_or_default()
            });
        }
    }
});
