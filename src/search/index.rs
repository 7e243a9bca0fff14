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
//! - facets: one short fixed-width record per document (kind, topic, levels, title length,
//!   roles).
//! - documents: title, URL and excerpt text, in runs of consecutive documents of about
//!   `DOC_FILE_BYTES`, loaded for the results on screen only.
//!
//! A posting is `delta(doc) * 32 + in_title * 16 + weight`, in base 36: small numbers, so the
//! index stays far smaller than the content.

use std::collections::BTreeMap;

use ahash::AHashMap;
use rayon::prelude::*;

use serde::Serialize;

use super::docs::{Doc, Kind};
use super::postings::PostingList;
use super::term_cache::TermCache;
use super::text;
use crate::error::IoError;

/// Target size of a term chunk (and of a vocabulary file).
pub const CHUNK_BYTES: usize = 32 * 1024;
/// Target size of a document file: a first search loads one for each result on screen, so
/// they stay small whether excerpts are short (large handbooks) or long (small ones).
pub const DOC_FILE_BYTES: usize = 6 * 1024;
/// What a browser loads as soon as the reader focuses the search box, while they type: the
/// whole index when its term, vocabulary and document files add up to no more than this (most
/// handbooks: their first search then waits for no file), else the term and vocabulary files
/// when they alone fit (a first search then waits only for its results' records).
pub const PRELOAD_BYTES: usize = 160 * 1024;

#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Preload {
    All,
    Terms,
    None,
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

/// Names the other files by what tells them apart, the part between `search-` and `.js`
/// (`t12-0123456789`): a large index has over a thousand files, and the manifest is loaded
/// before any search. search.js puts back the rest from the manifest's own path.
#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    /// `[first term, file]` of each chunk, in term order.
    chunks: Vec<(String, String)>,
    /// `[shortest, longest, file]`: vocabulary files by term length (in characters).
    vocab: Vec<(usize, usize, String)>,
    /// `[first document, file]` of each document file, in document order.
    doc_files: Vec<(usize, String)>,
    facets_file: String,
    facet_widths: FacetWidths,
    facets: &'a Facets,
    /// Which files to load when search is first used (see `PRELOAD_BYTES`).
    preload: Preload,
}

/// Builds every index file and hands each to `emit` (path, text) as soon as it is made.
/// `name_of` turns a base name and its text into the final path (content-hashed), so the
/// manifest can point at the other files; the manifest itself is written to `manifest_name`.
pub fn build(
    docs: &[Doc],
    facets: &Facets,
    name_of: &dyn Fn(&str, &str) -> String,
    manifest_name: &str,
    emit: &mut dyn FnMut(&str, &str) -> Result<(), IoError>,
    kept: Option<&mut TermCache>,
) -> Result<(), IoError> {
    let (postings, title_lengths) = crate::timings::phase("postings", || match kept {
        Some(cache) => cache.gather(docs),
        None => gather(docs),
    });
    let encode_phase = crate::timings::start("encode");
    let encoded: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(term, list)| (term, list.encode(quantise)))
        .collect();
    drop(encode_phase);
    let files_phase = crate::timings::start("files");
    // The bytes of term and vocabulary files, and of document files, for `preload`.
    let (mut term_bytes, mut doc_bytes) = (0, 0);
    let mut chunks = Vec::new();
    for group in runs(&encoded, CHUNK_BYTES, |(t, p)| t.len() + p.len() + 6) {
        let body: BTreeMap<&str, &str> = group
            .iter()
            .map(|(t, p)| (t.as_str(), p.as_str()))
            .collect();
        let first = group[0].0.clone();
        let text = script2("chunk", &first, &body);
        let name = name_of(&format!("search-t{}", chunks.len()), &text);
        chunks.push((first, name.clone()));
        term_bytes += text.len();
        emit(&name, &text)?;
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
    for group in runs(&lengths, CHUNK_BYTES, |(_, words)| {
        words.iter().map(|w| w.len() + 1).sum()
    }) {
        let (min, max) = (group[0].0, group[group.len() - 1].0);
        let words: BTreeMap<usize, String> = group.iter().map(|(n, w)| (*n, w.join(" "))).collect();
        let text = script2("vocab", &min, &words);
        let name = name_of(&format!("search-v{min}"), &text);
        vocab.push((min, max, name.clone()));
        term_bytes += text.len();
        emit(&name, &text)?;
    }

    let mut doc_files = Vec::new();
    let mut first = 0;
    let doc_size = |d: &Doc| d.title.len() + d.url.len() + d.context.len() + d.excerpt.len() + 12;
    for (i, group) in runs(docs, DOC_FILE_BYTES, doc_size).into_iter().enumerate() {
        let records: Vec<(&str, &str, &str, &str)> = group
            .iter()
            .map(|d| (d.title, d.url.as_str(), d.context, d.excerpt.as_str()))
            .collect();
        let text = script2("docs", &i, &records);
        let name = name_of(&format!("search-d{i}"), &text);
        doc_files.push((first, name.clone()));
        first += group.len();
        doc_bytes += text.len();
        emit(&name, &text)?;
    }

    let (facet_widths, records) = facet_records(docs, &title_lengths, facets.roles.len());
    let facets_text = script("facets", &records);
    let facets_file = name_of("search-facets", &facets_text);
    emit(&facets_file, &facets_text)?;

    drop(files_phase);
    let folder = manifest_name
        .rfind('/')
        .map_or("", |i| &manifest_name[..=i]);
    let prefix = format!("{folder}search-");
    let short = |path: String| -> String {
        path.strip_prefix(&prefix)
            .and_then(|p| p.strip_suffix(".js"))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("index file {path} is not {prefix}*.js"))
    };
    let manifest = Manifest {
        version: 4,
        docs: docs.len(),
        chunks: chunks.into_iter().map(|(t, f)| (t, short(f))).collect(),
        vocab: vocab
            .into_iter()
            .map(|(min, max, f)| (min, max, short(f)))
            .collect(),
        doc_files: doc_files
            .into_iter()
            .map(|(first, f)| (first, short(f)))
            .collect(),
        facets_file: short(facets_file),
        facet_widths,
        facets,
        preload: if term_bytes + doc_bytes <= PRELOAD_BYTES {
            Preload::All
        } else if term_bytes <= PRELOAD_BYTES {
            Preload::Terms
        } else {
            Preload::None
        },
    };
    emit(manifest_name, &script("manifest", &manifest))
}

/// Postings gathered from a run of documents.
#[derive(Default)]
struct Gathered {
    /// Term → its documents, in document order.
    postings: AHashMap<String, PostingList>,
    /// Each document's number of distinct title terms, in document order.
    title_terms: Vec<usize>,
}

/// Every term's postings, sorted by term, and each document's number of distinct title
/// terms. Threads take runs of documents; the runs are merged in document order, so every
/// list comes out sorted by document. No document's terms are ever held on their own: each
/// word goes straight to its term's list.
pub fn gather(docs: &[Doc]) -> (Vec<(String, PostingList)>, Vec<usize>) {
    let gathered = gather_runs(docs);
    let mut postings: Vec<(String, PostingList)> = gathered.postings.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (postings, gathered.title_terms)
}

fn gather_runs(docs: &[Doc]) -> Gathered {
    docs.par_iter()
        .enumerate()
        // Few runs: merging costs as much as a run's vocabulary.
        .with_min_len(docs.len() / (2 * rayon::current_num_threads()) + 1)
        .fold(Gathered::default, |mut run, (d, doc)| {
            let titles = add_doc(&mut run.postings, d as u32, doc);
            run.title_terms.push(titles);
            run
        })
        .reduce(Gathered::default, merge)
}

/// Adds document `d`'s terms to `postings`; returns how many distinct terms its title has.
fn add_doc(postings: &mut AHashMap<String, PostingList>, d: u32, doc: &Doc) -> usize {
    let mut title_terms = 0;
    // The title is the first field, so a title term is always new to the document there.
    for (i, (weight, parts)) in doc.fields.iter().enumerate() {
        let title = i == 0;
        for part in parts {
            text::for_each_term(part, |term| {
                let new = match postings.get_mut(term) {
                    Some(list) => list.add(d, *weight, title),
                    None => {
                        let mut list = PostingList::default();
                        list.add(d, *weight, title);
                        postings.insert(term.to_owned(), list);
                        true
                    }
                };
                title_terms += usize::from(new && title);
            });
        }
    }
    title_terms
}

/// Concatenates two runs of documents, `left` before `right`.
fn merge(mut left: Gathered, mut right: Gathered) -> Gathered {
    left.title_terms.append(&mut right.title_terms);
    // Move the smaller map's lists into the larger one, keeping left's documents first.
    if left.postings.len() >= right.postings.len() {
        for (term, list) in right.postings {
            left.postings.entry(term).or_default().append(list);
        }
        left
    } else {
        for (term, mut list) in left.postings {
            let later = right.postings.entry(term).or_default();
            list.append(std::mem::take(later));
            *later = list;
        }
        right.title_terms = left.title_terms;
        right
    }
}

/// Field weights summed over occurrences, squeezed into 1..=15 on a log scale: the tenth
/// mention of a word says less than the first.
fn quantise(raw: u32) -> u32 {
    (1 + raw.max(1).ilog2()).min(15)
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

/// The facets file: per document, in order and without separators, its kind, topic (0 for
/// none, else the topic's index + 1), levels (a bit per level), number of distinct title
/// terms and roles (a bit per role, five to a digit, lowest first), each a base-32 number of
/// the fixed width `FacetWidths` gives. Fixed widths keep the file small: it is loaded when
/// the reader focuses the search box, and holds a record for every document.
fn facet_records(docs: &[Doc], title_terms: &[usize], roles: usize) -> (FacetWidths, String) {
    let digits = |max: usize| {
        let mut n = 1;
        while max >= 1 << (5 * n) {
            n += 1;
        }
        n
    };
    let widths = FacetWidths {
        kind: digits(Kind::ALL.len()),
        topic: digits(
            docs.iter()
                .filter_map(|d| d.topic)
                .max()
                .map_or(0, |t| t + 1),
        ),
        levels: digits(
            docs.iter()
                .map(|d| usize::from(d.levels))
                .max()
                .unwrap_or(0),
        ),
        titles: digits(title_terms.iter().copied().max().unwrap_or(0)),
        roles: roles.div_ceil(5),
    };
    let mut out = String::with_capacity(docs.len() * widths.total());
    for (doc, titles) in docs.iter().zip(title_terms) {
        let kind = Kind::ALL.iter().position(|k| *k == doc.kind).unwrap_or(0);
        push_base32(&mut out, kind, widths.kind);
        push_base32(&mut out, doc.topic.map_or(0, |t| t + 1), widths.topic);
        push_base32(&mut out, usize::from(doc.levels), widths.levels);
        push_base32(&mut out, *titles, widths.titles);
        for digit in 0..widths.roles {
            let bits = doc
                .roles
                .iter()
                .filter(|r| **r / 5 == digit)
                .fold(0, |bits, r| bits | 1 << (r % 5));
            push_base32(&mut out, bits, 1);
        }
    }
    (widths, out)
}

/// How many base-32 digits each field of a facet record takes.
#[derive(Serialize)]
struct FacetWidths {
    kind: usize,
    topic: usize,
    levels: usize,
    titles: usize,
    roles: usize,
}

impl FacetWidths {
    fn total(&self) -> usize {
        self.kind + self.topic + self.levels + self.titles + self.roles
    }
}

/// `value` in base 32, `width` digits, most significant first.
fn push_base32(out: &mut String, value: usize, width: usize) {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    for i in (0..width).rev() {
        out.push(char::from(DIGITS[(value >> (5 * i)) & 31]));
    }
}

/// Cuts a list into consecutive runs of about `target` bytes (by `size`). An item larger than
/// that gets a run of its own.
fn runs<T>(items: &[T], target: usize, size: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, item) in items.iter().enumerate() {
        let n = size(item);
        if i > start && bytes + n > target {
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
    crate::output::script_call(&format!("__hirebookSearch.{callback}"), value)
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
        let mut list = PostingList::default();
        // Raw weight 16 (in the title) is quantised to 5; raw weight 1 stays 1.
        list.add(3, 10, true);
        list.add(3, 6, false);
        list.add(10, 1, false);
        assert_eq!(
            list.encode(quantise),
            format!("{},{}", to36(3 * 32 + 16 + 5), to36(7 * 32 + 1))
        );
    }

    fn to36(v: u64) -> String {
        let mut s = String::new();
        push_base36(&mut s, v);
        s
    }

    #[test]
    fn facet_records_have_fixed_widths() {
        let doc = |topic, levels, roles: Vec<usize>| Doc {
            kind: Kind::ALL[1],
            title: "t",
            url: String::new(),
            context: "",
            topic,
            levels,
            roles,
            fields: Vec::new(),
            excerpt: String::new(),
        };
        let docs = [doc(None, 0, vec![]), doc(Some(40), 0b1010, vec![0, 6])];
        let (widths, text) = facet_records(&docs, &[3, 1], 7);
        // 41 topic values need two digits; seven roles, two digits of five bits.
        assert_eq!(
            (
                widths.kind,
                widths.topic,
                widths.levels,
                widths.titles,
                widths.roles
            ),
            (1, 2, 1, 1, 2)
        );
        // kind 1, no topic, no levels, 3 title terms, no roles; then topic 40 + 1 = "19" in
        // base 32, levels "a", 1 title term, role 0 (bit 0 of digit 0) and 6 (bit 1 of digit 1).
        assert_eq!(text, "1000300119a112");
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
        let cut: Vec<Vec<usize>> = runs(&sizes, CHUNK_BYTES, |n| *n)
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
        assert!(runs(&[] as &[usize], CHUNK_BYTES, |n| *n).is_empty());
    }
}
