//! Templates and static files: the built-in default theme, layered under a handbook's own.
//!
//! The default theme (`themes/default/` in hirebook's repository) is compiled into the binary,
//! so `hirebook build` works from any folder. A handbook's `themes/<name>/templates/x.html`
//! replaces the template `x.html`; to change only a block, it can extend the built-in one:
//! `{% extends "default/question.html" %}{% block question_footer %}...{% endblock %}`.

use std::sync::Arc;

use tera::Tera;

use super::strings::Strings;

use crate::diag::{Code, Diagnostic, Position};
pub use crate::source::theme::{TemplateFile, ThemeFiles};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embed![
    "base.html",
    "components.html",
    "index.html",
    "page.html",
    "question.html",
    "questions.html",
    "topic.html",
    "scorecard.html",
    "checklist.html",
    "role.html",
    "roles.html",
    "packet.html",
    "print.html",
    "search.html",
    "404.html",
    "review.html",
    "score.html",
    "debrief.html",
];

macro_rules! embed_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8])),*]
    };
}

/// The generated script that gives the theme's scripts their strings.
pub const STRINGS_SCRIPT: &str = "strings.js";

/// The template that defines the shared components.
const COMPONENTS: &str = "components.html";

/// The default theme's static files, by name.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = embed_static![
    "style.css",
    "hirebook.js",
    "search.js",
    "planner.js",
    "score.js",
    "debrief.js"
];

/// The loaded theme: compiled templates and the static files to publish.
pub struct Theme {
    pub tera: Tera,
    /// The theme's words in the handbook's language (the templates' `t()`).
    pub strings: Arc<Strings>,
    /// A hash of every template and static file: pages rendered with another theme key are
    /// rendered again.
    pub key: u64,
    pub statics: Vec<(String, Vec<u8>)>,
    /// Template name → file path, for diagnostics from overridden templates.
    sources: Vec<(String, String)>,
}

impl Theme {
    /// Compiles the default theme with `files` layered over it, speaking `language` (a BCP
    /// 47 tag, written right to left when `rtl`). Every template syntax error is reported,
    /// not only the first.
    pub fn new(files: &ThemeFiles, language: &str, rtl: bool) -> Result<Theme, Vec<Diagnostic>> {
        let strings = Arc::new(Strings::new(language, rtl, &files.strings)?);
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, _)| {
                (
                    name.to_string(),
                    format!("<built-in theme>/templates/{name}"),
                )
            })
            .collect();
        let mut templates: Vec<(String, &str)> = Vec::new();
        // Built-in pages stay reachable as `default/<name>` for block-level overrides.
        // Components are global in Tera, so their file is not registered twice.
        for (name, text) in DEFAULT_TEMPLATES.iter().filter(|(n, _)| *n != COMPONENTS) {
            templates.push((format!("default/{name}"), text));
        }
        for (name, text) in DEFAULT_TEMPLATES {
            if !files.templates.iter().any(|t| t.name == *name) {
                templates.push((name.to_string(), text));
            }
        }
        for file in &files.templates {
            templates.push((file.name.clone(), &file.text));
            sources.retain(|(n, _)| n != &file.name);
            sources.push((file.name.clone(), file.path.clone()));
        }

        // Parse each template alone first: adding them together stops at the first error.
        let mut problems = Vec::new();
        for (name, text) in &templates {
            let mut probe = Tera::new();
            if let Err(e) = probe.add_raw_template(name, text)
                && let tera::ErrorKind::SyntaxError(report) = e.kind()
            {
                problems.push(template_diagnostic(
                    Code::TemplateSyntax,
                    report,
                    &source_of(&sources, name),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("css_string", |s: &str, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(&css_string(s))
        });
        // `t(key="nav.home")`, `t(key="common.question_count", n=3)`, `t(key=..., title=x)`:
        // a string in the handbook's language, as text (escaped like any value).
        let words = strings.clone();
        tera.register_function(
            "t",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let key: &str = kwargs.must_get("key")?;
                let n: Option<i64> = kwargs.get("n")?;
                let args: Vec<(&str, String)> = kwargs
                    .iter()
                    .filter_map(|(k, v)| Some((k.as_str()?, v)))
                    .filter(|(k, _)| *k != "key" && *k != "n")
                    .map(|(k, v)| (k, v.to_string()))
                    .collect();
                Ok(words.get(key, n, &args))
            },
        );
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), *t))) {
            return Err(vec![error_diagnostic(&e, &sources)]);
        }

        let mut statics: Vec<(String, Vec<u8>)> = DEFAULT_STATIC
            .iter()
            .filter(|(name, _)| !files.statics.iter().any(|(n, _)| n == name))
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        statics.extend(files.statics.iter().cloned());
        statics.push((STRINGS_SCRIPT.to_owned(), strings.script().into_bytes()));
        statics.sort_by(|a, b| a.0.cmp(&b.0));
        let mut key = super::KeyHasher::default();
        for (name, text) in &templates {
            key.feed(name.as_bytes());
            key.feed(text.as_bytes());
        }
        for (name, bytes) in &statics {
            key.feed(name.as_bytes());
            key.feed(bytes);
        }
        Ok(Theme {
            tera,
            strings,
            key: key.finish(),
            statics,
            sources,
        })
    }

    /// A diagnostic for an error Tera raised while rendering.
    pub fn render_error(&self, error: &tera::Error) -> Diagnostic {
        error_diagnostic(error, &self.sources)
    }
}

/// The inside of a CSS string literal, safe in a `<style>` element as well: quotes,
/// backslashes, line breaks and markup characters become CSS escapes.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn source_of(sources: &[(String, String)], name: &str) -> String {
    let name = name.strip_prefix("default/").unwrap_or(name);
    sources
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| format!("<built-in theme>/templates/{name}"))
}

fn template_diagnostic(code: Code, report: &tera::ReportError, file: &str) -> Diagnostic {
    let span = report.span();
    Diagnostic::new(code, format!("template: {}", report.message()))
        .in_file(file)
        .at(Some(Position::new(span.start_line, span.start_col + 1)))
        .with_hint("see https://keats.github.io/tera/ for the template syntax")
}

fn error_diagnostic(error: &tera::Error, sources: &[(String, String)]) -> Diagnostic {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) => template_diagnostic(
            Code::TemplateSyntax,
            report,
            &source_of(sources, report.filename()),
        ),
        tera::ErrorKind::RenderingError(report) => template_diagnostic(
            Code::TemplateRender,
            report,
            &source_of(sources, report.filename()),
        ),
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::new(Code::TemplateRender, format!("template: {message}"))
                .with_hint("check the templates in your theme folder")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of themes/default is compiled in: a file added there but not to the lists
    /// above would silently be missing from builds made outside this repository.
    #[test]
    fn the_whole_default_theme_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let names = |sub: &str| -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(dir.join(sub))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let mut templates: Vec<String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        templates.sort();
        assert_eq!(templates, names("templates"));
        let mut statics: Vec<String> = DEFAULT_STATIC.iter().map(|(n, _)| n.to_string()).collect();
        statics.sort();
        assert_eq!(statics, names("static"));
    }

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("Hiring \"Django\""), "Hiring \\22 Django\\22 ");
        assert_eq!(
            css_string("</style><script>"),
            "\\3c /style\\3e \\3c script\\3e "
        );
    }

    #[test]
    fn default_theme_compiles() {
        let theme =
            Theme::new(&ThemeFiles::default(), "en", false).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(theme.statics.iter().any(|(n, _)| n == "style.css"));
    }

    #[test]
    fn every_syntax_error_is_reported_with_its_file() {
        let files = ThemeFiles {
            templates: vec![
                TemplateFile {
                    name: "question.html".into(),
                    path: "themes/mine/templates/question.html".into(),
                    text: "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n{% endblock content %}".into(),
                },
                TemplateFile {
                    name: "topic.html".into(),
                    path: "themes/mine/templates/topic.html".into(),
                    text: "{% if %}".into(),
                },
            ],
            statics: vec![],
            ..Default::default()
        };
        let errors = Theme::new(&files, "en", false)
            .err()
            .expect("syntax errors");
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.code == Code::TemplateSyntax));
        let question = errors
            .iter()
            .find(|e| e.file.as_deref() == Some("themes/mine/templates/question.html"))
            .expect("question.html error");
        assert_eq!(question.position.map(|p| p.line), Some(2));
    }

    /// An override compiles and the built-in template stays reachable under `default/`; that
    /// the override is what renders is `theme_templates_override_the_default_by_block` in
    /// tests/build.rs.
    #[test]
    fn an_override_compiles_beside_the_built_in_template() {
        let files = ThemeFiles {
            templates: vec![TemplateFile {
                name: "404.html".into(),
                path: "themes/mine/templates/404.html".into(),
                text: "{% extends \"default/404.html\" %}{% block content %}Gone{% endblock content %}".into(),
            }],
            statics: vec![],
            ..Default::default()
        };
        let theme = Theme::new(&files, "en", false).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            theme
                .tera
                .get_template_names()
                .any(|n| n == "default/404.html")
        );
    }
}
