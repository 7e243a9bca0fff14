//! The search index, built from the typed model (not by scraping pages) at build time, and
//! searched in the browser by `themes/default/static/search.js`.

pub mod docs;
pub mod index;
pub mod text;

use crate::error::IoError;
use crate::model::{Handbook, Level};
use crate::render::{Rendered, Sink, fingerprinted};

use docs::Kind;
use index::{FacetValue, Facets};

pub use index::SearchCache;

/// Writes the index into `sink`; returns the manifest's path, which pages point at. Documents
/// unchanged since the build that filled `cache` are not tokenised again.
pub fn write(
    handbook: &Handbook,
    sink: &dyn Sink,
    cache: &mut SearchCache,
) -> Result<(String, Rendered), IoError> {
    let docs = docs::collect(handbook);
    let facets = facets(handbook);
    let (files, manifest) = index::build(
        &docs,
        &facets,
        &|name, text| fingerprinted(&format!("{name}.js"), text.as_bytes()),
        cache,
    );
    let mut written = Rendered::default();
    for file in files {
        sink.write(&file.name, file.text.as_bytes())?;
        written.files += 1;
        written.bytes += file.text.len() as u64;
    }
    Ok((manifest, written))
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
