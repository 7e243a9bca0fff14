//! How text becomes search terms: fold, split into words, drop stop words, stem.
//!
//! The browser does the same to the query, in `themes/default/static/search.js`. The two must
//! agree exactly, so both are tested against one table of cases,
//! `tests/search/text-cases.json`.
//!
//! Scripts differ in what a word is. Chinese and Japanese are written without spaces, and
//! Korean joins words into compounds: their runs of characters become overlapping pairs
//! (`数据库` → `数据`, `据库`), so a word in the middle of a sentence is found, as offline
//! search engines without a dictionary do. Russian and Arabic words take endings (and
//! Arabic the article `ال`), which light stemmers remove.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Case, accents and width folded: `Idempotência` → `idempotencia`, `ＡＰＩ` → `api`. Arabic and Persian letters
/// with several written forms are made one (alef forms, `ى`/`ی` → `ي`, `ة` → `ه`, `ک` →
/// `ك`), and the stretching Arabic typing leaves in words (tatweel) is dropped. The Persian
/// zero-width non-joiner stays: it joins the parts of a compound (see [`is_joiner`]).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Most handbook text: no decomposition to do.
        return text.to_ascii_lowercase();
    }
    // Compatibility forms too: full-width `ＡＰＩ` is `api`, half-width `ﾃｽﾄ` is `テスト`.
    text.nfkd()
        // Kana's voicing marks make other words (`か` ka, `が` ga): kept, and put back.
        .filter(|&c| !is_combining_mark(c) || matches!(c, '\u{3099}' | '\u{309A}'))
        .nfc()
        .flat_map(char::to_lowercase)
        .filter_map(fold_letter)
        .collect()
}

/// One letter's common form in search, or `None` for a character that only joins or
/// stretches letters.
fn fold_letter(c: char) -> Option<char> {
    Some(match c {
        '\u{200D}' | '\u{0640}' => return None,
        '\u{0671}' => '\u{0627}',                            // ٱ → ا
        '\u{0649}' | '\u{06CC}' => '\u{064A}',               // ى ی → ي
        '\u{0629}' | '\u{06D5}' => '\u{0647}',               // ة ە → ه
        '\u{06A9}' => '\u{0643}',                            // ک → ك
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660), // Arabic-Indic digits
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0), // Persian digits
        other => other,
    })
}

fn digit(n: u32) -> char {
    char::from_digit(n, 10).unwrap_or('0')
}

/// Han, kana and Hangul: searched by pairs of characters rather than by words.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x1100..=0x11FF
            | 0x3005
            | 0x3040..=0x30FF
            | 0x3130..=0x318F
            | 0x31F0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFF66..=0xFF9F
            | 0x20000..=0x2FFFF
    )
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphabetic() || c.is_numeric()
    }
}

/// Characters that join two words into one token (`select_related`, `n+1`, `backward-compatible`).
/// The Persian zero-width non-joiner joins too (`پایگاه‌داده‌ها`): the whole word is a term
/// without it, as Persian is often typed without it, and each part is one.
fn is_joiner(c: char) -> bool {
    matches!(c, '_' | '+' | '-' | '.' | '\'' | '\u{200C}')
}

/// The character at byte `i` of `s`, and its length in bytes.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    s[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// Calls `f` with each word of already-folded text: runs of letters and digits, joined
/// through single joiners. A compound word comes whole, then part by part.
pub fn for_each_word<'a>(folded: &'a str, mut f: impl FnMut(&'a str)) {
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some((c, n)) = char_at(folded, i) {
        if !is_word_char(c) {
            i += n;
            continue;
        }
        let start = i;
        let mut part_start = i;
        parts.clear();
        loop {
            while let Some((c, n)) = char_at(folded, i) {
                if !is_word_char(c) {
                    break;
                }
                i += n;
            }
            parts.push((part_start, i));
            match char_at(folded, i) {
                Some((j, jn))
                    if is_joiner(j)
                        && char_at(folded, i + jn).is_some_and(|(c, _)| is_word_char(c)) =>
                {
                    i += jn;
                    part_start = i;
                }
                _ => break,
            }
        }
        f(&folded[start..i]);
        if parts.len() > 1 {
            for &(s, e) in &parts {
                f(&folded[s..e]);
            }
        }
    }
}

/// The words of already-folded text, as `for_each_word` finds them.
pub fn words(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for_each_word(folded, |w| out.push(w));
    out
}

/// Words too common to help: dropped from the index and from queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from",
    "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or",
    "our", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "to", "up", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with",
    "would", "you", "your",
];

/// The length of the longest stop word, in bytes.
const LONGEST_STOP_WORD: usize = 5;

/// A word of at most 8 bytes as a number that sorts as the word does.
const fn pack(word: &[u8]) -> u64 {
    let mut packed = 0u64;
    let mut i = 0;
    while i < 8 {
        packed <<= 8;
        if i < word.len() {
            packed |= word[i] as u64;
        }
        i += 1;
    }
    packed
}

/// `STOP_WORDS` packed, still sorted: every word of the text is looked up here, and
/// comparing numbers is far cheaper than comparing strings.
const PACKED_STOP_WORDS: [u64; STOP_WORDS.len()] = {
    let mut packed = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        packed[i] = pack(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    packed
};

pub fn is_stop_word(word: &str) -> bool {
    // Packing pads with zero bytes, so a word holding one could pass for a shorter one.
    word.len() <= LONGEST_STOP_WORD
        && !word.as_bytes().contains(&0)
        && PACKED_STOP_WORDS
            .binary_search(&pack(word.as_bytes()))
            .is_ok()
}

/// A light English stemmer: plural and verb endings, so `retries`/`retry`, `indexes`/`index`,
/// `testing`/`tests`/`test` and `caching`/`cache` meet. (`-es` needs no rule of its own: the
/// plural's `s` goes, then the final `e`.) Not linguistics, just consistency:
/// the index and the query are stemmed the same way.
pub fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

/// `stem`, into a buffer the caller reuses.
pub fn stem_into(word: &str, out: &mut String) {
    out.clear();
    out.push_str(word);
    let s = out;
    if !s.is_ascii() {
        match s.chars().next() {
            Some('\u{0400}'..='\u{04FF}') => stem_russian(s),
            Some('\u{0600}'..='\u{06FF}') => stem_arabic(s),
            _ => {}
        }
        return;
    }
    if s.len() <= 3 {
        return;
    }
    let len = s.len();
    if (s.ends_with("ies") || s.ends_with("ied")) && len > 4 {
        s.truncate(len - 3);
        s.push('y');
    } else if s.ends_with("ing") && len > 5 {
        s.truncate(len - 3);
        undouble(s);
    } else if s.ends_with("ed") && len > 4 {
        s.truncate(len - 2);
        undouble(s);
    } else if s.ends_with('s') && !keeps_final_s(s) {
        s.truncate(len - 1);
    }
    if s.ends_with('e') && s.len() > 3 {
        s.pop();
    }
}

/// Russian endings, longest first, as they read once folded (`й` is `и`, `ё` is `е`).
const RUSSIAN_ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "иеи", "ого", "его", "ому", "ему", "ыми", "ими", "ешь", "ете", "ите",
    "ишь", "ать", "ять", "ить", "еть", "ала", "ила", "ия", "ие", "ии", "ью", "ья", "ье", "ьи",
    "ов", "ев", "еи", "ои", "ам", "ям", "ах", "ях", "ом", "ем", "ию", "ая", "яя", "ое", "ее", "ые",
    "ую", "юю", "ых", "их", "ым", "им", "ет", "ут", "ют", "ит", "ат", "ят", "ло", "ли", "ла", "ыи",
    "ал", "ял", "ил", "ел", "ыл", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "л",
];

/// A light Russian stemmer: the reflexive `ся`, then the longest ending that leaves at least
/// three letters (`деградация`, `деградацией` → `деградац`).
fn stem_russian(s: &mut String) {
    let letters = |s: &str| s.chars().count();
    for reflexive in ["ся", "сь"] {
        if s.ends_with(reflexive) && letters(s) > 5 {
            s.truncate(s.len() - reflexive.len());
            break;
        }
    }
    let n = letters(s);
    if let Some(ending) = RUSSIAN_ENDINGS
        .iter()
        .find(|e| s.ends_with(**e) && n >= letters(e) + 3)
    {
        s.truncate(s.len() - ending.len());
    }
}

/// Arabic's prefixes (the article and the particles joined to it), longest first.
const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];
/// Arabic's common suffixes as they read once folded (`ة` is `ه`, `ى` is `ي`).
const ARABIC_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// A light Arabic stemmer (after Larkey's "light10"): a joined `و` ("and"), the article and
/// its particles, then common suffixes, each only when two letters or more remain.
fn stem_arabic(s: &mut String) {
    let letters = |s: &str| s.chars().count();
    if s.starts_with('و') && letters(s) > 3 {
        s.drain(..'و'.len_utf8());
    }
    if let Some(prefix) = ARABIC_PREFIXES
        .iter()
        .find(|p| s.starts_with(**p) && letters(s) >= letters(p) + 2)
    {
        s.drain(..prefix.len());
    }
    for suffix in ARABIC_SUFFIXES {
        if s.ends_with(suffix) && letters(s) >= letters(suffix) + 2 {
            s.truncate(s.len() - suffix.len());
        }
    }
}

/// `class`, `status`, `analysis`: an `s` that is not a plural.
fn keeps_final_s(s: &str) -> bool {
    s.ends_with("ss") || s.ends_with("us") || (s.ends_with("is") && s.len() > 4)
}

/// `runn` → `run`, `stopp` → `stop` (but `bill`, `pass` and `buzz` stay).
fn undouble(s: &mut String) {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3
        && b[n - 1] == b[n - 2]
        && !matches!(
            b[n - 1],
            b'l' | b's' | b'z' | b'a' | b'e' | b'i' | b'o' | b'u'
        )
    {
        s.pop();
    }
}

/// Calls `f` with the search terms of a text, in order, with repeats: folded, split, stop
/// words and one-character words dropped, stemmed.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    let mut buf = String::new();
    let mut joined = String::new();
    let mut word_term = |w: &str, f: &mut dyn FnMut(&str)| {
        let w = if w.contains('\u{200C}') {
            joined.clear();
            joined.extend(w.chars().filter(|&c| c != '\u{200C}'));
            joined.as_str()
        } else {
            w
        };
        let long_enough = if w.is_ascii() {
            w.len() >= 2
        } else {
            w.chars().count() >= 2
        };
        if long_enough && !is_stop_word(w) {
            stem_into(w, &mut buf);
            f(&buf);
        }
    };
    for_each_word(&folded, |w| {
        if w.is_ascii() || !w.chars().any(is_cjk) {
            word_term(w, &mut f);
            return;
        }
        // Runs of Han, kana or Hangul become their overlapping pairs, and their last
        // character alone: every character then begins a term, so a one-character query
        // finds it as a prefix. What lies between runs is a word as any other.
        let mut rest = w;
        while let Some(c) = rest.chars().next() {
            let cjk = is_cjk(c);
            let end = rest
                .char_indices()
                .find(|&(_, c)| is_cjk(c) != cjk)
                .map_or(rest.len(), |(i, _)| i);
            let (run, after) = rest.split_at(end);
            if cjk {
                let chars: Vec<(usize, char)> = run.char_indices().collect();
                for pair in chars.windows(2) {
                    let end = pair[1].0 + pair[1].1.len_utf8();
                    f(&run[pair[0].0..end]);
                }
                if let Some(&(last, _)) = chars.last() {
                    f(&run[last..]);
                }
            } else {
                let word = run.trim_matches(is_joiner);
                if !word.is_empty() {
                    word_term(word, &mut f);
                }
            }
            rest = after;
        }
    });
}

/// The search terms of a text, as `for_each_term` finds them.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |t| out.push(t.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        let longest = STOP_WORDS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(LONGEST_STOP_WORD));
        assert!(PACKED_STOP_WORDS.is_sorted());
        for word in STOP_WORDS {
            assert!(is_stop_word(word), "{word}");
        }
        for word in [
            "", "x", "ab", "thes", "theirs", "then1", "tha", "a\0", "an\0",
        ] {
            assert!(!is_stop_word(word), "{word:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Idempotência ÉLAN Straße"), "idempotencia elan straße");
    }

    #[test]
    fn compounds_are_kept_whole_and_in_parts() {
        assert_eq!(
            words("use select_related, n+1 and backward-compatible apis."),
            [
                "use",
                "select_related",
                "select",
                "related",
                "n+1",
                "n",
                "1",
                "and",
                "backward-compatible",
                "backward",
                "compatible",
                "apis"
            ]
        );
        assert_eq!(words("--a--"), ["a"]);
        assert_eq!(words("end."), ["end"]);
    }

    #[test]
    fn stems_meet() {
        for (a, b) in [
            ("retries", "retry"),
            ("retrying", "retry"),
            ("retried", "retry"),
            ("indexes", "index"),
            ("indexing", "index"),
            ("queries", "query"),
            ("tests", "testing"),
            ("tested", "test"),
            ("caching", "cache"),
            ("cached", "caches"),
            ("migrations", "migration"),
            ("databases", "database"),
            ("running", "run"),
            ("processes", "process"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("billing"), "bill");
    }

    #[test]
    fn terms_of_a_sentence() {
        assert_eq!(
            terms("How do you avoid N+1 queries? Retries & idempotency!"),
            ["avoid", "n+1", "query", "retry", "idempotency"]
        );
    }

    /// The cases the browser's search.js is also tested against.
    #[test]
    fn shared_cases() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/search/text-cases.json")).unwrap();
        let cases = cases.as_array().unwrap();
        // An empty file would pass every case.
        assert!(cases.len() >= 10, "only {} cases", cases.len());
        for case in cases {
            let input = case["input"].as_str().unwrap();
            let want: Vec<String> = serde_json::from_value(case["terms"].clone()).unwrap();
            assert_eq!(terms(input), want, "{input}");
        }
    }
}
