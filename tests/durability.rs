//! Nothing lost: an interrupted build or a full disk leaves the previous build as it was.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::Book;

/// Every file's path and a digest of its bytes: small enough to print when an assertion fails.
fn snapshot(dir: &std::path::Path) -> Vec<(String, u64)> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut files: Vec<(String, u64)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let mut hasher = DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut hasher);
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                hasher.finish(),
            )
        })
        .collect();
    files.sort();
    files
}

fn staging_leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("hirebook-staging"))
        .collect()
}

#[test]
fn an_interrupted_build_leaves_the_previous_one() {
    let book = Book::synthetic(2500);
    book.build();
    let first = book.path().join("content/questions/database/q00001.md");
    let text = std::fs::read_to_string(&first).unwrap();
    // A build that ends before the signal arrives leaves nothing to check (and replaces the
    // previous build): try again, and fail rather than pass having checked nothing.
    let mut attempt = 0;
    let before = loop {
        attempt += 1;
        assert!(attempt <= 5, "no build could be interrupted in 5 attempts");
        let before = snapshot(&book.path().join("book"));
        let edited = format!("title: \"Edited ({attempt}) question");
        std::fs::write(&first, text.replacen("title: \"Question", &edited, 1)).unwrap();
        if interrupt_a_build(&book) {
            break before;
        }
    };
    assert_eq!(
        snapshot(&book.path().join("book")),
        before,
        "the previous build changed"
    );
    // The next build clears what the interrupted one left, and succeeds.
    book.build();
    assert!(staging_leftovers(book.path()).is_empty());
    assert!(
        snapshot(&book.path().join("book")) != before,
        "the edit should show in the new build"
    );
}

/// Starts `hirebook build` and sends it SIGINT while it writes its staging folder; `false`
/// when the build ended before it could be interrupted (the previous build is then replaced).
fn interrupt_a_build(book: &Book) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .arg("build")
        .current_dir(book.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Interrupt it while it writes the staging folder.
    let deadline = Instant::now() + Duration::from_secs(60);
    while staging_leftovers(book.path()).is_empty() {
        assert!(Instant::now() < deadline, "the build never started writing");
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: sending SIGINT to our own child process.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    !child.wait().unwrap().success()
}

#[test]
fn a_full_disk_leaves_the_previous_build() {
    let book = Book::fixture("minimal");
    let out = tempfile::tempdir().unwrap();
    let mount = out.path().join("small");
    std::fs::create_dir(&mount).unwrap();
    // A small file system: room for one build, not for a second one beside it.
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=420k", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        support::skip(
            "the full-disk test",
            "cannot mount a small tmpfs here (needs root)",
        );
        return;
    }
    let dest = mount.join("site");
    let run = book.run(&["build", ".", "--dest-dir", dest.to_str().unwrap()]);
    let unmount = || {
        let _ = Command::new("umount").arg(&mount).status();
    };
    if run.code != 0 {
        unmount();
        panic!("the first build should fit: {}", run.stderr);
    }
    let before = snapshot(&dest);
    // Make the next build bigger than the space left.
    book.write(
        "content/guide/big.md",
        &format!(
            "---\ntitle: Big\n---\n{}",
            "Lorem ipsum dolor sit amet. ".repeat(9000)
        ),
    );
    let run = book.run(&["build", ".", "--dest-dir", dest.to_str().unwrap()]);
    let after = snapshot(&dest);
    let leftovers = staging_leftovers(&mount);
    unmount();
    assert_eq!(run.code, 2, "a full disk is an I/O error: {}", run.stderr);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    assert_eq!(after, before, "the previous build changed");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
