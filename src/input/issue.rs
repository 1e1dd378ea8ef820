//! Form-friendly validation issues: a stable code, the full path of the field, an English message
//! that never repeats the input value, and value-free parameters for localized messages.

use std::borrow::Cow;
use std::fmt;

/// One segment of an issue's path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    /// An object key, e.g. `"residentialAddress"`: borrowed for the schema's own keys (no
    /// allocation while a valid payload is walked), owned for keys taken from the input.
    Key(Cow<'static, str>),
    /// An array index, e.g. `0` in `["identifyingInformation", 0, "number"]`.
    Index(usize),
}

impl From<&'static str> for PathSeg {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn from(k: &'static str) -> Self {
        PathSeg::Key(Cow::Borrowed(k))
    }
}

impl From<String> for PathSeg {
    fn from(k: String) -> Self {
        PathSeg::Key(Cow::Owned(k))
    }
}

impl From<usize> for PathSeg {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn from(i: usize) -> Self {
        PathSeg::Index(i)
    }
}

/// The path of a field from the root of the validated value. Empty for the root itself.
pub type Path = Vec<PathSeg>;

/// Appends one segment to a path, returning the new path (the original is unchanged). Paths of up
/// to [`PathBuf::INLINE`] segments (every field of a customer) are kept on the stack: a valid payload
/// is walked without allocating a path; `to_vec()` or `Path::from` makes an issue's path.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn join(path: &[PathSeg], seg: impl Into<PathSeg>) -> PathBuf {
    let seg = seg.into();
    if path.len() < PathBuf::INLINE {
        // the segments, the new one, then unused slots (never read: `Deref` stops at the length)
        let mut seg = Some(seg);
        let segs = std::array::from_fn(|i| match path.get(i) {
            Some(s) => s.clone(),
            None => seg.take().unwrap_or(PathSeg::Index(0)),
        });
        PathBuf::Inline(path.len() + 1, segs)
    } else {
        let mut p = Vec::with_capacity(path.len() + 1);
        p.extend_from_slice(path);
        p.push(seg);
        PathBuf::Heap(p)
    }
}

/// A path made by [`join`]: on the stack when short. Reads as a `&[PathSeg]`.
#[derive(Clone, Debug)]
pub enum PathBuf {
    /// The first `.0` segments of the array.
    Inline(usize, [PathSeg; PathBuf::INLINE]),
    /// A longer path.
    Heap(Path),
}

impl PathBuf {
    /// The most segments kept on the stack.
    pub const INLINE: usize = 4;
}

impl std::ops::Deref for PathBuf {
    type Target = [PathSeg];
    fn deref(&self) -> &[PathSeg] {
        match self {
            PathBuf::Inline(n, segs) => &segs[..*n],
            PathBuf::Heap(p) => p,
        }
    }
}

impl From<PathBuf> for Path {
    fn from(p: PathBuf) -> Path {
        match p {
            PathBuf::Inline(..) => p.to_vec(),
            PathBuf::Heap(v) => v,
        }
    }
}

macro_rules! issue_codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal ),* $(,)?) => {
        /// Stable machine-readable issue codes. The string form ([`IssueCode::as_str`]) is part of the
        /// public contract and listed in the README; new codes may be added, existing ones never change.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum IssueCode {
            $( $(#[$doc])* $variant, )*
        }

        impl IssueCode {
            /// Every code, in declaration order (used by docs and the negative-test table).
            pub const ALL: &'static [IssueCode] = &[ $( IssueCode::$variant, )* ];

            /// The stable snake_case code string.
            #[cfg_attr(oms_nightly, optimize(speed))]
            pub fn as_str(self) -> &'static str {
                match self { $( IssueCode::$variant => $code, )* }
            }

            /// Parses a code string back into the enum (`None` for an unknown string).
            #[cfg_attr(oms_nightly, optimize(speed))]
            pub fn from_str_code(s: &str) -> Option<IssueCode> {
                match s { $( $code => Some(IssueCode::$variant), )* _ => None }
            }
        }
    };
}

issue_codes! {
    // ---- shape of the input
    /// The value has the wrong type (e.g. a string where a structured address object is required).
    InvalidType => "invalid_type",
    /// A required field is missing, `null` or blank.
    Required => "required",
    /// Provisioning readiness (a warning unless `requireFiatFields: true`): a field the OMS
    /// Get-started page says fiat (USD, cash) provisioning needs is missing.
    RequiredForFiat => "required_for_fiat",
    /// Provisioning readiness, always a warning: a field other OMS docs pages list for fiat
    /// provisioning (beyond the Get-started page's rule) is missing.
    RecommendedForFiat => "recommended_for_fiat",
    /// The object has a key this schema does not know; `params.suggestion` may name the intended key.
    UnknownKey => "unknown_key",
    /// The string is longer than the field allows (`params.max`).
    TooLong => "too_long",
    /// The string contains an unpaired UTF-16 surrogate or a control character.
    InvalidEncoding => "invalid_encoding",
    /// The value is not one of the allowed values (`params.allowed`).
    InvalidEnum => "invalid_enum",
    /// The value is not allowed here for a reason the message explains.
    InvalidValue => "invalid_value",
    /// An object has more keys than allowed (`params.max`).
    TooManyKeys => "too_many_keys",
    /// The same entry appears twice (e.g. two `ssn` identifying documents).
    Duplicate => "duplicate",
    /// An option passed to the validator itself is invalid (the path starts with `"options"`).
    InvalidOption => "invalid_option",
    // ---- phone
    /// Not a phone number at all (letters, no digits...).
    InvalidPhone => "invalid_phone",
    /// A national-format number without a leading `+` and without `defaultCountry`.
    PhoneCountryRequired => "phone_country_required",
    /// The `+` prefix is followed by a country calling code that does not exist.
    InvalidCountryCallingCode => "invalid_country_calling_code",
    /// Too few digits for the country.
    PhoneTooShort => "phone_too_short",
    /// Too many digits for the country.
    PhoneTooLong => "phone_too_long",
    /// A digit count the country never uses, between its shortest and longest numbers.
    PhoneInvalidLength => "phone_invalid_length",
    /// Possible length, but not in any number range the country assigns (only with `strict: true`).
    PhoneNotValid => "phone_not_valid",
    // ---- countries and addresses
    /// Not an ISO 3166-1 alpha-2 country code.
    InvalidCountry => "invalid_country",
    /// Not a state / province / territory code of the country.
    InvalidState => "invalid_state",
    /// Not a postal code of the country's format (`params.example`).
    InvalidPostalCode => "invalid_postal_code",
    // ---- identity documents
    /// Not a Social Security number that can have been issued.
    InvalidSsn => "invalid_ssn",
    /// Not an Individual Taxpayer Identification Number that can have been issued.
    InvalidItin => "invalid_itin",
    /// The number is of the other kind (`params.suggestedType`), e.g. an ITIN sent as `ssn`.
    TaxIdTypeMismatch => "tax_id_type_mismatch",
    /// Not a plausible passport number.
    InvalidPassport => "invalid_passport",
    /// Not a plausible driver's licence number.
    InvalidDriversLicense => "invalid_drivers_license",
    // ---- dates
    /// Not a real calendar date in `YYYY-MM-DD` form.
    InvalidDate => "invalid_date",
    /// The date lies after today.
    DateInFuture => "date_in_future",
    /// Younger than the minimum age (`params.minAge`).
    TooYoung => "too_young",
    /// Implausibly old (before 1900).
    ImplausibleDate => "implausible_date",
    // ---- other fields
    /// Not an email address.
    InvalidEmail => "invalid_email",
    /// Not an IPv4 or IPv6 address.
    InvalidIp => "invalid_ip",
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with one field.
///
/// `message` is English and never contains the input value (only field names, countries, limits).
/// `params` carries the same value-free facts as strings so messages can be rewritten in another
/// language with templates such as `"{field} est obligatoire"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// Stable code.
    pub code: IssueCode,
    /// Full path of the field from the validated root.
    pub path: Path,
    /// English message; never echoes the input.
    pub message: String,
    /// Value-free template parameters (`field`, `max`, `country`, `suggestion`, ...).
    pub params: Vec<(&'static str, String)>,
}

impl Issue {
    /// A new issue with no parameters.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn new(code: IssueCode, path: impl Into<Path>, message: impl Into<String>) -> Issue {
        Issue {
            code,
            path: path.into(),
            message: message.into(),
            params: Vec::new(),
        }
    }

    /// Adds a template parameter (builder style).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Issue {
        self.params.push((name, value.into()));
        self
    }

    /// The parameter `name`, if set.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path rendered for humans: `identifyingInformation[0].number`.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn path_string(&self) -> String {
        render_path(&self.path)
    }

    /// Fills a message template: `{name}` becomes the parameter `name`, `{path}` the rendered path,
    /// `{code}` the code. Unknown placeholders are left as they are.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn render_template(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('}') {
                Some(end) => {
                    let name = &after[..end];
                    let replacement = match name {
                        "path" => Some(self.path_string()),
                        "code" => Some(self.code.as_str().to_owned()),
                        _ => self.param(name).map(str::to_owned),
                    };
                    match replacement {
                        Some(r) => out.push_str(&r),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[end + 1..];
                }
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Renders a path for humans: `["a", 0, "b"]` → `a[0].b`; the empty path → `(root)`.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn render_path(path: &[PathSeg]) -> String {
    if path.is_empty() {
        return "(root)".to_owned();
    }
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => {
                s.push('[');
                s.push_str(&crate::text::count(*i));
                s.push(']');
            }
        }
    }
    s
}

/// The outcome of a validator: the normalized value, or every issue found (never empty).
pub type Validation<T> = Result<T, Vec<Issue>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for c in IssueCode::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {}", c);
            assert_eq!(IssueCode::from_str_code(c.as_str()), Some(*c));
            assert!(c
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
    }

    /// `join` gives the same path on the stack (up to `PathBuf::INLINE` segments) and on the heap,
    /// with borrowed and owned keys and indexes.
    #[test]
    fn join_matches_a_plain_vector_at_every_depth() {
        let mut path: Path = Vec::new();
        for depth in 0..(PathBuf::INLINE + 3) {
            let seg: PathSeg = match depth % 3 {
                0 => "key".into(),
                1 => depth.into(),
                _ => format!("owned{depth}").into(),
            };
            let joined = join(&path, seg.clone());
            let mut expected = path.clone();
            expected.push(seg);
            assert_eq!(&*joined, expected.as_slice(), "depth {depth}");
            assert_eq!(
                matches!(joined, PathBuf::Inline(..)),
                depth < PathBuf::INLINE,
                "depth {depth}"
            );
            assert_eq!(Path::from(joined.clone()), expected);
            assert_eq!(joined.to_vec(), expected);
            path = expected;
        }
    }

    #[test]
    fn template_rendering() {
        let i = Issue::new(
            IssueCode::TooLong,
            vec!["a".into(), 0.into(), "b".into()],
            "x",
        )
        .with("max", "5");
        assert_eq!(
            i.render_template("{path}: max {max} ({code}) {nope} {"),
            "a[0].b: max 5 (too_long) {nope} {"
        );
        assert_eq!(render_path(&[]), "(root)");
    }
}
