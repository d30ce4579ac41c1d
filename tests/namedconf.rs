//! named.conf as operators keep it: scenarios checked through the built binary with
//! `--format json`, at the right file and line, with the right exit code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn zonelint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["check", "--format", "json", "--now", "2026-11-23T12:00:00Z"])
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run zonelint")
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// (file, line, rule) of every finding at or above `min` ("error" or "warning").
fn findings(out: &Output, min: &str) -> BTreeSet<(String, u64, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error" || (min == "warning" && d["severity"] == "warning"))
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn set(items: &[(&str, u64, &str)]) -> BTreeSet<(String, u64, String)> {
    items
        .iter()
        .map(|(f, l, r)| (f.to_string(), *l, r.to_string()))
        .collect()
}

const ZONE: &str = "$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. ( 2026112301 7200 3600 1209600 3600 )\n  IN NS ns1.example.com.\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.53\n";

#[test]
fn debian_stock_configuration_gives_no_error_nor_warning() {
    let dir = root().join("testdata/projects/debian-bind9");
    let out = zonelint(&["."], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(findings(&out, "warning"), set(&[]));
    // The same files in a flat folder, without the zone files of the package.
    let tmp = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(dir.join("etc/bind")).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if !name.starts_with("db.") {
            std::fs::copy(&p, tmp.path().join(name)).unwrap();
        }
    }
    let out = zonelint(&["."], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(findings(&out, "warning"), set(&[]));
}

#[test]
fn a_repository_mirroring_etc_bind_joins_configuration_and_zones() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "etc/bind/named.conf",
        "include \"/etc/bind/named.conf.options\";\ninclude \"/etc/bind/named.conf.local\";\n",
    );
    write(
        d,
        "etc/bind/named.conf.options",
        "options {\n    directory \"/var/cache/bind\";\n    recursion no;\n};\n",
    );
    write(
        d,
        "etc/bind/named.conf.local",
        "zone \"example.com\" {\n    type primary;\n    file \"/etc/bind/zones/db.example.com\";\n};\n\nzone \"example.org\" {\n    type primary;\n    file \"/etc/bind/zones/db.example.org\";\n};\n",
    );
    // The zone file has no $ORIGIN and an unhelpful name: the statement gives its origin.
    write(
        d,
        "etc/bind/zones/db.example.com",
        &format!("{ZONE}www IN CNAME web.example.com\n"),
    );
    let out = zonelint(&["."], d);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        findings(&out, "warning"),
        set(&[
            ("etc/bind/named.conf.local", 8, "zone-file-missing"),
            ("etc/bind/zones/db.example.com", 6, "missing-trailing-dot"),
        ])
    );
    // The fragments are checked once, in their including context.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn a_missing_semicolon_is_reported_where_it_is_missing_and_reading_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "named.conf",
        "options {\n    recursion no\n    allow-transfer { none; };\n    forward only;\n    forwarders { 192.0.2.53; };\n};\n",
    );
    let out = zonelint(&["named.conf"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "syntax-error");
    assert_eq!(d["message"], "missing ';' before 'allow-transfer'");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(17))
    );
    // The rest of the block was read: the forwarding problem is found too.
    assert_eq!(
        findings(&out, "warning"),
        set(&[
            ("named.conf", 2, "syntax-error"),
            ("named.conf", 5, "forward-only-without-redundancy"),
        ])
    );
}

#[test]
fn role_and_access_scenarios_exit_as_their_severity_says() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "db.example.com", ZONE);
    // Recursion left on a primary: a warning, exit 0.
    write(d, "named.conf", "options {\n    allow-recursion { localnets; };\n};\nzone \"example.com\" {\n    type primary;\n    file \"db.example.com\";\n    allow-transfer { any; };\n};\n");
    let out = zonelint(&["."], d);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        findings(&out, "warning"),
        set(&[
            ("named.conf", 4, "recursion-on-authoritative"),
            ("named.conf", 7, "allow-transfer-any"),
        ])
    );
    // The same with the transfer finding suppressed by a comment before the statement.
    write(d, "named.conf", "options {\n    allow-recursion { localnets; };\n};\nzone \"example.com\" {\n    type primary;\n    file \"db.example.com\";\n    // zonelint: ignore[allow-transfer-any] public zone data, mirrored on purpose\n    allow-transfer { any; };\n};\n");
    let out = zonelint(&["."], d);
    assert_eq!(
        findings(&out, "warning"),
        set(&[("named.conf", 4, "recursion-on-authoritative")])
    );
    // An open resolver through allow-query, and a duplicate zone: errors, exit 1.
    write(d, "named.conf", "options {\n    allow-query { any; };\n};\nzone \"example.com\" { type primary; file \"db.example.com\"; };\nzone \"example.com.\" { type primary; file \"db.example.com\"; };\n");
    let out = zonelint(&["."], d);
    assert_eq!(out.status.code(), Some(1));
    let f = findings(&out, "error");
    assert!(
        f.contains(&("named.conf".into(), 2, "open-resolver".into())),
        "{f:?}"
    );
    assert!(
        f.contains(&("named.conf".into(), 5, "duplicate-zone".into())),
        "{f:?}"
    );
}

#[test]
fn a_file_of_any_name_is_read_as_named_conf_with_as() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "server.cfg.txt",
        "options {\n    dnssec-validation no;\n};\n",
    );
    let out = zonelint(&["--as", "named-conf", "server.cfg.txt"], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        findings(&out, "warning"),
        set(&[("server.cfg.txt", 2, "dnssec-validation-disabled")])
    );
}

#[test]
fn other_conf_files_are_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "nsd.conf",
        "server:\n    ip-address: 192.0.2.1\nzone:\n    name: example.com\n",
    );
    write(
        tmp.path(),
        "resolv.conf",
        "nameserver 192.0.2.53\nsearch example.com\n",
    );
    let out = zonelint(&["."], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(findings(&out, "warning"), set(&[]));
}

#[test]
fn files_named_by_a_hook_are_read_as_named_conf_only_when_they_are_one() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "resolv.conf",
        "options ndots:2\nnameserver 192.0.2.53\n",
    );
    write(
        tmp.path(),
        "nsd.conf",
        "server:\n    ip-address: 192.0.2.1\n",
    );
    write(
        tmp.path(),
        "server.conf",
        "options {\n    dnssec-validation no;\n};\n",
    );
    let out = zonelint(&["resolv.conf", "nsd.conf", "server.conf"], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        findings(&out, "warning"),
        set(&[("server.conf", 2, "dnssec-validation-disabled")])
    );
}
