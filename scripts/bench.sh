#!/usr/bin/env bash
# Times zonelint against the peer tools on the same inputs, in one run, and prints the
# ratio tables (hyperfine), records per second and peak memory.
#
#   scripts/bench.sh [DIR]        (inputs go to DIR, default /tmp/zl-bench)
#
# Inputs: ../shared/bench/make_zones.sh (1M-record unsigned zone; 100k-name signed zones,
# NSEC, NSEC3 and RSA) and a repository of 20,000 small zone files with a named.conf that
# references them (made here). Needs hyperfine and the peers (Debian: hyperfine,
# bind9-utils, knot-dnssecutils, ldnsutils, validns), installed on demand.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
D=${1:-/tmp/zl-bench}
ZL="$here/target/release/zonelint"
(cd "$here" && cargo build --release --locked -q)
for p in hyperfine bind9-utils knot-dnssecutils ldnsutils validns; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$p" >/dev/null; }
done
# make_zones.sh signs in the current directory (dnssec-signzone writes dsset-* files there).
mkdir -p "$D" && (cd "$D" && "$here/../shared/bench/make_zones.sh" "$D" >/dev/null)

# 20,000 small zones and a named.conf, deterministic.
R="$D/repo-20k"
if [ ! -f "$R/named.conf" ]; then
  mkdir -p "$R/zones"
  python3 - "$R" <<'PY'
import sys, os
r = sys.argv[1]
conf = open(os.path.join(r, "named.conf"), "w")
for i in range(20000):
    z = f"z{i:05d}.example"
    with open(os.path.join(r, "zones", f"db.{z}"), "w") as f:
        f.write(f"$TTL 3600\n@ IN SOA ns1.{z}. hostmaster.{z}. ( 2026112301 7200 3600 1209600 3600 )\n")
        f.write(f"  IN NS ns1.{z}.\n  IN NS ns2.{z}.\n  IN MX 10 mail.{z}.\n")
        f.write(f"ns1 IN A 192.0.2.{i % 250 + 1}\nns2 IN A 198.51.100.{i % 250 + 1}\n")
        f.write(f"mail IN A 203.0.113.{i % 250 + 1}\nwww IN CNAME mail\n")
    conf.write(f'zone "{z}" {{ type primary; file "zones/db.{z}"; }};\n')
PY
fi

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
o=bench.example
echo "== 1M-record unsigned zone, all rules"
# Ten runs each: on a shared 2-core machine single runs vary by 10-20 %.
hyperfine -N -w 2 -r 10 -i \
  "$ZL check --origin $o $D/unsigned-1m.zone" \
  "named-checkzone -q -i local $o $D/unsigned-1m.zone" \
  "kzonecheck -o $o $D/unsigned-1m.zone" \
  "validns -q -z $o. $D/unsigned-1m.zone"
records=$("$ZL" check --timings --origin $o "$D/unsigned-1m.zone" 2>&1 >/dev/null | sed -n 's/.* \([0-9]*\) records.*/\1/p')
t=$( { /usr/bin/time -f "%e" "$ZL" check --origin $o "$D/unsigned-1m.zone" >/dev/null; } 2>&1 | tail -1)
echo "zonelint: $(python3 -c "print(f'{$records/$t:,.0f}')") records/s; peak memory (KiB):" \
  "zonelint $(peak "$ZL" check --origin $o "$D/unsigned-1m.zone")," \
  "named-checkzone $(peak named-checkzone -q -i local $o "$D/unsigned-1m.zone")," \
  "kzonecheck $(peak kzonecheck -o $o "$D/unsigned-1m.zone")"
# The reader alone (lexer, entry parser, owner table, RRset index) on both cores, from
# --stats: bytes of zone file per second.
size=$(stat -c %s "$D/unsigned-1m.zone")
"$ZL" check --timings --origin $o "$D/unsigned-1m.zone" 2>&1 >/dev/null |
  awk -v size="$size" '/read and parse:/ { printf "reader: %.0f MB/s (%.1f MB in %.3f s, both cores)\n", size / $5 / 1e6, size / 1e6, $5 }'
for z in signed-100k-nsec signed-100k-nsec3; do
  echo "== $z: full signature verification"
  hyperfine -N -w 1 -r 5 -i \
    "$ZL check --origin $o $D/$z.zone" \
    "dnssec-verify -q -o $o $D/$z.zone" \
    "kzonecheck -o $o $D/$z.zone" \
    "ldns-verify-zone $D/$z.zone"
done
echo "== signed-100k-rsa: full signature verification"
hyperfine -N -w 1 -r 3 -i \
  "$ZL check --origin $o $D/signed-100k-rsa.zone" \
  "dnssec-verify -q -o $o $D/signed-100k-rsa.zone" \
  "kzonecheck -o $o $D/signed-100k-rsa.zone" \
  "validns -q -n 2 -z $o. $D/signed-100k-rsa.zone"
for z in signed-100k-nsec signed-100k-nsec3 signed-100k-rsa; do
  echo "$z: $("$ZL" check --timings --origin $o "$D/$z.zone" 2>&1 >/dev/null | grep -A1 ' signatures:' | tr -s ' ' | tr '\n' ' ')"
done
echo "== crypto backend's raw verify rate (ring, ECDSA P-256; criterion, cargo bench --bench dnssec)"
(cd "$here" && cargo bench --locked -q --bench dnssec -- --quick 2>/dev/null | grep -E '^verify|thrpt' | grep -v '%')
echo "== 20,000-file repository"
hyperfine -N -w 1 -r 5 -i "$ZL check $R" "$ZL check -j 1 $R"
