//! The minimum Rust version the package states is the one its locked dependencies need:
//! `rust-version` in Cargo.toml equals the highest `rust-version` that `cargo metadata`
//! reports for the packages of Cargo.lock (dev-dependencies included: `cargo test` builds
//! them too).

use std::process::Command;

fn version(s: &str) -> Vec<u64> {
    s.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let ours = packages
        .iter()
        .find(|p| p["name"] == "zonelint")
        .and_then(|p| p["rust_version"].as_str())
        .expect("Cargo.toml states a rust-version");
    let (needed, by) = packages
        .iter()
        .filter(|p| p["name"] != "zonelint")
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str()?)))
        .max()
        .expect("dependencies state rust-versions");
    assert_eq!(
        version(ours),
        needed,
        "Cargo.toml says rust-version {ours}, but {by} needs {}",
        needed
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".")
    );
}
