//! The built binary, run as users run it: exit codes, output formats, the JSON contract,
//! determinism, and the example repository the README points at.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use common::zonelint;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const GOOD: &str = "$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. ( 1 7200 3600 1209600 3600 )\n  IN NS ns1.example.com.\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.53\n";

#[test]
fn exit_codes_follow_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "example.com.zone", GOOD);
    let out = zonelint(&["check", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // One NS only: a warning. Fails only with --fail-on warning.
    write(
        dir.path(),
        "example.com.zone",
        &GOOD.replace("  IN NS ns2.example.net.\n", ""),
    );
    assert_eq!(zonelint(&["check", "."], dir.path()).status.code(), Some(0));
    assert_eq!(
        zonelint(&["check", "--fail-on", "warning", "."], dir.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        zonelint(&["check", "--fail-on", "info", "."], dir.path())
            .status
            .code(),
        Some(1)
    );

    write(
        dir.path(),
        "example.com.zone",
        &format!("{GOOD}bad IN A 192.0.2.300\n"),
    );
    assert_eq!(zonelint(&["check", "."], dir.path()).status.code(), Some(1));

    // Usage errors.
    assert_eq!(
        zonelint(&["check", "--format", "xml", "."], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zonelint(&["check", "no-such-dir"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zonelint(&["check", "--origin", "a..b", "."], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zonelint(&["explain", "no-such-rule"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_report_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "zones/example.com.zone",
        &format!("{GOOD}@ IN MX 10 mail.example.com\n"),
    );
    let out = zonelint(&["check", "--format", "json", "zones"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "missing-trailing-dot");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "zones/example.com.zone");
    assert_eq!(d["line"], 6);
    assert_eq!(d["column"], 12);
    assert_eq!(d["end_line"], 6);
    assert_eq!(d["end_column"], 28);
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("mail.example.com.example.com."));
    assert!(d["help"].as_str().unwrap().contains("mail.example.com."));
    let keys: BTreeSet<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = [
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "fix",
    ]
    .into();
    assert_eq!(keys, want);
    // The fix: the dot inserted right after the written name (an optional key, added in
    // the same version: readers that do not know it are unaffected).
    assert_eq!(
        d["fix"],
        serde_json::json!({
            "safety": "safe",
            "message": "add the trailing dot: `mail.example.com.`",
            "edits": [{"file": "zones/example.com.zone", "line": 6, "column": 28,
                       "end_line": 6, "end_column": 28, "content": "."}]
        })
    );
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 0);
    assert_eq!(v["summary"]["infos"], 0);
}

#[test]
fn concise_and_human_formats() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "example.com.zone",
        &format!("{GOOD}www IN TXT \"x\"\nalias IN CNAME www\nalias IN A 192.0.2.9\n"),
    );
    let out = zonelint(&["check", "--format", "concise", "."], dir.path());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().any(|l| l == "example.com.zone:8:1: error[cname-and-other-data] alias.example.com. has a CNAME and a A record; a name with a CNAME can have no other data"),
        "{text}"
    );
    let human = String::from_utf8(zonelint(&["check", "."], dir.path()).stdout).unwrap();
    assert!(human.contains("cname-and-other-data"), "{human}");
    assert!(human.contains("example.com.zone:8:1"), "{human}");
    assert!(human.contains("help:"), "{human}");
    assert!(
        !human.contains('\u{1b}'),
        "colour codes with NO_COLOR: {human}"
    );
    assert!(
        human.ends_with("1 error, 0 warnings, 0 infos in 1 file\n"),
        "{human}"
    );
}

#[test]
fn colour_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "example.com.zone",
        &format!("{GOOD}bad IN A 192.0.2.300\n"),
    );
    let plain = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["check", "."])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .output()
        .unwrap();
    assert!(
        !plain.stdout.contains(&0x1b),
        "stdout is not a terminal: no colour"
    );
    let forced = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["check", "."])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env("FORCE_COLOR", "1")
        .output()
        .unwrap();
    assert!(forced.stdout.contains(&0x1b), "FORCE_COLOR gives colour");
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("z{i:02}.example.zone"),
            &format!(
                "{GOOD}bad{i} IN A 192.0.2.{}\nm IN MX 10 mail.z{i:02}.example\n",
                250 + i
            ),
        );
    }
    let one = zonelint(&["check", "-j", "1", "--format", "json", "."], dir.path());
    let two = zonelint(&["check", "-j", "2", "--format", "json", "."], dir.path());
    let four = zonelint(&["check", "-j", "4", "--format", "json", "."], dir.path());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
    let v = json(&one);
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

#[test]
fn rules_and_explain() {
    let out = zonelint(&["rules", "--format", "json"], &root());
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"missing-trailing-dot"));
    assert_eq!(names.len(), zonelint::rules::RULES.len());
    let table = String::from_utf8(zonelint(&["rules"], &root()).stdout).unwrap();
    assert!(table
        .lines()
        .any(|l| l.starts_with("single-nameserver") && l.contains("warning")));
    let doc = zonelint(&["explain", "missing-trailing-dot"], &root());
    assert_eq!(doc.status.code(), Some(0));
    assert!(String::from_utf8(doc.stdout)
        .unwrap()
        .starts_with("# missing-trailing-dot"));
    let typo = zonelint(&["explain", "missing-trailing-dots"], &root());
    assert!(String::from_utf8(typo.stderr)
        .unwrap()
        .contains("did you mean `missing-trailing-dot`"));
}

#[test]
fn origin_option_and_file_names() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "zonefile",
        &format!("{GOOD}@ IN MX 10 mail.example.org\n"),
    );
    // No origin: the file is named after nothing and has no $ORIGIN.
    let v = json(&zonelint(
        &["check", "--format", "json", "zonefile"],
        dir.path(),
    ));
    assert_eq!(v["diagnostics"][0]["rule"], "origin-unknown");
    let v = json(&zonelint(
        &[
            "check",
            "--format",
            "json",
            "--origin",
            "example.org",
            "zonefile",
        ],
        dir.path(),
    ));
    assert_eq!(v["diagnostics"][0]["rule"], "missing-trailing-dot", "{v}");
}

#[test]
fn examples_report_what_their_readme_documents() {
    // examples/README.md lists the planted problems in a table: file | line | … | rule.
    let readme = std::fs::read_to_string(root().join("examples/README.md")).unwrap();
    let mut want = BTreeSet::new();
    for line in readme
        .lines()
        .filter(|l| l.starts_with("| zones/") || l.starts_with("| named.conf"))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let rule = cells[4].split_whitespace().next().unwrap().to_string();
        want.insert((
            format!("examples/{}", cells[1]),
            cells[2].parse::<u64>().unwrap(),
            rule,
        ));
    }
    let out = zonelint(&["check", "--format", "json", "examples"], &root());
    assert_eq!(out.status.code(), Some(1));
    let got: BTreeSet<(String, u64, String)> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn nothing_outside_the_tree_is_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.txt"),
        "TOPSECRET IN A 192.0.2.1\n",
    )
    .unwrap();
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    let secret = outside.path().join("secret.txt");
    write(
        repo.path(),
        "example.com.zone",
        &format!(
            "{GOOD}$INCLUDE {}\n$INCLUDE ../{}/secret.txt\n",
            secret.display(),
            outside.path().file_name().unwrap().to_string_lossy()
        ),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, repo.path().join("db.example.net")).unwrap();
    for format in ["human", "json", "concise"] {
        let out = zonelint(&["check", "--format", format, "."], repo.path());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("TOPSECRET"), "{format}: {text}");
        assert!(matches!(out.status.code(), Some(1)), "{format}: {text}");
    }
}

#[test]
fn cross_file_findings_carry_related_locations() {
    // testdata/projects/stale-delegation: a parent and its renumbered child.
    let out = zonelint(
        &[
            "check",
            "--format",
            "json",
            "testdata/projects/stale-delegation",
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    let find = |rule: &str| -> &serde_json::Value {
        diags
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {v}"))
    };
    let parent = "testdata/projects/stale-delegation/db.example.com";
    let child = "testdata/projects/stale-delegation/db.lab.example.com";
    let glue = find("glue-mismatch");
    assert_eq!(
        (
            glue["file"].as_str().unwrap(),
            glue["line"].as_u64().unwrap()
        ),
        (parent, 15)
    );
    assert_eq!(glue["related"][0]["file"], child);
    assert_eq!(glue["related"][0]["line"], 7);
    assert_eq!(glue["related"][0]["column"], 1);
    let ns = find("delegation-ns-mismatch");
    assert_eq!(ns["line"], 13);
    assert!(ns["message"]
        .as_str()
        .unwrap()
        .contains("old-ns.example.com."));
    assert_eq!(ns["related"][0]["file"], child);
    let mx = find("mx-target-cname");
    assert_eq!(mx["line"], 8);
    let mg = find("missing-glue");
    assert_eq!(mg["line"], 17);
    assert_eq!(mg["severity"], "error");
}

#[test]
fn config_and_suppressions_change_the_report() {
    let dir = tempfile::tempdir().unwrap();
    // One NS (single-nameserver, warning), expire of a day (soa-timers, warning),
    // a CNAME beside a TXT (cname-and-other-data, error).
    let zone = "$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. ( 1 3600 900 86400 3600 )\n  IN NS ns1.example.com.\nns1 IN A 192.0.2.53\nwww IN CNAME ns1\nwww IN TXT \"x\"\n";
    write(dir.path(), "example.com.zone", zone);
    let rules_of = |v: &serde_json::Value| -> Vec<(String, String)> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let before = json(&zonelint(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(
        rules_of(&before),
        [
            ("soa-timers".into(), "warning".into()),
            ("single-nameserver".into(), "warning".into()),
            ("cname-and-other-data".into(), "error".into())
        ]
    );
    // zonelint.toml: one rule off, one raised to error.
    write(
        dir.path(),
        "zonelint.toml",
        "[rules]\nsingle-nameserver = \"off\"\nsoa-timers = \"error\"\n",
    );
    let out = zonelint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(
        rules_of(&json(&out)),
        [
            ("soa-timers".into(), "error".into()),
            ("cname-and-other-data".into(), "error".into())
        ]
    );
    // A suppression with a reason removes the finding it covers.
    write(
        dir.path(),
        "example.com.zone",
        &zone.replace(
            "www IN TXT \"x\"\n",
            "www IN TXT \"x\" ; zonelint: ignore[cname-and-other-data] verifier needs it\n",
        ),
    );
    let out = zonelint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(
        rules_of(&json(&out)),
        [("soa-timers".into(), "error".into())]
    );
    // --config names another file; an unknown rule there is a usage error (exit 2).
    write(dir.path(), "other.toml", "[rules]\nsoa-timer = \"off\"\n");
    let bad = zonelint(&["check", "--config", "other.toml", "."], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `soa-timers`"));
}

#[test]
fn github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "zones/example.com.zone",
        &format!("{GOOD}@ IN MX 10 mail.example.com\n"),
    );
    let out = zonelint(&["check", "--format", "github", "zones"], dir.path());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=zones/example.com.zone,line=6,col=12,endLine=6,endColumn=28,title=zonelint(missing-trailing-dot)::MX target `mail.example.com`"),
        "{line}"
    );
    assert!(
        line.contains("%0Ahelp: "),
        "the help line is escaped into the message: {line}"
    );
    assert_eq!(text.lines().count(), 1);
}

#[test]
fn serial_check_against_a_git_base() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(dir.path(), args);
    git(&["init", "-q"]);
    write(
        dir.path(),
        "example.com.zone",
        &format!("{GOOD}www IN A 192.0.2.80\n"),
    );
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "one"]);
    write(
        dir.path(),
        "example.com.zone",
        &format!("{GOOD}www IN A 192.0.2.81\n"),
    );
    git(&["commit", "-q", "-am", "changed without a serial bump"]);
    let v = json(&zonelint(
        &["check", "--format", "json", "--git-base", "HEAD~1", "."],
        dir.path(),
    ));
    assert_eq!(
        v["diagnostics"][0]["rule"], "soa-serial-not-incremented",
        "{v}"
    );
    assert_eq!(v["diagnostics"][0]["line"], 2);
    write(
        dir.path(),
        "example.com.zone",
        &format!("{}www IN A 192.0.2.81\n", GOOD.replace("( 1 ", "( 2 ")),
    );
    git(&["commit", "-q", "-am", "bump"]);
    let out = zonelint(
        &["check", "--format", "json", "--git-base", "HEAD~2", "."],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let bad = zonelint(&["check", "--git-base", "no-such-rev", "."], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn server_root_maps_absolute_include_paths() {
    let dir = tempfile::tempdir().unwrap();
    // The repository mirrors the server: /etc/bind/keys.inc lives in srv/etc/bind/.
    write(dir.path(), "srv/etc/bind/keys.inc", "www IN A 192.0.2.80\n");
    write(
        dir.path(),
        "other/etc/bind/keys.inc",
        "www IN A 192.0.2.99\n",
    );
    write(
        dir.path(),
        "zones/example.com.zone",
        &format!("{GOOD}$INCLUDE /etc/bind/keys.inc\nwww IN TXT \"x\"\n"),
    );
    // With the server root, /etc/bind is srv/etc/bind.
    write(dir.path(), "zonelint.toml", "[server]\nroot = \"srv\"\n");
    let out = zonelint(&["check", "--format", "json", "zones"], dir.path());
    let v = json(&out);
    assert_eq!(v["summary"]["files"], 2, "{v}");
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v}");
    write(
        dir.path(),
        "zonelint.toml",
        "[server]\nroot = \"nowhere\"\n",
    );
    let v = json(&zonelint(
        &["check", "--format", "json", "zones"],
        dir.path(),
    ));
    assert_eq!(
        v["diagnostics"][0]["rule"], "include-unresolved",
        "without it the file is not found: {v}"
    );
}

/// A file named inside a git repository is checked with the repository as context, but
/// the summary speaks of the file named: its count of files, and no signature expiry of
/// another zone.
#[test]
fn a_named_file_in_a_repository_is_what_the_summary_counts() {
    let dir = tempfile::tempdir().unwrap();
    common::git(dir.path(), &["init", "-q"]);
    let plain = "$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. ( 1 7200 3600 1209600 3600 )\n  IN NS ns1.example.com.\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.53\n";
    write(dir.path(), "example.com.zone", plain);
    for i in 0..5 {
        write(
            dir.path(),
            &format!("other{i}.example.org.zone"),
            &plain.replace("example.com", &format!("other{i}.example.org")),
        );
    }
    // A signed zone elsewhere in the repository, whose expiry is not the named file's.
    write(
        dir.path(),
        "signed.example.net.zone",
        "$TTL 3600\n@ IN SOA ns1.example.net. hostmaster.example.net. ( 1 7200 3600 1209600 3600 )\n  IN NS ns1.example.net.\n  IN NS ns2.example.org.\n  IN RRSIG SOA 13 3 3600 20300101000000 20260101000000 12345 signed.example.net. AAAA\n",
    );
    let out = zonelint(&["check", "example.com.zone"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("in 1 file"), "{text}");
    assert!(!text.contains("signature expiry"), "{text}");
    // The whole repository, for comparison: every file, and the expiry line.
    let all = zonelint(&["check", "."], dir.path());
    let all = String::from_utf8_lossy(&all.stdout);
    assert!(all.contains("in 7 files"), "{all}");
    assert!(all.contains("signature expiry"), "{all}");
}

#[test]
fn init_writes_a_configuration_that_loads_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["init"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("zonelint.toml")).unwrap();
    assert!(written.contains("missing-trailing-dot"));
    // The file it writes is one zonelint reads.
    write(dir.path(), "db.example.com", GOOD);
    let check = zonelint(&["check", "."], dir.path());
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // A second init keeps the user's file, unless forced.
    std::fs::write(dir.path().join("zonelint.toml"), "[rules]\n").unwrap();
    let again = zonelint(&["init"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("zonelint.toml")).unwrap(),
        "[rules]\n"
    );
    let forced = zonelint(&["init", "--force"], dir.path());
    assert!(forced.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("zonelint.toml")).unwrap(),
        written
    );
}

#[test]
fn changed_only_reports_on_changed_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    common::git(dir.path(), &["init", "-q"]);
    let bad = |origin: &str| GOOD.replace("example.com", origin) + "@ IN MX 10 mail.example.com\n";
    write(dir.path(), "db.a.example", &bad("a.example"));
    write(dir.path(), "db.b.example", &bad("b.example"));
    common::git(dir.path(), &["add", "."]);
    common::git(dir.path(), &["commit", "-q", "-m", "base"]);
    // Only b changes (with its serial).
    write(
        dir.path(),
        "db.b.example",
        &(bad("b.example").replace("( 1 ", "( 2 ") + "www IN A 192.0.2.7\n"),
    );
    let files = |out: &Output| -> BTreeSet<String> {
        json(out)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    };
    let all = zonelint(
        &["check", "-f", "json", "--git-base", "HEAD", "."],
        dir.path(),
    );
    assert_eq!(
        files(&all),
        ["db.a.example", "db.b.example"].map(String::from).into()
    );
    let changed = zonelint(
        &[
            "check",
            "-f",
            "json",
            "--git-base",
            "HEAD",
            "--changed-only",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(files(&changed), ["db.b.example"].map(String::from).into());
    // --changed-only needs a base.
    let alone = zonelint(&["check", "--changed-only", "."], dir.path());
    assert_eq!(alone.status.code(), Some(2));
}

#[test]
fn stats_go_to_standard_error_and_leave_the_report_alone() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "db.example.com", GOOD);
    let plain = zonelint(&["check", "-f", "json", "."], dir.path());
    let stats = zonelint(&["check", "-f", "json", "--timings", "."], dir.path());
    assert_eq!(plain.stdout, stats.stdout);
    let err = String::from_utf8_lossy(&stats.stderr);
    assert!(err.contains("1 files, 1 zones, 4 records"), "{err}");
    for phase in ["read and parse", "rules", "output"] {
        assert!(err.contains(phase), "{phase}: {err}");
    }
    assert!(plain.stderr.is_empty());
}

#[test]
fn a_missing_path_is_exit_2_and_an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["check", "no-such-folder"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`no-such-folder` does not exist"), "{err}");

    // A folder with only non-DNS files: nothing checked, and said so (exit 0: nothing failed).
    write(dir.path(), "docs/README.md", "# notes\n");
    let out = zonelint(&["check", "docs"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nothing to check: no zone file or named.conf found in docs"),
        "{err}"
    );
    // A folder with a zone: no such warning.
    write(dir.path(), "zones/example.com.zone", GOOD);
    let out = zonelint(&["check", "zones"], dir.path());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("nothing to check"));
}
