//! Whether a file from `content/` would run code in a reader's browser if it were published as
//! it is. Content is untrusted, and only Markdown becomes pages: HTML and script files are
//! refused by their names; SVG and XML files (which a browser runs when opened by their
//! address) are read as markup and refused if any element or attribute could run a script,
//! however it is spelt (a namespace prefix, a carriage return before `onload`, an entity in
//! `javascript:`), or if they are not plain UTF-8 text that can be read that way.

/// Why the file at `content_path` (with these bytes, for markup) is active content, if it is.
pub fn reason(content_path: &str, bytes: impl FnOnce() -> Option<Vec<u8>>) -> Option<String> {
    let ext = content_path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "xhtm" | "xht" | "shtml" | "mht" | "mhtml" => {
            Some("this is an HTML file".to_owned())
        }
        "js" | "mjs" | "cjs" | "wasm" => Some("this is a script".to_owned()),
        "svgz" => Some("this is a compressed SVG, which cannot be checked".to_owned()),
        // XML, in any of the dialects a server may send as a type a browser renders.
        "svg" | "xml" | "xsl" | "xslt" | "rss" | "atom" | "rdf" | "kml" | "mml" | "xul" | "xsd"
        | "rng" | "xspf" | "opf" | "smil" | "wsdl" | "ttml" | "gml" | "dae" | "x3d" | "mpd"
        | "xlf" | "xliff" | "plist" | "gpx" | "dtd" => {
            let bytes = bytes()?;
            markup(&bytes).map(|why| format!("this {} file {why}", ext.to_uppercase()))
        }
        _ => None,
    }
}

/// Elements that run or embed active content, by local name (after any `prefix:`).
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "frame",
    "embed",
    "object",
    "handler",
    "listener",
    "base",
];

/// Why markup could run a script, if it could.
fn markup(bytes: &[u8]) -> Option<&'static str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("is not plain UTF-8 text, so it cannot be checked");
    };
    // Control characters (an escape switches ISO-2022-JP, and splits `scr` `ipt` for a
    // browser that decodes it so) have no place in an image or data file.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Some("is not plain text, so it cannot be checked");
    }
    let text = text.to_ascii_lowercase();
    // The browser reads the file in the encoding it declares; it is checked as UTF-8.
    if let Some(declared) = declared_encoding(&text)
        && !matches!(declared, "utf-8" | "utf8" | "us-ascii" | "ascii")
    {
        return Some("declares an encoding other than UTF-8, so it cannot be checked");
    }
    if text.contains("<!entity") || text.contains("<?xml-stylesheet") {
        return Some("declares entities or a stylesheet, which can carry scripts");
    }
    // A document type with declarations of its own (`<!DOCTYPE svg [ ... ]>`) can give every
    // element attributes; no drawing needs one.
    if let Some(at) = text.find("<!doctype") {
        let head = &text[at..];
        let end = head.find('>').unwrap_or(head.len());
        if head[..end].contains('[') {
            return Some(
                "declares a document type with declarations of its own, which can carry scripts",
            );
        }
    }
    let urls = without_disguise(&text);
    if [
        "javascript:",
        "vbscript:",
        "data:text/html",
        "data:application/xhtml",
    ]
    .iter()
    .any(|scheme| urls.contains(scheme))
    {
        return Some("has a link that runs a script");
    }
    let mut rest = text.as_str();
    while let Some(at) = rest.find('<') {
        let after_lt = &rest[at + 1..];
        // Comments, CDATA and processing instructions hold no tags: skipped whole (a quote in
        // one would otherwise open a value that hides the tags after it).
        let skip = [("!--", "-->"), ("![cdata[", "]]>"), ("?", "?>")]
            .iter()
            .find(|(open, _)| after_lt.starts_with(open))
            .map(|(open, close)| {
                after_lt[open.len()..]
                    .find(close)
                    .map_or(after_lt.len(), |e| open.len() + e + close.len())
            });
        if let Some(skip) = skip {
            rest = &after_lt[skip..];
            continue;
        }
        let Some((name, attributes, after)) = tag(after_lt) else {
            return Some("has a quoted value with `<` in it, so it cannot be checked");
        };
        if ACTIVE_ELEMENTS.contains(&local(name)) {
            return Some("has scripts or embedded pages");
        }
        let handler = attributes.iter().any(|attribute| {
            let name = local(attribute);
            name.len() > 2 && name.starts_with("on")
        });
        if handler {
            return Some("has event handlers (`onload=` and the like)");
        }
        rest = after;
    }
    None
}

/// Reads one tag from just after its `<`: its name, its attributes' names and the text after
/// it. A quoted value is read whole, `>` and all (`title=">" onload=...` is one tag with two
/// attributes), and an attribute may follow a closing quote with no space, as HTML parsers
/// allow.
fn tag(text: &str) -> Option<(&str, Vec<&str>, &str)> {
    let stop = |c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == '=';
    let body = text.strip_prefix('/').unwrap_or(text);
    let name_end = body.find(stop).unwrap_or(body.len());
    let name = &body[..name_end];
    let mut attributes = Vec::new();
    let mut rest = &body[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return Some((name, attributes, rest));
        }
        if let Some(after) = rest.strip_prefix('>') {
            return Some((name, attributes, after));
        }
        // A quoted literal of its own (a document type's system id): read whole, and no `<`
        // in it, as in a value.
        if let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            let close = rest[1..].find(q)?;
            if rest[1..close + 1].contains('<') {
                return None;
            }
            rest = &rest[close + 2..];
            continue;
        }
        if rest.starts_with('<') {
            // An unclosed tag: the next one starts here.
            return Some((name, attributes, rest));
        }
        let end = rest
            .find(|c: char| stop(c) || c == '<')
            .unwrap_or(rest.len());
        if end > 0 {
            attributes.push(&rest[..end]);
        }
        rest = rest[end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(value) = rest.strip_prefix('=') else {
            if end == 0 {
                // A stray character (`=` with no name): step over it.
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            }
            continue;
        };
        let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
        rest = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                // XML allows no `<` in a value: one that holds it is not what a browser
                // reads, and could hide tags from this reading.
                let close = value[1..].find(q)?;
                if value[1..close + 1].contains('<') {
                    return None;
                }
                &value[close + 2..]
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                &value[end..]
            }
        };
    }
}

/// The encoding an XML declaration names, lower-cased: `<?xml version="1.0" encoding="x"?>`.
fn declared_encoding(text: &str) -> Option<&str> {
    let declaration = text.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let at = declaration.find("encoding")?;
    let value = declaration[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &value[1..];
    Some(value[..value.find(quote)?].trim())
}

/// A name without its namespace prefix: `svg:script` → `script`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// `text` with character references decoded and every space and control character removed,
/// as a browser reads a URL: `java&#x09;script&#58;` → `javascript:`.
fn without_disguise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        let decoded = match name.strip_prefix('#') {
            Some(num) => {
                let code = match num.strip_prefix('x') {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            }
            None => match name {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "sol" => Some('/'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c.to_ascii_lowercase());
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.retain(|c| !c.is_whitespace() && !c.is_control());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn active(name: &str, text: &[u8]) -> bool {
        reason(name, || Some(text.to_vec())).is_some()
    }

    /// Every way found to hide a script in an SVG or XML file, and the plain files that must
    /// pass.
    #[test]
    fn scripts_are_found_however_they_are_spelt() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg""#;
        let hidden: Vec<Vec<u8>> = vec![
            format!(r#"{svg}><script>alert(1)</script></svg>"#).into(),
            format!(r#"{svg} xmlns:s="http://www.w3.org/2000/svg"><s:script>x</s:script></svg>"#)
                .into(),
            format!(r#"{svg}><x:script xmlns:x="http://www.w3.org/1999/xhtml">x</x:script></svg>"#)
                .into(),
            br#"<root><x:script xmlns:x="http://www.w3.org/1999/xhtml">x</x:script></root>"#
                .to_vec(),
            format!("{svg}\ronload=\"x\"/>").into(),
            format!("{svg}\x0conload=\"x\"/>").into(),
            format!("{svg}/onload=\"x\"/>").into(),
            format!(r#"{svg} xlink:onclick="x"/>"#).into(),
            format!(r#"{svg}><a href="&#106;avascript:alert(1)">x</a></svg>"#).into(),
            format!(r#"{svg}><a href="javascript&#58;alert(1)">x</a></svg>"#).into(),
            format!(r#"{svg}><a href="java&#x09;script:alert(1)">x</a></svg>"#).into(),
            format!(r#"{svg}><a href="java	script&colon;x">x</a></svg>"#).into(),
            format!(r#"{svg}><foreignObject><iframe/></foreignObject></svg>"#).into(),
            format!(r#"<?xml-stylesheet href="x.xsl" type="text/xsl"?>{svg}/>"#).into(),
            format!(r#"<!DOCTYPE svg [<!ENTITY x "y">]>{svg}/>"#).into(),
            "<svg onload=\"x\"/>"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect(),
            b"<svg>\0<script>x</script></svg>".to_vec(),
            // A `>` inside a quoted value does not end the tag.
            format!(r#"{svg} title=">" onload="x"/>"#).into(),
            format!(r#"{svg} title='a>b'onload="x"/>"#).into(),
            format!(r#"{svg}><rect title=">>" x="1" onclick="x"/></svg>"#).into(),
            format!(r#"{svg}><a title="<" href="x"><set onbegin="x"/></a></svg>"#).into(),
            format!(r#"{svg} title=">"><script>x</script></svg>"#).into(),
            // A quote in a comment, CDATA or processing instruction opens no value.
            format!(r#"{svg}><!-- a=" --><script>x</script><!-- " --></svg>"#).into(),
            format!(r#"{svg}><text><![CDATA[ a=" ]]></text><script>x</script><text><![CDATA[ " ]]></text></svg>"#).into(),
            format!(r#"{svg}><!-- a=" --><image href='x' onerror='y'/><!-- " --></svg>"#).into(),
            format!(r#"{svg}><?pi a=" ?><script>x</script><?pi " ?></svg>"#).into(),
            // A `<` inside a quoted value: no XML, and it could hide tags.
            format!(r#"{svg} a="<script>x</script>"/>"#).into(),
            // Another encoding, or an escape that switches one, splits words for the browser.
            format!("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>{svg}><scr\x1b(Bipt>x</scr\x1b(Bipt></svg>").into(),
            format!("<?xml version='1.0' encoding='iso-2022-jp'?>{svg}/>").into(),
            format!("{svg} o\x1b(Bnload=\"x\"/>").into(),
            format!("{svg}><a href=\"java\x1b(Bscript:x\">x</a></svg>").into(),
            format!("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"x\">]>{svg}/>").into(),
            // A quoted literal outside any value opens no comment, CDATA or instruction.
            format!("<!DOCTYPE svg SYSTEM \"<!--\">{svg}><script>x</script><text>--&gt;</text><desc>--></desc></svg>").into(),
            format!("<!DOCTYPE svg SYSTEM '<?'>{svg}><script>x</script><desc>?></desc></svg>").into(),
            format!("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"<![CDATA[\">{svg}><script>x</script><desc>]]></desc></svg>").into(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE svg [<!NOTATION n SYSTEM \"<!--\">]>{svg}><script>x</script><desc>--></desc></svg>").into(),
        ];
        for text in &hidden {
            assert!(active("a.svg", text), "{}", String::from_utf8_lossy(text));
        }
        let plain = [
            format!(
                r#"{svg} viewBox="0 0 10 10"><rect width="10" height="10" fill="blue"/><text>Onboarding</text></svg>"#
            ),
            format!(r#"{svg}><a href="https://example.com/about">x</a><g class="icon"/></svg>"#),
            format!("\u{feff}{svg}><title>Description: one</title></svg>"),
            format!(r#"{svg} aria-label="a > b, one"><rect class="on"/></svg>"#),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n{svg}><!-- a \"quoted\" note --><g/></svg>"
            ),
            format!(r#"{svg}><text><![CDATA[ x < y ]]></text></svg>"#),
            format!(
                r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">{svg}><g/></svg>"#
            ),
        ];
        for text in &plain {
            assert!(!active("a.svg", text.as_bytes()), "{text}");
        }
        for name in ["page.html", "a.xhtm", "a.mhtml", "a.MHT"] {
            assert!(active(name, b""), "{name}");
        }
        for name in [
            "a.rss", "a.atom", "a.rdf", "a.kml", "a.mml", "a.xul", "a.xsd", "a.wsdl",
        ] {
            assert!(
                active(name, br#"<r><x:script xmlns:x="h">x</x:script></r>"#),
                "{name}"
            );
            assert!(!active(name, b"<r><item>plain</item></r>"), "{name}");
        }
        assert!(active("x.mjs", b""));
        assert!(!active("photo.png", b"<script>"));
    }
}
