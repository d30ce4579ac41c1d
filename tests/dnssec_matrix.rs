//! Runs `scripts/dnssec-matrix.py`: a zone holding every record type, signed by BIND and by
//! ldns for each algorithm and denial mode, gets no DNSSEC error from zonelint, and each
//! one-fault variant is caught by the rule that names it. Needs bind9-utils and
//! ldnsutils (skipped without them, unless ZONELINT_REQUIRE_TOOLS is set).

mod common;

use common::tool_present;
use std::process::Command;

#[test]
fn every_type_verifies_and_every_tamper_is_caught() {
    if !tool_present("dnssec-keygen", "-V") || !tool_present("ldns-read-zone", "-v") {
        return;
    }
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/dnssec-matrix.py"
        ))
        .arg(env!("CARGO_BIN_EXE_zonelint"))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the DNSSEC matrix failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("all expectations met"));
}
