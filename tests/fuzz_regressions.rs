//! Replays the fuzz targets' inputs on stable: every file of `testdata/fuzz/<target>/`
//! (crash reproducers found by `scripts/fuzz.sh`, and hostile inputs written by hand)
//! must be checked without a panic, through the same entry point the fuzzers use.

use std::path::PathBuf;
use zonelint::fuzzing::{check_bytes, Input};

fn replay(target: &str, kind: Input) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/fuzz")
        .join(target);
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let r = std::panic::catch_unwind(|| check_bytes(kind, &data));
        assert!(r.is_ok(), "{} panics", f.display());
        n += 1;
    }
    n
}

#[test]
fn zone_inputs_never_panic() {
    assert!(replay("zone", Input::Zone) > 0);
}

#[test]
fn named_conf_inputs_never_panic() {
    assert!(replay("named_conf", Input::NamedConf) > 0);
}

#[test]
fn unbound_conf_inputs_never_panic() {
    assert!(replay("unbound", Input::Unbound) > 0);
}

#[test]
fn config_inputs_never_panic() {
    assert!(replay("config", Input::Config) > 0);
}

#[test]
fn include_graphs_stay_in_the_tree_and_end() {
    assert!(replay("includes", Input::Includes) > 0);
}

#[test]
fn the_fuzz_entry_point_reports_findings() {
    assert!(check_bytes(Input::Config, b"[rules]\nno-such-rule = \"off\"\n") > 0);
    assert!(check_bytes(Input::Includes, b"$INCLUDE ../secret\n") > 0);
    // The harness must be able to fail: a broken input gives findings.
    assert!(check_bytes(Input::NamedConf, b"options { recursion maybe }") > 0);
    assert!(check_bytes(Input::Zone, b"@ IN A 192.0.2.300\n") > 0);
    assert!(check_bytes(Input::Unbound, b"server:\n  do-ip6: maybe\n") > 0);
}
