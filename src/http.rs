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
        let resp = HttpResponse::new(200, r#"{"accessToken":"eyJ"}"#);
        assert!(!format!("{resp:?}").contains("eyJ"));
        assert_eq!(req.header("authorization"), Some("Bearer eyJsecret"));
        assert_eq!(Method::Patch.to_string(), "PATCH");
    }
}
