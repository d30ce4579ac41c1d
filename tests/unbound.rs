//! unbound.conf: scenarios (a pfSense-generated configuration, Debian's layout) and the
//! syntax verdict against unbound-checkconf, the peer (Debian's `unbound` package; CI
//! installs it). unbound-checkconf's "read … failed: N errors" is a refusal of the
//! syntax; "no errors", or a fatal error about a file of the machine (a trust anchor,
//! the pid file's folder) after reading, is an acceptance of it.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use common::zonelint;

/// (file, rule) of a JSON report.
fn findings(out: &std::process::Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Whether unbound-checkconf is installed (its `-h` exits 1, so the common helper does
/// not fit); under ZONELINT_REQUIRE_TOOLS its absence fails the test.
fn checkconf_present() -> bool {
    let ok = Command::new("unbound-checkconf").arg("-h").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_none(),
            "unbound-checkconf is required here (ZONELINT_REQUIRE_TOOLS) but missing"
        );
        eprintln!("skipped: unbound-checkconf is not installed");
    }
    ok
}

#[test]
fn a_pfsense_configuration_is_read_whole_and_passes() {
    let dir = root().join("testdata/unbound/pfsense");
    let out = zonelint(&["check", "-f", "json", "."], &dir);
    assert_eq!(findings(&out), Vec::<(String, String)>::new());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // unbound.conf and the five files it includes inside `server:`.
    assert_eq!(v["summary"]["files"], 6);
}

#[test]
fn debians_layout_is_one_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("testdata/unbound/debian"), tmp.path(), &[]);
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let out = zonelint(&["check", "-f", "json", "."], tmp.path());
    assert_eq!(
        findings(&out),
        [(
            "etc/unbound/unbound.conf.d/resolver.conf".to_string(),
            "forward-only-without-redundancy".to_string()
        )]
    );
    assert_eq!(out.status.code(), Some(1));
    // Without the file that holds the root key's option, the whole configuration
    // validates nothing; with a second forwarder the forwarding is sound.
    let conf_d = tmp.path().join("etc/unbound/unbound.conf.d");
    std::fs::remove_file(conf_d.join("root-auto-trust-anchor-file.conf")).unwrap();
    let resolver = std::fs::read_to_string(conf_d.join("resolver.conf")).unwrap();
    std::fs::write(
        conf_d.join("resolver.conf"),
        resolver + "    forward-addr: 198.51.100.53\n",
    )
    .unwrap();
    let out = zonelint(&["check", "-f", "json", "."], tmp.path());
    assert_eq!(
        findings(&out),
        [(
            "etc/unbound/unbound.conf.d/resolver.conf".to_string(),
            "dnssec-validation-disabled".to_string()
        )]
    );
    // A fragment of the folder checked on its own (outside a repository, so nothing
    // includes it) is not the whole configuration.
    std::fs::remove_dir(tmp.path().join(".git")).unwrap();
    std::fs::remove_file(tmp.path().join("etc/unbound/unbound.conf")).unwrap();
    let out = zonelint(
        &[
            "check",
            "-f",
            "json",
            "etc/unbound/unbound.conf.d/resolver.conf",
        ],
        tmp.path(),
    );
    assert!(
        !findings(&out)
            .iter()
            .any(|(_, r)| r == "dnssec-validation-disabled"),
        "{:?}",
        findings(&out)
    );
}

/// Unbound configurations of the test data that stand alone (no include).
fn standalone_files() -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut stack = vec![
        root().join("testdata/unbound/checkconf"),
        root().join("testdata/rules"),
    ];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let unbound = name == "unbound.conf"
                || p.parent().unwrap().ends_with("unbound.conf.d")
                || p.parent().unwrap().ends_with("checkconf")
                || p.parent().unwrap().ends_with("unbound");
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if unbound && name.ends_with(".conf") && !text.contains("include") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

#[test]
fn the_syntax_verdict_is_unbound_checkconfs() {
    if !checkconf_present() {
        return;
    }
    let files = standalone_files();
    assert!(files.len() >= 20, "{files:?}");
    let mut disagree = Vec::new();
    for f in &files {
        let peer = Command::new("unbound-checkconf").arg(f).output().unwrap();
        let text = String::from_utf8_lossy(&peer.stderr).into_owned()
            + &String::from_utf8_lossy(&peer.stdout);
        let peer_refuses = text.contains("errors in configuration file");
        let ours = Command::new(env!("CARGO_BIN_EXE_zonelint"))
            .args([
                "check",
                "-f",
                "json",
                "--as",
                "unbound",
                "--select",
                "syntax-error,unknown-option",
            ])
            .arg(f)
            .output()
            .unwrap();
        let we_refuse = !findings(&ours).is_empty();
        if peer_refuses != we_refuse {
            disagree.push(format!(
                "{}: unbound-checkconf {}, zonelint {}\n{text}",
                f.display(),
                if peer_refuses { "refuses" } else { "accepts" },
                if we_refuse { "refuses" } else { "accepts" }
            ));
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

/// The value kinds of the generated table, against unbound-checkconf: for every yes/no
/// option of `server:` the peer knows, `maybe` is refused by both and `yes` taken by
/// both.
#[test]
fn yes_no_options_are_unbound_checkconfs() {
    if !checkconf_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for o in zonelint::unbound::options_table::OPTIONS
        .iter()
        .filter(|o| o.kind == zonelint::unbound::ValueKind::Bool && o.in_clause(0) && o.values == 1)
    {
        let f = dir.path().join("t.conf");
        let verdict = |value: &str| {
            std::fs::write(&f, format!("server:\n    {}: {value}\n", o.name)).unwrap();
            let out = Command::new("unbound-checkconf").arg(&f).output().unwrap();
            let text = String::from_utf8_lossy(&out.stderr).into_owned()
                + &String::from_utf8_lossy(&out.stdout);
            (text.contains("errors in configuration file"), text)
        };
        let (refused_yes, text) = verdict("yes");
        if text.contains("unknown keyword") {
            continue; // newer than the installed Unbound
        }
        // Debian builds Unbound without the IPsec module, whose options it then takes
        // and ignores whatever their value.
        if o.name.starts_with("ipsecmod-") {
            continue;
        }
        assert!(!refused_yes, "{}: yes refused\n{text}", o.name);
        let (refused_maybe, text) = verdict("maybe");
        assert!(refused_maybe, "{}: maybe taken\n{text}", o.name);
        checked += 1;
    }
    assert!(checked > 50, "only {checked} yes/no options checked");
}

/// Unbound's documented example configuration (doc/example.conf.in of the release the
/// keyword table comes from) with every documented option uncommented: every keyword
/// and its values read, none unknown, no value refused. Three comment lines that read
/// like options but are prose are left commented.
#[test]
fn every_option_of_unbounds_example_configuration_reads() {
    let text = std::fs::read_to_string(root().join("testdata/unbound/example.conf.in")).unwrap();
    const PROSE: &[&str] = &[
        "0: off. 1: A line per failed",
        "tls-additional-port: portno for each",
        "proxy-protocol-port: portno for each",
        "cookie-secret: <128 bit random hex string>",
    ];
    let mut options = 0;
    let mut out = String::new();
    for line in text.lines() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let uncommented = body.strip_prefix("# ").filter(|rest| {
            let name = rest.split(':').next().unwrap_or("");
            rest.contains(':')
                && !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !name.starts_with("include")
                && !PROSE.iter().any(|p| rest.starts_with(p))
        });
        match uncommented {
            Some(rest) => {
                options += 1;
                out.push_str(indent);
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    // configure's substitutions.
    let out = out
        .replace("@UNBOUND_RUN_DIR@", "/run/unbound")
        .replace("@UNBOUND_CHROOT_DIR@", "/etc/unbound")
        .replace("@UNBOUND_USERNAME@", "unbound")
        .replace("@UNBOUND_ROOTKEY_FILE@", "/var/lib/unbound/root.key")
        .replace("@UNBOUND_ROOTCERT_FILE@", "/etc/unbound/icannbundle.pem")
        .replace("@UNBOUND_PIDFILE@", "/run/unbound.pid")
        .replace("@UNBOUND_SHARE_DIR@", "/usr/share/unbound")
        .replace("@DNSTAP_SOCKET_PATH@", "/run/dnstap.sock")
        .replace("@version@", "1.26.0");
    assert!(options > 300, "only {options} options uncommented");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("unbound.conf");
    std::fs::write(&f, out).unwrap();
    let ours = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args([
            "check",
            "-f",
            "concise",
            "--select",
            "syntax-error,unknown-option,include-unresolved",
        ])
        .arg(&f)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&ours.stdout);
    assert!(
        text.starts_with("0 errors"),
        "the example configuration does not read:\n{text}"
    );
}

/// The keyword table is what the generator makes of Unbound's grammar. Needs Unbound's
/// git repository (UNBOUND_SRC, e.g. a clone of NLnetLabs/unbound with its tags): CI has
/// no network to fetch it, so without it the test says so and passes.
#[test]
fn the_keyword_table_is_what_the_generator_makes() {
    let Some(src) = std::env::var_os("UNBOUND_SRC") else {
        eprintln!("skipped: set UNBOUND_SRC to a git clone of NLnetLabs/unbound");
        return;
    };
    let out = Command::new("python3")
        .arg(root().join("scripts/gen-unbound-options.py"))
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read_to_string(root().join("src/unbound/options_table.rs")).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).trim() == committed.trim(),
        "src/unbound/options_table.rs differs from the generator's output: re-run scripts/gen-unbound-options.py"
    );
}

/// `auth-zone:` gives its `zonefile:` the origin `name:` says, as a named.conf zone
/// statement does: a file whose name says nothing is read as that zone, relative to
/// `directory:`.
#[test]
fn an_auth_zone_gives_its_zone_file_an_origin() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    std::fs::create_dir_all(tmp.path().join("etc/unbound/zones")).unwrap();
    std::fs::write(
        tmp.path().join("etc/unbound/unbound.conf"),
        "server:\n    directory: \"/etc/unbound\"\n    auto-trust-anchor-file: \"/var/lib/unbound/root.key\"\n\nauth-zone:\n    name: \"example.org\"\n    zonefile: \"zones/primary-data\"\n    for-downstream: yes\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("etc/unbound/zones/primary-data"),
        "$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\n@ NS ns2.example.net.\nns1 A 192.0.2.1\n@ MX 10 mail.example.org\n",
    )
    .unwrap();
    let out = zonelint(&["check", "-f", "json", "."], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let msgs: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", d["rule"], d["message"]))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("missing-trailing-dot")
                && m.contains("mail.example.org.example.org.")),
        "{msgs:#?}"
    );
    assert!(
        !msgs.iter().any(|m| m.contains("origin-unknown")),
        "{msgs:#?}"
    );
}
