//! Hashes, for two jobs: telling whether a cached result must be made again (`KeyHasher`:
//! fast, compared only within one process) and naming published files by their content
//! (`fnv1a`, `StableHasher`: the same on every machine and Rust version, because the hash ends
//! up in URLs).

/// Hashes what a cached result was made from, to tell whether it must be made again. Fast on
/// large inputs; only compared within one process, so fixed seeds are all it needs.
pub struct KeyHasher(ahash::AHasher);

impl Default for KeyHasher {
    fn default() -> Self {
        use std::hash::BuildHasher;
        KeyHasher(ahash::RandomState::with_seeds(0x68, 0x69, 0x72, 0x65).build_hasher())
    }
}

impl KeyHasher {
    pub fn feed(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    pub fn finish(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

impl std::io::Write for KeyHasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.feed(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// FNV-1a: tiny, fast and stable across Rust versions (unlike `DefaultHasher`), which matters
/// because the hash ends up in published file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A content hash for large inputs, eight bytes per step (FNV-1a's byte-at-a-time loop is
/// too slow for megabytes of text). Stable: integers are fed little-endian, so a value hashes
/// the same on every machine. Not for adversaries; only to tell inputs apart.
#[derive(Clone, Copy)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word)
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(29);
    }
}

impl std::hash::Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.mix(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        let rest = words.remainder();
        last[..rest.len()].copy_from_slice(rest);
        // The length tells "ab" + "" from "a" + "b".
        self.mix(u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 56));
    }

    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.mix(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }

    fn finish(&self) -> u64 {
        // A final avalanche, so that every input bit reaches the hex digits a name keeps.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    fn stable<T: Hash>(value: &T) -> u64 {
        let mut h = StableHasher::default();
        value.hash(&mut h);
        h.finish()
    }

    #[test]
    fn stable_hashes_are_fixed_and_tell_inputs_apart() {
        // Fixed values: a change here changes published file names.
        assert_eq!(fnv1a(b"hirebook"), 0xce6f_53f0_82e0_1f12);
        assert_eq!(stable(&("hirebook", 7usize)), stable(&("hirebook", 7usize)));
        assert_eq!(stable(&"hirebook"), 0xd0f3_644b_90c6_e719);
        let inputs = [
            stable(&("ab", "")),
            stable(&("a", "b")),
            stable(&"abcdefgh"),
            stable(&"abcdefgi"),
            stable(&"abcdefghi"),
            stable(&1u64),
            stable(&2u64),
        ];
        let distinct: std::collections::HashSet<_> = inputs.iter().collect();
        assert_eq!(distinct.len(), inputs.len());
    }
}
