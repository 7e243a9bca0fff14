//! What `serve` and `watch` keep between runs of the pipeline, so that a run after a save does
//! only the work the save calls for: read again only the files the watcher saw change
//! (everything, when the change is more than plain files), parse again only files whose text
//! changed, compile the theme again only when its files changed, and render again only the
//! pages whose data changed (`render::RenderCache`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::error::IoError;
use crate::hash::KeyHasher;
use crate::model::{self, Handbook, Parsed};
use crate::render::RenderCache;
use crate::render::theme::Theme;
use crate::source::{self, Sources};

#[derive(Default)]
pub struct Cache {
    /// Source path → (hash of what its parse depends on, the parse).
    parsed: HashMap<String, (u64, Parsed)>,
    theme: Option<(u64, Arc<Theme>)>,
    pub(super) pages: RenderCache,
    /// What the last run read, to read only changed files next time.
    sources: Option<Arc<Sources>>,
}

impl Cache {
    /// The handbook's files: the previous run's with only `changed` (absolute paths) read
    /// again when that is all it takes, or all of them read.
    pub fn sources(
        &mut self,
        root: &Path,
        config: &Config,
        changed: Option<&[PathBuf]>,
    ) -> Result<Sources, IoError> {
        let previous = self.sources.take();
        let updated = changed
            .zip(previous)
            .and_then(|(changed, previous)| reread(root, previous, config, changed));
        match updated {
            Some(sources) => Ok(sources),
            None => source::load(root, config),
        }
    }

    /// Keeps `sources` for the next run, and hands them back shared.
    pub fn keep_sources(&mut self, sources: Sources) -> Arc<Sources> {
        let sources = Arc::new(sources);
        self.sources = Some(Arc::clone(&sources));
        sources
    }

    /// Parses the files whose parse may have changed, and validates the handbook. Returns it
    /// (when valid), every diagnostic, and how many files were parsed again.
    pub fn parse_and_validate(
        &mut self,
        config: &Config,
        sources: &Sources,
    ) -> (Option<Handbook>, Vec<Diagnostic>, usize) {
        let parse_phase = crate::timings::start("parse");
        let links = model::link_map(sources);

        // A file's parse depends on its text, on which files exist (links are rewritten to
        // them) and on the config.
        let mut shared = KeyHasher::default();
        shared.feed(format!("{config:?}").as_bytes());
        for f in &sources.files {
            shared.feed(f.path.as_bytes());
        }
        for a in &sources.assets {
            shared.feed(a.content_path.as_bytes());
        }
        let shared = shared.finish();
        let mut previous = std::mem::take(&mut self.parsed);
        // A parse from the previous run is kept (None here) when its key is unchanged.
        let results: Vec<(u64, Option<Parsed>)> = sources
            .files
            .par_iter()
            .map(|file| {
                let mut key = KeyHasher::default();
                key.feed(&shared.to_le_bytes());
                key.feed(file.text.as_bytes());
                let key = key.finish();
                match previous.get(&file.path) {
                    Some((k, _)) if *k == key => (key, None),
                    _ => (key, Some(model::parse(config, file, &links))),
                }
            })
            .collect();
        let reparsed = results.iter().filter(|(_, p)| p.is_some()).count();
        let kept: Vec<(String, u64, Parsed)> = sources
            .files
            .iter()
            .zip(results)
            .map(|(file, (key, fresh))| {
                let parsed = match fresh.or_else(|| previous.remove(&file.path).map(|(_, p)| p)) {
                    Some(parsed) => parsed,
                    None => model::parse(config, file, &links),
                };
                (file.path.clone(), key, parsed)
            })
            .collect();
        // The model takes its parses by value; the cache keeps the originals for next time.
        let parsed = kept.par_iter().map(|(_, _, p)| p.clone()).collect();
        self.parsed = kept
            .into_iter()
            .map(|(path, key, parsed)| (path, (key, parsed)))
            .collect();
        drop(parse_phase);
        let (handbook, diagnostics) = crate::timings::phase("validate", || {
            model::assemble(config.clone(), sources, parsed)
        });
        (handbook, diagnostics, reparsed)
    }

    /// The compiled theme, compiled again only when its files changed.
    pub fn theme(&mut self, root: &Path, config: &Config) -> Result<Arc<Theme>, Vec<Diagnostic>> {
        let files = source::theme::read(root, &config.build.theme)?;
        let mut key = KeyHasher::default();
        for t in &files.templates {
            key.feed(t.path.as_bytes());
            key.feed(t.text.as_bytes());
        }
        for (name, bytes) in &files.statics {
            key.feed(name.as_bytes());
            key.feed(bytes);
        }
        for s in &files.strings {
            key.feed(s.path.as_bytes());
            key.feed(s.text.as_bytes());
        }
        key.feed(config.book.language.as_bytes());
        let key = key.finish();
        if let Some((k, theme)) = &self.theme
            && *k == key
        {
            return Ok(theme.clone());
        }
        let rtl = config.book.right_to_left();
        let theme = Arc::new(Theme::new(&files, &config.book.language, rtl)?);
        self.theme = Some((key, theme.clone()));
        Ok(theme)
    }
}

/// The previous run's sources with only the `changed` files read again, or `None` when
/// everything must be read: a path is not a plain content file, or the previous sources are
/// still in use.
fn reread(
    root: &Path,
    previous: Arc<Sources>,
    config: &Config,
    changed: &[PathBuf],
) -> Option<Sources> {
    let canonical = root.canonicalize().ok()?;
    let content = canonical.join(&config.build.content_dir);
    let themes = canonical.join("themes");
    let strings = canonical.join("i18n");
    let mut paths = Vec::new();
    for path in changed {
        if let Ok(inside) = path.strip_prefix(&content) {
            paths.push(source::slash_path(inside));
        } else if !path.starts_with(&themes) && !path.starts_with(&strings) {
            // The theme and the strings are read again by every build; anything else means
            // reading everything.
            return None;
        }
    }
    let mut sources = Arc::try_unwrap(previous).ok()?;
    source::reload::update(&mut sources, root, config, &paths).then_some(sources)
}
