//! hirebook turns a folder of interview-handbook files into a searchable, printable website.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`config`]: `book.toml` → [`config::Config`]
//! 2. [`source`]: walk `content/`, read each file as text
//! 3. [`model`]: parse each file (front matter, YAML, [`markdown`]), then validate references
//!    into a typed [`model::Handbook`]; every problem is a [`diag::Diagnostic`]
//! 4. `render`: theme templates + view types → pages, plus the search index
//! 5. `output`: write into a staging folder beside the build dir, then swap it in
//!
//! Commands (`cmd`) string the stages together; `main` only parses arguments and maps the
//! outcome to an exit code.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod corpus;
pub mod diag;
pub mod error;
pub mod hash;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
mod serde_errors;
pub mod server;
pub mod session;
pub mod source;
pub mod timings;
pub mod watcher;
