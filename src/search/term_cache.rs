//! Search terms kept between the rebuilds of a long-running session (`serve`, `watch`).
//!
//! Folding, splitting and stemming every document is most of what the index costs. A session
//! keeps each document's terms, keyed by a hash of its searchable text, so an edit reads only
//! the documents it changed; the postings are then put together from the kept terms by term
//! number, without hashing a single string. The result is the same index a one-shot build
//! makes (a test compares the two).

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use super::docs::Doc;
use super::postings::PostingList;
use super::text;
use crate::hash::KeyHasher;

#[derive(Default)]
pub struct TermCache {
    /// Term → its number.
    numbers: AHashMap<Box<str>, u32>,
    /// Number → term.
    terms: Vec<Box<str>>,
    /// Hash of a document's searchable fields → its terms.
    docs: AHashMap<u64, DocTerms>,
}

/// One document's terms, each once.
struct DocTerms {
    /// (term number, raw weight summed over the document << 1 | in title).
    terms: Vec<(u32, u32)>,
    /// How many distinct terms the title has.
    title_terms: usize,
}

/// A document's terms before they are numbered.
struct FreshTerms {
    terms: Vec<(String, u32)>,
    title_terms: usize,
}

impl TermCache {
    /// Every term's postings, sorted by term, and each document's number of distinct title
    /// terms: what `index::gather` returns, from kept terms where the text is unchanged.
    pub fn gather(&mut self, docs: &[Doc]) -> (Vec<(String, PostingList)>, Vec<usize>) {
        let keys: Vec<u64> = docs.par_iter().map(key).collect();
        let fresh: Vec<(u64, FreshTerms)> = keys
            .par_iter()
            .zip(docs)
            .filter(|(k, _)| !self.docs.contains_key(*k))
            .map(|(k, doc)| (*k, read(doc)))
            .collect();
        for (k, found) in fresh {
            let terms = found
                .terms
                .into_iter()
                .map(|(term, packed)| (self.number(term), packed))
                .collect();
            self.docs.insert(
                k,
                DocTerms {
                    terms,
                    title_terms: found.title_terms,
                },
            );
        }

        let mut lists: Vec<PostingList> = Vec::new();
        lists.resize_with(self.terms.len(), PostingList::default);
        let mut title_terms = Vec::with_capacity(docs.len());
        for (d, k) in keys.iter().enumerate() {
            let doc = &self.docs[k];
            title_terms.push(doc.title_terms);
            for &(t, packed) in &doc.terms {
                lists[t as usize].add(d as u32, packed >> 1, packed & 1 == 1);
            }
        }
        let mut postings: Vec<(String, PostingList)> = lists
            .into_iter()
            .zip(&self.terms)
            .filter(|(list, _)| !list.is_empty())
            .map(|(list, term)| (term.to_string(), list))
            .collect();
        postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

        // Forget what the handbook no longer holds. Numbers of terms nobody uses any more
        // cost a slot each; when they outnumber the live ones, start the numbering afresh.
        let live: AHashSet<u64> = keys.iter().copied().collect();
        self.docs.retain(|k, _| live.contains(k));
        if self.terms.len() > 2 * postings.len() + 1024 {
            *self = TermCache::default();
        }
        (postings, title_terms)
    }

    fn number(&mut self, term: String) -> u32 {
        if let Some(n) = self.numbers.get(term.as_str()) {
            return *n;
        }
        let n = self.terms.len() as u32;
        let term: Box<str> = term.into();
        self.numbers.insert(term.clone(), n);
        self.terms.push(term);
        n
    }
}

/// What a document's terms depend on: its fields, their weights and their order.
fn key(doc: &Doc) -> u64 {
    let mut h = KeyHasher::default();
    for (weight, parts) in &doc.fields {
        h.feed(&weight.to_le_bytes());
        h.feed(&parts.len().to_le_bytes());
        for part in parts {
            h.feed(&part.len().to_le_bytes());
            h.feed(part.as_bytes());
        }
    }
    h.finish()
}

/// A document's terms, summed as `PostingList::add` sums them.
fn read(doc: &Doc) -> FreshTerms {
    let mut at: AHashMap<String, usize> = AHashMap::new();
    let mut terms: Vec<(String, u32)> = Vec::new();
    let mut title_terms = 0;
    for (i, (weight, parts)) in doc.fields.iter().enumerate() {
        let title = u32::from(i == 0);
        for part in parts {
            text::for_each_term(part, |term| match at.get(term) {
                Some(&k) => terms[k].1 = (terms[k].1 + (weight << 1)) | title,
                None => {
                    at.insert(term.to_owned(), terms.len());
                    terms.push((term.to_owned(), weight << 1 | title));
                    title_terms += title as usize;
                }
            });
        }
    }
    FreshTerms { terms, title_terms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docs::Kind;

    const WORDS: &[&str] = &[
        "migration",
        "migrations",
        "rollback",
        "retry",
        "retries",
        "cache",
        "Café",
        "naïve",
        "N+1",
        "select_related",
        "the",
        "a",
        "idempotency",
        "deploy",
        "deployed",
        "queue",
    ];

    fn doc<'a>(fields: Vec<(u32, Vec<&'a str>)>) -> Doc<'a> {
        Doc {
            kind: Kind::Question,
            title: "",
            url: String::new(),
            context: "",
            topic: None,
            levels: 0,
            roles: Vec::new(),
            fields,
            excerpt: String::new(),
        }
    }

    /// Deterministic texts of a few words each, with repeats within and across fields.
    fn texts(seed: u64, n: usize) -> Vec<String> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let len = 1 + (state >> 60) as usize;
                (0..len)
                    .map(|i| WORDS[((state >> (i * 4)) % WORDS.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn docs_of(texts: &[String]) -> Vec<Doc<'_>> {
        texts
            .chunks(3)
            .map(|t| {
                let parts: Vec<&str> = t.iter().map(String::as_str).collect();
                doc(vec![(10, vec![parts[0]]), (3, parts[1..].to_vec())])
            })
            .collect()
    }

    fn encoded(gathered: (Vec<(String, PostingList)>, Vec<usize>)) -> (Vec<String>, Vec<usize>) {
        let lists = gathered
            .0
            .into_iter()
            .map(|(term, list)| format!("{term}:{}", list.encode(|w| w)))
            .collect();
        (lists, gathered.1)
    }

    #[test]
    fn kept_terms_give_the_index_a_fresh_build_gives() {
        let mut cache = TermCache::default();
        let mut all = texts(1, 300);
        for round in 0..4u64 {
            let docs = docs_of(&all);
            let kept = encoded(cache.gather(&docs));
            assert_eq!(
                kept,
                encoded(super::super::index::gather(&docs)),
                "round {round}"
            );
            assert!(!kept.0.is_empty());
            // Edit some documents, drop one, add some: what a session sees between builds.
            let fresh = texts(round + 2, 9);
            all[(round as usize * 7) % 290] = fresh[0].clone();
            all.remove(5);
            all.extend(fresh[1..].iter().cloned());
        }
        // Only documents of the last build are kept.
        let docs = docs_of(&all);
        cache.gather(&docs);
        let keys: AHashSet<u64> = docs.iter().map(key).collect();
        assert_eq!(cache.docs.len(), keys.len());
    }
}
