//! The release's pieces agree on one archive layout: every target the release workflow
//! builds is one the Action's installer maps a runner to, the archive
//! `scripts/package-release.sh` packs for it is the one cargo-binstall's templates in
//! Cargo.toml name, and the binary inside is where `bin-dir` says. The `dist` profile the
//! workflow builds with exists and strips.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The targets of the `binaries` job's matrix in release.yml.
fn release_targets() -> Vec<String> {
    let text = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let start = text.find("\n  binaries:").expect("a binaries job");
    let end = text[start + 1..]
        .find("\n  wheels:")
        .map_or(text.len(), |e| start + 1 + e);
    text[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- target: "))
        .map(str::to_string)
        .collect()
}

fn cargo_toml() -> toml::Table {
    std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap()
}

/// cargo-binstall's template, filled in the way it fills it.
fn fill(template: &str, target: &str) -> String {
    let windows = target.contains("windows");
    template
        .replace("{ repo }", "https://github.com/zonelint/zonelint")
        .replace("{ version }", env!("CARGO_PKG_VERSION"))
        .replace("{ target }", target)
        .replace(
            "{ archive-suffix }",
            if windows { ".zip" } else { ".tar.gz" },
        )
        .replace("{ bin }", "zonelint")
        .replace("{ binary-ext }", if windows { ".exe" } else { "" })
}

#[test]
fn the_release_targets_are_the_ones_the_installer_knows() {
    let targets = release_targets();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-musl",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "aarch64-apple-darwin",
            "x86_64-pc-windows-msvc"
        ]
    );
    let installer = std::fs::read_to_string(root().join("scripts/action-install.sh")).unwrap();
    for t in &targets {
        assert!(
            installer.contains(&format!("target={t} ")),
            "the Action's installer maps no runner to {t}"
        );
    }
}

#[test]
fn binstall_names_the_archives_the_packer_makes() {
    let cargo = cargo_toml();
    let binstall = &cargo["package"]["metadata"]["binstall"];
    let pkg_url = binstall["pkg-url"].as_str().unwrap();
    let bin_dir = binstall["bin-dir"].as_str().unwrap();
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    assert_eq!(
        binstall["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"].as_str(),
        Some("zip")
    );
    let dist = &cargo["profile"]["dist"];
    assert_eq!(dist["inherits"].as_str(), Some("release"));
    assert_eq!(dist["strip"].as_bool(), Some(true));

    let tar_ok = common::tool_present("tar", "--version") && cfg!(unix);
    if !tar_ok {
        if std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_some() {
            panic!("tar is required here");
        }
        return;
    }
    let out = tempfile::tempdir().unwrap();
    // A stand-in for the binary (the layout is the question here, and packing the
    // debug build five times would take a while); it does not run, so the archives
    // come without completions and manual pages, as a cross build's do.
    let stub = out.path().join("stub");
    std::fs::write(&stub, "#!/bin/sh\nexit 1\n").unwrap();
    for target in release_targets() {
        let status = Command::new("bash")
            .arg(root().join("scripts/package-release.sh"))
            .arg(&target)
            .arg(&stub)
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "packing {target}");
        let url = fill(pkg_url, &target);
        let file = url.rsplit('/').next().unwrap();
        let archive = out.path().join(file);
        assert!(archive.exists(), "binstall looks for {file}, not packed");
        let listing = if file.ends_with(".zip") {
            let l = Command::new("python3")
                .args(["-m", "zipfile", "-l"])
                .arg(&archive)
                .output()
                .unwrap();
            String::from_utf8_lossy(&l.stdout).into_owned()
        } else {
            let l = Command::new("tar")
                .arg("-tzf")
                .arg(&archive)
                .output()
                .unwrap();
            String::from_utf8_lossy(&l.stdout).into_owned()
        };
        let inside = fill(bin_dir, &target);
        assert!(
            listing.contains(&inside),
            "{file} has no {inside}:\n{listing}"
        );
    }
    // And the checksum list covers every archive.
    let status = Command::new("bash")
        .arg(root().join("scripts/package-release.sh"))
        .arg("--sums")
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let sums = std::fs::read_to_string(out.path().join("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), release_targets().len(), "{sums}");
}
