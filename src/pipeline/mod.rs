//! The one build pipeline, which every command runs:
//!
//! read config → check the destination → load → parse → validate → render → write
//!
//! `build` runs it once into the build dir, `check` runs it writing nothing, `watch` and `serve`
//! run it after every save with an [`incremental::Cache`] (into the build dir, or into memory).
//! Commands only choose a [`Target`] and print the [`Run`]; none has its own copy of the steps,
//! so a rule such as "the build dir must be hirebook's own" holds for all of them.

pub mod incremental;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{Audience, Config, ConfigError};
use crate::diag::{self, Code, Diagnostic};
use crate::error::RunError;
use crate::model::{self, Handbook};
use crate::output::destination::{self, Destination, Protected, Refusal};
use crate::output::staging::{self, CommitError};
use crate::output::{Budget, Discard, MemorySink, Rendered, Sink, Site, Staging};
use crate::render::theme::Theme;
use crate::render::{self, RenderError, RenderOptions};
use crate::source::{self, Sources};
use crate::timings::phase;

/// Where a run's site goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// `check`: everything a build does but writing; the build dir is checked all the same.
    Nothing,
    /// `build` and `watch`: replace the build dir, or `dest` when the command line gives one.
    BuildDir { dest: Option<PathBuf> },
    /// `serve`: keep the site in memory, served from `/`, with `inject` added to every page.
    Memory { inject: String },
}

/// A handbook folder and what its runs produce.
pub struct Pipeline {
    root: PathBuf,
    target: Target,
    /// Kept between runs by `serve` and `watch`; a one-off run keeps nothing.
    cache: Option<incremental::Cache>,
    options: RenderOptions,
    dates_read: bool,
    /// Publish draft questions (`--drafts`).
    drafts: bool,
}

/// What one run found and made.
pub struct Run {
    /// The config, when book.toml could be read.
    pub config: Option<Config>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The sources, to quote lines in messages.
    pub sources: Arc<Sources>,
    /// The validated handbook, when it has no errors.
    pub handbook: Option<Handbook>,
    /// What was written, when the run succeeded.
    pub output: Option<Output>,
    /// How many files were parsed (again), and how long the run took.
    pub parsed: usize,
    pub elapsed: Duration,
    /// Whose edition it made.
    pub audience: Audience,
}

/// What `clean` did.
pub enum Cleaned {
    /// The build in this folder was removed.
    Removed(PathBuf),
    /// There was no build here.
    Nothing(PathBuf),
}

/// The site a successful run made.
pub struct Output {
    pub rendered: Rendered,
    /// Where it was written (`Target::BuildDir`).
    pub dest: Option<Destination>,
    /// The site itself (`Target::Memory`).
    pub site: Option<Site>,
}

impl Run {
    pub fn has_errors(&self) -> bool {
        diag::count_errors(&self.diagnostics) > 0
    }
}

impl Pipeline {
    pub fn new(root: &Path, target: Target) -> Pipeline {
        let inject = match &target {
            Target::Memory { inject } => Some(inject.clone()),
            _ => None,
        };
        Pipeline {
            root: root.to_path_buf(),
            target,
            cache: None,
            options: RenderOptions {
                inject,
                ..RenderOptions::default()
            },
            dates_read: false,
            drafts: false,
        }
    }

    /// Builds `audience`'s edition: book.toml's `[audience.<name>]` over the config, and
    /// only what that audience reads.
    pub fn with_audience(mut self, audience: Audience) -> Pipeline {
        self.options.audience = audience;
        self
    }

    /// Publishes draft questions too, marked as drafts (`--drafts`).
    pub fn with_drafts(mut self, drafts: bool) -> Pipeline {
        self.drafts = drafts;
        self
    }

    /// Keeps what runs have in common between them, for `serve` and `watch`.
    pub fn incremental(mut self) -> Pipeline {
        self.cache = Some(incremental::Cache::default());
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `hirebook clean`: removes the build in the target's build dir, when hirebook owns it
    /// (the same check a build makes before replacing it). The inner error holds book.toml's
    /// problems, or why its `build-dir` may not be touched.
    pub fn clean(&self) -> Result<Result<Cleaned, Vec<Diagnostic>>, RunError> {
        let config = match read_config(&self.root)? {
            Ok(config) => config.edition(self.options.audience),
            Err(problems) => return Ok(Err(problems.diagnostics)),
        };
        let dest = match self.destination(&config)? {
            Ok(Some(dest)) => dest,
            Ok(None) => return Ok(Ok(Cleaned::Nothing(self.root.clone()))),
            Err(refusal) => {
                let text = std::fs::read_to_string(self.root.join(crate::config::FILE_NAME)).ok();
                let d =
                    refused_build_dir(&config, self.options.audience, &refusal, text.as_deref());
                return Ok(Err(vec![d]));
            }
        };
        match staging::remove(&dest) {
            Ok(true) => Ok(Ok(Cleaned::Removed(dest.shown))),
            Ok(false) => Ok(Ok(Cleaned::Nothing(dest.shown))),
            Err(CommitError::Io(e)) => Err(e.into()),
            Err(CommitError::Refused(refusal)) => match &self.target {
                Target::BuildDir { dest: Some(shown) } => Err(refused_dest_dir(shown, &refusal)),
                _ => {
                    let d = refused_build_dir(&config, self.options.audience, &refusal, None);
                    Ok(Err(vec![d]))
                }
            },
        }
    }

    /// Runs the pipeline on the handbook as it is on disk now. `changed`: the files the watcher
    /// saw change since the previous run (absolute paths), when known. Problems in the
    /// handbook come back as diagnostics in the `Run`; only a refused `--dest-dir`, a missing
    /// handbook or a failing disk is an error.
    pub fn run(&mut self, changed: Option<&[PathBuf]>) -> Result<Run, RunError> {
        let started = Instant::now();
        // With book.toml's problems, the content is still checked when the rest of the file
        // is sound; those problems fail the run, so nothing is written.
        let mut config_problems = Vec::new();
        let mut config = match phase("config", || read_config(&self.root))? {
            Ok(config) => config,
            Err(ConfigProblems {
                diagnostics,
                partial: Some(partial),
                ..
            }) => {
                config_problems = diagnostics;
                *partial
            }
            Err(ConfigProblems {
                diagnostics, text, ..
            }) => {
                return Ok(Run {
                    config: None,
                    diagnostics,
                    sources: Arc::new(Sources {
                        config_text: Some(text),
                        ..Sources::default()
                    }),
                    handbook: None,
                    output: None,
                    parsed: 0,
                    elapsed: started.elapsed(),
                    audience: self.options.audience,
                });
            }
        };
        config = config.edition(self.options.audience);
        if matches!(self.target, Target::Memory { .. }) {
            config.html.site_url = "/".to_owned();
        }
        let mut refused = None;
        let dest = match phase("check build dir", || self.destination(&config))? {
            // The answer key never replaces a candidates' build (it would be published where
            // candidates read); that folder is emptied with `clean` first, on purpose.
            Ok(Some(dest))
                if self.options.audience == Audience::Interviewers
                    && render::holds_candidates_edition(&dest.path) =>
            {
                let refusal = Refusal {
                    reason: "holds the candidates' edition, and the interviewers' edition there \
                             would publish the answer key where candidates read"
                        .to_owned(),
                    help: format!(
                        "build the interviewers' edition into its own folder, or remove the \
                         candidates' build first (`hirebook clean` with the same folder: {})",
                        dest.shown.display()
                    ),
                };
                if let Target::BuildDir { dest: Some(shown) } = &self.target {
                    return Err(refused_dest_dir(shown, &refusal));
                }
                refused = Some(refusal);
                None
            }
            Ok(dest) => dest,
            Err(refusal) => {
                refused = Some(refusal);
                None
            }
        };

        let mut sources = phase("read sources", || match &mut self.cache {
            Some(cache) => cache.sources(&self.root, &config, changed),
            None => source::load(&self.root, &config),
        })?;
        // The candidates' edition shows no dates: a page's date moves when only what
        // interviewers read changed.
        let dated = self.options.audience == Audience::Interviewers;
        if dated && !self.dates_read && !matches!(self.target, Target::Nothing) {
            self.options.last_updated = phase("git dates", || {
                let wanted = sources.files.iter().map(|f| f.path.as_str()).collect();
                source::git::last_updated(&self.root, &config.build.content_dir, &wanted)
            });
            self.dates_read = true;
        }
        // The version printed on packets: book.toml's, else the commit the handbook is at
        // (read on every run: serve and watch follow new commits).
        self.options.version = match &config.book.version {
            Some(version) => Some(version.clone()),
            None if matches!(self.target, Target::Nothing) => None,
            None => phase("git version", || source::git::version(&self.root)),
        };

        let (handbook, found, parsed) = match &mut self.cache {
            Some(cache) => cache.parse_and_validate(&config, &sources),
            None => {
                let parsed = sources.files.len();
                let (handbook, found) = model::load_releasing(config.clone(), &mut sources);
                (handbook, found, parsed)
            }
        };
        let mut diagnostics = found;
        // What a build publishes: without `--drafts`, the handbook without its drafts.
        let locate = |file: &str, needle: &str, skip: &[(u32, u32)]| {
            let text = sources.file(file)?.snippet_text()?;
            text.match_indices(needle)
                .map(|(at, _)| crate::diag::lines::position_at(text, at))
                .find(|p| !skip.iter().any(|(a, b)| (*a..=*b).contains(&p.line)))
        };
        let handbook = handbook.map(|h| {
            let (h, found) = model::publish::publishable(h, self.drafts, &locate);
            diagnostics.extend(found);
            h
        });
        // Warnings about the whole handbook, on what is published; noise while it has errors
        // (a file that failed to parse would show up as, say, a dimension nobody covers).
        if let Some(h) = &handbook
            && diag::count_errors(&diagnostics) == 0
        {
            diagnostics.extend(phase("warnings", || model::warnings::check(h, &sources)));
        }
        // The audience's edition: only what its readers read (after the warnings, which are
        // about the handbook as interviewers use it).
        let also_candidates = config.candidates.is_some();
        let handbook = handbook.map(|h| {
            let (h, found) =
                model::audience::edition(h, self.options.audience, also_candidates, &locate);
            diagnostics.extend(found);
            h
        });
        diagnostics.extend(config_problems);
        if let Some(refusal) = refused {
            let text = sources.config_text.as_deref();
            diagnostics.push(refused_build_dir(
                &config,
                self.options.audience,
                &refusal,
                text,
            ));
        }
        let theme = phase("theme", || self.theme(&config));
        let theme = theme.map_err(|problems| diagnostics.extend(problems)).ok();
        diag::sort(&mut diagnostics);

        let sources = match &mut self.cache {
            Some(cache) => cache.keep_sources(sources),
            None => Arc::new(sources),
        };
        let mut run = Run {
            config: Some(config),
            diagnostics,
            sources,
            handbook,
            output: None,
            parsed,
            elapsed: Duration::ZERO,
            audience: self.options.audience,
        };
        if let (Some(handbook), Some(theme), Some(config), false) =
            (&run.handbook, &theme, &run.config, run.has_errors())
        {
            let text = run.sources.config_text.as_deref();
            let build_dir = (config, text);
            let input = (
                run.sources.files.len(),
                run.sources.files.iter().map(|f| f.len as u64).sum(),
            );
            match self.render_and_write(handbook, theme, dest, build_dir, input)? {
                Ok(output) => run.output = Some(output),
                Err(problems) => {
                    run.diagnostics.extend(problems);
                    diag::sort(&mut run.diagnostics);
                }
            }
        }
        diag::summarise_floods(&mut run.diagnostics);
        diag::cap(&mut run.diagnostics);
        // Only now, for the problems shown: see `diag::suggest`.
        diag::suggest::resolve(&mut run.diagnostics);
        run.elapsed = started.elapsed();
        Ok(run)
    }

    /// The build dir this run writes to (or, for `check`, would write to), checked: `None`
    /// for `serve`, which writes nothing. A refused `--dest-dir` is an error of the command
    /// line; a refused `build-dir` is a problem in book.toml, reported with the others.
    fn destination(
        &self,
        config: &Config,
    ) -> Result<Result<Option<Destination>, Refusal>, RunError> {
        let from_cli = match &self.target {
            Target::Memory { .. } => return Ok(Ok(None)),
            Target::Nothing => None,
            Target::BuildDir { dest } => dest.clone(),
        };
        let protected = Protected::new(&self.root, &config.build.content_dir);
        match &from_cli {
            Some(dest) => destination::check(dest, &protected)
                .map(|d| Ok(Some(d)))
                .map_err(|refusal| refused_dest_dir(dest, &refusal)),
            None => {
                let dest = self.root.join(&config.build.build_dir);
                Ok(destination::check(&dest, &protected).map(Some))
            }
        }
    }

    fn theme(&mut self, config: &Config) -> Result<Arc<Theme>, Vec<Diagnostic>> {
        match &mut self.cache {
            Some(cache) => cache.theme(&self.root, config),
            None => source::theme::read(&self.root, &config.build.theme)
                .and_then(|files| {
                    Theme::new(&files, &config.book.language, config.book.right_to_left())
                })
                .map(Arc::new),
        }
    }

    /// Renders into the target's sink and, for a build dir, swaps the build into place.
    /// The inner error holds template problems.
    fn render_and_write(
        &mut self,
        handbook: &Handbook,
        theme: &Theme,
        dest: Option<Destination>,
        (config, config_text): (&Config, Option<&str>),
        (files, bytes): (usize, u64),
    ) -> Result<Result<Output, Vec<Diagnostic>>, RunError> {
        let cache = self.cache.as_mut().map(|c| &mut c.pages);
        let options = &self.options;
        // Every target writes through a budget: a build that writes far more than its content
        // is refused whole (a build dir keeps its previous build).
        let render = |sink: &dyn Sink, cache: Option<&mut render::RenderCache>| {
            let budget = Budget::new(sink, files, bytes);
            let rendered = match cache {
                Some(cache) => render::render_cached(handbook, theme, options, &budget, cache),
                None => render::render(handbook, theme, options, &budget),
            };
            match budget.exceeded() {
                Some(problem) => Err(RenderError::Templates(vec![problem])),
                None => rendered,
            }
        };
        let rendered = match (&self.target, dest) {
            (Target::Nothing, _) => render(&Discard, None).map(|r| (r, None, None)),
            (Target::Memory { .. }, _) => {
                let sink = MemorySink::default();
                render(&sink, cache).map(|r| (r, None, Some(sink.into_site())))
            }
            (Target::BuildDir { dest: from_cli }, Some(dest)) => {
                let staging = Staging::new(&dest)?;
                match render(&staging, cache) {
                    Ok(rendered) => {
                        match phase("replace build dir", || staging.commit()) {
                            Ok(()) => {}
                            Err(CommitError::Io(e)) => return Err(e.into()),
                            Err(CommitError::Refused(refusal)) => {
                                return match from_cli {
                                    Some(shown) => Err(refused_dest_dir(shown, &refusal)),
                                    None => Ok(Err(vec![refused_build_dir(
                                        config,
                                        self.options.audience,
                                        &refusal,
                                        config_text,
                                    )])),
                                };
                            }
                        }
                        Ok((rendered, Some(dest), None))
                    }
                    Err(e) => Err(e),
                }
            }
            // A refused build dir is already among the diagnostics.
            (Target::BuildDir { .. }, None) => return Ok(Err(Vec::new())),
        };
        match rendered {
            Ok((rendered, dest, site)) => Ok(Ok(Output {
                rendered,
                dest,
                site,
            })),
            Err(RenderError::Templates(problems)) => Ok(Err(problems)),
            Err(RenderError::Io(e)) => Err(e.into()),
        }
    }
}

/// book.toml, read: the config, or (inner error) its problems and its text to quote them.
/// Only a missing book.toml or a failing disk is an error.
pub fn read_config(root: &Path) -> Result<Result<Config, ConfigProblems>, RunError> {
    match Config::load(root) {
        Ok(config) => Ok(Ok(config)),
        Err(ConfigError::Missing(dir)) => Err(RunError::Usage(format!(
            "no {} in {}: this is not a handbook folder (create one with `hirebook init {}`)",
            crate::config::FILE_NAME,
            dir.display(),
            dir.display()
        ))),
        Err(ConfigError::Io(e)) => Err(RunError::Io(e)),
        Err(ConfigError::Invalid {
            diagnostics,
            text,
            partial,
        }) => Ok(Err(ConfigProblems {
            diagnostics,
            text,
            partial,
        })),
    }
}

/// book.toml's problems, its text to quote them, and the configuration without the keys at
/// fault when the rest is sound (to check the content in the same run; never to write).
pub struct ConfigProblems {
    pub diagnostics: Vec<Diagnostic>,
    pub text: String,
    pub partial: Option<Box<Config>>,
}

fn refused_dest_dir(dest: &Path, refusal: &Refusal) -> RunError {
    RunError::Usage(format!(
        "--dest-dir {}: refusing to write there: it {}\n  = help: {}",
        dest.display(),
        refusal.reason,
        refusal.help
    ))
}

/// A refused build dir, named by the key that gives it (`config` is the edition's).
fn refused_build_dir(
    config: &Config,
    audience: Audience,
    refusal: &Refusal,
    config_text: Option<&str>,
) -> Diagnostic {
    let build_dir = config.build.build_dir.display();
    let edition = match audience {
        Audience::Interviewers => config.interviewers.as_ref(),
        Audience::Candidates => config.candidates.as_ref(),
    };
    let table = format!("audience.{}", audience.as_str());
    let (what, at) = match (audience, edition.and_then(|e| e.build_dir.as_ref())) {
        (_, Some(_)) => (
            format!("`{table}.build-dir` (\"{build_dir}\")"),
            config_text.and_then(|t| crate::config::section_key_position(t, &table, "build-dir")),
        ),
        (Audience::Candidates, None) => (
            format!(
                "the candidates' edition's folder (\"{build_dir}\", the build dir's name with \
                 `-candidates`; `build-dir` in `[audience.candidates]` changes it)"
            ),
            None,
        ),
        (Audience::Interviewers, None) => (
            format!("`build.build-dir` (\"{build_dir}\")"),
            config_text.and_then(|t| crate::config::key_position(t, "build-dir")),
        ),
    };
    Diagnostic::new(Code::UnsafeBuildDir, format!("{what} {}", refusal.reason))
        .in_file(crate::config::FILE_NAME)
        .at(at)
        .with_hint(refusal.help.clone())
}
