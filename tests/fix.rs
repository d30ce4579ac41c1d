//! `zonelint check --fix` and `--diff` on copies of the rule fixtures and on files made
//! here: the fixed findings are gone, no finding appears that was not there, every line
//! without an edit is byte-identical, a second run changes nothing, the mode and the line
//! endings are kept, a fix lands in the `$INCLUDE`d file that holds the finding, and
//! `--diff` writes nothing.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use common::zonelint;

const NOW: &str = "2026-11-23T12:00:00Z";

fn report(dir: &Path) -> serde_json::Value {
    let out = zonelint(&["check", "-f", "json", "--now", NOW, "."], dir);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A finding of a JSON report as (file, rule, message).
fn key(d: &serde_json::Value) -> (String, String, String) {
    (
        d["file"].as_str().unwrap().to_string(),
        d["rule"].as_str().unwrap().to_string(),
        d["message"].as_str().unwrap().to_string(),
    )
}

/// (file, rule, message) of every finding.
fn findings(v: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(files(&p));
        } else {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// Every rule folder with a safe fix: fixed, nothing new, only the edited lines changed,
/// idempotent.
#[test]
fn fixes_on_the_rule_fixtures_touch_only_their_findings() {
    let mut folders_with_fixes = 0;
    for e in std::fs::read_dir(root().join("testdata/rules")).unwrap() {
        let dir = e.unwrap().path();
        if dir.join("base").exists() {
            continue; // git fixtures: checked against a revision
        }
        let tmp = tempfile::tempdir().unwrap();
        common::copy_dir(&dir, tmp.path(), &["snapshot.txt"]);
        let before = report(tmp.path());
        // The lines each file's safe edits are on.
        let mut edited: BTreeSet<(String, u64)> = BTreeSet::new();
        let mut fixable = BTreeSet::new();
        for d in before["diagnostics"].as_array().unwrap() {
            let Some(fix) = d.get("fix") else { continue };
            if fix["safety"] != "safe" {
                continue;
            }
            fixable.insert(key(d));
            for e in fix["edits"].as_array().unwrap() {
                // A span that ends at a line start (a removed line) does not touch
                // that line.
                let mut last = e["end_line"].as_u64().unwrap();
                if e["end_column"] == 1 && last > e["line"].as_u64().unwrap() {
                    last -= 1;
                }
                for l in e["line"].as_u64().unwrap()..=last {
                    edited.insert((e["file"].as_str().unwrap().to_string(), l));
                }
            }
        }
        if fixable.is_empty() {
            continue;
        }
        folders_with_fixes += 1;
        let originals: Vec<(PathBuf, Vec<u8>)> = files(tmp.path())
            .into_iter()
            .map(|p| {
                let b = std::fs::read(&p).unwrap();
                (p, b)
            })
            .collect();
        let out = zonelint(
            &["check", "--fix", "-f", "json", "--now", NOW, "."],
            tmp.path(),
        );
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let after = report(tmp.path());
        let (was, now) = (findings(&before), findings(&after));
        for f in &fixable {
            assert!(!now.contains(f), "{}: not fixed: {f:?}", dir.display());
        }
        // A fixed name may now be seen for what it is: `mail.example.com.` that the zone
        // does not hold is `dangling-target` on the line of the fix (the lost dot hid
        // it). Nothing else may appear.
        let lines: std::collections::BTreeMap<(String, String, String), u64> = after["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (key(d), d["line"].as_u64().unwrap()))
            .collect();
        let new: Vec<_> = now
            .difference(&was)
            .filter(|f| !(f.1 == "dangling-target" && edited.contains(&(f.0.clone(), lines[*f]))))
            .collect();
        assert!(new.is_empty(), "{}: new findings {new:?}", dir.display());
        for (p, old) in &originals {
            let name = p.strip_prefix(tmp.path()).unwrap().display().to_string();
            let cur = std::fs::read(p).unwrap();
            // Every line the fixes changed or removed holds an edit; none is added.
            let (o, c) = (String::from_utf8_lossy(old), String::from_utf8_lossy(&cur));
            let diff = similar::TextDiff::from_lines(o.as_ref(), c.as_ref());
            for op in diff.ops() {
                let (tag, old_lines, _) = op.as_tag_tuple();
                match tag {
                    similar::DiffTag::Equal => {}
                    similar::DiffTag::Insert => panic!("{name}: lines added by a fix: {op:?}"),
                    similar::DiffTag::Delete | similar::DiffTag::Replace => {
                        for i in old_lines {
                            assert!(
                                edited.contains(&(name.clone(), i as u64 + 1)),
                                "{name}:{}: changed without an edit there",
                                i + 1
                            );
                        }
                    }
                }
            }
        }
        // A second run finds nothing more to fix.
        let snapshot: Vec<Vec<u8>> = originals
            .iter()
            .map(|(p, _)| std::fs::read(p).unwrap())
            .collect();
        zonelint(&["check", "--fix", "--now", NOW, "."], tmp.path());
        let again: Vec<Vec<u8>> = originals
            .iter()
            .map(|(p, _)| std::fs::read(p).unwrap())
            .collect();
        assert_eq!(
            snapshot,
            again,
            "{}: a second --fix changed files",
            dir.display()
        );
    }
    assert!(
        folders_with_fixes >= 2,
        "{folders_with_fixes} rule folders with fixes"
    );
}

const ZONE: &str = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 john.doe@example.com. 1 7200 3600 1209600 3600\n  IN NS ns1\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.1\nmail IN A 192.0.2.2\n@ IN MX 10 mail.example.com\n$INCLUDE hosts.inc\n";

fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("db.example.com"),
        ZONE.replace('\n', "\r\n"),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("hosts.inc"),
        "www IN CNAME mail.example.com\n",
    )
    .unwrap();
    tmp
}

#[test]
fn fix_keeps_mode_and_line_endings_and_edits_the_included_file() {
    let tmp = fixture();
    let zone = tmp.path().join("db.example.com");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&zone, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = zonelint(&["check", "--fix", "db.example.com"], tmp.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fixed 3 findings in 2 files"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    let text = std::fs::read_to_string(&zone).unwrap();
    assert_eq!(
        text,
        ZONE.replace("john.doe@example.com.", "john\\.doe.example.com.")
            .replace("mail.example.com\n", "mail.example.com.\n")
            .replace('\n', "\r\n")
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("hosts.inc")).unwrap(),
        "www IN CNAME mail.example.com.\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&zone).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("zonelint")), "{names:?}");
}

#[test]
fn diff_writes_nothing_and_says_what_fix_would_do() {
    let tmp = fixture();
    let before = std::fs::read(tmp.path().join("db.example.com")).unwrap();
    let out = zonelint(&["check", "--diff", "db.example.com"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("--- a/db.example.com"), "{diff}");
    assert!(diff.contains("+@ IN MX 10 mail.example.com."), "{diff}");
    assert!(diff.contains("+www IN CNAME mail.example.com."), "{diff}");
    assert_eq!(
        std::fs::read(tmp.path().join("db.example.com")).unwrap(),
        before
    );
    // Nothing to fix: exit 0, no diff.
    zonelint(&["check", "--fix", "db.example.com"], tmp.path());
    let out = zonelint(&["check", "--diff", "db.example.com"], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"");
}

#[test]
fn exit_non_zero_on_fix_tells_a_hook_that_files_changed() {
    let tmp = fixture();
    let out = zonelint(
        &["check", "--fix", "--exit-non-zero-on-fix", "db.example.com"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let out = zonelint(
        &["check", "--fix", "--exit-non-zero-on-fix", "db.example.com"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0), "nothing left to change");
    // Standard input is no file to fix.
    let out = zonelint(&["check", "--fix", "-"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_changed_since_the_check_or_replaced_by_a_link_is_not_written() {
    let tmp = fixture();
    let report = {
        let opts = zonelint::Options::default();
        zonelint::check(&[tmp.path().join("db.example.com")], &opts)
    };
    let fixed = zonelint::fix::plan(&report, false);
    assert!(!fixed.is_empty());
    let f = fixed
        .iter()
        .find(|f| f.name.ends_with("db.example.com"))
        .unwrap();
    // Changed meanwhile: refused.
    std::fs::write(&f.path, "changed\n").unwrap();
    assert!(zonelint::fix::write(f, &report.root)
        .unwrap_err()
        .contains("changed since"));
    // A link in its place: refused.
    #[cfg(unix)]
    {
        std::fs::remove_file(&f.path).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", &f.path).unwrap();
        assert!(zonelint::fix::write(f, &report.root)
            .unwrap_err()
            .contains("not a regular file"));
    }
    // Outside the tree: refused.
    assert!(zonelint::fix::write(f, Path::new("/nonexistent-root"))
        .unwrap_err()
        .contains("outside"));
}

/// The fixes reach code scanning: SARIF `fixes` with `artifactChanges` (the file, the
/// region replaced, the new text), and JSON `fix` with the edits.
#[test]
fn sarif_and_json_carry_the_fixes() {
    let tmp = fixture();
    let out = zonelint(&["check", "-f", "sarif", "db.example.com"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let mx = results
        .iter()
        .find(|r| {
            r["ruleId"] == "missing-trailing-dot"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "db.example.com"
        })
        .expect("the MX finding");
    let change = &mx["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "db.example.com");
    let rep = &change["replacements"][0];
    assert_eq!(rep["insertedContent"]["text"], ".");
    assert_eq!(rep["deletedRegion"]["startLine"], 8);
    assert_eq!(
        rep["deletedRegion"]["startColumn"],
        rep["deletedRegion"]["endColumn"]
    );
    let inc = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "hosts.inc")
        .expect("the finding in the included file");
    assert_eq!(
        inc["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"],
        "hosts.inc"
    );
    let out = zonelint(&["check", "-f", "json", "db.example.com"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rname = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "soa-rname-invalid")
        .unwrap();
    assert_eq!(rname["fix"]["safety"], "safe");
    assert_eq!(
        rname["fix"]["edits"][0]["content"],
        "john\\.doe.example.com."
    );
    assert_eq!(rname["fix"]["edits"][0]["line"], 3);
}

/// `soa-serial-not-incremented` is fixed with the serial that follows the base
/// revision's (a date serial to today by `--now`, or one more), in the file that holds
/// the SOA, and the second check passes.
#[test]
fn fix_bumps_the_serial_an_edit_forgot() {
    for (base_serial, fixed) in [
        ("2026010107", "2026112300"), // a past date: today's 00
        ("2026112305", "2026112306"), // today: the counter
        ("4294967295", "0"),          // RFC 1982 wrap
        ("41", "42"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| common::git(tmp.path(), args);
        let zone = |serial: &str, addr: &str| {
            format!("$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. (\n        {serial} ; serial\n        7200 3600 1209600 3600 )\n  IN NS ns1.example.com.\n  IN NS ns2.example.net.\nns1 IN A {addr}\n")
        };
        git(&["init", "-q"]);
        std::fs::write(
            tmp.path().join("db.example.com"),
            zone(base_serial, "192.0.2.1"),
        )
        .unwrap();
        git(&["add", "."]);
        git(&["commit", "-q", "-m", "base"]);
        // An address changed, the serial forgotten.
        std::fs::write(
            tmp.path().join("db.example.com"),
            zone(base_serial, "192.0.2.9"),
        )
        .unwrap();
        let args = [
            "check",
            "--git-base",
            "HEAD",
            "--now",
            NOW,
            "-f",
            "concise",
            ".",
        ];
        let before = zonelint(&args, tmp.path());
        assert!(
            String::from_utf8_lossy(&before.stdout).contains("soa-serial-not-incremented"),
            "{}",
            String::from_utf8_lossy(&before.stdout)
        );
        let mut fix_args = args.to_vec();
        fix_args.insert(1, "--fix");
        let out = zonelint(&fix_args, tmp.path());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{base_serial}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("db.example.com")).unwrap(),
            zone(fixed, "192.0.2.9"),
            "{base_serial}"
        );
    }
}

/// The fix of every `duplicate-record` finding in a zone made here, by line: `None` when
/// the finding has none.
fn duplicate_fixes(dir: &Path) -> std::collections::BTreeMap<u64, Option<String>> {
    report(dir)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-record")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d.get("fix")
                    .map(|f| f["safety"].as_str().unwrap().to_string()),
            )
        })
        .collect()
}

/// `duplicate-record` removes the later copy only where nothing else changes: not when
/// the next line takes its owner or its TTL from the copy, not in a `$GENERATE`; unsafe
/// when the copies' TTLs differ or several zones read the file.
#[test]
fn a_duplicate_is_removed_only_where_no_other_record_depends_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let soa = "@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600\n  IN NS ns1.example.com.\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.1\n";
    // No $TTL: a record without a TTL takes the last one written.
    let zone = format!(
        "$ORIGIN example.com.\n@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600\n{}\
mail IN A 192.0.2.9\n\
www IN A 192.0.2.1\n\
mail IN A 192.0.2.9\n\
\x20    IN AAAA 2001:db8::9\n\
a 300 IN A 192.0.2.3\n\
a 300 IN A 192.0.2.3\n\
b IN A 192.0.2.4\n\
c 300 IN A 192.0.2.5\n\
c 300 IN A 192.0.2.5\n\
d 300 IN A 192.0.2.6\n\
d IN A 192.0.2.6 ; also a copy\n\
e 600 IN A 192.0.2.7\n\
e 900 IN A 192.0.2.7\n\
f 60 IN A 192.0.2.8\n\
$GENERATE 1-2 g$ A 192.0.2.10\n\
$GENERATE 1-2 g$ A 192.0.2.10\n",
        &soa[soa.find('\n').unwrap() + 1..]
    );
    std::fs::write(tmp.path().join("db.example.com"), &zone).unwrap();
    let fixes = duplicate_fixes(tmp.path());
    let line = |text: &str| zone.lines().position(|l| l.starts_with(text)).unwrap() as u64 + 1;
    let later = |text: &str| {
        zone.lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| l.starts_with(text))
            .unwrap() as u64
            + 1
    };
    // The next line takes its owner from the copy, the record before is another owner.
    assert_eq!(fixes[&later("mail IN A")], None);
    // The next record takes its TTL from the copy (no $TTL).
    assert_eq!(fixes[&later("a 300")], None);
    // The next record writes its own TTL.
    assert_eq!(fixes[&later("c 300")], Some("safe".into()));
    // No TTL written on the copy: it sets none (the comment goes with the line).
    assert_eq!(fixes[&line("d IN A")], Some("safe".into()));
    // The TTLs differ: the first copy's stays, a change for servers that take the other.
    assert_eq!(fixes[&later("e ")], Some("unsafe".into()));
    // A $GENERATE makes more than the copy.
    assert!(fixes
        .iter()
        .filter(|(&l, _)| l >= line("$GENERATE"))
        .all(|(_, f)| f.is_none()));
    // Fixed: the two safe copies gone, nothing else changed, and the zone still holds
    // every other record as it was.
    zonelint(&["check", "--fix", "--now", NOW, "."], tmp.path());
    let fixed = std::fs::read_to_string(tmp.path().join("db.example.com")).unwrap();
    let removed: Vec<&str> = zone
        .lines()
        .filter(|l| !fixed.lines().any(|f| f == *l))
        .collect();
    assert_eq!(removed, ["d IN A 192.0.2.6 ; also a copy"]);
    assert_eq!(fixed.matches("c 300 IN A 192.0.2.5").count(), 1);

    // One file, two zones: unsafe (a copy in one reading may be none in the other).
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("named.conf"),
        "zone \"example.com\" { type primary; file \"shared.zone\"; };\nzone \"example.net\" { type primary; file \"shared.zone\"; };\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("shared.zone"),
        format!("$TTL 3600\n{soa}www IN A 192.0.2.1\nwww IN A 192.0.2.1\n"),
    )
    .unwrap();
    let fixes = duplicate_fixes(tmp.path());
    assert_eq!(
        fixes.values().collect::<Vec<_>>(),
        [&Some("unsafe".to_string())]
    );
}

/// A rule that fires more than twenty times in one file folds its findings into one;
/// `--fix` still fixes every one of them, and says so.
#[test]
fn fix_repairs_folded_findings_too() {
    let tmp = tempfile::tempdir().unwrap();
    let mut zone = String::from("$ORIGIN example.com.\n$TTL 300\n@ SOA ns1.example.com. h.example.com. 1 7200 3600 1209600 300\n@ NS ns1.example.com.\n@ NS ns2.example.net.\nns1 A 192.0.2.1\n");
    for i in 0..30 {
        zone += &format!("h{i} CNAME ns1.example.com\n");
    }
    std::fs::write(tmp.path().join("example.com.zone"), &zone).unwrap();
    let v = report(tmp.path());
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "missing-trailing-dot");
    assert_eq!(d["folded_fixes"].as_array().unwrap().len(), 29);
    let out = zonelint(&["check", "--fix", "--now", NOW, "."], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 30 findings"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("example.com.zone")).unwrap(),
        zone.replace("example.com\n", "example.com.\n")
    );
}

/// A rule doc says it has an automatic fix exactly when the rule's findings carry one:
/// every rule whose fixture findings have a fix says so, and every doc that promises a
/// fix is kept by a fixture (the git fixtures, checked against a revision, by the
/// serial test above).
#[test]
fn rule_docs_say_which_rules_have_fixes() {
    let mut fixing = BTreeSet::new();
    let mut git_fixtures = BTreeSet::new();
    for e in std::fs::read_dir(root().join("testdata/rules")).unwrap() {
        let dir = e.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if dir.join("base").exists() {
            git_fixtures.insert(name);
            continue;
        }
        for d in report(&dir)["diagnostics"].as_array().unwrap() {
            if d.get("fix").is_some() || d.get("folded_fixes").is_some() {
                fixing.insert(d["rule"].as_str().unwrap().to_string());
            }
        }
    }
    let promising: BTreeSet<String> = zonelint::rules::RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.fixable())
        .map(|m| m.name.to_string())
        .collect();
    assert!(
        fixing.is_subset(&promising),
        "fixes not in the docs: {:?}",
        fixing.difference(&promising).collect::<Vec<_>>()
    );
    let untested: Vec<_> = promising
        .difference(&fixing)
        .filter(|r| !git_fixtures.contains(*r))
        .collect();
    assert!(
        untested.is_empty(),
        "docs promise a fix no fixture shows: {untested:?}"
    );
}
