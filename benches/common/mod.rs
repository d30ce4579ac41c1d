//! Inputs for the benchmarks, generated in memory and deterministic (a fixed-seed
//! xorshift), shaped like ../shared/bench/gen_zone.py's zones: hosts with A/AAAA,
//! aliases, mail, SRV, TXT, delegations with glue and DS.

#![allow(dead_code)]

use std::fmt::Write;
use std::path::{Path, PathBuf};
use zonelint::zone::{DName, OriginSource, Zone};

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An unsigned zone of about `records` records for `bench.example.`.
pub fn unsigned_zone(records: usize) -> String {
    let mut rng = Rng(0x5eed_2026);
    let mut s = String::with_capacity(records * 48);
    s.push_str("$ORIGIN bench.example.\n$TTL 3600\n");
    s.push_str("@ IN SOA ns1 hostmaster ( 2026112301 7200 3600 1209600 3600 )\n");
    s.push_str("@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.53\nns2 IN A 198.51.100.53\n");
    let mut n = 5;
    let mut i = 0;
    while n < records {
        let ip = |rng: &mut Rng| {
            format!(
                "{}.{}.{}.{}",
                [10, 172, 192, 198, 203][rng.below(5) as usize],
                rng.below(256),
                rng.below(256),
                1 + rng.below(254)
            )
        };
        match rng.below(20) {
            0..=8 => {
                writeln!(s, "host-{i}\tIN\tA\t{}", ip(&mut rng)).unwrap();
                writeln!(
                    s,
                    "host-{i}\tIN\tAAAA\t2001:db8:{:x}::{:x}",
                    rng.below(65536),
                    1 + rng.below(65535)
                )
                .unwrap();
                n += 2;
            }
            9..=11 => {
                writeln!(s, "alias-{i}\t600\tIN\tCNAME\thost-{}", i.max(1) - 1).unwrap();
                n += 1;
            }
            12..=13 => {
                writeln!(
                    s,
                    "mail-{i}\tIN\tA\t{}\nmx-{i}\tIN\tMX\t10 mail-{i}",
                    ip(&mut rng)
                )
                .unwrap();
                n += 2;
            }
            14 => {
                writeln!(
                    s,
                    "_sip._tcp.svc-{i}\tIN\tSRV\t10 5 5060 mail-{i}\nmail-{i}\tIN\tA\t{}",
                    ip(&mut rng)
                )
                .unwrap();
                n += 2;
            }
            15 => {
                writeln!(
                    s,
                    "txt-{i}\tIN\tTXT\t\"v=spf1 ip4:192.0.2.0/24 -all\" \"k={}\"",
                    rng.next()
                )
                .unwrap();
                n += 1;
            }
            16..=17 => {
                writeln!(s, "deleg-{i}\t86400\tIN\tNS\tns1.deleg-{i}\ndeleg-{i}\t86400\tIN\tNS\tns2.deleg-{i}").unwrap();
                writeln!(
                    s,
                    "ns1.deleg-{i}\tIN\tA\t{}\nns2.deleg-{i}\tIN\tA\t{}",
                    ip(&mut rng),
                    ip(&mut rng)
                )
                .unwrap();
                n += 4;
            }
            18 => {
                writeln!(s, "secure-{i}\t86400\tIN\tNS\tns1.dns-host-{i}.net.\nsecure-{i}\t86400\tIN\tDS\t{} 13 2 {:016X}{:016X}{:016X}{:016X}", rng.below(65536), rng.next(), rng.next(), rng.next(), rng.next()).unwrap();
                n += 2;
            }
            _ => {
                writeln!(s, "www.dept-{i}\tIN\tA\t{}", ip(&mut rng)).unwrap();
                n += 1;
            }
        }
        i += 1;
    }
    s
}

/// Writes `text` as `bench.example.zone` in a new temporary directory.
pub fn write_zone(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.example.zone");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

pub fn origin() -> DName {
    zonelint::zone::text::parse_name(b"bench.example.", &DName::root_bytes())
        .unwrap()
        .0
}

/// Reads a zone file the way a check does (lexer, entry parser, owner table, index).
pub fn read(path: &Path) -> Zone {
    let root = path.parent().unwrap().to_path_buf();
    let tree = zonelint::tree::Tree::new(root.clone(), root);
    let (id, res) = tree.read(path);
    res.unwrap();
    zonelint::zone::parser::read_zone(&tree, id, origin(), OriginSource::CommandLine)
}
