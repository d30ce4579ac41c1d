//! The rule harness: every folder `testdata/rules/<rule>/` is checked as one project and
//! the findings must be exactly the `expect:` comments written in its files (plus the
//! lines of an `EXPECT` file, for files that cannot carry comments). The rendered human
//! output is compared with `snapshot.txt` in the same folder, so a change in wording or
//! spans shows in review; `UPDATE_SNAPSHOTS=1 cargo test` rewrites the snapshots.
//!
//! It also keeps the registry, the docs in `rules/` and the folders in `testdata/rules/`
//! one to one, and asks of every rule a case that fires and a file that stays quiet.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use zonelint::rules::RULES;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `(file, line, rule)` triples.
type Findings = BTreeSet<(String, usize, String)>;

fn expectations(dir: &Path, rel: &str) -> Findings {
    let mut out = Findings::new();
    for entry in walk(dir) {
        let name = format!("{rel}/{}", entry.strip_prefix(dir).unwrap().display());
        let bytes = fs::read(&entry).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if entry.file_name().unwrap() == "EXPECT" {
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let (loc, rule) = line
                    .split_once(": ")
                    .expect("EXPECT lines are file:line: rule");
                let (file, n) = loc.rsplit_once(':').unwrap();
                out.insert((
                    format!("{rel}/{file}"),
                    n.parse().unwrap(),
                    rule.trim().to_string(),
                ));
            }
            continue;
        }
        for (line, rule) in common::expect_comments(&text) {
            out.insert((name.clone(), line, rule));
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else if !["snapshot.txt", "README"].contains(&p.file_name().unwrap().to_str().unwrap()) {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// A folder with `base/` is checked as a git repository: `base/` is committed, the
/// other files are then put in its place, and the run compares with `--git-base HEAD`.
fn git_fixture(dir: &Path) -> Option<tempfile::TempDir> {
    let base = dir.join("base");
    if !base.is_dir() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| common::git(tmp.path(), args);
    git(&["init", "-q"]);
    for f in fs::read_dir(&base).unwrap() {
        let p = f.unwrap().path();
        fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
    }
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    for p in walk(dir) {
        if !p.starts_with(&base) && p.file_name().unwrap() != "README" {
            fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    Some(tmp)
}

fn run(dir: &Path) -> (Findings, String) {
    // A fixed clock: no expectation depends on the day the tests run.
    let mut opts = zonelint::Options {
        now: Some(zonelint::parse_now("2026-11-23T12:00:00Z").unwrap()),
        ..Default::default()
    };
    let repo = git_fixture(dir);
    let checked = match &repo {
        Some(t) => {
            opts.git_base = Some("HEAD".into());
            t.path().to_path_buf()
        }
        None => dir.to_path_buf(),
    };
    let report = zonelint::check(&[checked], &opts);
    assert!(report.fatal.is_none(), "{:?}", report.fatal);
    let mut found = Findings::new();
    for d in &report.diagnostics {
        let f = report.sources.get(d.primary.file);
        let (line, _) = f.line_col(d.primary.span.start as usize);
        let name = match &repo {
            // Files of a git fixture are named as in the rule's folder.
            Some(t) => format!(
                "{}/{}",
                dir.strip_prefix(root()).unwrap().display(),
                f.path
                    .strip_prefix(t.path().canonicalize().unwrap())
                    .unwrap()
                    .display()
            ),
            None => f.name.clone(),
        };
        found.insert((name, line, d.rule.to_string()));
    }
    (
        found,
        zonelint::output::human::render(&report, false, 100, false),
    )
}

/// Checks one rule's folder: its findings, a case that fires, a quiet file, the snapshot.
fn check_rule_folder(name: &str) {
    // Paths in reports are relative to the current directory: run from the crate root.
    std::env::set_current_dir(root()).unwrap();
    let mut failures = Vec::new();
    let rel = format!("testdata/rules/{name}");
    let dir = root().join(&rel);
    assert!(dir.is_dir(), "rule {name} has no folder {rel}");
    let mut expected = expectations(&dir, &rel);
    // The old versions of a git fixture are not checked.
    expected.retain(|(f, _, _)| !f.starts_with(&format!("{rel}/base/")));
    let (found, human) = run(&dir);
    if expected != found {
        let missing: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        failures.push(format!("{name}:\n  expected but not reported: {missing:?}\n  reported but not expected: {extra:?}"));
    }
    assert!(
        expected.iter().any(|(_, _, r)| r == name),
        "{rel} has no case where {name} fires"
    );
    let quiet = walk(&dir).into_iter().any(|p| {
        let file = format!("{rel}/{}", p.strip_prefix(&dir).unwrap().display());
        p.file_name().unwrap().to_string_lossy().contains("quiet")
            && !expected.iter().any(|(f, _, r)| *f == file && r == name)
    });
    assert!(quiet, "{rel} has no `quiet` file where {name} stays quiet");
    let snap = dir.join("snapshot.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&snap, &human).unwrap();
    } else {
        let want = fs::read_to_string(&snap).unwrap_or_default();
        if want != human {
            failures.push(format!(
                "{name}: human output differs from {rel}/snapshot.txt (UPDATE_SNAPSHOTS=1 to accept)\n--- want\n{want}\n--- got\n{human}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One test per rule folder (`cargo test --test rules missing_trailing_dot` runs one),
/// and a test that the list is the registry.
macro_rules! rule_folders {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_rule_folder($name);
            }
        )*
        #[test]
        fn every_registered_rule_has_its_folder_test() {
            let listed: BTreeSet<&str> = [$($name),*].into_iter().collect();
            let registered: BTreeSet<&str> = RULES.iter().map(|r| r.meta().name).collect();
            assert_eq!(listed, registered, "the rule_folders! list and the registry differ");
        }
    };
}

rule_folders! {
    allow_transfer_any => "allow-transfer-any",
    allow_update_any => "allow-update-any",
    cds_cdnskey_mismatch => "cds-cdnskey-mismatch",
    cname_and_other_data => "cname-and-other-data",
    cname_at_apex => "cname-at-apex",
    cname_loop => "cname-loop",
    conflicting_options => "conflicting-options",
    dangling_target => "dangling-target",
    delegation_ns_mismatch => "delegation-ns-mismatch",
    delegation_without_redundancy => "delegation-without-redundancy",
    deprecated_option => "deprecated-option",
    dname_conflicts => "dname-conflicts",
    dnskey_no_sep => "dnskey-no-sep",
    dnskey_not_signed_by_ksk => "dnskey-not-signed-by-ksk",
    dnskey_rsa_key_too_short => "dnskey-rsa-key-too-short",
    dnskey_without_ds => "dnskey-without-ds",
    dnssec_algorithm_deprecated => "dnssec-algorithm-deprecated",
    dnssec_algorithm_unsupported => "dnssec-algorithm-unsupported",
    dnssec_policy_invalid => "dnssec-policy-invalid",
    dnssec_validation_disabled => "dnssec-validation-disabled",
    ds_digest_deprecated => "ds-digest-deprecated",
    ds_digest_type_invalid => "ds-digest-type-invalid",
    ds_for_unsigned_child => "ds-for-unsigned-child",
    ds_not_at_delegation => "ds-not-at-delegation",
    ds_without_matching_dnskey => "ds-without-matching-dnskey",
    ds_without_sha256 => "ds-without-sha256",
    duplicate_definition => "duplicate-definition",
    duplicate_record => "duplicate-record",
    duplicate_zone => "duplicate-zone",
    file_unreadable => "file-unreadable",
    forward_only_without_redundancy => "forward-only-without-redundancy",
    glue_mismatch => "glue-mismatch",
    include_unresolved => "include-unresolved",
    invalid_hostname => "invalid-hostname",
    invalid_suppression => "invalid-suppression",
    keytag_collision => "keytag-collision",
    missing_glue => "missing-glue",
    missing_trailing_dot => "missing-trailing-dot",
    mname_not_in_ns => "mname-not-in-ns",
    mx_at_tld_apex => "mx-at-tld-apex",
    mx_target_cname => "mx-target-cname",
    nameserver_address_special_purpose => "nameserver-address-special-purpose",
    nameserver_addresses_not_distinct => "nameserver-addresses-not-distinct",
    non_terminal_wildcard => "non-terminal-wildcard",
    notify_conflict => "notify-conflict",
    ns_missing => "ns-missing",
    ns_target_cname => "ns-target-cname",
    nsec3_chain_broken => "nsec3-chain-broken",
    nsec3_parameters => "nsec3-parameters",
    nsec_chain_broken => "nsec-chain-broken",
    null_mx_conflict => "null-mx-conflict",
    occluded_data => "occluded-data",
    open_resolver => "open-resolver",
    option_value_out_of_range => "option-value-out-of-range",
    origin_unknown => "origin-unknown",
    orphan_glue => "orphan-glue",
    out_of_zone_record => "out-of-zone-record",
    ptr_mismatch => "ptr-mismatch",
    recursion_on_authoritative => "recursion-on-authoritative",
    recursion_settings_conflict => "recursion-settings-conflict",
    referral_too_large => "referral-too-large",
    rpz_invalid => "rpz-invalid",
    rrset_ttl_mismatch => "rrset-ttl-mismatch",
    rrsig_expired => "rrsig-expired",
    rrsig_expiring => "rrsig-expiring",
    rrsig_invalid => "rrsig-invalid",
    rrsig_lifetime_too_long => "rrsig-lifetime-too-long",
    rrsig_missing => "rrsig-missing",
    rrsig_no_matching_dnskey => "rrsig-no-matching-dnskey",
    rrsig_not_yet_valid => "rrsig-not-yet-valid",
    rrsig_original_ttl_mismatch => "rrsig-original-ttl-mismatch",
    rrsig_ttl_beyond_expiration => "rrsig-ttl-beyond-expiration",
    rrsig_validity_below_soa_expire => "rrsig-validity-below-soa-expire",
    secondary_without_primaries => "secondary-without-primaries",
    signed_zone_without_ds => "signed-zone-without-ds",
    single_nameserver => "single-nameserver",
    soa_missing => "soa-missing",
    soa_multiple => "soa-multiple",
    soa_not_at_apex => "soa-not-at-apex",
    soa_rname_invalid => "soa-rname-invalid",
    soa_serial_format => "soa-serial-format",
    soa_serial_not_incremented => "soa-serial-not-incremented",
    soa_timers => "soa-timers",
    spf_invalid => "spf-invalid",
    srv_target_cname => "srv-target-cname",
    statistics_channel_exposed => "statistics-channel-exposed",
    remote_control_exposed => "remote-control-exposed",
    svcb_dns_incomplete => "svcb-dns-incomplete",
    syntax_error => "syntax-error",
    target_is_address => "target-is-address",
    trust_anchor_conflict => "trust-anchor-conflict",
    unchecked_record_type => "unchecked-record-type",
    undefined_acl => "undefined-acl",
    undefined_reference => "undefined-reference",
    unknown_option => "unknown-option",
    unused_suppression => "unused-suppression",
    update_policy_invalid => "update-policy-invalid",
    zone_file_missing => "zone-file-missing",
    zone_file_shared => "zone-file-shared",
    zone_origin_mismatch => "zone-origin-mismatch",
    zonemd_mismatch => "zonemd-mismatch",
}

#[test]
fn registry_docs_and_testdata_agree() {
    let names: BTreeSet<String> = RULES.iter().map(|r| r.meta().name.to_string()).collect();
    assert_eq!(names.len(), RULES.len(), "a rule is registered twice");
    let docs: BTreeSet<String> = fs::read_dir(root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, docs, "registry and rules/*.md differ");
    let data: BTreeSet<String> = fs::read_dir(root().join("testdata/rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, data, "registry and testdata/rules/ differ");
    for r in RULES {
        let m = r.meta();
        assert!(
            m.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            m.name
        );
        assert!(
            m.doc.starts_with(&format!("# {}\n", m.name)),
            "rules/{}.md must start with `# {}`",
            m.name,
            m.name
        );
        let sev = format!("**Default severity:** {}", m.default_severity);
        assert!(m.doc.contains(&sev), "rules/{}.md must say `{sev}`", m.name);
        for section in [
            "What it does",
            "Why it matters",
            "Example",
            "Fix",
            "Options",
            "References",
        ] {
            assert!(
                m.section(section).is_some_and(|s| !s.is_empty()),
                "rules/{}.md lacks `## {section}`",
                m.name
            );
        }
        assert!(
            m.section("Fix")
                .is_some_and(|s| s.contains("**Automatic fix")),
            "rules/{}.md must say under `## Fix` whether zonelint fixes it (`**Automatic fix…`)",
            m.name
        );
        assert!(!m.summary().is_empty());
    }
}
