//! Reading an operation's params (a JS object converted to a [`Value`]) into the typed operation,
//! with every problem reported as an [`Issue`] with a full path, so bad input is refused before
//! anything is built. Built on [`crate::input::fields`]: the same mistake gets the same code as in
//! the form validators.
//!
//! Rules shared by every operation (the README's params table):
//! * params `undefined`/`null` read as `{}`; unknown keys are `unknown_key` (with a suggestion when a
//!   known mistake is recognised); these issues come last.
//! * strings are trimmed; blank reads as absent; at most 256 characters unless stated.
//! * IDs (path or body): required strings, not `.`/`..`; prefixes are never checked.
//! * amounts: decimal strings (`"100.00"`), strictly positive; a JS number is `invalid_type`.
//! * `limit`: a whole number 1–100; `partnerTransactionId`: a JSON integer (safe integer range).
//! * `createdAfter`/`createdBefore`: RFC 3339 date-times (`2026-01-15T00:00:00Z`, offsets allowed),
//!   code `invalid_date`.
//! * metadata: an object of at most 20 string values (keys 1–40 characters, values ≤ 500).
//! * webhook URLs: `https://`, or `http://` only for `localhost`, `127.0.0.1` and `[::1]`; no user
//!   info, no fragment, at most 2048 characters.

use super::url;
use super::{Operation, RequestContext};
use crate::input::fields::{self, invalid_type, opt_bool, opt_string, required, DEFAULT_MAX_CHARS};
use crate::input::issue::join;
use crate::input::{BadString, Issue, IssueCode, Path, PathSeg, Value};
use crate::model::money::{Decimal, MAX_DECIMAL_CHARS};
use crate::model::{Metadata, WalletTargetInput};
use crate::validate::customer::{MAX_METADATA_KEY, MAX_METADATA_KEYS, MAX_METADATA_VALUE};
use crate::validate::date::Date;

/// An operation that can be built from a JS params object.
pub trait FromParams: Operation + Sized {
    /// Every accepted param key (path, query and body), in documented order.
    const PARAMS: &'static [&'static str];

    /// Reads and validates the params.
    ///
    /// # Errors
    /// Every issue found (full paths from the params root; `unknown_key` issues last).
    fn from_params(params: &Value, ctx: &RequestContext) -> Result<Self, Vec<Issue>>;

    /// [`FromParams::from_params`] with the warnings the params raise (advice that never stops
    /// the build: provisioning readiness of customer params). Default: none.
    ///
    /// # Errors
    /// As [`FromParams::from_params`].
    fn from_params_checked(
        params: &Value,
        ctx: &RequestContext,
    ) -> Result<(Self, Vec<Issue>), Vec<Issue>> {
        Self::from_params(params, ctx).map(|op| (op, Vec::new()))
    }
}

/// Longest ID accepted in params.
pub const MAX_ID_CHARS: usize = 256;
/// Longest webhook URL accepted.
pub const MAX_URL_CHARS: usize = 2048;
/// Most event types in one webhook subscription.
pub const MAX_EVENTS: usize = 100;

const EMPTY: &[(String, Value)] = &[];

/// Hints for list parameters.
pub(crate) const LIST_HINTS: &[(&str, &str)] = &[
    ("cursor", "startingAfter"),
    ("nextCursor", "startingAfter"),
    ("after", "startingAfter"),
    ("starting_after", "startingAfter"),
    ("before", "endingBefore"),
    ("previousCursor", "endingBefore"),
    ("ending_before", "endingBefore"),
    ("pageSize", "limit"),
    ("perPage", "limit"),
    ("created_after", "createdAfter"),
    ("createdFrom", "createdAfter"),
    ("created_before", "createdBefore"),
    ("createdTo", "createdBefore"),
];

/// Hints inside a wallet target (the documented alternative spellings `wallet` and
/// `externalAccountId` are accepted, see [`wallet_target`]).
pub(crate) const WALLET_TARGET_HINTS: &[(&str, &str)] = &[
    ("walletId", "id"),
    ("address", "blockchainAddress"),
    ("externalAccountID", "externalAccount"),
];

/// An object being read: its entries and its path from the params root.
pub struct Obj<'v> {
    entries: &'v [(String, Value)],
    path: Path,
}

/// Opens the params root (`undefined`/`null` read as `{}`).
pub(crate) fn root<'v>(
    v: &'v Value,
    known: &[&str],
    hints: &[(&str, &str)],
    issues: &mut Vec<Issue>,
) -> Option<Obj<'v>> {
    if v.is_nullish() {
        return Some(Obj {
            entries: EMPTY,
            path: Vec::new(),
        });
    }
    match fields::object(v, &[], "a params object", known, hints, issues) {
        Ok(entries) => Some(Obj {
            entries,
            path: Vec::new(),
        }),
        Err(e) => {
            issues.push(e);
            None
        }
    }
}

/// Ends a reading: the value when there were no issues, else every issue (`unknown_key` last).
pub(crate) fn finish<T>(
    issues: Vec<Issue>,
    make: impl FnOnce() -> Option<T>,
) -> Result<T, Vec<Issue>> {
    if issues.is_empty() {
        if let Some(t) = make() {
            return Ok(t);
        }
    }
    Err(order_issues(issues))
}

/// Moves `unknown_key` issues after the others, keeping the order within each group (non-generic,
/// so the sort is not instantiated once per operation).
#[inline(never)]
fn order_issues(issues: Vec<Issue>) -> Vec<Issue> {
    if issues.is_empty() {
        return vec![Issue::new(
            IssueCode::InvalidValue,
            Vec::new(),
            "The params could not be read.",
        )];
    }
    let (mut known, unknown): (Vec<Issue>, Vec<Issue>) = issues
        .into_iter()
        .partition(|i| i.code != IssueCode::UnknownKey);
    known.extend(unknown);
    known
}

/// Reads operations whose params are only path parameters: the values, in `keys` order.
pub(crate) fn path_only(params: &Value, keys: &[&str]) -> Result<Vec<String>, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut out = Vec::with_capacity(keys.len());
    if let Some(o) = root(params, keys, &[], &mut issues) {
        for k in keys {
            if let Some(id) = o.id(k, true, &mut issues) {
                out.push(id);
            }
        }
    }
    if issues.is_empty() && out.len() == keys.len() {
        return Ok(out);
    }
    Err(order_issues(issues))
}

/// Splits params into path parameter values (validated) and the body: the params minus the path
/// parameters, as an object `Value` (for validators that check their own keys, like customers).
pub(crate) fn split_body(
    params: &Value,
    path_keys: &[&str],
    issues: &mut Vec<Issue>,
) -> (Vec<Option<String>>, Value) {
    let entries: &[(String, Value)] = match params {
        Value::Undefined | Value::Null => EMPTY,
        Value::Object(e) => e,
        other => {
            issues.push(invalid_type(&[], "a params object", other));
            return (vec![None; path_keys.len()], Value::Object(Vec::new()));
        }
    };
    let o = Obj {
        entries,
        path: Vec::new(),
    };
    let ids = path_keys.iter().map(|k| o.id(k, true, issues)).collect();
    let body = entries
        .iter()
        .filter(|(k, _)| !path_keys.contains(&k.as_str()))
        .cloned()
        .collect();
    (ids, Value::Object(body))
}

fn invalid_value(path: impl Into<Path>, message: String) -> Issue {
    let path = path.into();
    let field = fields::field_name(&path);
    Issue::new(IssueCode::InvalidValue, path, message).with("field", field)
}

impl<'v> Obj<'v> {
    /// The value at `key` (`Undefined` when absent).
    pub fn get(&self, key: &str) -> &'v Value {
        fields::get(self.entries, key)
    }

    /// The path of `key`.
    pub fn at(&self, key: &str) -> Path {
        join(&self.path, key.to_owned()).into()
    }

    /// True when `key` is present and not `null`/`undefined`.
    pub fn has(&self, key: &str) -> bool {
        !self.get(key).is_nullish()
    }

    /// A nested object at `key` with its own known keys; `None` when absent (a `required` issue if
    /// `required`) or not an object.
    pub fn object(
        &self,
        key: &str,
        what: &str,
        known: &[&str],
        hints: &[(&str, &str)],
        required_: bool,
        issues: &mut Vec<Issue>,
    ) -> Option<Obj<'v>> {
        let path = self.at(key);
        let v = self.get(key);
        if v.is_nullish() {
            if required_ {
                issues.push(required(&path));
            }
            return None;
        }
        match fields::object(v, &path, what, known, hints, issues) {
            Ok(entries) => Some(Obj { entries, path }),
            Err(e) => {
                issues.push(e);
                None
            }
        }
    }

    /// An optional trimmed string of at most `max` characters.
    pub fn str(
        &self,
        key: &str,
        max: usize,
        required_: bool,
        issues: &mut Vec<Issue>,
    ) -> Option<String> {
        let path = self.at(key);
        match opt_string(self.get(key), &path, max) {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                if required_ {
                    issues.push(required(&path));
                }
                None
            }
            Err(e) => {
                issues.push(e);
                None
            }
        }
    }

    /// An identifier (see the module docs).
    pub fn id(&self, key: &str, required_: bool, issues: &mut Vec<Issue>) -> Option<String> {
        let s = self.str(key, MAX_ID_CHARS, required_, issues)?;
        if s == "." || s == ".." {
            issues.push(invalid_value(
                self.at(key),
                format!("{key} must be an identifier."),
            ));
            return None;
        }
        Some(s)
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str, issues: &mut Vec<Issue>) -> Option<bool> {
        fields::collect(issues, opt_bool(self.get(key), &self.at(key))).flatten()
    }

    /// A strictly positive decimal amount string.
    pub fn amount(&self, key: &str, required_: bool, issues: &mut Vec<Issue>) -> Option<Decimal> {
        let path = self.at(key);
        let v = self.get(key);
        if let Value::Number(_) = v {
            issues.push(
                invalid_type(&path, "a decimal string such as \"100.00\"", v)
                    .with("hint", "amounts are strings: write \"100.00\", not 100"),
            );
            return None;
        }
        let s = self.str(key, MAX_DECIMAL_CHARS, required_, issues)?;
        match Decimal::parse(&s) {
            Ok(d) if d.is_positive() => Some(d),
            Ok(_) => {
                issues.push(
                    invalid_value(path, format!("{key} must be greater than zero."))
                        .with("min", "0"),
                );
                None
            }
            Err(_) => {
                issues.push(
                    invalid_value(
                        path,
                        format!("{key} must be a decimal string such as \"100.00\": digits, optionally a dot and more digits; no sign, exponent or separators."),
                    )
                    .with("format", "decimal"),
                );
                None
            }
        }
    }

    /// A string that must be one of `allowed` (`invalid_enum` otherwise).
    pub fn enumerated(
        &self,
        key: &str,
        allowed: &[&str],
        required_: bool,
        issues: &mut Vec<Issue>,
    ) -> Option<String> {
        let s = self.str(key, 64, required_, issues)?;
        if allowed.contains(&s.as_str()) {
            return Some(s);
        }
        let list = allowed.join(", ");
        issues.push(
            Issue::new(
                IssueCode::InvalidEnum,
                self.at(key),
                format!("{key} must be one of: {list}."),
            )
            .with("allowed", list)
            .with("field", key),
        );
        None
    }

    /// A JS number that is a whole number within `min..=max`.
    pub fn integer(&self, key: &str, min: i64, max: i64, issues: &mut Vec<Issue>) -> Option<i64> {
        let path = self.at(key);
        match self.get(key) {
            Value::Undefined | Value::Null => None,
            Value::Number(n)
                if n.is_finite() && n.fract() == 0.0 && *n >= min as f64 && *n <= max as f64 =>
            {
                Some(*n as i64)
            }
            Value::Number(_) => {
                issues.push(
                    invalid_value(
                        path,
                        format!("{key} must be a whole number from {min} to {max}."),
                    )
                    .with("min", min.to_string())
                    .with("max", max.to_string()),
                );
                None
            }
            other => {
                issues.push(invalid_type(&path, "a whole number", other));
                None
            }
        }
    }

    /// An RFC 3339 date-time string.
    pub fn datetime(&self, key: &str, issues: &mut Vec<Issue>) -> Option<String> {
        let s = self.str(key, 64, false, issues)?;
        if is_datetime(&s) {
            return Some(s);
        }
        issues.push(
            Issue::new(
                IssueCode::InvalidDate,
                self.at(key),
                format!("{key} must be an ISO 8601 date-time such as 2026-01-15T00:00:00Z."),
            )
            .with("format", "date-time")
            .with("field", key),
        );
        None
    }

    /// A latitude/longitude: a JS number or a decimal string, within `-limit..=limit` degrees.
    pub fn coordinate(&self, key: &str, limit: u8, issues: &mut Vec<Issue>) -> Option<f64> {
        let path = self.at(key);
        let x = match self.get(key) {
            Value::Number(n) => Some(*n),
            Value::String(s) if crate::model::money::is_decimal_syntax(s.trim()) => {
                crate::model::wire::parse_f64(s.trim())
            }
            Value::Undefined | Value::Null => {
                issues.push(required(&path));
                return None;
            }
            Value::String(_) => None,
            other => {
                issues.push(invalid_type(&path, "a number", other));
                return None;
            }
        };
        match x {
            Some(x) if x.is_finite() && x.abs() <= f64::from(limit) => Some(x),
            _ => {
                issues.push(
                    invalid_value(
                        path,
                        format!("{key} must be a number from -{limit} to {limit}."),
                    )
                    .with("min", format!("-{limit}"))
                    .with("max", limit.to_string()),
                );
                None
            }
        }
    }

    /// Metadata: an object of string values (see the module docs).
    pub fn metadata(&self, key: &str, issues: &mut Vec<Issue>) -> Option<Metadata> {
        let path = self.at(key);
        let entries = match self.get(key) {
            Value::Undefined | Value::Null => return None,
            Value::Object(e) => e,
            other => {
                issues.push(invalid_type(&path, "an object of string values", other));
                return None;
            }
        };
        if entries.len() > MAX_METADATA_KEYS {
            issues.push(
                Issue::new(
                    IssueCode::TooManyKeys,
                    path,
                    format!("{key} can hold at most {MAX_METADATA_KEYS} keys."),
                )
                .with("max", MAX_METADATA_KEYS.to_string()),
            );
            return None;
        }
        let before = issues.len();
        let mut out = Metadata::new();
        for (k, v) in entries {
            let key_path = join(&path, k.clone());
            let len = k.chars().count();
            if len == 0
                || len > MAX_METADATA_KEY
                || matches!(k.as_str(), "__proto__" | "constructor" | "prototype")
            {
                issues.push(
                    invalid_value(
                        key_path,
                        format!("metadata keys must be 1 to {MAX_METADATA_KEY} characters and not a reserved name."),
                    )
                    .with("max", MAX_METADATA_KEY.to_string()),
                );
                continue;
            }
            match v {
                Value::String(s) if s.trim().is_empty() => {
                    out.insert(k.clone(), serde_json::Value::String(String::new()));
                }
                Value::Undefined => {}
                _ => match opt_string(v, &key_path, MAX_METADATA_VALUE) {
                    Ok(Some(s)) => {
                        out.insert(k.clone(), serde_json::Value::String(s));
                    }
                    Ok(None) => issues.push(invalid_type(&key_path, "a string", v)),
                    Err(e) => issues.push(e),
                },
            }
        }
        (issues.len() == before).then_some(out)
    }

    /// A webhook delivery URL (see the module docs).
    pub fn webhook_url(
        &self,
        key: &str,
        required_: bool,
        issues: &mut Vec<Issue>,
    ) -> Option<String> {
        let s = self.str(key, MAX_URL_CHARS, required_, issues)?;
        match check_webhook_url(&s) {
            Ok(()) => Some(s),
            Err(reason) => {
                issues.push(
                    invalid_value(self.at(key), format!("{key} {}", reason.1))
                        .with("reason", reason.0),
                );
                None
            }
        }
    }

    /// A list of event types: non-empty strings without spaces, no duplicates.
    pub fn events(&self, key: &str, issues: &mut Vec<Issue>) -> Option<Vec<String>> {
        let path = self.at(key);
        let items = match self.get(key) {
            Value::Undefined | Value::Null => return None,
            Value::Array(items) => items,
            other => {
                issues.push(invalid_type(&path, "an array of event types", other));
                return None;
            }
        };
        if items.len() > MAX_EVENTS {
            issues.push(
                Issue::new(
                    IssueCode::TooLong,
                    path,
                    format!("{key} can hold at most {MAX_EVENTS} event types."),
                )
                .with("max", MAX_EVENTS.to_string()),
            );
            return None;
        }
        let before = issues.len();
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = join(&path, i);
            match opt_string(item, &item_path, 128) {
                Ok(Some(s)) if s.contains(char::is_whitespace) => issues.push(invalid_value(
                    item_path,
                    "Event types contain no spaces (e.g. \"cashIn.completed\").".to_owned(),
                )),
                Ok(Some(s)) if out.contains(&s) => issues.push(Issue::new(
                    IssueCode::Duplicate,
                    item_path,
                    "This event type is listed twice.",
                )),
                Ok(Some(s)) => out.push(s),
                Ok(None) => issues.push(required(&item_path)),
                Err(e) => issues.push(e),
            }
        }
        (issues.len() == before).then_some(out)
    }

    /// Exactly one of `keys` must be present; see the free function `exactly_one` of this module.
    pub fn exactly_one(
        &self,
        keys: &[&str],
        missing_at: Path,
        extra_at: Path,
        issues: &mut Vec<Issue>,
    ) -> bool {
        let present = keys.iter().filter(|k| self.has(k)).count();
        exactly_one(present, keys, missing_at, extra_at, issues)
    }

    /// Every entry except `skip`, as JSON (for the pass-through body of the virtual-account
    /// simulation). `undefined` values are left out.
    pub fn rest_as_json(
        &self,
        skip: &[&str],
        issues: &mut Vec<Issue>,
    ) -> serde_json::Map<String, serde_json::Value> {
        let mut out = serde_json::Map::new();
        for (k, v) in self.entries {
            if skip.contains(&k.as_str()) || v.is_undefined() {
                continue;
            }
            if let Some(j) = to_json(v, &self.at(k), issues) {
                out.insert(k.clone(), j);
            }
        }
        out
    }
}

/// Exactly one of the fields named `names` must be present (`present` of them are): a `required`
/// issue on `missing_at` when none is, `invalid_value` on `extra_at` when several are (both with
/// `params.oneOf`). Returns true when exactly one is.
pub(crate) fn exactly_one(
    present: usize,
    names: &[&str],
    missing_at: Path,
    extra_at: Path,
    issues: &mut Vec<Issue>,
) -> bool {
    let list = names.join(", ");
    match present {
        1 => true,
        0 => {
            issues.push(
                Issue::new(
                    IssueCode::Required,
                    missing_at,
                    format!("Set exactly one of: {list}."),
                )
                .with("oneOf", list),
            );
            false
        }
        _ => {
            issues.push(
                Issue::new(
                    IssueCode::InvalidValue,
                    extra_at,
                    format!("Set exactly one of: {list}, not several."),
                )
                .with("oneOf", list),
            );
            false
        }
    }
}

/// Reads a wallet target at `key` of `o`: an object with exactly one of `id`, `blockchainAddress`,
/// `externalAccount` (issues on the object's path otherwise). The OMS docs also write `id` as
/// `wallet` (the Get-started page, the cash-in and bank-transfer guides) and `externalAccount` as
/// `externalAccountId` (transaction responses): both spellings are accepted as input, and the
/// canonical one is written.
pub(crate) fn wallet_target(
    o: &Obj<'_>,
    key: &str,
    required_: bool,
    issues: &mut Vec<Issue>,
) -> Option<WalletTargetInput> {
    const KEYS: &[&str] = &[
        "id",
        "wallet",
        "blockchainAddress",
        "externalAccount",
        "externalAccountId",
    ];
    let w = o.object(
        key,
        "a wallet object",
        KEYS,
        WALLET_TARGET_HINTS,
        required_,
        issues,
    )?;
    let id = w.spelling("id", "wallet", issues)?;
    let external = w.spelling("externalAccount", "externalAccountId", issues)?;
    let present = usize::from(w.has(id))
        + usize::from(w.has("blockchainAddress"))
        + usize::from(w.has(external));
    let names = [
        "id (or wallet)",
        "blockchainAddress",
        "externalAccount (or externalAccountId)",
    ];
    if !exactly_one(present, &names, w.path.clone(), w.path.clone(), issues) {
        return None;
    }
    if w.has(id) {
        w.id(id, true, issues)
            .map(|s| WalletTargetInput::Id(s.into()))
    } else if w.has("blockchainAddress") {
        w.str("blockchainAddress", 128, true, issues)
            .map(WalletTargetInput::BlockchainAddress)
    } else {
        w.id(external, true, issues)
            .map(|s| WalletTargetInput::ExternalAccount(s.into()))
    }
}

impl<'v> Obj<'v> {
    /// Which key holds a field the docs spell two ways (`canonical` / `alias`): the alias when
    /// only it is present, else the canonical key. Both present with different values is an
    /// `invalid_value` issue on the alias (and `None`); with the same value the alias is ignored.
    pub fn spelling<'k>(
        &self,
        canonical: &'k str,
        alias: &'k str,
        issues: &mut Vec<Issue>,
    ) -> Option<&'k str> {
        match (self.has(canonical), self.has(alias)) {
            (false, true) => Some(alias),
            (true, true) => {
                let same = match (self.get(canonical), self.get(alias)) {
                    (Value::String(a), Value::String(b)) => a.trim() == b.trim(),
                    _ => false,
                };
                if same {
                    Some(canonical)
                } else {
                    issues.push(
                        invalid_value(
                            self.at(alias),
                            format!("{alias} is another name of {canonical}: give one of them, not two different values."),
                        )
                        .with("canonical", canonical),
                    );
                    None
                }
            }
            _ => Some(canonical),
        }
    }
}

/// Converts a params value to JSON; issues for what JSON cannot hold (also the raw client's body).
pub(crate) fn to_json(
    v: &Value,
    path: &[PathSeg],
    issues: &mut Vec<Issue>,
) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match v {
        Value::Undefined | Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => {
            J::from(*n as i64)
        }
        Value::Number(n) => match serde_json::Number::from_f64(*n) {
            Some(x) => J::Number(x),
            None => {
                issues.push(invalid_value(
                    path.to_vec(),
                    "Must be a finite number.".to_owned(),
                ));
                return None;
            }
        },
        Value::String(s) => J::String(s.clone()),
        Value::BadString(BadString::TooLong { .. }) => {
            issues.push(fields::too_long(
                path,
                crate::input::fields::DEFAULT_MAX_CHARS * 256,
            ));
            return None;
        }
        Value::BadString(_) => {
            issues.push(Issue::new(
                IssueCode::InvalidEncoding,
                path.to_vec(),
                "Contains an invalid character (an unpaired UTF-16 surrogate).",
            ));
            return None;
        }
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(to_json(item, &join(path, i), issues)?);
            }
            J::Array(out)
        }
        Value::Object(entries) => {
            let mut out = serde_json::Map::new();
            for (k, item) in entries {
                if item.is_undefined() {
                    continue;
                }
                out.insert(k.clone(), to_json(item, &join(path, k.clone()), issues)?);
            }
            J::Object(out)
        }
        other @ Value::Other(_) => {
            issues.push(invalid_type(path, "a JSON value", other));
            return None;
        }
    })
}

/// True for an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, a real date, hours
/// 00–23, minutes 00–59, seconds 00–60 (leap second). Upper-case `T` and `Z` only.
pub fn is_datetime(s: &str) -> bool {
    let (Some(date), Some(rest)) = (s.get(..10), s.get(10..)) else {
        return false;
    };
    if Date::parse(date).is_none() {
        return false;
    }
    let Some(time) = rest.strip_prefix('T') else {
        return false;
    };
    let two = |t: &str, max: u32| -> bool {
        t.len() == 2
            && t.bytes().all(|b| b.is_ascii_digit())
            && t.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let (Some(h), Some(m), Some(sec)) = (time.get(0..2), time.get(3..5), time.get(6..8)) else {
        return false;
    };
    if time.get(2..3) != Some(":")
        || time.get(5..6) != Some(":")
        || !two(h, 23)
        || !two(m, 59)
        || !two(sec, 60)
    {
        return false;
    }
    let mut zone = time.get(8..).unwrap_or("");
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return false;
        }
        zone = frac.get(digits..).unwrap_or("");
    }
    if zone == "Z" {
        return true;
    }
    match (zone.get(..1), zone.get(1..3), zone.get(3..4), zone.get(4..)) {
        (Some("+" | "-"), Some(oh), Some(":"), Some(om)) => two(oh, 23) && two(om, 59),
        _ => false,
    }
}

/// Checks a webhook URL; `Err((reason code, message tail))`.
pub(crate) fn check_webhook_url(s: &str) -> Result<(), (&'static str, &'static str)> {
    if s.chars().any(|c| c.is_whitespace() || c == '\\') {
        return Err(("format", "must not contain spaces or backslashes."));
    }
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(("format", "must be an absolute https:// URL."));
    };
    if rest.contains('#') {
        return Err(("fragment", "must not have a fragment (#…)."));
    }
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    if authority.contains('@') {
        return Err(("userinfo", "must not contain user info (credentials)."));
    }
    if !url::valid_authority(authority) {
        return Err(("host", "must have a valid host and port."));
    }
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if scheme.eq_ignore_ascii_case("https") {
        return Ok(());
    }
    let local = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|h| h.eq_ignore_ascii_case(host));
    if scheme.eq_ignore_ascii_case("http") && local {
        return Ok(());
    }
    Err((
        "https_required",
        "must use https:// (http:// is accepted only for localhost, 127.0.0.1 and [::1]).",
    ))
}

/// The default maximum for free-text fields, re-exported for operations.
pub(crate) const TEXT: usize = DEFAULT_MAX_CHARS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        for ok in [
            "2026-01-15T00:00:00Z",
            "2026-01-15T23:59:60.123Z",
            "2026-01-15T10:00:00+05:30",
            "2024-02-29T00:00:00-00:00",
        ] {
            assert!(is_datetime(ok), "{ok}");
        }
        for bad in [
            "2026-01-15",
            "2026-01-15 00:00:00Z",
            "2026-01-15T24:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-01-15T00:00:00",
            "2026-01-15T00:00:00z",
            "2026-01-15T00:00:00.Z",
            "2026-01-15T00:00:00+5:30",
            "2026-01-15T00:00Z",
            "é026-01-15T00:00:00Z",
        ] {
            assert!(!is_datetime(bad), "{bad}");
        }
    }

    #[test]
    fn webhook_urls() {
        for ok in [
            "https://example.com/hooks/oms",
            "https://example.com:8443/h?x=1",
            "http://localhost:3000/h",
            "http://127.0.0.1/h",
            "http://[::1]:8080/h",
            "HTTPS://Example.com",
        ] {
            assert_eq!(check_webhook_url(ok), Ok(()), "{ok}");
        }
        for (bad, reason) in [
            ("http://example.com/h", "https_required"),
            ("ftp://example.com", "https_required"),
            ("example.com/h", "format"),
            ("https://u:p@example.com", "userinfo"),
            ("https://example.com/#x", "fragment"),
            ("https:///x", "host"),
            ("https://exa mple.com", "format"),
            ("http://localhost.evil.com/", "https_required"),
        ] {
            assert_eq!(
                check_webhook_url(bad).map_err(|e| e.0),
                Err(reason),
                "{bad}"
            );
        }
    }
}
