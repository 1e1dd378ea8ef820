//! Network guards of a local tool: which `Host` values the emulator answers (DNS-rebinding guard)
//! and which webhook destinations it delivers to (no link-local, metadata or private addresses
//! unless allowed: the emulator must not become a request forwarder into the machine's network).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The host part of a `Host` header or URL authority: lowercase, without port, brackets kept off
/// IPv6 literals, without a trailing dot. `None` when it is empty or malformed.
pub fn host_of(authority: &str) -> Option<String> {
    let a = authority.trim();
    if a.is_empty() || a.contains(['@', '/', ' ', '\\']) {
        return None;
    }
    let host = if let Some(rest) = a.strip_prefix('[') {
        let (inner, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.starts_with(':')) {
            return None;
        }
        inner
    } else {
        match a.split_once(':') {
            Some((h, port)) if !port.contains(':') => h,
            Some(_) => return None,
            None => a,
        }
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// True for names and literals of this machine's loopback interface: `localhost`, `*.localhost`,
/// 127.0.0.0/8, `::1` (and its IPv4-mapped forms).
pub fn is_loopback_host(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    parse_ip(host).is_some_and(|ip| canonical(ip).is_loopback())
}

/// The DNS-rebinding guard: the request's `Host` (without port) must be a loopback name or literal,
/// or one of `allowed` (`--allow-host`; `*` allows any).
pub fn host_allowed(host_header: Option<&str>, allowed: &[String]) -> bool {
    if allowed.iter().any(|a| a == "*") {
        return true;
    }
    let Some(host) = host_header.and_then(host_of) else {
        return false;
    };
    is_loopback_host(&host)
        || allowed
            .iter()
            .any(|a| host_of(a).is_some_and(|a| a == host))
}

/// An IP literal: dotted IPv4 (also the loose `inet_aton` forms a resolver accepts, such as
/// `2852039166`, `0xa9fea9fe`, `0251.0376.0251.0376`, `169.254.43518`) or IPv6 (brackets optional).
pub fn parse_ip(host: &str) -> Option<IpAddr> {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = h.parse::<IpAddr>() {
        return Some(ip);
    }
    parse_ipv4_loose(h).map(IpAddr::V4)
}

fn parse_part(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (digits, radix) = if let Some(x) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (x, 16)
    } else if s.len() > 1 && s.starts_with('0') {
        (&s[1..], 8)
    } else {
        (s, 10)
    };
    if digits.is_empty() {
        return (radix == 16).then_some(0);
    }
    if digits.len() > 20 {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// `inet_aton`: 1 to 4 parts, each decimal, octal (`0…`) or hex (`0x…`); the last part fills the
/// remaining bytes.
pub fn parse_ipv4_loose(s: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let nums: Vec<u64> = parts.iter().map(|p| parse_part(p)).collect::<Option<_>>()?;
    let (last, head) = nums.split_last()?;
    if head.iter().any(|n| *n > 255) {
        return None;
    }
    let rest_bytes = 4 - head.len() as u32;
    if *last >= 1u64 << (8 * rest_bytes) {
        return None;
    }
    let mut v: u64 = 0;
    for n in head {
        v = (v << 8) | n;
    }
    v = (v << (8 * rest_bytes)) | last;
    Some(Ipv4Addr::from(v as u32))
}

/// IPv4-mapped and IPv4-compatible IPv6 addresses as IPv4.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// Why a webhook destination address is refused, or `None` when it is public or loopback.
/// Refused: unspecified (0.0.0.0/8, ::), link-local (169.254.0.0/16 — cloud metadata — and
/// fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7), shared/CGNAT (100.64/10, where some
/// clouds serve metadata), multicast, broadcast and reserved ranges.
pub fn blocked_reason(ip: IpAddr) -> Option<&'static str> {
    match canonical(ip) {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            if v4.is_loopback() {
                None
            } else if o[0] == 0 {
                Some("an unspecified address (0.0.0.0/8)")
            } else if v4.is_link_local() {
                Some("a link-local address (169.254.0.0/16, where cloud metadata services live)")
            } else if v4.is_private() {
                Some("a private address (10/8, 172.16/12, 192.168/16)")
            } else if o[0] == 100 && (64..128).contains(&o[1]) {
                Some("a shared address (100.64.0.0/10)")
            } else if v4.is_multicast() || v4.is_broadcast() || o[0] >= 240 {
                Some("a multicast, broadcast or reserved address")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => v6_reason(v6),
    }
}

fn v6_reason(v6: Ipv6Addr) -> Option<&'static str> {
    let s = v6.segments();
    if v6.is_loopback() {
        None
    } else if v6.is_unspecified() {
        Some("an unspecified address (::)")
    } else if s[0] & 0xffc0 == 0xfe80 {
        Some("a link-local address (fe80::/10)")
    } else if s[0] & 0xfe00 == 0xfc00 {
        Some("a unique-local (private) address (fc00::/7)")
    } else if s[0] & 0xff00 == 0xff00 {
        Some("a multicast address")
    } else if s[0..6] == [0, 0, 0, 0, 0, 0] {
        // IPv4-compatible (deprecated) ::a.b.c.d
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        blocked_reason(IpAddr::V4(v4)).or(Some("an IPv4-compatible address"))
    } else {
        None
    }
}

/// Host names of cloud instance-metadata services (they resolve to link-local addresses; refused
/// by name too, before any lookup).
pub const METADATA_HOSTS: &[&str] = &[
    "metadata",
    "metadata.google.internal",
    "metadata.goog",
    "metadata.azure.com",
    "instance-data",
    "instance-data.ec2.internal",
    "metadata.tencentyun.com",
    "metadata.platformequinix.com",
];

/// Checks a webhook URL's host at registration: `Err(reason)` for a metadata host name or an IP
/// literal in a refused range (loopback is always fine). Other names are checked again after
/// resolution, at delivery.
pub fn check_webhook_host(host: &str) -> Result<(), String> {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if METADATA_HOSTS.contains(&h.as_str()) {
        return Err(format!(
            "{h} is a cloud metadata service name: webhooks cannot target it"
        ));
    }
    if let Some(ip) = parse_ip(&h) {
        if let Some(why) = blocked_reason(ip) {
            return Err(format!("{h} is {why}: webhooks cannot target it"));
        }
    }
    Ok(())
}

/// Splits an `http(s)://` URL into (scheme, host, port, path-and-query). `None` when malformed or
/// when it carries user info (`user@host`, which hides the real host from a quick read).
pub fn split_http_url(url: &str) -> Option<(&'static str, String, u16, String)> {
    let (scheme, rest, default_port) = if let Some(r) = url.strip_prefix("http://") {
        ("http", r, 80)
    } else if let Some(r) = url.strip_prefix("https://") {
        ("https", r, 443)
    } else {
        return None;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let host = host_of(authority)?;
    let port = if let Some(rest) = authority.strip_prefix('[') {
        rest.split_once("]:").map(|(_, p)| p)
    } else {
        authority.split_once(':').map(|(_, p)| p)
    };
    let port = match port {
        Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0)?,
        None => default_port,
    };
    let path = if path.is_empty() || !path.starts_with('/') {
        format!("/{}", path.trim_start_matches('#'))
    } else {
        path.to_owned()
    };
    Some((scheme, host, port, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("LocalHost:8787").as_deref(), Some("localhost"));
        assert_eq!(host_of("[::1]:80").as_deref(), Some("::1"));
        assert_eq!(host_of("127.0.0.1").as_deref(), Some("127.0.0.1"));
        assert_eq!(host_of("localhost.").as_deref(), Some("localhost"));
        assert_eq!(host_of("a@b"), None);
        assert_eq!(host_of("::1"), None);
        let none: Vec<String> = vec![];
        for ok in [
            "127.0.0.1:1",
            "localhost",
            "[::1]:9",
            "127.1.2.3",
            "app.localhost:3000",
        ] {
            assert!(host_allowed(Some(ok), &none), "{ok}");
        }
        for bad in [
            "evil.example",
            "192.168.1.2:80",
            "",
            "localhost.evil.example",
            "[::2]",
        ] {
            assert!(!host_allowed(Some(bad), &none), "{bad}");
        }
        assert!(!host_allowed(None, &none));
        let allow = vec!["dev.example:8080".to_owned()];
        assert!(host_allowed(Some("DEV.example:1234"), &allow));
        assert!(host_allowed(Some("anything"), &["*".to_owned()]));
    }

    #[test]
    fn loose_ipv4_forms() {
        let meta = Ipv4Addr::new(169, 254, 169, 254);
        for s in [
            "169.254.169.254",
            "2852039166",
            "0xa9fea9fe",
            "0251.0376.0251.0376",
            "169.254.43518",
            "0xa9.0xfe.0xa9.0xfe",
        ] {
            assert_eq!(parse_ipv4_loose(s), Some(meta), "{s}");
        }
        assert_eq!(parse_ipv4_loose("256.1.1.1"), None);
        assert_eq!(parse_ipv4_loose("example"), None);
        assert_eq!(parse_ipv4_loose("1.2.3.4.5"), None);
        assert_eq!(parse_ipv4_loose("0"), Some(Ipv4Addr::UNSPECIFIED));
    }

    #[test]
    fn blocked_ranges() {
        for s in [
            "169.254.169.254",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.10",
            "0.0.0.0",
            "100.100.100.200",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:169.254.169.254",
            "::ffff:a9fe:a9fe",
            "2852039166",
            "224.0.0.1",
        ] {
            assert!(check_webhook_host(s).is_err(), "{s}");
        }
        for s in [
            "127.0.0.1",
            "::1",
            "localhost",
            "example.com",
            "8.8.8.8",
            "172.32.0.1",
            "2001:db8::1",
        ] {
            assert!(check_webhook_host(s).is_ok(), "{s}");
        }
        assert!(check_webhook_host("metadata.google.internal").is_err());
        assert!(check_webhook_host("METADATA.GOOGLE.INTERNAL.").is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(
            split_http_url("http://127.0.0.1:8080/hook?x=1"),
            Some(("http", "127.0.0.1".into(), 8080, "/hook?x=1".into()))
        );
        assert_eq!(
            split_http_url("http://[::1]/h"),
            Some(("http", "::1".into(), 80, "/h".into()))
        );
        assert_eq!(
            split_http_url("https://example.com"),
            Some(("https", "example.com".into(), 443, "/".into()))
        );
        assert_eq!(split_http_url("http://127.0.0.1@169.254.169.254/"), None);
        assert_eq!(split_http_url("ftp://x"), None);
        assert_eq!(split_http_url("http://:80/"), None);
        assert_eq!(split_http_url("http://h:0/"), None);
    }
}
