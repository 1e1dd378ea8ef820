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
    /// The webhook headers given with a value over [`MAX_HEADER_BYTES`] (not stored).
    oversize: Vec<&'static str>,
}

/// Longest webhook header value read, in bytes (16 KiB, Node's default limit for all headers
/// together). A `webhook-signature` with a few rotation entries is well under 1 KiB.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

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

    /// Adds one value (ignored unless `name` is one of the three webhook headers). A value over
    /// [`MAX_HEADER_BYTES`] is not stored; verification then fails with `header_too_large`.
    pub fn append(&mut self, name: &str, value: &str) {
        if value.len() > MAX_HEADER_BYTES {
            self.append_oversize(name);
            return;
        }
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

    /// Records that `name` (if a webhook header) was given with a value too large to read (the
    /// bindings call this without copying such a value).
    pub fn append_oversize(&mut self, name: &str) {
        let n = match name_of(name) {
            Some(Name::Id) => "webhook-id",
            Some(Name::Timestamp) => "webhook-timestamp",
            Some(Name::Signature) => "webhook-signature",
            None => return,
        };
        if !self.oversize.contains(&n) {
            self.oversize.push(n);
        }
    }

    /// The webhook headers that were too large to read ([`MAX_HEADER_BYTES`]).
    pub fn oversize(&self) -> &[&'static str] {
        &self.oversize
    }

    fn joined(list: &[String]) -> Option<String> {
        if list.is_empty() {
            None
        } else {
            // (joined through `&str`s: one instantiation of the slice join in the small module)
            let parts: Vec<&str> = list.iter().map(String::as_str).collect();
            Some(parts.join(", "))
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
