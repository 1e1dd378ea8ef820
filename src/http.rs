//! Plain-data HTTP messages: what the request builders produce and the response parsers read.
//!
//! No I/O happens here. A transport (the wasm fetch client, a test, a queue worker in another
//! language) sends an [`HttpRequest`] however it likes and hands back an [`HttpResponse`].
//!
//! `Debug` is safe to log: the `Authorization` header (and any other credential-bearing header) is
//! printed as `[redacted]`, query-string values are redacted (they can hold an email address), and
//! bodies are printed only as their length, because request bodies carry SSNs, birth dates and the
//! API secret, and response bodies carry personal data.

use std::fmt;

/// An HTTP method used by the OMS API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: reads and lists.
    Get,
    /// `POST`: creations, the token exchange, refresh and simulations.
    Post,
    /// `PATCH`: partial updates.
    Patch,
    /// `DELETE`: deletions.
    Delete,
}

impl Method {
    /// The method name in upper case (`"GET"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request ready to send: absolute URL, headers in the order they should be sent, optional body.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// Absolute URL, path segments and query already percent-encoded.
    pub url: String,
    /// Header names and values, in canonical order (see [`crate::api`]).
    pub headers: Vec<(String, String)>,
    /// JSON body text, if the request has one.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// A response as received: status, headers (any order, any case), body text.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Header names and values as received.
    pub headers: Vec<(String, String)>,
    /// Body text (empty when there was none).
    pub body: String,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// The first header named `name` (ASCII case-insensitive) in a header list.
pub fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A request URL as hooks and logs may show it: without its query string (query values carry
/// emails, external ids and other personal data) or fragment.
pub fn url_without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// The query parameter names of a URL as written (percent-encoded), in order, each once (the
/// values are left out: see [`url_without_query`]).
pub fn query_names(url: &str) -> Vec<String> {
    let Some((_, query)) = url.split('#').next().unwrap_or(url).split_once('?') else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let name = pair.split('=').next().unwrap_or(pair);
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// The delay a `Retry-After` header asks for, in seconds: a number of seconds, or an HTTP date
/// (RFC 9110 §10.2.3) measured from the response's own `Date` header when it has one (the server's
/// clock on both sides: no skew), else from `now` (Unix seconds; `None` when the caller has no
/// clock). A date in the past gives 0. `None` when absent or unreadable.
pub fn retry_after_seconds(headers: &[(String, String)], now: Option<u64>) -> Option<u64> {
    let value = find_header(headers, "retry-after")?.trim();
    if !value.is_empty() && value.len() <= 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok();
    }
    let at = parse_http_date(value)?;
    let reference = find_header(headers, "date")
        .and_then(parse_http_date)
        .or(now)?;
    Some(at.saturating_sub(reference))
}

/// Parses an HTTP date into Unix seconds: the IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`)
/// and the two obsolete forms recipients must accept (RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`,
/// asctime `Sun Nov  6 08:49:37 1994`). The weekday name is checked for form, not for agreement.
pub fn parse_http_date(s: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const LONG_DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let num = |t: &str, len: std::ops::RangeInclusive<usize>| -> Option<u64> {
        (len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let month = |t: &str| MONTHS.iter().position(|m| *m == t).map(|i| i as u64 + 1);
    let time = |t: &str| -> Option<(u64, u64, u64)> {
        let mut it = t.split(':');
        let h = num(it.next()?, 2..=2)?;
        let m = num(it.next()?, 2..=2)?;
        let sec = num(it.next()?, 2..=2)?;
        it.next().is_none().then_some((h, m, sec))
    };
    let s = s.trim();
    let (y, mo, d, (h, mi, sec)) = if let Some((day, rest)) = s.split_once(", ") {
        let parts: Vec<&str> = rest.split(' ').collect();
        if DAYS.contains(&day) {
            // IMF-fixdate: 06 Nov 1994 08:49:37 GMT
            let [d, mo, y, t, "GMT"] = parts[..] else {
                return None;
            };
            (num(y, 4..=4)?, month(mo)?, num(d, 2..=2)?, time(t)?)
        } else if LONG_DAYS.contains(&day) {
            // RFC 850: 06-Nov-94 08:49:37 GMT (two-digit years: 70-99 → 19xx, else 20xx)
            let [date, t, "GMT"] = parts[..] else {
                return None;
            };
            let mut dp = date.split('-');
            let (d, mo, yy) = (dp.next()?, dp.next()?, dp.next()?);
            if dp.next().is_some() {
                return None;
            }
            let yy = num(yy, 2..=2)?;
            let y = if yy >= 70 { 1900 + yy } else { 2000 + yy };
            (y, month(mo)?, num(d, 2..=2)?, time(t)?)
        } else {
            return None;
        }
    } else {
        // asctime: Sun Nov  6 08:49:37 1994 (the day is space-padded)
        let parts: Vec<&str> = s.split(' ').filter(|p| !p.is_empty()).collect();
        let [day, mo, d, t, y] = parts[..] else {
            return None;
        };
        if !DAYS.contains(&day) {
            return None;
        }
        (num(y, 4..=4)?, month(mo)?, num(d, 1..=2)?, time(t)?)
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1970 || d == 0 || d > month_days[(mo - 1) as usize] || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    // days from 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil)
    let (yy, mm) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = yy / 400;
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3_600 + mi * 60 + sec)
}

/// True for headers whose value is a credential and must never be printed.
fn is_credential_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie"
    ) || n.contains("secret")
        || n.contains("token")
        || n.contains("api-key")
        || n.contains("signature")
}

struct Headers<'a>(&'a [(String, String)]);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (k, v) in self.0 {
            if is_credential_header(k) {
                list.entry(&(k, "[redacted]"));
            } else {
                list.entry(&(k, v));
            }
        }
        list.finish()
    }
}

/// A URL with query values replaced by `[redacted]` (an email filter is personal data).
struct Url<'a>(&'a str);

impl fmt::Debug for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((base, query)) = self.0.split_once('?') else {
            return write!(f, "{:?}", self.0);
        };
        let mut out = String::with_capacity(base.len() + query.len());
        out.push_str(base);
        out.push('?');
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            let key = pair.split_once('=').map_or(pair, |(k, _)| k);
            out.push_str(key);
            out.push_str("=[redacted]");
        }
        write!(f, "{out:?}")
    }
}

struct BodyLen(usize);

impl fmt::Debug for BodyLen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &Url(&self.url))
            .field("headers", &Headers(&self.headers))
            .field("body", &self.body.as_ref().map(|b| BodyLen(b.len())))
            .finish()
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &Headers(&self.headers))
            .field("body", &BodyLen(self.body.len()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_for_logs_keep_no_query_values() {
        let u = "https://x.test/v0.9/customers?email=alice%40example.com&externalId=u-1&limit=5&email=b#f";
        assert_eq!(url_without_query(u), "https://x.test/v0.9/customers");
        assert_eq!(query_names(u), ["email", "externalId", "limit"]);
        assert_eq!(query_names("https://x.test/a"), Vec::<String>::new());
        assert_eq!(query_names("https://x.test/a?e%20x=1&=2"), ["e%20x"]);
    }

    #[test]
    fn debug_redacts_credentials_bodies_and_query_values() {
        let req = HttpRequest {
            method: Method::Post,
            url: "https://x.test/v0.9/customers?email=a%40b.co&limit=5".into(),
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Authorization".into(), "Bearer eyJsecret".into()),
            ],
            body: Some(r#"{"birthDate":"1990-04-12"}"#.into()),
        };
        let s = format!("{req:?}");
        assert!(!s.contains("eyJsecret") && !s.contains("1990") && !s.contains("a%40b"));
        assert!(s.contains("[redacted]") && s.contains("<26 bytes>") && s.contains("limit="));
        assert!(
            s.contains(r#"url: "https://x.test/v0.9/customers?email=[redacted]&limit=[redacted]""#),
            "{s}"
        );
        let bare = HttpRequest {
            url: "https://x.test/v0.9/customers".into(),
            body: None,
            ..req.clone()
        };
        assert!(format!("{bare:?}").contains(r#"url: "https://x.test/v0.9/customers", "#));
        assert!(format!("{bare:?}").contains("body: None"));
        // ordinary headers stay readable
        assert!(s.contains(r#"("Accept", "application/json")"#), "{s}");
        let mut resp = HttpResponse::new(200, r#"{"accessToken":"eyJ"}"#);
        assert!(!format!("{resp:?}").contains("eyJ"));
        assert_eq!(
            format!("{resp:?}"),
            "HttpResponse { status: 200, headers: [], body: <21 bytes> }"
        );
        resp.headers.push(("X-Request-Id".into(), "req_1".into()));
        resp.headers.push(("x-request-id".into(), "req_2".into()));
        assert_eq!(resp.header("X-REQUEST-ID"), Some("req_1"));
        assert_eq!(resp.header("retry-after"), None);
        assert_eq!(req.header("authorization"), Some("Bearer eyJsecret"));
        assert_eq!(Method::Patch.to_string(), "PATCH");
    }

    #[test]
    fn credential_headers() {
        for h in [
            "Authorization",
            "proxy-authorization",
            "Cookie",
            "Set-Cookie",
            "X-Client-Secret",
            "x-refresh-token",
            "X-Api-Key",
            "webhook-signature",
        ] {
            assert!(is_credential_header(h), "{h}");
        }
        for h in [
            "Accept",
            "Content-Type",
            "Idempotency-Key",
            "X-Request-Id",
            "Retry-After",
        ] {
            assert!(!is_credential_header(h), "{h}");
        }
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        // RFC 9110's example: 784111777 = 1994-11-06T08:49:37Z
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Tue, 01 Dec 2026 12:00:00 GMT"),
            Some(1_796_126_400)
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT"),
            Some(1_709_251_199)
        );
        // 2000 is a leap year (divisible by 400); RFC 850 two-digit years below 70 are 20xx
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"),
            Some(951_782_400)
        );
        assert_eq!(
            parse_http_date("Tuesday, 01-Dec-26 12:00:00 GMT"),
            Some(1_796_126_400)
        );
        // a leap second is accepted (RFC 9110 allows 60)
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:60 GMT"), Some(60));
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 November 1994 08:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 30 Feb 2024 08:49:37 GMT",
            "Sun, 29 Feb 2023 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37",
            "1994-11-06T08:49:37Z",
            // day 0, minute 60, second 61, 29 February of a century year that is no leap year
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:61 GMT",
            "Mon, 29 Feb 2100 00:00:00 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_seconds_or_date() {
        let h = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(
            retry_after_seconds(&h(&[("Retry-After", " 7 ")]), None),
            Some(7)
        );
        assert_eq!(retry_after_seconds(&h(&[]), Some(0)), None);
        assert_eq!(
            retry_after_seconds(&h(&[("retry-after", "soon")]), Some(0)),
            None
        );
        assert_eq!(
            retry_after_seconds(&h(&[("retry-after", "-1")]), Some(0)),
            None
        );
        // more than 12 digits is not a number of seconds (nor a date)
        assert_eq!(
            retry_after_seconds(&h(&[("retry-after", "1234567890123")]), Some(0)),
            None
        );
        assert_eq!(
            retry_after_seconds(&h(&[("retry-after", "123456789012")]), Some(0)),
            Some(123_456_789_012)
        );
        let date = "Tue, 01 Dec 2026 12:00:00 GMT";
        let later = "Tue, 01 Dec 2026 12:00:30 GMT";
        // measured from the response's Date header when present (the caller's clock is ignored)
        assert_eq!(
            retry_after_seconds(&h(&[("Retry-After", later), ("Date", date)]), Some(0)),
            Some(30)
        );
        assert_eq!(
            retry_after_seconds(&h(&[("Retry-After", later), ("Date", date)]), None),
            Some(30)
        );
        // else from the caller's clock; without either, unknown
        assert_eq!(
            retry_after_seconds(&h(&[("Retry-After", later)]), Some(1_796_126_410)),
            Some(20)
        );
        assert_eq!(
            retry_after_seconds(&h(&[("Retry-After", later)]), None),
            None
        );
        // a date in the past: retry at once
        assert_eq!(
            retry_after_seconds(&h(&[("Retry-After", date), ("Date", later)]), None),
            Some(0)
        );
    }

    proptest::proptest! {
        #[test]
        fn http_date_parsing_never_panics(s in "\\PC{0,40}", d in 0u32..100, y in 0u32..10000, h in 0u32..100) {
            let _ = parse_http_date(&s);
            let _ = parse_http_date(&format!("Sun, {d:02} Feb {y:04} {h:02}:{h:02}:{h:02} GMT"));
            let _ = parse_http_date(&format!("Sunday, {d:02}-Feb-{:02} {h:02}:00:00 GMT", y % 100));
            let _ = parse_http_date(&format!("Sun Feb {d} {h:02}:00:00 {y}"));
            let headers = vec![("retry-after".to_owned(), s.clone()), ("date".to_owned(), s.clone())];
            let _ = retry_after_seconds(&headers, Some(u64::from(y)));
        }
    }
}
