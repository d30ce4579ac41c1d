//! Helpers shared by the integration test crates (`mod common;` in each that uses them).

use std::path::Path;
use std::process::{Command, Output};

/// Runs the zonelint under test in `cwd`, colour off.
#[allow(dead_code)] // not every test crate that shares this module runs the binary
pub fn zonelint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("FORCE_COLOR")
        .env("NO_COLOR", "1")
        .output()
        .expect("run zonelint")
}

/// Runs git in `dir` with a throwaway identity; the test fails when git does.
#[allow(dead_code)] // not every test crate that shares this module runs git
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `expect: rule[, rule…]` comments of a fixture's text: `(line, rule)` pairs,
/// lines 1-based.
#[allow(dead_code)] // not every test crate that shares this module reads fixtures
pub fn expect_comments(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(pos) = line.find("expect: ") {
            for rule in line[pos + 8..].split(',') {
                let rule = rule.split_whitespace().next().unwrap_or("");
                if !rule.is_empty() {
                    out.push((i + 1, rule.to_string()));
                }
            }
        }
    }
    out
}

/// Whether a peer tool runs (`cmd arg` succeeds). Its absence skips the test, unless
/// ZONELINT_REQUIRE_TOOLS is set (as .ci/run does): then it fails it.
#[allow(dead_code)] // not every test crate that shares this module needs a peer tool
pub fn tool_present(cmd: &str, arg: &str) -> bool {
    let ok = Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_none(),
            "`{cmd}` is required here (ZONELINT_REQUIRE_TOOLS) but missing"
        );
        eprintln!("skipped: `{cmd}` is not installed");
    }
    ok
}

/// Copies a folder tree, leaving out files with one of the `skip` names.
#[allow(dead_code)] // not every test crate that shares this module copies fixtures
pub fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&t).unwrap();
            copy_dir(&p, &t, skip);
        } else if !skip.iter().any(|s| p.file_name().is_some_and(|n| n == *s)) {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}
