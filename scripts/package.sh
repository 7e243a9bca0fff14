#!/bin/sh
# Packages a built hirebook binary for a release: hirebook-<version>-<target>.tar.gz (.zip for
# Windows) with the binary, README and licence, and a .sha256 file beside it.
#
#   scripts/package.sh VERSION TARGET BINARY OUT_DIR
#
# The release workflow (.github/workflows/release.yml) runs it for each target; it runs the
# same here (tests/install.rs packages the local build and installs it with scripts/install.sh).
set -eu

version=$1
target=$2
binary=$3
out=$4

name="hirebook-$version-$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/$name" "$out"
cp "$binary" "$work/$name/"
root=$(dirname "$0")/..
for doc in README.md LICENSE LICENSE-MIT LICENSE-APACHE; do
    if [ -f "$root/$doc" ]; then cp "$root/$doc" "$work/$name/"; fi
done

case "$target" in
    *windows*)
        archive="$name.zip"
        if command -v zip >/dev/null 2>&1; then
            (cd "$work" && zip -qr "$archive" "$name")
        else
            (cd "$work" && 7z a -bd "$archive" "$name" >/dev/null)
        fi
        ;;
    *)
        archive="$name.tar.gz"
        (cd "$work" && tar -czf "$archive" "$name")
        ;;
esac
mv "$work/$archive" "$out/"
(
    cd "$out"
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$archive" >"$archive.sha256"
    else
        shasum -a 256 "$archive" >"$archive.sha256"
    fi
)
echo "$out/$archive"
