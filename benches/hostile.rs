//! What one hostile file can cost CI: for each shape an attacker might put in a pull request,
//! one question file as large as hirebook reads (`MAX_FILE_BYTES`), `hirebook check` and
//! `hirebook build` are run and their wall time, peak memory, output size and message size are
//! reported against the targets (3 s and 600 MiB a run, a site no larger than 32 times the
//! input, messages under 1 MiB). Then the shapes of many small files that show one long value
//! on many pages (`spreads`), whose site is weighed per file.
//!
//!     cargo bench --bench hostile
//!
//! Whole-process figures on the machine that runs it (time and peak memory from `wait4`).

use std::path::Path;
use std::process::{Command, Stdio};

const LIMIT: usize = 1024 * 1024 - 4096;
const TARGET_SECONDS: f64 = 3.0;
const TARGET_MIB: f64 = 600.0;
const TARGET_GROWTH: f64 = 32.0;
const TARGET_MESSAGES: u64 = 1024 * 1024;
const TARGET_PER_FILE: f64 = 32.0 * 1024.0;

// Its `succeeded` is for benches that must not fail; hostile input may.
#[allow(dead_code)]
#[path = "support/process.rs"]
mod process;

// Shared with tests/hostile.rs, which reads what each shape must produce.
#[allow(dead_code)]
#[path = "../tests/support/hostile.rs"]
mod hostile;

struct Measured {
    seconds: f64,
    peak_mib: f64,
    stderr_bytes: u64,
}

/// Runs `hirebook ARGS` in `dir`, its messages kept in a file to be counted.
fn measure(dir: &Path, args: &[&str]) -> Measured {
    let err_path = dir.join("stderr.txt");
    let err = std::fs::File::create(&err_path).unwrap();
    let run = process::measure(
        Command::new(env!("CARGO_BIN_EXE_hirebook"))
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(err),
    );
    Measured {
        seconds: run.seconds,
        peak_mib: run.peak_kib as f64 / 1024.0,
        stderr_bytes: std::fs::metadata(&err_path).map(|m| m.len()).unwrap_or(0),
    }
}

fn main() {
    let base = tempfile::Builder::new()
        .prefix("hirebook-hostile-")
        .tempdir()
        .unwrap();
    let template = base.path().join("template");
    let init = Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .args(["init", template.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(init.status.success());
    let question = "content/questions/production-bug.md";
    let original = std::fs::read_to_string(template.join(question)).unwrap();
    let end = original[4..].find("\n---\n").unwrap() + 4;

    println!(
        "| shape | input | check | check peak | build | build peak | site | messages | within targets |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut all_within = true;
    for (i, shape) in hostile::shapes(LIMIT).into_iter().enumerate() {
        let (name, front, body) = (shape.name, shape.front, shape.body);
        let dir = base.path().join(format!("h{i}"));
        copy(&template, &dir);
        let kept = hostile::without_fields(&original[..end], &front);
        let mut text = format!("{kept}\n{front}---\n{body}");
        text.truncate(LIMIT + 2048);
        std::fs::write(dir.join(question), &text).unwrap();
        let input = text.len() as f64;
        let check = measure(&dir, &["check", "."]);
        let build = measure(&dir, &["build", "."]);
        let site = process::tree_bytes(&dir.join("book"), |_| true).0 as f64;
        let baseline = 600_000.0; // an untouched handbook's site is about this size
        let growth = (site - baseline).max(0.0) / input;
        let within = runs_within(&[&check, &build]) && growth < TARGET_GROWTH;
        all_within &= within;
        println!(
            "| {name} | {:.0} KB | {:.2} s | {:.0} MiB | {:.2} s | {:.0} MiB | {:.1} MB ({growth:.1}x) | {} B | {} |",
            input / 1000.0,
            check.seconds,
            check.peak_mib,
            build.seconds,
            build.peak_mib,
            site / 1e6,
            check.stderr_bytes.max(build.stderr_bytes),
            if within { "yes" } else { "NO" }
        );
    }
    // Many small files showing one long value: the output budget stops these (H0604) or,
    // for many small pages, each page adds a bounded amount.
    for (i, shape) in hostile::spreads(LIMIT - 64 * 1024, 200)
        .into_iter()
        .enumerate()
    {
        let dir = base.path().join(format!("s{i}"));
        copy(&template, &dir);
        let mut input = 0.0;
        for (path, text) in &shape.files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            input += text.len() as f64;
        }
        for (path, text) in &shape.appends {
            let old = std::fs::read_to_string(dir.join(path)).unwrap();
            std::fs::write(dir.join(path), old + text).unwrap();
        }
        let check = measure(&dir, &["check", "."]);
        let build = measure(&dir, &["build", "."]);
        let site = process::tree_bytes(&dir.join("book"), |_| true).0 as f64;
        // Each file is a page or two with the site's frame: measured per file, not per byte.
        let per_file = (site - 600_000.0).max(0.0) / shape.files.len() as f64;
        let within = runs_within(&[&check, &build]) && per_file < TARGET_PER_FILE;
        all_within &= within;
        println!(
            "| {} ({} files) | {:.0} KB | {:.2} s | {:.0} MiB | {:.2} s | {:.0} MiB | {:.1} MB ({:.0} KB a file) | {} B | {} |",
            shape.name,
            shape.files.len(),
            input / 1000.0,
            check.seconds,
            check.peak_mib,
            build.seconds,
            build.peak_mib,
            site / 1e6,
            per_file / 1000.0,
            check.stderr_bytes.max(build.stderr_bytes),
            if within { "yes" } else { "NO" }
        );
    }
    println!(
        "\nTargets: each run under {TARGET_SECONDS} s and {TARGET_MIB} MiB, the site under \
         {TARGET_GROWTH}x the input (for many files, 32 KiB a file), messages under 1 MiB. {}",
        if all_within {
            "All within."
        } else {
            "Some are NOT within."
        }
    );
}

/// Whether each run kept to the time, memory and message targets.
fn runs_within(runs: &[&Measured]) -> bool {
    runs.iter().all(|m| {
        m.seconds < TARGET_SECONDS && m.peak_mib < TARGET_MIB && m.stderr_bytes < TARGET_MESSAGES
    })
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
