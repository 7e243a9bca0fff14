//! `hirebook init` makes a handbook that builds and checks cleanly straight away.

mod support;

use support::{Book, broken_links, run_in};

#[test]
fn init_creates_a_handbook_that_checks_without_warnings_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(
        dir.path(),
        &["init", "hb", "--title", "Hiring \"Rust\" engineers"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hb = dir.path().join("hb");
    for file in [
        "book.toml",
        "content/index.md",
        "content/questions/production-bug.md",
        "content/scorecards/engineering.yaml",
        "content/checklists/interviewer-checklist.yaml",
        "content/roles/software-engineer.yaml",
        ".github/workflows/handbook.yml",
    ] {
        assert!(hb.join(file).is_file(), "{file}");
    }
    let check = run_in(&hb, &["check", "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("no problems"), "{}", check.stderr);
    let build = run_in(&hb, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("Built 1 question, 1 role, 2 pages"),
        "{}",
        build.stderr
    );
    assert!(broken_links(&hb.join("book")).is_empty());
    let home = support::Page::parse(&std::fs::read_to_string(hb.join("book/index.html")).unwrap());
    assert_eq!(home.text(".site-title"), "Hiring \"Rust\" engineers");
}

#[test]
fn the_workflow_example_is_the_one_init_writes() {
    let shipped =
        std::fs::read_to_string(support::repo().join("docs/github-actions/handbook.yml")).unwrap();
    let scaffold =
        std::fs::read_to_string(support::repo().join("src/cmd/scaffold/handbook.yml")).unwrap();
    // init writes this version in; the documented copy must show the current one.
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(shipped, scaffold.replace("{version}", version));
    // A pinned release, cached per version, and cargo install of that version as the fallback.
    assert!(shipped.contains(&format!("HIREBOOK_VERSION: \"{version}\"")));
    assert_eq!(
        shipped
            .matches(
                "key: hirebook-${{ runner.os }}-${{ runner.arch }}-${{ env.HIREBOOK_VERSION }}"
            )
            .count(),
        2
    );
    assert!(shipped.contains("cargo install --locked --version \"$HIREBOOK_VERSION\""));
    // It checks pull requests with annotations and publishes from main.
    assert!(shipped.contains("hirebook check --format github"));
    assert!(shipped.contains("actions/deploy-pages"));
    assert!(shipped.contains("fetch-depth: 0"));
    // Least privilege: nothing at the top, each job its own; no checkout keeps the token.
    assert!(shipped.contains("\npermissions: {}\n"), "{shipped}");
    let jobs = shipped.matches("\n  check:\n").count() + shipped.matches("\n  publish:\n").count();
    assert_eq!(jobs, 2);
    assert_eq!(shipped.matches("    permissions:\n").count(), jobs);
    let checkouts = shipped.matches("uses: actions/checkout@").count();
    assert!(checkouts >= 2);
    assert_eq!(
        shipped.matches("persist-credentials: false").count(),
        checkouts
    );
}

#[test]
fn init_refuses_to_overwrite_a_handbook() {
    let book = Book::fixture("minimal");
    let before = book.read("book.toml");
    let run = book.run(&["init", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("refusing to overwrite"),
        "{}",
        run.stderr
    );
    assert_eq!(book.read("book.toml"), before);
}

/// In a repository that has a .gitignore already, init adds the build dir to it (once, keeping
/// every line there) instead of leaving the build to be committed by accident.
#[test]
fn init_adds_the_build_dir_to_an_existing_gitignore() {
    for (before, after) in [
        (
            "target/\n*.log",
            "target/\n*.log\n# hirebook's build dir\n/book\n",
        ),
        (
            "node_modules/\n",
            "node_modules/\n# hirebook's build dir\n/book\n",
        ),
        ("", "# hirebook's build dir\n/book\n"),
        ("/book/\n", "/book/\n"),
        ("book\n", "book\n"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), before).unwrap();
        let run = support::run_in(dir.path(), &["init", "."]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            after,
            "{before:?}"
        );
    }
}

/// `completions` prints a script each shell accepts, naming every subcommand; bash's is
/// checked by bash itself.
#[test]
fn completions_name_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = support::run_in(dir.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for sub in ["build", "check", "clean", "serve", "watch", "new", "init"] {
            // As each shell names a subcommand: the word alone is also in descriptions
            // ("Create a new handbook", "rebuild").
            let named = match shell {
                "bash" => format!("hirebook,{sub})"),
                "zsh" => format!("\n'{sub}:"),
                "fish" => format!("-f -a \"{sub}\""),
                "powershell" => format!("::new('{sub}', '{sub}',"),
                _ => format!("cand {sub} '"),
            };
            assert!(run.stdout.contains(&named), "{shell} lacks {sub} ({named})");
        }
        if shell == "bash" {
            let script = dir.path().join("hirebook.bash");
            std::fs::write(&script, &run.stdout).unwrap();
            let syntax = std::process::Command::new("bash")
                .arg("-n")
                .arg(&script)
                .output()
                .unwrap();
            assert!(
                syntax.status.success(),
                "{}",
                String::from_utf8_lossy(&syntax.stderr)
            );
        }
    }
    let bad = support::run_in(dir.path(), &["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
}
