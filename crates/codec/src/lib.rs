//! The compact encoding shared by the data files that ship inside the binary (NER models, the
//! gazetteer): LEB128 varints, zig-zag signed varints, length-prefixed strings, and the fast
//! hashers of their maps (one for keys that are hashes already, one for strings).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io;

/// An `InvalidData` error, as every decoding failure is.
pub fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Appends `v` as an unsigned LEB128 varint.
pub fn put(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push((v as u8) | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

/// Appends `v` zig-zag encoded, so that small negative numbers stay short.
pub fn put_signed(b: &mut Vec<u8>, v: i64) {
    put(b, ((v << 1) ^ (v >> 63)) as u64);
}

/// Appends a length-prefixed UTF-8 string.
pub fn put_str(b: &mut Vec<u8>, s: &str) {
    put(b, s.len() as u64);
    b.extend_from_slice(s.as_bytes());
}

/// Reads what the `put` functions wrote. `what` names the file kind in errors
/// ("truncated gazetteer").
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Reader { bytes, at: 0, what }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.at
    }

    pub fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let s = self
            .bytes
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| invalid(format!("truncated {}", self.what)))?;
        self.at += n;
        Ok(s)
    }

    pub fn get(&mut self) -> io::Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(v);
            }
        }
        Err(invalid(format!("varint too long in {}", self.what)))
    }

    pub fn get_signed(&mut self) -> io::Result<i64> {
        let v = self.get()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    pub fn get_str(&mut self) -> io::Result<&'a str> {
        let n =
            usize::try_from(self.get()?).map_err(|_| invalid(format!("string too long in {}", self.what)))?;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| invalid(format!("string is not UTF-8 in {}", self.what)))
    }
}

/// A hasher for keys that are hashes already: one multiply spreads them over the buckets,
/// instead of SipHash's rounds on every lookup of a hot path.
#[derive(Default)]
pub struct IdHasher(u64);

const SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(SPREAD);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(SPREAD);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(SPREAD);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap<K, V, IdBuild>` for pre-hashed keys.
pub type IdBuild = BuildHasherDefault<IdHasher>;

/// A fast hasher for the models' string maps (FxHash's mixing, 8 bytes at a time): they are
/// looked up once or more per token, and SipHash's resistance to crafted keys buys nothing
/// for maps built from training data.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut b = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            put(&mut b, v);
        }
        for v in [0i64, -1, 1, -64, 64, i64::MIN, i64::MAX] {
            put_signed(&mut b, v);
        }
        put_str(&mut b, "Nur-Sultan → Astana");
        let mut r = Reader::new(&b, "test file");
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.get().unwrap(), v);
        }
        for v in [0i64, -1, 1, -64, 64, i64::MIN, i64::MAX] {
            assert_eq!(r.get_signed().unwrap(), v);
        }
        assert_eq!(r.get_str().unwrap(), "Nur-Sultan → Astana");
        assert_eq!(r.position(), b.len());
        let err = r.get().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(err.to_string(), "truncated test file");
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(Reader::new(&[0xff; 11], "x").get().is_err());
        assert!(Reader::new(&[5, b'a'], "x").get_str().is_err());
        assert!(Reader::new(&[2, 0xc3, 0x28], "x").get_str().is_err());
        assert!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "x")
                .get_str()
                .is_err()
        );
    }
}
