//! The gate under attack: one regression test per hole an untrusted pull request could
//! use (issue 17). Each builds its repository in a temporary folder, runs the built
//! `zonelint` on it, and checks that nothing outside the tree is printed, that the run
//! ends in bounded time, that no workflow command is forged and that bypasses are
//! reported.

mod common;

use common::git;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const ZONE: &str = "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 2026010101 7200 3600 1209600 3600\n@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 198.51.100.1\n";

/// A secret outside every checked tree: no output may ever hold it.
const SECRET: &str = "TOPSECRET-4f1c";

fn zonelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A repository (with `.git`) and, beside it, a folder with a secret zone file.
struct Setup {
    _tmp: tempfile::TempDir,
    repo: PathBuf,
    outside: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    git(&repo, &["init", "-q"]);
    std::fs::write(
        outside.join("db.secret"),
        format!("$ORIGIN secret.\n@ 3600 IN SOA ns1 h 1 1 1 1 1\n@ TXT \"{SECRET}\"\n"),
    )
    .unwrap();
    std::fs::write(outside.join("passwd"), format!("root:{SECRET}:0:0\n")).unwrap();
    Setup {
        _tmp: tmp,
        repo,
        outside,
    }
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn a_zonelint_toml_that_links_out_is_not_read() {
    let s = setup();
    std::fs::write(s.repo.join("db.example.com"), ZONE).unwrap();
    symlink(&s.outside.join("passwd"), &s.repo.join("zonelint.toml"));
    let out = zonelint(&s.repo, &["check", "."]);
    let t = text(&out);
    assert!(!t.contains(SECRET), "{t}");
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("outside the checked tree"), "{t}");
}

#[test]
fn a_zonelint_toml_above_the_repository_is_not_used() {
    let s = setup();
    // Above the repository: would switch every rule off.
    std::fs::write(
        s.repo.parent().unwrap().join("zonelint.toml"),
        "[rules]\nmissing-trailing-dot = \"off\"\n",
    )
    .unwrap();
    std::fs::write(
        s.repo.join("db.example.com"),
        format!("{ZONE}@ MX 10 mail.example.com\n"),
    )
    .unwrap();
    let out = zonelint(&s.repo, &["check", "-f", "concise", "."]);
    assert!(
        text(&out).contains("missing-trailing-dot"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_checked_folder_or_file_that_links_out_is_refused() {
    let s = setup();
    std::fs::write(s.repo.join("db.example.com"), ZONE).unwrap();
    symlink(&s.outside, &s.repo.join("zones"));
    symlink(&s.outside.join("db.secret"), &s.repo.join("f.db"));
    for arg in ["zones", "f.db", "zones/db.secret"] {
        let out = zonelint(&s.repo, &["check", "-f", "concise", arg]);
        let t = text(&out);
        assert!(!t.contains(SECRET), "{arg}: {t}");
        assert!(!t.contains("secret."), "{arg}: {t}");
        assert!(t.contains("outside the checked tree"), "{arg}: {t}");
        // A bypass is reported: the gate fails rather than check nothing.
        assert_eq!(out.status.code(), Some(1), "{arg}: {t}");
    }
}

#[test]
fn outside_is_one_message_whether_or_not_the_target_exists() {
    let s = setup();
    let include = |target: &str| {
        std::fs::write(
            s.repo.join("db.example.com"),
            format!("{ZONE}$INCLUDE {target}\n"),
        )
        .unwrap();
        let out = zonelint(&s.repo, &["check", "-f", "json", "."]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let msgs: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "include-unresolved")
            .map(|d| d["message"].as_str().unwrap().replace(target, "X"))
            .collect();
        msgs
    };
    let there = include("../outside/passwd");
    let absent = include("../outside/nothing-here");
    assert_eq!(there.len(), 1, "{there:?}");
    assert_eq!(there, absent);
    // Through a link in the tree: the same.
    symlink(&s.outside.join("passwd"), &s.repo.join("l1"));
    symlink(&s.outside.join("nothing-here"), &s.repo.join("l2"));
    assert_eq!(include("l1"), include("l2"));
    assert_eq!(include("l1"), there);
}

#[test]
fn the_serial_check_sees_included_files_and_its_suppression_is_used() {
    let s = setup();
    let zone = s.repo.join("db.example.com");
    std::fs::write(&zone, format!("{ZONE}$INCLUDE hosts.inc\n")).unwrap();
    std::fs::write(s.repo.join("hosts.inc"), "www A 192.0.2.10\n").unwrap();
    git(&s.repo, &["add", "."]);
    git(&s.repo, &["commit", "-q", "-m", "one"]);
    std::fs::write(s.repo.join("hosts.inc"), "www A 192.0.2.11\n").unwrap();
    let out = zonelint(
        &s.repo,
        &["check", "-f", "concise", "--git-base", "HEAD", "."],
    );
    let t = text(&out);
    assert!(t.contains("db.example.com:3:"), "{t}");
    assert!(t.contains("soa-serial-not-incremented"), "{t}");
    // The staged included file alone, as the pre-commit hook names it.
    let out = zonelint(
        &s.repo,
        &["check", "-f", "concise", "--git-base", "HEAD", "hosts.inc"],
    );
    assert!(
        text(&out).contains("soa-serial-not-incremented"),
        "{}",
        text(&out)
    );
    // A suppression covers it, and is then not reported unused.
    let soa = "@ SOA ns1 hostmaster 2026010101 7200 3600 1209600 3600";
    let z = format!("{ZONE}$INCLUDE hosts.inc\n").replace(
        soa,
        &format!(
            "{soa} ; zonelint: ignore[soa-serial-not-incremented] released with the next batch"
        ),
    );
    std::fs::write(&zone, z).unwrap();
    let out = zonelint(
        &s.repo,
        &["check", "-f", "concise", "--git-base", "HEAD", "."],
    );
    let t = text(&out);
    assert!(!t.contains("soa-serial-not-incremented"), "{t}");
    assert!(!t.contains("unused-suppression"), "{t}");
}

#[test]
fn a_git_base_that_is_not_a_commit_is_a_usage_error() {
    let s = setup();
    std::fs::write(s.repo.join("db.example.com"), ZONE).unwrap();
    git(&s.repo, &["add", "."]);
    git(&s.repo, &["commit", "-q", "-m", "one"]);
    for rev in ["HEAD^{tree}", "HEAD:db.example.com", "no-such-branch"] {
        let out = zonelint(&s.repo, &["check", "--git-base", rev, "."]);
        assert_eq!(out.status.code(), Some(2), "{rev}: {}", text(&out));
    }
}

#[test]
fn config_from_a_revision_cannot_be_switched_off_by_the_change() {
    let s = setup();
    std::fs::write(
        s.repo.join("db.example.com"),
        format!("{ZONE}@ MX 10 mail.example.com\n"),
    )
    .unwrap();
    std::fs::write(s.repo.join("zonelint.toml"), "[rules]\n").unwrap();
    git(&s.repo, &["add", "."]);
    git(&s.repo, &["commit", "-q", "-m", "base"]);
    // The pull request switches the rule off.
    std::fs::write(
        s.repo.join("zonelint.toml"),
        "[rules]\nmissing-trailing-dot = \"off\"\n",
    )
    .unwrap();
    let own = zonelint(&s.repo, &["check", "-f", "concise", "."]);
    assert!(!text(&own).contains("missing-trailing-dot"));
    let base = zonelint(
        &s.repo,
        &["check", "-f", "concise", "--config-from", "HEAD", "."],
    );
    assert!(
        text(&base).contains("missing-trailing-dot"),
        "{}",
        text(&base)
    );
}

/// Runs zonelint and requires it to end within `limit`.
fn bounded(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let t = Instant::now();
    let out = zonelint(dir, args);
    assert!(
        t.elapsed() < limit,
        "{args:?} took {:?}: {}",
        t.elapsed(),
        text(&out)
    );
    out
}

#[test]
fn includes_many_times_over_are_a_budget_not_an_hour() {
    let s = setup();
    std::fs::write(
        s.repo.join("db.example.com"),
        format!("{ZONE}$INCLUDE l1.inc\n"),
    )
    .unwrap();
    let mut conf = String::from("include \"c1.conf\";\n");
    for i in 1..15 {
        let inc: String = (0..100)
            .map(|_| format!("$INCLUDE l{}.inc\n", i + 1))
            .collect();
        std::fs::write(s.repo.join(format!("l{i}.inc")), inc).unwrap();
        let c: String = (0..100)
            .map(|_| format!("include \"c{}.conf\";\n", i + 1))
            .collect();
        std::fs::write(s.repo.join(format!("c{i}.conf")), c).unwrap();
    }
    std::fs::write(s.repo.join("l15.inc"), "x A 192.0.2.9\n").unwrap();
    std::fs::write(s.repo.join("c15.conf"), "options { recursion no; };\n").unwrap();
    std::fs::write(s.repo.join("named.conf"), &mut conf).unwrap();
    let out = bounded(
        &s.repo,
        &["check", "-f", "concise", "."],
        Duration::from_secs(30),
    );
    let t = text(&out);
    assert!(
        t.contains("the includes read 10000 files"),
        "the zone's budget is reported: {t}"
    );
    assert!(
        t.matches("the includes read").count() >= 2,
        "and the configuration's: {t}"
    );
}

#[test]
fn generate_records_have_a_budget_for_the_run() {
    let s = setup();
    for k in 0..3 {
        let mut z = ZONE.replace("example.com.", &format!("g{k}.example."));
        for _ in 0..30 {
            z.push_str("$GENERATE 0-65535 h$ TXT \"generated\"\n");
        }
        std::fs::write(s.repo.join(format!("db.g{k}.example")), z).unwrap();
    }
    let out = bounded(
        &s.repo,
        &["check", "-f", "concise", "."],
        Duration::from_secs(60),
    );
    let t = text(&out);
    assert!(t.contains("$GENERATE would create more than"), "{t}");
}

#[test]
fn nsec3_with_65535_iterations_is_not_hashed() {
    let s = setup();
    let mut z = ZONE.to_string();
    z.push_str("@ DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n");
    z.push_str("@ NSEC3PARAM 1 0 65535 aabbccdd\n");
    for i in 0..2000 {
        z.push_str(&format!("h{i} A 192.0.2.{}\n", i % 250));
    }
    z.push_str("@ RRSIG SOA 13 2 3600 20300101000000 20250101000000 1 example.com. AAAA\n");
    std::fs::write(s.repo.join("db.example.com"), z).unwrap();
    let out = bounded(
        &s.repo,
        &[
            "check",
            "-f",
            "concise",
            "--now",
            "2026-01-01T00:00:00Z",
            ".",
        ],
        Duration::from_secs(30),
    );
    assert!(
        text(&out).contains("NSEC3 chain not checked"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_backtracking_glob_does_not_hang_the_run() {
    let s = setup();
    std::fs::write(s.repo.join("db.example.com"), ZONE).unwrap();
    let pattern = format!("{}b", "*a".repeat(40));
    std::fs::write(
        s.repo.join("zonelint.toml"),
        format!("[files]\nexclude = [\"{pattern}\"]\n"),
    )
    .unwrap();
    std::fs::write(s.repo.join(format!("{}.zone", "a".repeat(200))), ZONE).unwrap();
    bounded(&s.repo, &["check", "."], Duration::from_secs(20));
}

#[test]
fn a_hundred_thousand_suppressions_are_indexed() {
    let s = setup();
    let mut z = ZONE.to_string();
    for i in 0..100_000 {
        z.push_str(&format!(
            "h{i} MX 10 mail.example.com ; zonelint: ignore[missing-trailing-dot] legacy\n"
        ));
    }
    std::fs::write(s.repo.join("db.example.com"), z).unwrap();
    let out = bounded(
        &s.repo,
        &["check", "-f", "concise", "."],
        Duration::from_secs(30),
    );
    assert!(!text(&out).contains("missing-trailing-dot"));
}

#[test]
fn human_output_is_bounded() {
    let s = setup();
    // One kilobyte-long line, many findings on it and around it.
    let mut z = ZONE.to_string();
    z.push_str(&format!(
        "x TXT {}\nx CNAME y\n",
        "\"aaaaaaaaaaaaaaaa\" ".repeat(600)
    ));
    for i in 0..3000 {
        z.push_str(&format!("m{i} MX 10 mail{i}.example.com\n"));
    }
    std::fs::write(s.repo.join("db.example.com"), z).unwrap();
    let out = bounded(&s.repo, &["check", "."], Duration::from_secs(30));
    assert!(
        out.stdout.len() < 4 << 20,
        "{} bytes of output",
        out.stdout.len()
    );
}

#[test]
fn chains_and_nesting_are_followed_to_the_end() {
    let s = setup();
    let mut z = ZONE.to_string();
    for i in 0..65 {
        z.push_str(&format!("c{i} CNAME c{}\n", (i + 1) % 65));
    }
    std::fs::write(s.repo.join("db.example.com"), z).unwrap();
    let mut conf = String::from("acl a0 { any; };\n");
    for i in 1..=17 {
        conf.push_str(&format!("acl a{i} {{ a{}; }};\n", i - 1));
    }
    conf.push_str("acl loop1 { loop2; };\nacl loop2 { loop1; };\n");
    conf.push_str("options {\n  directory \"/var/cache/bind\";\n  recursion yes;\n  allow-query { a17; };\n  allow-recursion { a17; loop1; };\n};\n");
    std::fs::write(s.repo.join("named.conf"), conf).unwrap();
    let out = bounded(
        &s.repo,
        &["check", "-f", "concise", "."],
        Duration::from_secs(30),
    );
    let t = text(&out);
    assert!(t.contains("cname-loop"), "{t}");
    assert!(t.contains("open-resolver"), "{t}");
}

#[test]
fn the_thread_count_does_not_change_the_result() {
    let s = setup();
    // A CHAOS zone over the size read in parallel parts; its records leave the class out.
    let mut z = String::from(
        "$ORIGIN bind.\n$TTL 3600\n@ CH SOA ns1 h 1 3600 600 1209600 300\n@ CH NS ns1\n",
    );
    let mut i = 0;
    while z.len() < 5 << 20 {
        z.push_str(&format!("h{i} TXT \"version {i}\"\n"));
        i += 1;
    }
    std::fs::write(s.repo.join("db.bind"), z).unwrap();
    let one = zonelint(&s.repo, &["check", "-f", "json", "-j", "1", "."]);
    let two = zonelint(&s.repo, &["check", "-f", "json", "-j", "2", "."]);
    let four = zonelint(&s.repo, &["check", "-f", "json", "-j", "4", "."]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
    assert!(!String::from_utf8_lossy(&one.stdout).contains("syntax-error"));
    // An absurd -j is capped, not obeyed.
    let many = zonelint(&s.repo, &["check", "-f", "json", "-j", "1000000", "."]);
    assert_eq!(one.stdout, many.stdout);
}

/// Whether any line could be read by the Actions runner as a workflow command.
fn forged(out: &[u8], github_format: bool) -> Option<String> {
    let t = String::from_utf8_lossy(out);
    t.lines()
        .find(|l| {
            let body = l.trim_start();
            let own = github_format
                && ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|p| l.starts_with(p));
            (body.starts_with("::") && !own) || l.contains("##[") || l.contains('\x1b')
        })
        .map(str::to_string)
}

#[test]
fn no_input_byte_forges_a_workflow_command_or_drives_the_terminal() {
    let s = setup();
    let name = std::ffi::OsStr::from_bytes(b"db.example.com\n::error file=x::forged");
    std::fs::write(
        s.repo.join(name),
        format!(
            "{ZONE}@ MX 10 mail.example.com ; ##[error]forged \x1b[31mred\n::warning::forged A 192.0.2.1\n"
        ),
    )
    .unwrap();
    for format in ["human", "concise", "github"] {
        let out = zonelint(&s.repo, &["check", "-f", format, "."]);
        assert!(out.status.code() == Some(1), "{}", text(&out));
        assert_eq!(forged(&out.stdout, format == "github"), None, "{format}");
        assert_eq!(forged(&out.stderr, false), None, "{format}");
    }
    // A key in zonelint.toml that carries a command.
    std::fs::write(
        s.repo.join("zonelint.toml"),
        "[rules]\n\"x\\n::error::forged\" = \"off\"\n\"##[error]y\" = \"off\"\n",
    )
    .unwrap();
    let out = zonelint(&s.repo, &["check", "-f", "github", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(forged(&out.stderr, false), None, "{}", text(&out));
}

#[test]
fn file_names_that_are_not_utf8_stay_distinct() {
    let s = setup();
    for b in [0xffu8, 0xfe] {
        let bytes = [b'd', b'b', b'.', b, b'x'];
        let name = std::ffi::OsStr::from_bytes(&bytes);
        std::fs::write(
            s.repo.join(name),
            format!("{ZONE}@ MX 10 mail.example.com\n"),
        )
        .unwrap();
    }
    let out = zonelint(
        &s.repo,
        &["check", "-f", "concise", "--origin", "example.com", "."],
    );
    let t = text(&out);
    assert!(t.contains("db.\\xffx"), "{t}");
    assert!(t.contains("db.\\xfex"), "{t}");
}

#[test]
fn a_staged_child_change_reports_the_parent_glue_it_breaks() {
    let s = setup();
    let parent = format!("{ZONE}sub NS ns.sub\nns.sub A 192.0.2.50\n");
    std::fs::write(s.repo.join("db.example.com"), parent).unwrap();
    let child = "$ORIGIN sub.example.com.\n$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 3600\n@ NS ns\n@ NS ns2.example.net.\nns A 192.0.2.51\n";
    std::fs::write(s.repo.join("db.sub.example.com"), child).unwrap();
    // Only the child is named (as the pre-commit hook names the staged file): the
    // parent's glue that no longer matches is still reported.
    let out = zonelint(&s.repo, &["check", "-f", "concise", "db.sub.example.com"]);
    let t = text(&out);
    assert!(
        t.contains("db.example.com") && t.contains("glue-mismatch"),
        "{t}"
    );
}
