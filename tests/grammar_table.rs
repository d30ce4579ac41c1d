//! The named.conf grammar table (`src/conf/grammar_table.rs`) is what
//! `scripts/probe-bind-grammar.py` derives from the installed `named-checkconf`: this test
//! runs the generator, formats its output as the tree is formatted, and fails on any
//! difference but the version line. It needs named-checkconf (Debian's bind9-utils) and
//! `strings` (binutils); .ci/run installs both and sets ZONELINT_REQUIRE_TOOLS=1, which
//! turns their absence into a failure.

mod common;

use common::tool_present;
use std::path::PathBuf;
use std::process::Command;

/// The rows: everything after the first line, which names the BIND version probed.
fn rows(text: &str) -> &str {
    text.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn the_grammar_table_is_what_the_generator_makes() {
    if !tool_present("named-checkconf", "-v") || !tool_present("strings", "--version") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(root.join("scripts/probe-bind-grammar.py"))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "generator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("grammar_table.rs");
    std::fs::write(&made, &out.stdout).unwrap();
    let fmt = Command::new("rustfmt")
        .args(["--edition", "2021"])
        .arg(&made)
        .status()
        .expect("rustfmt runs");
    assert!(fmt.success(), "rustfmt failed on the generated table");
    let made = std::fs::read_to_string(&made).unwrap();
    let kept = std::fs::read_to_string(root.join("src/conf/grammar_table.rs")).unwrap();
    assert!(
        rows(&made).lines().count() > 1000,
        "the probe found too little"
    );
    if rows(&made) != rows(&kept) {
        let kept_lines: Vec<&str> = rows(&kept).lines().collect();
        let first = rows(&made)
            .lines()
            .zip(kept_lines.iter())
            .position(|(a, b)| a != *b)
            .unwrap_or(0);
        let show: Vec<&str> = rows(&made).lines().skip(first).take(12).collect();
        panic!(
            "src/conf/grammar_table.rs differs from what scripts/probe-bind-grammar.py makes \
             (first difference at row line {first}; regenerate as the script's doc says):\n{}",
            show.join("\n")
        );
    }
}
