//! Configuration: defaults from [`crate::assumptions`], overridden by environment variables, then
//! by command-line flags (`--help` lists them).

use crate::assumptions as a;

/// Emulator configuration. `Config::default()` is what `oms-emulator` runs with no flags.
#[derive(Clone, Debug)]
pub struct Config {
    /// TCP port on 127.0.0.1; 0 = any free port. Default 0. (`--port`, `OMS_EMULATOR_PORT`)
    pub port: u16,
    /// Version prefix of every API path. Default `/v0.9`. (`--prefix`, `OMS_EMULATOR_PREFIX`)
    pub prefix: String,
    /// Token lifetime in seconds. Default 3600. (`--token-ttl`, `OMS_EMULATOR_TOKEN_TTL`)
    pub token_ttl_secs: i64,
    /// Quote lifetime in seconds. Default 300. (`--quote-lifetime`, `OMS_EMULATOR_QUOTE_LIFETIME`)
    pub quote_lifetime_secs: i64,
    /// Delays between webhook attempts (after the first), ms on the emulator clock.
    /// Default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    /// (`--webhook-retries 0,100ms,2s`, `OMS_EMULATOR_WEBHOOK_RETRIES`)
    pub webhook_retry_schedule_ms: Vec<i64>,
    /// Per-attempt delivery timeout in real ms. Default 10000. (`--webhook-timeout-ms`)
    pub webhook_timeout_ms: u64,
    /// Time from `processing` to `completed` for transactions, ms on the emulator clock.
    /// Default 1000. (`--settle-ms`, `OMS_EMULATOR_SETTLE_MS`)
    pub settle_delay_ms: i64,
    /// Seed for ids, secrets, addresses and fault rolls. Default 1. (`--seed`, `OMS_EMULATOR_SEED`)
    pub seed: u64,
    /// Accepted API key/secret pairs; the first is the demo pair printed at start-up.
    /// (`--api-key`, `--api-secret`, `OMS_EMULATOR_API_KEY`, `OMS_EMULATOR_API_SECRET` set the first)
    pub api_keys: Vec<(String, String)>,
    /// Seed data (see emulator/README.md), loaded at start and after a reset.
    /// (`--seed-data demo|FILE.json`, `OMS_EMULATOR_SEED_DATA`)
    pub seed_data: Option<serde_json::Value>,
    /// Freeze the clock at this instant (ms since epoch); it then moves only when advanced.
    /// Default: real time. (`--start-time 2026-01-01T00:00:00Z`, `OMS_EMULATOR_START_TIME`)
    pub start_time_ms: Option<i64>,
    /// Emit `transaction.cryptoToCrypto.processing` (one guide shows it, the lifecycle page does not). Default false.
    /// (`--emit-c2c-processing`)
    pub emit_c2c_processing: bool,
    /// Scheduler period in real ms (settlements, deliveries). Default 10. (`--tick-ms`)
    pub tick_ms: u64,
    /// Entries kept in the request and delivery logs. Default 10000.
    pub log_capacity: usize,
    /// Extra `Host` names the server answers besides loopback (`localhost`, 127.0.0.0/8, `[::1]`):
    /// the DNS-rebinding guard of the API and the controls. `*` allows any. Default none.
    /// (`--allow-host NAME`, repeatable or comma-separated, `OMS_EMULATOR_ALLOW_HOSTS`)
    pub allow_hosts: Vec<String>,
    /// Deliver webhooks to private, link-local and metadata addresses too (loopback is always
    /// allowed). Default false. (`--allow-private-webhook-urls`)
    pub allow_private_webhook_urls: bool,
    /// Provision the fiat account only with the fuller identity set (names, email, nationality,
    /// `signedAgreement: true` besides the Get-started page's four fields). Default false.
    /// (`--strict-provisioning`)
    pub strict_provisioning: bool,
    /// Sandbox review time of a requested endorsement (`PENDING` → `ACTIVE`), ms on the emulator
    /// clock. Default 0: approved before the next request is served. (`--endorsement-review-ms`)
    pub endorsement_review_ms: i64,
    /// Time from a cash deposit (`processing`) to the completed cash-in, ms on the emulator clock.
    /// Default 0: the sandbox commit completes it at once. (`--cash-in-settle-ms`)
    pub cash_in_settle_ms: i64,
    /// How long a client may take to send a request's headers, and then its body, in real ms;
    /// idle keep-alive connections are closed after it too. Default 10000. (`--read-timeout-ms`)
    pub read_timeout_ms: u64,
    /// How many bearer tokens are kept before the expired ones are dropped (an expired token is
    /// answered `token expired` until then, `invalid token` after). Default 10000; no flag (tests
    /// lower it).
    pub token_store_max: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            prefix: a::DEFAULT_PREFIX.to_owned(),
            token_ttl_secs: a::TOKEN_TTL_SECS,
            quote_lifetime_secs: a::QUOTE_LIFETIME_SECS,
            webhook_retry_schedule_ms: a::WEBHOOK_RETRY_SCHEDULE_MS.to_vec(),
            webhook_timeout_ms: a::WEBHOOK_TIMEOUT_MS,
            settle_delay_ms: a::SETTLE_DELAY_MS,
            seed: 1,
            api_keys: vec![(a::DEMO_API_KEY.to_owned(), a::DEMO_API_SECRET.to_owned())],
            seed_data: None,
            start_time_ms: None,
            emit_c2c_processing: a::EMIT_C2C_PROCESSING,
            tick_ms: 10,
            log_capacity: 10_000,
            allow_hosts: Vec::new(),
            allow_private_webhook_urls: false,
            strict_provisioning: false,
            endorsement_review_ms: a::ENDORSEMENT_REVIEW_MS,
            cash_in_settle_ms: a::CASH_IN_SETTLE_MS,
            read_timeout_ms: a::READ_TIMEOUT_MS,
            token_store_max: 10_000,
        }
    }
}

/// The `--help` text.
pub const HELP: &str = "oms-emulator: the OMS payments API on 127.0.0.1, in memory

USAGE: oms-emulator [FLAGS]

  --port N                 port on 127.0.0.1 (0 = any free port)        [OMS_EMULATOR_PORT, default 0]
  --prefix /v0.9           API version prefix                           [OMS_EMULATOR_PREFIX]
  --token-ttl SECS         bearer token lifetime                        [OMS_EMULATOR_TOKEN_TTL, 3600]
  --quote-lifetime SECS    quote price lock                             [OMS_EMULATOR_QUOTE_LIFETIME, 300]
  --webhook-retries LIST   delays between attempts: 5s,5m,30m,2h,...    [OMS_EMULATOR_WEBHOOK_RETRIES]
  --webhook-timeout-ms MS  per-attempt delivery timeout                 [OMS_EMULATOR_WEBHOOK_TIMEOUT_MS, 10000]
  --settle-ms MS           processing -> completed delay                [OMS_EMULATOR_SETTLE_MS, 1000]
  --seed N                 seed for ids, secrets, addresses, faults     [OMS_EMULATOR_SEED, 1]
  --api-key KEY            API key; repeat with --api-secret for more   [OMS_EMULATOR_API_KEY]
  --api-secret SECRET      API secret of the key in the same position   [OMS_EMULATOR_API_SECRET]
                           (data is scoped per key: one key's ids are 404 for another)
  --seed-data demo|FILE    seed customers/wallets/balances              [OMS_EMULATOR_SEED_DATA]
  --start-time RFC3339     freeze the clock at this instant             [OMS_EMULATOR_START_TIME]
  --emit-c2c-processing    also emit transaction.cryptoToCrypto.processing
  --tick-ms MS             scheduler period (real time)                 [10]
  --strict-provisioning    fiat provisioning also needs names, email, nationality, signedAgreement
  --endorsement-review-ms MS  sandbox review PENDING -> ACTIVE             [OMS_EMULATOR_ENDORSEMENT_REVIEW_MS, 0]
  --cash-in-settle-ms MS   cash deposit processing -> completed         [OMS_EMULATOR_CASH_IN_SETTLE_MS, 0]
  --allow-host NAME        also answer this Host (besides loopback)     [OMS_EMULATOR_ALLOW_HOSTS]
  --allow-private-webhook-urls  deliver to private/link-local/metadata addresses too
  --read-timeout-ms MS     request header/body read timeout, idle close [OMS_EMULATOR_READ_TIMEOUT_MS, 10000]
  --help                   this text

Prints `OMS emulator listening on <baseUrl>`, the inspector page's URL, and then one JSON line
{\"baseUrl\",\"controlUrl\",\"uiUrl\",\"apiKey\",\"apiSecret\",\"port\"} on stdout.
It answers only loopback Host values (and --allow-host names): a local tool, not a server.";

/// Parses a duration: `250`, `250ms`, `5s`, `5m`, `2h` → milliseconds.
pub fn parse_duration_ms(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let (num, mult) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000)
    } else if let Some(n) = s.strip_suffix('h') {
        (n, 3_600_000)
    } else {
        (s, 1)
    };
    num.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .map(|n| n * mult)
        .ok_or_else(|| format!("not a duration: {s:?} (use e.g. 250ms, 5s, 5m, 2h)"))
}

/// Parses a comma-separated retry schedule (`0,100ms,1s`; empty = no retries).
pub fn parse_schedule(s: &str) -> Result<Vec<i64>, String> {
    s.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(parse_duration_ms)
        .collect()
}

fn load_seed(v: &str) -> Result<serde_json::Value, String> {
    if v == "demo" {
        return Ok(serde_json::json!("demo"));
    }
    let text = std::fs::read_to_string(v).map_err(|e| format!("cannot read {v}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{v} is not JSON: {e}"))
}

impl Config {
    /// Defaults, then environment variables (`get_env`), then flags. `Ok(None)` for `--help`.
    ///
    /// # Errors
    /// A message naming the bad flag or variable.
    pub fn from_sources(
        args: &[String],
        get_env: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Config>, String> {
        let mut c = Config::default();
        let set = |c: &mut Config, name: &str, v: &str| -> Result<(), String> {
            let int = |v: &str| {
                v.trim()
                    .parse::<i64>()
                    .map_err(|_| format!("{name}: not a number: {v:?}"))
            };
            match name {
                "port" => {
                    c.port = v
                        .trim()
                        .parse()
                        .map_err(|_| format!("port: not a port: {v:?}"))?
                }
                "prefix" => {
                    let p = v.trim().trim_end_matches('/');
                    c.prefix = if p.is_empty() || p.starts_with('/') {
                        p.to_owned()
                    } else {
                        format!("/{p}")
                    };
                }
                "token-ttl" => c.token_ttl_secs = int(v)?,
                "quote-lifetime" => c.quote_lifetime_secs = int(v)?,
                "webhook-retries" => c.webhook_retry_schedule_ms = parse_schedule(v)?,
                "webhook-timeout-ms" => c.webhook_timeout_ms = int(v)?.max(1) as u64,
                "settle-ms" => c.settle_delay_ms = int(v)?.max(0),
                "seed" => c.seed = int(v)? as u64,
                "api-key" => c.api_keys[0].0 = v.to_owned(),
                "api-secret" => c.api_keys[0].1 = v.to_owned(),
                "seed-data" => c.seed_data = Some(load_seed(v)?),
                "start-time" => {
                    c.start_time_ms = Some(
                        crate::clock::parse_rfc3339(v)
                            .ok_or_else(|| format!("start-time: not RFC 3339: {v:?}"))?,
                    )
                }
                "tick-ms" => c.tick_ms = int(v)?.max(1) as u64,
                "endorsement-review-ms" => c.endorsement_review_ms = int(v)?.max(0),
                "cash-in-settle-ms" => c.cash_in_settle_ms = int(v)?.max(0),
                "read-timeout-ms" => c.read_timeout_ms = int(v)?.max(1) as u64,
                "allow-host" => c.allow_hosts.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|h| !h.is_empty())
                        .map(str::to_owned),
                ),
                _ => return Err(format!("unknown flag --{name}")),
            }
            Ok(())
        };
        for (var, name) in [
            ("OMS_EMULATOR_PORT", "port"),
            ("OMS_EMULATOR_PREFIX", "prefix"),
            ("OMS_EMULATOR_TOKEN_TTL", "token-ttl"),
            ("OMS_EMULATOR_QUOTE_LIFETIME", "quote-lifetime"),
            ("OMS_EMULATOR_WEBHOOK_RETRIES", "webhook-retries"),
            ("OMS_EMULATOR_WEBHOOK_TIMEOUT_MS", "webhook-timeout-ms"),
            ("OMS_EMULATOR_SETTLE_MS", "settle-ms"),
            ("OMS_EMULATOR_SEED", "seed"),
            ("OMS_EMULATOR_API_KEY", "api-key"),
            ("OMS_EMULATOR_API_SECRET", "api-secret"),
            ("OMS_EMULATOR_SEED_DATA", "seed-data"),
            ("OMS_EMULATOR_START_TIME", "start-time"),
            (
                "OMS_EMULATOR_ENDORSEMENT_REVIEW_MS",
                "endorsement-review-ms",
            ),
            ("OMS_EMULATOR_CASH_IN_SETTLE_MS", "cash-in-settle-ms"),
            ("OMS_EMULATOR_ALLOW_HOSTS", "allow-host"),
            ("OMS_EMULATOR_READ_TIMEOUT_MS", "read-timeout-ms"),
        ] {
            if let Some(v) = get_env(var) {
                set(&mut c, name, &v).map_err(|e| format!("{var}: {e}"))?;
            }
        }
        // --api-key / --api-secret pair up by position; the first pair replaces the default one
        let (mut keys, mut secrets) = (Vec::new(), Vec::new());
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let Some(flag) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument {arg:?} (see --help)"));
            };
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (flag, None),
            };
            match name {
                "help" => return Ok(None),
                "emit-c2c-processing" => c.emit_c2c_processing = true,
                "strict-provisioning" => c.strict_provisioning = true,
                "allow-private-webhook-urls" => c.allow_private_webhook_urls = true,
                _ => {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| format!("--{name} needs a value"))?,
                    };
                    match name {
                        "api-key" => keys.push(v),
                        "api-secret" => secrets.push(v),
                        _ => set(&mut c, name, &v)?,
                    }
                }
            }
        }
        for i in 0..keys.len().max(secrets.len()) {
            let key = keys.get(i).cloned();
            let secret = secrets.get(i).cloned();
            if i == 0 {
                if let Some(k) = key {
                    c.api_keys[0].0 = k;
                }
                if let Some(s) = secret {
                    c.api_keys[0].1 = s;
                }
                continue;
            }
            match (key, secret) {
                (Some(k), Some(s)) => c.api_keys.push((k, s)),
                _ => {
                    return Err(format!(
                        "--api-key and --api-secret pair up by position: pair {} is incomplete",
                        i + 1
                    ))
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (k, s) in &c.api_keys {
            if k.is_empty() || s.is_empty() {
                return Err("an API key and its secret cannot be empty".into());
            }
            if !seen.insert(k) {
                return Err(format!("API key {k:?} is given twice"));
            }
        }
        Ok(Some(c))
    }
}
