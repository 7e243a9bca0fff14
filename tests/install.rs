//! The install path for editors and CI, run here as far as it can be without a release on
//! GitHub: `scripts/package.sh` packages this build as the release workflow does, and
//! `scripts/install.sh` installs it from that folder, checking its checksum.

mod support;

use std::path::Path;
use std::process::Command;

fn sh(script: &str, args: &[&str], env: &[(&str, &Path)], version: Option<&str>) -> (i32, String) {
    let mut cmd = Command::new("sh");
    cmd.arg(support::repo().join("scripts").join(script))
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    match version {
        Some(v) => cmd.env("HIREBOOK_VERSION", v),
        None => cmd.env_remove("HIREBOOK_VERSION"),
    };
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_packaged_release_installs_and_a_tampered_one_does_not() {
    let version = env!("CARGO_PKG_VERSION");
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x86_64",
        "aarch64" => "aarch64",
        other => return support::skip("install", &format!("no release target for {other}")),
    };
    if std::env::consts::OS != "linux" {
        return support::skip("install", "the test packages for Linux");
    }
    let target = format!("{arch}-unknown-linux-musl");
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    let (code, out) = sh(
        "package.sh",
        &[
            version,
            &target,
            env!("CARGO_BIN_EXE_hirebook"),
            dist.to_str().unwrap(),
        ],
        &[],
        None,
    );
    assert_eq!(code, 0, "{out}");
    let archive = dist.join(format!("hirebook-{version}-{target}.tar.gz"));
    assert!(archive.is_file(), "{out}");
    assert!(
        dist.join(format!("hirebook-{version}-{target}.tar.gz.sha256"))
            .is_file()
    );

    let download = format!("file://{}", dist.display());
    let bin = tmp.path().join("bin");
    let env = [
        ("HIREBOOK_DOWNLOAD", Path::new(&download)),
        ("HIREBOOK_INSTALL_DIR", bin.as_path()),
    ];
    let (code, out) = sh("install.sh", &[], &env, Some(version));
    assert_eq!(code, 0, "{out}");
    let installed = Command::new(bin.join("hirebook"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout).trim(),
        format!("hirebook {version}")
    );

    // No version: refused, with how to give one. A tampered archive: refused, nothing installed.
    let (code, out) = sh("install.sh", &[], &env, None);
    assert_eq!(code, 1);
    assert!(out.contains("HIREBOOK_VERSION"), "{out}");
    std::fs::remove_dir_all(&bin).unwrap();
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let (code, out) = sh("install.sh", &[], &env, Some(version));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("checksum mismatch"), "{out}");
    assert!(!bin.join("hirebook").exists());
}
