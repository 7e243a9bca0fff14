//! A handbook kept in memory between builds, for `serve` and `watch`: a rebuild reads again only
//! the files the watcher saw change (everything, when the change is more than plain files),
//! re-parses only those whose text changed, and re-renders only the pages whose data changed.
//! The site is built into memory and replaces the previous one only when the build succeeds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cmd::CmdError;
use crate::config::Config;
use crate::diag::{self, Diagnostic};
use crate::error::{IoContext, IoError};
use crate::model::{self, Parsed};
use crate::render::theme::Theme;
use crate::render::{self, KeyHasher, RenderCache, RenderError, RenderOptions, Sink};
use crate::source::{self, Sources};
use crate::timings::phase;

/// A built site in memory: output path → bytes.
pub type Site = HashMap<String, Arc<[u8]>>;

/// Collects a build in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Site>,
}

impl MemorySink {
    pub fn into_site(self) -> Site {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn put(&self, path: &str, bytes: Arc<[u8]>) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_owned(), bytes);
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), IoError> {
        self.put(path, Arc::from(bytes));
        Ok(())
    }

    fn write_shared(&self, path: &str, bytes: Arc<[u8]>) -> Result<(), IoError> {
        self.put(path, bytes);
        Ok(())
    }

    fn copy(&self, from: &Path, path: &str) -> Result<(), IoError> {
        let bytes = std::fs::read(from).io_context("read", from)?;
        self.put(path, Arc::from(bytes));
        Ok(())
    }
}

/// What one build produced.
pub struct Built {
    /// The config, when it could be read.
    pub config: Option<Config>,
    /// The site, when the build succeeded (there may still be warnings).
    pub site: Option<Site>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The sources, to quote lines in messages. Shared with the session, which updates them
    /// for the next build once this one is dropped.
    pub sources: Arc<Sources>,
    /// How many files were parsed again and how long the build took.
    pub reparsed: usize,
    pub elapsed: Duration,
}

pub struct Session {
    root: PathBuf,
    /// Serving locally: pages are served from `/`, whatever `site-url` says.
    at_root: bool,
    /// Source path → (hash of what its parse depends on, the parse).
    parsed: HashMap<String, (u64, Parsed)>,
    theme: Option<(u64, Arc<Theme>)>,
    pages: RenderCache,
    /// The same for every build of the session. Dates from git are read once, by the first
    /// build that finds the content.
    options: RenderOptions,
    dates_read: bool,
    /// What the last build read, to read only changed files next time.
    sources: Option<Arc<Sources>>,
}

impl Session {
    pub fn new(root: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            at_root: false,
            parsed: HashMap::new(),
            theme: None,
            pages: RenderCache::default(),
            options: RenderOptions::default(),
            dates_read: false,
            sources: None,
        }
    }

    /// For `serve`: the site is served from the server's root, with `inject` (the reload
    /// client) added to every page.
    pub fn serving(mut self, inject: &str) -> Session {
        self.at_root = true;
        self.options.inject = Some(inject.to_owned());
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Builds the handbook as it is on disk now. Problems in the handbook come back as
    /// diagnostics in `Built`; only a missing handbook or a failing disk is an error.
    pub fn build(&mut self) -> Result<Built, CmdError> {
        self.build_after(None)
    }

    /// `build`, after the watcher saw the files at `changed` (absolute paths) change: of the
    /// handbook's files only those are read again, when that is all it takes (see
    /// `source::reload::update`). `None`: nothing is known of what changed.
    pub fn build_after(&mut self, changed: Option<&[PathBuf]>) -> Result<Built, CmdError> {
        let started = Instant::now();
        let previous = self.sources.take();
        let mut config = match crate::cmd::read_config(&self.root)? {
            Ok(config) => config,
            Err((diagnostics, text)) => {
                return Ok(Built {
                    config: None,
                    site: None,
                    diagnostics,
                    sources: Arc::new(Sources {
                        config_text: Some(text),
                        ..Sources::default()
                    }),
                    reparsed: 0,
                    elapsed: started.elapsed(),
                });
            }
        };
        if self.at_root {
            config.html.site_url = "/".to_owned();
        }
        let sources = phase("read sources", || {
            let updated = changed
                .zip(previous)
                .and_then(|(changed, previous)| self.reread(previous, &config, changed));
            match updated {
                Some(sources) => Ok(sources),
                None => source::load(&self.root, &config),
            }
        })?;
        if !self.dates_read {
            self.options.last_updated = phase("git dates", || {
                crate::cmd::build::last_updated(&self.root, Some(&config), &sources)
            });
            self.dates_read = true;
        }
        let parse_phase = crate::timings::start("parse");
        let links = model::link_map(&sources);

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
        // A parse from the previous build is kept (None here) when its key is unchanged.
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
                    _ => (key, Some(model::parse(&config, file, &links))),
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
                    None => model::parse(&config, file, &links),
                };
                (file.path.clone(), key, parsed)
            })
            .collect();
        // The model takes its parses by value; the session keeps the originals for next time.
        let parsed = kept.par_iter().map(|(_, _, p)| p.clone()).collect();
        self.parsed = kept
            .into_iter()
            .map(|(path, key, parsed)| (path, (key, parsed)))
            .collect();
        drop(parse_phase);
        let (handbook, mut diagnostics) = phase("validate", || {
            model::assemble(config.clone(), &sources, parsed)
        });

        let theme = match phase("theme", || self.theme(&config)) {
            Ok(theme) => Some(theme),
            Err(problems) => {
                diagnostics.extend(problems);
                None
            }
        };
        let dest = self.root.join(&config.build.build_dir);
        if let Some(problem) =
            crate::cmd::build::unsafe_destination(&self.root, &config.build.content_dir, &dest)
        {
            diagnostics.push(crate::cmd::build::unsafe_build_dir(&problem));
        }
        diag::sort(&mut diagnostics);

        let mut site = None;
        if let (Some(handbook), Some(theme), 0) =
            (&handbook, &theme, diag::count_errors(&diagnostics))
        {
            let sink = MemorySink::default();
            match render::render_cached(handbook, theme, &self.options, &sink, &mut self.pages) {
                Ok(_) => site = Some(sink.into_site()),
                Err(RenderError::Templates(problems)) => {
                    diagnostics.extend(problems);
                    diag::sort(&mut diagnostics);
                }
                Err(RenderError::Io(e)) => return Err(e.into()),
            }
        }
        let sources = Arc::new(sources);
        self.sources = Some(Arc::clone(&sources));
        Ok(Built {
            config: Some(config),
            site,
            diagnostics,
            sources,
            reparsed,
            elapsed: started.elapsed(),
        })
    }

    /// The previous build's sources with only the `changed` files read again, or `None` when
    /// everything must be read: book.toml changed, a path is not a plain content file, or the
    /// previous sources are still in use.
    fn reread(
        &self,
        previous: Arc<Sources>,
        config: &Config,
        changed: &[PathBuf],
    ) -> Option<Sources> {
        let root = self.root.canonicalize().ok()?;
        let content = root.join(&config.build.content_dir);
        let themes = root.join("themes");
        let mut paths = Vec::new();
        for path in changed {
            if let Ok(inside) = path.strip_prefix(&content) {
                paths.push(source::slash_path(inside));
            } else if !path.starts_with(&themes) {
                return None;
            }
        }
        let mut sources = Arc::try_unwrap(previous).ok()?;
        source::reload::update(&mut sources, &self.root, config, &paths).then_some(sources)
    }

    /// The compiled theme, compiled again only when its files changed.
    fn theme(&mut self, config: &Config) -> Result<Arc<Theme>, Vec<Diagnostic>> {
        let files = source::theme::read(&self.root, &config.build.theme)?;
        let mut key = KeyHasher::default();
        for t in &files.templates {
            key.feed(t.path.as_bytes());
            key.feed(t.text.as_bytes());
        }
        for (name, bytes) in &files.statics {
            key.feed(name.as_bytes());
            key.feed(bytes);
        }
        let key = key.finish();
        if let Some((k, theme)) = &self.theme
            && *k == key
        {
            return Ok(theme.clone());
        }
        let theme = Arc::new(Theme::new(&files)?);
        self.theme = Some((key, theme.clone()));
        Ok(theme)
    }
}
