//! Deterministic identifiers and randomness: a seeded SplitMix64 generator, OMS-style IDs
//! (`cst_` + 16 base62 characters that sort in creation order), secrets and codes.

/// SplitMix64: tiny, seedable, good enough for ids and fault rolls (not for cryptography).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(n);
        out
    }

    /// `n` lowercase hex characters.
    pub fn hex(&mut self, n: usize) -> String {
        hex(&self.bytes(n.div_ceil(2)))[..n].to_owned()
    }
}

/// Base62 in ASCII order, so that lexicographic order of fixed-width strings is numeric order.
pub const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(H[usize::from(b >> 4)]));
        s.push(char::from(H[usize::from(b & 15)]));
    }
    s
}

/// An id: `prefix` + 6 base62 characters of the sequence number (creation order) + 10 random
/// base62 characters: 16 mixed-case characters like the reference's examples (`cst_01H9Xa8F5dN6mP3q`).
pub fn mint(prefix: &str, seq: u64, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(prefix.len() + 16);
    s.push_str(prefix);
    let mut digits = [b'0'; 6];
    let mut n = seq;
    for d in digits.iter_mut().rev() {
        *d = BASE62[(n % 62) as usize];
        n /= 62;
    }
    s.extend(digits.iter().map(|&b| char::from(b)));
    for _ in 0..10 {
        s.push(char::from(BASE62[(rng.next_u64() % 62) as usize]));
    }
    s
}

/// A stable 64-bit hash of text (FNV-1a), for ids derived from content.
pub fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// 16 base62 characters derived from a hash (content-derived ids such as cash locations).
pub fn base62_of(mut h: u64, len: usize) -> String {
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(char::from(BASE62[(h % 62) as usize]));
        h = (h / 62) ^ h.rotate_left(17).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_in_creation_order() {
        let mut r = Rng::new(1);
        let a = mint("cst_", 61, &mut r);
        let b = mint("cst_", 62, &mut r);
        assert!(a < b, "{a} {b}");
        assert_eq!(a.len(), 4 + 16);
        assert_eq!(Rng::new(7).next_u64(), Rng::new(7).next_u64());
    }
}
