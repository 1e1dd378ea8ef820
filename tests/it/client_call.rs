//! The client's call loop (`oms_wasm::client::call::CallMachine`), natively: every path of the
//! flow (token, 401 refresh-and-replay once, retries and their limits, Retry-After, replay safety,
//! redirects and oversized bodies refused, aborts, connection errors), and a property test that
//! drives the machine against a scripted server and checks the invariants on every run.

use oms_wasm::client::call::{
    Action, CallError, CallMachine, Event, Failure, Received, RejectedToken, MAX_BODY_BYTES,
};
use oms_wasm::client::RetryPolicy;
use oms_wasm::http::{HttpRequest, HttpResponse, Method};
use proptest::prelude::*;

const NOW: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

fn request(method: Method, key: Option<&str>) -> HttpRequest {
    let mut headers = vec![
        ("Accept".to_owned(), "application/json".to_owned()),
        ("Authorization".to_owned(), "Bearer pending".to_owned()),
    ];
    if let Some(k) = key {
        headers.push(("Idempotency-Key".to_owned(), k.to_owned()));
    }
    HttpRequest {
        method,
        url: "https://x.test/v0.9/customers?email=a%40b.c".into(),
        headers,
        body: (method == Method::Post).then(|| "{\"type\":\"individual\"}".to_owned()),
    }
}

fn resp(status: u16, headers: &[(&str, &str)]) -> Event {
    let mut r = HttpResponse::new(status, "{}");
    r.headers = headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Event::Received(Received::Response(r))
}

fn token(t: &str, g: u64) -> Event {
    Event::Token {
        access_token: t.into(),
        generation: g,
    }
}

fn failed(f: Failure) -> Event {
    Event::Failed {
        failure: f,
        detail: Some("TypeError: fetch failed (ECONNRESET)".into()),
    }
}

fn policy(max_retries: u32) -> RetryPolicy {
    RetryPolicy::default().with_max_retries(max_retries)
}

/// Steps and expects a `Send`; returns its request and attempt number.
fn expect_send(a: Action) -> (HttpRequest, u32) {
    match a {
        Action::Send { request, attempt } => (request, attempt),
        other => panic!("expected Send, got {other:?}"),
    }
}

fn expect_sleep(a: Action) -> u32 {
    match a {
        Action::Sleep { ms } => ms,
        other => panic!("expected Sleep, got {other:?}"),
    }
}

fn done_status(a: Action) -> u16 {
    match a {
        Action::Done(Ok((r, _))) => r.status,
        other => panic!("expected a final response, got {other:?}"),
    }
}

fn done_error(a: Action) -> CallError {
    match a {
        Action::Done(Err(e)) => e,
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn unauthenticated_call_is_sent_at_once_and_reports_when() {
    let mut m = CallMachine::new(request(Method::Post, None), policy(2), false);
    let (req, attempt) = expect_send(m.step(Event::Start, NOW, 0));
    assert_eq!(
        (attempt, req.header("authorization")),
        (1, Some("Bearer pending"))
    );
    match m.step(resp(200, &[]), NOW + 40, 0) {
        Action::Done(Ok((r, sent_at))) => assert_eq!((r.status, sent_at), (200, NOW)),
        other => panic!("{other:?}"),
    }
    assert!(m.is_done() && m.attempts() == 1);
}

#[test]
fn token_then_send_with_bearer() {
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), true);
    assert_eq!(
        m.step(Event::Start, NOW, 0),
        Action::NeedToken { rejected: None }
    );
    let (req, _) = expect_send(m.step(token("tok_1", 7), NOW, 0));
    assert_eq!(req.header("authorization"), Some("Bearer tok_1"));
    assert_eq!(
        req.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .count(),
        1
    );
    assert_eq!(done_status(m.step(resp(200, &[]), NOW, 0)), 200);
}

#[test]
fn a_401_refreshes_once_and_replays_with_the_same_key() {
    let mut m = CallMachine::new(request(Method::Post, Some("key-1")), policy(2), true);
    m.step(Event::Start, NOW, 0);
    let (first, a1) = expect_send(m.step(token("tok_old", 1), NOW, 0));
    match m.step(resp(401, &[]), NOW, 0) {
        Action::NeedToken {
            rejected:
                Some(RejectedToken {
                    generation,
                    access_token,
                }),
        } => assert_eq!((generation, access_token.expose().as_str()), (1, "tok_old")),
        other => panic!("{other:?}"),
    }
    let (second, a2) = expect_send(m.step(token("tok_new", 2), NOW, 0));
    assert_eq!((a1, a2), (1, 2));
    assert_eq!(second.header("authorization"), Some("Bearer tok_new"));
    assert_eq!(
        first.header("idempotency-key"),
        second.header("idempotency-key")
    );
    assert_eq!((first.body, &first.url), (second.body.clone(), &second.url));
    // a second 401 is the caller's
    assert_eq!(done_status(m.step(resp(401, &[]), NOW, 0)), 401);
}

#[test]
fn the_401_replay_is_not_a_retry() {
    // maxRetries 0: the replay after a 401 still happens
    let mut m = CallMachine::new(request(Method::Get, None), policy(0), true);
    m.step(Event::Start, NOW, 0);
    m.step(token("a", 1), NOW, 0);
    assert!(matches!(
        m.step(resp(401, &[]), NOW, 0),
        Action::NeedToken { .. }
    ));
    m.step(token("b", 2), NOW, 0);
    assert_eq!(done_status(m.step(resp(503, &[]), NOW, 0)), 503);
    assert_eq!(m.attempts(), 2);
}

#[test]
fn server_errors_are_retried_up_to_the_limit_with_capped_backoff() {
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    let d1 = expect_sleep(m.step(resp(503, &[]), NOW, u32::MAX));
    assert!(d1 <= 500, "{d1}");
    let (_, a2) = expect_send(m.step(Event::Woke, NOW, 0));
    let d2 = expect_sleep(m.step(resp(502, &[]), NOW, u32::MAX));
    assert!(d2 <= 1000 && d2 > 500, "{d2}");
    let (_, a3) = expect_send(m.step(Event::Woke, NOW, 0));
    assert_eq!((a2, a3), (2, 3));
    assert_eq!(done_status(m.step(resp(500, &[]), NOW, 0)), 500);
}

#[test]
fn requests_that_may_have_reached_the_server_are_replayed_only_when_safe() {
    // a POST without an Idempotency-Key: 500, timeout and network errors are final; 429 is not
    for outcome in [
        resp(500, &[]),
        resp(408, &[]),
        failed(Failure::Timeout),
        failed(Failure::Network),
    ] {
        let mut m = CallMachine::new(request(Method::Post, None), policy(3), false);
        m.step(Event::Start, NOW, 0);
        assert!(
            matches!(m.step(outcome.clone(), NOW, 0), Action::Done(_)),
            "{outcome:?}"
        );
    }
    let mut m = CallMachine::new(request(Method::Post, None), policy(3), false);
    m.step(Event::Start, NOW, 0);
    expect_sleep(m.step(resp(429, &[]), NOW, 0));
    // a PATCH with a key is safe to replay
    let mut m = CallMachine::new(request(Method::Patch, Some("k")), policy(3), false);
    m.step(Event::Start, NOW, 0);
    expect_sleep(m.step(failed(Failure::Network), NOW, 0));
    // 409 and other 4xx are never retried
    for s in [400, 403, 404, 409, 422, 501] {
        let mut m = CallMachine::new(request(Method::Get, None), policy(3), false);
        m.step(Event::Start, NOW, 0);
        assert_eq!(done_status(m.step(resp(s, &[]), NOW, 0)), s);
    }
}

#[test]
fn connection_failures_end_as_connection_errors_with_attempts() {
    let mut m = CallMachine::new(request(Method::Get, None), policy(1), false);
    m.step(Event::Start, NOW, 0);
    expect_sleep(m.step(failed(Failure::Network), NOW, 0));
    expect_send(m.step(Event::Woke, NOW, 0));
    let e = done_error(m.step(failed(Failure::Network), NOW, 0));
    assert_eq!(
        e,
        CallError::Connection {
            failure: Failure::Network,
            attempts: 2,
            detail: Some("TypeError: fetch failed (ECONNRESET)".into())
        }
    );
    let msg = e.message(m.request(), 30_000);
    assert_eq!(msg, "OMS request failed: network error (GET /v0.9/customers, 2 attempts): TypeError: fetch failed (ECONNRESET).");
    let t = CallError::Connection {
        failure: Failure::Timeout,
        attempts: 1,
        detail: None,
    };
    assert_eq!(
        t.message(m.request(), 250),
        "OMS request timed out after 250 ms (GET /v0.9/customers, 1 attempt)."
    );
}

#[test]
fn retry_after_is_honoured_and_a_long_one_is_not_waited_for() {
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    assert_eq!(
        expect_sleep(m.step(resp(429, &[("Retry-After", "3")]), NOW, 0)),
        3000
    );
    // an HTTP date, measured from the response's Date header
    expect_send(m.step(Event::Woke, NOW, 0));
    let ms = expect_sleep(m.step(
        resp(
            503,
            &[
                ("Retry-After", "Thu, 01 Jan 2026 00:00:07 GMT"),
                ("Date", "Thu, 01 Jan 2026 00:00:02 GMT"),
            ],
        ),
        NOW,
        0,
    ));
    assert_eq!(ms, 5000);
    // over 60 s: returned at once
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    assert_eq!(
        done_status(m.step(resp(429, &[("Retry-After", "61")]), NOW, 0)),
        429
    );
    // an HTTP date without a Date header: measured from now_ms
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    assert_eq!(
        expect_sleep(m.step(
            resp(429, &[("Retry-After", "Thu, 01 Jan 2026 00:00:04 GMT")]),
            NOW,
            0
        )),
        4000
    );
}

#[test]
fn redirects_and_oversized_bodies_are_refused_and_never_retried() {
    for (event, code) in [
        (
            Event::Received(Received::Redirected {
                status: 307,
                headers: vec![("Location".into(), "https://evil.test/x?a=1".into())],
            }),
            "redirect_refused",
        ),
        (resp(302, &[]), "redirect_refused"),
        (
            Event::Received(Received::TooLarge {
                status: 200,
                headers: vec![],
            }),
            "response_too_large",
        ),
    ] {
        let mut m = CallMachine::new(request(Method::Get, None), policy(5), true);
        m.step(Event::Start, NOW, 0);
        m.step(token("t", 1), NOW, 0);
        match done_error(m.step(event, NOW, 0)) {
            CallError::Api(e) => {
                assert_eq!(e.code(), code);
                assert!(!e.message.contains("/x?a=1"), "{}", e.message);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(m.attempts(), 1);
    }
    assert_eq!(MAX_BODY_BYTES, 32 * 1024 * 1024);
}

#[test]
fn aborts_end_the_call_in_every_state_and_odd_events_never_panic() {
    // before the token, while sending, while sleeping
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), true);
    assert!(!m.is_done());
    m.step(Event::Start, NOW, 0);
    assert!(!m.is_done(), "waiting for a token is not done");
    assert!(matches!(
        done_error(m.step(Event::Aborted, NOW, 0)),
        CallError::Connection {
            failure: Failure::Aborted,
            attempts: 0,
            ..
        }
    ));
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    assert!(matches!(
        done_error(m.step(failed(Failure::Aborted), NOW, 0)),
        CallError::Connection {
            failure: Failure::Aborted,
            attempts: 1,
            ..
        }
    ));
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    assert!(!m.is_done(), "sending is not done");
    expect_sleep(m.step(resp(503, &[]), NOW, 0));
    assert!(!m.is_done(), "sleeping is not done");
    assert!(matches!(
        done_error(m.step(Event::Aborted, NOW, 0)),
        CallError::Connection {
            failure: Failure::Aborted,
            ..
        }
    ));
    assert!(m.is_done());
    // events out of order: a response while sleeping, a token while sending, anything after Done
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    expect_sleep(m.step(resp(503, &[]), NOW, 0));
    assert!(matches!(
        m.step(resp(200, &[]), NOW, 0),
        Action::Done(Err(_))
    ));
    assert!(matches!(m.step(Event::Start, NOW, 0), Action::Done(Err(_))));
    let mut m = CallMachine::new(request(Method::Get, None), policy(2), false);
    m.step(Event::Start, NOW, 0);
    assert!(matches!(
        m.step(token("x", 1), NOW, 0),
        Action::Done(Err(_))
    ));
}

// ---------------------------------------------------------------------------------------------
// property: the machine against a scripted server

#[derive(Clone, Debug)]
enum Scripted {
    Status(u16, Option<u64>),
    Fail(Failure),
    Redirect,
    TooLarge,
}

fn scripted() -> impl Strategy<Value = Scripted> {
    prop_oneof![
        3 => prop_oneof![Just(200u16), Just(201), Just(204)].prop_map(|s| Scripted::Status(s, None)),
        3 => prop_oneof![Just(500u16), Just(502), Just(503), Just(504), Just(408), Just(429), Just(401), Just(400), Just(409), Just(422), Just(501)]
            .prop_flat_map(|s| (Just(s), prop::option::of(0u64..90)))
            .prop_map(|(s, ra)| Scripted::Status(s, ra)),
        2 => prop_oneof![Just(Failure::Timeout), Just(Failure::Network)].prop_map(Scripted::Fail),
        1 => Just(Scripted::Redirect),
        1 => Just(Scripted::TooLarge),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn against_a_scripted_server(
        script in prop::collection::vec(scripted(), 1..16),
        max_retries in 0u32..5,
        method in prop_oneof![Just(Method::Get), Just(Method::Post), Just(Method::Patch), Just(Method::Delete)],
        with_key in any::<bool>(),
        requires_auth in any::<bool>(),
        randoms in prop::collection::vec(any::<u32>(), 16),
        abort_at in prop::option::of(0usize..20),
    ) {
        let req = request(method, with_key.then_some("idem-1"));
        let replay_safe = matches!(method, Method::Get | Method::Delete) || with_key;
        let pol = policy(max_retries);
        let mut m = CallMachine::new(req.clone(), pol, requires_auth);
        let mut event = Event::Start;
        let (mut sends, mut tokens_given, mut rejections, mut sleeps, mut steps) = (0u32, 0u64, 0u32, 0u32, 0usize);
        let mut last: Option<Scripted> = None;
        let mut last_token = String::new();
        let result = loop {
            steps += 1;
            prop_assert!(steps < 100, "the call does not end");
            if abort_at == Some(steps) {
                event = Event::Aborted;
            }
            let aborted = event == Event::Aborted;
            let action = m.step(event, NOW, randoms[steps % randoms.len()]);
            if aborted {
                let ended = matches!(action, Action::Done(Err(CallError::Connection { failure: Failure::Aborted, .. })));
                prop_assert!(ended, "an abort did not end the call");
                break None;
            }
            event = match action {
                Action::NeedToken { rejected } => {
                    prop_assert!(requires_auth);
                    if let Some(r) = rejected {
                        rejections += 1;
                        prop_assert_eq!(r.generation, tokens_given);
                        prop_assert_eq!(r.access_token.expose(), &last_token);
                        prop_assert!(matches!(last, Some(Scripted::Status(401, _))));
                    }
                    tokens_given += 1;
                    last_token = format!("tok_{tokens_given}");
                    token(&last_token, tokens_given)
                }
                Action::Send { request, attempt } => {
                    sends += 1;
                    prop_assert_eq!(attempt, sends);
                    // the same request every time: method, URL, body, Idempotency-Key
                    prop_assert_eq!(request.method, req.method);
                    prop_assert_eq!(&request.url, &req.url);
                    prop_assert_eq!(&request.body, &req.body);
                    prop_assert_eq!(request.header("idempotency-key"), req.header("idempotency-key"));
                    if requires_auth {
                        let bearer = format!("Bearer {last_token}");
                        prop_assert_eq!(request.header("authorization"), Some(bearer.as_str()));
                    }
                    // a replay after an outcome that may have reached the server only when safe
                    if let Some(prev) = &last {
                        let may_have_acted = matches!(prev, Scripted::Fail(_) | Scripted::Status(408, _))
                            || matches!(prev, Scripted::Status(s, _) if (500..600).contains(s));
                        prop_assert!(!may_have_acted || replay_safe, "unsafe replay after {:?}", prev);
                    }
                    let s = script[(sends as usize - 1).min(script.len() - 1)].clone();
                    last = Some(s.clone());
                    match s {
                        Scripted::Status(st, ra) => {
                            let mut h: Vec<(&str, String)> = Vec::new();
                            if let Some(secs) = ra { h.push(("Retry-After", secs.to_string())); }
                            let hv: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
                            resp(st, &hv)
                        }
                        Scripted::Fail(f) => failed(f),
                        Scripted::Redirect => Event::Received(Received::Redirected { status: 302, headers: vec![] }),
                        Scripted::TooLarge => Event::Received(Received::TooLarge { status: 200, headers: vec![] }),
                    }
                }
                Action::Sleep { ms } => {
                    sleeps += 1;
                    let retry_after = match &last { Some(Scripted::Status(_, Some(s))) => *s * 1000, _ => 0 };
                    prop_assert!(u64::from(ms) <= u64::from(pol.max_delay_ms).max(retry_after), "slept {} ms", ms);
                    prop_assert!(u64::from(ms) >= retry_after, "Retry-After {} not honoured: {} ms", retry_after, ms);
                    prop_assert!(retry_after <= u64::from(pol.max_retry_after_ms));
                    Event::Woke
                }
                Action::Done(r) => break Some(r),
            };
        };
        prop_assert!(rejections <= 1, "more than one refresh");
        prop_assert!(sleeps <= max_retries, "{} retries with maxRetries {}", sleeps, max_retries);
        prop_assert_eq!(m.attempts(), sends);
        prop_assert!(sends <= max_retries + 1 + u32::from(requires_auth));
        if let Some(r) = result {
            match (r, last) {
                (Ok((resp, _)), Some(Scripted::Status(s, _))) => prop_assert_eq!(resp.status, s),
                (Err(CallError::Connection { failure, attempts, .. }), Some(Scripted::Fail(f))) => {
                    prop_assert_eq!(failure, f);
                    prop_assert_eq!(attempts, sends);
                }
                (Err(CallError::Api(e)), Some(Scripted::Redirect)) => prop_assert_eq!(e.code(), "redirect_refused"),
                (Err(CallError::Api(e)), Some(Scripted::TooLarge)) => prop_assert_eq!(e.code(), "response_too_large"),
                (r, last) => prop_assert!(false, "{:?} after {:?}", r, last),
            }
        }
    }
}
