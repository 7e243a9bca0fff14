//! Sanitising raw HTML when a handbook opts in with `allow-html = true`.
//!
//! The allow-list is ammonia's default (no scripts, event handlers, iframes, forms, styles)
//! plus what our own Markdown rendering emits: heading ids, highlighting classes, task-list
//! checkboxes and table alignment.

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::Builder;

use super::fragment::root_marker;

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
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .add_url_schemes([scheme])
        .link_rel(None)
        .attribute_filter(|element, attribute, value| {
            // Only the read-only checkboxes of task lists.
            if element == "input" && attribute == "type" && value != "checkbox" {
                return None;
            }
            Some(value.into())
        });
        b
    })
}

/// Removes everything unsafe from `html`.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_bad_urls_go() {
        let dirty = r#"<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">j</a><iframe src="https://x"></iframe><img src="x" onerror="y()"><b style="position:fixed">s</b></p>"#;
        let out = clean(dirty);
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
        let out = clean(&ours);
        assert!(out.contains(r#"<h2 id="why">"#), "{out}");
        assert!(out.contains(r#"<span class="hl-k">"#), "{out}");
        assert!(
            out.contains(&format!(r#"href="{}faq.html""#, root_marker())),
            "{out}"
        );
        assert!(out.contains(r#"type="checkbox""#), "{out}");
    }

    #[test]
    fn a_marker_written_by_hand_is_dropped() {
        let out = clean(r#"<a href="hirebook-root:javascript:alert(1)">x</a>"#);
        assert!(!out.contains("hirebook-root"), "{out}");
    }

    #[test]
    fn only_checkbox_inputs() {
        let out = clean(r#"<input type="text" value="x">"#);
        assert!(!out.contains("text"), "{out}");
    }
}
