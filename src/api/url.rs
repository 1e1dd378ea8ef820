//! Base URLs and percent-encoding.
//!
//! * [`BaseUrl`]: an absolute `https` URL (or `http` to a loopback host, see below) including the
//!   API version segment, no query, no fragment, no user info, trailing slashes removed. From an
//!   [`Environment`] (the documented hosts, default version [`DEFAULT_API_VERSION`]) or a custom
//!   URL (the emulator, a proxy, a later version). A custom URL without any path gets the default
//!   version segment (`http://127.0.0.1:8787` → `http://127.0.0.1:8787/v0.9`): every OMS path
//!   starts with one, and a bare origin would make every call a 404.
//! * Plain `http://` carries the API secret and bearer tokens in clear text, so it is accepted only
//!   for loopback hosts ([`is_loopback_host`]: the emulator, a local proxy) unless the caller opts
//!   in with [`BaseUrl::parse_allowing_http`] (the `dangerouslyAllowInsecureHttp` option).
//! * [`encode_component`]: RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`) are kept, every
//!   other byte of the UTF-8 form becomes `%XX` (upper-case hex). Used for path segments, query keys
//!   and query values alike (a space is `%20`, never `+`).

use crate::error::BuildError;

/// The API version segment used with an [`Environment`] unless another is given.
pub const DEFAULT_API_VERSION: &str = "v0.9";

/// Longest base URL accepted, in bytes.
pub const MAX_BASE_URL_LEN: usize = 2048;

/// A documented OMS environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Environment {
    /// `https://sandbox-api.polygon.technology` (keys `sk_sdbx_…`). Default.
    #[default]
    Sandbox,
    /// `https://api.polygon.technology` (keys `sk_live_…`).
    Production,
}

impl Environment {
    /// The origin of the environment (no version segment).
    pub fn origin(self) -> &'static str {
        match self {
            Environment::Sandbox => "https://sandbox-api.polygon.technology",
            Environment::Production => "https://api.polygon.technology",
        }
    }

    /// The option string (`"sandbox"`, `"production"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Production => "production",
        }
    }

    /// Reads the option string (exact, lowercase).
    pub fn from_name(s: &str) -> Option<Environment> {
        match s {
            "sandbox" => Some(Environment::Sandbox),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }
}

/// A validated base URL such as `https://sandbox-api.polygon.technology/v0.9`: paths are appended to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The environment's base URL with the default version (`…/v0.9`).
    pub fn environment(env: Environment) -> BaseUrl {
        BaseUrl(format!("{}/{DEFAULT_API_VERSION}", env.origin()))
    }

    /// The environment's base URL with another version segment, e.g. `"v0.11"`.
    ///
    /// # Errors
    /// [`BuildError::InvalidBaseUrl`] unless `version` is `v` followed by digits and dots
    /// (`v0.11`, `v1`).
    pub fn environment_version(env: Environment, version: &str) -> Result<BaseUrl, BuildError> {
        let v = version.trim().trim_matches('/');
        let rest = v.strip_prefix('v').unwrap_or("");
        let ok = !rest.is_empty()
            && rest.len() <= 16
            && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && rest.starts_with(|c: char| c.is_ascii_digit());
        if !ok {
            return Err(BuildError::InvalidBaseUrl(
                "the api version must look like \"v0.9\"",
            ));
        }
        Ok(BaseUrl(format!("{}/{v}", env.origin())))
    }

    /// Validates a custom base URL (which should include its version segment; a URL without any
    /// path gets [`DEFAULT_API_VERSION`]). Surrounding whitespace and trailing slashes are removed;
    /// the scheme is lower-cased; non-ASCII characters of the path are percent-encoded (UTF-8).
    ///
    /// # Errors
    /// [`BuildError::InvalidBaseUrl`] when the URL is not `https://` (or `http://` to a loopback
    /// host), has no host, has a user-info part, a query or a fragment, contains spaces, control
    /// characters or backslashes, has a bad port, or is longer than [`MAX_BASE_URL_LEN`].
    pub fn parse(url: &str) -> Result<BaseUrl, BuildError> {
        Self::parse_with(url, false)
    }

    /// As [`BaseUrl::parse`], but plain `http://` is accepted for any host. The API secret and
    /// bearer tokens then travel unencrypted: only for a trusted network you control.
    ///
    /// # Errors
    /// As [`BaseUrl::parse`], except for the loopback rule.
    pub fn parse_allowing_http(url: &str) -> Result<BaseUrl, BuildError> {
        Self::parse_with(url, true)
    }

    fn parse_with(url: &str, allow_http: bool) -> Result<BaseUrl, BuildError> {
        let bad = BuildError::InvalidBaseUrl;
        let url = url.trim();
        if url.len() > MAX_BASE_URL_LEN {
            return Err(bad("too long"));
        }
        let (scheme, rest) = match url.split_once("://") {
            Some((s, r)) if s.eq_ignore_ascii_case("https") => ("https", r),
            Some((s, r)) if s.eq_ignore_ascii_case("http") => ("http", r),
            _ => return Err(bad("it must be an absolute http:// or https:// url")),
        };
        if rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        {
            return Err(bad("it contains spaces, control characters or backslashes"));
        }
        if rest.contains('?') || rest.contains('#') {
            return Err(bad("it must not have a query string or a fragment"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(bad("it must not contain user info (credentials)"));
        }
        if !valid_authority(authority) {
            return Err(bad("the host or port is not valid"));
        }
        if scheme == "http" && !allow_http && !is_loopback_host(host_of(authority)) {
            return Err(bad(
                "plain http:// would send the API secret and tokens unencrypted: use https://, \
                 or http:// only to a loopback host (127.0.0.1, localhost, [::1]); \
                 dangerouslyAllowInsecureHttp: true lifts this for a network you trust",
            ));
        }
        let path = path.trim_end_matches('/');
        let default_path = format!("/{DEFAULT_API_VERSION}");
        let path = if path.is_empty() { &default_path } else { path };
        // Non-ASCII characters in the path are percent-encoded (UTF-8), as a WHATWG URL parser
        // does, so built URLs are always ASCII.
        let mut url = format!("{scheme}://{authority}");
        for c in path.chars() {
            if c.is_ascii() {
                url.push(c);
            } else {
                url.push_str(&encode_component(c.encode_utf8(&mut [0; 4])));
            }
        }
        Ok(BaseUrl(url))
    }

    /// The URL text (no trailing slash).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BaseUrl {
    /// The sandbox with the default version.
    fn default() -> Self {
        BaseUrl::environment(Environment::Sandbox)
    }
}

/// The host part of `host[:port]` / `[v6][:port]` (brackets kept).
fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        match authority.find(']') {
            Some(i) => &authority[..=i],
            None => authority,
        }
    } else {
        authority.split(':').next().unwrap_or(authority)
    }
}

/// Whether a URL host is the local machine: `localhost` and `*.localhost` (any case), an IPv4
/// literal in 127.0.0.0/8, or `[::1]`. (Names other than `localhost` are not resolved: a DNS name
/// that happens to point at 127.0.0.1 is not loopback here.)
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") || h == "[::1]" || h == "[0:0:0:0:0:0:0:1]" {
        return true;
    }
    let parts: Vec<&str> = h.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `host[:port]` where host is a DNS name / IPv4 (`A–Z a–z 0–9 . -`) or a bracketed IPv6 literal.
pub(crate) fn valid_authority(authority: &str) -> bool {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, after)) => {
                if v6.is_empty()
                    || !v6
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
                {
                    return false;
                }
                match after {
                    "" => return true,
                    p => match p.strip_prefix(':') {
                        Some(port) => ("x", Some(port)),
                        None => return false,
                    },
                }
            }
            None => return false,
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-']);
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
    });
    host_ok && port_ok
}

/// True for the RFC 3986 unreserved bytes.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes a path segment, query key or query value (see the module docs).
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
}

/// Decodes `%XX` escapes (either hex case); `None` for a malformed escape or invalid UTF-8. The
/// inverse of [`encode_component`] (used by tests and the emulator).
pub fn decode_component(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hi = char::from(*b.get(i + 1)?).to_digit(16)?;
            let lo = char::from(*b.get(i + 2)?).to_digit(16)?;
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            BaseUrl::environment(Environment::Production).as_str(),
            "https://api.polygon.technology/v0.9"
        );
        assert_eq!(
            BaseUrl::environment_version(Environment::Sandbox, "v0.13").map(|b| b.0),
            Ok("https://sandbox-api.polygon.technology/v0.13".into())
        );
        assert!(BaseUrl::environment_version(Environment::Sandbox, "0.9").is_err());
        for (input, want) in [
            ("http://127.0.0.1:8787/v0.9/", "http://127.0.0.1:8787/v0.9"),
            // no path: the default version segment is added
            (" HTTPS://x.test ", "https://x.test/v0.9"),
            ("http://127.0.0.1:8787", "http://127.0.0.1:8787/v0.9"),
            ("http://localhost:1/", "http://localhost:1/v0.9"),
            ("http://api.localhost/v1", "http://api.localhost/v1"),
            ("http://[::1]:9/api", "http://[::1]:9/api"),
            ("http://127.200.0.1/v1", "http://127.200.0.1/v1"),
            ("https://[::1]:9/api", "https://[::1]:9/api"),
            // fuzz (request target): non-ASCII in the path made a non-ASCII request URL
            (
                "https://1/7.0.\u{23f}771:0.v/0.9",
                "https://1/7.0.%C8%BF771:0.v/0.9",
            ),
            (
                "https://x.test/caf\u{e9}/v1/",
                "https://x.test/caf%C3%A9/v1",
            ),
        ] {
            assert_eq!(
                BaseUrl::parse(input).map(|b| b.0),
                Ok(want.into()),
                "{input}"
            );
        }
        for bad in [
            "ftp://x",
            "x.test/v1",
            "https://",
            "https://u:p@x.test",
            "https://x.test?a=1",
            "https://x.test/#f",
            "https://x test",
            "https://x.test:0",
            "https://x.test:99999",
            "https://-x",
            "https://[zz]",
            "https://x.test:80a",
            // plain http only to loopback hosts
            "http://x.test/v0.9",
            "http://10.0.0.8:8787/v0.9",
            "http://127.0.0.1.evil.test/v0.9",
            "http://128.0.0.1/v0.9",
            "http://[::2]/v0.9",
            "http://localhost.evil.test/v0.9",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            BaseUrl::parse_allowing_http("http://10.0.0.8:8787/v0.9").map(|b| b.0),
            Ok("http://10.0.0.8:8787/v0.9".into())
        );
        assert!(BaseUrl::parse_allowing_http("ftp://x").is_err());
    }

    #[test]
    fn environments_and_versions() {
        for env in [Environment::Sandbox, Environment::Production] {
            assert_eq!(Environment::from_name(env.as_str()), Some(env));
        }
        assert_eq!(Environment::from_name("Sandbox"), None);
        assert_eq!(Environment::default(), Environment::Sandbox);
        assert_eq!(
            BaseUrl::default().as_str(),
            "https://sandbox-api.polygon.technology/v0.9"
        );
        assert_eq!(
            BaseUrl::environment_version(Environment::Production, " /v1/ ").map(|b| b.0),
            Ok("https://api.polygon.technology/v1".into())
        );
        // at most 16 characters after the `v`
        assert!(BaseUrl::environment_version(Environment::Sandbox, "v1.2.3.4.5.6.7.89").is_ok());
        for bad in ["v", "v.9", "vx", "v1a", "v1.2.3.4.5.6.7.8.9", "", "0.9"] {
            assert!(
                BaseUrl::environment_version(Environment::Sandbox, bad).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn base_url_boundaries() {
        // the length limit counts the trimmed text
        let long = format!("https://x.test/{}", "a".repeat(MAX_BASE_URL_LEN - 15));
        assert_eq!(long.len(), MAX_BASE_URL_LEN);
        assert!(BaseUrl::parse(&format!(" {long} ")).is_ok());
        assert!(BaseUrl::parse(&format!("{long}a")).is_err());
        for bad in [
            "https://x.test/a\\b",
            "https://x.test/a\u{7f}",
            "https://x.test/a\u{85}b",
            "https://x.test:",
            "https://x.test:65536",
            "https://x.test:123456",
            "https://.x.test",
            "https://x_y.test",
            "https://[]:1",
            "https://[::1]x",
            "https://[::1]:",
            "https://[::1",
            "http://127.0.0",
            "http://127.0.0.256",
            "http://127.0.0.0001",
            "http://127..0.1",
            "http://127.0.0.1.1",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        let host253 = format!("https://{}", "a".repeat(253));
        assert!(BaseUrl::parse(&host253).is_ok());
        assert!(BaseUrl::parse(&format!("{host253}a")).is_err());
        for ok in [
            "https://x.test:65535",
            "https://x.test:1",
            "https://x.test:00080",
            "http://LOCALHOST./v1",
            "http://[0:0:0:0:0:0:0:1]:5/v1",
            "http://127.0.0.1.:5/v1",
            "http://127.255.255.255/v1",
        ] {
            assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
        }
        assert!(is_loopback_host("Api.LocalHost"));
        assert!(!is_loopback_host("localhost.test"));
        assert!(!is_loopback_host("[::2]"));
        assert_eq!(host_of("[::1]:80"), "[::1]");
        assert_eq!(host_of("[::1"), "[::1");
        assert_eq!(host_of("x.test:80"), "x.test");
    }

    #[test]
    fn encoding() {
        assert_eq!(encode_component("cst_1-a.b~"), "cst_1-a.b~");
        assert_eq!(encode_component("a b/c?d&é"), "a%20b%2Fc%3Fd%26%C3%A9");
        assert_eq!(
            decode_component("a%20b%2fc%C3%A9").as_deref(),
            Some("a b/cé")
        );
        assert_eq!(decode_component("%zz"), None);
        assert_eq!(decode_component("%4"), None);
    }
}
