//! Deterministic EVM addresses with EIP-55 checksums (keccak-256 from the `sha3` crate).

use sha3::{Digest, Keccak256};

/// keccak-256 of bytes.
pub fn keccak(data: &[u8]) -> [u8; 32] {
    let mut h = Keccak256::new();
    h.update(data);
    h.finalize().into()
}

/// The address for a wallet: the last 20 bytes of keccak256(seed ‖ customer ‖ wallet), written
/// with the EIP-55 mixed-case checksum. The same inputs always give the same address.
pub fn wallet_address(seed: u64, customer_id: &str, wallet_id: &str) -> String {
    let material = format!("oms-emulator:{seed}:{customer_id}:{wallet_id}");
    let digest = keccak(material.as_bytes());
    checksum(&crate::ids::hex(&digest[12..]))
}

/// EIP-55: uppercase each hex letter whose nibble in keccak256(lowercase hex) is ≥ 8.
pub fn checksum(hex40: &str) -> String {
    let lower = hex40.to_ascii_lowercase();
    let digest = keccak(lower.as_bytes());
    let mut out = String::with_capacity(42);
    out.push_str("0x");
    for (i, c) in lower.chars().enumerate() {
        let nibble = (digest[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
        out.push(if c.is_ascii_alphabetic() && nibble >= 8 {
            c.to_ascii_uppercase()
        } else {
            c
        });
    }
    out
}

/// True for `0x` + 40 hex digits (any case; the checksum is not required on input).
pub fn is_address(s: &str) -> bool {
    s.len() == 42
        && (s.starts_with("0x") || s.starts_with("0X"))
        && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eip55_vectors() {
        // From the EIP-55 specification.
        for a in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert_eq!(checksum(&a[2..]), a);
        }
        let w = wallet_address(1, "cst_1", "wlt_1");
        assert_eq!(w, wallet_address(1, "cst_1", "wlt_1"));
        assert!(is_address(&w));
    }
}
