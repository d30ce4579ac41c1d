//! `zonemd-mismatch`: a ZONEMD record (RFC 8976) whose SIMPLE digest (SHA-384 or
//! SHA-512) does not match the zone, whose serial is not the SOA's, or that repeats a
//! scheme and algorithm.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;
use std::collections::HashSet;

crate::rule_meta!("zonemd-mismatch", Error);

pub struct ZonemdMismatch;

/// The SIMPLE-scheme digest of a zone (RFC 8976 §3): every RR of the zone in canonical
/// form and order, except the apex ZONEMD RRset and the RRSIGs that cover it.
pub fn simple_digest(zone: &Zone, alg: &'static ring::digest::Algorithm) -> ring::digest::Digest {
    let mut ctx = ring::digest::Context::new(alg);
    let apex = zone.apex_id();
    let mut owners: Vec<u32> = (0..zone.owners.len() as u32)
        .filter(|&o| zone.contains(&zone.owners[o as usize]))
        .collect();
    owners.sort_by(|a, b| zone.owners[*a as usize].cmp(&zone.owners[*b as usize]));
    let mut buf = Vec::new();
    for o in owners {
        let name = zone.owners[o as usize].as_slice().to_ascii_lowercase();
        for (t, recs) in zone.rrsets_at(o) {
            if Some(o) == apex && t == Rtype::ZONEMD {
                continue;
            }
            let mut rrs: Vec<(Vec<u8>, u32, u16)> = recs
                .iter()
                .filter_map(|&i| {
                    let r = zone.record(i);
                    let data = &r.data;
                    if !data.is_read() {
                        return None;
                    }
                    if let (Some(a), Some(Rdata::Rrsig(s))) = (apex, data.boxed()) {
                        if o == a && s.type_covered() == Rtype::ZONEMD {
                            return None;
                        }
                    }
                    let mut w = Vec::new();
                    data.compose_canonical(&mut w);
                    Some((w, r.ttl, r.class.to_int()))
                })
                .collect();
            rrs.sort();
            rrs.dedup_by(|a, b| a.0 == b.0);
            for (rd, ttl, class) in rrs {
                buf.clear();
                buf.extend_from_slice(&name);
                buf.extend_from_slice(&t.to_int().to_be_bytes());
                buf.extend_from_slice(&class.to_be_bytes());
                buf.extend_from_slice(&ttl.to_be_bytes());
                buf.extend_from_slice(&(rd.len() as u16).to_be_bytes());
                buf.extend_from_slice(&rd);
                ctx.update(&buf);
            }
        }
    }
    ctx.finish()
}

impl Rule for ZonemdMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let zonemds = zone.rrset_of(&zone.origin, Rtype::ZONEMD);
        if zonemds.is_empty() {
            return;
        }
        let serial = zone.apex_soa().map(|(_, s)| s.serial());
        let mut seen = HashSet::new();
        let mut digests: Vec<(u8, ring::digest::Digest)> = Vec::new();
        for &i in zonemds {
            let r = zone.record(i);
            let Some(Rdata::Zonemd(z)) = r.data.boxed() else {
                continue;
            };
            let (scheme, alg) = (z.scheme().to_int(), z.algorithm().to_int());
            let name = fmt_name(&zone.origin);
            let mut report = |msg: String, help: &str| {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, msg)
                        .label("ZONEMD")
                        .help(help.to_string()),
                );
            };
            if !seen.insert((scheme, alg)) {
                report(format!("two ZONEMD records of {name} use scheme {scheme} and algorithm {alg}"), "RFC 8976 §2: at most one ZONEMD per scheme and hash algorithm; remove the duplicate");
                continue;
            }
            if serial.is_some_and(|s| s != z.serial()) {
                report(format!("the ZONEMD serial {} of {name} is not the SOA serial", z.serial()), "recompute the ZONEMD after every change (`ldns-signzone -z`, `dnssec-signzone` with zone-digest, or knot's `zonemd-generate`)");
                continue;
            }
            let ring_alg: &'static ring::digest::Algorithm = match (scheme, alg) {
                (1, 1) => &ring::digest::SHA384,
                (1, 2) => &ring::digest::SHA512,
                _ => continue, // private or unknown scheme/algorithm: not checked
            };
            let d = match digests.iter().find(|(a, _)| *a == alg) {
                Some((_, d)) => *d,
                None => {
                    let d = simple_digest(zone, ring_alg);
                    digests.push((alg, d));
                    d
                }
            };
            if d.as_ref() != z.digest().as_ref() {
                report(format!("the ZONEMD digest of {name} does not match the zone's content"), "the zone changed after the digest was computed: recompute the ZONEMD (and re-sign); consumers that verify it (RFC 8976 §4) reject the zone");
            }
        }
    }
}
