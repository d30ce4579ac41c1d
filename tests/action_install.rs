//! The Action's install step (`scripts/action-install.sh`) against a release served from
//! a loopback HTTP server: the archive is built by the release workflow's own packing
//! script (`scripts/package-release.sh`) from the binary under test. Checked: a good
//! release installs (checksum verified); a wrong checksum is refused and nothing is
//! installed or built; a version without a release falls back to `cargo install
//! --locked` from the action's source (a recording stand-in for cargo: the real build
//! takes minutes and is what `cargo install` does anyway); `release` mode does not fall
//! back; `source` mode never downloads. Needs bash, curl and tar (CI installs them).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file server on 127.0.0.1: GET /<path> answers the file below `dir`, or 404. The
/// paths asked for are recorded.
struct Server {
    base: String,
    asked: Arc<Mutex<Vec<String>>>,
}

fn serve(dir: PathBuf) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The headers, up to the blank line.
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line == "\r\n" || line == "\n" => break,
                    Ok(_) => {}
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            log.lock().unwrap().push(path.clone());
            let file = dir.join(path.trim_start_matches('/'));
            let body = (!path.contains(".."))
                .then(|| std::fs::read(&file).ok())
                .flatten();
            let (status, body) = match body {
                Some(b) => ("200 OK", b),
                None => ("404 Not Found", b"not found\n".to_vec()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    Server { base, asked }
}

/// The GitHub runner's names for this machine.
fn runner() -> (&'static str, &'static str, &'static str) {
    match std::env::consts::ARCH {
        "aarch64" => ("Linux", "ARM64", "aarch64-unknown-linux-musl"),
        _ => ("Linux", "X64", "x86_64-unknown-linux-musl"),
    }
}

fn tools_present() -> bool {
    let present = cfg!(target_os = "linux")
        && common::tool_present("bash", "--version")
        && common::tool_present("curl", "--version")
        && common::tool_present("tar", "--version");
    if !present && std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_some() {
        panic!("bash, curl and tar are required here (ZONELINT_REQUIRE_TOOLS)");
    }
    present
}

/// A release folder `<dir>/v<version>/` with the archive for this machine and its
/// SHA256SUMS, packed by the release workflow's script.
fn release(dir: &Path) -> PathBuf {
    let version = env!("CARGO_PKG_VERSION");
    let out = dir.join(format!("v{version}"));
    let status = Command::new("bash")
        .arg(root().join("scripts/package-release.sh"))
        .args([runner().2, env!("CARGO_BIN_EXE_zonelint")])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let status = Command::new("bash")
        .arg(root().join("scripts/package-release.sh"))
        .arg("--sums")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    out
}

/// A stand-in for cargo that records its arguments and "installs" a script that prints
/// a version.
fn fake_cargo(dir: &Path) -> (PathBuf, PathBuf) {
    let log = dir.join("cargo-args");
    let script = dir.join("fake-cargo");
    std::fs::write(
        &script,
        format!(
            "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '{}'\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --root ]; then root=$2; fi; shift; done\nmkdir -p \"$root/bin\"\nprintf '#!/bin/sh\\necho zonelint built-from-source\\n' > \"$root/bin/zonelint\"\nchmod +x \"$root/bin/zonelint\"\n",
            log.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (script, log)
}

struct Run {
    out: Output,
    install_dir: PathBuf,
    github_path: PathBuf,
    cargo_log: PathBuf,
}

fn install(base: &str, mode: &str, work: &Path) -> Run {
    let install_dir = work.join("install");
    let github_path = work.join("github-path");
    let (cargo, cargo_log) = fake_cargo(work);
    let (os, arch, _) = runner();
    let out = Command::new("bash")
        .arg(root().join("scripts/action-install.sh"))
        .env("ACTION_PATH", root())
        .env("ZONELINT_INSTALL_DIR", &install_dir)
        .env("ZONELINT_INSTALL", mode)
        .env("ZONELINT_RELEASES", base)
        .env("ZONELINT_CARGO", &cargo)
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env("GITHUB_PATH", &github_path)
        .output()
        .unwrap();
    Run {
        out,
        install_dir,
        github_path,
        cargo_log,
    }
}

fn stderr(r: &Run) -> String {
    String::from_utf8_lossy(&r.out.stderr).into_owned()
}

#[test]
fn a_release_installs_with_its_checksum_verified() {
    if !tools_present() {
        return;
    }
    let files = tempfile::tempdir().unwrap();
    release(files.path());
    let server = serve(files.path().to_path_buf());
    let work = tempfile::tempdir().unwrap();
    let r = install(&server.base, "auto", work.path());
    assert!(r.out.status.success(), "{}", stderr(&r));
    let bin = r.install_dir.join("bin/zonelint");
    let v = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&v.stdout).trim(),
        format!("zonelint {}", env!("CARGO_PKG_VERSION"))
    );
    // The installed binary is the packed one, byte for byte.
    assert_eq!(
        std::fs::read(&bin).unwrap(),
        std::fs::read(env!("CARGO_BIN_EXE_zonelint")).unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(&r.github_path).unwrap().trim(),
        r.install_dir.join("bin").display().to_string()
    );
    assert!(stderr(&r).contains("checksum verified"), "{}", stderr(&r));
    assert!(
        !r.cargo_log.exists(),
        "cargo ran although the release was there"
    );
    let asked = server.asked.lock().unwrap().clone();
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(
        asked,
        [
            format!("/v{v}/SHA256SUMS"),
            format!("/v{v}/zonelint-v{v}-{}.tar.gz", runner().2)
        ]
    );
}

#[test]
fn a_wrong_checksum_is_refused() {
    if !tools_present() {
        return;
    }
    let files = tempfile::tempdir().unwrap();
    let dir = release(files.path());
    // The archive changed after the list was made (one byte at the end: still gzip
    // enough to unpack, were it not checked).
    let archive = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "gz"))
        .unwrap();
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&archive, bytes).unwrap();
    let server = serve(files.path().to_path_buf());
    let work = tempfile::tempdir().unwrap();
    let r = install(&server.base, "auto", work.path());
    assert_eq!(r.out.status.code(), Some(1), "{}", stderr(&r));
    assert!(stderr(&r).contains("checksum mismatch"), "{}", stderr(&r));
    assert!(!r.install_dir.join("bin/zonelint").exists());
    // Never "repaired" by building from source.
    assert!(!r.cargo_log.exists());
    assert!(!r.github_path.exists());

    // A list that does not name this machine's archive: refused too.
    std::fs::write(dir.join("SHA256SUMS"), "00  zonelint-v0-other.tar.gz\n").unwrap();
    let work = tempfile::tempdir().unwrap();
    let r = install(&server.base, "auto", work.path());
    assert_eq!(r.out.status.code(), Some(1), "{}", stderr(&r));
    assert!(stderr(&r).contains("has no"), "{}", stderr(&r));
    assert!(!r.cargo_log.exists());
}

#[test]
fn without_a_release_it_builds_from_the_actions_source() {
    if !tools_present() {
        return;
    }
    let empty = tempfile::tempdir().unwrap();
    let server = serve(empty.path().to_path_buf());
    let work = tempfile::tempdir().unwrap();
    let r = install(&server.base, "auto", work.path());
    assert!(r.out.status.success(), "{}", stderr(&r));
    assert!(stderr(&r).contains("no release"), "{}", stderr(&r));
    let args = std::fs::read_to_string(&r.cargo_log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    let root = root();
    let dir = r.install_dir.display().to_string();
    assert_eq!(
        args,
        [
            "install",
            "--locked",
            "--path",
            root.to_str().unwrap(),
            "--root",
            &dir,
            "--force"
        ]
    );
    assert!(String::from_utf8_lossy(&r.out.stdout).contains("built-from-source"));
    assert_eq!(
        std::fs::read_to_string(&r.github_path).unwrap().trim(),
        r.install_dir.join("bin").display().to_string()
    );

    // `release`: no fallback.
    let work = tempfile::tempdir().unwrap();
    let r = install(&server.base, "release", work.path());
    assert_eq!(r.out.status.code(), Some(1), "{}", stderr(&r));
    assert!(!r.cargo_log.exists());

    // `source` (the action used as `uses: ./`): no download at all.
    let before = server.asked.lock().unwrap().len();
    let work = tempfile::tempdir().unwrap();
    let r = install(&server.base, "source", work.path());
    assert!(r.out.status.success(), "{}", stderr(&r));
    assert!(r.cargo_log.exists());
    assert_eq!(server.asked.lock().unwrap().len(), before);
}

#[test]
fn a_server_that_is_down_fails_the_step() {
    if !tools_present() {
        return;
    }
    // A port nobody listens on (bound, then closed).
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let work = tempfile::tempdir().unwrap();
    let mut r = install(&format!("http://127.0.0.1:{port}"), "auto", work.path());
    // curl's retries on a refused connection take a few seconds at most.
    assert_eq!(r.out.status.code(), Some(1), "{}", stderr(&r));
    assert!(
        !r.cargo_log.exists(),
        "a network failure is no missing release"
    );
    let mut s = String::new();
    let _ = r.out.stderr.as_slice().read_to_string(&mut s);
    r.out.stderr.clear();
    assert!(s.contains("cannot download"), "{s}");
}

/// The pre-commit hook `zonelint-binary` (`scripts/pre-commit-binary.sh`): the first run
/// downloads and verifies the release, later runs start from the cache with no request;
/// and pre-commit itself runs the hook from this repository (`pre-commit try-repo`).
#[test]
fn the_pre_commit_binary_hook_downloads_once_then_runs_from_its_cache() {
    if !tools_present() {
        return;
    }
    let files = tempfile::tempdir().unwrap();
    release(files.path());
    let server = serve(files.path().to_path_buf());
    let cache = tempfile::tempdir().unwrap();
    let zones = tempfile::tempdir().unwrap();
    std::fs::write(
        zones.path().join("db.example.com"),
        "$TTL 1h\n@ SOA ns1.example.com. host.example.com. 1 1h 1h 1w 1h\n@ NS ns1.example.com.\n@ NS ns2.example.net.\nns1 A 192.0.2.1\n@ MX 10 mail.example.com\n",
    )
    .unwrap();
    let hook = |args: &[&str]| {
        Command::new("bash")
            .arg(root().join("scripts/pre-commit-binary.sh"))
            .args(args)
            .env("ZONELINT_RELEASES", &server.base)
            .env("ZONELINT_CACHE", cache.path())
            .env("ZONELINT_CARGO", "/nonexistent/cargo")
            .current_dir(zones.path())
            .output()
            .unwrap()
    };
    let first = hook(&["check", "-f", "concise", "db.example.com"]);
    assert_eq!(
        first.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("error[missing-trailing-dot]"));
    let asked = server.asked.lock().unwrap().len();
    assert_eq!(asked, 2);
    let second = hook(&["check", "-f", "concise", "db.example.com"]);
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(
        server.asked.lock().unwrap().len(),
        asked,
        "downloaded again"
    );
    assert!(cache
        .path()
        .join(format!("v{}/bin/zonelint", env!("CARGO_PKG_VERSION")))
        .exists());

    // Through pre-commit, as a user's .pre-commit-config.yaml runs it.
    let pre_commit = std::env::var("PRE_COMMIT").unwrap_or_else(|_| "pre-commit".into());
    if !common::tool_present(&pre_commit, "--version") {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    common::git(repo.path(), &["init", "-q"]);
    std::fs::copy(
        zones.path().join("db.example.com"),
        repo.path().join("db.example.com"),
    )
    .unwrap();
    common::git(repo.path(), &["add", "."]);
    let fresh_cache = tempfile::tempdir().unwrap();
    let out = Command::new(&pre_commit)
        .arg("try-repo")
        .arg(root())
        .args(["zonelint-binary", "--verbose", "--color", "never"])
        .env("PRE_COMMIT_HOME", home.path())
        .env("ZONELINT_RELEASES", &server.base)
        .env("ZONELINT_CACHE", fresh_cache.path())
        .env("ZONELINT_CARGO", "/nonexistent/cargo")
        .current_dir(repo.path())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out.status.success(),
        "the hook must fail on a bad zone:\n{text}"
    );
    assert!(text.contains("missing-trailing-dot"), "{text}");
    assert!(text.contains("checksum verified"), "{text}");
}
