//! Helpers shared by the integration test crates (`mod common;` in each that uses them).

use std::path::Path;
use std::process::Command;

/// Runs git in `dir` with a throwaway identity; the test fails when git does.
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
