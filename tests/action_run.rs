//! The Action's check step (`scripts/action-run.sh`, what action.yml runs) with the
//! inputs a workflow gives: every path of a multi-line or space-separated `paths:` is
//! checked; one zonelint run prints the annotations and writes the SARIF file and the
//! `findings` output; a bad zonelint.toml fails the step with its message once and
//! leaves no SARIF file.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const ZONE: &str = "$TTL 1h\n@ SOA ns1.example.com. host.example.com. 1 1h 1h 1w 1h\n@ NS ns1.example.com.\n@ NS ns2.example.info.\nns1 A 192.0.2.1\n";

/// A repository with three zones, each with a lost trailing dot, in `a/`, `b/` and
/// `with space/`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (folder, zone) in [
        ("a", "example.com"),
        ("b", "example.org"),
        ("with space", "example.net"),
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(
            dir.path().join(folder).join(format!("db.{zone}")),
            format!("{}@ MX 10 mail.{zone}\n", ZONE.replace("example.com", zone)),
        )
        .unwrap();
    }
    dir
}

struct Step {
    out: Output,
    output_file: PathBuf,
    _temp: tempfile::TempDir,
}

fn step(repo: &Path, inputs: &[(&str, &str)]) -> Step {
    let temp = tempfile::tempdir().unwrap();
    let output_file = temp.path().join("github-output");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_zonelint")).parent().unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/action-run.sh"))
        .current_dir(repo)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("RUNNER_TEMP", temp.path())
        .env("GITHUB_OUTPUT", &output_file)
        .env("INPUT_FORMAT", "github")
        .env("INPUT_FAIL_ON", "error")
        .env("INPUT_CONFIG_FROM_BASE", "true")
        .env_remove("PR_BASE")
        .env_remove("INPUT_GIT_BASE");
    for (k, v) in inputs {
        cmd.env(k, v);
    }
    Step {
        out: cmd.output().unwrap(),
        output_file,
        _temp: temp,
    }
}

/// The files the annotations name.
fn annotated(s: &Step) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8_lossy(&s.out.stdout)
        .lines()
        .filter_map(|l| {
            l.split("file=")
                .nth(1)?
                .split(',')
                .next()
                .map(str::to_string)
        })
        .collect();
    v.sort();
    v
}

fn present() -> bool {
    let ok =
        common::tool_present("bash", "--version") && common::tool_present("python3", "--version");
    if !ok && std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_some() {
        panic!("bash and python3 are required here");
    }
    ok
}

#[test]
fn every_path_of_a_multi_line_input_is_checked() {
    if !present() {
        return;
    }
    let repo = repo();
    let all = [
        "a/db.example.com",
        "b/db.example.org",
        "with space/db.example.net",
    ];
    // A YAML block: one path a line (blanks inside a path kept), blank lines ignored.
    let s = step(repo.path(), &[("INPUT_PATHS", "a\n  b\n\nwith space\n")]);
    assert_eq!(
        s.out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&s.out.stderr)
    );
    assert_eq!(annotated(&s), all);
    assert_eq!(
        std::fs::read_to_string(&s.output_file).unwrap().trim(),
        "findings=3"
    );
    // Space-separated on one line.
    let s = step(repo.path(), &[("INPUT_PATHS", "a b")]);
    assert_eq!(annotated(&s), all[..2]);
    // Nothing given: the whole repository.
    let s = step(repo.path(), &[("INPUT_PATHS", "")]);
    assert_eq!(annotated(&s), all);
}

#[test]
fn one_run_writes_annotations_sarif_and_the_count() {
    if !present() {
        return;
    }
    let repo = repo();
    let out = tempfile::tempdir().unwrap();
    let sarif = out.path().join("zonelint.sarif");
    let s = step(
        repo.path(),
        &[
            ("INPUT_PATHS", "a"),
            ("INPUT_SARIF", sarif.to_str().unwrap()),
        ],
    );
    assert_eq!(s.out.status.code(), Some(1));
    assert_eq!(annotated(&s), ["a/db.example.com"]);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert_eq!(
        std::fs::read_to_string(&s.output_file).unwrap().trim(),
        "findings=1"
    );
    // JSON as the log format: printed and counted.
    let s = step(
        repo.path(),
        &[("INPUT_PATHS", "a"), ("INPUT_FORMAT", "json")],
    );
    let v: serde_json::Value = serde_json::from_slice(&s.out.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(
        std::fs::read_to_string(&s.output_file).unwrap().trim(),
        "findings=1"
    );
    // --fail-on from its input: the lost dot is an error; with `args` it is switched off.
    let s = step(
        repo.path(),
        &[
            ("INPUT_PATHS", "a"),
            ("INPUT_ARGS", "--ignore missing-trailing-dot"),
        ],
    );
    assert_eq!(s.out.status.code(), Some(0));
}

#[test]
fn a_bad_config_fails_once_and_leaves_no_sarif() {
    if !present() {
        return;
    }
    let repo = repo();
    std::fs::write(
        repo.path().join("zonelint.toml"),
        "[rules]\nmissing-trailing-dott = \"off\"\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let sarif = out.path().join("zonelint.sarif");
    let s = step(
        repo.path(),
        &[
            ("INPUT_PATHS", "."),
            ("INPUT_SARIF", sarif.to_str().unwrap()),
        ],
    );
    assert_eq!(s.out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&s.out.stderr);
    assert_eq!(err.matches("missing-trailing-dott").count(), 1, "{err}");
    assert!(!sarif.exists(), "an empty SARIF file was left");
    assert!(
        !std::fs::read_to_string(&s.output_file)
            .unwrap_or_default()
            .contains("findings="),
        "a count was reported for a run that did not happen"
    );
}
