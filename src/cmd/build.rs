//! `hirebook build`: the whole pipeline, written atomically into the build dir.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{CmdError, Loaded, Outcome, Ui, count_phrase, load, plural};
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::diag::{Code, Diagnostic};
use crate::output::{self, Staging};
use crate::render::{self, RenderError, RenderOptions, Rendered};
use crate::source::Sources;

pub fn execute(args: &BuildArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let started = Instant::now();
    if args.timings {
        crate::timings::enable();
    }
    let root = &args.handbook.dir;
    let mut loaded = load(root)?;
    let shown: Vec<String> = super::brief(&loaded.diagnostics)
        .filter_map(|d| d.file.clone())
        .collect();
    loaded
        .sources
        .keep_text_of(shown.iter().map(String::as_str));
    let dest = match &loaded.config {
        Some(config) => args
            .dest_dir
            .clone()
            .unwrap_or_else(|| root.join(&config.build.build_dir)),
        None => PathBuf::new(),
    };
    let options = RenderOptions {
        last_updated: crate::timings::phase("git dates", || {
            last_updated(&loaded.root, loaded.config.as_ref(), &loaded.sources)
        }),
        inject: None,
    };
    match build(&loaded, &dest, args.dest_dir.is_some(), &options)? {
        Ok((handbook_summary, rendered)) => {
            if !loaded.diagnostics.is_empty() {
                crate::timings::phase("report", || {
                    ui.report_briefly(&loaded.diagnostics, &loaded.sources)
                });
            }
            // The process ends right after: leave the handbook to the operating system,
            // which frees it at once, instead of freeing it piece by piece (tens of
            // milliseconds for a large handbook).
            std::mem::forget(loaded);
            ui.status(&format!(
                "Built {handbook_summary} ({}, {}) in {:.2}s into {}",
                plural(rendered.files, "file"),
                human_bytes(rendered.bytes),
                started.elapsed().as_secs_f64(),
                dest.display()
            ));
            if args.timings {
                eprint!("{}", crate::timings::report());
            }
            Ok(Outcome::Success)
        }
        Err(diagnostics) => {
            ui.report_briefly(&diagnostics, &loaded.sources);
            ui.status(&format!(
                "error: the build failed with {}; nothing was written",
                count_phrase(&diagnostics)
            ));
            Ok(Outcome::Failed)
        }
    }
}

/// The last commit date of each source file, when the handbook is in a git repository.
pub fn last_updated(
    root: &Path,
    config: Option<&Config>,
    sources: &Sources,
) -> std::collections::HashMap<String, String> {
    let Some(config) = config else {
        return Default::default();
    };
    let wanted = sources.files.iter().map(|f| f.path.as_str()).collect();
    crate::source::git::last_updated(root, &config.build.content_dir, &wanted)
}

/// Renders a loaded handbook into `dest`. The outer error is the machine's; the inner one the
/// handbook's (all its diagnostics, including the load's).
pub fn build(
    loaded: &Loaded,
    dest: &Path,
    dest_from_cli: bool,
    options: &RenderOptions,
) -> Result<Result<(String, Rendered), Vec<Diagnostic>>, CmdError> {
    let (Some(config), Some(handbook), Some(theme), false) = (
        &loaded.config,
        &loaded.handbook,
        &loaded.theme,
        loaded.has_errors(),
    ) else {
        return Ok(Err(loaded.diagnostics.clone()));
    };
    if let Some(problem) = unsafe_destination(&loaded.root, &config.build.content_dir, dest) {
        if dest_from_cli {
            return Err(CmdError::Usage(format!(
                "--dest-dir {}: {problem}",
                dest.display()
            )));
        }
        let mut all = loaded.diagnostics.clone();
        all.push(unsafe_build_dir(&problem));
        return Ok(Err(all));
    }
    if dest_from_cli && !output::is_replaceable(dest) {
        return Err(CmdError::Usage(format!(
            "--dest-dir {} holds files that hirebook did not write; refusing to replace them \
             (choose an empty or new folder)",
            dest.display()
        )));
    }
    let staging = Staging::new(dest)?;
    match render::render(handbook, theme, options, &staging) {
        Ok(rendered) => {
            crate::timings::phase("replace build dir", || staging.commit())?;
            let summary = format!(
                "{}, {}, {}",
                plural(handbook.questions.len(), "question"),
                plural(handbook.roles.len(), "role"),
                plural(handbook.pages.len(), "page")
            );
            Ok(Ok((summary, rendered)))
        }
        Err(RenderError::Templates(problems)) => {
            let mut all = loaded.diagnostics.clone();
            all.extend(problems);
            Ok(Err(all))
        }
        Err(RenderError::Io(e)) => Err(CmdError::Io(e)),
    }
}

pub(crate) fn unsafe_build_dir(problem: &str) -> Diagnostic {
    Diagnostic::new(Code::UnsafeBuildDir, format!("`build.build-dir` {problem}"))
        .in_file(crate::config::FILE_NAME)
        .with_hint("use a folder of its own, such as \"book\"")
}

/// Why writing a build to `dest` would destroy sources, if it would: the build dir is
/// replaced as a whole, so it must not be, or contain, the handbook or its content.
pub(crate) fn unsafe_destination(root: &Path, content_dir: &Path, dest: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let content = root.join(content_dir);
    let dest = absolute(dest)?;
    if dest == root {
        Some("is the handbook folder itself".to_owned())
    } else if root.starts_with(&dest) {
        Some("contains the handbook folder".to_owned())
    } else if dest == content || content.starts_with(&dest) {
        Some("is or contains the content folder".to_owned())
    } else if dest.starts_with(&content) {
        Some("is inside the content folder".to_owned())
    } else if dest.starts_with(root.join("themes")) {
        Some("is inside the themes folder".to_owned())
    } else {
        None
    }
}

/// `dest` made absolute and normalised, following symlinks of the part that exists.
fn absolute(dest: &Path) -> Option<PathBuf> {
    if let Ok(p) = dest.canonicalize() {
        return Some(p);
    }
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dest.file_name()?;
    absolute(parent).map(|p| p.join(name))
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 10 * 1024 * 1024 => format!("{} MiB", b / (1024 * 1024)),
        b if b >= 1024 * 1024 => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_that_would_destroy_sources_are_refused() {
        let root = std::env::temp_dir().join(format!("hirebook-dest-{}", std::process::id()));
        std::fs::create_dir_all(root.join("content/questions")).unwrap();
        let content = Path::new("content");
        assert!(unsafe_destination(&root, content, &root).is_some());
        assert!(unsafe_destination(&root, content, &root.join("content")).is_some());
        assert!(unsafe_destination(&root, content, &root.join("content/book")).is_some());
        assert!(unsafe_destination(&root, content, root.parent().unwrap()).is_some());
        assert!(unsafe_destination(&root, content, &root.join("./content/../content")).is_some());
        assert!(unsafe_destination(&root, content, &root.join("book")).is_none());
        assert!(unsafe_destination(&root, content, &root.join("../elsewhere")).is_none());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn sizes() {
        assert_eq!(human_bytes(900), "900 bytes");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
