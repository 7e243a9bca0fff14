#!/bin/sh
# Installs a pinned hirebook release: downloads the archive for this machine, verifies its
# SHA-256 checksum, and puts the binary in a folder on PATH. No Rust needed.
#
#   curl -sSfL https://github.com/hirebook/hirebook/releases/download/v0.1.0/install.sh \
#     | HIREBOOK_VERSION=0.1.0 sh
#
# Settings (environment):
#   HIREBOOK_VERSION      the version to install (required: pin it, as CI should)
#   HIREBOOK_INSTALL_DIR  where to put the binary (default: ~/.local/bin)
#   HIREBOOK_DOWNLOAD     where releases are (default: GitHub releases of hirebook/hirebook;
#                         a mirror, or a folder as file:///path for testing)
set -eu

say() { printf 'install.sh: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

version=${HIREBOOK_VERSION:-}
[ -n "$version" ] || fail "set HIREBOOK_VERSION to the version to install (e.g. HIREBOOK_VERSION=0.1.0)"
version=${version#v}
dir=${HIREBOOK_INSTALL_DIR:-"$HOME/.local/bin"}
base=${HIREBOOK_DOWNLOAD:-"https://github.com/hirebook/hirebook/releases/download/v$version"}

case "$(uname -s)" in
    Linux) os=unknown-linux-musl ;;
    Darwin) os=apple-darwin ;;
    *) fail "no release binary for $(uname -s); install with: cargo install --locked --version $version hirebook" ;;
esac
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "no release binary for $(uname -m); install with: cargo install --locked --version $version hirebook" ;;
esac
archive="hirebook-$version-$arch-$os.tar.gz"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say "downloading $archive"
curl -sSfL "$base/$archive" -o "$tmp/$archive" || fail "could not download $base/$archive"
curl -sSfL "$base/$archive.sha256" -o "$tmp/$archive.sha256" || fail "could not download the checksum"

expected=$(cut -d ' ' -f 1 "$tmp/$archive.sha256")
if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)
else
    actual=$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)
fi
[ "$expected" = "$actual" ] || fail "checksum mismatch for $archive: expected $expected, got $actual; nothing installed"

tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$dir"
install -m 755 "$tmp/hirebook-$version-$arch-$os/hirebook" "$dir/hirebook"
say "installed hirebook $version in $dir"
case ":$PATH:" in
    *":$dir:"*) ;;
    *) say "add $dir to PATH to run it" ;;
esac
