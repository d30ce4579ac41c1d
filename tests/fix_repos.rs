//! `--fix` on a repository as a pull request leaves it: zones edited by hand with lost
//! trailing dots (in owners, targets, an `$INCLUDE`d file, a reverse zone), serials
//! not increased, a record pasted twice, a mailbox written with `@`, and a named.conf
//! in the old spellings. One `zonelint check --git-base <base> --fix` repairs all of it,
//! a second check passes, the serials follow the base's, and BIND loads every fixed file
//! (named-checkzone for each zone, named-checkconf for the configuration).

mod common;

use std::path::Path;
use std::process::Command;

const NOW: &str = "2026-11-23T12:00:00Z";

use common::zonelint;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const CONF: &str = r#"options {
    recursion no;
    allow-transfer { none; };
};
primaries hidden { 192.0.2.10; };
zone "example.com" { type primary; file "db.example.com"; also-notify { 192.0.2.20; }; };
zone "2.0.192.in-addr.arpa" { type primary; file "db.192.0.2"; };
zone "example.org" { type secondary; primaries { hidden; }; file "db.example.org"; };
"#;

/// The configuration as the pull request has it: the old spellings.
const CONF_OLD: &str = r#"options {
    recursion no;
    allow-transfer { none; };
};
masters hidden { 192.0.2.10; };
zone "example.com" { type master; file "db.example.com"; also-notify { 192.0.2.20; }; };
zone "2.0.192.in-addr.arpa" { type master; file "db.192.0.2"; };
zone "example.org" { type slave; masters { hidden; }; file "db.example.org"; };
"#;

fn example_com(serial: &str, body: &str) -> String {
    format!(
        "$TTL 1h\n\
@   IN SOA ns1.example.com. hostmaster.example.com. (\n\
        {serial} ; serial\n\
        2h 1h 2w 1h )\n\
@   IN NS  ns1.example.com.\n\
@   IN NS  ns2.example.net.\n\
@   IN MX  10 mail.example.com.\n\
ns1 IN A   192.0.2.1\n\
mail IN A  192.0.2.25\n\
{body}$INCLUDE hosts.inc\n"
    )
}

fn reverse(serial: &str, body: &str) -> String {
    format!(
        "$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 86400\n\
@ IN SOA ns1.example.com. hostmaster.example.com. {serial} 7200 3600 1209600 3600\n\
@ IN NS ns1.example.com.\n@ IN NS ns2.example.net.\n\
1 IN PTR ns1.example.com.\n25 IN PTR mail.example.com.\n{body}"
    )
}

fn example_org(serial: &str, rname: &str, body: &str) -> String {
    format!(
        "$ORIGIN example.org.\n$TTL 3600\n\
@ IN SOA ns1.example.org. {rname} {serial} 7200 3600 1209600 3600\n\
@ IN NS ns1.example.org.\n@ IN NS ns2.example.net.\n\
ns1 IN A 198.51.100.53\n{body}"
    )
}

#[test]
fn fix_repairs_a_pull_request_and_bind_loads_every_fixed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    common::git(d, &["init", "-q"]);
    write(d, "named.conf", CONF);
    write(d, "db.example.com", &example_com("2026010101", ""));
    write(d, "hosts.inc", "www IN A 192.0.2.80\n");
    write(d, "db.192.0.2", &reverse("41", ""));
    write(
        d,
        "db.example.org",
        &example_org("4294967295", "hostmaster.example.org.", ""),
    );
    common::git(d, &["add", "."]);
    common::git(d, &["commit", "-q", "-m", "base"]);

    // The pull request: records added by hand, serials untouched.
    write(d, "named.conf", CONF_OLD);
    write(
        d,
        "db.example.com",
        &example_com(
            "2026010101",
            "ftp IN CNAME www.example.com\n\
_sip._tcp IN SRV 0 5 5060 sip.example.com\n\
sip IN A 198.51.100.26\n\
sip IN A 198.51.100.26\n\
shop.example.com IN A 198.51.100.81\n",
        ),
    );
    write(
        d,
        "hosts.inc",
        "www IN A 192.0.2.80\nwiki IN CNAME www.example.com\n",
    );
    write(
        d,
        "db.192.0.2",
        &reverse("41", "80 IN PTR www.example.com\n"),
    );
    write(
        d,
        "db.example.org",
        &example_org(
            "4294967295",
            "hostmaster@example.org.",
            "www IN CNAME web.example.net\n",
        ),
    );
    let check = [
        "check",
        "--git-base",
        "HEAD",
        "--now",
        NOW,
        "-f",
        "concise",
        ".",
    ];
    let before = zonelint(&check, d);
    let text = String::from_utf8_lossy(&before.stdout).to_string();
    for rule in [
        "missing-trailing-dot",
        "soa-serial-not-incremented",
        "duplicate-record",
        "soa-rname-invalid",
        "deprecated-option",
    ] {
        assert!(text.contains(rule), "{rule} not reported:\n{text}");
    }
    assert_eq!(before.status.code(), Some(1), "{text}");

    let mut fix = check.to_vec();
    fix.insert(1, "--fix");
    let out = zonelint(&fix, d);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A second check passes, with nothing at all to say.
    let after = zonelint(&check, d);
    assert_eq!(after.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&after.stdout).lines().next(),
        Some("0 errors, 0 warnings, 0 infos in 5 files"),
        "{}",
        String::from_utf8_lossy(&after.stdout)
    );
    // Exactly the intended text.
    let read = |n: &str| std::fs::read_to_string(d.join(n)).unwrap();
    assert_eq!(read("named.conf"), CONF);
    assert_eq!(
        read("db.example.com"),
        example_com(
            "2026112300",
            "ftp IN CNAME www.example.com.\n\
_sip._tcp IN SRV 0 5 5060 sip.example.com.\n\
sip IN A 198.51.100.26\n\
shop.example.com. IN A 198.51.100.81\n",
        )
    );
    assert_eq!(
        read("hosts.inc"),
        "www IN A 192.0.2.80\nwiki IN CNAME www.example.com.\n"
    );
    assert_eq!(
        read("db.192.0.2"),
        reverse("42", "80 IN PTR www.example.com.\n")
    );
    assert_eq!(
        read("db.example.org"),
        example_org(
            "0",
            "hostmaster.example.org.",
            "www IN CNAME web.example.net.\n"
        )
    );
    // BIND loads each fixed zone and the configuration.
    if common::tool_present("named-checkzone", "-v") {
        for (origin, file) in [
            ("example.com", "db.example.com"),
            ("2.0.192.in-addr.arpa", "db.192.0.2"),
            ("example.org", "db.example.org"),
        ] {
            let out = Command::new("named-checkzone")
                .args(["-q", "-i", "local", origin, file])
                .current_dir(d)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "named-checkzone {origin} {file}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    if common::tool_present("named-checkconf", "-v") {
        let out = Command::new("named-checkconf")
            .arg("named.conf")
            .current_dir(d)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty() && out.stdout.is_empty(),
            "named-checkconf: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
