#!/usr/bin/env bash
# Installs zonelint for the GitHub Action (action.yml), at the action's own version.
#
# 1. The release archive for the runner's OS and architecture, `v<version>` of the
#    Cargo.toml beside this script, and the release's SHA256SUMS; the archive is used
#    only when its SHA-256 is the one listed. A checksum that does not match, or an
#    archive the list does not name, fails the step: it is never "fixed" by building.
# 2. When there is no such release (HTTP 404: a commit between releases, a fork), or
#    with ZONELINT_INSTALL=source (the action used as `uses: ./`, whose source is the
#    code under review), `cargo install --locked` from the action's own source.
#
# The pre-commit hook `zonelint-binary` (scripts/pre-commit-binary.sh) installs with it too.
#
# Environment (the action sets the first ones; tests set the rest):
#   ACTION_PATH           the action's folder (its Cargo.toml gives the version)
#   ZONELINT_INSTALL_DIR  where the binary goes (<dir>/bin/zonelint), added to GITHUB_PATH
#   ZONELINT_INSTALL      auto (release, else source) | release (no fallback) | source
#   ZONELINT_RELEASES     the download base (default the project's GitHub releases);
#                         files are <base>/v<version>/<name>
#   RUNNER_OS, RUNNER_ARCH  as GitHub sets them (Linux/macOS/Windows, X64/ARM64)
#   ZONELINT_CARGO        the cargo to run for the fallback (default: cargo)
set -euo pipefail

ACTION_PATH="${ACTION_PATH:?ACTION_PATH is not set}"
DIR="${ZONELINT_INSTALL_DIR:?ZONELINT_INSTALL_DIR is not set}"
MODE="${ZONELINT_INSTALL:-auto}"
BASE="${ZONELINT_RELEASES:-https://github.com/zonelint/zonelint/releases/download}"
CARGO="${ZONELINT_CARGO:-cargo}"

say() { printf 'zonelint install: %s\n' "$*" >&2; }

# The package version: the first `version = "…"` of Cargo.toml's [package] table.
version=$(awk '/^\[package\]/{p=1; next} /^\[/{p=0} p && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' "$ACTION_PATH/Cargo.toml")
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]]; then
  say "cannot read the version from $ACTION_PATH/Cargo.toml"
  exit 1
fi

case "${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac

exe=zonelint
if [ "$target" = x86_64-pc-windows-msvc ]; then exe=zonelint.exe; fi
mkdir -p "$DIR/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

from_source() {
  say "building zonelint $version from the action's source with cargo (a few minutes)"
  "$CARGO" install --locked --path "$ACTION_PATH" --root "$DIR" --force
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Downloads $1 to $2; exit status 0, or 22 for an HTTP error (with the code in
# $http_status), anything else for a network failure.
http_status=""
download() {
  local code
  code=$(curl --silent --show-error --location --retry 3 --retry-connrefused \
    --proto '=https,http' --max-filesize 200000000 --output "$2" --write-out '%{http_code}' "$1") || return $?
  http_status="$code"
  [ "$code" = 200 ] || return 22
}

from_release() {
  local tag="v$version" ext=tar.gz
  if [ "$exe" = zonelint.exe ]; then ext=zip; fi
  local name="zonelint-$tag-$target"
  if ! download "$BASE/$tag/SHA256SUMS" "$tmp/SHA256SUMS"; then
    if [ "$http_status" = 404 ]; then
      return 2 # no such release
    fi
    say "cannot download $BASE/$tag/SHA256SUMS (HTTP ${http_status:-error})"
    return 1
  fi
  local want
  want=$(awk -v f="$name.$ext" '$2 == f || $2 == "*" f {print $1}' "$tmp/SHA256SUMS")
  if [ -z "$want" ]; then
    say "release $tag has no $name.$ext in its SHA256SUMS (no build for $target)"
    return 1
  fi
  if ! download "$BASE/$tag/$name.$ext" "$tmp/$name.$ext"; then
    say "cannot download $BASE/$tag/$name.$ext (HTTP ${http_status:-error})"
    return 1
  fi
  local got
  got=$(sha256 "$tmp/$name.$ext")
  if [ "$got" != "$want" ]; then
    say "checksum mismatch for $name.$ext: SHA256SUMS says $want, the download is $got; not installed"
    return 1
  fi
  mkdir -p "$tmp/x"
  if [ "$ext" = zip ]; then
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$tmp/$name.$ext" -d "$tmp/x"
    else
      7z x -y -o"$tmp/x" "$tmp/$name.$ext" >/dev/null
    fi
  else
    tar -xzf "$tmp/$name.$ext" -C "$tmp/x"
  fi
  if [ ! -f "$tmp/x/$name/$exe" ]; then
    say "the archive $name.$ext holds no $name/$exe"
    return 1
  fi
  # In place in one step: a run that stops half-way leaves no half a binary.
  install -m 755 "$tmp/x/$name/$exe" "$DIR/bin/.$exe.part"
  mv -f "$DIR/bin/.$exe.part" "$DIR/bin/$exe"
  say "installed zonelint $version ($target) from the release, checksum verified"
}

case "$MODE" in
  source) from_source ;;
  auto | release)
    if [ -z "$target" ]; then
      say "no release build for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}"
      [ "$MODE" = auto ] || exit 1
      from_source
    else
      status=0
      from_release || status=$?
      if [ "$status" = 2 ]; then
        say "no release v$version at $BASE"
        [ "$MODE" = auto ] || exit 1
        from_source
      elif [ "$status" != 0 ]; then
        exit 1
      fi
    fi
    ;;
  *)
    say "ZONELINT_INSTALL must be auto, release or source, not '$MODE'"
    exit 1
    ;;
esac

if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$DIR/bin" >>"$GITHUB_PATH"
fi
"$DIR/bin/$exe" --version
