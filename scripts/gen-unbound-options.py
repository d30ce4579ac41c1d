#!/usr/bin/env python3
"""Generates src/unbound/options_table.rs from Unbound's own grammar.

    python3 scripts/gen-unbound-options.py <unbound git dir> [<tag>] > src/unbound/options_table.rs

The source is NLnet Labs' Unbound repository at a release tag (default below):
- util/configlexer.lex gives every keyword (`name:`), its token and its number of
  values (`YDVAR(nargs, VAR_X)`);
- util/configparser.y gives, for each clause (`server:`, `forward-zone:`, ...), the
  rules it holds (`content_server: server_num_threads | ...`), each rule's token
  (`server_num_threads: VAR_NUM_THREADS STRING_ARG`) and, from the rule's action, the
  kind of value it takes and which of its values is checked: `expected yes or no`
  (yes/no, `strcmp($n, "yes")`), `number expected` (`atoi($n)`), `cfg_parse_memsize($n`
  (a size with k/m/g), anything else text.
Nothing is written by hand: a new Unbound release is a re-run with its tag.
(tests/unbound.rs checks the table against unbound-checkconf where one is installed.)
"""
import re
import subprocess
import sys

DEFAULT_TAG = "release-1.26.0"


def show(repo, tag, path):
    return subprocess.run(
        ["git", "-C", repo, "show", f"{tag}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def main():
    repo = sys.argv[1]
    tag = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_TAG
    lexer = show(repo, tag, "util/configlexer.lex")
    parser = show(repo, tag, "util/configparser.y")

    # keyword -> (token, nargs), in the lexer's order.
    keywords = []
    for m in re.finditer(r"^([a-z0-9-]+)\{COLON\}\s*\{\s*YDVAR\((\d+),\s*(VAR_[A-Z0-9_]+)\s*\)", lexer, re.M):
        keywords.append((m.group(1), m.group(3), int(m.group(2))))

    # Grammar rules: name -> body (up to the terminating ';' at the start of a line).
    # Grammar rules: each starts at a line `name:` in the first column and runs to the
    # next one.
    grammar = parser.split("\n%%\n")[1]
    rules = {}
    heads = list(re.finditer(r"^([a-z_0-9]+):", grammar, re.M))
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(grammar)
        rules[m.group(1)] = grammar[m.end():end]

    # Clause start rules: xstart: VAR_X ; and the clause's content list.
    clauses = []  # (keyword token, content rule)
    top = rules["toplevelvar"]
    alts = [a.strip() for a in re.sub(r"\{.*?\}", "", top, flags=re.S).split("|")]
    for alt in alts:
        parts = [p for p in alt.split() if p != ";"]
        if len(parts) == 1 and parts[0].endswith("_clause"):
            parts = [p for p in re.sub(r"\{.*", "", rules[parts[0]], flags=re.S).split() if p != ";"]
        if len(parts) != 2:
            continue
        start, contents = parts
        token = re.search(r"(VAR_[A-Z0-9_]+)", rules[start]).group(1)
        content = re.search(r"(content_[a-z_0-9]+)", rules[contents]).group(1)
        clauses.append((token, content))

    token_names = {}
    for kw, tok, n in keywords:
        token_names.setdefault(tok, []).append((kw, n))

    def kind_of(action):
        """The kind of value the action checks, and which value ($2 is the first)."""
        def arg(pattern):
            m = re.search(pattern, action)
            return int(m.group(1)) - 2 if m else 0
        if "expected yes or no" in action:
            return "Bool", arg(r'strcmp\(\$(\d+), "yes"\)')
        if "cfg_parse_memsize" in action:
            return "Size", arg(r"cfg_parse_memsize\(\$(\d+)")
        # A number that may also be empty (`val-override-date: ""` turns it off) or a
        # date: the parser takes more than atoi there, so the value is left as text.
        if "number expected" in action and "atoi" in action and "== '\\0'" not in action:
            return "Int", arg(r"atoi\(\$(\d+)\)")
        return "Text", 0

    clause_names = []
    # option keyword -> {clauses}, kind, nargs
    options = {}
    for ctoken, content in clauses:
        cname = token_names[ctoken][0][0]
        clause_names.append(cname)
        body = re.sub(r"\{.*?\}", "", rules[content], flags=re.S)
        for rule in [r.strip().rstrip(";").strip() for r in body.split("|")]:
            rbody = rules.get(rule)
            if rbody is None:
                continue
            m = re.match(r"\s*(VAR_[A-Z0-9_]+)((?:\s+STRING_ARG)*)", rbody)
            if not m:
                continue
            tok = m.group(1)
            nargs = len(m.group(2).split())
            kind, at = kind_of(rbody)
            for kw, n in token_names.get(tok, []):
                if n != nargs:
                    raise SystemExit(f"{kw}: lexer says {n} values, parser {nargs}")
                o = options.setdefault(kw, {"clauses": set(), "kind": kind, "at": at, "nargs": n})
                o["clauses"].add(cname)
                if (o["kind"], o["at"]) != (kind, at):
                    o["kind"], o["at"] = "Text", 0

    # Every keyword of the lexer is a clause or an option of some clause.
    lost = [kw for kw, tok, n in keywords if kw not in options and kw not in clause_names]
    if lost:
        raise SystemExit(f"keywords in no clause: {lost}")

    # The words some values must be: local-zone types (server_local_zone's strcmp
    # list) and access-control actions (validate_acl_action's).
    lz_body = rules["server_local_zone"].split("yyerror")[0]
    local_zone_types = re.findall(r'strcmp\(\$3, "([a-z_]+)"\)', lz_body)
    acl_fn = re.search(r"^validate_acl_action\(.*?^\}", parser, re.M | re.S).group(0)
    acl_actions = re.findall(r'strcmp\(action, "([a-z_]+)"\)', acl_fn)
    if not local_zone_types or not acl_actions:
        raise SystemExit("local-zone types or access-control actions not found")

    out = []
    w = out.append
    w("// @generated by scripts/gen-unbound-options.py (rustfmt leaves @generated files alone)")
    w("//! Unbound's configuration keywords, generated by scripts/gen-unbound-options.py from")
    w(f"//! NLnet Labs' Unbound `{tag}` (util/configlexer.lex and util/configparser.y).")
    w("//! Do not edit: re-run the generator with a newer tag.")
    w("")
    w("use super::{OptionSpec, ValueKind};")
    w("")
    w(f"/// The Unbound release the table was generated from.")
    w(f"pub const SOURCE: &str = \"{tag}\";")
    w("")
    w("/// The clauses, in the grammar's order; [`OptionSpec::clauses`] is a bit set over it.")
    w("pub const CLAUSES: &[&str] = &[")
    for c in clause_names:
        w(f"    \"{c}\",")
    w("];")
    w("")
    w("/// The types `local-zone:` takes (in the parser's order).")
    w("pub const LOCAL_ZONE_TYPES: &[&str] = &[")
    for t in local_zone_types:
        w(f"    \"{t}\",")
    w("];")
    w("")
    w("/// The actions `access-control:` and `interface-action:` take.")
    w("pub const ACL_ACTIONS: &[&str] = &[")
    for a in acl_actions:
        w(f"    \"{a}\",")
    w("];")
    w("")
    w("/// Every option keyword (clause keywords excluded), sorted by name.")
    w("pub const OPTIONS: &[OptionSpec] = &[")
    for kw in sorted(options):
        o = options[kw]
        bits = 0
        for c in o["clauses"]:
            bits |= 1 << clause_names.index(c)
        w(f"    OptionSpec {{ name: \"{kw}\", values: {o['nargs']}, clauses: 0x{bits:x}, kind: ValueKind::{o['kind']}, kind_of_value: {o['at']} }},")
    w("];")
    print("\n".join(out))


if __name__ == "__main__":
    main()
