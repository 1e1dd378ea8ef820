//! Fault injection: per-route probabilities of 500, 503, 429 (with `Retry-After`), dropped
//! connections (before or after the request is processed) and added latency, rolled with a
//! seeded generator so a run is reproducible.

use crate::ids::Rng;
use serde::{Deserialize, Serialize};

/// One rule. Probabilities are 0–1 and are tried in the order of the fields; `times` limits how
/// often the rule fires (then it is spent).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultRule {
    /// HTTP method to match (any when absent), case-insensitive.
    pub method: Option<String>,
    /// Path after the version prefix: exact (`/customers`), or a pattern where `*` matches one
    /// segment (`/customers/*`) and a trailing `**` matches the rest (`/cash-ins/**`). Any when absent.
    pub path: Option<String>,
    /// Probability of a 500.
    pub error500: f64,
    /// Probability of a 503.
    pub error503: f64,
    /// Probability of a 429 with `Retry-After`.
    pub rate_limit429: f64,
    /// `Retry-After` seconds sent with the 429. Default 1.
    pub retry_after_seconds: Option<u64>,
    /// Probability of closing the connection without a response, before processing.
    pub drop: f64,
    /// Probability of closing the connection without a response, after processing (the side
    /// effect happened and the idempotency record is stored; the client never sees the answer).
    pub drop_after_processing: f64,
    /// Latency added to matching requests, in real milliseconds.
    pub latency_ms: u64,
    /// How many times the rule may fire a fault (latency does not count). Unlimited when absent.
    pub times: Option<u64>,
    /// How many times it fired (reported back).
    #[serde(skip_deserializing)]
    pub fired: u64,
}

/// The fault configuration.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultConfig {
    /// RNG seed for the rolls. Default 0.
    pub seed: u64,
    /// Rules, first match wins.
    pub rules: Vec<FaultRule>,
}

/// What to do with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    Error500,
    Error503,
    RateLimit(u64),
    Drop,
    DropAfter,
}

impl Fault {
    /// Name for the request log.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Fault::None => None,
            Fault::Error500 => Some("error500"),
            Fault::Error503 => Some("error503"),
            Fault::RateLimit(_) => Some("rateLimit429"),
            Fault::Drop => Some("drop"),
            Fault::DropAfter => Some("dropAfterProcessing"),
        }
    }
}

/// Live fault state.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    pub config: FaultConfig,
    rng: Option<Rng>,
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let s: Vec<&str> = path.trim_matches('/').split('/').collect();
    for (i, seg) in p.iter().enumerate() {
        if *seg == "**" {
            return true;
        }
        match s.get(i) {
            Some(x) if *seg == "*" || seg == x => {}
            _ => return false,
        }
    }
    p.len() == s.len()
}

impl Faults {
    /// Replaces the configuration (and reseeds).
    pub fn set(&mut self, config: FaultConfig) {
        self.rng = Some(Rng::new(config.seed));
        self.config = config;
    }

    /// Decides the fault and latency for a request.
    pub fn decide(&mut self, method: &str, path: &str) -> (Fault, u64) {
        if self.config.rules.is_empty() {
            return (Fault::None, 0);
        }
        let rng = self.rng.get_or_insert_with(|| Rng::new(0));
        let Some(rule) = self.config.rules.iter_mut().find(|r| {
            r.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && r.path.as_deref().is_none_or(|p| path_matches(p, path))
        }) else {
            return (Fault::None, 0);
        };
        let latency = rule.latency_ms;
        if rule.times.is_some_and(|t| rule.fired >= t) {
            return (Fault::None, latency);
        }
        let roll = rng.next_f64();
        let mut acc = 0.0;
        let mut pick = Fault::None;
        for (p, f) in [
            (rule.error500, Fault::Error500),
            (rule.error503, Fault::Error503),
            (
                rule.rate_limit429,
                Fault::RateLimit(rule.retry_after_seconds.unwrap_or(1)),
            ),
            (rule.drop, Fault::Drop),
            (rule.drop_after_processing, Fault::DropAfter),
        ] {
            acc += p.clamp(0.0, 1.0);
            if roll < acc {
                pick = f;
                break;
            }
        }
        if pick != Fault::None {
            rule.fired += 1;
        }
        (pick, latency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(path_matches("/customers", "/customers"));
        assert!(!path_matches("/customers", "/customers/cst_1"));
        assert!(path_matches("/customers/*", "/customers/cst_1"));
        assert!(path_matches(
            "/cash-ins/**",
            "/cash-ins/simulate/auth-commit"
        ));
    }
}
