#!/usr/bin/env python3
"""Derive zonelint's named.conf option table by probing BIND's own named-checkconf.

Development-time tool, not run by the tests. It takes the candidate option names from the
strings of libisccfg, writes a one-line configuration per name and context, and reads
named-checkconf's verdict: unknown, removed ("no longer exists"), obsolete, not allowed in
a zone type, or the value class it expected ("boolean expected", "expected ISO 8601
duration", ...). The result is written as a Rust table (src/conf/grammar_table.rs); names
that BIND 9.19-9.21 added are appended by hand in src/conf/grammar.rs.

It needs only named-checkconf (Debian's bind9-utils) and binutils' `strings`; nothing
outside this repository. tests/grammar_table.rs runs it and fails when the table it makes
differs from the one in the tree.

Usage: scripts/probe-bind-grammar.py > /tmp/t.rs && rustfmt --edition 2021 /tmp/t.rs \
       && cp /tmp/t.rs src/conf/grammar_table.rs
"""
import concurrent.futures, glob, os, re, subprocess, sys, tempfile

lib = glob.glob("/usr/lib/*/libisccfg-9.*.so")[0]
names = set({s for s in subprocess.run(["strings", "-n", "3", lib], capture_output=True, text=True).stdout.split()
                if re.fullmatch(r"[a-z][a-z0-9-]+", s) and len(s) > 2})
# The linker merges a string into the tail of a longer one ("recursion" lives inside
# "allow-recursion", "statistics-file" inside "memstatistics-file"), so every tail of a
# hyphenated string that is itself hyphenated, or starts after a hyphen, is a candidate too.
for n in list(names):
    if "-" not in n:
        continue
    for i in range(1, len(n) - 2):
        tail = n[i:]
        if (n[i - 1] == "-" or "-" in tail) and re.fullmatch(r"[a-z][a-z0-9-]+", tail):
            names.add(tail)
names = sorted(n for n in names if len(n) > 2)
tmp = tempfile.mkdtemp()

def check(text):
    fd, p = tempfile.mkstemp(suffix=".conf", dir=tmp)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    r = subprocess.run(["named-checkconf", p], capture_output=True, text=True)
    os.unlink(p)
    return (r.stdout + r.stderr).replace(p, "t.conf")

CLASSES = [
    ("boolean expected", "bool"), ("ISO 8601 duration", "duration"), ("expected quoted string", "qstring"),
    ("expected number", "number"), ("expected integer and optional unit or percent", "sizeval_percent"),
    ("expected integer and optional unit", "sizeval"), ("'{' expected", "block"), ("expected percentage", "percent"),
    ("expected IP address", "ip"), ("expected IPv4 address", "ip"), ("expected IPv6 address", "ip"),
    ("expected domain name", "name"), ("expected string", "astring"), ("expected integer", "number"),
]

def classify(out, name):
    # named-checkconf cuts a long name short: "unknown option 'fstrm-set-output-notify-thr...'".
    m = re.search(r"unknown option '([^']*)'", out)
    if m and name.startswith(m.group(1).removesuffix("...")):
        return None
    if "no longer exists" in out:
        return "removed"
    kind = "other"
    for marker, k in CLASSES:
        if marker in out:
            kind = k
            break
    if "obsolete" in out or "is deprecated" in out:
        kind = "deprecated:" + kind
    return kind

CONTEXTS = {
    "top": "{n} zzz;\n",
    "options": "options {{ {n} zzz; }};\n",
    "view": "view v {{ {n} zzz; }};\n",
    "zone": 'zone "ex" {{ {n} zzz; }};\n',
    "server": "server 192.0.2.1 {{ {n} zzz; }};\n",
    "dnssec-policy": "dnssec-policy p {{ {n} zzz; }};\n",
}
SAMPLE = {"bool": "yes", "duration": "1h", "qstring": '"x"', "number": "1", "sizeval": "1",
          "sizeval_percent": "1", "block": "{ }", "percent": "1%", "ip": "192.0.2.1",
          "name": "example.", "astring": "x"}
# Valid values for options whose class the bogus value does not reveal, so that the zone
# type probe meets named's type check rather than a parse error.
SAMPLE_BY_NAME = {
    "allow-transfer": "{ any; }", "check-dup-records": "warn", "check-mx": "warn",
    "check-mx-cname": "warn", "check-names": "warn", "check-spf": "warn",
    "check-srv-cname": "warn", "database": '"x"', "dnssec-policy": "default",
    "dnssec-update-mode": "maintain", "forward": "first", "masterfile-format": "text",
    "masterfile-style": "full", "serial-update-method": "increment", "update-policy": "local",
    "auto-dnssec": "off", "notify-source-v6": "::1", "transfer-source-v6": "::1",
    "alt-transfer-source-v6": "::1", "parental-source-v6": "::1",
}
ZONE_TYPES = ["primary", "secondary", "mirror", "forward", "stub", "static-stub", "hint", "redirect"]
ZONE_BASE = {"primary": 'file "x";', "secondary": 'file "x"; primaries { 192.0.2.1; };',
             "mirror": "", "forward": "", "stub": 'primaries { 192.0.2.1; };',
             "static-stub": "server-addresses { 192.0.2.1; };", "hint": 'file "x";',
             "redirect": 'file "x";'}

def probe(n):
    kinds = {}
    for ctx, tpl in CONTEXTS.items():
        k = classify(check(tpl.format(n=n)), n)
        if k is not None:
            kinds[ctx] = k
    if not kinds:
        return None
    ztypes = []
    zk = kinds.get("zone")
    if zk and zk not in ("removed",):
        value = SAMPLE_BY_NAME.get(n) or SAMPLE.get(zk.split(":")[-1], "zzz")
        for t in ZONE_TYPES:
            name = "." if t == "hint" or t == "mirror" else "ex"
            out = check(f'zone "{name}" {{ type {t}; {ZONE_BASE[t]} {n} {value}; }};\n')
            if "is not allowed in" not in out and f"unknown option '{n}'" not in out:
                ztypes.append(t)
    return (n, kinds, ztypes)

# One named-checkconf per probe, on every core; the rows keep the sorted order.
with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    rows = [r for r in pool.map(probe, names) if r is not None]

print("// @generated by scripts/probe-bind-grammar.py from named-checkconf", subprocess.run(
    ["named-checkconf", "-v"], capture_output=True, text=True).stdout.strip())
print("// (name, [(context, value class)], zone types where allowed)")
print("use super::grammar::ZONE_TYPES;")
print("pub type Row = (&'static str, &'static [(&'static str, &'static str)], &'static [&'static str]);")
print("pub static PROBED: &[Row] = &[")
for n, kinds, zt in rows:
    ks = ", ".join(f'("{c}", "{k}")' for c, k in kinds.items())
    # Allowed in every zone type: the shared list (grammar::ZONE_TYPES, the same order).
    zs = "ZONE_TYPES" if zt == ZONE_TYPES else "&[" + ", ".join(f'"{t}"' for t in zt) + "]"
    print(f'    ("{n}", &[{ks}], {zs}),')
print("];")
