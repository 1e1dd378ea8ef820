//! Fixed-point money: amounts held as integer micro-units (10⁻⁶, USDC's precision) and written as
//! decimal strings with at least two decimals (`"100.00"`, `"0.015"`), never floats (the docs: "wire-safe decimal string").

use oms_wasm::model::money::is_decimal_syntax;

/// An amount in micro-units.
pub type Micros = i128;

/// One unit (1.000000).
pub const UNIT: Micros = 1_000_000;
/// One cent.
pub const CENT: Micros = 10_000;

/// Parses a strict decimal string with at most 6 fractional digits. `None` otherwise.
pub fn parse(s: &str) -> Option<Micros> {
    if !is_decimal_syntax(s) || s.len() > 40 {
        return None;
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if frac.len() > 6 {
        return None;
    }
    let int: i128 = int.parse().ok()?;
    let frac_val: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse::<i128>().ok()? * 10i128.pow(6 - frac.len() as u32)
    };
    let v = int.checked_mul(UNIT)?.checked_add(frac_val)?;
    Some(if neg { -v } else { v })
}

/// Writes micro-units with at least 2 and at most 6 decimals (`100.00`, `0.015`, `1.234567`).
pub fn format(v: Micros) -> String {
    let neg = v < 0;
    let a = v.unsigned_abs();
    let int = a / 1_000_000;
    let mut frac = format!("{:06}", a % 1_000_000);
    while frac.len() > 2 && frac.ends_with('0') {
        frac.pop();
    }
    format!("{}{int}.{frac}", if neg { "-" } else { "" })
}

/// Writes a rate with at least one decimal (`1.0`, `0.9942`).
pub fn format_rate(v: Micros) -> String {
    let s = format(v);
    match s.strip_suffix('0') {
        Some(t) if t.ends_with('.') || !t.contains('.') => s,
        Some(t) if t.ends_with(".0") => t.to_owned(),
        _ => s,
    }
}

/// `amount × rate / 10⁶`, rounded half-up to a cent.
pub fn pct_cents(amount: Micros, rate_micros: Micros) -> Micros {
    round_cents(amount * rate_micros / UNIT)
}

/// Rounds half-up to a whole cent.
pub fn round_cents(v: Micros) -> Micros {
    let r = v.rem_euclid(CENT);
    let base = v - r;
    if r * 2 >= CENT {
        base + CENT
    } else {
        base
    }
}

/// `a / b` as a rate in micro-units (truncated), `0` when `b` is 0.
pub fn ratio(a: Micros, b: Micros) -> Micros {
    if b == 0 {
        0
    } else {
        a * UNIT / b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        assert_eq!(parse("100.00"), Some(100 * UNIT));
        assert_eq!(parse("0.015"), Some(15_000));
        assert_eq!(parse("1.2345678"), None);
        assert_eq!(parse("1e3"), None);
        assert_eq!(format(99_420_000), "99.42");
        assert_eq!(format(15_000), "0.015");
        assert_eq!(format(0), "0.00");
        assert_eq!(format_rate(UNIT), "1.0");
        assert_eq!(format_rate(994_200), "0.9942");
        assert_eq!(pct_cents(100 * UNIT, 3_500), 350_000);
        assert_eq!(round_cents(5_000), CENT);
    }
}
