#!/bin/sh
# Fuzz the zone reader and the named.conf reader (with every rule behind them), the
# zonelint.toml reader, and include graphs read through the confined source layer.
#
#   scripts/fuzz.sh [SECONDS]          # both targets, SECONDS each (default 1800), in parallel
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds come from
# testdata/ and, when present, ../shared/corpus; the corpora grow in fuzz/corpus/. A crash
# is saved in fuzz/artifacts/<target>/: copy it to testdata/fuzz/<target>/ so that
# tests/fuzz_regressions.rs replays it on stable in every CI run.
set -eu
cd "$(dirname "$0")/.."
secs="${1:-1800}"
seed() {
    target=$1; shift
    mkdir -p "fuzz/corpus/$target"
    find "$@" -type f -size -64k 2>/dev/null | while read -r f; do
        cp "$f" "fuzz/corpus/$target/seed-$(printf '%s' "$f" | md5sum | cut -c1-12)"
    done
}
seed zone $(find testdata ../shared/corpus -type f \( -name '*.zone' -o -name 'db.*' -o -name '*.db' \) 2>/dev/null)
seed named_conf $(find testdata ../shared/corpus/bind9 -type f \( -name '*.conf' -o -name 'named.conf*' \) ! -name '*.j2' 2>/dev/null)
seed unbound_conf testdata/unbound testdata/fuzz/unbound $(find testdata/rules -path '*unbound*' -type f)
seed config_toml testdata/fuzz/config examples
seed include_graph testdata/fuzz/includes
for t in zone named_conf unbound_conf config_toml include_graph; do
    cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 \
        > "fuzz/$t.log" 2>&1 &
done
wait
tail -n 3 fuzz/zone.log fuzz/named_conf.log fuzz/unbound_conf.log fuzz/config_toml.log fuzz/include_graph.log
