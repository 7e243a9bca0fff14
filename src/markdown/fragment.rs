//! HTML whose internal links are relative to the site root, resolved per page.
//!
//! The same question body appears on its own page, in print views and in packets, each at a
//! different depth. Links are rendered once with a marker where the path to the site root
//! goes, and each page fills in its own prefix (`../`, or nothing), so links stay relative and
//! the site works under any sub-path and from disk.

/// Written by the Markdown renderer in front of root-relative `href`/`src` values. A URL
/// scheme is used because it survives pulldown-cmark's URL escaping and ammonia's filtering
/// unchanged; `="` can only appear in attribute context in escaped HTML, so text can never be
/// mistaken for a marker.
///
/// The scheme carries a random part, chosen once per process: with `allow-html`, raw HTML
/// from content reaches the output, and a fixed marker written there by hand would be turned
/// into a "relative" link — on a top-level page, `href="javascript:..."`. Content cannot guess
/// this one, and ammonia drops any scheme it does not know. The marker never reaches a built
/// file, so builds stay byte-for-byte repeatable.
pub fn root_marker() -> &'static str {
    static MARKER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARKER.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(u64::from(std::process::id()));
        format!("hirebook-root-{:016x}:", h.finish())
    })
}

/// The mark on the ids of headings hirebook makes, while raw HTML is sanitised: random per
/// process like [`root_marker`], so raw HTML cannot take a heading's id (`<div
/// id="why-ask-it">` beside `## Why ask it`). The sanitiser removes it.
pub fn id_marker() -> &'static str {
    static MARKER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARKER.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(u64::from(std::process::id()) ^ 0x1d);
        format!("hbid{:016x}-", h.finish())
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment {
    html: String,
    /// Byte offsets in `html` where the root prefix is inserted.
    slots: Vec<usize>,
}

impl Fragment {
    /// HTML without internal links.
    pub fn plain(mut html: String) -> Fragment {
        // Kept for the whole build: no room to grow is needed, and a large handbook holds
        // thousands of these.
        html.shrink_to_fit();
        Fragment {
            html,
            slots: Vec::new(),
        }
    }

    /// Takes HTML with `="hirebook-root:` markers and records where they were.
    pub fn from_marked(marked: String) -> Fragment {
        let needle = format!("=\"{}", root_marker());
        if !marked.contains(&needle) {
            return Fragment::plain(marked);
        }
        let mut html = String::with_capacity(marked.len());
        let mut slots = Vec::new();
        let mut rest = marked.as_str();
        while let Some(i) = rest.find(&needle) {
            html.push_str(&rest[..i + 2]);
            slots.push(html.len());
            rest = &rest[i + needle.len()..];
        }
        html.push_str(rest);
        html.shrink_to_fit();
        Fragment { html, slots }
    }

    /// The HTML, when it holds no internal links (and so is the same at every depth).
    pub fn as_plain(&self) -> Option<&str> {
        self.slots.is_empty().then_some(self.html.as_str())
    }

    /// The HTML for a page whose path to the site root is `root` (`""`, `"../"`...).
    pub fn resolve(&self, root: &str) -> String {
        let mut out = String::with_capacity(self.html.len() + self.slots.len() * root.len());
        self.resolve_into(root, &mut out);
        out
    }

    pub fn resolve_into(&self, root: &str, out: &mut String) {
        let mut last = 0;
        for &slot in &self.slots {
            out.push_str(&self.html[last..slot]);
            out.push_str(root);
            last = slot;
        }
        out.push_str(&self.html[last..]);
    }

    pub fn is_empty(&self) -> bool {
        self.html.trim().is_empty()
    }

    /// The site paths the HTML links to (`questions/a.html#why`), in order.
    pub fn root_links(&self) -> impl Iterator<Item = &str> + '_ {
        self.slots.iter().map(|&slot| {
            let rest = &self.html[slot..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
    }

    /// Whether the HTML links into the site (and so differs between pages).
    pub fn has_links(&self) -> bool {
        !self.slots.is_empty()
    }

    /// Drops a single `<p>...</p>` wrapper, for values shown inline.
    pub(super) fn strip_paragraph(&mut self) {
        let trimmed = self.html.trim_end();
        if let Some(inner) = trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
            && !inner.contains("<p>")
        {
            let inner_len = inner.len();
            self.html = inner.to_owned();
            for slot in &mut self.slots {
                *slot -= 3;
            }
            self.slots.retain(|&s| s <= inner_len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_links_are_the_paths_after_each_marker() {
        let m = root_marker();
        let f = Fragment::from_marked(format!(
            "<p><a href=\"{m}questions/a.html#why\">a</a> and <img src=\"{m}x.png\"></p>"
        ));
        assert_eq!(
            f.root_links().collect::<Vec<_>>(),
            ["questions/a.html#why", "x.png"]
        );
        assert_eq!(Fragment::plain("<p>x</p>".into()).root_links().count(), 0);
    }

    #[test]
    fn markers_become_root_prefixes() {
        let m = root_marker();
        let f = Fragment::from_marked(format!(
            "<a href=\"{m}questions/a.html\">a</a> {m} <img src=\"{m}x.png\"> <a href=\"hirebook-root:x\">"
        ));
        assert_eq!(
            f.resolve("../"),
            format!(
                "<a href=\"../questions/a.html\">a</a> {m} <img src=\"../x.png\"> <a href=\"hirebook-root:x\">"
            )
        );
        assert_eq!(
            f.resolve(""),
            format!(
                "<a href=\"questions/a.html\">a</a> {m} <img src=\"x.png\"> <a href=\"hirebook-root:x\">"
            )
        );
    }

    #[test]
    fn strip_paragraph_keeps_slots_aligned() {
        let mut f = Fragment::from_marked(format!(
            "<p>see <a href=\"{}a.html\">a</a></p>\n",
            root_marker()
        ));
        f.strip_paragraph();
        assert_eq!(f.resolve("../"), "see <a href=\"../a.html\">a</a>");
        let mut two = Fragment::plain("<p>a</p>\n<p>b</p>\n".into());
        two.strip_paragraph();
        assert_eq!(two.resolve(""), "<p>a</p>\n<p>b</p>\n");
    }
}
