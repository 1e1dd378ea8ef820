use crate::common::*;
use std::time::Duration;

/// A short load check in the test suite (the bench binary `oms-emulator-load` reports the full
/// figure). The floor is deliberately low so a loaded CI machine does not make it flaky.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_token_authenticated_gets() {
    let h = H::start().await;
    let r = oms_emulator::http_client::load_check(
        &h.base,
        h.emu.api_key(),
        h.emu.api_secret(),
        4,
        Duration::from_millis(1000),
        20_000,
    )
    .await
    .unwrap();
    println!(
        "load check: {} requests in {:?} = {:.0} req/s, {} errors",
        r.requests,
        r.elapsed,
        r.rps(),
        r.errors
    );
    assert_eq!(r.errors, 0);
    assert!(r.rps() > 200.0, "{:.0} req/s", r.rps());
    h.emu.shutdown().await;
}
