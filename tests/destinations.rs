//! Nothing lost, ever: the table of places a build could be sent, run through every command
//! that writes, removes or would write one (`build`, `watch`, `clean`, and `check` for
//! book.toml's build dir).
//!
//! Each case sets up a handbook and the user's files around it, names a destination (in
//! book.toml or with `--dest-dir`), and expects either a refusal or a build. Everything in the
//! handbook's temporary folder is listed with a hash of each file (and the target of each link)
//! before and after: a refused run must leave it byte for byte as it was; a build may change
//! the build dir and nothing else.

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::Book;
use support::serve::spawn_logged;

/// Every entry under `dir`, not following links: path → what it is (a file's hash, a link's
/// target, or "folder").
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let what = if e.path_is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(e.path()).unwrap().display()
                )
            } else if e.file_type().is_dir() {
                "folder".to_owned()
            } else {
                let mut hasher = DefaultHasher::new();
                std::fs::read(e.path()).unwrap().hash(&mut hasher);
                format!("file {:016x}", hasher.finish())
            };
            (rel, what)
        })
        .collect()
}

#[derive(Clone, Copy, Debug)]
enum Dest {
    /// `build-dir` in book.toml.
    Config(&'static str),
    /// `--dest-dir`, relative to the handbook folder.
    Cli(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Cmd {
    Build,
    Watch,
    Check,
    Clean,
}

enum Expect {
    /// Refused, with this in the message.
    Refused(&'static str),
    /// Built into this folder (relative to the temporary folder).
    Built(&'static str),
}

struct Case {
    name: &'static str,
    /// The user's files, made before the run.
    setup: fn(&Book),
    dest: Dest,
    expect: Expect,
}

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build_into(book: &Book, dest: &str) {
    let run = book.run(&["build", "--dest-dir", dest]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn cases() -> Vec<Case> {
    use Dest::*;
    use Expect::*;
    vec![
        // The eight ways the issue found to lose files, and their relatives.
        Case {
            name: "the git repository",
            setup: |b| {
                write(b.path().join(".git/HEAD"), "ref: refs/heads/main\n");
                write(b.path().join(".git/config"), "[core]\n");
            },
            dest: Config(".git"),
            expect: Refused("version-control folder (.git)"),
        },
        Case {
            name: "a folder inside the git repository",
            setup: |b| write(b.path().join(".git/HEAD"), "ref: refs/heads/main\n"),
            dest: Cli(".git/pages"),
            expect: Refused("version-control folder (.git)"),
        },
        Case {
            name: "a mercurial repository",
            setup: |b| write(b.path().join(".hg/requires"), "store\n"),
            dest: Cli(".hg"),
            expect: Refused("version-control folder (.hg)"),
        },
        Case {
            name: "docs/ with a hand-written file",
            setup: |b| write(b.path().join("docs/important.md"), "# Notes\n"),
            dest: Config("docs"),
            expect: Refused("`important.md`"),
        },
        Case {
            name: "a file (README.md)",
            setup: |b| write(b.path().join("README.md"), "# Readme\n"),
            dest: Config("README.md"),
            expect: Refused("is a file, not a folder"),
        },
        Case {
            name: "a folder inside a file",
            setup: |_| {},
            dest: Cli("book.toml/site"),
            expect: Refused("which is a file"),
        },
        Case {
            name: "a git folder spelt in capitals",
            setup: |_| {},
            dest: Cli(".GIT/site"),
            expect: Refused("version-control folder (.git)"),
        },
        Case {
            name: "book.toml",
            setup: |_| {},
            dest: Cli("book.toml"),
            expect: Refused("is a file, not a folder"),
        },
        Case {
            name: "a file outside the handbook",
            setup: |b| {
                b.outside("notes.txt", "mine");
            },
            dest: Cli("../notes.txt"),
            expect: Refused("is a file, not a folder"),
        },
        Case {
            name: "a previous build the user added CNAME to",
            setup: |b| {
                build_into(b, "out");
                write(b.path().join("out/CNAME"), "handbook.example.com\n");
            },
            dest: Cli("out"),
            expect: Refused("`CNAME`"),
        },
        Case {
            name: "a previous build the user added a folder to",
            setup: |b| {
                build_into(b, "out");
                write(b.path().join("out/questions/notes/todo.txt"), "x");
            },
            dest: Cli("out"),
            expect: Refused("`questions/notes`"),
        },
        Case {
            name: "a previous build where a page became a link",
            setup: |b| {
                build_into(b, "out");
                std::fs::remove_file(b.path().join("out/index.html")).unwrap();
                symlink("../book.toml", b.path().join("out/index.html")).unwrap();
            },
            dest: Cli("out"),
            expect: Refused("`index.html`"),
        },
        Case {
            name: "a folder with a forged marker",
            setup: |b| {
                write(b.path().join("out/.hirebook-build"), "");
                write(b.path().join("out/thesis.tex"), "mine");
            },
            dest: Cli("out"),
            expect: Refused("`thesis.tex`"),
        },
        Case {
            name: "the content folder",
            setup: |_| {},
            dest: Cli("content"),
            expect: Refused("the content folder itself"),
        },
        Case {
            name: "the content folder, from book.toml",
            setup: |_| {},
            dest: Config("content"),
            expect: Refused("the content folder itself"),
        },
        Case {
            name: "a folder inside content",
            setup: |_| {},
            dest: Cli("content/site"),
            expect: Refused("inside the content folder"),
        },
        Case {
            name: "content, reached through dots",
            setup: |_| {},
            dest: Cli("book/../content/."),
            expect: Refused("the content folder itself"),
        },
        Case {
            name: "content, reached through a link",
            setup: |b| symlink("content", b.path().join("site")).unwrap(),
            dest: Cli("site"),
            expect: Refused("the content folder itself"),
        },
        Case {
            name: "the themes folder",
            setup: |b| write(b.path().join("themes/mine/static/extra.css"), "a{}"),
            dest: Cli("themes"),
            expect: Refused("the themes folder itself"),
        },
        Case {
            name: "a folder inside themes",
            setup: |b| write(b.path().join("themes/mine/static/extra.css"), "a{}"),
            dest: Cli("themes/out"),
            expect: Refused("inside the themes folder"),
        },
        Case {
            name: "the handbook folder",
            setup: |_| {},
            dest: Cli("."),
            expect: Refused("the handbook folder itself"),
        },
        Case {
            name: "the folder above the handbook",
            setup: |_| {},
            dest: Cli(".."),
            expect: Refused("contains the handbook folder"),
        },
        Case {
            name: "a folder of the user's beside the handbook",
            setup: |b| {
                std::fs::create_dir_all(b.path().join("../mine")).unwrap();
                write(b.path().join("../mine/notes.txt"), "mine");
            },
            dest: Cli("../mine"),
            expect: Refused("`notes.txt`"),
        },
        Case {
            name: "another repository's worktree (gh-pages)",
            setup: |b| {
                write(
                    b.path().join("../pages/.git"),
                    "gitdir: ../handbook/.git/worktrees/x\n",
                );
                write(b.path().join("../pages/index.html"), "old site");
            },
            dest: Cli("../pages"),
            expect: Refused("`.git`"),
        },
        Case {
            name: "a link to a folder of the user's",
            setup: |b| {
                write(b.path().join("../elsewhere/keep.txt"), "mine");
                symlink("../elsewhere", b.path().join("book")).unwrap();
            },
            dest: Config("book"),
            expect: Refused("`keep.txt`"),
        },
        Case {
            name: "a link that leads nowhere",
            setup: |b| symlink("../missing", b.path().join("book")).unwrap(),
            dest: Config("book"),
            expect: Refused("leads nowhere"),
        },
        // Places a build may go.
        Case {
            name: "a new folder",
            setup: |_| {},
            dest: Cli("out"),
            expect: Built("handbook/out"),
        },
        Case {
            name: "a new folder in new folders",
            setup: |_| {},
            dest: Cli("out/a/b"),
            expect: Built("handbook/out/a/b"),
        },
        Case {
            name: "an empty folder",
            setup: |b| std::fs::create_dir_all(b.path().join("book")).unwrap(),
            dest: Config("book"),
            expect: Built("handbook/book"),
        },
        Case {
            name: "a previous build, one of its pages edited",
            setup: |b| {
                build_into(b, "out");
                write(b.path().join("out/index.html"), "edited by hand");
            },
            dest: Cli("out"),
            expect: Built("handbook/out"),
        },
        Case {
            name: "a link to an empty folder outside",
            setup: |b| {
                std::fs::create_dir_all(b.path().join("../site")).unwrap();
                symlink("../site", b.path().join("book")).unwrap();
            },
            dest: Config("book"),
            expect: Built("site"),
        },
        Case {
            name: "a folder beside a user's folder named like a staging folder",
            setup: |b| {
                write(
                    b.path().join(".out.hirebook-staging-4000000000/notes.txt"),
                    "mine",
                )
            },
            dest: Cli("out"),
            expect: Built("handbook/out"),
        },
    ]
}

/// What a command printed and how it ended (`None`: still running, as watch does).
struct Ran {
    code: Option<i32>,
    stderr: String,
}

fn run(book: &Book, command: Cmd, dest: Dest) -> Ran {
    let mut args: Vec<&str> = match command {
        Cmd::Build => vec!["build"],
        Cmd::Watch => vec!["watch"],
        Cmd::Check => vec!["check"],
        Cmd::Clean => vec!["clean"],
    };
    args.push(".");
    if let Dest::Cli(dest) = dest {
        args.extend(["--dest-dir", dest]);
    }
    if command != Cmd::Watch {
        let run = book.run(&args);
        return Ran {
            code: Some(run.code),
            stderr: run.stderr,
        };
    }
    // watch: wait for the first build's verdict, then stop it.
    let (mut child, rx) = spawn_logged(book, &args);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut text = String::new();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(50)) {
            let verdict = line.starts_with("Built in") || line.contains("the build failed");
            text.push_str(&line);
            text.push('\n');
            if verdict {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
        assert!(Instant::now() < deadline, "watch gave no verdict:\n{text}");
    };
    // Read what is left, to the end of its output (on a loaded machine the lines can come
    // well after the process has ended).
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(10)) {
        text.push_str(&line);
        text.push('\n');
    }
    Ran { code, stderr: text }
}

fn commands(dest: Dest) -> Vec<Cmd> {
    match dest {
        Dest::Config(_) => vec![Cmd::Build, Cmd::Watch, Cmd::Check, Cmd::Clean],
        Dest::Cli(_) => vec![Cmd::Build, Cmd::Watch, Cmd::Clean],
    }
}

fn handbook_for(case: &Case) -> Book {
    let book = Book::fixture("minimal");
    if let Dest::Config(dir) = case.dest {
        book.edit(
            "book.toml",
            "[output.html]",
            &format!("[build]\nbuild-dir = \"{dir}\"\n\n[output.html]"),
        );
    }
    (case.setup)(&book);
    book
}

fn check_case(case: &Case, command: Cmd) -> Result<(), String> {
    let book = handbook_for(case);
    let top = book.path().parent().unwrap().to_path_buf();
    let before = snapshot(&top);
    let ran = run(&book, command, case.dest);
    let after = snapshot(&top);
    let label = format!("{} ({:?}, {:?})", case.name, command, case.dest);
    let fail = |why: String| Err(format!("{label}: {why}\n{}", ran.stderr));
    match case.expect {
        Expect::Refused(words) => {
            if !ran.stderr.contains(words) {
                return fail(format!("the message does not say {words:?}"));
            }
            let wanted = match (case.dest, command) {
                (Dest::Cli(_), _) => Some(2),
                (Dest::Config(_), Cmd::Watch) => None,
                (Dest::Config(_), _) => Some(1),
            };
            if ran.code != wanted {
                return fail(format!("ended with {:?}, not {wanted:?}", ran.code));
            }
            if before != after {
                return fail(format!("changed files: {:#?}", changes(&before, &after)));
            }
        }
        Expect::Built(dir) => {
            if command == Cmd::Check {
                // A check that wrongly refused would write nothing either.
                if ran.code != Some(0) {
                    return fail(format!("check ended with {:?}, not 0", ran.code));
                }
                if before != after {
                    return fail(format!("check wrote: {:#?}", changes(&before, &after)));
                }
                return Ok(());
            }
            if ran.code.is_some_and(|c| c != 0) {
                return fail(format!("failed with {:?}", ran.code));
            }
            let under = |path: &str| path == dir || path.starts_with(&format!("{dir}/"));
            if command == Cmd::Clean {
                // clean changes nothing but the build dir: a build of hirebook's goes whole,
                // anything else stays as it was.
                let rest = |s: &BTreeMap<String, String>| {
                    s.iter()
                        .filter(|(p, _)| !under(p))
                        .map(|(p, w)| (p.clone(), w.clone()))
                        .collect::<BTreeMap<_, _>>()
                };
                if rest(&before) != rest(&after) {
                    return fail(format!("changed: {:#?}", changes(&before, &after)));
                }
                let marked = before.contains_key(&format!("{dir}/.hirebook-build"));
                let left: Vec<&String> = after.keys().filter(|p| under(p)).collect();
                let was: Vec<&String> = before.keys().filter(|p| under(p)).collect();
                if marked && !left.is_empty() {
                    return fail(format!("the build is still there: {left:?}"));
                }
                if !marked && left != was {
                    return fail(format!(
                        "changed a folder that held no build: {:#?}",
                        changes(&before, &after)
                    ));
                }
                return Ok(());
            }
            // The build dir, and the folders made to hold it.
            let inside = |path: &str| {
                path == dir
                    || path.starts_with(&format!("{dir}/"))
                    || dir.starts_with(&format!("{path}/")) && !before.contains_key(path)
            };
            let outside = |s: &BTreeMap<String, String>| {
                s.iter()
                    .filter(|(p, _)| !inside(p))
                    .map(|(p, w)| (p.clone(), w.clone()))
                    .collect::<BTreeMap<_, _>>()
            };
            if outside(&before) != outside(&after) {
                return fail(format!(
                    "changed files outside {dir}: {:#?}",
                    changes(&before, &after)
                ));
            }
            let index = top.join(dir).join("index.html");
            let html = std::fs::read_to_string(&index).unwrap_or_default();
            // The home page's own heading: the handbook's title is in every page's header.
            let home = support::Page::parse(&html);
            if home.all("main h1#fixture-handbook").len() != 1 {
                return fail(format!("{} is not the new build", index.display()));
            }
        }
    }
    Ok(())
}

fn changes(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (path, what) in before {
        match after.get(path) {
            None => out.push(format!("removed {path}")),
            Some(now) if now != what => out.push(format!("changed {path}")),
            _ => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        out.push(format!("added {path}"));
    }
    out
}

#[test]
fn every_destination_through_every_command() {
    let cases = cases();
    assert!(cases.len() >= 25);
    let mut failures = Vec::new();
    let mut runs = 0;
    for case in &cases {
        for command in commands(case.dest) {
            runs += 1;
            if let Err(e) = check_case(case, command) {
                failures.push(e);
            }
        }
    }
    assert!(runs >= 90, "only {runs} runs");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs hirebook in `dir` as a user whom permissions bind: as itself when it is not root, else
/// as `nobody` (root may remove read-only folders, and a real user may not).
fn run_unprivileged(top: &Path, dir: &Path, args: &[&str]) -> (i32, String) {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let mut command = if root {
        let status = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(top)
            .status()
            .unwrap();
        assert!(status.success());
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_hirebook"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_hirebook"))
    };
    let out = command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn chmod(args: &[&str], path: &Path) {
    let status = Command::new("chmod").args(args).arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_read_only_previous_build_is_left_as_it_was() {
    let book = Book::fixture("minimal");
    build_into(&book, "out");
    book.edit("content/index.md", "Start with", "Edited. Start with");
    let top = book.path().parent().unwrap().to_path_buf();
    // Read-only below the top: the build dir's own entry may be swapped, its contents not
    // removed.
    chmod(&["-R", "a-w"], &book.path().join("out/questions"));
    let before = snapshot(&top);
    let (code, stderr) = run_unprivileged(&top, book.path(), &["build", "--dest-dir", "out"]);
    let after = snapshot(&top);
    // check says so too, before anything is rendered (book.toml's build-dir this time).
    book.edit(
        "book.toml",
        "[output.html]",
        "[build]\nbuild-dir = \"out\"\n\n[output.html]",
    );
    let (check_code, check_stderr) = run_unprivileged(&top, book.path(), &["check"]);
    chmod(&["-R", "u+w"], &book.path().join("out"));
    assert_eq!(check_code, 1, "{check_stderr}");
    assert!(
        check_stderr.contains("`questions` is read-only"),
        "{check_stderr}"
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`questions` is read-only"), "{stderr}");
    assert!(stderr.contains("left as it was"), "{stderr}");
    assert_eq!(changes(&before, &after), Vec::<String>::new(), "{stderr}");
}

#[test]
fn a_file_added_while_watch_runs_is_kept() {
    let book = Book::fixture("minimal");
    let (mut child, rx) = spawn_logged(&book, &["watch", "."]);
    let wait_for = |words: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = String::new();
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
                seen.push_str(&line);
                seen.push('\n');
                if line.contains(words) {
                    return seen;
                }
            }
        }
        panic!("watch never said {words:?}:\n{seen}");
    };
    wait_for("Built in");
    book.write("book/CNAME", "handbook.example.com\n");
    book.edit("content/index.md", "Start with", "Edited. Start with");
    let said = wait_for("`CNAME`");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.contains("holds files that hirebook did not write"),
        "{said}"
    );
    assert_eq!(book.read("book/CNAME"), "handbook.example.com\n");
    assert!(!book.read("book/index.html").contains("Edited."));
}

/// clean removes a build hirebook wrote, says when there is none, and refuses (keeping every
/// file) once someone has saved a file of their own into the build.
#[test]
fn clean_removes_only_a_build_of_its_own() {
    let book = Book::fixture("minimal");
    let run = book.run(&["clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("No build to remove"), "{}", run.stderr);

    assert_eq!(book.build().code, 0);
    assert!(book.path().join("book/index.html").is_file());
    let run = book.run(&["clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("Removed the build"), "{}", run.stderr);
    assert!(!book.path().join("book").exists());

    assert_eq!(book.build().code, 0);
    write(book.path().join("book/CNAME"), "handbook.example.com\n");
    let top = book.path().parent().unwrap().to_path_buf();
    let before = snapshot(&top);
    let run = book.run(&["clean"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("`CNAME`"), "{}", run.stderr);
    assert_eq!(snapshot(&top), before, "a refused clean changed files");
}

/// A clean that cannot empty one of the build's folders puts the whole build back, as the
/// user left it. (Run as a user who cannot write there, also when the tests run as root.)
#[test]
fn a_clean_that_cannot_empty_a_folder_puts_the_build_back() {
    let book = Book::fixture("minimal");
    assert_eq!(book.build().code, 0);
    let top = book.path().parent().unwrap().to_path_buf();
    let before = snapshot(&top);
    assert!(
        before.keys().any(|p| p.contains("book/static/")),
        "no static folder to lock: {:?}",
        before.keys().collect::<Vec<_>>()
    );
    chmod(&["a-w"], &book.path().join("book/static"));
    let (code, stderr) = run_unprivileged(&top, book.path(), &["clean"]);
    chmod(&["u+w"], &book.path().join("book/static"));
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("Removed the build"), "{stderr}");
    assert_eq!(snapshot(&top), before, "a failed clean changed files");
}

/// A build dir this user cannot list may hold anything: check and build refuse it, and leave
/// it as it was.
#[test]
fn a_build_dir_that_cannot_be_listed_is_refused() {
    let book = Book::fixture("minimal");
    write(book.path().join("out/private.txt"), "mine\n");
    book.edit(
        "book.toml",
        "[output.html]",
        "[build]\nbuild-dir = \"out\"\n\n[output.html]",
    );
    let top = book.path().parent().unwrap().to_path_buf();
    chmod(&["a-rx"], &book.path().join("out"));
    let (check_code, check_stderr) = run_unprivileged(&top, book.path(), &["check"]);
    let (build_code, build_stderr) = run_unprivileged(&top, book.path(), &["build"]);
    chmod(&["u+rx"], &book.path().join("out"));
    for (code, stderr) in [(check_code, check_stderr), (build_code, build_stderr)] {
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("cannot list"), "{stderr}");
    }
    assert_eq!(book.read("out/private.txt"), "mine\n");
}
