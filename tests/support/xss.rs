//! What hostile content must never become in a built page (shared by the XSS corpus and the
//! fuzz suite).

use scraper::{Html, node::Node};

/// What hostile content must never become.
pub fn check_html(file: &str, html: &str, problems: &mut Vec<String>) {
    let doc = Html::parse_document(html);
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        let ours_script = name == "script"
            && el.attr("src").is_some_and(|s| {
                let s = s.trim_start_matches("../").trim_start_matches('/');
                s.starts_with("static/") || s == "__hirebook/live.js"
            })
            && node.children().next().is_none();
        let ours_style = name == "style"
            && node.children().all(
                |c| matches!(c.value(), Node::Text(t) if t.trim_start().starts_with("@page {")),
            );
        match name {
            "script" if !ours_script => problems.push(format!("{file}: a <script> from content")),
            "style" if !ours_style => problems.push(format!("{file}: a <style> from content")),
            "iframe" | "object" | "embed" | "frame" | "frameset" | "applet" | "base" | "form"
            | "meta" | "link" | "svg" | "math" | "textarea" | "body"
                if !is_ours(el) =>
            {
                problems.push(format!("{file}: a <{name}> from content"));
            }
            _ => {}
        }
        for (attr, value) in el.attrs() {
            if attr.starts_with("on") {
                problems.push(format!("{file}: <{name} {attr}=...>"));
            }
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "data" | "srcdoc" | "xlink:href"
            ) && !is_ours(el)
            {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                let scheme = v.split_once(':').map(|(s, _)| s).filter(|s| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                        && s.starts_with(|c: char| c.is_ascii_alphabetic())
                });
                let allowed =
                    scheme.is_none_or(|s| matches!(s, "http" | "https" | "mailto" | "tel"));
                if !allowed || attr == "srcdoc" {
                    problems.push(format!("{file}: <{name} {attr}={value:?}>"));
                }
            }
            if attr == "style" {
                let alignment = matches!(name, "th" | "td")
                    && value.trim().trim_end_matches(';').starts_with("text-align");
                if !alignment {
                    problems.push(format!("{file}: <{name} style={value:?}>"));
                }
            }
        }
    }
}

/// The theme's own <meta>, <link> and <body>, which content cannot add.
pub fn is_ours(el: &scraper::node::Element) -> bool {
    match el.name() {
        "meta" => el.attr("http-equiv").is_none(),
        // The empty favicon that spares browsers a request, and the theme's stylesheet.
        "link" => match el.attr("rel") {
            Some("icon") => el.attr("href") == Some("data:,"),
            Some("stylesheet") => el.attr("href").is_some_and(|h| h.contains("static/style-")),
            _ => false,
        },
        "body" => el.attrs().all(|(a, _)| a == "class"),
        // The scoring page's note fields: named by the theme, nothing else set.
        "textarea" => el.attrs().all(|(a, v)| {
            matches!(a, "data-t" | "data-field" | "rows" | "dir") && !v.contains('<')
        }),
        "form" => {
            el.attr("class") == Some("search-form")
                && el
                    .attr("action")
                    .is_some_and(|a| a.ends_with("search.html"))
        }
        _ => false,
    }
}

/// Every problem `check_html` finds in a whole page.
pub fn problems(file: &str, html: &str) -> Vec<String> {
    let mut out = Vec::new();
    check_html(file, html, &mut out);
    out
}
