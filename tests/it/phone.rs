//! Phone parsing: the shared known-answer vectors (`tests/vectors/phone.json`, answers of
//! libphonenumber-js/max) and property tests that parsing never panics.

use oms_wasm::validate::phone::{
    country_calling_code, is_possible, is_supported_country, is_valid, parse, validate_length,
    PhoneError, PhoneOptions, Possibility,
};
use oms_wasm::validate::phone_field::{validate_phone_at, PhoneFieldOptions};
use oms_wasm::validate::{IssueCode, PathSeg};
use serde_json::{json, Value};

const VECTORS: &str = include_str!("../vectors/phone.json");

fn str_field<'a>(v: &'a Value, name: &str) -> Option<&'a str> {
    v.get(name).and_then(Value::as_str)
}

/// Our answers in the vectors' shape.
fn actual(input: &str, default_country: Option<&str>) -> Value {
    let options = PhoneOptions { default_country };
    let possibility = match validate_length(input, &options) {
        Ok(p) => Some(p.as_str()),
        Err(PhoneError::NotANumber) => None,
        Err(e) => Some(e.as_str()),
    };
    match parse(input, &options) {
        Ok(n) => serde_json::json!({
            "possible": n.possible(),
            "valid": n.valid,
            "e164": n.e164,
            "country": n.country,
            "nationalNumber": n.national_number,
            "ext": n.extension,
            "error": null,
            "possibility": possibility,
            "type": n.number_type.map(|t| t.as_str()),
        }),
        Err(e) => serde_json::json!({
            "possible": false,
            "valid": false,
            "e164": null,
            "country": null,
            "nationalNumber": null,
            "ext": null,
            "error": e.as_str(),
            "possibility": possibility,
            "type": null,
        }),
    }
}

#[test]
fn known_answer_vectors() {
    let file: Value = serde_json::from_str(VECTORS).expect("vectors are JSON");
    let vectors = file
        .get("vectors")
        .and_then(Value::as_array)
        .expect("vectors array");
    assert!(vectors.len() > 300, "expected a few hundred vectors");
    let fields = [
        "possible",
        "valid",
        "e164",
        "country",
        "nationalNumber",
        "ext",
        "error",
        "possibility",
        "type",
    ];
    let mut failures = Vec::new();
    for v in vectors {
        let input = str_field(v, "input").expect("input");
        let dc = str_field(v, "defaultCountry");
        let got = actual(input, dc);
        for f in fields {
            let want = v.get(f).unwrap_or(&Value::Null);
            let have = got.get(f).unwrap_or(&Value::Null);
            if want != have {
                failures.push(format!(
                    "{input:?} (default {dc:?}): {f}: expected {want}, got {have}"
                ));
            }
        }
        // The convenience functions agree with the parsed number.
        let options = PhoneOptions {
            default_country: dc,
        };
        assert_eq!(
            is_possible(input, &options),
            v.get("possible") == Some(&Value::Bool(true)),
            "{input:?}"
        );
        assert_eq!(
            is_valid(input, &options),
            v.get("valid") == Some(&Value::Bool(true)),
            "{input:?}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `tests/vectors/phone_countries.json`: at least ten valid and ten invalid inputs for every country
/// and non-geographic calling code (answers of libphonenumber-js/max), so one territory broken
/// (every St Kitts number invalid, say) fails here.
#[test]
fn every_territory_vectors() {
    let file: Value = serde_json::from_str(include_str!("../vectors/phone_countries.json"))
        .expect("vectors are JSON");
    let per_class = file["perClass"].as_u64().expect("perClass") as usize;
    assert!(per_class >= 10);
    let territories = file["territories"].as_object().expect("territories");
    // every country we support has vectors (and no vector names a country we do not support)
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let alpha2 = String::from_utf8(vec![a, b]).unwrap();
            assert_eq!(
                is_supported_country(&alpha2),
                territories.contains_key(&alpha2),
                "{alpha2}: supported vs vectors"
            );
        }
    }
    assert!(territories.keys().filter(|t| t.starts_with('+')).count() >= 9);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (territory, vectors) in territories {
        let vectors = vectors.as_array().expect("vectors of a territory");
        let valid = vectors.iter().filter(|v| v[3] == Value::Bool(true)).count();
        assert!(
            valid >= per_class && vectors.len() - valid >= per_class,
            "{territory}: {valid} valid of {}",
            vectors.len()
        );
        for v in vectors {
            let input = v[0].as_str().expect("input");
            let dc = v[1].as_str();
            let options = PhoneOptions {
                default_country: dc,
            };
            let got = match parse(input, &options) {
                Ok(n) if n.possible() => serde_json::json!([
                    input,
                    dc,
                    true,
                    n.valid,
                    n.e164,
                    n.country,
                    n.number_type.map(|t| t.as_str())
                ]),
                _ => serde_json::json!([input, dc, false, false, null, null, null]),
            };
            if &got != v {
                failures.push(format!("{territory}: expected {v}, got {got}"));
            }
            assert_eq!(
                is_possible(input, &options),
                v[2] == Value::Bool(true),
                "{input:?} {dc:?}"
            );
            assert_eq!(
                is_valid(input, &options),
                v[3] == Value::Bool(true),
                "{input:?} {dc:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 254 * 20, "{checked} vectors");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_error_kind_is_covered_by_the_vectors() {
    let file: Value = serde_json::from_str(VECTORS).expect("vectors are JSON");
    let vectors = file
        .get("vectors")
        .and_then(Value::as_array)
        .expect("vectors array");
    for kind in ["NOT_A_NUMBER", "INVALID_COUNTRY", "TOO_SHORT", "TOO_LONG"] {
        assert!(
            vectors.iter().any(|v| str_field(v, "error") == Some(kind)),
            "no vector for {kind}"
        );
    }
    for kind in ["TOO_SHORT", "TOO_LONG", "INVALID_LENGTH"] {
        assert!(
            vectors
                .iter()
                .any(|v| str_field(v, "error").is_none()
                    && str_field(v, "possibility") == Some(kind)),
            "no parsed vector with possibility {kind}"
        );
    }
}

/// The 250-character limit counts UTF-16 code units (JS `length`), not bytes: 250 units of
/// two-byte no-break spaces and an astral digit-free emoji are within it, one more is not.
#[test]
fn input_limit_counts_utf16_units() {
    let us = PhoneOptions::default();
    let base = "+1 212 555 1234"; // 15 units
    let nbsp = format!("{base}{}", "\u{a0}".repeat(235)); // 250 units, 485 bytes
    assert_eq!(
        parse(&nbsp, &us).map(|n| n.e164),
        Ok("+12125551234".to_owned())
    );
    assert_eq!(
        parse(&format!("{nbsp}\u{a0}"), &us),
        Err(PhoneError::TooLong)
    );
    // an astral character is two units
    let astral = format!("{base}{}\u{1F600}", " ".repeat(233)); // 15 + 233 + 2 = 250
    assert_ne!(parse(&astral, &us), Err(PhoneError::TooLong));
    assert_eq!(
        parse(&format!("{base}{}\u{1F600}", " ".repeat(234)), &us),
        Err(PhoneError::TooLong)
    );
}

/// libphonenumber's limit of 17 digits for a national number is inclusive: the longest numbers of
/// the metadata (toll-free numbers of Japan and Indonesia) have 17 and are valid; 18 are too long.
/// The answers are libphonenumber-js/max 1.13.16's.
#[test]
fn national_numbers_of_17_digits_are_the_longest() {
    let none = PhoneOptions::default();
    for (input, e164, country) in [
        ("+81 00371234567890123", "+8100371234567890123", "JP"),
        ("+62 00180312345678901", "+6200180312345678901", "ID"),
    ] {
        let n = parse(input, &none).expect(input);
        assert_eq!(n.national_number.len(), 17, "{input}");
        assert_eq!(
            (n.e164.as_str(), n.country, n.valid, n.possible()),
            (e164, Some(country), true, true),
            "{input}"
        );
        assert_eq!(
            n.number_type.map(|t| t.as_str()),
            Some("TOLL_FREE"),
            "{input}"
        );
    }
    assert_eq!(
        parse("+49 123456789012345678", &none),
        Err(PhoneError::TooLong)
    );
}

/// A missing number's `required` message names the phone field: the number of a root
/// `{ country, number }` object is "Phone number" (a bare `number` key alone would read as the
/// customer's "Document number"), as is a customer's `phone` and its object's `number`.
#[test]
fn required_messages_name_the_phone_number() {
    let opts = PhoneFieldOptions::default();
    let required = |v: Value, path: &[PathSeg]| -> Vec<(IssueCode, String)> {
        let v = oms_wasm::validate::Value::from(v);
        validate_phone_at(&v, path, &opts)
            .expect_err("a missing number")
            .into_iter()
            .map(|i| (i.code, i.message))
            .collect()
    };
    let phone = [PathSeg::from("phone")];
    let expected = vec![(IssueCode::Required, "Phone number is required.".to_owned())];
    assert_eq!(
        required(json!({"country": "US", "number": ""}), &[]),
        expected
    );
    assert_eq!(required(json!({"country": "US"}), &[]), expected);
    assert_eq!(
        required(json!({"country": "US", "number": " "}), &phone),
        expected
    );
    assert_eq!(required(json!(null), &phone), expected);
    assert_eq!(required(json!(""), &phone), expected);
}

/// A number of a possible length outside the assigned ranges is accepted (not valid) unless
/// `strict`, which reports `phone_not_valid` (US exchange codes do not start with 1).
#[test]
fn strict_refuses_only_numbers_not_in_use() {
    let number = oms_wasm::validate::Value::from(json!("+1 212 155 1234"));
    let lenient = validate_phone_at(&number, &[], &PhoneFieldOptions::default()).expect("possible");
    assert_eq!(
        (lenient.e164.as_str(), lenient.possible, lenient.valid),
        ("+12121551234", true, false)
    );
    let strict = PhoneFieldOptions {
        strict: true,
        ..PhoneFieldOptions::default()
    };
    let issues = validate_phone_at(&number, &[], &strict).expect_err("not in use");
    assert_eq!(
        issues.iter().map(|i| i.code).collect::<Vec<_>>(),
        [IssueCode::PhoneNotValid]
    );
    let valid = oms_wasm::validate::Value::from(json!("+1 212 555 1234"));
    assert!(validate_phone_at(&valid, &[], &strict).is_ok_and(|n| n.valid));
}

/// The field takes up to 250 characters (then `phone_too_long` before parsing), and the country of
/// a `{ country, number }` object may be any ISO country (AQ: no phone metadata, the number must
/// then be international) or a phone-only territory (AC, Ascension Island).
#[test]
fn field_length_limit_and_object_countries() {
    let opts = PhoneFieldOptions::default();
    let field = |v: Value| validate_phone_at(&oms_wasm::validate::Value::from(v), &[], &opts);
    let at_limit = format!("+1 212 555 1234{}", " ".repeat(235));
    assert_eq!(at_limit.chars().count(), 250);
    assert_eq!(
        field(json!(at_limit)).map(|n| n.e164),
        Ok("+12125551234".to_owned())
    );
    let over = field(json!(format!("{at_limit} "))).expect_err("too long");
    assert_eq!(
        over.iter()
            .map(|i| (i.code, i.message.as_str()))
            .collect::<Vec<_>>(),
        [(
            IssueCode::PhoneTooLong,
            "This phone number is too long to be a phone number."
        )]
    );
    for (country, number, e164) in [
        ("aq", "+1 212 555 1234", "+12125551234"),
        ("AC", "62889", "+24762889"),
    ] {
        let n = field(json!({"country": country, "number": number})).expect(country);
        assert_eq!(n.e164, e164, "{country}");
    }
}

#[test]
fn countries() {
    assert!(is_supported_country("US"));
    assert!(is_supported_country("GG"));
    assert!(!is_supported_country("us"));
    assert!(!is_supported_country("XX"));
    assert!(!is_supported_country(""));
    assert!(!is_supported_country("USA"));
    assert_eq!(country_calling_code("US"), Some("1"));
    assert_eq!(country_calling_code("KZ"), Some("7"));
    assert_eq!(country_calling_code("IM"), Some("44"));
    assert_eq!(country_calling_code("XX"), None);
}

#[test]
fn unsupported_default_country() {
    // Ignored by `parse` (like libphonenumber-js `parsePhoneNumber`), reported by `validate_length`.
    let xx = PhoneOptions {
        default_country: Some("XX"),
    };
    assert_eq!(parse("2125551234", &xx), Err(PhoneError::InvalidCountry));
    assert_eq!(
        validate_length("+1 212 555 1234", &xx),
        Err(PhoneError::InvalidCountry)
    );
    assert!(parse("+1 212 555 1234", &xx).is_ok());
    let us = PhoneOptions {
        default_country: Some("US"),
    };
    assert_eq!(
        validate_length("212 555 12", &us),
        Ok(Possibility::TooShort)
    );
}

/// Invariants of a successful parse.
fn check_invariants(input: &str, dc: Option<&str>) {
    let options = PhoneOptions {
        default_country: dc,
    };
    if let Ok(n) = parse(input, &options) {
        assert!(n.e164.starts_with('+'));
        assert!(n.e164[1..].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(n.e164, format!("+{}{}", n.calling_code, n.national_number));
        assert!((2..=17).contains(&n.national_number.len()));
        assert_eq!(n.valid, n.number_type.is_some());
        assert_ne!(n.possibility, Possibility::InvalidCountry);
        if let Some(c) = n.country {
            assert_eq!(country_calling_code(c), Some(n.calling_code));
        }
        let expected = match dc {
            Some(c) if !c.is_empty() && !is_supported_country(c) => Err(PhoneError::InvalidCountry),
            _ => Ok(n.possibility),
        };
        assert_eq!(validate_length(input, &options), expected);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn default_country() -> impl Strategy<Value = Option<String>> {
        prop_oneof![
            Just(None),
            prop::sample::select(vec![
                "US", "GB", "DE", "FR", "RU", "KZ", "AR", "BR", "MX", "IN", "AU", "JP", "CN", "NG",
                "CA", "PR", "GG", "IT", "VA", "FI", "AX", "NO", "MA", "RE", "CW",
            ])
            .prop_map(|s| Some(s.to_owned())),
            "[A-Z]{2}".prop_map(Some),
            ".{0,4}".prop_map(Some),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_on_any_string(input in ".{0,300}", dc in default_country()) {
            check_invariants(&input, dc.as_deref());
        }

        #[test]
        fn never_panics_on_long_strings(input in ".{250,3000}", dc in default_country()) {
            let _ = parse(&input, &PhoneOptions { default_country: dc.as_deref() });
        }

        #[test]
        fn never_panics_on_phone_like_strings(
            input in "[+0123456789()\\-. ext#*x]{0,40}",
            dc in default_country(),
        ) {
            check_invariants(&input, dc.as_deref());
        }

        #[test]
        fn never_panics_on_long_phone_like_strings(
            input in "[+0123456789()\\-. ext#*x;,~]{200,600}",
            dc in default_country(),
        ) {
            check_invariants(&input, dc.as_deref());
        }

        #[test]
        fn never_panics_on_unicode_digits_labels_and_uris(
            parts in prop::collection::vec(prop::sample::select(vec![
                "+", "＋", "0", "1", "5", "9", "４", "٣", "۷", " ", "-", "(", ")", ".", "\u{a0}", "~", "～",
                "x", "X", "ext.", "EXTN", "extensión", "доб", "anexo", "ｅｘｔ", "#", "＃", ",,", ";", ",",
                ";ext=", "tel:", ";phone-context=", "+1", "example.com", ";isub=", "\t", "\u{1F600}", "é",
            ]), 0..40),
            dc in default_country(),
        ) {
            let input: String = parts.concat();
            check_invariants(&input, dc.as_deref());
        }

        #[test]
        fn e164_output_parses_again(
            cc in prop::sample::select(vec!["1", "7", "44", "49", "33", "54", "55", "61", "86", "91", "234", "800", "882"]),
            nn in "[0-9]{4,14}",
        ) {
            // Not necessarily to the same number: like libphonenumber-js, a national prefix written
            // after the calling code is stripped again (`+44 0...`).
            // A known calling code and 4 to 14 digits always parses (possible or not), and so does
            // the E.164 written from it.
            let input = format!("+{cc}{nn}");
            let n = parse(&input, &PhoneOptions::default());
            prop_assert!(n.is_ok(), "{input}: {n:?}");
            let e164 = n.unwrap().e164;
            let again = parse(&e164, &PhoneOptions::default());
            prop_assert!(again.is_ok(), "{input} -> {e164}: {again:?}");
            check_invariants(&e164, None);
            check_invariants(&again.unwrap().e164, None);
        }
    }
}
