//! Whether a file from `content/` would run code in a reader's browser if it were published as
//! it is. Content is untrusted, and only Markdown becomes pages: HTML and script files are
//! refused by their names. SVG and XML files (which a browser runs when opened by their
//! address) are parsed as XML, as the browser will parse them, and kept only when every
//! element and attribute is allowed: SVG elements from an allow-list, no element from a
//! namespace a browser runs (XHTML, XSLT, XUL, XInclude, XForms), no event handler, no link
//! with a scheme other than http(s), mailto or an image `data:` URL, no animation of a link or
//! handler, no processing instruction or declarations of the document's own. A file that
//! does not parse, or is not UTF-8, is refused too: what cannot be read cannot be vouched for.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::diag::Position;
use crate::diag::lines::position_at;

/// Why a file is refused, and where in it (for markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Active {
    pub why: String,
    pub at: Option<Position>,
    /// Whether it would run code (else: hirebook cannot vouch for it).
    pub runs: bool,
    /// How to fix the file, when the common cause is known.
    pub fix: Option<&'static str>,
}

/// What a refusal means for the editor: whether the file would run code, and the fix for
/// the causes drawing programs are known for.
fn advice(why: &str) -> (bool, Option<&'static str>) {
    let said = |s: &str| why.contains(s);
    if said("<foreignObject>") {
        (
            true,
            Some(
                "draw.io and mermaid put text labels in `<foreignObject>` (an embedded web page): export \
             the labels as SVG text (mermaid: `htmlLabels: false`), or export a PNG",
            ),
        )
    } else if said("processing instruction") {
        (
            false,
            Some(
                "delete the `<?...?>` line (PlantUML writes the diagram's source in one; \
             `<?xml-stylesheet?>` would load a stylesheet that can run scripts)",
            ),
        )
    } else if said("document type with declarations") {
        (
            false,
            Some(
                "delete the `[ ... ]` part of the `<!DOCTYPE ...>` line (Illustrator writes entity \
             declarations there); the drawing does not need it",
            ),
        )
    } else if said("encoding other than UTF-8") || said("not plain UTF-8") {
        (
            false,
            Some("save the file as UTF-8, with `encoding=\"UTF-8\"` in its first line"),
        )
    } else if said("not one of the SVG elements") {
        (
            false,
            Some("remove that element, or export the drawing again as plain SVG"),
        )
    } else if said("cannot be checked") || said("cannot be read") {
        (
            false,
            Some("export the drawing again as plain SVG, or as PNG"),
        )
    } else {
        (true, None)
    }
}

/// Why the file at `content_path` (with these bytes, for markup) is active content, if it is.
pub fn reason(content_path: &str, bytes: impl FnOnce() -> Option<Vec<u8>>) -> Option<Active> {
    let ext = content_path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let whole = |why: &str| {
        Some(Active {
            why: why.to_owned(),
            at: None,
            runs: true,
            fix: None,
        })
    };
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "xhtm" | "xht" | "shtml" | "mht" | "mhtml" => {
            whole("this is an HTML file")
        }
        "js" | "mjs" | "cjs" | "wasm" => whole("this is a script"),
        "svgz" => whole("this is a compressed SVG, which cannot be checked"),
        // XML, in any of the dialects a server may send as a type a browser renders.
        "svg" | "xml" | "xsl" | "xslt" | "rss" | "atom" | "rdf" | "kml" | "mml" | "xul" | "xsd"
        | "rng" | "xspf" | "opf" | "smil" | "wsdl" | "ttml" | "gml" | "dae" | "x3d" | "mpd"
        | "xlf" | "xliff" | "plist" | "gpx" | "dtd" | "xvml" | "xhvml" | "mxml" | "tei"
        | "atomsvc" | "xcs" | "xaml" | "xbl" | "xdp" | "xfdf" | "xop" | "xpl" | "rdfs" | "owl"
        | "wml" => {
            let bytes = bytes()?;
            markup(&bytes).map(|(why, at)| {
                let (runs, fix) = advice(&why);
                Active {
                    why: format!("this {} file {why}", ext.to_uppercase()),
                    at,
                    runs,
                    fix,
                }
            })
        }
        _ => None,
    }
}

const SVG: &str = "http://www.w3.org/2000/svg";

/// Namespaces whose elements a browser runs or renders as a page: none may appear.
const ACTIVE_NAMESPACES: &[(&str, &str)] = &[
    ("http://www.w3.org/1999/xhtml", "XHTML"),
    ("http://www.w3.org/1999/XSL/Transform", "XSLT"),
    (
        "http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul",
        "XUL",
    ),
    ("http://www.w3.org/2001/XInclude", "XInclude"),
    ("http://www.w3.org/2002/xforms", "XForms"),
    ("http://www.w3.org/2001/xml-events", "XML Events"),
];

/// Elements that run or embed active content, in any namespace (by local name, lower case).
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

/// The SVG elements a drawing may use: shapes, text, paint servers, filters, structure,
/// metadata and animation (animations of links and handlers are refused separately).
const SVG_ELEMENTS: &[&str] = &[
    "a",
    "altGlyph",
    "altGlyphDef",
    "altGlyphItem",
    "animate",
    "animateColor",
    "animateMotion",
    "animateTransform",
    "circle",
    "clipPath",
    "color-profile",
    "cursor",
    "defs",
    "desc",
    "ellipse",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "filter",
    "font",
    "font-face",
    "font-face-format",
    "font-face-name",
    "font-face-src",
    "font-face-uri",
    "g",
    "glyph",
    "glyphRef",
    "hkern",
    "image",
    "line",
    "linearGradient",
    "marker",
    "mask",
    "metadata",
    "missing-glyph",
    "mpath",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "set",
    "stop",
    "style",
    "svg",
    "switch",
    "symbol",
    "text",
    "textPath",
    "title",
    "tref",
    "tspan",
    "use",
    "view",
    "vkern",
    // Drafts of SVG 1.2 and 2 that drawing programs write and browsers do not draw (Inkscape's
    // flowed text and mesh gradients): inert.
    "flowRoot",
    "flowRegion",
    "flowPara",
    "flowSpan",
    "flowDiv",
    "flowRef",
    "flowImage",
    "flowLine",
    "flowRegionBreak",
    "flowRegionExclude",
    "meshgradient",
    "meshGradient",
    "meshrow",
    "meshRow",
    "meshpatch",
    "meshPatch",
    "hatch",
    "hatchpath",
    "solidcolor",
    "discard",
];

/// Attributes that hold a URL a browser may follow or load (by local name).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "codebase",
    "background",
    "poster",
];

/// Why markup could run a script, if it could, and where.
fn markup(bytes: &[u8]) -> Option<(String, Option<Position>)> {
    let refuse = |why: &str| Some((why.to_owned(), None));
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return refuse("is not plain UTF-8 text, so it cannot be checked");
    };
    // Control characters (an escape switches ISO-2022-JP, and splits `scr` `ipt` for a
    // browser that decodes it so) have no place in an image or data file.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return refuse("is not plain text, so it cannot be checked");
    }
    let mut reader = NsReader::from_str(text);
    let at = |offset: u64| Some(position_at(text, (offset as usize).min(text.len())));
    // Elements open (the reader checks that each end tag matches, not that all are closed).
    let mut open = 0usize;
    loop {
        let start = reader.buffer_position();
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((namespace, event)) => (namespace_of(&namespace), event),
            Err(e) => {
                return Some((
                    format!("cannot be read as XML ({e}), so it cannot be checked"),
                    at(reader.error_position()),
                ));
            }
        };
        let why = match &event {
            Event::Eof if open > 0 => {
                Some("ends before its elements are closed, so it cannot be checked".to_owned())
            }
            Event::Eof => return None,
            Event::End(_) => {
                open = open.saturating_sub(1);
                None
            }
            // XML 1.1 ends lines at characters 1.0 does not: read one way here and another
            // in a browser, they could hide markup. No drawing needs it.
            Event::Decl(declaration) if declaration.version().is_ok_and(|v| v.trim() != "1.0") => {
                Some("declares an XML version other than 1.0, so it cannot be checked".to_owned())
            }
            Event::Decl(declaration) => match declaration.encoding() {
                Some(Ok(encoding))
                    if !matches!(
                        encoding.trim().to_ascii_lowercase().as_str(),
                        "utf-8" | "utf8" | "us-ascii" | "ascii"
                    ) =>
                {
                    Some(
                        "declares an encoding other than UTF-8, so it cannot be checked".to_owned(),
                    )
                }
                Some(Err(_)) => Some("has an XML declaration that cannot be read".to_owned()),
                _ => None,
            },
            Event::PI(_) => Some(
                "has a processing instruction (`<?...?>`), which can load a stylesheet that \
                 runs scripts"
                    .to_owned(),
            ),
            // `<!DOCTYPE svg [ ... ]>` declares entities and attributes of its own, which can
            // give every element a handler; no drawing needs one.
            Event::DocType(doctype) if doctype.contains('[') => Some(
                "declares a document type with declarations of its own, which can carry scripts"
                    .to_owned(),
            ),
            Event::Start(element) | Event::Empty(element) => {
                open += usize::from(matches!(event, Event::Start(_)));
                element_problem(&reader, namespace.as_deref(), element)
            }
            _ => None,
        };
        if let Some(why) = why {
            return Some((why, at(start)));
        }
    }
}

/// A resolved namespace as text: `None` for no namespace, `Some("")` for a prefix that is
/// never declared.
fn namespace_of(resolved: &ResolveResult) -> Option<String> {
    match resolved {
        ResolveResult::Bound(ns) => Some(ns.as_ref().to_owned()),
        ResolveResult::Unbound => None,
        ResolveResult::Unknown(_) => Some(String::new()),
    }
}

/// Why one element (with its attributes) could run a script, if it could.
fn element_problem(
    reader: &NsReader<&[u8]>,
    namespace: Option<&str>,
    element: &BytesStart,
) -> Option<String> {
    let local_name = element.local_name();
    let local: &str = local_name.as_ref();
    if namespace == Some("") {
        return Some(format!(
            "has a `<{}>` element whose prefix is never declared, so it cannot be checked",
            element.name().as_ref()
        ));
    }
    if ACTIVE_ELEMENTS.contains(&local.to_ascii_lowercase().as_str()) {
        return Some(format!(
            "has a `<{local}>` element, which runs scripts or embeds pages"
        ));
    }
    if let Some(namespace) = namespace {
        if let Some((_, name)) = ACTIVE_NAMESPACES.iter().find(|(ns, _)| *ns == namespace) {
            return Some(format!(
                "has a `<{local}>` element from {name}, which a browser runs as a page"
            ));
        }
        if namespace == SVG && !SVG_ELEMENTS.contains(&local) {
            return Some(format!(
                "has a `<{local}>` element, which is not one of the SVG elements a drawing may \
                 use"
            ));
        }
    }
    let animation = local.starts_with("animate") || local == "set";
    for attribute in element.attributes() {
        let Ok(attribute) = attribute else {
            return Some(
                "has an attribute that cannot be read, so it cannot be checked".to_owned(),
            );
        };
        let key = attribute.key;
        // The reader takes `/onload` or `a:b:c` for a name; XML (and the browser) does not.
        if !is_name(key.as_ref()) {
            return Some(format!(
                "has an attribute named `{}`, which XML does not allow, so it cannot be checked",
                key.as_ref()
            ));
        }
        if attribute.value.contains('<') {
            return Some(format!(
                "has a `<` in the value of `{}=`, which XML does not allow, so it cannot be \
                 checked",
                key.as_ref()
            ));
        }
        if key.as_namespace_binding().is_some() {
            // A browser decodes `xh&#116;ml` to `xhtml`; the namespace is compared as written.
            if attribute.value.contains('&') {
                return Some(format!(
                    "declares a namespace with a character reference (`{}=`), so it cannot be \
                     checked",
                    key.as_ref()
                ));
            }
            continue;
        }
        let (resolved, name) = reader.resolver().resolve_attribute(key);
        let attribute_namespace = namespace_of(&resolved);
        let name = name.as_ref().to_ascii_lowercase();
        if attribute_namespace.as_deref() == Some("") {
            return Some(format!(
                "has an attribute `{}` whose prefix is never declared, so it cannot be checked",
                key.as_ref()
            ));
        }
        if name.len() > 2 && name.starts_with("on") {
            return Some(format!(
                "has an event handler (`{name}=`), which runs a script"
            ));
        }
        if let Some(ns) = attribute_namespace.as_deref()
            && let Some((_, what)) = ACTIVE_NAMESPACES.iter().find(|(n, _)| *n == ns)
        {
            return Some(format!(
                "has an attribute from {what} (`{name}=`), which a browser runs"
            ));
        }
        let Ok(value) = attribute.normalized_value(XmlVersion::Implicit1_0) else {
            return Some(format!(
                "has an attribute `{name}=` whose value cannot be read, so it cannot be checked"
            ));
        };
        // `<set attributeName="href" to="javascript:...">` turns a link into a script.
        if animation && name == "attributename" {
            let target = value.trim().to_ascii_lowercase();
            let target = target.rsplit(':').next().unwrap_or(&target);
            if target == "href" || (target.len() > 2 && target.starts_with("on")) {
                return Some(format!(
                    "animates `{}`, which can turn it into a script",
                    value.trim()
                ));
            }
        }
        if URL_ATTRIBUTES.contains(&name.as_str())
            && let Some(scheme) = disallowed_scheme(&value)
        {
            return Some(format!(
                "has a link with the `{scheme}:` scheme, which can run a script"
            ));
        }
    }
    None
}

/// Whether `name` is an XML name with at most one prefix (`onload`, `xlink:href`).
fn is_name(name: &str) -> bool {
    let start = |c: char| c.is_alphabetic() || c == '_' || !c.is_ascii();
    let rest = |c: char| start(c) || c.is_ascii_digit() || matches!(c, '-' | '.');
    name.split(':').count() <= 2
        && name
            .split(':')
            .all(|part| part.starts_with(start) && part.chars().all(rest))
}

/// The scheme of `url` if it is not one a drawing may link to: http(s), mailto, and `data:`
/// for images. Read as a browser reads a URL: spaces and control characters around and inside
/// it dropped, letters in any case.
fn disallowed_scheme(url: &str) -> Option<String> {
    let url: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    // A colon after a path, query or fragment starts no scheme (`#a:b`, `./a:b`).
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return None;
    }
    match scheme {
        "http" | "https" | "mailto" | "tel" => None,
        "data" if url[colon + 1..].starts_with("image/") => None,
        _ => Some(scheme.to_owned()),
    }
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
            // Read as XML, checked against allow-lists: what a browser would run, however
            // it is reached.
            format!(r#"{svg}><animate attributeName="href" to="javascript:alert(1)"/></svg>"#).into(),
            format!(r#"{svg}><a><set attributeName=" xlink:href " to="javascript:x"/></a></svg>"#).into(),
            format!(r#"{svg}><set attributeName="onmouseover" to="x"/></svg>"#).into(),
            format!(r#"{svg} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:x">x</a></svg>"#).into(),
            format!(r#"{svg}><a href="JaVaScRiPt:x">x</a></svg>"#).into(),
            format!(r#"{svg}><a href=" &#x6A;avascript&#x3A;x">x</a></svg>"#).into(),
            format!(r#"{svg}><a href="data:text/html;base64,PHNjcmlwdD4=">x</a></svg>"#).into(),
            format!(r#"{svg}><a href="vbscript:x">x</a></svg>"#).into(),
            format!(r#"{svg}><image href="&foo;"/></svg>"#).into(),
            format!(r#"{svg}><g xmlns="http://www.w3.org/1999/xhtml"><img src="x"/></g></svg>"#).into(),
            format!(r#"{svg}><h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/></svg>"#).into(),
            format!(r#"{svg} xmlns:ev="http://www.w3.org/2001/xml-events"><rect ev:event="click"/></svg>"#).into(),
            format!(r#"{svg}><unknownElement/></svg>"#).into(),
            format!(r#"{svg}><foo:bar/></svg>"#).into(),
            format!(r#"{svg}><rect foo:onclick="x"/></svg>"#).into(),
            format!(r#"{svg}><g></svg>"#).into(),
            format!(r#"{svg}><g>"#).into(),
            format!("<?xml version=\"1.1\"?>{svg}/>").into(),
            br#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>"#.to_vec(),
            br#"<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="x"/></r>"#.to_vec(),
            // A namespace spelt with a character reference: the browser decodes it.
            br#"<html xmlns="http://www.w3.org/1999/xh&#116;ml"><body><form action="https://x.example/"/></body></html>"#.to_vec(),
            format!(r#"{svg}><h:meta xmlns:h="http://www.w3.org/1999/xh&#116;ml" http-equiv="refresh" content="0;url=/x"/></svg>"#).into(),
            br#"<svg xmlns="http://www.w3.org/2000/sv&#103;"><foo/></svg>"#.to_vec(),
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
            format!(r#"{svg}><a href="tel:+15550100">call</a></svg>"#),
            format!(
                r#"{svg} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"><flowRoot><flowRegion><rect/></flowRegion><flowPara>x</flowPara></flowRoot><defs><meshgradient id="m"><meshrow><meshpatch><stop/></meshpatch></meshrow></meshgradient></defs></svg>"#
            ),
            format!(
                r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">{svg}><g/></svg>"#
            ),
            // What drawing programs write: metadata in their own namespaces, links within the
            // drawing, embedded images, styles and harmless animation.
            format!(
                r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
{svg} xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" inkscape:version="1.3" sodipodi:docname="d.svg">
  <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="1"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>Request cycle</dc:title></cc:Work></rdf:RDF></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><symbol id="icon"><path d="M0 0h1"/></symbol></defs>
  <style>.a {{ fill: url(#g); }}</style>
  <use href="#icon"/><use xlink:href="#icon"/>
  <a href="#top"><text x="1" y="2">5 &lt; 6 &amp; javascript: is a word</text></a>
  <a href="./other.svg"><rect class="a"/></a><a href="mailto:team@example.com"><circle r="1"/></a>
  <image href="photo.png"/><image href="data:image/png;base64,iVBORw0KGgo="/>
  <rect><animate attributeName="opacity" from="0" to="1" dur="1s"/></rect>
  <filter id="f"><feGaussianBlur stdDeviation="2"/></filter>
</svg>
"##
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
            assert!(
                !active(
                    name,
                    br#"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>x</title><atom:link href="https://example.com/feed" rel="self"/></channel></rss>"#
                ),
                "{name}"
            );
        }
        assert!(active("x.mjs", b""));
        assert!(active(
            "x.xhvml",
            br#"<r><s:script xmlns:s="http://www.w3.org/1999/xhtml"/></r>"#
        ));
        assert!(!active("photo.png", b"<script>"));
    }

    /// What the editor is told: files from drawing programs get the fix for their program's
    /// habit, and a file that would not run code is not said to.
    #[test]
    fn refusals_say_what_to_change() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg""#;
        let told = |text: String| reason("d.svg", || Some(text.into_bytes())).unwrap();
        let plantuml = told(format!("<?plantuml-src abc?>{svg}/>"));
        assert!(!plantuml.runs);
        assert!(plantuml.fix.unwrap().contains("PlantUML"));
        let illustrator = told(format!("<!DOCTYPE svg [<!ENTITY ns_ai \"x\">]>{svg}/>"));
        assert!(!illustrator.runs);
        assert!(illustrator.fix.unwrap().contains("Illustrator"));
        let latin = told(format!(
            "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>{svg}/>"
        ));
        assert!(!latin.runs && latin.fix.unwrap().contains("UTF-8"));
        let drawio = told(format!("{svg}><foreignObject><div/></foreignObject></svg>"));
        assert!(drawio.runs && drawio.fix.unwrap().contains("htmlLabels"));
        let script = told(format!("{svg}><script>x</script></svg>"));
        assert!(script.runs && script.fix.is_none());
        assert_eq!(script.at, Some(Position::new(1, 41)));
    }
}
