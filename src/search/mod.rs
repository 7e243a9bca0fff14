//! The search index, built from the typed model (not by scraping pages) at build time, and
//! searched in the browser by `themes/default/static/search.js`.

pub mod docs;
pub mod index;
mod postings;
mod term_cache;
pub mod text;

pub use term_cache::TermCache;

use crate::error::IoError;
use crate::model::{Handbook, Level};
use crate::output::{Rendered, Sink, fingerprinted};

use docs::Kind;
use index::{FacetValue, Facets};

/// The manifest, which pages point at. Its name stays the same from build to build: it is
/// small, and pages that named it by its hash would all change whenever any text changed.
/// Every other index file is named by its hash and may be cached for ever.
pub const MANIFEST: &str = "static/search-index.js";

/// Writes the index into `sink`. A long-running session passes `kept`, so that the next
/// build reads only the documents that changed.
pub fn write(
    handbook: &Handbook,
    sink: &dyn Sink,
    kept: Option<&mut TermCache>,
) -> Result<Rendered, IoError> {
    let docs = crate::timings::phase("documents", || docs::collect(handbook));
    let mut written = Rendered::default();
    index::build(
        &docs,
        &facets(handbook),
        &|name, text| fingerprinted(&format!("{name}.js"), text.as_bytes()),
        MANIFEST,
        &mut |path, text| {
            written.files += 1;
            written.bytes += text.len() as u64;
            sink.write(path, text.as_bytes())
        },
        kept,
    )?;
    Ok(written)
}

fn facets(handbook: &Handbook) -> Facets {
    Facets {
        topics: handbook
            .topics
            .iter()
            .map(|t| FacetValue {
                id: t.id.to_string(),
                label: t.title.clone(),
            })
            .collect(),
        roles: handbook
            .roles
            .iter()
            .map(|r| FacetValue {
                id: r.id.to_string(),
                label: r.title.clone(),
            })
            .collect(),
        levels: Level::ALL
            .iter()
            .map(|l| FacetValue {
                id: l.as_str().to_owned(),
                label: l.label().to_owned(),
            })
            .collect(),
        kinds: Kind::ALL
            .iter()
            .map(|k| FacetValue {
                id: k.id().to_owned(),
                label: k.label().to_owned(),
            })
            .collect(),
    }
}
