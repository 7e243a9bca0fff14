//! HTML whose internal links are relative to the site root, resolved per page.
//!
//! The same question body appears on its own page, in print views and in packets, each at a
//! different depth. Links are rendered once with a marker where the path to the site root
//! goes, and each page fills in its own prefix (`../`, or nothing), so links stay relative and
//! the site works under any sub-path and from disk.

/// Written by the Markdown renderer in front of root-relative `href`/`src` values. A scheme
/// is used because it survives pulldown-cmark's URL escaping and ammonia's filtering
/// unchanged, and `="` can only appear in attribute context in escaped HTML, so text can
/// never be mistaken for a marker.
pub const ROOT_MARKER: &str = "hirebook-root:";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment {
    html: String,
    /// Byte offsets in `html` where the root prefix is inserted.
    slots: Vec<usize>,
}

impl Fragment {
    /// HTML without internal links.
    pub fn plain(html: String) -> Fragment {
        Fragment {
            html,
            slots: Vec::new(),
        }
    }

    /// Takes HTML with `="hirebook-root:` markers and records where they were.
    pub fn from_marked(marked: String) -> Fragment {
        let needle = format!("=\"{ROOT_MARKER}");
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
        Fragment { html, slots }
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
    fn markers_become_root_prefixes() {
        let f = Fragment::from_marked(
            "<a href=\"hirebook-root:questions/a.html\">a</a> hirebook-root: <img src=\"hirebook-root:x.png\">"
                .to_owned(),
        );
        assert_eq!(
            f.resolve("../"),
            "<a href=\"../questions/a.html\">a</a> hirebook-root: <img src=\"../x.png\">"
        );
        assert_eq!(
            f.resolve(""),
            "<a href=\"questions/a.html\">a</a> hirebook-root: <img src=\"x.png\">"
        );
    }

    #[test]
    fn strip_paragraph_keeps_slots_aligned() {
        let mut f =
            Fragment::from_marked("<p>see <a href=\"hirebook-root:a.html\">a</a></p>\n".into());
        f.strip_paragraph();
        assert_eq!(f.resolve("../"), "see <a href=\"../a.html\">a</a>");
        let mut two = Fragment::plain("<p>a</p>\n<p>b</p>\n".into());
        two.strip_paragraph();
        assert_eq!(two.resolve(""), "<p>a</p>\n<p>b</p>\n");
    }
}
