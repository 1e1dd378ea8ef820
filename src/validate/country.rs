//! ISO 3166-1 alpha-2 country codes (`nationality`, `residentialAddress.country`, `issuingCountry`).
//!
//! The list holds the 249 officially assigned codes plus `XK` (Kosovo). `XK` is a user-assigned
//! code, not an official one, but it is what the EU, SWIFT, CLDR, libphonenumber and Google's address
//! data use for Kosovo, so rejecting it would turn away real customers; the server remains the
//! authority. Exceptionally reserved codes (`UK`, `EL`, `AC`, `TA`, `IC`, `EA`, `FX`, `EU`...) are
//! rejected, with a `suggestion` where one code is meant (`UK` → `GB`).
//!
//! When the input is a three-letter alpha-3 code (`USA`) or a country name (`United States`), the
//! issue says to use the two-letter code and, for common countries, names it in `params.suggestion`.

use super::names::fold;
use crate::input::fields::{field_label, field_name, req_string};
use crate::input::issue::{Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;

/// Every accepted code, sorted, two letters each (249 official codes + `XK`).
const CODES: &str = "\
ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCD\
CFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGF\
GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN\
KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA\
NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI\
SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI\
VNVUWFWSXKYEYTZAZMZW";

/// Reserved or look-alike two-letter codes people use, and the assigned code they mean.
const TWO_LETTER_HINTS: &str = "UKGBELGRACSHTASHICESEAESFXFR";

/// Common alpha-3 codes and their alpha-2 code (`USAUS` = USA → US), five letters each.
const ALPHA3: &str = "\
USAUSGBRGBCANCAMEXMXDEUDEFRAFRESPESITAITBRABRINDINCHNCNJPNJPKORKRAUSAUNLDNLCHECHIRLIEPRTPT\
POLPLRUSRUUKRUATURTRISRILARGARCOLCOPHLPHVNMVNNGANGZAFZAAREAENZLNZPRIPRDOMDOSLVSVGTMGTHNDHN";

/// Common country names (folded: lowercase ASCII, single spaces), grouped by code: `CC=name,name;`.
const NAMES: &str = "\
US=united states,united states of america,america;GB=united kingdom,great britain,england;\
CA=canada;MX=mexico;DE=germany;FR=france;ES=spain;IT=italy;BR=brazil,brasil;IN=india;CN=china;\
JP=japan;KR=south korea,korea;AU=australia;NL=netherlands,holland;IE=ireland;PH=philippines;\
NG=nigeria;PR=puerto rico;CO=colombia;SV=el salvador;GT=guatemala;DO=dominican republic;VN=vietnam";

/// True when `code` is an accepted ISO 3166-1 alpha-2 code, exactly as given (uppercase).
pub fn is_country(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 2 || !b.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let codes = CODES.as_bytes();
    let (mut lo, mut hi) = (0usize, codes.len() / 2);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match codes[mid * 2..mid * 2 + 2].cmp(b) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    false
}

/// Validates a country code at the root; see [`validate_country_at`].
///
/// # Errors
/// As [`validate_country_at`].
pub fn validate_country(v: &Value) -> Validation<String> {
    validate_country_at(v, &[])
}

/// Validates an ISO 3166-1 alpha-2 country code at `path`: trimmed, any case in, uppercase out.
///
/// # Errors
/// One issue: `required` (missing or blank), `invalid_type`, `too_long` (over 64 characters),
/// `invalid_encoding`, or `invalid_country` (with `params.suggestion` when the intended code is
/// known: `USA`, `United States`, `U.S.` and `UK` all suggest a code).
pub fn validate_country_at(v: &Value, path: &[PathSeg]) -> Validation<String> {
    let s = req_string(v, path, 64).map_err(|e| vec![e])?;
    let upper = s.to_ascii_uppercase();
    if is_country(&upper) {
        return Ok(upper);
    }
    Err(vec![invalid_country(&s, path)])
}

/// The `invalid_country` issue for the (trimmed) input `s`; the message never contains `s`.
fn invalid_country(s: &str, path: &[PathSeg]) -> Issue {
    let label = field_label(path);
    let letters_only = s.chars().all(|c| c.is_ascii_alphabetic());
    let len = s.chars().count();
    let folded = fold(s);
    let compact: String = folded.chars().filter(|c| *c != ' ').collect();
    let (message, suggestion) = if letters_only && len == 2 {
        let hint = lookup_pairs(TWO_LETTER_HINTS, 2, &s.to_ascii_uppercase());
        let m = match hint {
            Some(code) => [
                label.as_str(),
                " is not an assigned ISO 3166-1 alpha-2 country code; use \"",
                code,
                "\" instead.",
            ]
            .concat(),
            None => [
                label.as_str(),
                " is not an assigned ISO 3166-1 alpha-2 country code (two letters, such as \"US\").",
            ]
            .concat(),
        };
        (m, hint)
    } else if compact.len() == 2 && is_country(&compact.to_ascii_uppercase()) {
        // "U.S.", "u s": the code with punctuation.
        let code = compact.to_ascii_uppercase();
        let m = [
            label.as_str(),
            " must be the two-letter country code without punctuation; use \"",
            code.as_str(),
            "\".",
        ]
        .concat();
        (m, Some(code_ref(&code)))
    } else if letters_only && len == 3 {
        let hint = lookup_pairs(ALPHA3, 3, &s.to_ascii_uppercase());
        let m = match hint {
            Some(code) => [
                label.as_str(),
                " must be a two-letter ISO 3166-1 alpha-2 code, not a three-letter code; use \"",
                code,
                "\".",
            ]
            .concat(),
            None => [
                label.as_str(),
                " must be a two-letter ISO 3166-1 alpha-2 code (such as \"US\"), not a three-letter code.",
            ]
            .concat(),
        };
        (m, hint)
    } else if s.chars().any(char::is_alphabetic) && len > 3 {
        let hint = lookup_name(&folded);
        let m = match hint {
            Some(code) => [
                label.as_str(),
                " must be a two-letter ISO 3166-1 alpha-2 code, not a country name; use \"",
                code,
                "\".",
            ]
            .concat(),
            None => [
                label.as_str(),
                " must be a two-letter ISO 3166-1 alpha-2 code (such as \"US\"), not a country name.",
            ]
            .concat(),
        };
        (m, hint)
    } else {
        (
            [
                label.as_str(),
                " must be a two-letter ISO 3166-1 alpha-2 country code, such as \"US\".",
            ]
            .concat(),
            None,
        )
    };
    let issue = Issue::new(IssueCode::InvalidCountry, path.to_vec(), message)
        .with("field", field_name(path));
    match suggestion {
        Some(code) => issue.with("suggestion", code),
        None => issue,
    }
}

/// The accepted code equal to `code` as a `'static` string (`code` is known to be valid).
fn code_ref(code: &str) -> &'static str {
    (0..CODES.len() / 2)
        .map(|i| &CODES[i * 2..i * 2 + 2])
        .find(|c| *c == code)
        .unwrap_or("US")
}

/// Looks `key` up in a packed table of `key_len`-letter keys each followed by a two-letter code.
fn lookup_pairs(table: &'static str, key_len: usize, key: &str) -> Option<&'static str> {
    let step = key_len + 2;
    (0..table.len() / step)
        .map(|i| &table[i * step..(i + 1) * step])
        .find(|rec| &rec[..key_len] == key)
        .map(|rec| &rec[key_len..])
}

/// The code of a common country name (already folded).
fn lookup_name(folded: &str) -> Option<&'static str> {
    let name = folded.strip_prefix("the ").unwrap_or(folded);
    NAMES.split(';').find_map(|group| {
        let (code, names) = group.split_once('=')?;
        names
            .split(',')
            .any(|n| n == name || n == folded)
            .then_some(code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(v: &str) -> Issue {
        validate_country(&v.into()).unwrap_err().remove(0)
    }

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(CODES.len(), 500, "249 official codes + XK");
        let codes: Vec<&str> = (0..250).map(|i| &CODES[i * 2..i * 2 + 2]).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        for c in &codes {
            assert!(is_country(c), "{c}");
        }
        for c in ["UK", "EU", "AC", "TA", "ZZ", "AA", "us", "U", "USA", ""] {
            assert!(!is_country(c), "{c}");
        }
        // every hint points at an accepted code
        for (table, k) in [(TWO_LETTER_HINTS, 2), (ALPHA3, 3)] {
            assert_eq!(table.len() % (k + 2), 0);
            for i in 0..table.len() / (k + 2) {
                assert!(is_country(&table[i * (k + 2) + k..(i + 1) * (k + 2)]));
            }
        }
        for group in NAMES.split(';') {
            let (code, names) = group.split_once('=').unwrap();
            assert!(is_country(code), "{code}");
            for n in names.split(',') {
                assert_eq!(fold(n), n, "names must be stored folded");
            }
        }
    }

    #[test]
    fn accepts_any_case_and_trims() {
        assert_eq!(validate_country(&" us ".into()).unwrap(), "US");
        assert_eq!(validate_country(&"Gb".into()).unwrap(), "GB");
        assert_eq!(validate_country(&"xk".into()).unwrap(), "XK");
        assert_eq!(
            validate_country_at(&"de".into(), &["nationality".into()]).unwrap(),
            "DE"
        );
    }

    #[test]
    fn hints() {
        for (input, suggestion) in [
            ("USA", Some("US")),
            ("usa", Some("US")),
            ("United States", Some("US")),
            ("united states of america", Some("US")),
            ("U.S.", Some("US")),
            ("UK", Some("GB")),
            ("England", Some("GB")),
            ("México", Some("MX")),
            ("The Netherlands", Some("NL")),
            ("ZZ", None),
            ("QQQ", None),
            ("Atlantis", None),
            ("12", None),
        ] {
            let i = err(input);
            assert_eq!(i.code, IssueCode::InvalidCountry, "{input}");
            assert_eq!(i.param("suggestion"), suggestion, "{input}");
            assert!(!i.message.contains(input), "{input}: {}", i.message);
        }
        assert!(err("USA").message.contains("two-letter"));
        assert!(err("United States").message.contains("not a country name"));
    }

    #[test]
    fn shape_errors() {
        let p: Vec<PathSeg> = vec!["nationality".into()];
        let e = validate_country_at(&Value::Undefined, &p).unwrap_err();
        assert_eq!(
            (e[0].code, e[0].path.clone()),
            (IssueCode::Required, p.clone())
        );
        let e = validate_country_at(&Value::Number(1.0), &p).unwrap_err();
        assert_eq!(e[0].code, IssueCode::InvalidType);
        let e = validate_country_at(&"x".repeat(65).into(), &p).unwrap_err();
        assert_eq!(e[0].code, IssueCode::TooLong);
        let e = validate_country_at(&"U\u{1}S".into(), &p).unwrap_err();
        assert_eq!(e[0].code, IssueCode::InvalidEncoding);
        let e = validate_country_at(&"ZZ".into(), &p).unwrap_err();
        assert_eq!(
            (e[0].code, e[0].path.clone()),
            (IssueCode::InvalidCountry, p)
        );
    }
}
