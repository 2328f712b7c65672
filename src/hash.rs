//! A fast hasher for the maps on the per-device path (merging, plan sharing, packing).
//!
//! std's SipHash resists hash flooding by a remote attacker; here the keys come from the
//! admin's own inventory, evaluated in their own browser, and SipHash was a visible share of
//! the time for 100,000 devices. This is the multiply-rotate hash used by rustc ("FxHash").

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// rustc's Fx hash: for each word, rotate, xor, multiply.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The last 1–7 bytes as one word, from fixed-size loads (two overlapping halves, or
        // the first, middle and last byte), not a copy into a buffer: a copy of variable length
        // is a `memory.copy`, which V8 runs as a call out of the Wasm, once per text hashed.
        let rest = chunks.remainder();
        let n = rest.len();
        let half = |at: usize| u32::from_le_bytes([rest[at], rest[at + 1], rest[at + 2], rest[at + 3]]);
        let word = match n {
            0 => return,
            1..=3 => u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
            _ => u64::from(half(0)) | u64::from(half(n - 4)) << 32,
        };
        self.add(word ^ ((n as u64) << 56));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    /// The state, mixed so its low bits depend on every input bit: the table picks buckets by
    /// the low bits, and Fx's last multiply leaves them depending only on the low bits of the
    /// input, so names that differ only near their end ("DEV-000001", "DEV-000002", …)
    /// crowded a few buckets (issue 12: ~3× slower at 800,000 devices).
    fn finish(&self) -> u64 {
        let h = self.hash;
        let h = (h ^ (h >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93);
        h ^ (h >> 32)
    }
}

/// `text`'s 32-bit hash above `at` (an index): one number per item, which [`sort_by_hash`]
/// orders by hash and, among equal hashes, by index. Indices are 32 bits: a wasm32 module
/// cannot hold 2^32 records or devices (each takes over a hundred bytes).
pub(crate) fn hashed_at(text: &str, at: u32) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.finish() >> 32 << 32 | u64::from(at)
}

/// Sorts [`hashed_at`] numbers by their hash, keeping equal hashes in the order given: a
/// least-significant-digit radix sort, a byte of the hash at a time (a byte all hashes share
/// moves nothing and is skipped). Finding equal texts this way reads and writes lists in order,
/// where a map of a million texts missed the cache on every probe.
pub(crate) fn sort_by_hash(items: &mut Vec<u64>) {
    let mut sorted = vec![0u64; items.len()];
    for shift in (32..64).step_by(8) {
        let digit = |h: u64| (h >> shift) as usize & 0xFF;
        let mut starts = [0usize; 256];
        for &h in items.iter() {
            starts[digit(h)] += 1;
        }
        if starts.contains(&items.len()) {
            continue;
        }
        let mut at = 0;
        for start in starts.iter_mut() {
            (*start, at) = (at, at + *start);
        }
        for &item in items.iter() {
            let d = digit(item);
            sorted[starts[d]] = item;
            starts[d] += 1;
        }
        std::mem::swap(items, &mut sorted);
    }
}

/// The runs of [`sort_by_hash`]ed numbers with one hash (an item's index is `item as u32`).
fn runs_of_equal_hashes(sorted: &[u64]) -> std::slice::ChunkBy<'_, u64, impl FnMut(&u64, &u64) -> bool> {
    sorted.chunk_by(|a, b| a >> 32 == b >> 32)
}

/// For each item of `sorted` ([`sort_by_hash`]ed [`hashed_at`] numbers), the first item (the
/// smallest index) whose `text` equals its own: `first[index]`, of `len` places, `u32::MAX`
/// where no item has that index. Texts are compared only within a run of equal hashes: one
/// text per hash but for the rare collision. The Entra id join, the name join and the device
/// keys' uniqueness all ask this (one instance of it in the module: `text` is only called for
/// items of runs of more than one).
///
/// Each later item of a run is compared with the run's first in the order of the later items'
/// indices, not in hash order: the texts are then read nearly in order where documents list
/// their devices alike (a Graph export and a probe per device), where hash order read them at
/// random, a cache miss each at a million (issue 15: merging a million merged devices took 20×
/// a hundred thousand). A run whose texts are not all its first's (a collision) is worked out
/// again, text by text.
pub(crate) fn first_of_equal_texts<'t>(sorted: &[u64], len: usize, text: &dyn Fn(u32) -> Cow<'t, str>) -> Vec<u32> {
    let mut first = vec![u32::MAX; len];
    // Each later item above its run's first, to be sorted by the later item.
    let mut later: Vec<u64> = Vec::new();
    for run in runs_of_equal_hashes(sorted) {
        let head = run[0] as u32;
        first[head as usize] = head;
        later.extend(run[1..].iter().map(|&n| u64::from(n as u32) << 32 | u64::from(head)));
    }
    sort_by_hash(&mut later);
    let mut collided = false;
    for &pair in &later {
        let (item, head) = ((pair >> 32) as u32, pair as u32);
        if text(item) == text(head) {
            first[item as usize] = head;
        } else {
            collided = true;
        }
    }
    if collided {
        // The distinct texts of one run, each with its first item.
        let mut seen: Vec<(Cow<'t, str>, u32)> = Vec::new();
        for run in runs_of_equal_hashes(sorted).filter(|run| run.len() > 1) {
            let head = run[0] as u32;
            if run[1..].iter().all(|&n| first[n as u32 as usize] == head) {
                continue;
            }
            seen.clear();
            for i in run.iter().map(|&n| n as u32) {
                let t = text(i);
                first[i as usize] = match seen.iter().find(|(known, _)| *known == t) {
                    Some(&(_, f)) => f,
                    None => {
                        seen.push((t, i));
                        i
                    }
                };
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    /// Issue 12: sequentially numbered names spread over the buckets (the low bits) about as
    /// well as random numbers would (~63 % of 65,536 buckets for 65,536 keys).
    #[test]
    fn sequential_names_spread_over_the_low_bits() {
        let mut buckets = vec![false; 1 << 16];
        for i in 0..(1u32 << 16) {
            let mut h = FxHasher::default();
            format!("DEV-{i:06}").hash(&mut h);
            buckets[(h.finish() & 0xFFFF) as usize] = true;
        }
        let used = buckets.iter().filter(|b| **b).count();
        assert!(used > 39_000, "{used} of 65536 buckets used");
    }

    /// The radix sort orders by the upper 32 bits and keeps equal ones in their order, whatever
    /// bytes they share.
    #[test]
    fn hashes_sort_stably() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for mask in [u64::MAX, 0xFF, 0xFF00_0000, 0x0F0F_0000, 0] {
            let mut items: Vec<u64> = (0..3000).map(|i| (next() & mask) << 32 | i).collect();
            let mut want = items.clone();
            want.sort_unstable();
            sort_by_hash(&mut items);
            assert_eq!(items, want, "mask {mask:#x}");
            let runs: Vec<Vec<u32>> =
                runs_of_equal_hashes(&items).map(|run| run.iter().map(|&n| n as u32).collect()).collect();
            assert_eq!(runs.iter().map(Vec::len).sum::<usize>(), 3000);
            assert!(runs.iter().all(|run| run.windows(2).all(|w| w[0] < w[1])), "each run in order");
        }
    }

    /// Equal texts point to their first item, and texts that merely share a hash (a collision,
    /// made here by hand) stay apart; indices no item has stay `u32::MAX`.
    #[test]
    fn first_of_equal_texts_tells_collisions_apart() {
        let texts = ["a", "b", "a", "c", "b", "a"];
        // Items 0–4 share one hash, item 5 has its own; index 6 is no item's.
        let mut items: Vec<u64> = (0..5).map(|i| 7 << 32 | i).collect();
        items.push(9 << 32 | 5);
        sort_by_hash(&mut items);
        let first = first_of_equal_texts(&items, 7, &|i| Cow::Borrowed(texts[i as usize]));
        assert_eq!(first, [0, 1, 0, 3, 1, 5, u32::MAX]);
    }

    /// Every byte of a text counts, whatever its length: the last 1–7 bytes are read by
    /// overlapping loads, which must still cover each of them.
    #[test]
    fn every_byte_of_every_length_counts() {
        let hash = |bytes: &[u8]| {
            let mut h = FxHasher::default();
            h.write(bytes);
            h.finish()
        };
        for len in 1..=24 {
            let base = vec![b'a'; len];
            for at in 0..len {
                let mut other = base.clone();
                other[at] = b'b';
                assert_ne!(hash(&base), hash(&other), "length {len}, byte {at}");
            }
            assert_ne!(hash(&base), hash(&base[..len - 1]), "length {len} against one shorter");
        }
    }
}
