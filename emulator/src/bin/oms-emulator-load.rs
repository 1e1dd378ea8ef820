//! `oms-emulator-load`: measures token-authenticated GETs per second over loopback.
//!
//! Starts an emulator in-process (or targets `--url BASE` with `--api-key/--api-secret`), gets a
//! token, creates a customer, then runs `--connections` keep-alive connections doing
//! `GET /customers/{id}` for `--seconds` (default 3) or `--max-requests` (default 200000),
//! whichever comes first, and prints the rate. Exit status 1 when `--min-rps` is given and not met.

use std::time::Duration;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: f64 = arg(&args, "--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let conns: usize = arg(&args, "--connections")
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let max: u64 = arg(&args, "--max-requests")
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let min_rps: Option<f64> = arg(&args, "--min-rps").and_then(|s| s.parse().ok());
    let (emu, base, key, secret) = match arg(&args, "--url") {
        Some(u) => (
            None,
            u,
            arg(&args, "--api-key").unwrap_or_default(),
            arg(&args, "--api-secret").unwrap_or_default(),
        ),
        None => {
            let e = oms_emulator::Emulator::start(oms_emulator::Config::default())
                .await
                .expect("start emulator");
            let (b, k, s) = (
                e.base_url(),
                e.api_key().to_owned(),
                e.api_secret().to_owned(),
            );
            (Some(e), b, k, s)
        }
    };
    let report = oms_emulator::http_client::load_check(
        &base,
        &key,
        &secret,
        conns,
        Duration::from_secs_f64(seconds),
        max,
    )
    .await
    .expect("load check");
    println!(
        "oms-emulator-load: {} GET /customers/{{id}} in {:.2} s over {} connections: {:.0} requests/s ({} errors)",
        report.requests, report.elapsed.as_secs_f64(), conns, report.rps(), report.errors
    );
    if let Some(e) = emu {
        e.shutdown().await;
    }
    if let Some(min) = min_rps {
        if report.rps() < min {
            eprintln!("below the required {min} requests/s");
            std::process::exit(1);
        }
    }
}
