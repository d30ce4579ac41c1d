//! Property test of `--fix`: a zone written with lost trailing dots and repeated records,
//! read, fixed and read again, holds exactly the records its author meant (the zone
//! written with every dot and each record once) — the fixes change nothing else — and a
//! second fix has nothing left to do.

use proptest::prelude::*;
use std::path::Path;
use zonelint::names::fmt_name;

const HEAD: &str = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. 2026010100 7200 3600 1209600 3600\n@ IN NS ns1.example.com.\n@ IN NS ns2.example.net.\nns1 IN A 192.0.2.53\n";

/// A name as meant (`absolute`: with its trailing dot) and whether the author lost the
/// dot when writing it. Only names whose loss the rule can tell: ending in the origin,
/// or three labels ending in a top-level domain.
#[derive(Clone, Debug)]
struct Name {
    text: &'static str,
    lost_dot: bool,
}

impl Name {
    fn meant(&self) -> String {
        self.text.to_string()
    }
    fn written(&self) -> String {
        if self.lost_dot {
            self.text.trim_end_matches('.').to_string()
        } else {
            self.text.to_string()
        }
    }
}

fn name(pool: &'static [&'static str]) -> impl Strategy<Value = Name> {
    (prop::sample::select(pool), any::<bool>()).prop_map(|(text, lost)| Name {
        text,
        // A relative name has no dot to lose.
        lost_dot: lost && text.ends_with('.'),
    })
}

const OWNERS: &[&str] = &[
    "www",
    "mail",
    "a.b",
    "host1.example.com.",
    "deep.host2.example.com.",
    "@",
];
const TARGETS: &[&str] = &[
    "mail",
    "mail.example.com.",
    "mx.example.net.",
    "relay.example.org.",
    "host1",
];

/// One record: owner, then type and data with a name in it or not.
#[derive(Clone, Debug)]
struct Rec {
    owner: Name,
    kind: u8,
    n: u8,
    target: Name,
    /// Written a second time, right after it.
    twice: bool,
}

impl Rec {
    fn line(&self, write: impl Fn(&Name) -> String) -> String {
        let owner = write(&self.owner);
        match self.kind % 4 {
            0 => format!("{owner} IN A 192.0.2.{}\n", self.n),
            1 => format!("{owner} IN MX {} {}\n", self.n, write(&self.target)),
            2 => format!("{owner} IN TXT \"v{}\"\n", self.n % 3),
            _ => format!(
                "{owner} IN SRV 0 5 {} {}\n",
                5000 + self.n as u32,
                write(&self.target)
            ),
        }
    }
}

fn rec() -> impl Strategy<Value = Rec> {
    (
        name(OWNERS),
        any::<u8>(),
        1u8..4,
        name(TARGETS),
        prop::bool::weighted(0.3),
    )
        .prop_map(|(owner, kind, n, target, twice)| Rec {
            owner,
            kind,
            n,
            target,
            twice,
        })
}

/// The records of the one zone read from `dir`, as sorted `owner type ttl data` lines.
fn records(dir: &Path) -> Vec<String> {
    let report = zonelint::check(&[dir.to_path_buf()], &zonelint::Options::default());
    assert_eq!(report.zones.len(), 1);
    let z = &report.zones[0];
    let mut v: Vec<String> = z
        .records
        .iter()
        .map(|r| {
            let mut data = Vec::new();
            r.data.compose_canonical(&mut data);
            format!(
                "{} {} {} {:02x?}",
                fmt_name(&z.owners[r.owner as usize]).to_ascii_lowercase(),
                r.rtype,
                r.ttl,
                data
            )
        })
        .collect();
    v.sort();
    v
}

/// Runs `--fix` on `dir` (its rounds until nothing is left); the findings it fixed.
fn fix(dir: &Path) -> usize {
    let check = || zonelint::check(&[dir.to_path_buf()], &zonelint::Options::default());
    let applied = zonelint::fix::apply(check(), check, false);
    assert!(applied.settled && applied.refused.is_empty());
    applied.fixed
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_fixed_zone_holds_the_records_its_author_meant(recs in prop::collection::vec(rec(), 1..24)) {
        let meant_dir = tempfile::tempdir().unwrap();
        let written_dir = tempfile::tempdir().unwrap();
        let mut meant = HEAD.to_string();
        let mut written = HEAD.to_string();
        for r in &recs {
            meant += &r.line(Name::meant);
            let line = r.line(Name::written);
            written += &line;
            if r.twice {
                written += &line;
            }
        }
        std::fs::write(meant_dir.path().join("db.example.com"), &meant).unwrap();
        std::fs::write(written_dir.path().join("db.example.com"), &written).unwrap();
        // What the author meant, each record once (a set: the zone's records are).
        let mut want = records(meant_dir.path());
        want.dedup();
        fix(written_dir.path());
        let got = records(written_dir.path());
        prop_assert_eq!(&got, &want, "written:\n{}\nfixed:\n{}", written,
            std::fs::read_to_string(written_dir.path().join("db.example.com")).unwrap());
        // Nothing left to fix.
        prop_assert_eq!(fix(written_dir.path()), 0);
    }
}
