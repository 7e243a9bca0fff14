//! Build-time syntax highlighting of code blocks into `<span class="hl-*">` tokens.
//!
//! Why a small table-driven lexer instead of a TextMate-grammar engine: handbook code blocks
//! are short snippets in a dozen languages (Python, SQL, shell, YAML...), where keyword,
//! string, comment and number colouring is what readers need. A grammar engine costs megabytes
//! of binary, seconds of compile time and, per line, far more than the rest of a page's
//! rendering; this lexer is linear, allocation-light and cannot fail. Unknown languages are
//! escaped and left uncoloured. The choice was measured against syntect: see "Highlighting" in
//! docs/performance.md.
//!
//! Classes (styled by the theme for light, dark and print): `hl-k` keyword, `hl-b` builtin,
//! `hl-s` string, `hl-c` comment, `hl-n` number, `hl-m` meta (decorators, template tags),
//! `hl-v` variable, `hl-t` tag, `hl-a` attribute or key, `hl-i` inserted, `hl-d` deleted.

use std::fmt::Write;

struct Lang {
    line_comments: &'static [&'static str],
    /// Line comments only count at the start of a line or after white space (`#` in shell).
    comment_needs_space: bool,
    block_comment: Option<(&'static str, &'static str)>,
    quotes: &'static [char],
    triple_quotes: bool,
    keywords: &'static [&'static str],
    builtins: &'static [&'static str],
    ignore_case: bool,
    /// `@decorator` (Python).
    meta_prefix: Option<char>,
    /// `$var` (shell, Dockerfile).
    variables: bool,
    /// Identifiers or strings followed by `:` or `=` are keys (YAML, TOML, JSON, CSS).
    keys: bool,
    /// `-` may appear inside identifiers (YAML, TOML, CSS keys).
    dash_in_idents: bool,
    /// `/regex/flags` where an expression starts (JavaScript).
    regex_literals: bool,
    /// `r"..."`, `r#"..."#`, `br"..."` (Rust).
    raw_strings: bool,
    /// `<<EOF` ... `EOF` (shell): the lines between are text, whatever quotes they hold.
    heredocs: bool,
}

const BASE: Lang = Lang {
    line_comments: &[],
    comment_needs_space: false,
    block_comment: None,
    quotes: &['"', '\''],
    triple_quotes: false,
    keywords: &[],
    builtins: &[],
    ignore_case: false,
    meta_prefix: None,
    variables: false,
    keys: false,
    dash_in_idents: false,
    regex_literals: false,
    raw_strings: false,
    heredocs: false,
};

const PYTHON: Lang = Lang {
    line_comments: &["#"],
    triple_quotes: true,
    keywords: &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    ],
    builtins: &[
        "bool",
        "classmethod",
        "cls",
        "dict",
        "enumerate",
        "Exception",
        "float",
        "getattr",
        "hasattr",
        "int",
        "isinstance",
        "len",
        "list",
        "object",
        "open",
        "print",
        "property",
        "range",
        "self",
        "set",
        "setattr",
        "staticmethod",
        "str",
        "super",
        "tuple",
        "type",
        "ValueError",
        "KeyError",
        "TypeError",
        "zip",
    ],
    meta_prefix: Some('@'),
    ..BASE
};

const SQL: Lang = Lang {
    line_comments: &["--"],
    block_comment: Some(("/*", "*/")),
    keywords: &[
        "add",
        "all",
        "alter",
        "analyze",
        "and",
        "as",
        "asc",
        "begin",
        "between",
        "by",
        "cascade",
        "case",
        "check",
        "column",
        "commit",
        "concurrently",
        "constraint",
        "create",
        "default",
        "delete",
        "desc",
        "distinct",
        "drop",
        "else",
        "end",
        "exists",
        "explain",
        "foreign",
        "from",
        "group",
        "having",
        "if",
        "in",
        "index",
        "inner",
        "insert",
        "into",
        "is",
        "join",
        "key",
        "left",
        "like",
        "limit",
        "lock",
        "not",
        "null",
        "offset",
        "on",
        "or",
        "order",
        "outer",
        "primary",
        "references",
        "returning",
        "right",
        "rollback",
        "select",
        "set",
        "table",
        "then",
        "transaction",
        "union",
        "unique",
        "update",
        "using",
        "values",
        "when",
        "where",
        "with",
    ],
    builtins: &[
        "avg",
        "bigint",
        "boolean",
        "coalesce",
        "count",
        "integer",
        "max",
        "min",
        "now",
        "serial",
        "sum",
        "text",
        "timestamp",
        "varchar",
    ],
    ignore_case: true,
    ..BASE
};

const SHELL: Lang = Lang {
    line_comments: &["#"],
    comment_needs_space: true,
    keywords: &[
        "case", "do", "done", "elif", "else", "esac", "export", "fi", "for", "function", "if",
        "in", "local", "return", "set", "source", "then", "unset", "until", "while",
    ],
    builtins: &[
        "cd",
        "cargo",
        "cat",
        "celery",
        "curl",
        "django-admin",
        "docker",
        "echo",
        "git",
        "grep",
        "gunicorn",
        "ls",
        "pip",
        "psql",
        "pytest",
        "python",
        "python3",
        "sudo",
    ],
    variables: true,
    dash_in_idents: true,
    heredocs: true,
    ..BASE
};

const YAML: Lang = Lang {
    line_comments: &["#"],
    comment_needs_space: true,
    keywords: &["true", "false", "null", "yes", "no", "on", "off"],
    keys: true,
    dash_in_idents: true,
    ..BASE
};

const TOML: Lang = Lang {
    line_comments: &["#", ";"],
    comment_needs_space: true,
    keywords: &["true", "false"],
    keys: true,
    dash_in_idents: true,
    ..BASE
};

const JSON: Lang = Lang {
    quotes: &['"'],
    keywords: &["true", "false", "null"],
    keys: true,
    ..BASE
};

const JAVASCRIPT: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"', '\'', '`'],
    keywords: &[
        "async",
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "default",
        "delete",
        "do",
        "else",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "of",
        "return",
        "static",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "type",
        "typeof",
        "undefined",
        "var",
        "void",
        "while",
        "yield",
    ],
    builtins: &[
        "Array", "console", "document", "fetch", "JSON", "Map", "Math", "Object", "Promise", "Set",
        "String", "window",
    ],
    regex_literals: true,
    ..BASE
};

const RUST: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"'],
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true",
        "type", "unsafe", "use", "where", "while",
    ],
    builtins: &[
        "Box", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec", "bool", "i32",
        "i64", "str", "u8", "u32", "u64", "usize",
    ],
    raw_strings: true,
    ..BASE
};

/// C and the languages that write like it: `//` and `/* */` comments, `"` strings, `'` chars.
const C_LIKE: Lang = Lang {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    ..BASE
};

const C: Lang = Lang {
    keywords: &[
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
        "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
        "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
        "unsigned", "void", "volatile", "while", "NULL", "true", "false", "bool",
    ],
    meta_prefix: Some('#'),
    ..C_LIKE
};

const CPP: Lang = Lang {
    keywords: &[
        "auto",
        "bool",
        "break",
        "case",
        "catch",
        "char",
        "class",
        "const",
        "constexpr",
        "continue",
        "default",
        "delete",
        "do",
        "double",
        "else",
        "enum",
        "explicit",
        "extern",
        "false",
        "float",
        "for",
        "friend",
        "if",
        "inline",
        "int",
        "long",
        "mutable",
        "namespace",
        "new",
        "noexcept",
        "nullptr",
        "operator",
        "override",
        "private",
        "protected",
        "public",
        "return",
        "short",
        "signed",
        "sizeof",
        "static",
        "struct",
        "switch",
        "template",
        "this",
        "throw",
        "true",
        "try",
        "typedef",
        "typename",
        "union",
        "unsigned",
        "using",
        "virtual",
        "void",
        "volatile",
        "while",
    ],
    builtins: &[
        "std",
        "string",
        "vector",
        "map",
        "unique_ptr",
        "shared_ptr",
        "size_t",
    ],
    meta_prefix: Some('#'),
    ..C_LIKE
};

const JAVA: Lang = Lang {
    keywords: &[
        "abstract",
        "boolean",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "class",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extends",
        "false",
        "final",
        "finally",
        "float",
        "for",
        "if",
        "implements",
        "import",
        "instanceof",
        "int",
        "interface",
        "long",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "record",
        "return",
        "short",
        "static",
        "super",
        "switch",
        "synchronized",
        "this",
        "throw",
        "throws",
        "true",
        "try",
        "var",
        "void",
        "volatile",
        "while",
    ],
    builtins: &[
        "String", "List", "Map", "Integer", "Object", "Optional", "System",
    ],
    meta_prefix: Some('@'),
    triple_quotes: true,
    ..C_LIKE
};

const CSHARP: Lang = Lang {
    keywords: &[
        "abstract",
        "as",
        "async",
        "await",
        "base",
        "bool",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "decimal",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "false",
        "finally",
        "float",
        "for",
        "foreach",
        "get",
        "if",
        "in",
        "int",
        "interface",
        "internal",
        "is",
        "long",
        "namespace",
        "new",
        "null",
        "out",
        "override",
        "private",
        "protected",
        "public",
        "readonly",
        "record",
        "ref",
        "return",
        "set",
        "static",
        "string",
        "struct",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "using",
        "var",
        "virtual",
        "void",
        "while",
    ],
    builtins: &["Task", "List", "Dictionary", "Console", "String", "Guid"],
    ..C_LIKE
};

const GO: Lang = Lang {
    quotes: &['"', '\'', '`'],
    keywords: &[
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "false",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "nil",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "true",
        "type",
        "var",
    ],
    builtins: &[
        "append", "bool", "byte", "cap", "error", "float64", "int", "int64", "len", "make", "new",
        "panic", "string", "uint",
    ],
    ..C_LIKE
};

const KOTLIN: Lang = Lang {
    keywords: &[
        "as",
        "break",
        "class",
        "companion",
        "continue",
        "data",
        "do",
        "else",
        "false",
        "for",
        "fun",
        "if",
        "import",
        "in",
        "interface",
        "is",
        "null",
        "object",
        "override",
        "package",
        "private",
        "return",
        "sealed",
        "super",
        "suspend",
        "this",
        "throw",
        "true",
        "try",
        "typealias",
        "val",
        "var",
        "when",
        "while",
    ],
    builtins: &[
        "String", "Int", "List", "Map", "Unit", "Any", "listOf", "mapOf", "println",
    ],
    meta_prefix: Some('@'),
    triple_quotes: true,
    ..C_LIKE
};

const SWIFT: Lang = Lang {
    quotes: &['"'],
    keywords: &[
        "actor",
        "as",
        "async",
        "await",
        "break",
        "case",
        "catch",
        "class",
        "continue",
        "defer",
        "do",
        "else",
        "enum",
        "extension",
        "false",
        "for",
        "func",
        "guard",
        "if",
        "import",
        "in",
        "init",
        "let",
        "nil",
        "private",
        "protocol",
        "public",
        "return",
        "self",
        "static",
        "struct",
        "switch",
        "throw",
        "throws",
        "true",
        "try",
        "var",
        "where",
        "while",
    ],
    builtins: &["String", "Int", "Array", "Dictionary", "Optional", "print"],
    meta_prefix: Some('@'),
    triple_quotes: true,
    ..C_LIKE
};

const PHP: Lang = Lang {
    line_comments: &["//", "#"],
    keywords: &[
        "abstract",
        "array",
        "as",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "default",
        "do",
        "echo",
        "else",
        "elseif",
        "extends",
        "false",
        "final",
        "finally",
        "fn",
        "for",
        "foreach",
        "function",
        "if",
        "implements",
        "interface",
        "match",
        "namespace",
        "new",
        "null",
        "private",
        "protected",
        "public",
        "readonly",
        "return",
        "static",
        "switch",
        "throw",
        "trait",
        "true",
        "try",
        "use",
        "while",
    ],
    variables: true,
    ignore_case: true,
    ..C_LIKE
};

const RUBY: Lang = Lang {
    line_comments: &["#"],
    keywords: &[
        "alias", "and", "begin", "break", "case", "class", "def", "do", "else", "elsif", "end",
        "ensure", "false", "for", "if", "in", "module", "next", "nil", "not", "or", "redo",
        "rescue", "retry", "return", "self", "super", "then", "true", "unless", "until", "when",
        "while", "yield",
    ],
    builtins: &[
        "puts",
        "require",
        "attr_accessor",
        "attr_reader",
        "raise",
        "private",
    ],
    meta_prefix: Some(':'),
    ..BASE
};

/// Terraform's HCL: `name = value` keys, `#` and `//` comments.
const HCL: Lang = Lang {
    line_comments: &["#", "//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"'],
    keywords: &[
        "resource",
        "variable",
        "output",
        "module",
        "provider",
        "data",
        "locals",
        "terraform",
        "true",
        "false",
        "null",
        "for",
        "in",
        "if",
    ],
    keys: true,
    ..BASE
};

const CSS: Lang = Lang {
    block_comment: Some(("/*", "*/")),
    keywords: &["important", "inherit", "initial", "none", "auto"],
    keys: true,
    dash_in_idents: true,
    ..BASE
};

const DOCKERFILE: Lang = Lang {
    line_comments: &["#"],
    comment_needs_space: true,
    keywords: &[
        "add",
        "arg",
        "cmd",
        "copy",
        "entrypoint",
        "env",
        "expose",
        "from",
        "healthcheck",
        "label",
        "run",
        "user",
        "volume",
        "workdir",
    ],
    ignore_case: true,
    variables: true,
    ..BASE
};

enum Highlighter {
    Code(&'static Lang),
    Markup,
    Diff,
    Plain,
}

fn highlighter_for(lang: &str) -> Highlighter {
    match lang.to_ascii_lowercase().as_str() {
        "python" | "py" | "python3" | "py3" => Highlighter::Code(&PYTHON),
        "sql" | "postgresql" | "postgres" | "psql" | "mysql" | "sqlite" | "plpgsql" => {
            Highlighter::Code(&SQL)
        }
        "bash" | "sh" | "shell" | "console" | "zsh" | "terminal" | "shell-session" => {
            Highlighter::Code(&SHELL)
        }
        "yaml" | "yml" => Highlighter::Code(&YAML),
        "toml" | "ini" | "cfg" | "conf" | "env" | "dotenv" => Highlighter::Code(&TOML),
        "json" | "jsonc" => Highlighter::Code(&JSON),
        "javascript" | "js" | "typescript" | "ts" | "jsx" | "tsx" | "mjs" => {
            Highlighter::Code(&JAVASCRIPT)
        }
        "rust" | "rs" => Highlighter::Code(&RUST),
        "c" | "h" => Highlighter::Code(&C),
        "cpp" | "c++" | "cxx" | "cc" | "hpp" => Highlighter::Code(&CPP),
        "java" => Highlighter::Code(&JAVA),
        "csharp" | "c#" | "cs" => Highlighter::Code(&CSHARP),
        "go" | "golang" => Highlighter::Code(&GO),
        "kotlin" | "kt" | "kts" => Highlighter::Code(&KOTLIN),
        "swift" => Highlighter::Code(&SWIFT),
        "php" => Highlighter::Code(&PHP),
        "ruby" | "rb" => Highlighter::Code(&RUBY),
        "hcl" | "terraform" | "tf" => Highlighter::Code(&HCL),
        "css" | "scss" => Highlighter::Code(&CSS),
        "dockerfile" | "docker" | "containerfile" => Highlighter::Code(&DOCKERFILE),
        "html" | "xml" | "svg" | "django" | "htmldjango" | "jinja" | "jinja2" | "j2"
        | "html+django" => Highlighter::Markup,
        "diff" | "patch" => Highlighter::Diff,
        _ => Highlighter::Plain,
    }
}

/// Whether `lang` gets colour (anything else is escaped only).
pub fn is_supported(lang: &str) -> bool {
    !matches!(highlighter_for(lang), Highlighter::Plain)
}

/// Escaped, highlighted HTML for the contents of a `<code>` element.
pub fn highlight(code: &str, lang: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 2);
    match highlighter_for(lang) {
        Highlighter::Code(l) => lex_code(code, l, &mut out),
        Highlighter::Markup => lex_markup(code, &mut out),
        Highlighter::Diff => lex_diff(code, &mut out),
        Highlighter::Plain => escape_into(code, &mut out),
    }
    out
}

pub fn escape_into(text: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

fn span(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, "<span class=\"hl-{class}\">");
    escape_into(text, out);
    out.push_str("</span>");
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn lex_code(code: &str, lang: &Lang, out: &mut String) {
    let bytes = code.as_bytes();
    let mut i = 0;
    // Start of the current run of plain text, flushed before each token.
    let mut plain = 0;
    let mut line_start = true;
    while i < code.len() {
        let rest = &code[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let prev_space = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        let token: Option<(&str, usize)> = if let Some(end) =
            lang.line_comments.iter().find_map(|m| {
                (rest.starts_with(m) && (!lang.comment_needs_space || prev_space))
                    .then(|| rest.find('\n').unwrap_or(rest.len()))
            }) {
            Some(("c", end))
        } else if let Some((open, close)) = lang.block_comment.filter(|(o, _)| rest.starts_with(o))
        {
            let end = rest[open.len()..]
                .find(close)
                .map_or(rest.len(), |e| open.len() + e + close.len());
            Some(("c", end))
        } else if let Some(end) = lang.raw_strings.then(|| raw_string_end(rest)).flatten() {
            Some(("s", end))
        } else if let Some(end) = (lang.regex_literals && c == '/' && regex_may_start(&code[..i]))
            .then(|| regex_end(rest))
            .flatten()
        {
            Some(("s", end))
        } else if let Some(end) = (lang.heredocs && rest.starts_with("<<"))
            .then(|| heredoc_end(rest))
            .flatten()
        {
            Some(("s", end))
        } else if lang.quotes.contains(&c) {
            let end = string_end(rest, c, lang.triple_quotes);
            let class = if lang.keys && followed_by_key_mark(&rest[end..]) {
                "a"
            } else {
                "s"
            };
            Some((class, end))
        } else if c.is_ascii_digit() && (i == 0 || !is_word_byte(bytes[i - 1], lang.dash_in_idents))
        {
            let mut end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.'))
                .unwrap_or(rest.len());
            // An exponent with its sign: `3.5e-2`, `1E+9` (not in hex, where `e` is a digit).
            let hex = rest.starts_with("0x") || rest.starts_with("0X");
            let after = &rest.as_bytes()[end..];
            if !hex
                && rest[..end].ends_with(['e', 'E'])
                && matches!(after.first(), Some(b'+' | b'-'))
                && after.get(1).is_some_and(u8::is_ascii_digit)
            {
                end += 1 + rest[end + 1..]
                    .find(|ch: char| !ch.is_ascii_digit())
                    .unwrap_or(rest.len() - end - 1);
            }
            Some(("n", end))
        } else if Some(c) == lang.meta_prefix && rest[1..].starts_with(is_ident_start) {
            let end = 1 + ident_len(&rest[1..], true);
            Some(("m", end))
        } else if lang.variables && c == '$' && rest.len() > 1 {
            let after = &rest[1..];
            let end = if after.starts_with('{') {
                after.find('}').map_or(rest.len(), |e| e + 2)
            } else {
                1 + ident_len(after, false)
            };
            (end > 1).then_some(("v", end))
        } else if is_ident_start(c) && (i == 0 || !is_word_byte(bytes[i - 1], lang.dash_in_idents))
        {
            let end = ident_len(rest, lang.dash_in_idents);
            let word = &rest[..end];
            let listed = |list: &[&str]| {
                if lang.ignore_case {
                    list.iter().any(|k| k.eq_ignore_ascii_case(word))
                } else {
                    list.contains(&word)
                }
            };
            let key_position =
                line_start || !matches!(code[..i].trim_end().chars().last(), Some(':' | '='));
            let class = if lang.keys && key_position && followed_by_key_mark(&rest[end..]) {
                Some("a")
            } else if listed(lang.keywords) {
                Some("k")
            } else if listed(lang.builtins) {
                Some("b")
            } else {
                None
            };
            match class {
                Some(class) => Some((class, end)),
                None => {
                    // An ordinary identifier: part of the plain run.
                    i += end;
                    line_start = false;
                    continue;
                }
            }
        } else {
            None
        };
        match token {
            Some((class, len)) if len > 0 => {
                escape_into(&code[plain..i], out);
                span(out, class, &rest[..len]);
                i += len;
                plain = i;
                line_start = false;
            }
            _ => {
                if c == '\n' {
                    line_start = true;
                } else if !matches!(c, ' ' | '\t' | '-') {
                    line_start = false;
                }
                i += c.len_utf8();
            }
        }
    }
    escape_into(&code[plain..], out);
}

/// Length of a Rust raw string at the start of `s` (`r"..."`, `r#"..."#`, `br"..."`).
fn raw_string_end(s: &str) -> Option<usize> {
    let after_b = s.strip_prefix('b').unwrap_or(s);
    let body = after_b.strip_prefix('r')?;
    let hashes = body.len() - body.trim_start_matches('#').len();
    let open = body[hashes..].strip_prefix('"')?;
    let close: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let prefix = s.len() - open.len();
    Some(
        open.find(&close)
            .map_or(s.len(), |e| prefix + e + close.len()),
    )
}

/// Whether a `/` after `before` starts a regular expression rather than a division: after
/// an operator, an opening bracket, a comma, or a keyword such as `return`.
fn regex_may_start(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t']);
    match trimmed.chars().last() {
        None | Some('\n') => true,
        Some(c) if "(,=:[!&|?{};+-*%<>~^".contains(c) => true,
        Some(_) => ["return", "typeof", "case", "in", "of", "yield", "await"]
            .iter()
            .any(|k| {
                trimmed.ends_with(k)
                    && !trimmed[..trimmed.len() - k.len()].ends_with(is_ident_start)
            }),
    }
}

/// Length of a regular expression literal at the start of `s` (which starts with `/`), with
/// its flags; `None` when it does not close on its line (then it was a division).
fn regex_end(s: &str) -> Option<usize> {
    if s.starts_with("//") || s.starts_with("/*") {
        return None;
    }
    let (mut escaped, mut class) = (false, false);
    for (j, ch) in s.char_indices().skip(1) {
        match ch {
            '\n' => return None,
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => class = true,
            ']' => class = false,
            '/' if !class => {
                let flags = s[j + 1..]
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(s.len() - j - 1);
                return Some(j + 1 + flags);
            }
            _ => {}
        }
    }
    None
}

/// Length of a shell here-document at the start of `s` (`<<EOF`, `<<-'EOF'`, `<<"EOF"`):
/// through its closing line, or to the end. `<<<` (a here-string) is not one.
fn heredoc_end(s: &str) -> Option<usize> {
    let spec = s.strip_prefix("<<")?;
    if spec.starts_with('<') {
        return None;
    }
    let tabs = spec.starts_with('-');
    let spec = spec.trim_start_matches('-').trim_start_matches([' ', '\t']);
    let word: String = spec
        .trim_start_matches(['\'', '"'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if word.is_empty() {
        return None;
    }
    let line_end = s.find('\n')?;
    let mut at = line_end + 1;
    for line in s[line_end + 1..].split_inclusive('\n') {
        at += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let line = if tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        if line == word {
            return Some(at - usize::from(s[..at].ends_with('\n')));
        }
    }
    Some(s.len())
}

fn is_word_byte(b: u8, dash: bool) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || (dash && b == b'-') || b >= 0x80
}

fn ident_len(s: &str, dash: bool) -> usize {
    s.find(|c: char| !(c.is_alphanumeric() || c == '_' || (dash && c == '-') || c == '.' && dash))
        .unwrap_or(s.len())
}

/// `key:` (followed by space or end) or `key =`.
fn followed_by_key_mark(rest: &str) -> bool {
    let t = rest.trim_start_matches([' ', '\t']);
    (t.starts_with(':') && t[1..].starts_with([' ', '\t', '\n', '\r']))
        || t == ":"
        || (t.starts_with('=') && !t.starts_with("=="))
}

/// Length of the string literal at the start of `s` (which starts with `quote`).
fn string_end(s: &str, quote: char, triple: bool) -> usize {
    let q = quote.len_utf8();
    if triple {
        let fence: String = std::iter::repeat_n(quote, 3).collect();
        if let Some(after) = s.strip_prefix(fence.as_str()) {
            return after
                .find(fence.as_str())
                .map_or(s.len(), |e| 3 * q + e + 3 * q);
        }
    }
    let mut escaped = false;
    for (j, ch) in s[q..].char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == quote {
            return q + j + q;
        } else if ch == '\n' && quote != '`' {
            return q + j;
        }
    }
    s.len()
}

fn lex_markup(code: &str, out: &mut String) {
    let mut i = 0;
    let mut plain = 0;
    while i < code.len() {
        let rest = &code[i..];
        let token = if rest.starts_with("<!--") {
            Some(("c", rest.find("-->").map_or(rest.len(), |e| e + 3)))
        } else if rest.starts_with("{#") {
            Some(("c", rest.find("#}").map_or(rest.len(), |e| e + 2)))
        } else if rest.starts_with("{%") {
            Some(("m", rest.find("%}").map_or(rest.len(), |e| e + 2)))
        } else if rest.starts_with("{{") {
            Some(("m", rest.find("}}").map_or(rest.len(), |e| e + 2)))
        } else if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            escape_into(&code[plain..i], out);
            i += lex_tag(rest, out);
            plain = i;
            continue;
        } else {
            None
        };
        match token {
            Some((class, len)) => {
                escape_into(&code[plain..i], out);
                span(out, class, &rest[..len]);
                i += len;
                plain = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    escape_into(&code[plain..], out);
}

/// Highlights one tag starting at `<`; returns its length.
fn lex_tag(s: &str, out: &mut String) -> usize {
    let mut name_end = if s[1..].starts_with(['/', '!']) { 2 } else { 1 };
    name_end += s[name_end..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_')))
        .unwrap_or(s.len() - name_end);
    span(out, "t", &s[..name_end]);
    let mut i = name_end;
    let mut plain = i;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with("/>") || rest.starts_with('>') {
            escape_into(&s[plain..i], out);
            let len = if rest.starts_with('>') { 1 } else { 2 };
            span(out, "t", &rest[..len]);
            return i + len;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '"' || c == '\'' {
            escape_into(&s[plain..i], out);
            let len = string_end(rest, c, false);
            span(out, "s", &rest[..len]);
            i += len;
            plain = i;
        } else if c.is_ascii_alphabetic() {
            escape_into(&s[plain..i], out);
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | ':')))
                .unwrap_or(rest.len());
            span(out, "a", &rest[..len]);
            i += len;
            plain = i;
        } else {
            i += c.len_utf8();
        }
    }
    escape_into(&s[plain..], out);
    s.len()
}

fn lex_diff(code: &str, out: &mut String) {
    for line in code.split_inclusive('\n') {
        let class = if line.starts_with("+++") || line.starts_with("---") || line.starts_with("@@")
        {
            Some("m")
        } else if line.starts_with('+') {
            Some("i")
        } else if line.starts_with('-') {
            Some("d")
        } else {
            None
        };
        match class {
            Some(class) => {
                let body = line.trim_end_matches('\n');
                span(out, class, body);
                out.push_str(&line[body.len()..]);
            }
            None => escape_into(line, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text content of highlighted HTML, entities decoded: highlighting must never change
    /// what the reader sees.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    const SAMPLES: &[(&str, &str)] = &[
        (
            "python",
            "@login_required\ndef view(request):\n    # N+1 here\n    qs = Book.objects.select_related(\"author\")\n    return [b.title for b in qs if b.pages > 10]\n\"\"\"doc <b>\"\"\"\n",
        ),
        (
            "sql",
            "SELECT id, count(*) FROM books -- comment\nWHERE title = 'O''Reilly' /* x */;\n",
        ),
        (
            "bash",
            "python manage.py migrate --plan  # check first\necho \"$HOME\" ${PATH} a#b\n",
        ),
        (
            "yaml",
            "title: Hello <world>\nlevel: [mid, senior]\n- strong: yes # ok\n",
        ),
        ("toml", "[book]\ntitle = \"Django\"\nbuild-dir = 'book'\n"),
        ("json", "{\"a\": [1, 2.5, true, null], \"b\": \"x\\\"y\"}"),
        (
            "html",
            "<!-- c --><a href=\"x\" data-x='y'>{{ user.name|escape }}</a>{% if x %}<br/>{% endif %}",
        ),
        ("diff", "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same\n"),
        (
            "js",
            "const x = `a ${b}`; // c\nfunction f() { return 1 < 2 && \"s\"; }",
        ),
        ("unknown", "<script>alert(1)</script>"),
        ("go", "func f() string { return `raw <b>` + \"s\" } // c"),
        ("java", "@Override public int f() { return 1; } /* <c> */"),
        (
            "c",
            "#include <stdio.h>\nint main(void) { char c = '<'; return 0; }",
        ),
        ("cpp", "std::vector<int> v{1, 2}; // <v>"),
        ("csharp", "public async Task<int> F() => await G(\"<x>\");"),
        ("ruby", "def f(x) # <c>\n  :sym if x.nil?\nend"),
        ("kotlin", "val s = \"\"\"<raw>\"\"\"; fun f() = 1"),
        ("swift", "let s = \"<x>\" // c\nfunc f() -> Int { 1 }"),
        ("php", "<?php $x = '<b>'; echo $x; # c"),
        ("hcl", "resource \"aws\" \"x\" {\n  name = \"<n>\" # c\n}"),
        ("bash", "cat <<'EOF' > f\nit's <here>\nEOF\necho 'x'"),
        ("rust", "let s = br#\"<a> \"q\" \"#; // c"),
    ];

    #[test]
    fn highlighting_keeps_the_text() {
        for (lang, code) in SAMPLES {
            let html = highlight(code, lang);
            assert_eq!(&text_of(&html), code, "{lang}: {html}");
        }
    }

    #[test]
    fn no_raw_markup_escapes_from_code() {
        for (lang, code) in SAMPLES {
            let html = highlight(code, lang);
            let stripped = html.replace("<span class=\"hl-", "").replace("</span>", "");
            assert!(!stripped.contains('<'), "{lang}: {html}");
        }
    }

    #[test]
    fn tokens_get_their_classes() {
        let html = highlight("def f(): return None  # done", "python");
        assert!(html.contains("<span class=\"hl-k\">def</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-k\">None</span>"), "{html}");
        assert!(
            html.contains("<span class=\"hl-c\"># done</span>"),
            "{html}"
        );
        let sql = highlight("select * from t where id = 42", "sql");
        assert!(sql.contains("<span class=\"hl-k\">select</span>"), "{sql}");
        assert!(sql.contains("<span class=\"hl-n\">42</span>"), "{sql}");
        let yaml = highlight("topic: database # db", "yaml");
        assert!(yaml.contains("<span class=\"hl-a\">topic</span>"), "{yaml}");
        let sh = highlight("echo $HOME", "sh");
        assert!(sh.contains("<span class=\"hl-v\">$HOME</span>"), "{sh}");
        let py = highlight("x = 'a' + \"b\"", "py");
        assert!(
            py.contains("<span class=\"hl-s\">&#39;a&#39;</span>"),
            "{py}"
        );
    }

    /// The cases a token-by-token lexer gets wrong unless it knows the construct.
    #[test]
    fn tricky_constructs_are_one_token() {
        let has = |lang: &str, code: &str, class: &str, token: &str| {
            let html = highlight(code, lang);
            let mut want = String::new();
            escape_into(token, &mut want);
            let span = format!("<span class=\"hl-{class}\">{want}</span>");
            assert!(html.contains(&span), "{lang}: want {span} in {html}");
        };
        // A regex with quotes in it, and the comment after it.
        let js = r#"const re = /"[a-z]+'/g; // done"#;
        has("js", js, "s", r#"/"[a-z]+'/g"#);
        has("js", js, "c", "// done");
        has("js", "if (/[/]x/.test(s)) {}", "s", "/[/]x/");
        // Division is no regex.
        assert!(!highlight("const r = a / b / c;", "js").contains("hl-s"));
        // Rust raw strings, with quotes and hashes.
        has(
            "rust",
            r##"let s = r#"a "q" b"#; // c"##,
            "s",
            r##"r#"a "q" b"#"##,
        );
        has("rust", r#"let b = br"x\"; 1"#, "s", r#"br"x\""#);
        // Exponents with a sign.
        has("python", "x = 3.5e-2 + 1E+9", "n", "3.5e-2");
        has("python", "x = 3.5e-2 + 1E+9", "n", "1E+9");
        assert!(highlight("y = 0x1e-2", "c").contains("<span class=\"hl-n\">0x1e</span>-"));
        // A quote inside a here-document opens nothing.
        let sh = "cat <<EOF\nit's here\nEOF\necho 'x'";
        has("sh", sh, "s", "<<EOF\nit's here\nEOF");
        has("sh", sh, "s", "'x'");
        has(
            "sh",
            "cat <<-'END'\n\tdon't\n\tEND\nls",
            "s",
            "<<-'END'\n\tdon't\n\tEND",
        );
        assert!(!highlight("x <<< 'y'", "sh").contains("&lt;&lt;&lt; &#39;y&#39;</span>"));
    }

    /// Every language interview handbooks use gets its keywords coloured.
    #[test]
    fn the_languages_handbooks_use_are_coloured() {
        for (lang, code, keyword) in [
            ("python", "def f(): pass", "def"),
            ("sql", "SELECT 1", "SELECT"),
            ("sh", "if true; then ls; fi", "then"),
            ("ts", "let x: number = 1", "let"),
            ("go", "func main() {}", "func"),
            ("java", "public class A {}", "class"),
            ("kotlin", "fun main() {}", "fun"),
            ("c", "int main(void) {}", "int"),
            ("cpp", "namespace a {}", "namespace"),
            ("csharp", "public record P();", "record"),
            ("ruby", "def f\nend", "def"),
            ("php", "function f() {}", "function"),
            ("rust", "fn main() {}", "fn"),
            ("swift", "func f() {}", "func"),
            ("hcl", "resource \"a\" \"b\" {}", "resource"),
            ("dockerfile", "FROM python:3.12", "FROM"),
        ] {
            let html = highlight(code, lang);
            assert!(
                html.contains(&format!("<span class=\"hl-k\">{keyword}</span>")),
                "{lang}: {html}"
            );
        }
        for lang in ["yaml", "json", "toml", "html", "css", "diff"] {
            assert!(is_supported(lang), "{lang}");
        }
    }

    #[test]
    fn identifiers_containing_keywords_are_not_split() {
        let html = highlight("format_in = information", "python");
        assert!(!html.contains("hl-k"), "{html}");
        // The code itself is all there.
        assert!(
            html.contains("format_in") && html.contains("information"),
            "{html}"
        );
    }

    #[test]
    fn unterminated_constructs_do_not_panic() {
        for (lang, code) in [
            ("python", "\"\"\"never closed"),
            ("python", "'abc"),
            ("sql", "/* open"),
            ("html", "<a href=\"x"),
            ("html", "{% tag"),
            ("bash", "${HOME"),
            ("python", "é = 'ü'; @"),
        ] {
            let html = highlight(code, lang);
            assert_eq!(text_of(&html), code);
        }
    }
}
