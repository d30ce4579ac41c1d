#!/usr/bin/env bash
# The Action's check step (action.yml): one zonelint run that prints the findings in the
# chosen format (annotations by default) and writes the JSON report (for the `findings`
# output) and, when asked, the SARIF file. A run that cannot start (a bad zonelint.toml,
# a bad revision) prints its message once, exits 2 and writes no file.
#
# Environment: INPUT_PATHS (one path a line, or space-separated on one line),
# INPUT_FORMAT, INPUT_SARIF, INPUT_FAIL_ON, INPUT_CONFIG, INPUT_GIT_BASE, INPUT_ARGS,
# INPUT_CONFIG_FROM_BASE, PR_BASE, RUNNER_TEMP, GITHUB_OUTPUT.
set -o pipefail

paths=()
if [[ "$INPUT_PATHS" == *$'\n'* ]]; then
  # One path a line: blanks around a line are dropped, blanks inside kept.
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ]; then paths+=("$line"); fi
  done <<<"$INPUT_PATHS"
else
  read -r -a paths <<<"$INPUT_PATHS"
fi
if [ ${#paths[@]} = 0 ]; then paths=(.); fi
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then read -r -a extra <<<"$INPUT_ARGS"; fi

common=(--fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_CONFIG:-}" ]; then common+=(--config "$INPUT_CONFIG"); fi
base="${INPUT_GIT_BASE:-${PR_BASE:-}}"
if [ -n "$base" ]; then
  common+=(--git-base "$base")
  # Rule levels and excludes from the base revision: a pull request cannot turn the
  # gate off by editing zonelint.toml.
  if [ "${INPUT_CONFIG_FROM_BASE:-true}" != "false" ]; then common+=(--config-from "$base"); fi
fi

format="${INPUT_FORMAT:-github}"
json="${RUNNER_TEMP:-/tmp}/zonelint-report.json"
rm -f "$json"
outputs=()
if [ "$format" != json ]; then outputs+=(--output-file "json:$json"); fi
if [ -n "${INPUT_SARIF:-}" ]; then outputs+=(--output-file "sarif:$INPUT_SARIF"); fi

status=0
if [ "$format" = json ]; then
  zonelint check --format json "${common[@]}" "${outputs[@]}" "${extra[@]}" -- "${paths[@]}" | tee "$json"
  status=${PIPESTATUS[0]}
else
  zonelint check --format "$format" "${common[@]}" "${outputs[@]}" "${extra[@]}" -- "${paths[@]}" || status=$?
fi

if [ -s "$json" ]; then
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$json" 2>/dev/null || echo "")
  if [ -n "$findings" ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "findings=$findings" >>"$GITHUB_OUTPUT"
  fi
fi
exit "$status"
