#!/usr/bin/env bash
# Packs a release archive the way the Action's installer (scripts/action-install.sh)
# and cargo-binstall (Cargo.toml [package.metadata.binstall]) expect it:
#   zonelint-v<version>-<target>.tar.gz (.zip for Windows) holding
#   zonelint-v<version>-<target>/{zonelint[.exe], README.md, CHANGELOG.md, completions/, man/}
# and, with --sums, the SHA256SUMS of every archive in a folder.
#
#   scripts/package-release.sh <target> <binary> <out-dir>
#   scripts/package-release.sh --sums <out-dir>
# Used by .github/workflows/release.yml and by tests/action_install.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

if [ "${1:-}" = --sums ]; then
  out="${2:?usage: package-release.sh --sums <out-dir>}"
  cd "$out"
  shopt -s nullglob
  archives=(zonelint-v*.tar.gz zonelint-v*.zip)
  if [ ${#archives[@]} = 0 ]; then
    echo "no archives in $out" >&2
    exit 1
  fi
  sha256 "${archives[@]}" >SHA256SUMS
  cat SHA256SUMS
  exit 0
fi

target="${1:?usage: package-release.sh <target> <binary> <out-dir>}"
binary="${2:?usage: package-release.sh <target> <binary> <out-dir>}"
out="${3:?usage: package-release.sh <target> <binary> <out-dir>}"
version=$(awk '/^\[package\]/{p=1; next} /^\[/{p=0} p && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' Cargo.toml)
name="zonelint-v$version-$target"
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions" "$stage/$name/man"
exe=zonelint
case "$target" in *windows*) exe=zonelint.exe ;; esac
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
cp README.md CHANGELOG.md "$stage/$name/"
for f in LICENSE*; do [ -f "$f" ] && cp "$f" "$stage/$name/"; done
# Completions and manual pages come from the binary when it runs here (a cross build
# that cannot run on the build machine ships without them).
if "$stage/$name/$exe" --version >/dev/null 2>&1; then
  for shell in bash zsh fish elvish powershell; do
    "$stage/$name/$exe" completions "$shell" >"$stage/$name/completions/zonelint.$shell"
  done
  "$stage/$name/$exe" manpage --dir "$stage/$name/man"
fi
cd "$stage"
case "$target" in
  *windows*)
    rm -f "$out/$name.zip"
    if command -v 7z >/dev/null 2>&1; then
      7z a -tzip -bd "$out/$name.zip" "$name" >/dev/null
    else
      python3 -m zipfile -c "$out/$name.zip" "$name"
    fi
    echo "$out/$name.zip"
    ;;
  *)
    # Reproducible where GNU tar is there: names sorted, no owner, a fixed time.
    if tar --version 2>/dev/null | grep -q 'GNU tar'; then
      tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
    else
      tar -czf "$out/$name.tar.gz" "$name"
    fi
    echo "$out/$name.tar.gz"
    ;;
esac
