//! The emulator's injectable clock and the few time conversions it needs (RFC 3339 in UTC).
//!
//! Every expiry (tokens, quotes, deposit codes, idempotency records), every timestamp and every
//! scheduled job (settlements, webhook retries) reads [`Clock::now_ms`]. The clock is the real time
//! plus an offset that `POST /_emulator/clock/advance` grows, or a frozen instant when the config
//! gives a start time (then it only moves when advanced).

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// Real time + offset, or a frozen instant + offset.
#[derive(Debug)]
pub struct Clock {
    frozen_at: Option<Millis>,
    offset_ms: AtomicI64,
}

impl Clock {
    /// A clock on real time (`frozen_at = None`) or frozen at an instant.
    pub fn new(frozen_at: Option<Millis>) -> Clock {
        Clock {
            frozen_at,
            offset_ms: AtomicI64::new(0),
        }
    }

    /// Now, in milliseconds since the epoch.
    pub fn now_ms(&self) -> Millis {
        let base = self.frozen_at.unwrap_or_else(real_now_ms);
        base.saturating_add(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `ms` (0 ..= `MAX_CLOCK_ADVANCE_MS`). The clock never goes back
    /// and never passes `MAX_CLOCK_MS` (9999-12-31): such an advance changes nothing.
    ///
    /// # Errors
    /// A message when `ms` is negative, too large, or would move the clock past the limit.
    pub fn advance(&self, ms: Millis) -> Result<Millis, String> {
        use crate::assumptions::{MAX_CLOCK_ADVANCE_MS, MAX_CLOCK_MS};
        if !(0..=MAX_CLOCK_ADVANCE_MS).contains(&ms) {
            return Err(format!(
                "advance by 0 to {MAX_CLOCK_ADVANCE_MS} ms (100 years) at a time"
            ));
        }
        let mut current = self.offset_ms.load(Ordering::SeqCst);
        loop {
            let base = self.frozen_at.unwrap_or_else(real_now_ms);
            let next = current
                .checked_add(ms)
                .filter(|o| base.checked_add(*o).is_some_and(|t| t <= MAX_CLOCK_MS))
                .ok_or_else(|| {
                    "the clock cannot pass 9999-12-31T23:59:59Z: advance by less".to_owned()
                })?;
            match self
                .offset_ms
                .compare_exchange(current, next, Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => return Ok(base + next),
                Err(actual) => current = actual,
            }
        }
    }

    /// Back to the configured base (used by reset).
    pub fn reset(&self) {
        self.offset_ms.store(0, Ordering::SeqCst);
    }
}

/// The machine's time.
pub fn real_now_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's civil_from_days).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2023-11-07T05:31:56Z` (seconds precision, UTC), as the reference's examples.
pub fn rfc3339(ms: Millis) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// The calendar date of an instant (UTC).
pub fn date_of(ms: Millis) -> (i64, u32, u32) {
    civil_from_days(ms.div_euclid(86_400_000))
}

/// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `t`/`z`/space tolerated) or a bare
/// `YYYY-MM-DD` (midnight UTC) into milliseconds. `None` when it does not parse.
pub fn parse_rfc3339(s: &str) -> Option<Millis> {
    let b = s.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, mo as u32, d as u32);
    if b.len() == 10 {
        return Some(days * 86_400_000);
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac_ms = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &s.trim()[start..i.min(start + 3)];
        frac_ms = digits.parse::<i64>().ok()? * 10i64.pow(3 - digits.len() as u32);
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
            let v = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if *sign == b'+' {
                v
            } else {
                -v
            }
        }
        _ => return None,
    };
    Some((days * 86_400 + h * 3600 + mi * 60 + se - offset_min * 60) * 1000 + frac_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let t = parse_rfc3339("2023-11-07T05:31:56Z").unwrap();
        assert_eq!(rfc3339(t), "2023-11-07T05:31:56Z");
        assert_eq!(parse_rfc3339("2023-11-07T06:31:56+01:00"), Some(t));
        assert_eq!(parse_rfc3339("2023-11-07T05:31:56.250Z"), Some(t + 250));
        assert_eq!(parse_rfc3339("1970-01-01"), Some(0));
        assert_eq!(parse_rfc3339("2024-02-30T00:00:00"), None);
        assert_eq!(parse_rfc3339("nope"), None);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }
}
