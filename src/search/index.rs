//! The inverted index, cut into files a browser loads on demand.
//!
//! Files are classic scripts calling a global callback (`__hirebookSearch.chunk(...)`), not
//! JSON, because browsers refuse `fetch` on pages opened from disk. What they hold:
//!
//! - `index`: the manifest, loaded first: the first term of each chunk, where the vocabulary,
//!   documents and facets are, and the facet labels.
//! - term chunks: runs of consecutive terms (in sorted order) with their postings, each about
//!   `CHUNK_BYTES`: a small handbook has one or two, a large one many, and no query loads a
//!   huge file.
//! - vocabulary by term length, for typo tolerance: only loaded when a term has no match.
//! - facets: one short record per document (kind, topic, levels, roles, title length).
//! - documents: title, URL and excerpt text, in groups of `DOC_CHUNK`, loaded for the results
//!   on screen only.
//!
//! A posting is `delta(doc) * 32 + in_title * 16 + weight`, in base 36: small numbers, so the
//! index stays far smaller than the content.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use ahash::AHashMap;
use rayon::prelude::*;

use serde::Serialize;

use super::docs::{Doc, Kind};
use super::text;
use crate::render::KeyHasher;

/// Target size of a term chunk (and of a vocabulary file).
pub const CHUNK_BYTES: usize = 32 * 1024;
/// Documents per document file.
pub const DOC_CHUNK: usize = 24;

/// One file of the index: its base name (fingerprinted later) and contents.
pub struct File {
    pub name: String,
    pub text: String,
}

/// Labels for the facets, shared by every document's facet record.
#[derive(Serialize, Default)]
pub struct Facets {
    pub topics: Vec<FacetValue>,
    pub roles: Vec<FacetValue>,
    pub levels: Vec<FacetValue>,
    pub kinds: Vec<FacetValue>,
}

#[derive(Serialize)]
pub struct FacetValue {
    pub id: String,
    pub label: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    /// `[first term, file]` of each chunk, in term order.
    chunks: Vec<(String, String)>,
    /// `[shortest, longest, file]`: vocabulary files by term length (in characters).
    vocab: Vec<(usize, usize, String)>,
    doc_chunk: usize,
    doc_files: Vec<String>,
    facets_file: String,
    facets: &'a Facets,
}

/// A term's postings: (document, in title, quantised weight).
type Postings = Vec<(usize, bool, u32)>;

/// Builds every index file. `name_of` turns a base name and its text into the final path
/// (content-hashed), so the manifest can point at the other files.
pub fn build(
    docs: &[Doc],
    facets: &Facets,
    name_of: &dyn Fn(&str, &str) -> String,
    cache: &mut SearchCache,
) -> (Vec<File>, String) {
    // Each document's terms, with the weight of the fields they appear in: independent work,
    // done in parallel, and skipped for documents the cache has seen.
    let previous = std::mem::take(&mut cache.docs);
    let found: Vec<(u64, Result<Arc<DocTerms>, RawTerms>)> = docs
        .par_iter()
        .map(|doc| {
            let key = doc_key(doc);
            match previous.get(&key) {
                Some(terms) => (key, Ok(terms.clone())),
                None => (key, Err(doc_terms(doc))),
            }
        })
        .collect();
    // New documents' terms get numbers (in order, so builds are repeatable); then postings
    // gather by number, without hashing a string.
    let per_doc: Vec<(u64, Arc<DocTerms>)> = found
        .into_iter()
        .map(|(key, terms)| match terms {
            Ok(terms) => (key, terms),
            Err(raw) => (key, Arc::new(cache.intern(raw))),
        })
        .collect();
    let title_lengths: Vec<usize> = per_doc.iter().map(|(_, t)| t.title_terms).collect();
    let mut postings: Vec<Postings> = vec![Vec::new(); cache.terms.len()];
    for (d, (_, doc)) in per_doc.iter().enumerate() {
        for &(id, raw, in_title) in &doc.terms {
            postings[id as usize].push((d, in_title, quantise(raw)));
        }
    }
    cache.docs = per_doc.into_iter().collect();

    let mut files = Vec::new();
    let mut order: Vec<usize> = (0..postings.len())
        .filter(|i| !postings[*i].is_empty())
        .collect();
    order.par_sort_unstable_by(|a, b| cache.terms[*a].cmp(&cache.terms[*b]));
    let terms = &cache.terms;
    let encoded: Vec<(String, String)> = order
        .par_iter()
        // Documents were added in order, so each list is already sorted.
        .map(|&i| (terms[i].to_string(), encode(&postings[i])))
        .collect();
    let mut chunks = Vec::new();
    for group in runs(&encoded, |(t, p)| t.len() + p.len() + 6) {
        let body: BTreeMap<&str, &str> = group
            .iter()
            .map(|(t, p)| (t.as_str(), p.as_str()))
            .collect();
        let first = group[0].0.clone();
        let text = script2("chunk", &first, &body);
        let name = name_of(&format!("search-t{}", chunks.len()), &text);
        chunks.push((first, name.clone()));
        files.push(File { name, text });
    }

    let mut by_length: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (term, _) in &encoded {
        let n = term.chars().count();
        if n >= 4 {
            by_length.entry(n).or_default().push(term);
        }
    }
    let lengths: Vec<(usize, Vec<&str>)> = by_length.into_iter().collect();
    let mut vocab = Vec::new();
    for group in runs(&lengths, |(_, words)| {
        words.iter().map(|w| w.len() + 1).sum()
    }) {
        let (min, max) = (group[0].0, group[group.len() - 1].0);
        let words: BTreeMap<usize, String> = group.iter().map(|(n, w)| (*n, w.join(" "))).collect();
        let text = script2("vocab", &min, &words);
        let name = name_of(&format!("search-v{min}"), &text);
        vocab.push((min, max, name.clone()));
        files.push(File { name, text });
    }

    let mut doc_files = Vec::new();
    for (i, group) in docs.chunks(DOC_CHUNK).enumerate() {
        let records: Vec<(&str, &str, &str, &str)> = group
            .iter()
            .map(|d| {
                (
                    d.title.as_str(),
                    d.url.as_str(),
                    d.context.as_str(),
                    d.excerpt.as_str(),
                )
            })
            .collect();
        let text = script2("docs", &i, &records);
        let name = name_of(&format!("search-d{i}"), &text);
        doc_files.push(name.clone());
        files.push(File { name, text });
    }

    let records: Vec<String> = docs
        .iter()
        .zip(&title_lengths)
        .map(|(d, titles)| facet_record(d, *titles))
        .collect();
    let facets_text = script("facets", &records.join(";"));
    let facets_file = name_of("search-facets", &facets_text);
    files.push(File {
        name: facets_file.clone(),
        text: facets_text,
    });

    let manifest = Manifest {
        version: 1,
        docs: docs.len(),
        chunks,
        vocab,
        doc_chunk: DOC_CHUNK,
        doc_files,
        facets_file,
        facets,
    };
    let text = script("manifest", &manifest);
    let name = name_of("search-index", &text);
    files.push(File {
        name: name.clone(),
        text,
    });
    (files, name)
}

/// What the cache keeps: each document's terms (by the hash of its text), and the numbers
/// terms were given.
#[derive(Default)]
pub struct SearchCache {
    docs: HashMap<u64, Arc<DocTerms>>,
    terms: Vec<Arc<str>>,
    ids: AHashMap<Arc<str>, u32>,
}

impl SearchCache {
    fn intern(&mut self, raw: RawTerms) -> DocTerms {
        let mut terms: Vec<(u32, u32, bool)> = raw
            .terms
            .into_iter()
            .map(|(term, (weight, in_title))| {
                let id = match self.ids.get(term.as_str()) {
                    Some(id) => *id,
                    None => {
                        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
                        let term: Arc<str> = Arc::from(term);
                        self.terms.push(term.clone());
                        self.ids.insert(term, id);
                        id
                    }
                };
                (id, weight, in_title)
            })
            .collect();
        terms.sort_unstable();
        DocTerms {
            terms,
            title_terms: raw.title_terms,
        }
    }
}

/// A document's terms by number, with summed field weights and whether they are in the
/// title; and the number of distinct title terms.
struct DocTerms {
    terms: Vec<(u32, u32, bool)>,
    title_terms: usize,
}

/// A document's terms before they are numbered.
struct RawTerms {
    terms: Vec<(String, (u32, bool))>,
    title_terms: usize,
}

fn doc_key(doc: &Doc) -> u64 {
    let mut key = KeyHasher::default();
    key.feed(doc.title.as_bytes());
    for (weight, field) in &doc.fields {
        key.feed(&weight.to_le_bytes());
        key.feed(field.as_bytes());
        key.feed(&[0]);
    }
    key.finish()
}

fn doc_terms(doc: &Doc) -> RawTerms {
    let mut weights: AHashMap<String, (u32, bool)> = AHashMap::new();
    for (i, (weight, field)) in doc.fields.iter().enumerate() {
        text::for_each_term(field, |term| match weights.get_mut(term) {
            Some(entry) => {
                entry.0 += weight;
                entry.1 |= i == 0;
            }
            None => {
                weights.insert(term.to_owned(), (*weight, i == 0));
            }
        });
    }
    let mut title_terms = text::terms(&doc.title);
    title_terms.sort();
    title_terms.dedup();
    // Sorted, so terms are numbered in the same order on every build.
    let mut terms: Vec<(String, (u32, bool))> = weights.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    RawTerms {
        terms,
        title_terms: title_terms.len(),
    }
}

/// Field weights summed over occurrences, squeezed into 1..=15 on a log scale: the tenth
/// mention of a word says less than the first.
fn quantise(raw: u32) -> u32 {
    (1 + raw.max(1).ilog2()).min(15)
}

fn encode(postings: &Postings) -> String {
    let mut out = String::with_capacity(postings.len() * 3);
    let mut previous = 0;
    for (i, (doc, in_title, weight)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let value = (doc - previous) as u64 * 32 + u64::from(*in_title) * 16 + u64::from(*weight);
        push_base36(&mut out, value);
        previous = *doc;
    }
    out
}

pub fn push_base36(out: &mut String, mut value: u64) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(value % 36) as usize];
        value /= 36;
        if value == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// `kind.topic.levels.roles.title_terms`, all base 36 (roles joined by `-`).
fn facet_record(doc: &Doc, title_terms: usize) -> String {
    let mut out = String::new();
    push_base36(
        &mut out,
        Kind::ALL.iter().position(|k| *k == doc.kind).unwrap_or(0) as u64,
    );
    out.push('.');
    if let Some(t) = doc.topic {
        push_base36(&mut out, t as u64);
    }
    out.push('.');
    push_base36(&mut out, u64::from(doc.levels));
    out.push('.');
    for (i, r) in doc.roles.iter().enumerate() {
        if i > 0 {
            out.push('-');
        }
        push_base36(&mut out, *r as u64);
    }
    out.push('.');
    push_base36(&mut out, title_terms as u64);
    out
}

/// Cuts a sorted list into consecutive runs of about `CHUNK_BYTES` (by `size`). An item larger
/// than that gets a run of its own.
fn runs<T>(items: &[T], size: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, item) in items.iter().enumerate() {
        let n = size(item);
        if i > start && bytes + n > CHUNK_BYTES {
            out.push(&items[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += n;
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// A call with two arguments: the file's key and its data.
fn script2(callback: &str, key: &impl Serialize, value: &impl Serialize) -> String {
    format!(
        "__hirebookSearch.{callback}({},{});\n",
        serde_json::to_string(key).unwrap_or_default(),
        serde_json::to_string(value).unwrap_or_default()
    )
}

fn script(callback: &str, value: &impl Serialize) -> String {
    format!(
        "__hirebookSearch.{callback}({});\n",
        serde_json::to_string(value).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base36() {
        let mut s = String::new();
        push_base36(&mut s, 0);
        s.push(' ');
        push_base36(&mut s, 35);
        s.push(' ');
        push_base36(&mut s, 36 * 36);
        assert_eq!(s, "0 z 100");
    }

    #[test]
    fn postings_are_delta_encoded() {
        assert_eq!(
            encode(&vec![(3, true, 5), (10, false, 1)]),
            format!("{},{}", to36(3 * 32 + 16 + 5), to36(7 * 32 + 1))
        );
    }

    fn to36(v: u64) -> String {
        let mut s = String::new();
        push_base36(&mut s, v);
        s
    }

    #[test]
    fn weights_grow_slowly() {
        assert_eq!(quantise(1), 1);
        assert_eq!(quantise(10), 4);
        assert_eq!(quantise(100_000), 15);
    }

    #[test]
    fn runs_respect_the_target_size() {
        let sizes = [CHUNK_BYTES / 2, CHUNK_BYTES / 2, 10, CHUNK_BYTES * 2, 5];
        let cut: Vec<Vec<usize>> = runs(&sizes, |n| *n)
            .into_iter()
            .map(<[usize]>::to_vec)
            .collect();
        assert_eq!(
            cut,
            [
                vec![CHUNK_BYTES / 2, CHUNK_BYTES / 2],
                vec![10],
                vec![CHUNK_BYTES * 2],
                vec![5]
            ]
        );
        assert!(runs(&[] as &[usize], |n| *n).is_empty());
    }
}
