//! The Python wheel (`pip install zonelint`, as ruff ships): `.ci/run` builds it with
//! `maturin build --release --locked` (pyproject.toml, `bindings = "bin"`) into the
//! folder ZONELINT_WHEEL_DIR names; this test installs it into a fresh virtual
//! environment with no network and no Rust, then runs `zonelint --version` and a check
//! of the example repository from there. (The wheel is built outside the test run:
//! maturin's cargo cannot build in the target folder while `cargo test` holds it.)

mod common;

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_wheel_installs_into_a_fresh_venv_and_runs() {
    let Some(dir) = std::env::var_os("ZONELINT_WHEEL_DIR").map(PathBuf::from) else {
        if std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_some() {
            panic!("ZONELINT_WHEEL_DIR is not set: .ci/run builds the wheel with maturin");
        }
        eprintln!("skipped: no wheel (set ZONELINT_WHEEL_DIR to a folder maturin built one into)");
        return;
    };
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("zonelint-{}-", env!("CARGO_PKG_VERSION")))
                && p.extension().is_some_and(|e| e == "whl")
        })
        .collect();
    assert_eq!(
        wheels.len(),
        1,
        "one wheel of this version in {dir:?}: {wheels:?}"
    );
    let venv = tempfile::tempdir().unwrap();
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(venv.path())
        .status()
        .unwrap();
    assert!(ok.success(), "python3 -m venv failed");
    let bin = venv
        .path()
        .join(if cfg!(windows) { "Scripts" } else { "bin" });
    let out = Command::new(bin.join("python"))
        .args(["-m", "pip", "install", "--no-index", "--quiet"])
        .arg(&wheels[0])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pip install: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zonelint = bin.join("zonelint");
    let v = Command::new(&zonelint).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&v.stdout).trim(),
        format!("zonelint {}", env!("CARGO_PKG_VERSION"))
    );
    // The installed command checks the example repository as the built one does.
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let run = |exe: &std::path::Path| {
        Command::new(exe)
            .args(["check", "-f", "concise", "."])
            .current_dir(&examples)
            .output()
            .unwrap()
    };
    let from_wheel = run(&zonelint);
    let built = run(std::path::Path::new(env!("CARGO_BIN_EXE_zonelint")));
    assert_eq!(from_wheel.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&from_wheel.stdout),
        String::from_utf8_lossy(&built.stdout)
    );
}
