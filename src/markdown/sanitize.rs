//! Sanitising raw HTML when a handbook opts in with `allow-html = true`.
//!
//! The allow-list is ammonia's default (no scripts, event handlers, iframes, forms, styles)
//! plus what our own Markdown rendering emits: heading ids, highlighting classes, task-list
//! checkboxes and table alignment.
//!
//! Raw HTML stays in its box, as on GitHub: it cannot use the theme's classes (only those
//! hirebook's Markdown makes survive), its ids are prefixed `user-content-` (only the ids
//! hirebook made for headings and footnotes keep their name), and a checkbox is always
//! disabled. So content can neither restyle itself as part of the page (`class="search-popup"`)
//! nor take an id the page's scripts look for (`id="search-input"`).

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::Builder;

use super::fragment::{id_marker, root_marker};

fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let scheme = root_marker().trim_end_matches(':');
        let mut b = Builder::default();
        b.add_tags([
            "details",
            "summary",
            "figure",
            "figcaption",
            "input",
            "mark",
        ])
        // `<bdo dir="rtl">` shows its text backwards: a link's words could read as another
        // address. Writing direction is set with `dir` on other elements instead.
        .rm_tags(["bdo"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("a", ["class", "aria-label"])
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("pre", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("input", ["checked"])
        // Writing direction and language, which translations set on their paragraphs.
        .add_generic_attributes(["dir", "lang"])
        .filter_style_properties(HashSet::from(["text-align"]))
        // Links in raw HTML may use the same schemes as Markdown links (H0602's list), and
        // hirebook's own marker for links into the handbook.
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", scheme]))
        .link_rel(None)
        // Every input is a disabled checkbox, whatever it was written as.
        .set_tag_attribute_value("input", "disabled", "")
        .set_tag_attribute_value("input", "type", "checkbox")
        .attribute_filter(|_element, attribute, value| match attribute {
            "class" => {
                let kept: Vec<&str> = value.split_whitespace().filter(|c| own_class(c)).collect();
                (!kept.is_empty()).then(|| kept.join(" ").into())
            }
            "id" => {
                if let Some(heading) = value.strip_prefix(id_marker()) {
                    return Some(heading.to_owned().into());
                }
                let own = OWN_IDS.with(|ids| ids.borrow().contains(value));
                Some(if own {
                    value.into()
                } else {
                    format!("{USER_CONTENT}{value}").into()
                })
            }
            "dir" => {
                let dir = value.trim().to_ascii_lowercase();
                matches!(dir.as_str(), "ltr" | "rtl" | "auto").then(|| dir.into())
            }
            "lang" => {
                let ok = value.len() <= 35
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-');
                ok.then(|| value.into())
            }
            // A quotation's source is a URL like a link's: the same schemes only.
            "cite" => {
                let lower = value.trim_start().to_ascii_lowercase();
                let web = lower.starts_with("https://") || lower.starts_with("http://");
                web.then(|| value.into())
            }
            // A size in pixels, and not a huge one: `<img width=1 height=999999>` would make
            // a page a kilometre long (the theme caps the width, and the height follows it).
            "width" | "height" => {
                let pixels = value.trim().parse::<u32>().ok();
                pixels
                    .filter(|&p| p <= MAX_PIXELS)
                    .map(|p| p.to_string().into())
            }
            _ => Some(value.into()),
        });
        b
    })
}

/// The largest `width` or `height` raw HTML may give (in pixels).
const MAX_PIXELS: u32 = 2000;

/// The prefix of every id written in raw HTML.
pub const USER_CONTENT: &str = "user-content-";

thread_local! {
    /// The ids hirebook made in the document being cleaned (ammonia's filter is a `'static`
    /// function, so it reads them from here).
    static OWN_IDS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// The classes hirebook's Markdown rendering writes; any other class is the author's.
fn own_class(class: &str) -> bool {
    class.starts_with("hl-")
        || class.starts_with("language-")
        || matches!(
            class,
            "anchor"
                | "table-wrap"
                | "footnote-definition"
                | "footnote-definition-label"
                | "footnote-reference"
        )
}

/// Removes everything unsafe from `html`. `own_ids` are the ids hirebook made (headings,
/// footnotes); every other id is prefixed.
pub fn clean(html: &str, own_ids: &HashSet<String>) -> String {
    OWN_IDS.with(|ids| ids.borrow_mut().clone_from(own_ids));
    let clean = builder().clean(html).to_string();
    OWN_IDS.with(|ids| ids.borrow_mut().clear());
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Translations mark their direction and language; nothing else rides on the attributes.
    #[test]
    fn direction_and_language_are_kept_when_well_formed() {
        let cases = [
            (r#"<p dir="rtl">نص</p>"#, r#"<p dir="rtl">نص</p>"#),
            (r#"<div dir=" RTL ">x</div>"#, r#"<div dir="rtl">x</div>"#),
            (
                r#"<span dir="auto" lang="fa-IR">x</span>"#,
                r#"<span dir="auto" lang="fa-IR">x</span>"#,
            ),
            (r#"<p dir="rtl;color:red">x</p>"#, "<p>x</p>"),
            (r#"<p lang="en&quot; onclick=&quot;x">x</p>"#, "<p>x</p>"),
            (r#"<bdi dir="ltr">x</bdi>"#, r#"<bdi dir="ltr">x</bdi>"#),
            (r#"<bdo dir="rtl">moc.knab</bdo>"#, "moc.knab"),
        ];
        for (dirty, clean_html) in cases {
            assert_eq!(clean(dirty, &HashSet::new()), clean_html, "{dirty}");
        }
    }

    #[test]
    fn scripts_handlers_and_bad_urls_go() {
        let dirty = r#"<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">j</a><iframe src="https://x"></iframe><img src="x" onerror="y()"><b style="position:fixed">s</b></p>"#;
        let out = clean(dirty, &HashSet::new());
        for bad in [
            "script",
            "onclick",
            "javascript",
            "iframe",
            "onerror",
            "position",
        ] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(out.contains("hi"));
    }

    #[test]
    fn our_own_markup_survives() {
        let ours = format!(
            r#"<h2 id="why">Why</h2><pre><code class="language-python"><span class="hl-k">def</span></code></pre><a href="{marker}faq.html">f</a><td style="text-align: left">x</td><input type="checkbox" disabled="" checked="">"#,
            marker = root_marker()
        );
        let out = clean(&ours, &HashSet::from(["why".to_owned()]));
        assert!(out.contains(r#"<h2 id="why">"#), "{out}");
        assert!(out.contains(r#"<span class="hl-k">"#), "{out}");
        assert!(
            out.contains(&format!(r#"href="{}faq.html""#, root_marker())),
            "{out}"
        );
        assert!(out.contains(r#"type="checkbox""#), "{out}");
    }

    #[test]
    fn raw_links_use_the_markdown_schemes_only() {
        for href in [
            "ssh://x",
            "sms:1",
            "magnet:?x",
            "url:javascript:alert(1)",
            "ftp://x",
        ] {
            let out = clean(&format!(r#"<a href="{href}">x</a>"#), &HashSet::new());
            assert!(!out.contains("href"), "{href}: {out}");
        }
        let out = clean(r#"<a href="https://example.com">x</a>"#, &HashSet::new());
        assert!(out.contains("href"), "{out}");
    }

    #[test]
    fn a_marker_written_by_hand_is_dropped() {
        let out = clean(
            r#"<a href="hirebook-root:javascript:alert(1)">x</a>"#,
            &HashSet::new(),
        );
        assert!(!out.contains("hirebook-root"), "{out}");
        // The whole link target goes (not only the marker, which would leave `javascript:`);
        // the text stays. An empty output would pass the line above.
        assert_eq!(out, "<a>x</a>");
    }

    #[test]
    fn only_checkbox_inputs() {
        let out = clean(r#"<input type="text" value="x">"#, &HashSet::new());
        assert!(!out.contains("text"), "{out}");
        // Made the one input allowed, a disabled checkbox (not dropped with what follows).
        // (Its attributes come in either order.)
        let want = r#"<input disabled="" type="checkbox">"#;
        assert!(
            out.starts_with("<input ")
                && out.contains(r#" type="checkbox""#)
                && out.contains(r#" disabled="""#)
                && out.len() == want.len(),
            "{out}"
        );
        for input in [
            r#"<input type="checkbox" name="x">"#,
            r#"<input>"#,
            r#"<input type="CHECKBOX">"#,
            r#"<input type="hidden" value="v">"#,
            r#"<input type="image" src="x.png">"#,
        ] {
            let out = clean(input, &HashSet::new());
            assert!(out.contains("disabled"), "{out}");
            assert!(out.contains(r#"type="checkbox""#), "{out}");
            for gone in ["name", "hidden", "image", "value", "src"] {
                assert!(!out.contains(gone), "{input} kept {gone}: {out}");
            }
        }
    }

    #[test]
    fn raw_html_stays_in_its_box() {
        let ours = HashSet::from(["scoring".to_owned()]);
        let out = clean(
            r#"<h2 id="scoring">S</h2><div class="search-popup hl-k" id="search-input">x</div><span class="search-popup">y</span><div id="scoring2">z</div>"#,
            &ours,
        );
        assert!(out.contains(r#"<h2 id="scoring">"#), "{out}");
        assert!(
            out.contains(r#"<div class="hl-k" id="user-content-search-input">"#),
            "{out}"
        );
        assert!(out.contains("<span>y</span>"), "{out}");
        assert!(out.contains(r#"id="user-content-scoring2""#), "{out}");
        assert!(!out.contains("search-popup"), "{out}");
    }

    #[test]
    fn sizes_are_pixels_within_reason() {
        let cases = [
            (
                r#"<img src="a.png" width="300">"#,
                r#"<img src="a.png" width="300">"#,
            ),
            (
                r#"<img src="a.png" height=" 120 ">"#,
                r#"<img src="a.png" height="120">"#,
            ),
            (
                r#"<img src="a.png" width="1" height="999999">"#,
                r#"<img src="a.png" width="1">"#,
            ),
            (r#"<img src="a.png" height="100%">"#, r#"<img src="a.png">"#),
            (r#"<img src="a.png" width="-5">"#, r#"<img src="a.png">"#),
            (r#"<img src="a.png" width="1e9">"#, r#"<img src="a.png">"#),
        ];
        for (html, want) in cases {
            assert_eq!(clean(html, &HashSet::new()), want, "{html}");
        }
    }
}
