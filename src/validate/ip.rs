//! IP addresses (`ipAddress`): IPv4 or IPv6, parsed and written in canonical form (IPv4 dotted
//! decimal; IPv6 lowercase, zeros compressed per RFC 5952) exactly as `std::net::IpAddr`'s `FromStr`
//! and `Display` do (a property test checks that), by a small parser of its own: `std::net` brings
//! about 4 KB of parsing and formatting code into the `.wasm`.
//!
//! Not accepted: IPv4 parts with leading zeros (`01.2.3.4`, ambiguous octal), brackets
//! (`[::1]`), ports, zone identifiers (`fe80::1%eth0`) and CIDR suffixes. Private and loopback
//! addresses are accepted (they are valid addresses; whether they help OMS's geo checks is the
//! server's call).

use crate::input::fields::{field_label, field_name, req_string};
use crate::input::issue::{Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;

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
    match canonical_ip(&s) {
        Some(ip) => Ok(ip),
        None => Err(vec![Issue::new(
            IssueCode::InvalidIp,
            path.to_vec(),
            [
                field_label(path).as_str(),
                " must be an IPv4 address (such as 203.0.113.7) or an IPv6 address (such as 2001:db8::1), without a port.",
            ]
            .concat(),
        )
        .with("field", field_name(path))]),
    }
}

/// The canonical form of an IPv4 or IPv6 address, as `s.parse::<std::net::IpAddr>()` then
/// `to_string()` gives it; `None` where that parse fails.
fn canonical_ip(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::new();
    if let Some((v4, end)) = read_v4(b, 0) {
        // `std` tries IPv4 first and does not fall back to IPv6 when input is left over (an IPv6
        // address cannot start with a whole IPv4 address anyway).
        if end != b.len() {
            return None;
        }
        write_v4(&mut out, v4);
        return Some(out);
    }
    let segs = read_v6(b)?;
    if segs[..5] == [0; 5] && segs[5] == 0xffff {
        out.push_str("::ffff:");
        let [a, b2] = segs[6].to_be_bytes();
        let [c, d] = segs[7].to_be_bytes();
        write_v4(&mut out, [a, b2, c, d]);
        return Some(out);
    }
    // The longest run of zero groups (the first of equal ones), compressed when longer than one.
    let (mut best, mut best_len, mut cur, mut cur_len) = (0, 0, 0, 0);
    for (i, &g) in segs.iter().enumerate() {
        if g == 0 {
            if cur_len == 0 {
                cur = i;
            }
            cur_len += 1;
            if cur_len > best_len {
                (best, best_len) = (cur, cur_len);
            }
        } else {
            cur_len = 0;
        }
    }
    let hex = |out: &mut String, groups: &[u16]| {
        for (k, &g) in groups.iter().enumerate() {
            if k > 0 {
                out.push(':');
            }
            let mut started = false;
            for shift in [12, 8, 4, 0] {
                let d = (g >> shift) & 0xf;
                if d != 0 || started || shift == 0 {
                    started = true;
                    out.push(char::from(b"0123456789abcdef"[usize::from(d)]));
                }
            }
        }
    };
    if best_len > 1 {
        hex(&mut out, &segs[..best]);
        out.push_str("::");
        hex(&mut out, &segs[best + best_len..]);
    } else {
        hex(&mut out, &segs);
    }
    Some(out)
}

fn write_v4(out: &mut String, octets: [u8; 4]) {
    for (k, o) in octets.into_iter().enumerate() {
        if k > 0 {
            out.push('.');
        }
        if o >= 100 {
            out.push(char::from(b'0' + o / 100));
        }
        if o >= 10 {
            out.push(char::from(b'0' + o / 10 % 10));
        }
        out.push(char::from(b'0' + o % 10));
    }
}

/// A number at `at` in `radix` with at most `max` digits (`std`'s `Parser::read_number`): at least
/// one digit, a value that fits `limit`, and (for IPv4 octets) no leading zero before other digits.
fn read_num(
    b: &[u8],
    at: usize,
    radix: u32,
    max: usize,
    limit: u32,
    zero_prefix: bool,
) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut n = 0;
    while let Some(d) = b.get(at + n).and_then(|&c| char::from(c).to_digit(radix)) {
        v = v * radix + d;
        n += 1;
        if n > max || v > limit {
            return None;
        }
    }
    if n == 0 || (!zero_prefix && n > 1 && b.get(at) == Some(&b'0')) {
        return None;
    }
    Some((v, at + n))
}

/// Four dotted decimal octets at `at`: the octets and the position after them.
fn read_v4(b: &[u8], at: usize) -> Option<([u8; 4], usize)> {
    let mut octets = [0u8; 4];
    let mut pos = at;
    for (k, o) in octets.iter_mut().enumerate() {
        if k > 0 {
            if b.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
        let (v, end) = read_num(b, pos, 10, 3, 255, false)?;
        *o = u8::try_from(v).ok()?;
        pos = end;
    }
    Some((octets, pos))
}

/// `std`'s `read_groups`: up to `groups.len()` colon-separated hex groups from `*pos`, the last two
/// possibly written as an embedded IPv4 address. Returns the count and whether IPv4 ended them.
fn read_groups(b: &[u8], pos: &mut usize, groups: &mut [u16]) -> (usize, bool) {
    let limit = groups.len();
    for i in 0..limit {
        let start = if i > 0 {
            if b.get(*pos) != Some(&b':') {
                return (i, false);
            }
            *pos + 1
        } else {
            *pos
        };
        if i + 1 < limit {
            if let Some(([o1, o2, o3, o4], end)) = read_v4(b, start) {
                groups[i] = u16::from_be_bytes([o1, o2]);
                groups[i + 1] = u16::from_be_bytes([o3, o4]);
                *pos = end;
                return (i + 2, true);
            }
        }
        match read_num(b, start, 16, 4, 0xffff, true) {
            Some((g, end)) => {
                groups[i] = g as u16;
                *pos = end;
            }
            None => return (i, false),
        }
    }
    (limit, false)
}

/// An IPv6 address filling the whole of `b` (`std`'s `read_ipv6_addr` plus the end check).
fn read_v6(b: &[u8]) -> Option<[u16; 8]> {
    let mut head = [0u16; 8];
    let mut pos = 0;
    let (head_size, head_v4) = read_groups(b, &mut pos, &mut head);
    if head_size < 8 {
        if head_v4 || b.get(pos..pos + 2) != Some(b"::") {
            return None;
        }
        pos += 2;
        let mut tail = [0u16; 7];
        let limit = 8 - (head_size + 1);
        let (tail_size, _) = read_groups(b, &mut pos, &mut tail[..limit]);
        head[8 - tail_size..].copy_from_slice(&tail[..tail_size]);
    }
    (pos == b.len()).then_some(head)
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

    /// The hand-written parser and formatter agree with `std::net::IpAddr` (parse, then `Display`).
    fn same_as_std(s: &str) {
        let std = s.parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string());
        assert_eq!(canonical_ip(s), std, "{s:?}");
    }

    #[test]
    fn agrees_with_std_on_edge_cases() {
        for s in [
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.0",
            "1.2.3.04",
            "1.2.3.0",
            "00.1.2.3",
            "1.2.3.4.",
            ".1.2.3.4",
            "1..2.3",
            "1.2.3.4.5",
            "1234.1.1.1",
            "::",
            ":::",
            "::1",
            "1::",
            "1:::2",
            ":1::",
            "1::2:",
            "::ffff:1.2.3.4",
            "::FFFF:1.2.3.4",
            "::1.2.3.4",
            "1::1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5:1.2.3.4",
            "1:2:3:4:5:6:7::",
            "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:",
            "0:0:1:0:0:1:0:0",
            "1:0:0:2:0:0:0:3",
            "0:0:0:0:0:0:0:0",
            "0:0:0:0:0:ffff:0:0",
            "0:0:0:0:0:fffe:1:2",
            "00000::",
            "0000::",
            "abcd:EF01::",
            "g::",
            "1::2::3",
            "::ffff:1.2.3",
            "::ffff:1.2.3.256",
            "1:2:3:4:5:6:7:8.",
            "1::01.2.3.4",
            "1:2::3:4:1.2.3.4",
            "64:ff9b::192.0.2.33",
            "",
            "1",
            "1.",
            "+1.2.3.4",
            "1.2.3.-4",
            "1.2.3.4 ",
            "::0.0.0.0",
            "0:0::ffff:10.0.0.1",
        ] {
            same_as_std(s);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

            #[test]
            fn agrees_with_std_on_ip_like_strings(s in "[0-9a-fA-F:.]{0,40}") {
                super::same_as_std(&s);
            }

            #[test]
            fn agrees_with_std_on_addresses(segs in proptest::array::uniform8(prop_oneof![Just(0u16), Just(0xffff), any::<u16>()]), v4 in any::<bool>()) {
                let ip = std::net::Ipv6Addr::from(segs);
                super::same_as_std(&ip.to_string());
                super::same_as_std(&format!("{segs:x?}").replace(['[', ']', ' '], "").replace(',', ":"));
                if v4 {
                    let [a, b] = segs[6].to_be_bytes();
                    let [c, d] = segs[7].to_be_bytes();
                    super::same_as_std(&format!("{:x}:{:x}:{:x}::{a}.{b}.{c}.{d}", segs[0], segs[1], segs[2]));
                    super::same_as_std(&format!("{a}.{b}.{c}.{d}"));
                }
            }
        }
    }
}
