//! `validatePhone(input, { defaultCountry?, strict? })` as the bindings call it
//! (`Validator::Phone.run_text`), and the libphonenumber-style `validate::phone::parse` under it.
//!
//! Input: `[country selector][flags][text...]`. Invariants: an Ok result's `e164` starts with `+`
//! and is `+` calling code national number, at most 21 characters (libphonenumber's
//! bound; E.164's 15 digits are exceeded by a few valid numbers, see below); a parsed number's `e164` is `+` calling code national number,
//! and (when the number is valid) parses again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::phone::{self, PhoneOptions};
use oms_wasm::validate::Value;

const COUNTRIES: &[&str] = &[
    "US", "CA", "GB", "DE", "FR", "MX", "BR", "IN", "CN", "JP", "AU", "NZ", "IT", "ES", "RU", "KZ",
    "AR", "NG", "ZA", "AE", "SG", "HK", "KR", "IL", "BS", "PR", "GU", "VA", "AX", "001", "us",
    "XX", "",
];

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = data.split_first().unwrap_or((&0, &[]));
    let (flags, text) = rest.split_first().unwrap_or((&0, &[]));
    let text = String::from_utf8_lossy(text);
    let country: Option<String> = match sel % 4 {
        0 => None,
        1 | 2 => Some(COUNTRIES[usize::from(sel / 4) % COUNTRIES.len()].to_owned()),
        // two arbitrary characters taken from the selector's high bits and the flags
        _ => Some(
            [
                char::from(b'A' + (sel >> 2) % 26),
                char::from(b'A' + (flags >> 3) % 26),
            ]
            .iter()
            .collect(),
        ),
    };

    // the core parser
    let opts = PhoneOptions {
        default_country: country.as_deref(),
    };
    if let Ok(n) = phone::parse(&text, &opts) {
        assert!(n.e164.starts_with('+'), "{n:?}");
        assert_eq!(
            n.e164,
            format!("+{}{}", n.calling_code, n.national_number),
            "{n:?}"
        );
        assert!(
            n.national_number.bytes().all(|b| b.is_ascii_digit()),
            "{n:?}"
        );
        if n.valid {
            let again = phone::parse(&n.e164, &PhoneOptions::default()).unwrap_or_else(|e| {
                panic!("{:?} from {text:?} does not parse again: {e:?}", n.e164)
            });
            assert_eq!(again.e164, n.e164, "{text:?}");
            assert!(again.valid, "{:?} from {text:?} is not valid again", n.e164);
        }
        let _ = phone::validate_length(&text, &opts);
    }

    // the JS entry point
    let mut entries = Vec::new();
    if let Some(c) = &country {
        entries.push(("defaultCountry".to_owned(), Value::String(c.clone())));
    }
    match flags % 4 {
        0 => {}
        1 => entries.push(("strict".to_owned(), Value::Bool(true))),
        2 => entries.push(("strict".to_owned(), Value::Bool(false))),
        _ => entries.push(("strict".to_owned(), Value::String("yes".into()))),
    }
    let options = if entries.is_empty() && flags & 4 != 0 {
        Value::Undefined
    } else {
        Value::Object(entries)
    };
    let input = Value::String(text.into_owned());
    match Validator::Phone.run_text(&input, &options, Date::EPOCH) {
        Ok(json) => {
            let v: serde_json::Value = serde_json::from_str(&json).expect("result is JSON");
            let e164 = v["e164"].as_str().expect("e164 is a string");
            assert!(e164.starts_with('+'), "{json}");
            assert!(e164[1..].bytes().all(|b| b.is_ascii_digit()), "{json}");
            // E.164 caps numbers at 15 digits (16 characters), but libphonenumber (which this
            // validator follows; libphonenumber-js/max agrees) accepts longer national numbers for
            // a few countries: `+4981371938752050` is a valid German fixed line (16 digits). So
            // the bound is libphonenumber's: a 1-3 digit calling code + at most 17 national digits.
            assert!(e164.len() <= 21, "{json}");
            let cc = v["callingCode"].as_str().expect("callingCode");
            let nn = v["nationalNumber"].as_str().expect("nationalNumber");
            assert_eq!(e164, format!("+{cc}{nn}"), "{json}");
        }
        Err(issues) => {
            assert!(!issues.is_empty());
            for i in &issues {
                assert!(!i.message.is_empty());
            }
        }
    }
});
