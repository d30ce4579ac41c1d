//! Runs `scripts/dnssec-matrix.py`: a zone holding every record type, signed by BIND and by
//! ldns for each algorithm and denial mode, gets no DNSSEC error from zonelint, and each
//! one-fault variant is caught by the rule that names it. Needs bind9-utils and
//! ldnsutils (skipped without them, unless ZONELINT_REQUIRE_TOOLS is set).
//!
//! The tamper matrix of one run (2026-12-02; BIND 9.18, ldns 1.8.3): how many variants
//! zonelint caught with the named rule, and whether the reference validators reject the
//! same variant (`ldns-verify-zone` counted on the zones ldns signed only: it cannot read
//! every type of the zones BIND signed). The validators check times against the wall clock
//! and cannot see a parent zone, so those rows are theirs to miss.
//!
//! | variant | rule | zonelint | dnssec-verify | ldns-verify-zone |
//! |---|---|---|---|---|
//! | one RDATA byte changed | `rrsig-invalid` | 12 of 12 | yes | yes |
//! | one RRSIG dropped | `rrsig-missing` | 12 of 12 | yes | yes |
//! | apex NSEC dropped | `nsec-chain-broken` | 4 of 4 | yes | yes |
//! | middle NSEC dropped | `nsec-chain-broken` | 4 of 4 | yes | yes |
//! | last NSEC dropped | `nsec-chain-broken` | 4 of 4 | yes | yes |
//! | wrong type bitmap | `nsec-chain-broken` | 4 of 4 | yes | yes |
//! | no RRSIG at all | `rrsig-missing` | 12 of 12 | yes | yes |
//! | CDS matching no key | `cds-cdnskey-mismatch` | 4 of 4 | yes | yes |
//! | signatures expired | `rrsig-expired` | 4 of 4 | n/a (wall clock) | n/a (wall clock) |
//! | signatures not yet valid | `rrsig-not-yet-valid` | 4 of 4 | n/a (wall clock) | n/a (wall clock) |
//! | middle NSEC3 dropped | `nsec3-chain-broken` | 8 of 8 | yes | yes |
//! | last NSEC3 dropped | `nsec3-chain-broken` | 8 of 8 | yes | yes |
//! | NSEC3 chain out of order | `nsec3-chain-broken` | 8 of 8 | yes | yes |
//! | wrong type bitmap | `nsec3-chain-broken` | 8 of 8 | yes | yes |
//! | no NSEC3 chain under NSEC3PARAM | `nsec3-chain-broken` | 8 of 8 | yes | yes |
//! | wrong ZONEMD digest | `zonemd-mismatch` | 6 of 6 | yes | yes |
//! | DS digest not matching the child | `ds-without-matching-dnskey` | 1 of 1 | n/a (needs the parent) | n/a (needs the parent) |
//! | DS digest of the wrong length | `syntax-error` | 1 of 1 | n/a (not run on the parent) | n/a (not run on the parent) |
//! | DNSKEY not signed by the DS's key | `dnskey-not-signed-by-ksk` | 1 of 1 | n/a (needs the parent) | n/a (needs the parent) |

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
