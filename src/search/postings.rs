//! A term's postings while the index is gathered: compact (a few bytes a document, where a
//! list of pairs takes eight), and joinable, so that threads can each gather a run of
//! documents and the runs can be put end to end.

use super::index::push_base36;

/// The documents a term appears in, in increasing order, with its weight in each.
#[derive(Default, Debug)]
pub struct PostingList {
    /// Finished postings as LEB128 numbers, two each: the document's distance from the
    /// previous one (from 0 for the first), then raw weight << 1 | in title.
    bytes: Vec<u8>,
    /// The last finished posting's document.
    last: u32,
    /// The document being read, whose weight is still being summed: (document, packed).
    open: Option<(u32, u32)>,
}

impl PostingList {
    /// Adds `weight` for document `doc`, which is the open document or a later one. Returns
    /// whether the document is new to the list.
    pub fn add(&mut self, doc: u32, weight: u32, in_title: bool) -> bool {
        let packed = weight << 1 | u32::from(in_title);
        match &mut self.open {
            Some((d, p)) if *d == doc => {
                *p = (*p + (weight << 1)) | u32::from(in_title);
                false
            }
            _ => {
                self.close();
                self.open = Some((doc, packed));
                true
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty() && self.open.is_none()
    }

    fn close(&mut self) {
        if let Some((doc, packed)) = self.open.take() {
            push_varint(&mut self.bytes, doc - self.last);
            push_varint(&mut self.bytes, packed);
            self.last = doc;
        }
    }

    /// Puts `later` (whose documents all come after this list's) at the end of this list.
    pub fn append(&mut self, mut later: PostingList) {
        self.close();
        later.close();
        if later.bytes.is_empty() {
            return;
        }
        if self.bytes.is_empty() {
            *self = later;
            return;
        }
        // The first distance in `later` counts from 0; here it counts from this list's end.
        let (first, used) = read_varint(&later.bytes);
        push_varint(&mut self.bytes, first - self.last);
        self.bytes.extend_from_slice(&later.bytes[used..]);
        self.last = later.last;
    }

    /// The list as the browser reads it: `distance * 32 + in_title * 16 + weight` for each
    /// document, in base 36, comma separated, with weights squeezed by `quantise`.
    pub fn encode(mut self, quantise: impl Fn(u32) -> u32) -> String {
        self.close();
        let mut out = String::with_capacity(self.bytes.len() * 2);
        let mut rest = self.bytes.as_slice();
        while !rest.is_empty() {
            let (distance, a) = read_varint(rest);
            let (packed, b) = read_varint(&rest[a..]);
            rest = &rest[a + b..];
            if !out.is_empty() {
                out.push(',');
            }
            let value = u64::from(distance) * 32
                + u64::from(packed & 1) * 16
                + u64::from(quantise(packed >> 1));
            push_base36(&mut out, value);
        }
        out
    }
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The number at the start of `bytes`, and how many bytes it took.
fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut value = 0u32;
    for (i, b) in bytes.iter().enumerate() {
        value |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return (value, i + 1);
        }
    }
    (value, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same list, kept plainly: (document, packed), documents increasing.
    fn plain(adds: &[(u32, u32, bool)]) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for &(doc, weight, title) in adds {
            match out.last_mut() {
                Some((d, p)) if *d == doc => *p = (*p + (weight << 1)) | u32::from(title),
                _ => out.push((doc, weight << 1 | u32::from(title))),
            }
        }
        out
    }

    fn encode_plain(list: &[(u32, u32)]) -> String {
        let mut out = String::new();
        let mut previous = 0;
        for &(doc, packed) in list {
            if !out.is_empty() {
                out.push(',');
            }
            push_base36(
                &mut out,
                u64::from(doc - previous) * 32
                    + u64::from(packed & 1) * 16
                    + u64::from(packed >> 1),
            );
            previous = doc;
        }
        out
    }

    #[test]
    fn split_anywhere_and_joined_it_is_the_plain_list() {
        // A small deterministic generator: documents with gaps up to 300 (multi-byte
        // distances), several words each, some in the title.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let mut adds = Vec::new();
            let mut doc = next(3) as u32;
            for _ in 0..next(40) {
                for _ in 0..1 + next(3) {
                    adds.push((doc, 1 + next(200) as u32, next(4) == 0));
                }
                doc += 1 + next(300) as u32;
            }
            // Cut into runs at document boundaries, gather each, join them in order.
            let mut joined = PostingList::default();
            let mut run = PostingList::default();
            let mut new_docs = 0;
            for (i, &(doc, weight, title)) in adds.iter().enumerate() {
                new_docs += usize::from(run.add(doc, weight, title));
                let boundary = adds.get(i + 1).is_none_or(|next| next.0 != doc);
                if boundary && next(3) == 0 {
                    joined.append(std::mem::take(&mut run));
                }
            }
            joined.append(run);
            let want = plain(&adds);
            assert_eq!(new_docs, want.len());
            assert_eq!(joined.encode(|raw| raw), encode_plain(&want), "{adds:?}");
        }
    }

    #[test]
    fn varints_round_trip() {
        for value in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut bytes = Vec::new();
            push_varint(&mut bytes, value);
            assert_eq!(read_varint(&bytes), (value, bytes.len()));
        }
    }
}
