//! What the `onRequest` / `onResponse` hooks receive: `{operation, method, url, query?, attempt}`
//! before an attempt, plus `{elapsedMs, status?, requestId?, error?}` after it. Never bodies,
//! headers or credentials: the URL without its query string (query values carry emails and
//! external ids) and the query parameter names; a request id holding a credential is left out.

use super::call::{Failure, Received};
use crate::http::{find_header, query_names, url_without_query, HttpRequest};
use serde_json::{Map, Value};

/// The payload of `onRequest` (and the start of `onResponse`'s).
pub fn request_info(operation: &str, req: &HttpRequest, attempt: u32) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("operation".into(), operation.into());
    m.insert("method".into(), req.method.as_str().into());
    m.insert("url".into(), url_without_query(&req.url).into());
    let names = query_names(&req.url);
    if !names.is_empty() {
        m.insert("query".into(), names.into());
    }
    m.insert("attempt".into(), attempt.into());
    m
}

/// The payload of `onResponse`: `outcome` is what the attempt brought back (or how it failed),
/// `secrets` the credentials a request id must not contain.
pub fn response_info(
    operation: &str,
    req: &HttpRequest,
    attempt: u32,
    elapsed_ms: f64,
    outcome: Result<&Received, Failure>,
    secrets: &[&str],
) -> Map<String, Value> {
    let mut m = request_info(operation, req, attempt);
    m.insert("elapsedMs".into(), elapsed_ms.max(0.0).into());
    match outcome {
        Ok(r) => {
            let (status, headers) = match r {
                Received::Response(resp) => (resp.status, &resp.headers),
                Received::Redirected { status, headers }
                | Received::TooLarge { status, headers } => (*status, headers),
            };
            m.insert("status".into(), status.into());
            let id = crate::error::REQUEST_ID_HEADERS
                .iter()
                .find_map(|h| find_header(headers, h))
                .filter(|id| !crate::secret::contains_secret(id, secrets));
            if let Some(id) = id {
                m.insert(
                    "requestId".into(),
                    id.chars().take(200).collect::<String>().into(),
                );
            }
        }
        Err(f) => {
            m.insert("error".into(), f.code().into());
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{HttpResponse, Method};

    #[test]
    fn payloads_carry_no_query_values_and_no_credential_request_id() {
        let req = HttpRequest {
            method: Method::Get,
            url: "https://x.test/v0.9/customers?email=a%40b.c&limit=5".into(),
            headers: vec![("Authorization".into(), "Bearer tok_123456".into())],
            body: None,
        };
        let r = serde_json::Value::Object(request_info("customers.list", &req, 1));
        assert_eq!(
            r.to_string(),
            r#"{"operation":"customers.list","method":"GET","url":"https://x.test/v0.9/customers","query":["email","limit"],"attempt":1}"#
        );
        let mut resp = HttpResponse::new(200, "{}");
        resp.headers.push(("X-Request-Id".into(), "req_1".into()));
        let ok = response_info(
            "op",
            &req,
            2,
            3.5,
            Ok(&Received::Response(resp.clone())),
            &["s3cret"],
        );
        assert_eq!(
            (ok["status"].clone(), ok["requestId"].clone()),
            (200.into(), "req_1".into())
        );
        resp.headers[0].1 = "xx-s3cret-xx".into();
        let hidden = response_info(
            "op",
            &req,
            2,
            3.5,
            Ok(&Received::Response(resp)),
            &["s3cret"],
        );
        assert!(hidden.get("requestId").is_none());
        let failed = response_info("op", &req, 1, -1.0, Err(Failure::Timeout), &[]);
        assert_eq!(
            (failed["error"].clone(), failed["elapsedMs"].clone()),
            ("timeout".into(), 0.0.into())
        );
        assert!(!serde_json::Value::Object(failed)
            .to_string()
            .contains("tok_123456"));
    }
}
