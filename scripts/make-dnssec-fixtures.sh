#!/usr/bin/env bash
# Regenerates the signed zones of testdata/rules/{rrsig-*,dnssec-*}/ with BIND's tools
# (Debian package bind9-utils). Keys are made fresh each time, so the files change, but
# their findings do not: the rule tests check them against a fixed clock, 2026-11-23.
# Usage: scripts/make-dnssec-fixtures.sh
set -euo pipefail
T="$(cd "$(dirname "$0")/.." && pwd)/testdata/rules"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

base() { # zone
  cat <<Z
\$TTL 3600
@       IN SOA  ns1.$1. hostmaster.$1. ( 2026112301 7200 3600 1209600 3600 )
        IN NS   ns1.$1.
        IN NS   ns2.$1.
ns1     IN A    192.0.2.53
ns2     IN A    198.51.100.53
www     IN A    192.0.2.80
Z
}

# sign ZONE ALG INCEPTION EXPIRATION OUT [-3 salt ...]
sign() {
  local zone=$1 alg=$2 s=$3 e=$4 out=$5; shift 5
  local d="$W/$zone-$alg"
  mkdir -p "$d"
  (cd "$d" && base "$zone" > zone.in \
    && ksk=$(dnssec-keygen -q -a "$alg" -f KSK "$zone") \
    && zsk=$(dnssec-keygen -q -a "$alg" "$zone") \
    && cat "$ksk.key" "$zsk.key" >> zone.in \
    && dnssec-signzone -q -P -O full -o "$zone" -s "$s" -e "$e" -f signed "$@" zone.in "$ksk" "$zsk" >/dev/null)
  cp "$d/signed" "$out"
}

# Marks every RRSIG line of a file with an expectation.
expect_rrsigs() { sed -i "/ IN RRSIG\t/s/\$/ ; expect: $2/" "$1"; }

VALID_S=20261101000000 VALID_E=20270101000000

sign example.com ECDSAP256SHA256 20261001000000 20261101000000 "$T/rrsig-expired/example.com.zone"
expect_rrsigs "$T/rrsig-expired/example.com.zone" rrsig-expired
sign quiet.example.org ECDSAP256SHA256 $VALID_S $VALID_E "$T/rrsig-expired/quiet.example.org.zone"

sign example.com ECDSAP256SHA256 20261101000000 20261126000000 "$T/rrsig-expiring/example.com.zone"
expect_rrsigs "$T/rrsig-expiring/example.com.zone" rrsig-expiring
sign quiet.example.org ECDSAP256SHA256 $VALID_S $VALID_E "$T/rrsig-expiring/quiet.example.org.zone"

sign example.com ED25519 20261201000000 20270101000000 "$T/rrsig-not-yet-valid/example.com.zone"
expect_rrsigs "$T/rrsig-not-yet-valid/example.com.zone" rrsig-not-yet-valid
sign quiet.example.org ED25519 $VALID_S $VALID_E "$T/rrsig-not-yet-valid/quiet.example.org.zone"

# Data edited after signing: www's address changed, its signature kept.
sign example.com RSASHA256 $VALID_S $VALID_E "$T/rrsig-invalid/example.com.zone"
sed -i 's/ IN A\t\t*192\.0\.2\.80$/ IN A\t\t192.0.2.81/' "$T/rrsig-invalid/example.com.zone"
sed -i '/^www\.example\.com\..* IN RRSIG\tA /s/$/ ; expect: rrsig-invalid/' "$T/rrsig-invalid/example.com.zone"
sign quiet.example.org RSASHA256 $VALID_S $VALID_E "$T/rrsig-invalid/quiet.example.org.zone"

# A signature whose key is gone: the key tag of www's RRSIG changed to one that no
# DNSKEY has, so the A RRset is left without a usable signature too.
sign example.com ECDSAP256SHA256 $VALID_S $VALID_E "$T/rrsig-no-matching-dnskey/example.com.zone"
python3 - "$T/rrsig-no-matching-dnskey/example.com.zone" <<'PY'
import sys
p = sys.argv[1]
out = []
for line in open(p):
    line = line.rstrip("\n")
    if line.startswith("www.example.com.") and " IN RRSIG\tA " in line:
        head, rdata = line.split(" IN RRSIG\t")
        f = rdata.split(" ")
        f[6] = "1"  # key tag 1: no DNSKEY has it
        line = head + " IN RRSIG\t" + " ".join(f) + " ; expect: rrsig-no-matching-dnskey"
    elif line.startswith("www.example.com.") and " IN A\t" in line:
        line += " ; expect: rrsig-missing"
    out.append(line)
open(p, "w").write("\n".join(out) + "\n")
PY
sign quiet.example.org ECDSAP256SHA256 $VALID_S $VALID_E "$T/rrsig-no-matching-dnskey/quiet.example.org.zone"

# An RRset added by hand after signing.
sign example.com ECDSAP256SHA256 $VALID_S $VALID_E "$T/rrsig-missing/example.com.zone"
printf 'mail.example.com.\t3600\tIN\tA\t192.0.2.25 ; expect: rrsig-missing, nsec-chain-broken\n' >> "$T/rrsig-missing/example.com.zone"
# The new name is also missing from the NSEC chain: the apex NSEC skips it.
sed -i '/^example\.com\..* IN NSEC\t/s/$/ ; expect: nsec-chain-broken/' "$T/rrsig-missing/example.com.zone"
sign quiet.example.org ECDSAP256SHA256 $VALID_S $VALID_E "$T/rrsig-missing/quiet.example.org.zone"

# ED448: not verifiable with ring.
sign example.com ED448 $VALID_S $VALID_E "$T/dnssec-algorithm-unsupported/example.com.zone"
sed -i '0,/ IN RRSIG\t/{/ IN RRSIG\t/s/$/ ; expect: dnssec-algorithm-unsupported/}' "$T/dnssec-algorithm-unsupported/example.com.zone"
sign quiet.example.org ED25519 $VALID_S $VALID_E "$T/dnssec-algorithm-unsupported/quiet.example.org.zone"
echo done

# --- Chains of trust: a parent (unsigned) and a signed child in one folder. -----------
# child ZONE ALG OUTDIR: signs ZONE into OUTDIR/ZONE.zone, leaves its KSK's DS in $W/ds
child() {
  local zone=$1 alg=$2 out=$3
  local d="$W/child-$zone"
  mkdir -p "$d"
  (cd "$d" && base "$zone" > zone.in \
    && ksk=$(dnssec-keygen -q -a "$alg" -f KSK "$zone") \
    && zsk=$(dnssec-keygen -q -a "$alg" "$zone") \
    && cat "$ksk.key" "$zsk.key" >> zone.in \
    && dnssec-signzone -q -P -O full -o "$zone" -s $VALID_S -e $VALID_E -f signed zone.in "$ksk" "$zsk" >/dev/null \
    && dnssec-dsfromkey -2 "$ksk.key" > ds \
    && dnssec-dsfromkey -C -2 "$ksk.key" > cds \
    && sed 's/\tDNSKEY\t/\tCDNSKEY\t/; s/ DNSKEY / CDNSKEY /' "$ksk.key" | grep -v '^;' > cdnskey \
    && old=$(dnssec-keygen -q -a "$alg" -f KSK "$zone") && dnssec-dsfromkey -2 "$old.key" > oldds \
    && dnssec-dsfromkey -C -2 "$old.key" > oldcds)
  cp "$d/signed" "$out/$zone.zone"
  echo "$d"
}
parent() { # ZONE CHILD-LABEL DS-LINES... (prints the parent zone, with glue)
  local zone=$1 label=$2; shift 2
  base "$zone"
  printf '%s\tIN NS\tns1.%s.%s.\n%s\tIN NS\tns2.%s.%s.\n' "$label" "$label" "$zone" "$label" "$label" "$zone"
  printf 'ns1.%s\tIN A\t192.0.2.53\nns2.%s\tIN A\t198.51.100.53\n' "$label" "$label"
  for l in "$@"; do printf '%s\n' "$l"; done
}
dsline() { awk '{$1=""; print "sec" $0}' "$1" | sed 's/^sec IN/sec\tIN/'; }

D=$T/ds-without-matching-dnskey; rm -f "$D"/*.zone
c=$(child sec.example.com ECDSAP256SHA256 "$D")
parent example.com sec "$(dsline "$c/ds")" "$(dsline "$c/oldds") ; expect: ds-without-matching-dnskey" > "$D/example.com.zone"
c=$(child sec.quiet.example.org ECDSAP256SHA256 "$D")
parent quiet.example.org sec "$(dsline "$c/ds")" > "$D/quiet.example.org.zone"

D=$T/dnskey-without-ds; rm -f "$D"/*.zone
c=$(child sec.example.com ECDSAP256SHA256 "$D")
sed -i '0,/ IN DNSKEY\t257 /{/ IN DNSKEY\t257 /s/$/ ; expect: dnskey-without-ds/}' "$D/sec.example.com.zone"
parent example.com sec "$(dsline "$c/oldds") ; expect: ds-without-matching-dnskey" > "$D/example.com.zone"
c=$(child sec.quiet.example.org ECDSAP256SHA256 "$D")
parent quiet.example.org sec "$(dsline "$c/ds")" > "$D/quiet.example.org.zone"

D=$T/ds-for-unsigned-child; rm -f "$D"/*.zone
c=$(child sec.example.com ECDSAP256SHA256 "$W")
parent example.com sec "$(dsline "$c/ds") ; expect: ds-for-unsigned-child" > "$D/example.com.zone"
base sec.example.com | sed '1i $ORIGIN sec.example.com.' > "$D/sec.example.com.zone"
c=$(child sec.quiet.example.org ECDSAP256SHA256 "$D")
parent quiet.example.org sec "$(dsline "$c/ds")" > "$D/quiet.example.org.zone"

D=$T/signed-zone-without-ds; rm -f "$D"/*.zone
c=$(child sec.example.com ECDSAP256SHA256 "$D")
sed -i '0,/ IN DNSKEY\t/{/ IN DNSKEY\t/s/$/ ; expect: signed-zone-without-ds/}' "$D/sec.example.com.zone"
parent example.com sec > "$D/example.com.zone"
c=$(child sec.quiet.example.org ECDSAP256SHA256 "$D")
parent quiet.example.org sec "$(dsline "$c/ds")" > "$D/quiet.example.org.zone"

D=$T/dnskey-not-signed-by-ksk; mkdir -p "$D"; rm -f "$D"/*.zone
# The child's DNSKEY RRset keeps only the ZSK's signature; the parent's DS names the KSK.
c=$(child sec.example.com ECDSAP256SHA256 "$D")
ksktag=$(awk '{print $4}' "$c/ds")
sed -i "/ IN RRSIG\tDNSKEY .* $ksktag sec\.example\.com\. /d" "$D/sec.example.com.zone"
sed -i '0,/ IN DNSKEY\t257 /{/ IN DNSKEY\t257 /s/$/ ; expect: dnskey-not-signed-by-ksk/}' "$D/sec.example.com.zone"
parent example.com sec "$(dsline "$c/ds")" > "$D/example.com.zone"
# No parent in the folder: the SEP key (257) is the one that must sign.
c=$(child orphan.example.net ECDSAP256SHA256 "$D")
ksktag=$(awk '{print $4}' "$c/ds")
sed -i "/ IN RRSIG\tDNSKEY .* $ksktag orphan\.example\.net\. /d" "$D/orphan.example.net.zone"
sed -i '0,/ IN DNSKEY\t257 /{/ IN DNSKEY\t257 /s/$/ ; expect: dnskey-not-signed-by-ksk/}' "$D/orphan.example.net.zone"
c=$(child sec.quiet.example.org ECDSAP256SHA256 "$D")
parent quiet.example.org sec "$(dsline "$c/ds")" > "$D/quiet.example.org.zone"

# cdszone ZONE OUT MODE: a signed zone with CDS and CDNSKEY in it (MODE good: both of
# the KSK; stale: the CDS of another key beside the KSK's CDNSKEY).
cdszone() {
  local zone=$1 out=$2 mode=$3 d="$W/cds-$1"
  mkdir -p "$d"
  (cd "$d" && ksk=$(dnssec-keygen -q -a ECDSAP256SHA256 -f KSK "$zone") \
    && zsk=$(dnssec-keygen -q -a ECDSAP256SHA256 "$zone") \
    && old=$(dnssec-keygen -q -a ECDSAP256SHA256 -f KSK "$zone") \
    && base "$zone" > zone.in && cat "$ksk.key" "$zsk.key" >> zone.in \
    && if [ "$mode" = good ]; then dnssec-dsfromkey -C -2 "$ksk.key" >> zone.in; else dnssec-dsfromkey -C -2 "$old.key" >> zone.in; fi \
    && grep -v '^;' "$ksk.key" | sed 's/ DNSKEY / CDNSKEY /' >> zone.in \
    && dnssec-signzone -q -P -O full -o "$zone" -s $VALID_S -e $VALID_E -f signed zone.in "$ksk" "$zsk" >/dev/null)
  cp "$d/signed" "$out"
}
D=$T/cds-cdnskey-mismatch; rm -f "$D"/*.zone
cdszone example.com "$D/example.com.zone" stale
sed -i '/ IN CDS\t/s/$/ ; expect: cds-cdnskey-mismatch/; / IN CDNSKEY\t/s/$/ ; expect: cds-cdnskey-mismatch/' "$D/example.com.zone"
cdszone quiet.example.org "$D/quiet.example.org.zone" good
{ base delete.example.net; printf '@\tIN CDS\t0 0 0 00\n@\tIN CDNSKEY\t0 3 0 AA==\n'; } > "$D/quiet.delete.example.net.zone"
echo chains done

# --- NSEC chain faults ---------------------------------------------------------------
D=$T/nsec-chain-broken; mkdir -p "$D"; rm -f "$D"/*.zone
# www's NSEC (and its signature) removed: the chain skips www.
sign example.com ECDSAP256SHA256 $VALID_S $VALID_E "$D/example.com.zone"
sed -i '/^www\.example\.com\..* IN NSEC\t/d; /^www\.example\.com\..* IN RRSIG\tNSEC /d' "$D/example.com.zone"
sed -i '0,/^www\.example\.com\..* IN A\t/{/^www\.example\.com\..* IN A\t/s/$/ ; expect: nsec-chain-broken/}' "$D/example.com.zone"
# A TXT record added by hand after signing: the bitmap of ns1 does not list it.
sign example.net ECDSAP256SHA256 $VALID_S $VALID_E "$D/example.net.zone"
sed -i '/^ns1\.example\.net\..* IN NSEC\t/s/$/ ; expect: nsec-chain-broken/' "$D/example.net.zone"
printf 'ns1.example.net.\t3600\tIN\tTXT\t"added by hand" ; expect: rrsig-missing\n' >> "$D/example.net.zone"
sign quiet.example.org ECDSAP256SHA256 $VALID_S $VALID_E "$D/quiet.example.org.zone"
echo nsec done

# --- NSEC3 chain faults --------------------------------------------------------------
D=$T/nsec3-chain-broken; mkdir -p "$D"; rm -f "$D"/*.zone
# An A record added by hand after signing: the new name has no NSEC3.
sign example.com ECDSAP256SHA256 $VALID_S $VALID_E "$D/example.com.zone" -3 - -H 0
printf 'mail.example.com.\t3600\tIN\tA\t192.0.2.25 ; expect: nsec3-chain-broken, rrsig-missing\n' >> "$D/example.com.zone"
# One NSEC3 (and its signature) removed: a hole in the chain.
sign example.net ECDSAP256SHA256 $VALID_S $VALID_E "$D/example.net.zone" -3 - -H 0
python3 - "$D/example.net.zone" <<'PY'
import base64, hashlib, sys
p = sys.argv[1]
def b32hex(b):
    std = base64.b32encode(b).decode()
    return std.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789ABCDEFGHIJKLMNOPQRSTUV"))
# The NSEC3 of www.example.net (no salt, no extra iterations).
wire = b"\x03www\x07example\x03net\x00"
gone = b32hex(hashlib.sha1(wire).digest())
lines = open(p).read().split("\n")
out = []
for l in lines:
    if l.upper().startswith(gone) and (" IN NSEC3\t" in l or " IN RRSIG\tNSEC3 " in l):
        continue
    if " IN NSEC3\t" in l and l.split()[-1] != "" and gone in l.upper().split():
        l += " ; expect: nsec3-chain-broken"   # the NSEC3 that points into the hole
    elif l.startswith("www.example.net.") and " IN A\t" in l:
        l += " ; expect: nsec3-chain-broken"
    out.append(l)
open(p, "w").write("\n".join(out))
PY
sign quiet.example.org ECDSAP256SHA256 $VALID_S $VALID_E "$D/quiet.example.org.zone" -3 - -H 0
echo nsec3 done
