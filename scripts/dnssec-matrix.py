#!/usr/bin/env python3
"""Signs a zone holding every record type with BIND and with ldns, for each algorithm and
each denial mode, and checks zonelint against the signers and the reference validators.

1. Every signed zone: zonelint reports no `rrsig-invalid` (nor any other DNSSEC error);
   an algorithm its crypto backend cannot verify (Ed448) gives exactly one
   `dnssec-algorithm-unsupported` info, never silence.
2. Tamper matrix: variants of signed zones with one fault each; each must be caught by the
   rule that names it. The table printed at the end says which of `dnssec-verify` and
   `ldns-verify-zone` catch the same variant.

The zones are generated here, in a temporary folder, from testdata/types/every-type.zone
(fresh keys every run: the findings, not the bytes, are what is compared).

Usage: scripts/dnssec-matrix.py ZONELINT [--quick] [--keep DIR]
Needs: dnssec-keygen, dnssec-signzone, dnssec-dsfromkey, dnssec-verify (bind9-utils);
ldns-keygen, ldns-signzone, ldns-read-zone, ldns-verify-zone (ldnsutils).
Exit status 1 when any expectation fails.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVERY = os.path.join(ROOT, "testdata", "types", "every-type.zone")
INCEPTION, EXPIRATION = "20261101000000", "20270101000000"
NOW = "20261201000000"
ALGORITHMS = [5, 7, 8, 10, 13, 14, 15, 16]
MODES = ["nsec", "nsec3", "nsec3-optout"]
# Algorithms ring cannot verify: one info per zone, never "invalid".
UNVERIFIABLE = {16}
DNSSEC_ERRORS = {
    "rrsig-invalid", "rrsig-missing", "rrsig-no-matching-dnskey", "nsec-chain-broken",
    "nsec3-chain-broken", "zonemd-mismatch", "rrsig-expired", "rrsig-not-yet-valid",
    "dnskey-not-signed-by-ksk",
}

EXTRA = """
child NS ns1.child
ns1.child A 192.0.2.10
insecure NS ns.elsewhere.net.
deep.sub.insecure2 NS ns.elsewhere.net.
"""


def run(cmd, cwd=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {p.stderr.strip() or p.stdout.strip()}")
    return p


def ldns_lines(text, work):
    """The zone without the records ldns cannot read (A6, AVC, … on older ldns)."""
    keep = []
    for line in text.splitlines():
        # ldns (1.8.3) reads NSAP-PTR data as a character string where RFC 1348 has a
        # domain name, so it signs (and digests for ZONEMD) other octets than a server
        # serves from the same line: not a zone a validator would accept.
        if "NSAP-PTR" in line:
            continue
        if not line.strip() or line.startswith((";", "$")) or " SOA " in line:
            keep.append(line)
            continue
        probe = os.path.join(work, "probe.zone")
        with open(probe, "w") as f:
            f.write("$ORIGIN example.\n$TTL 3600\n" + line + "\n")
        if run(["ldns-read-zone", probe], check=False).returncode == 0:
            keep.append(line)
    return "\n".join(keep) + "\n"


def keygen(signer, alg, d, ksk):
    bits = ["-b", "2048"] if alg in (5, 7, 8, 10) else []
    if signer == "bind":
        cmd = ["dnssec-keygen", "-q", "-K", d, "-a", str(alg)] + bits + (["-f", "KSK"] if ksk else []) + ["example."]
        return os.path.join(d, run(cmd).stdout.strip())
    cmd = ["ldns-keygen", "-a", str(alg)] + bits + (["-k"] if ksk else []) + ["example."]
    base = run(cmd, cwd=d).stdout.strip()
    return os.path.join(d, base)


def sign(signer, alg, mode, d, text, zonemd=False):
    """Signs `text` (zone example.) in folder `d`; returns the signed file's path."""
    os.makedirs(d, exist_ok=True)
    ksk, zsk = keygen(signer, alg, d, True), keygen(signer, alg, d, False)
    src = os.path.join(d, "zone.in")
    with open(src, "w") as f:
        f.write(text)
    out = os.path.join(d, "signed.zone")
    if signer == "bind":
        cmd = ["dnssec-signzone", "-q", "-K", d, "-o", "example.", "-s", INCEPTION, "-e", EXPIRATION,
               "-f", out, "-S", "-O", "full"]
        if mode != "nsec":
            cmd += ["-3", "-", "-H", "0"] + (["-A"] if mode == "nsec3-optout" else [])
        run(cmd + [src], cwd=d)
    else:
        cmd = ["ldns-signzone", "-o", "example.", "-i", INCEPTION, "-e", EXPIRATION, "-f", out]
        if mode != "nsec":
            cmd += ["-n", "-t", "0"] + (["-p"] if mode == "nsec3-optout" else [])
        if zonemd:
            cmd += ["-z", "1:1"]
        run(cmd + [src, ksk, zsk], cwd=d)
    return out


def zonelint(binary, path, now=NOW, origin="example."):
    args = [binary, "check", "--format", "json", "--now", now]
    if origin:
        args += ["--origin", origin]
    p = run(args + [path], check=False)
    try:
        return [x["rule"] for x in json.loads(p.stdout)["diagnostics"]]
    except (json.JSONDecodeError, KeyError):
        raise RuntimeError(f"zonelint on {path}: {p.stderr.strip()}")


def bind_verify(path, now=NOW):
    # dnssec-verify has no clock option: it checks against the wall clock.
    return run(["dnssec-verify", "-q", "-o", "example.", path], check=False).returncode == 0


def ldns_verify(path, now=NOW):
    return run(["ldns-verify-zone", "-t", now, path], check=False).returncode == 0


# --- the one-fault variants -------------------------------------------------------

def records(text):
    return text.splitlines()


def rtype_of(line):
    f = line.split()
    for i, x in enumerate(f[1:4], 1):
        if x == "IN" and i + 1 < len(f):
            return f[i + 1]
    return None


def owner_of(line):
    return line.split()[0] if line and not line[0].isspace() else None


def source_types(text):
    """The record types of an unsigned zone text (owner, then optional TTL and class)."""
    types = set()
    for line in text.splitlines():
        f = line.split()
        if len(f) < 2 or line.startswith((";", "$")):
            continue
        rest = [x for x in f[1:] if not x.isdigit() and x != "IN"]
        if rest:
            types.add(rest[0])
    return types


def first_index(lines, pred):
    for i, l in enumerate(lines):
        if pred(l):
            return i
    raise LookupError("no such record")


def is_rr(line, rtype, covered=None):
    if line.startswith(";") or not line.strip():
        return False
    if rtype_of(line) != rtype:
        return False
    if covered is None:
        return True
    f = line.split()
    k = f.index("RRSIG")
    return f[k + 1] == covered


def v_rdata_changed(lines):
    i = first_index(lines, lambda l: is_rr(l, "A") and l.split()[0].startswith("ns1.example."))
    lines[i] = re.sub(r"192\.0\.2\.1$", "192.0.2.99", lines[i])
    return lines


def v_rrsig_dropped(lines):
    i = first_index(lines, lambda l: is_rr(l, "RRSIG", "TXT"))
    del lines[i]
    return lines


def drop_denial(which):
    def f(lines):
        kind = "NSEC3" if any(is_rr(l, "NSEC3") for l in lines) else "NSEC"
        idx = [i for i, l in enumerate(lines) if is_rr(l, kind)]
        if which == "apex":
            if kind == "NSEC3":
                raise LookupError("no apex record in an NSEC3 chain")
            idx = [i for i in idx if lines[i].split()[0] == "example."]
        i = {"apex": idx[0] if idx else None, "middle": idx[len(idx) // 2], "last": idx[-1]}[which]
        owner = lines[i].split()[0]
        lines = [l for j, l in enumerate(lines)
                 if j != i and not (owner_of(l) == owner and is_rr(l, "RRSIG", kind))]
        return lines
    return f


def v_nsec3_out_of_order(lines):
    idx = [i for i, l in enumerate(lines) if is_rr(l, "NSEC3")]
    a, b = idx[1], idx[2]
    fa, fb = lines[a].split(), lines[b].split()
    # Swap the next hashed owner names of two NSEC3 records.
    ka, kb = fa.index("NSEC3") + 5, fb.index("NSEC3") + 5
    fa[ka], fb[kb] = fb[kb], fa[ka]
    lines[a], lines[b] = " ".join(fa), " ".join(fb)
    return lines


def v_wrong_bitmap(lines):
    kind = "NSEC3" if any(is_rr(l, "NSEC3") for l in lines) else "NSEC"
    if kind == "NSEC":
        i = first_index(lines, lambda l: is_rr(l, "NSEC") and l.split()[0].startswith("txt.example."))
        lines[i] = lines[i].replace(" TXT ", " ").replace(" TXT", " ")
    else:
        i = first_index(lines, lambda l: is_rr(l, "NSEC3") and " TXT " in l + " ")
        lines[i] = re.sub(r" TXT( |$)", " ", lines[i]) + " TLSA"
    return lines


def v_no_nsec3_chain(lines):
    return [l for l in lines if not is_rr(l, "NSEC3") and not is_rr(l, "RRSIG", "NSEC3")]


def v_no_rrsig(lines):
    return [l for l in lines if not is_rr(l, "RRSIG")]


def v_zonemd_wrong(lines):
    i = first_index(lines, lambda l: is_rr(l, "ZONEMD"))
    f = lines[i].split()
    f[-1] = ("0" if f[-1][0] != "0" else "1") + f[-1][1:]
    lines[i] = " ".join(f)
    return lines


def v_cds_wrong(lines):
    # A CDS at the apex whose digest names no key of the zone.
    soa = first_index(lines, lambda l: is_rr(l, "SOA"))
    lines.insert(soa + 1, "example. 3600 IN CDS 12345 13 2 " + "AB" * 32)
    return lines


TAMPERS = [
    # name, function, the rule that must fire, applies to (modes)
    ("one RDATA byte changed", v_rdata_changed, "rrsig-invalid", MODES),
    ("one RRSIG dropped", v_rrsig_dropped, "rrsig-missing", MODES),
    ("apex NSEC dropped", drop_denial("apex"), "nsec-chain-broken", ["nsec"]),
    ("middle NSEC dropped", drop_denial("middle"), "nsec-chain-broken", ["nsec"]),
    ("last NSEC dropped", drop_denial("last"), "nsec-chain-broken", ["nsec"]),
    ("middle NSEC3 dropped", drop_denial("middle"), "nsec3-chain-broken", ["nsec3", "nsec3-optout"]),
    ("last NSEC3 dropped", drop_denial("last"), "nsec3-chain-broken", ["nsec3", "nsec3-optout"]),
    ("NSEC3 chain out of order", v_nsec3_out_of_order, "nsec3-chain-broken", ["nsec3", "nsec3-optout"]),
    ("wrong type bitmap", v_wrong_bitmap, None, MODES),
    ("no NSEC3 chain under NSEC3PARAM", v_no_nsec3_chain, "nsec3-chain-broken", ["nsec3", "nsec3-optout"]),
    ("no RRSIG at all", v_no_rrsig, "rrsig-missing", MODES),
    ("CDS matching no key", v_cds_wrong, "cds-cdnskey-mismatch", ["nsec"]),
]


def expect_clean(name, rules, alg, faults):
    bad = [r for r in rules if r in DNSSEC_ERRORS]
    if bad:
        faults.append(f"{name}: {sorted(set(bad))}")
    unsupported = rules.count("dnssec-algorithm-unsupported")
    if alg in UNVERIFIABLE and unsupported != 1:
        faults.append(f"{name}: {unsupported} dnssec-algorithm-unsupported findings (want 1)")
    if alg not in UNVERIFIABLE and unsupported:
        faults.append(f"{name}: algorithm {alg} reported unsupported")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("zonelint")
    ap.add_argument("--quick", action="store_true", help="algorithms 8 and 13 only")
    ap.add_argument("--keep", help="keep the generated zones in this folder")
    a = ap.parse_args()
    binary = os.path.abspath(a.zonelint)
    work = a.keep or tempfile.mkdtemp(prefix="zonelint-dnssec-")
    os.makedirs(work, exist_ok=True)
    algs = [8, 13] if a.quick else ALGORITHMS
    faults = []
    base = open(EVERY).read() + EXTRA
    texts = {"bind": base, "ldns": ldns_lines(base, work)}
    dropped = sorted(source_types(base) - source_types(texts["ldns"]))

    # Algorithm 5 (RSASHA1) predates NSEC3 and cannot sign with it (RFC 5155 §2): 7 is
    # the same algorithm for NSEC3 zones.
    jobs = [(signer, alg, mode) for signer in ("bind", "ldns") for alg in algs for mode in MODES
            if not (alg == 5 and mode != "nsec")]

    def do(job):
        signer, alg, mode = job
        d = os.path.join(work, f"{signer}-{alg}-{mode}")
        try:
            path = sign(signer, alg, mode, d, texts[signer], zonemd=(signer == "ldns"))
        except RuntimeError as e:
            return job, None, str(e)
        return job, path, None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        signed = list(ex.map(do, jobs))

    print(f"== signed zones ({len(jobs)}: bind, ldns × algorithms "
          f"{algs} × {MODES})")
    if dropped:
        print(f"   (left out of the zones ldns signs, as ldns cannot read them: {', '.join(dropped)})")
    rows = []
    for (signer, alg, mode), path, err in signed:
        name = f"{signer} alg {alg} {mode}"
        if err:
            # A signer that does not support an algorithm is not zonelint's fault.
            print(f"   {name}: not signed ({err.splitlines()[0][:100]})")
            continue
        rules = zonelint(binary, path)
        expect_clean(name, rules, alg, faults)
        rows.append((name, "clean" if not any(r in DNSSEC_ERRORS for r in rules) else "FAULT",
                     "ok" if bind_verify(path) else "fails", "ok" if ldns_verify(path) else "fails"))
    print("   (ldns-verify-zone fails the zones BIND signs where it cannot read a record type;"
          " dnssec-verify checks against the wall clock)")
    print(f"   {'zone':32} {'zonelint':9} {'dnssec-verify':14} {'ldns-verify-zone'}")
    for r in rows:
        print(f"   {r[0]:32} {r[1]:9} {r[2]:14} {r[3]}")

    print("\n== tamper matrix")
    table = []
    tamper_algs = [13, 8] if not a.quick else [13]
    for (signer, alg, mode), path, err in signed:
        if err or alg not in tamper_algs:
            continue
        text = open(path).read()
        for tname, fn, rule, modes in TAMPERS + time_tampers():
            if mode not in modes:
                continue
            if tname == "wrong ZONEMD digest" and "ZONEMD" not in text:
                continue
            try:
                lines = fn(records(text))
            except (LookupError, IndexError):
                continue
            vpath = os.path.join(work, f"{signer}-{alg}-{mode}-{re.sub(r'[^a-z0-9]+', '-', tname)}.zone")
            with open(vpath, "w") as f:
                f.write("\n".join(lines) + "\n")
            now = {"signatures expired": "20270201000000",
                   "signatures not yet valid": "20261001000000"}.get(tname, NOW)
            got = zonelint(binary, vpath, now=now)
            want = rule or ("nsec-chain-broken" if mode == "nsec" else "nsec3-chain-broken")
            caught = want in got
            if not caught:
                faults.append(f"{signer} alg {alg} {mode}, {tname}: {want} not reported (got {sorted(set(got))})")
            timed = now != NOW
            table.append((f"{signer} {alg} {mode}", tname, want, "yes" if caught else "NO",
                          "n/a" if timed else ("yes" if not bind_verify(vpath) else "no"),
                          "n/a" if timed else ("yes" if not ldns_verify(vpath) else "no")))
        if signer == "ldns" and "ZONEMD" in text:
            vpath = os.path.join(work, f"{signer}-{alg}-{mode}-zonemd.zone")
            with open(vpath, "w") as f:
                f.write("\n".join(v_zonemd_wrong(records(text))) + "\n")
            got = zonelint(binary, vpath)
            caught = "zonemd-mismatch" in got
            if not caught:
                faults.append(f"{signer} alg {alg} {mode}, wrong ZONEMD digest: not reported")
            table.append((f"{signer} {alg} {mode}", "wrong ZONEMD digest", "zonemd-mismatch",
                          "yes" if caught else "NO", "yes" if not bind_verify(vpath) else "no",
                          "yes" if not ldns_verify(vpath) else "no"))
    faults += delegation_matrix(binary, work, table)
    print(f"   {'zone':24} {'variant':34} {'rule':28} {'zonelint':9} {'dnssec-verify':14} ldns-verify-zone")
    for t in table:
        print(f"   {t[0]:24} {t[1]:34} {t[2]:28} {t[3]:9} {t[4]:14} {t[5]}")

    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    if faults:
        print("\nFAILED:\n  " + "\n  ".join(faults))
        return 1
    print(f"\nall expectations met ({len(rows)} signed zones, {len(table)} variants)")
    return 0


def time_tampers():
    same = lambda lines: lines  # noqa: E731 (the fault is the clock)
    return [("signatures expired", same, "rrsig-expired", ["nsec"]),
            ("signatures not yet valid", same, "rrsig-not-yet-valid", ["nsec"])]


def delegation_matrix(binary, work, table):
    """A parent and a signed child in one folder: DS faults that need both sides."""
    faults = []
    d = os.path.join(work, "delegation")
    os.makedirs(d, exist_ok=True)
    child_text = ("$ORIGIN child.example.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n"
                  "@ NS ns1\nns1 A 192.0.2.10\nwww A 192.0.2.80\n")
    ksk = os.path.join(d, run(["dnssec-keygen", "-q", "-K", d, "-a", "13", "-f", "KSK", "child.example."]).stdout.strip())
    zsk = os.path.join(d, run(["dnssec-keygen", "-q", "-K", d, "-a", "13", "child.example."]).stdout.strip())
    with open(os.path.join(d, "child.in"), "w") as f:
        f.write(child_text)
    child_signed = os.path.join(d, "child.signed")
    run(["dnssec-signzone", "-q", "-K", d, "-o", "child.example.", "-s", INCEPTION, "-e", EXPIRATION,
         "-f", child_signed, "-S", "-O", "full", os.path.join(d, "child.in")], cwd=d)
    ds = run(["dnssec-dsfromkey", "-2", ksk + ".key"]).stdout.strip()
    ds_rdata = ds.split(" DS ", 1)[1]
    parent = ("$ORIGIN example.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n"
              "@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 198.51.100.1\n"
              "child NS ns1.child\nns1.child A 192.0.2.10\nchild DS {ds}\n")
    tag, alg, dt, digest = ds_rdata.split(None, 3)
    digest = digest.replace(" ", "")
    variants = [
        ("DS matching the child's KSK", f"{tag} {alg} {dt} {digest}", None),
        ("DS digest not matching the child", f"{tag} {alg} {dt} {('0' if digest[0] != '0' else '1') + digest[1:]}",
         "ds-without-matching-dnskey"),
        ("DS digest of the wrong length", f"{tag} {alg} {dt} {digest[:-2]}", "syntax-error"),
    ]
    for name, rd, want in variants:
        proj = os.path.join(d, re.sub(r"[^a-z0-9]+", "-", name.lower()))
        os.makedirs(proj, exist_ok=True)
        with open(os.path.join(proj, "example.zone"), "w") as f:
            f.write(parent.format(ds=rd))
        shutil.copy(child_signed, os.path.join(proj, "child.example.zone"))
        got = zonelint(binary, proj, origin=None)
        if want is None:
            bad = [r for r in got if r.startswith("ds-") or r in DNSSEC_ERRORS]
            if bad:
                faults.append(f"{name}: {bad}")
            table.append(("parent+child 13", name, "(none)", "quiet" if not bad else "NO", "n/a", "n/a"))
        else:
            caught = want in got
            if not caught:
                faults.append(f"{name}: {want} not reported (got {sorted(set(got))})")
            table.append(("parent+child 13", name, want, "yes" if caught else "NO", "n/a", "n/a"))
    # The child's DNSKEY RRset signed by the ZSK only, while the DS names the KSK.
    lines = [l for l in records(open(child_signed).read())
             if not (is_rr(l, "RRSIG", "DNSKEY") and f" {tag} child.example." in l)]
    proj = os.path.join(d, "dnskey-zsk-only")
    os.makedirs(proj, exist_ok=True)
    with open(os.path.join(proj, "example.zone"), "w") as f:
        f.write(parent.format(ds=f"{tag} {alg} {dt} {digest}"))
    with open(os.path.join(proj, "child.example.zone"), "w") as f:
        f.write("\n".join(lines) + "\n")
    got = zonelint(binary, proj, origin=None)
    want = "dnskey-not-signed-by-ksk"
    caught = want in got
    if not caught:
        faults.append(f"DNSKEY RRset without the KSK's signature: {want} not reported (got {sorted(set(got))})")
    table.append(("parent+child 13", "DNSKEY not signed by the DS's key", want, "yes" if caught else "NO", "n/a", "n/a"))
    return faults


if __name__ == "__main__":
    sys.exit(main())
