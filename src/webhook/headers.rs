//! [`WebhookHeaders`]: the three Standard Webhooks headers, read case-insensitively.

/// The delivery headers that matter for verification: `webhook-id`, `webhook-timestamp` and
/// `webhook-signature`. Names are case-insensitive; other headers are ignored.
///
/// A header may be given several times (e.g. an array value in Node's `req.headers`). Repeated
/// identical values count once; different values are joined with `", "`, exactly as WHATWG
/// `Headers.get` and Node join repeated headers, so both ways of passing headers behave alike.
/// Several `webhook-signature` values therefore contribute all their entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookHeaders {
    id: Vec<String>,
    timestamp: Vec<String>,
    signature: Vec<String>,
}

/// Which of the three headers a name is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Name {
    Id,
    Timestamp,
    Signature,
}

fn name_of(name: &str) -> Option<Name> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("webhook-id") {
        Some(Name::Id)
    } else if n.eq_ignore_ascii_case("webhook-timestamp") {
        Some(Name::Timestamp)
    } else if n.eq_ignore_ascii_case("webhook-signature") {
        Some(Name::Signature)
    } else {
        None
    }
}

impl WebhookHeaders {
    /// No headers.
    pub fn new() -> Self {
        WebhookHeaders::default()
    }

    /// Collects `(name, value)` pairs: names in any case, any number of values per name, other
    /// names ignored. Values are trimmed of surrounding whitespace, as HTTP does.
    pub fn from_pairs<'a, I>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut h = WebhookHeaders::new();
        for (name, value) in pairs {
            h.append(name, value);
        }
        h
    }

    /// Adds one value (ignored unless `name` is one of the three webhook headers).
    pub fn append(&mut self, name: &str, value: &str) {
        let list = match name_of(name) {
            Some(Name::Id) => &mut self.id,
            Some(Name::Timestamp) => &mut self.timestamp,
            Some(Name::Signature) => &mut self.signature,
            None => return,
        };
        let v = value.trim();
        if !v.is_empty() && !list.iter().any(|x| x == v) {
            list.push(v.to_owned());
        }
    }

    fn joined(list: &[String]) -> Option<String> {
        if list.is_empty() {
            None
        } else {
            Some(list.join(", "))
        }
    }

    /// `webhook-id` (repeated different values joined with `", "`); `None` when absent or empty.
    pub fn id(&self) -> Option<String> {
        Self::joined(&self.id)
    }

    /// `webhook-timestamp` (repeated different values joined with `", "`); `None` when absent or empty.
    pub fn timestamp(&self) -> Option<String> {
        Self::joined(&self.timestamp)
    }

    /// Every `webhook-signature` value; empty when absent.
    pub fn signatures(&self) -> &[String] {
        &self.signature
    }
}
