#!/usr/bin/env bash
# The pre-commit hook `zonelint-binary`: zonelint from the release archive of the hook's
# own version (the `rev:` in .pre-commit-config.yaml), checksum verified and kept in
# ~/.cache/zonelint/v<version> (ZONELINT_CACHE), then run with the hook's arguments.
# No Rust, no Python; the first run downloads a few MB, later runs start at once. With
# no release for that version (a commit between releases) it builds with cargo, once.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(awk '/^\[package\]/{p=1; next} /^\[/{p=0} p && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' "$here/Cargo.toml")
cache="${ZONELINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zonelint}/v$version"
exe="$cache/bin/zonelint"
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) exe="$exe.exe" ;; esac
if [ ! -x "$exe" ]; then
  ACTION_PATH="$here" ZONELINT_INSTALL_DIR="$cache" GITHUB_PATH="" \
    bash "$here/scripts/action-install.sh" >&2
fi
exec "$exe" "$@"
