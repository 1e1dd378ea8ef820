//! Identity documents (`identifyingInformation[]` items): `{ type, number, issuingCountry? }`.
//!
//! * `ssn`: nine digits, written `###-##-####`, `#########` or with spaces. Never-issued numbers
//!   are rejected: area 000, 666 or 900–999, group 00, serial 0000.
//! * `itin`: nine digits starting with 9, digits 4–5 in 50–65, 70–88, 90–92 or 94–99.
//! * An ITIN sent as `ssn` (or a valid SSN sent as `itin`) gives `tax_id_type_mismatch` on
//!   `number` with `params.suggestedType`: the number is fine, the type is not. It is reported on
//!   `number` because many forms show a single "SSN or ITIN" input and set `type` themselves.
//! * SSN and ITIN are normalized to `###-##-####`; `issuingCountry` defaults to `US` and can only be
//!   `US`.
//! * `passport`: spaces removed, uppercased; US: 6–9 letters or digits; elsewhere 5–20.
//!   `issuingCountry` is required.
//! * `driversLicense`: 4–20 letters, digits or hyphens (spaces removed), at least one digit;
//!   uppercased. `issuingCountry` is required.
//!
//! The number never appears in a message or a parameter. Issues come in the schema's order (`type`,
//! `number`, `issuingCountry`), then unknown keys.

use super::country::validate_country_at;
use crate::input::fields::{self, field_label, get, opt_string};
use crate::input::issue::{join, Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;
use crate::model::{IdentifyingInformation, IdentityDocumentType};
use crate::secret::Sensitive;

/// Fields of an identity document, in the order issues are reported.
pub const TAX_ID_KEYS: &[&str] = &["type", "number", "issuingCountry"];

/// Maximum length of `number` as typed (before separators are removed).
pub const MAX_NUMBER: usize = 64;

const TAX_ID_HINTS: &[(&str, &str)] = &[
    ("kind", "type"),
    ("idType", "type"),
    ("documentType", "type"),
    ("value", "number"),
    ("id", "number"),
    ("idNumber", "number"),
    ("documentNumber", "number"),
    ("ssn", "number"),
    ("itin", "number"),
    ("country", "issuingCountry"),
    ("countryCode", "issuingCountry"),
    ("issuing_country", "issuingCountry"),
    ("issuer", "issuingCountry"),
    ("issuingState", "issuingCountry"),
];

/// Validates an identity document at the root; see [`validate_tax_id_at`].
///
/// # Errors
/// As [`validate_tax_id_at`].
pub fn validate_tax_id(v: &Value) -> Validation<IdentifyingInformation> {
    validate_tax_id_at(v, &[])
}

/// Validates an identity document `{ type, number, issuingCountry? }` at `path` and returns it
/// normalized (see the module documentation).
///
/// # Errors
/// Every issue found: `invalid_type`, `unknown_key`, `required`, `too_long`, `invalid_encoding`,
/// `invalid_enum` (`type`; `params.allowed`, `params.suggestion` for `SSN`, `drivers_license`...),
/// `invalid_ssn` (`params.part`: `format`, or the impossible parts `area`, `group`, `serial`),
/// `invalid_itin` (`params.part`: `format`, `area` or `group`), `tax_id_type_mismatch`
/// (`params.suggestedType`), `invalid_passport`, `invalid_drivers_license`, `invalid_country`, and
/// `invalid_value` (an SSN or ITIN with an issuing country other than `US`).
pub fn validate_tax_id_at(v: &Value, path: &[PathSeg]) -> Validation<IdentifyingInformation> {
    let mut unknown = Vec::new();
    let entries = fields::object(
        v,
        path,
        "an identity document object { type, number, issuingCountry }",
        TAX_ID_KEYS,
        TAX_ID_HINTS,
        &mut unknown,
    )
    .map_err(|e| vec![e])?;
    let mut issues = Vec::new();
    let type_path = join(path, "type");
    let number_path = join(path, "number");
    let country_path = join(path, "issuingCountry");

    // type
    let kind = match opt_string(get(entries, "type"), &type_path, 64) {
        Err(e) => {
            issues.push(e);
            None
        }
        Ok(None) => {
            issues.push(fields::required(&type_path));
            None
        }
        Ok(Some(t)) => match IdentityDocumentType::from_wire(&t) {
            Some(k) => Some(k),
            None => {
                issues.push(invalid_type_enum(&type_path, &t));
                None
            }
        },
    };

    // issuingCountry (read first: the passport rule depends on it; reported after number)
    let country_value = get(entries, "issuingCountry");
    let country = if country_value.is_nullish()
        || matches!(country_value, Value::String(s) if crate::text::trim(s).is_empty())
    {
        Ok(None)
    } else {
        validate_country_at(country_value, &country_path).map(Some)
    };
    let country_ok = country.as_ref().ok().cloned().flatten();

    // number
    let number = match opt_string(get(entries, "number"), &number_path, MAX_NUMBER) {
        Err(e) => {
            issues.push(e);
            None
        }
        Ok(None) => {
            issues.push(fields::required(&number_path));
            None
        }
        Ok(Some(n)) => match kind {
            None => None,
            Some(k) => match check_number(k, &n, country_ok.as_deref(), &number_path) {
                Ok(n) => Some(n),
                Err(e) => {
                    issues.push(e);
                    None
                }
            },
        },
    };

    // issuingCountry issues
    let issuing_country = match (country, kind) {
        (Err(e), _) => {
            issues.extend(e);
            None
        }
        (Ok(None), Some(IdentityDocumentType::Ssn | IdentityDocumentType::Itin)) => {
            Some("US".to_owned())
        }
        (Ok(None), Some(k)) => {
            let mut i = fields::required(&country_path);
            i.message = [
                field_label(&country_path).as_str(),
                " is required for ",
                doc_name(k),
                " (the ISO 3166-1 alpha-2 code of the country that issued it).",
            ]
            .concat();
            issues.push(i.with("type", k.as_str()));
            None
        }
        (Ok(Some(c)), Some(k @ (IdentityDocumentType::Ssn | IdentityDocumentType::Itin)))
            if c != "US" =>
        {
            issues.push(
                Issue::new(
                    IssueCode::InvalidValue,
                    country_path.clone(),
                    [
                        field_label(&country_path).as_str(),
                        " must be \"US\": ",
                        doc_name(k),
                        " is only issued by the United States.",
                    ]
                    .concat(),
                )
                .with("allowed", "US")
                .with("field", fields::field_name(&country_path)),
            );
            None
        }
        (Ok(c), _) => c,
    };

    issues.extend(unknown);
    match (kind, number) {
        (Some(kind), Some(number)) if issues.is_empty() => Ok(IdentifyingInformation {
            kind,
            issuing_country,
            number: Sensitive::new(number),
        }),
        _ => Err(issues),
    }
}

/// The document's name with its article, for messages ("an ITIN").
fn doc_name(k: IdentityDocumentType) -> &'static str {
    match k {
        IdentityDocumentType::Ssn => "a Social Security number",
        IdentityDocumentType::Itin => "an ITIN",
        IdentityDocumentType::DriversLicense => "a driver's license",
        IdentityDocumentType::Passport => "a passport",
    }
}

/// `invalid_enum` for `type`, with a suggestion for common spellings.
fn invalid_type_enum(path: &[PathSeg], t: &str) -> Issue {
    let folded: String = t
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let suggestion = match folded.as_str() {
        "ssn" | "socialsecuritynumber" | "socialsecurity" | "sin" => Some("ssn"),
        "itin" => Some("itin"),
        "driverslicense" | "driverlicense" | "driverslicence" | "driverlicence" | "dl"
        | "drivinglicense" | "drivinglicence" | "license" | "licence" => Some("driversLicense"),
        "passport" | "passportnumber" => Some("passport"),
        _ => None,
    };
    let label = field_label(path);
    let message = match suggestion {
        Some(s) => [
            label.as_str(),
            " must be one of \"ssn\", \"itin\", \"driversLicense\", \"passport\"; did you mean \"",
            s,
            "\"?",
        ]
        .concat(),
        None => [
            label.as_str(),
            " must be one of \"ssn\", \"itin\", \"driversLicense\", \"passport\".",
        ]
        .concat(),
    };
    let issue = Issue::new(IssueCode::InvalidEnum, path.to_vec(), message)
        .with("allowed", "ssn, itin, driversLicense, passport")
        .with("field", fields::field_name(path));
    match suggestion {
        Some(s) => issue.with("suggestion", s),
        None => issue,
    }
}

/// Checks and normalizes a number for its type. The error never contains the number.
fn check_number(
    kind: IdentityDocumentType,
    n: &str,
    country: Option<&str>,
    path: &[PathSeg],
) -> Result<String, Issue> {
    match kind {
        IdentityDocumentType::Ssn => check_ssn(n, path),
        IdentityDocumentType::Itin => check_itin(n, path),
        IdentityDocumentType::Passport => check_passport(n, country, path),
        IdentityDocumentType::DriversLicense => check_drivers_license(n, path),
    }
}

/// The nine digits of `###-##-####`, `#########` or `### ## ####` (either separator at either place).
fn nine_digits(n: &str) -> Option<[u8; 9]> {
    let b = n.as_bytes();
    let digits: Vec<u8> = match b.len() {
        9 => b.to_vec(),
        11 if matches!(b[3], b'-' | b' ') && matches!(b[6], b'-' | b' ') => b
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 3 && *i != 6)
            .map(|(_, c)| *c)
            .collect(),
        _ => return None,
    };
    let mut out = [0u8; 9];
    for (o, c) in out.iter_mut().zip(&digits) {
        if !c.is_ascii_digit() {
            return None;
        }
        *o = c - b'0';
    }
    Some(out)
}

fn formatted(d: &[u8; 9]) -> String {
    let mut s = String::with_capacity(11);
    for (i, x) in d.iter().enumerate() {
        if i == 3 || i == 5 {
            s.push('-');
        }
        s.push(char::from(b'0' + x));
    }
    s
}

fn area(d: &[u8; 9]) -> u16 {
    u16::from(d[0]) * 100 + u16::from(d[1]) * 10 + u16::from(d[2])
}

fn group(d: &[u8; 9]) -> u8 {
    d[3] * 10 + d[4]
}

fn serial(d: &[u8; 9]) -> u16 {
    d[5..].iter().fold(0u16, |a, &x| a * 10 + u16::from(x))
}

fn itin_group_ok(g: u8) -> bool {
    matches!(g, 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

/// The impossible parts of an SSN (empty when it could have been issued).
fn ssn_bad_parts(d: &[u8; 9]) -> Vec<&'static str> {
    let mut bad = Vec::new();
    let a = area(d);
    if a == 0 || a == 666 || a >= 900 {
        bad.push("area");
    }
    if group(d) == 0 {
        bad.push("group");
    }
    if serial(d) == 0 {
        bad.push("serial");
    }
    bad
}

fn is_itin(d: &[u8; 9]) -> bool {
    d[0] == 9 && itin_group_ok(group(d))
}

fn mismatch(path: &[PathSeg], suggested: &'static str) -> Issue {
    let message = if suggested == "itin" {
        "This number looks like an ITIN, not an SSN (SSNs never start with 9); send it with type \"itin\"."
    } else {
        "This number looks like an SSN, not an ITIN (ITINs always start with 9); send it with type \"ssn\"."
    };
    Issue::new(IssueCode::TaxIdTypeMismatch, path.to_vec(), message)
        .with("suggestedType", suggested)
        .with("field", fields::field_name(path))
}

fn check_ssn(n: &str, path: &[PathSeg]) -> Result<String, Issue> {
    let label = field_label(path);
    let Some(d) = nine_digits(n) else {
        return Err(Issue::new(
            IssueCode::InvalidSsn,
            path.to_vec(),
            [
                label.as_str(),
                " must be a 9-digit Social Security number written ###-##-#### or #########.",
            ]
            .concat(),
        )
        .with("part", "format")
        .with("field", fields::field_name(path)));
    };
    if is_itin(&d) {
        return Err(mismatch(path, "itin"));
    }
    let bad = ssn_bad_parts(&d);
    if bad.is_empty() {
        return Ok(formatted(&d));
    }
    let mut reasons = Vec::new();
    for part in &bad {
        reasons.push(match *part {
            "area" => "the first three digits (area number) are never 000, 666 or 900-999",
            "group" => "the middle two digits (group number) are never 00",
            _ => "the last four digits (serial number) are never 0000",
        });
    }
    Err(Issue::new(
        IssueCode::InvalidSsn,
        path.to_vec(),
        [
            "This Social Security number cannot exist: ",
            &fields::join_str(&reasons, "; "),
            ".",
        ]
        .concat(),
    )
    .with("part", fields::join_str(&bad, ", "))
    .with("field", fields::field_name(path)))
}

fn check_itin(n: &str, path: &[PathSeg]) -> Result<String, Issue> {
    let label = field_label(path);
    let Some(d) = nine_digits(n) else {
        return Err(Issue::new(
            IssueCode::InvalidItin,
            path.to_vec(),
            [
                label.as_str(),
                " must be a 9-digit ITIN written 9##-##-#### or 9########.",
            ]
            .concat(),
        )
        .with("part", "format")
        .with("field", fields::field_name(path)));
    };
    if is_itin(&d) {
        return Ok(formatted(&d));
    }
    if d[0] != 9 && ssn_bad_parts(&d).is_empty() {
        return Err(mismatch(path, "ssn"));
    }
    let (part, why) = if d[0] != 9 {
        ("area", "an ITIN always starts with 9")
    } else {
        (
            "group",
            "the fourth and fifth digits of an ITIN are in 50-65, 70-88, 90-92 or 94-99",
        )
    };
    Err(Issue::new(
        IssueCode::InvalidItin,
        path.to_vec(),
        ["This ITIN cannot exist: ", why, "."].concat(),
    )
    .with("part", part)
    .with("field", fields::field_name(path)))
}

fn check_passport(n: &str, country: Option<&str>, path: &[PathSeg]) -> Result<String, Issue> {
    let s: String = n
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    let (lo, hi) = if country == Some("US") {
        (6, 9)
    } else {
        (5, 20)
    };
    if (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Ok(s);
    }
    let label = field_label(path);
    let message = if country == Some("US") {
        [
            label.as_str(),
            " must be a US passport number: 6 to 9 letters or digits.",
        ]
        .concat()
    } else {
        [
            label.as_str(),
            " must be a passport number: 5 to 20 letters or digits.",
        ]
        .concat()
    };
    Err(
        Issue::new(IssueCode::InvalidPassport, path.to_vec(), message)
            .with("min", crate::text::count(lo))
            .with("max", crate::text::count(hi))
            .with("field", fields::field_name(path)),
    )
}

fn check_drivers_license(n: &str, path: &[PathSeg]) -> Result<String, Issue> {
    let s: String = n
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    let ok = (4..=20).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && s.bytes().any(|b| b.is_ascii_digit());
    if ok {
        return Ok(s);
    }
    Err(Issue::new(
        IssueCode::InvalidDriversLicense,
        path.to_vec(),
        [
            field_label(path).as_str(),
            " must be a driver's license number: 4 to 20 letters, digits or hyphens, with at least one digit.",
        ]
        .concat(),
    )
    .with("min", "4")
    .with("max", "20")
    .with("field", fields::field_name(path)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(j: serde_json::Value) -> Validation<IdentifyingInformation> {
        validate_tax_id(&j.into())
    }

    fn ok(j: serde_json::Value) -> serde_json::Value {
        serde_json::to_value(run(j).unwrap()).unwrap()
    }

    fn issues(j: serde_json::Value) -> Vec<(IssueCode, String)> {
        run(j)
            .unwrap_err()
            .into_iter()
            .map(|i| (i.code, i.path_string()))
            .collect()
    }

    #[test]
    fn normalizes() {
        assert_eq!(
            ok(json!({"type": "ssn", "number": "123456789"})),
            json!({"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"})
        );
        assert_eq!(
            ok(json!({"type": "ssn", "number": "123 45 6789", "issuingCountry": "us"}))["number"],
            "123-45-6789"
        );
        assert_eq!(
            ok(json!({"type": "itin", "number": "912-70-1234"}))["number"],
            "912-70-1234"
        );
        assert_eq!(
            ok(json!({"type": "itin", "number": "999991234"}))["number"],
            "999-99-1234"
        );
        assert_eq!(
            ok(json!({"type": "passport", "number": "x1234 5678", "issuingCountry": "US"})),
            json!({"type": "passport", "issuingCountry": "US", "number": "X12345678"})
        );
        assert_eq!(
            ok(json!({"type": "passport", "number": "ab12345", "issuingCountry": "DE"}))["number"],
            "AB12345"
        );
        assert_eq!(
            ok(json!({"type": "driversLicense", "number": "d123-456 789", "issuingCountry": "US"})),
            json!({"type": "driversLicense", "issuingCountry": "US", "number": "D123-456789"})
        );
    }

    /// Messages and suggestions that only a wrong word would break (cargo-mutants survivors):
    /// the document's name, the `type` suggestions, the separators of `###-##-####`, the
    /// direction of a type mismatch, each impossible part of an SSN, the US passport rule.
    #[test]
    fn messages_name_the_document_and_the_rule() {
        let msg = |j: serde_json::Value| run(j).unwrap_err()[0].message.clone();
        let m = msg(json!({"type": "passport", "number": "AB12345"}));
        assert!(m.contains("for a passport ("), "{m}");
        let m = msg(json!({"type": "driversLicense", "number": "D1234567"}));
        assert!(m.contains("for a driver's license ("), "{m}");
        let m = msg(json!({"type": "ssn", "number": "123-45-6789", "issuingCountry": "DE"}));
        assert!(m.contains("a Social Security number is only issued"), "{m}");
        let m = msg(json!({"type": "itin", "number": "912-70-1234", "issuingCountry": "DE"}));
        assert!(m.contains("an ITIN is only issued"), "{m}");

        let suggestion = |t: &str| {
            run(json!({"type": t, "number": "123-45-6789"})).unwrap_err()[0]
                .param("suggestion")
                .map(str::to_owned)
        };
        assert_eq!(suggestion("I.T.I.N."), Some("itin".into()));
        assert_eq!(suggestion("Passport Number"), Some("passport".into()));
        assert_eq!(suggestion("PASSPORT"), Some("passport".into()));
        assert_eq!(suggestion("tax id"), None);

        // one separator in place and a digit where the other belongs is not ###-##-####
        for n in ["123-4567890", "1234567-890", "123 4567890"] {
            let e = run(json!({"type": "ssn", "number": n})).unwrap_err();
            assert_eq!(
                (e[0].code, e[0].param("part")),
                (IssueCode::InvalidSsn, Some("format")),
                "{n}"
            );
        }

        let m = msg(json!({"type": "ssn", "number": "912-70-1234"}));
        assert!(
            m.starts_with("This number looks like an ITIN, not an SSN"),
            "{m}"
        );
        let m = msg(json!({"type": "itin", "number": "123-45-6789"}));
        assert!(
            m.starts_with("This number looks like an SSN, not an ITIN"),
            "{m}"
        );

        let m = msg(json!({"type": "ssn", "number": "000-12-3456"}));
        assert!(
            m.contains("(area number) are never 000, 666 or 900-999") && !m.contains("group"),
            "{m}"
        );
        let m = msg(json!({"type": "ssn", "number": "123-00-4567"}));
        assert!(
            m.contains("(group number) are never 00") && !m.contains("area"),
            "{m}"
        );
        let m = msg(json!({"type": "ssn", "number": "123-45-0000"}));
        assert!(m.contains("(serial number) are never 0000"), "{m}");

        let m = msg(json!({"type": "passport", "number": "AB1", "issuingCountry": "US"}));
        assert!(m.contains("must be a US passport number: 6 to 9"), "{m}");
        let m = msg(json!({"type": "passport", "number": "AB1", "issuingCountry": "DE"}));
        assert!(m.contains("must be a passport number: 5 to 20"), "{m}");
    }

    #[test]
    fn ssn_rules() {
        for (n, part) in [
            ("000-12-3456", "area"),
            ("666-12-3456", "area"),
            ("123-00-4567", "group"),
            ("123-45-0000", "serial"),
            ("000-00-0000", "area, group, serial"),
            ("912-34-5678", "area"),
            ("12345678", "format"),
            ("123-456-789", "format"),
            ("12a456789", "format"),
        ] {
            let e = run(json!({"type": "ssn", "number": n})).unwrap_err();
            assert_eq!(
                (e[0].code, e[0].path_string()),
                (IssueCode::InvalidSsn, "number".into()),
                "{n}"
            );
            assert_eq!(e[0].param("part"), Some(part), "{n}");
            let digits: String = n.chars().filter(char::is_ascii_digit).collect();
            assert!(
                !e[0].message.contains(n) && !e[0].message.contains(&digits),
                "{n}"
            );
            assert!(e[0].params.iter().all(|(_, v)| !v.contains(n)));
        }
        let e = run(json!({"type": "ssn", "number": "912-70-1234"})).unwrap_err();
        assert_eq!(
            (e[0].code, e[0].param("suggestedType")),
            (IssueCode::TaxIdTypeMismatch, Some("itin"))
        );
    }

    #[test]
    fn itin_rules() {
        let e = run(json!({"type": "itin", "number": "123-45-6789"})).unwrap_err();
        assert_eq!(
            (e[0].code, e[0].param("suggestedType")),
            (IssueCode::TaxIdTypeMismatch, Some("ssn"))
        );
        assert_eq!(e[0].path_string(), "number");
        for (n, part) in [
            ("912-93-1234", "group"),
            ("912-49-1234", "group"),
            ("000-12-3456", "area"),
            ("9", "format"),
        ] {
            let e = run(json!({"type": "itin", "number": n})).unwrap_err();
            assert_eq!(
                (e[0].code, e[0].param("part")),
                (IssueCode::InvalidItin, Some(part)),
                "{n}"
            );
        }
        for g in ["50", "65", "70", "88", "90", "92", "94", "99"] {
            assert!(
                run(json!({"type": "itin", "number": format!("900{g}0000")})).is_ok(),
                "{g}"
            );
        }
    }

    #[test]
    fn every_code() {
        assert_eq!(
            issues(json!({"number": "123456789"})),
            vec![(IssueCode::Required, "type".into())]
        );
        assert_eq!(
            issues(json!({"type": "ssn"})),
            vec![(IssueCode::Required, "number".into())]
        );
        let e = run(json!({"type": "SSN", "number": "123456789"})).unwrap_err();
        assert_eq!(
            (e[0].code, e[0].param("suggestion")),
            (IssueCode::InvalidEnum, Some("ssn"))
        );
        assert_eq!(
            e[0].param("allowed"),
            Some("ssn, itin, driversLicense, passport")
        );
        for (t, s) in [
            ("drivers_license", Some("driversLicense")),
            ("driverLicense", Some("driversLicense")),
            ("visa", None),
        ] {
            assert_eq!(
                run(json!({"type": t, "number": "1"})).unwrap_err()[0].param("suggestion"),
                s
            );
        }
        assert_eq!(
            issues(json!({"type": "ssn", "number": 123456789})),
            vec![(IssueCode::InvalidType, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "ssn", "number": "1".repeat(65)})),
            vec![(IssueCode::TooLong, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "ssn", "number": "123\n456789"})),
            vec![(IssueCode::InvalidEncoding, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "ssn", "number": "123456789", "issuingCountry": "CA"})),
            vec![(IssueCode::InvalidValue, "issuingCountry".into())]
        );
        assert_eq!(
            issues(json!({"type": "ssn", "number": "123456789", "issuingCountry": "USA"})),
            vec![(IssueCode::InvalidCountry, "issuingCountry".into())]
        );
        assert_eq!(
            issues(json!({"type": "passport", "number": "X1234567"})),
            vec![(IssueCode::Required, "issuingCountry".into())]
        );
        assert_eq!(
            issues(json!({"type": "passport", "number": "1234567890", "issuingCountry": "US"})),
            vec![(IssueCode::InvalidPassport, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "passport", "number": "12-34567", "issuingCountry": "FR"})),
            vec![(IssueCode::InvalidPassport, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "driversLicense", "number": "ABCDEF", "issuingCountry": "US"})),
            vec![(IssueCode::InvalidDriversLicense, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "driversLicense", "number": "A1", "issuingCountry": "US"})),
            vec![(IssueCode::InvalidDriversLicense, "number".into())]
        );
        assert_eq!(
            issues(json!({"type": "ssn", "number": "123456789", "ssn": "x"})),
            vec![(IssueCode::UnknownKey, "ssn".into())]
        );
        assert_eq!(
            validate_tax_id(&"123-45-6789".into()).unwrap_err()[0].code,
            IssueCode::InvalidType
        );
        // schema order, then unknown keys
        let p: Vec<PathSeg> = vec!["identifyingInformation".into(), 0.into()];
        let e: Vec<_> = validate_tax_id_at(
            &json!({"kind": "x", "number": "1", "issuingCountry": "ZZ"}).into(),
            &p,
        )
        .unwrap_err()
        .into_iter()
        .map(|i| (i.code, i.path_string()))
        .collect();
        assert_eq!(
            e,
            vec![
                (IssueCode::Required, "identifyingInformation[0].type".into()),
                (
                    IssueCode::InvalidCountry,
                    "identifyingInformation[0].issuingCountry".into()
                ),
                (
                    IssueCode::UnknownKey,
                    "identifyingInformation[0].kind".into()
                ),
            ]
        );
    }

    #[test]
    fn every_code_with_its_path() {
        let p: Vec<PathSeg> = vec!["identifyingInformation".into(), 2.into()];
        let at = |k: &'static str| -> Vec<PathSeg> { join(&p, k).into() };
        for (input, code, path) in [
            (json!([]), IssueCode::InvalidType, p.clone()),
            (
                json!({"type": "ssn", "number": "1"}),
                IssueCode::InvalidSsn,
                at("number"),
            ),
            (
                json!({"type": "ssn", "number": "123456789", "x": 1}),
                IssueCode::UnknownKey,
                at("x"),
            ),
            (
                json!({"number": "123456789"}),
                IssueCode::Required,
                at("type"),
            ),
            (
                json!({"type": "Passport", "number": "123456789"}),
                IssueCode::InvalidEnum,
                at("type"),
            ),
            (
                json!({"type": "ssn", "number": "1".repeat(65)}),
                IssueCode::TooLong,
                at("number"),
            ),
            (
                json!({"type": "ssn", "number": "1\u{0}"}),
                IssueCode::InvalidEncoding,
                at("number"),
            ),
            (
                json!({"type": "itin", "number": "912-93-1234"}),
                IssueCode::InvalidItin,
                at("number"),
            ),
            (
                json!({"type": "itin", "number": "123-45-6789"}),
                IssueCode::TaxIdTypeMismatch,
                at("number"),
            ),
            (
                json!({"type": "passport", "number": "1", "issuingCountry": "US"}),
                IssueCode::InvalidPassport,
                at("number"),
            ),
            (
                json!({"type": "driversLicense", "number": "1", "issuingCountry": "US"}),
                IssueCode::InvalidDriversLicense,
                at("number"),
            ),
            (
                json!({"type": "itin", "number": "912-70-1234", "issuingCountry": "Germany"}),
                IssueCode::InvalidCountry,
                at("issuingCountry"),
            ),
            (
                json!({"type": "itin", "number": "912-70-1234", "issuingCountry": "DE"}),
                IssueCode::InvalidValue,
                at("issuingCountry"),
            ),
        ] {
            let e = validate_tax_id_at(&input.into(), &p).unwrap_err();
            assert_eq!((e.len(), e[0].code, &e[0].path), (1, code, &path));
        }
    }

    #[test]
    fn debug_never_shows_the_number() {
        let doc = run(json!({"type": "ssn", "number": "123456789"})).unwrap();
        assert!(!format!("{doc:?}").contains("6789"));
    }
}
