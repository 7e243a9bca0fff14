//! hirebook turns a folder of interview-handbook files into a searchable, printable website.
//!
//! Every command runs one [`pipeline`], whose stages are modules:
//!
//! 1. [`config`]: `book.toml` → [`config::Config`]
//! 2. [`output::destination`]: the build dir checked to be hirebook's own, before anything is read
//! 3. [`source`]: walk `content/` and the theme, read each file as text
//! 4. [`model`]: parse each file (front matter, YAML, [`markdown`]), then validate references
//!    into a typed [`model::Handbook`]; every problem is a [`diag::Diagnostic`]
//! 5. [`render`] and [`search`]: theme templates + view types → pages, and the search index,
//!    handed to an [`output::Sink`]
//! 6. [`output`]: a staging folder beside the build dir, swapped in whole (or memory for
//!    `serve`, or nothing for `check`)
//!
//! Imports point down the pipeline: a stage names only earlier stages and the plumbing (`diag`,
//! `error`, `hash`, `timings`, `slug`), with one twist: `output`'s sinks sit below `render` and
//! `search`, which write into them. [`pipeline`] alone strings the stages together, and
//! `tests/architecture.rs` holds every module to its layer. Commands
//! ([`cmd`]) choose a target and print; `main` only parses arguments and maps the outcome to an
//! exit code. `docs/architecture.md` has the whole picture.

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
pub mod pipeline;
pub mod render;
pub mod search;
mod serde_errors;
pub mod server;
pub mod slug;
pub mod source;
pub mod timings;
pub mod watcher;
