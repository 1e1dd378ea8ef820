//! IP addresses (`ipAddress`): IPv4 or IPv6, parsed by `std::net::IpAddr` and written in canonical
//! form (IPv4 dotted decimal; IPv6 lowercase, zeros compressed per RFC 5952).
//!
//! Not accepted: IPv4 parts with leading zeros (`01.2.3.4`, ambiguous octal), brackets
//! (`[::1]`), ports, zone identifiers (`fe80::1%eth0`) and CIDR suffixes. Private and loopback
//! addresses are accepted (they are valid addresses; whether they help OMS's geo checks is the
//! server's call).

use std::net::IpAddr;

use super::fields::{field_label, field_name, req_string};
use super::issue::{Issue, IssueCode, PathSeg, Validation};
use super::value::Value;

/// Validates an IP address at the root; see [`validate_ip_at`].
///
/// # Errors
/// As [`validate_ip_at`].
pub fn validate_ip(v: &Value) -> Validation<String> {
    validate_ip_at(v, &[])
}

/// Validates an IPv4 or IPv6 address at `path` and returns its canonical form.
///
/// # Errors
/// One issue: `required`, `invalid_type`, `too_long` (over 64 characters), `invalid_encoding`, or
/// `invalid_ip`.
pub fn validate_ip_at(v: &Value, path: &[PathSeg]) -> Validation<String> {
    let s = req_string(v, path, 64).map_err(|e| vec![e])?;
    match s.parse::<IpAddr>() {
        Ok(ip) => Ok(ip.to_string()),
        Err(_) => Err(vec![Issue::new(
            IssueCode::InvalidIp,
            path.to_vec(),
            format!(
                "{} must be an IPv4 address (such as 203.0.113.7) or an IPv6 address (such as 2001:db8::1), without a port.",
                field_label(path)
            ),
        )
        .with("field", field_name(path))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical() {
        for (input, out) in [
            (" 203.0.113.7 ", "203.0.113.7"),
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("::", "::"),
            ("10.0.0.1", "10.0.0.1"),
        ] {
            assert_eq!(validate_ip(&input.into()).unwrap(), out, "{input}");
        }
    }

    #[test]
    fn rejects() {
        for bad in [
            "256.1.1.1",
            "1.2.3",
            "01.2.3.4",
            "[::1]",
            "1.2.3.4:80",
            "fe80::1%eth0",
            "10.0.0.0/8",
            "example.com",
            "1:2:3:4:5:6:7:8:9",
        ] {
            let e = validate_ip_at(&bad.into(), &["ipAddress".into()]).unwrap_err();
            assert_eq!(
                (e[0].code, e[0].path_string()),
                (IssueCode::InvalidIp, "ipAddress".into()),
                "{bad}"
            );
            assert!(!e[0].message.contains(bad));
        }
        assert_eq!(
            validate_ip(&Value::Number(1.0)).unwrap_err()[0].code,
            IssueCode::InvalidType
        );
        assert_eq!(
            validate_ip(&"".into()).unwrap_err()[0].code,
            IssueCode::Required
        );
    }
}
