//! Real-repository shapes, reduced to fixtures of our own (`testdata/field/<case>/`):
//! each folder is checked as one project; its errors and warnings must be exactly the
//! `expect:` comments of its files, and the files its `SKIPPED` file lists must be left
//! out as not DNS data (and no other file). See `testdata/field/README.md`.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use zonelint::diagnostic::Severity;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `(file, line, rule)` triples, files relative to the case folder.
type Findings = BTreeSet<(String, usize, String)>;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn expectations(dir: &Path) -> Findings {
    let mut out = Findings::new();
    for f in files(dir) {
        let rel = f.strip_prefix(dir).unwrap().display().to_string();
        let text = String::from_utf8_lossy(&fs::read(&f).unwrap()).into_owned();
        for (line, rule) in common::expect_comments(&text) {
            out.insert((rel.clone(), line, rule));
        }
    }
    out
}

fn check_case(name: &str) -> (zonelint::Report, PathBuf) {
    let dir = root().join("testdata/field").join(name);
    let opts = zonelint::Options {
        now: Some(1_780_000_000),
        ..Default::default()
    };
    (zonelint::check(std::slice::from_ref(&dir), &opts), dir)
}

fn reported(report: &zonelint::Report, dir: &Path) -> Findings {
    let canon = fs::canonicalize(dir).unwrap();
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| {
            let f = report.sources.get(d.primary.file);
            let (line, _) = f.line_col(d.primary.span.start as usize);
            let rel = f.path.strip_prefix(&canon).unwrap_or(&f.path);
            (rel.display().to_string(), line, d.rule.to_string())
        })
        .collect()
}

fn assert_case(name: &str) -> zonelint::Report {
    let (report, dir) = check_case(name);
    let want = expectations(&dir);
    let got = reported(&report, &dir);
    assert_eq!(
        got, want,
        "{name}: findings (left) differ from the expect: comments"
    );
    let canon = fs::canonicalize(&dir).unwrap();
    let skipped: BTreeSet<String> = report
        .skipped
        .iter()
        .map(|s| {
            s.path
                .strip_prefix(&canon)
                .unwrap_or(&s.path)
                .display()
                .to_string()
        })
        .collect();
    let want_skipped: BTreeSet<String> = fs::read_to_string(dir.join("SKIPPED"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    assert_eq!(skipped, want_skipped, "{name}: skipped files");
    report
}

#[test]
fn discovery_by_content() {
    let report = assert_case("discovery");
    // The zone beside the decoys was read; nothing ignored by .gitignore was.
    assert!(report
        .sources
        .iter()
        .all(|(_, f)| !f.path.ends_with("generated.zone")));
    assert!(report
        .zones
        .iter()
        .any(|z| z.origin.to_string() == "example.org"));
    // A zone file named `.conf` is a zone by its content.
    assert!(report
        .zones
        .iter()
        .any(|z| z.origin.to_string() == "example.net"));
}

#[test]
fn dump_style_zones() {
    assert_case("dump-style");
}

#[test]
fn an_absolute_include_takes_the_longest_tail_in_the_tree() {
    let report = assert_case("include-tail");
    let z = &report.zones[0];
    assert_eq!(z.files.len(), 2, "the body is read through the include");
}

#[test]
fn an_soa_from_an_include_gives_the_origin() {
    let report = assert_case("include-origin");
    assert_eq!(report.zones.len(), 1);
    assert_eq!(report.zones[0].origin.to_string(), "example.com");
    assert_eq!(report.zones[0].files.len(), 2);
}

#[test]
fn response_policy_zones() {
    let report = assert_case("rpz");
    assert!(report.zones.iter().all(|z| z.rpz));
}

#[test]
fn bulk_findings_are_one_finding_with_every_place() {
    let report = assert_case("grouping");
    let d = &report.diagnostics[0];
    assert_eq!(d.grouped, 24);
    assert_eq!(d.related.len(), 24);
    assert!(d.message.contains("24 more"), "{}", d.message);
    // JSON keeps every place.
    let json = zonelint::output::json::render(&report);
    assert_eq!(json.matches("expands to").count(), 25);
}

#[test]
fn a_named_file_that_is_not_dns_data_is_skipped_and_said() {
    let dir = root().join("testdata/field/discovery");
    let report = zonelint::check(&[dir.join("db.rs")], &zonelint::Options::default());
    assert_eq!(report.files, 0);
    assert!(report.skipped.iter().any(|s| s.explicit));
}

#[test]
fn a_root_zone_copy_is_the_root_zone() {
    let report = assert_case("root-copies");
    assert_eq!(report.zones.len(), 1);
    assert!(
        report.zones[0].origin.is_root(),
        "{}",
        report.zones[0].origin
    );
}

#[test]
fn debian_red_hat_and_glob_layouts() {
    // Debian's parts without the main file are one configuration (the ACL of
    // named.conf.options is known in named.conf.local); the package's files are infos;
    // Red Hat's `statistics-file` is an option; `include "zones.d/*.conf"` reads every
    // fragment; each zone statement finds its file in the repository.
    let report = assert_case("debian-parts");
    let infos: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .map(|d| d.rule)
        .collect();
    // Six for the package's files, one for the old spelling `type master`.
    assert_eq!(infos.len(), 7, "{infos:?}");
    assert_eq!(
        infos.iter().filter(|r| **r == "deprecated-option").count(),
        1
    );
    let mut zones: Vec<String> = report.zones.iter().map(|z| z.origin.to_string()).collect();
    zones.sort();
    assert_eq!(zones, ["example.com", "example.net", "example.org"]);
    // The six are the package's files; no zone statement of the repository misses its file.
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("example.")),
        "a zone file of the repository was not found"
    );
}

#[test]
fn the_bind_release_decides_deprecated_or_removed() {
    // On 9.18 (`[server] bind = "9.18"`) the names 9.20 removed are warnings that say so,
    // and a zone without allow-transfer is open (9.18's default is any).
    let dir = root().join("testdata/field/bind-918");
    let run = |bind| {
        let mut opts = zonelint::Options {
            now: Some(1_780_000_000),
            ..Default::default()
        };
        opts.rule_options.bind = bind;
        zonelint::check(std::slice::from_ref(&dir), &opts)
    };
    let old = run(zonelint::conf::grammar::Bind::V918);
    assert_eq!(reported(&old, &dir), expectations(&dir));
    assert!(old
        .diagnostics
        .iter()
        .filter(|d| d.rule == "deprecated-option")
        .all(|d| d.message.contains("9.20 removes it")));
    // On 9.20 (the default) the same lines are errors, and the default is closed.
    let new = run(zonelint::conf::grammar::Bind::default());
    let errors: BTreeSet<(String, usize, String)> = reported(&new, &dir)
        .into_iter()
        .filter(|(_, _, rule)| rule == "unknown-option")
        .collect();
    let lines: Vec<usize> = errors.iter().map(|e| e.1).collect();
    assert_eq!(lines, [8, 9, 17], "{errors:?}");
    assert!(!reported(&new, &dir)
        .iter()
        .any(|(f, _, r)| f.starts_with("second") && r == "allow-transfer-any"));
}

/// An /etc kept in git (etckeeper's way): `.gitignore` says `*` and every file worth
/// keeping is added by force. `.gitignore` speaks of untracked files only: the tracked
/// zone is checked, an untracked one it matches is not.
#[test]
fn tracked_files_are_checked_whatever_gitignore_says() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("bind")).unwrap();
    fs::write(d.join(".gitignore"), "*\n").unwrap();
    let zone = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600\n@ IN NS ns1.example.com.\n@ IN NS ns2.example.net.\nns1 IN A 192.0.2.1\n@ IN MX 10 mail.example.com\n";
    fs::write(d.join("bind/db.example.com"), zone).unwrap();
    fs::write(
        d.join("bind/db.example.org"),
        zone.replace("example.com", "example.org"),
    )
    .unwrap();
    common::git(d, &["init", "-q"]);
    common::git(d, &["add", "-f", ".gitignore", "bind/db.example.com"]);
    common::git(d, &["commit", "-q", "-m", "etc"]);
    let report = zonelint::check(&[d.to_path_buf()], &zonelint::Options::default());
    let zones: Vec<String> = report.zones.iter().map(|z| z.origin.to_string()).collect();
    assert_eq!(zones, ["example.com"]);
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.rule == "missing-trailing-dot"));
    // Without a repository there is nothing tracked: `.gitignore` holds.
    fs::remove_dir_all(d.join(".git")).unwrap();
    let report = zonelint::check(&[d.to_path_buf()], &zonelint::Options::default());
    assert!(report.zones.is_empty());
}
