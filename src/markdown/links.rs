//! Resolving link URLs written in Markdown: external, same-page, or a content file.

use std::collections::{HashMap, HashSet};

use crate::diag::suggest::Candidates;

/// What content paths exist and which page each one becomes.
#[derive(Debug, Default, Clone)]
pub struct LinkMap {
    /// Content path of a Markdown file → output path of its page.
    pages: HashMap<String, String>,
    /// Content paths of files copied as they are.
    assets: HashSet<String>,
    /// Output paths of every page, so content may also link to generated pages
    /// (`roles/index.html`) or to built pages by their `.html` name.
    outputs: HashSet<String>,
    /// The pages' content paths as "did you mean" candidates, made once on the first broken
    /// link (and shared by every diagnostic that suggests one of them).
    near: std::sync::Arc<std::sync::OnceLock<Candidates>>,
}

impl LinkMap {
    pub fn add_page(&mut self, content_path: &str, output: &str) {
        self.near = Default::default();
        self.pages
            .insert(content_path.to_owned(), output.to_owned());
        self.outputs.insert(output.to_owned());
    }

    pub fn add_asset(&mut self, content_path: &str) {
        self.assets.insert(content_path.to_owned());
    }

    pub fn add_output(&mut self, output: &str) {
        self.outputs.insert(output.to_owned());
    }

    /// The content paths a broken link may have meant.
    pub fn candidates(&self) -> &Candidates {
        self.near
            .get_or_init(|| Candidates::new(self.pages.keys().map(String::as_str)))
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `https://...`, `mailto:` ...: left as written.
    External,
    /// An empty URL.
    Empty,
    /// `#anchor`
    SamePage { anchor: String },
    /// A page or file of this handbook, by its output path.
    Internal {
        output: String,
        anchor: Option<String>,
    },
    /// A page made from the whole handbook (`topics/<id>.html`, `roles/<id>/packet.html`):
    /// whether it exists is known only once every file is read, so it is checked then.
    Generated {
        output: String,
        anchor: Option<String>,
    },
    /// A scheme that could run code or smuggle content (`javascript:`, `data:`).
    Disallowed { scheme: String },
    /// A relative link to nothing; `reason` completes "link to `path`, which ...".
    Broken { path: String, reason: &'static str },
}

const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Resolves `url` written in the file at `from` (a content path).
pub fn resolve(url: &str, from: &str, map: &LinkMap) -> LinkTarget {
    let url = url.trim();
    if url.is_empty() {
        return LinkTarget::Empty;
    }
    if let Some(scheme) = scheme(url) {
        return if ALLOWED_SCHEMES.contains(&scheme.as_str()) {
            LinkTarget::External
        } else {
            LinkTarget::Disallowed { scheme }
        };
    }
    if url.starts_with("//") {
        return LinkTarget::External;
    }
    let (path, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode(a))),
        None => (url, None),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let anchor = anchor.filter(|a| !a.is_empty());
    if path.is_empty() {
        return match anchor {
            Some(anchor) => LinkTarget::SamePage { anchor },
            None => LinkTarget::Empty,
        };
    }
    let decoded = percent_decode(path);
    let Some(joined) = join(from, &decoded) else {
        return LinkTarget::Broken {
            path: decoded,
            reason: "is outside the content folder",
        };
    };
    let found = |candidate: &str| -> Option<String> {
        if let Some(output) = map.pages.get(candidate) {
            Some(output.clone())
        } else if map.assets.contains(candidate) || map.outputs.contains(candidate) {
            Some(candidate.to_owned())
        } else {
            None
        }
    };
    let target = if joined.is_empty() || decoded.ends_with('/') {
        let index = if joined.is_empty() {
            "index.md".to_owned()
        } else {
            format!("{joined}/index.md")
        };
        found(&index)
    } else {
        found(&joined)
    };
    match target {
        Some(output) => LinkTarget::Internal { output, anchor },
        None if is_generated_page(&joined) => LinkTarget::Generated {
            output: joined,
            anchor,
        },
        None => LinkTarget::Broken {
            path: joined,
            reason: "does not exist",
        },
    }
}

/// Whether `path` has the shape of a page hirebook makes per topic or per role: a topic's
/// page (`topics/<id>.html`, `topics/<id>.2.html`), a role's packet
/// (`roles/<id>/packet.html`) or one round's (`roles/<id>/round-2.html`).
fn is_generated_page(path: &str) -> bool {
    let simple = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if let Some(name) = path.strip_prefix("topics/") {
        return name.strip_suffix(".html").is_some_and(simple);
    }
    let Some((role, page)) = path
        .strip_prefix("roles/")
        .and_then(|rest| rest.split_once('/'))
    else {
        return false;
    };
    let round = page
        .strip_prefix("round-")
        .and_then(|p| p.strip_suffix(".html"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    simple(role) && (page == "packet.html" || round)
}

/// The lowercased scheme of an absolute URL. Whitespace and control characters are ignored
/// first, as browsers do (`java\tscript:` is still `javascript:`).
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(64)
        .collect();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    let mut chars = before.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| before.to_ascii_lowercase())
}

/// Joins a relative link to the folder of `from`; a leading `/` means the content root.
/// `None` when `..` climbs above the content root.
fn join(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from.split('/').collect();
        p.pop();
        p
    };
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes; anything malformed stays as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `%xx` is decoded where two hex digits follow, whatever its place in the text; anything
    /// else is kept as written.
    #[test]
    fn percent_escapes_are_decoded_only_when_whole() {
        for (text, want) in [
            ("a%41b", "aAb"),
            ("%41", "A"),
            ("x%41", "xA"),
            ("100%", "100%"),
            ("%4", "%4"),
            ("a%4", "a%4"),
            ("x%zz", "x%zz"),
            ("%e2%82%ac", "€"),
            ("%ff", "%ff"),
            ("no escapes", "no escapes"),
        ] {
            assert_eq!(percent_decode(text), want, "{text:?}");
        }
    }

    /// A scheme is letters first, then letters, digits, `+`, `-` or `.`, read with every
    /// space and control character dropped (stricter than browsers, which drop only tabs and
    /// line breaks inside: a link that might be a script is refused, not published).
    #[test]
    fn schemes_are_read_as_a_browser_would_and_a_little_stricter() {
        for (url, want) in [
            ("javascript:x", Some("javascript")),
            ("JaVa\tScRiPt:x", Some("javascript")),
            (" java script:x", Some("javascript")),
            ("java\u{1}script:x", Some("javascript")),
            ("\u{0}javascript:x", Some("javascript")),
            ("web+app:x", Some("web+app")),
            ("a/b:c", None),
            ("1ab:x", None),
            ("./x:y", None),
            ("#a:b", None),
            ("no-colon", None),
        ] {
            assert_eq!(scheme(url).as_deref(), want, "{url:?}");
        }
    }

    fn map() -> LinkMap {
        let mut m = LinkMap::default();
        m.add_page("questions/db/orm-vs-sql.md", "questions/orm-vs-sql.html");
        m.add_page("guide/index.md", "guide/index.html");
        m.add_page("faq.md", "faq.html");
        m.add_page("roles/senior.yaml", "roles/senior.html");
        m.add_asset("questions/db/schema.png");
        m.add_output("roles/index.html");
        m
    }

    fn internal(output: &str, anchor: Option<&str>) -> LinkTarget {
        LinkTarget::Internal {
            output: output.into(),
            anchor: anchor.map(Into::into),
        }
    }

    fn generated(output: &str, anchor: Option<&str>) -> LinkTarget {
        LinkTarget::Generated {
            output: output.into(),
            anchor: anchor.map(Into::into),
        }
    }

    #[test]
    fn resolution_table() {
        let m = map();
        let from = "questions/db/n-plus-one.md";
        let cases = [
            ("https://djangoproject.com", LinkTarget::External),
            ("mailto:hr@example.org", LinkTarget::External),
            ("//cdn.example.org/x", LinkTarget::External),
            ("orm-vs-sql.md", internal("questions/orm-vs-sql.html", None)),
            (
                "./orm-vs-sql.md#trade-offs",
                internal("questions/orm-vs-sql.html", Some("trade-offs")),
            ),
            ("../../faq.md", internal("faq.html", None)),
            ("/faq.md", internal("faq.html", None)),
            ("../../guide/", internal("guide/index.html", None)),
            ("schema.png", internal("questions/db/schema.png", None)),
            (
                "../../roles/senior.yaml#round-1",
                internal("roles/senior.html", Some("round-1")),
            ),
            ("/roles/index.html", internal("roles/index.html", None)),
            (
                "#why",
                LinkTarget::SamePage {
                    anchor: "why".into(),
                },
            ),
            ("", LinkTarget::Empty),
            (
                "javascript:alert(1)",
                LinkTarget::Disallowed {
                    scheme: "javascript".into(),
                },
            ),
            (
                "JaVa\tScRiPt:alert(1)",
                LinkTarget::Disallowed {
                    scheme: "javascript".into(),
                },
            ),
            (
                "data:text/html;base64,xx",
                LinkTarget::Disallowed {
                    scheme: "data".into(),
                },
            ),
            (
                "../../../etc/passwd",
                LinkTarget::Broken {
                    path: "../../../etc/passwd".into(),
                    reason: "is outside the content folder",
                },
            ),
            (
                "orm.md",
                LinkTarget::Broken {
                    path: "questions/db/orm.md".into(),
                    reason: "does not exist",
                },
            ),
            (
                "orm%2Dvs%2Dsql.md",
                internal("questions/orm-vs-sql.html", None),
            ),
            ("/topics/orm.html", generated("topics/orm.html", None)),
            (
                "../../topics/orm.2.html",
                generated("topics/orm.2.html", None),
            ),
            (
                "/roles/senior/packet.html#round-1",
                generated("roles/senior/packet.html", Some("round-1")),
            ),
            (
                "/roles/senior/round-2.html",
                generated("roles/senior/round-2.html", None),
            ),
            (
                "/roles/senior/round-x.html",
                LinkTarget::Broken {
                    path: "roles/senior/round-x.html".into(),
                    reason: "does not exist",
                },
            ),
            (
                "/topics/a/b.html",
                LinkTarget::Broken {
                    path: "topics/a/b.html".into(),
                    reason: "does not exist",
                },
            ),
            (
                "/roles/senior/notes.html",
                LinkTarget::Broken {
                    path: "roles/senior/notes.html".into(),
                    reason: "does not exist",
                },
            ),
        ];
        for (url, want) in cases {
            assert_eq!(resolve(url, from, &m), want, "{url}");
        }
    }

    #[test]
    fn broken_links_suggest_existing_pages() {
        use crate::diag::{Code, Diagnostic, suggest};
        let mut found = [Diagnostic::new(Code::BrokenLink, "broken")
            .suggest_from("questions/db/orm-vs-sq.md", map().candidates())];
        suggest::resolve(&mut found);
        assert_eq!(
            found[0].hint.as_deref(),
            Some("did you mean `questions/db/orm-vs-sql.md`?")
        );
    }
}
