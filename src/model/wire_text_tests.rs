//! The direct text reading against the `serde_json::Value` reading, on hand-picked texts (the
//! property tests over real responses are in tests/it/api_props.rs).

use super::wire::{read_text, Wire};
use super::wire_text::{Decline, MAX_NESTING};
use crate::model::{Customer, ListPage, Wallet, WalletTarget};
use serde_json::Value;

/// The text path gives what the `Value` path gives, or declines.
fn same<T: Wire + PartialEq + std::fmt::Debug>(text: &str) -> bool {
    let by_value = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| T::read(v).ok());
    match read_text::<T>(text) {
        Ok(t) => {
            assert_eq!(Some(&t), by_value.as_ref(), "{text}");
            true
        }
        Err(Decline) => false,
    }
}

#[test]
fn field_lookup_from_a_hint_finds_what_the_plain_lookup_finds() {
    use crate::model::wire::{field_index, field_index_after};
    let fields = Customer::FIELDS;
    let keys = fields
        .iter()
        .copied()
        .chain(["", "x", "idx", "i", "createdA"]);
    for key in keys {
        for start in 0..fields.len() + 3 {
            // (against a plain search: `field_index` is `field_index_after` from 0)
            let plain = fields
                .iter()
                .position(|f| *f == key)
                .unwrap_or(fields.len());
            assert_eq!(
                field_index_after(fields, key, start),
                plain,
                "{key} from {start}"
            );
            assert_eq!(field_index(fields, key), plain, "{key}");
        }
    }
    assert_eq!(field_index_after(&[], "id", 0), 0);
}

#[test]
fn max_nesting_is_serde_jsons() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(serde_json::from_str::<Value>(&nested(MAX_NESTING)).is_ok());
    assert!(serde_json::from_str::<Value>(&nested(MAX_NESTING + 1)).is_err());
    // an unknown member nested past the limit as a whole is declined (the Value path fails)
    let deep = |n: usize| format!(r#"{{"id":"w","x":{}}}"#, nested(n));
    assert!(same::<Wallet>(&deep(MAX_NESTING - 1)));
    assert!(!same::<Wallet>(&deep(MAX_NESTING)));
    assert!(serde_json::from_str::<Value>(&deep(MAX_NESTING)).is_err());
    // the same with a long string at the bottom: the nesting itself decides, not the length
    let padded = |n: usize| {
        let pad = "a".repeat(600);
        format!(
            r#"{{"id":"w","x":{}"{pad}"{}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    assert!(same::<Wallet>(&padded(MAX_NESTING - 1)));
    assert!(!same::<Wallet>(&padded(MAX_NESTING)));
    // and with objects: `{"a":{"a":…"pad"…}}`
    let objects = |n: usize| {
        let pad = "a".repeat(600);
        format!(
            r#"{{"id":"w","x":{}"{pad}"{}}}"#,
            r#"{"a":"#.repeat(n),
            "}".repeat(n)
        )
    };
    assert!(same::<Wallet>(&objects(MAX_NESTING - 1)));
    assert!(!same::<Wallet>(&objects(MAX_NESTING)));
    // a long but shallow unknown member is read directly
    assert!(same::<Wallet>(&format!(
        r#"{{"id":"w","x":"{}"}}"#,
        "a".repeat(600)
    )));
    // closing the known nested structs and arrays gives their depth back: an unknown member at
    // the limit after them is still read directly
    let after = format!(
        r#"{{"endorsements":[{{"type":"basic","requirements":{{"complete":["phone"]}}}}],"x":{}}}"#,
        nested(MAX_NESTING - 1)
    );
    assert!(same::<Customer>(&after));
}

#[test]
fn reads_what_the_value_path_reads() {
    for text in [
        r#"{"id":"w_1","status":"ACTIVE","x":{"a":[1,2.5,"é"]}}"#,
        " {\n\t\"id\" : \"w_1\" , \"id\":\"w_2\" } ",
        r#"{"id":"a\"b\u00e9","z":1e400}"#,
        r#"{}"#,
        r#"{"id":null}"#,
    ] {
        assert!(same::<Wallet>(text), "{text}");
    }
    // list pages: bare arrays, the cursor alias
    for text in [
        r#"[{"id":"w"}]"#,
        r#"{"data":[],"cursor":"c"}"#,
        r#"{"nextCursor":"d","cursor":"c"}"#,
        // an alias before its canonical key: the alias stays an unknown member, in its place
        r#"{"x":1,"cursor":"c","y":2,"nextCursor":"d"}"#,
        r#"{"x":1,"cursor":"c","y":2,"cursor":"e","nextCursor":"d","cursor":"f"}"#,
        r#"{"hasMore":true,"cursor":"c","cursor":"e"}"#,
    ] {
        assert!(same::<ListPage<Wallet>>(text), "{text}");
    }
}

#[test]
fn declines_what_it_cannot_reproduce() {
    for text in [
        r#"{"id":"w","#,
        r#"{"id":"w",}"#,
        r#"{"id":"w"} x"#,
        r#"{"id":1}"#,
        "{\"id\":\"a\tb\"}",
        r#"{"id":"\ud800"}"#,
        r#"{"id":"w"}{}"#,
        "[]",
        "nul",
        r#"{"id":"w" "status":"x"}"#,
    ] {
        assert!(!same::<Wallet>(text), "{text}");
    }
    assert!(!same::<Customer>(r#"{"createdAt":"x","createdAt":1}"#));
    // two aliases each before its canonical key: their places among the unknown members
    // depend on each other (the Value path: `wallet`, `externalAccountId`, `x`)
    let two = r#"{"wallet":"a","externalAccountId":"b","x":1,"id":"c","externalAccount":"d"}"#;
    assert!(!same::<WalletTarget>(two));
    let by_value = WalletTarget::read(serde_json::from_str(two).unwrap()).unwrap();
    let keys: Vec<&String> = by_value.extra.keys().collect();
    assert_eq!(keys, ["wallet", "externalAccountId", "x"]);
    // one such pair is read here, and known keys after it too
    assert!(same::<WalletTarget>(
        r#"{"x":0,"wallet":"a","externalAccountId":"b","y":1,"id":"c"}"#
    ));
    assert!(same::<WalletTarget>(
        r#"{"x":0,"wallet":"a","y":1,"id":"c","blockchainAddress":"z","wallet":"d"}"#
    ));
    assert!(same::<WalletTarget>(
        r#"{"externalAccountId":"b","externalAccount":"d","externalAccount":"e"}"#
    ));
}

#[test]
fn whole_numbers_read_directly_are_exactly_json_whole_numbers() {
    use super::wire_text::TextReader;
    let whole = |s: &str| TextReader::new(s).whole();
    for (text, n) in [
        ("0", 0),
        ("7", 7),
        ("3600", 3600),
        ("1234567890123456789", 1_234_567_890_123_456_789),
        (" \n7", 7),
    ] {
        assert_eq!(whole(text), Ok(n), "{text}");
    }
    // far into the text (the digit count is the digits', not the offset's)
    assert_eq!(whole(&format!("{}7", " ".repeat(25))), Ok(7));
    // the rest goes through serde_json (the caller's fallback): a sign, a fraction, an exponent,
    // a leading zero, 20 digits, nothing
    for text in [
        "-1",
        "1.5",
        "3600.0",
        "1e3",
        "1E3",
        "007",
        "00",
        "12345678901234567890",
        "",
        "x",
    ] {
        assert_eq!(whole(text), Err(Decline), "{text}");
    }
}

#[test]
fn a_reader_never_prints_its_text() {
    let r = super::wire_text::TextReader::new(r#"{"accessToken":"eyJ.secret.sig"}"#);
    let shown = format!("{r:?}");
    assert!(!shown.contains("eyJ") && shown.contains("pos"), "{shown}");
}
