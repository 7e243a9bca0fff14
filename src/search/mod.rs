//! The search index, built from the typed model (not by scraping pages) at build time, and
//! searched in the browser by `themes/default/static/search.js`.

pub mod docs;
pub mod index;
pub mod text;

use std::hash::{Hash, Hasher};

use crate::error::IoError;
use crate::hash::StableHasher;
use crate::model::{Handbook, Level};
use crate::render::{Rendered, Sink, fingerprinted};

use docs::Kind;
use index::{FacetValue, Facets};

/// What the index is built from, gathered before it is built: pages must know the name of
/// its manifest before the index exists, so that both can be made at the same time.
pub struct Prepared<'a> {
    docs: Vec<docs::Doc<'a>>,
    facets: Facets,
    /// Where the manifest goes, relative to the site root.
    pub manifest: String,
}

/// Gathers the documents and names the manifest after them.
pub fn prepare(handbook: &Handbook) -> Prepared<'_> {
    let docs = docs::collect(handbook);
    let facets = facets(handbook);
    // Named by what the index is made from rather than by its bytes (which do not exist yet):
    // the same documents, built by the same version of hirebook, make the same index.
    let mut key = StableHasher::default();
    env!("CARGO_PKG_VERSION").hash(&mut key);
    docs.hash(&mut key);
    facets.hash(&mut key);
    let hash = format!("{:016x}", key.finish());
    let manifest = format!("static/search-index-{}.js", &hash[..10]);
    Prepared {
        docs,
        facets,
        manifest,
    }
}

/// Writes the index into `sink`.
pub fn write(prepared: &Prepared, sink: &dyn Sink) -> Result<Rendered, IoError> {
    let files = index::build(
        &prepared.docs,
        &prepared.facets,
        &|name, text| fingerprinted(&format!("{name}.js"), text.as_bytes()),
        &prepared.manifest,
    );
    let _writing = crate::timings::start("write");
    let mut written = Rendered::default();
    for file in files {
        sink.write(&file.name, file.text.as_bytes())?;
        written.files += 1;
        written.bytes += file.text.len() as u64;
    }
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
