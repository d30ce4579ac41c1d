//! `nsec3-chain-broken`: in an NSEC3-signed zone, an authoritative name (or empty
//! non-terminal) whose hash has no NSEC3, an NSEC3 for no name, NSEC3 records whose next
//! hashes do not form one ordered ring, wrong type bitmaps, and NSEC3 parameters that
//! differ from the NSEC3PARAM. Opt-out is honoured: insecure delegations covered by an
//! opt-out NSEC3 need none (RFC 5155 §6, §7.1).

use super::{bitmap_types, show_types};
use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Rdata, Zone};
use domain::base::iana::Rtype;
use domain::base::name::ToLabelIter;
use std::collections::{BTreeMap, BTreeSet};

crate::rule_meta!("nsec3-chain-broken", Error);

pub struct Nsec3ChainBroken;

/// RFC 5155 §5: IH(salt, x, 0) = H(x || salt); IH(salt, x, k) = H(IH(salt, x, k-1) || salt).
/// Iterations beyond which the chain is not hashed: validators treat zones above their
/// limit (150 in BIND and Unbound today) as insecure (RFC 9276 §3.2), and 65,535 of
/// them over a zone's names would run for hours.
pub const MAX_CHECKED_ITERATIONS: u16 = 150;

pub fn nsec3_hash(name: &DName, iterations: u16, salt: &[u8]) -> Vec<u8> {
    use ring::digest::{digest, SHA1_FOR_LEGACY_USE_ONLY as SHA1};
    let mut x = name.as_slice().to_ascii_lowercase();
    x.extend_from_slice(salt);
    let mut h = digest(&SHA1, &x).as_ref().to_vec();
    for _ in 0..iterations {
        h.extend_from_slice(salt);
        h = digest(&SHA1, &h).as_ref().to_vec();
    }
    h
}

/// The hash an NSEC3 owner name stands for (its first label, base32hex).
fn owner_hash(owner: &DName) -> Option<Vec<u8>> {
    let first = owner.iter_labels().next()?;
    let text = std::str::from_utf8(first.as_slice())
        .ok()?
        .to_ascii_uppercase();
    domain::utils::base32::decode_hex::<Vec<u8>>(&text).ok()
}

impl Rule for Nsec3ChainBroken {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some(apex) = zone.apex_id() else { return };
        let signed = !zone.rrset(apex, Rtype::DNSKEY).is_empty();
        let Some(&pi) = zone.rrset(apex, Rtype::NSEC3PARAM).first() else {
            // NSEC3 records without the NSEC3PARAM that tells a server which chain to
            // answer from: BIND and NSD serve no NSEC3 proofs, validators reject the
            // denials.
            if let (true, Some(&i)) = (signed, zone.type_index(Rtype::NSEC3).first()) {
                let r = zone.record(i);
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!(
                        "zone {} has NSEC3 records but no NSEC3PARAM at its apex",
                        fmt_name(&zone.origin)))
                        .label("NSEC3 chain without parameters")
                        .help("re-sign the zone with NSEC3 (the signer writes the NSEC3PARAM), or sign it with NSEC; an authoritative server finds the chain through the NSEC3PARAM (RFC 5155 §4)"),
                );
            }
            return;
        };
        let Some(Rdata::Nsec3param(param)) = zone.record(pi).data.boxed() else {
            return;
        };
        if param.hash_algorithm().to_int() != 1 {
            return; // only SHA-1 is defined
        }
        let (iterations, salt) = (param.iterations(), param.salt().as_slice().to_vec());
        if iterations > MAX_CHECKED_ITERATIONS {
            let r = zone.record(pi);
            cx.report_at_most(
                Diagnostic::new(
                    META.name,
                    r.file,
                    r.span,
                    format!("NSEC3 chain not checked: {iterations} extra iterations is above {MAX_CHECKED_ITERATIONS}, where validators stop hashing and treat the zone as insecure"),
                )
                .label("NSEC3PARAM")
                .help("re-sign with `NSEC3PARAM 1 0 0 -` (RFC 9276 §3.1); hashing every name this many times would cost the check hours"),
                crate::diagnostic::Severity::Info,
            );
            return;
        }
        let mut report = |i: u32, msg: String, help: &str| {
            let r = zone.record(i);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, msg)
                    .label("NSEC3 chain")
                    .help(help.to_string()),
            );
        };
        const RESIGN: &str = "re-sign the zone (records added, removed or edited by hand after signing leave the NSEC3 chain behind); validators reject denials that do not prove what they claim";
        // The NSEC3 records by hash.
        let mut chain: BTreeMap<Vec<u8>, u32> = BTreeMap::new();
        for &i in zone.type_index(Rtype::NSEC3) {
            let r = zone.record(i);
            let Some(Rdata::Nsec3(n)) = r.data.boxed() else {
                continue;
            };
            if n.iterations() != iterations
                || n.salt().as_slice() != salt.as_slice()
                || n.hash_algorithm() != param.hash_algorithm()
            {
                report(
                    i,
                    format!(
                        "the NSEC3 at {} has other parameters than the NSEC3PARAM",
                        fmt_name(zone.owner_name(r))
                    ),
                    RESIGN,
                );
                continue;
            }
            let parent_ok = zone
                .owner_name(r)
                .parent()
                .is_some_and(|p| p == zone.origin);
            match owner_hash(zone.owner_name(r)).filter(|_| parent_ok) {
                Some(h) => {
                    if chain.insert(h, i).is_some() {
                        report(
                            i,
                            format!("two NSEC3 records at {}", fmt_name(zone.owner_name(r))),
                            RESIGN,
                        );
                    }
                }
                None => report(
                    i,
                    format!(
                        "the NSEC3 owner {} is not a hash label directly below the apex",
                        fmt_name(zone.owner_name(r))
                    ),
                    RESIGN,
                ),
            }
        }
        if chain.is_empty() {
            // The apex says NSEC3, the zone is signed, and not one NSEC3 is there.
            if signed && zone.type_index(Rtype::NSEC3).is_empty() {
                report(
                    pi,
                    format!(
                        "zone {} has an NSEC3PARAM but no NSEC3 chain: no name can be proven absent",
                        fmt_name(&zone.origin)
                    ),
                    "re-sign the zone with NSEC3 (the chain was stripped or never made), or remove the NSEC3PARAM and sign with NSEC; validators answer SERVFAIL for every NXDOMAIN and NODATA",
                );
            }
            return;
        }
        // Names that need an NSEC3: authoritative owners (not the NSEC3 owners themselves)
        // and the empty non-terminals above them.
        let nsec3_owners: BTreeSet<u32> = zone
            .type_index(Rtype::NSEC3)
            .iter()
            .map(|&i| zone.record(i).owner)
            .collect();
        let mut names: BTreeMap<Vec<u8>, (DName, Option<u32>)> = BTreeMap::new();
        for o in 0..zone.owners.len() as u32 {
            let name = &zone.owners[o as usize];
            if nsec3_owners.contains(&o)
                || !zone.contains(name)
                || zone.below_cut(o).is_some()
                || zone.below_dname(o).is_some()
            {
                continue;
            }
            names.insert(nsec3_hash(name, iterations, &salt), (name.clone(), Some(o)));
            let mut p = name.parent();
            while let Some(par) = p {
                if par.label_count() <= zone.origin.label_count() || zone.owner_id(&par).is_some() {
                    break;
                }
                names
                    .entry(nsec3_hash(&par, iterations, &salt))
                    .or_insert((par.clone(), None));
                p = par.parent();
            }
        }
        let hashes: Vec<&Vec<u8>> = chain.keys().collect();
        let failed = zone.failed_owners();
        for (h, (name, owner)) in &names {
            match chain.get(h) {
                Some(&i) => {
                    // The bitmap lists the name's types (none for an empty non-terminal).
                    let Some(Rdata::Nsec3(n)) = zone.record(i).data.boxed() else {
                        continue;
                    };
                    let listed = super::listed_types(zone, n.types().iter());
                    let wanted: BTreeSet<u16> = match owner {
                        Some(o) => bitmap_types(zone, *o, &[Rtype::NS, Rtype::DS, Rtype::RRSIG]),
                        None => BTreeSet::new(),
                    };
                    // A record of the name that failed to parse is the syntax error's
                    // finding, not a wrong bitmap.
                    let lost = owner.is_some_and(|o| failed.contains(&o));
                    if listed != wanted && !lost {
                        report(
                            i,
                            format!(
                                "the NSEC3 of {} lists types [{}], the name has [{}]",
                                fmt_name(name),
                                show_types(&listed),
                                show_types(&wanted)
                            ),
                            RESIGN,
                        );
                    }
                }
                None => {
                    // Opt-out: an insecure delegation (no DS) covered by an opt-out NSEC3,
                    // and empty non-terminals of opt-out zones, need no NSEC3.
                    let covering = hashes
                        .iter()
                        .rev()
                        .find(|x| ***x < *h)
                        .or(hashes.last())
                        .and_then(|x| chain.get(*x));
                    let opt_out = covering.is_some_and(
                        |&c| matches!(zone.record(c).data.rdata().as_deref(), Some(Rdata::Nsec3(n)) if n.opt_out()),
                    );
                    let insecure_cut = owner
                        .is_some_and(|o| zone.is_cut(o) && zone.rrset(o, Rtype::DS).is_empty());
                    if opt_out && (insecure_cut || owner.is_none()) {
                        continue;
                    }
                    let at = match owner {
                        Some(o) => zone.node(*o).first().copied().unwrap_or(pi),
                        None => pi,
                    };
                    report(
                        at,
                        format!(
                            "{} has no NSEC3 record (its hash is not in the chain)",
                            fmt_name(name)
                        ),
                        RESIGN,
                    );
                }
            }
        }
        // The ring: each next hash is the following NSEC3's hash.
        for (k, (h, &i)) in chain.iter().enumerate() {
            let Some(Rdata::Nsec3(n)) = zone.record(i).data.boxed() else {
                continue;
            };
            let want = hashes[(k + 1) % hashes.len()];
            if n.next_owner().as_slice() != want.as_slice() {
                report(
                    i,
                    format!(
                        "the NSEC3 at {} points to {}, but the next hash of the chain is {}",
                        fmt_name(zone.owner_name(zone.record(i))),
                        domain::utils::base32::encode_string_hex(n.next_owner().as_slice())
                            .to_ascii_lowercase(),
                        domain::utils::base32::encode_string_hex(want).to_ascii_lowercase()
                    ),
                    RESIGN,
                );
            }
            if !names.contains_key(h) {
                report(
                    i,
                    format!(
                        "the NSEC3 at {} matches no name of the zone",
                        fmt_name(zone.owner_name(zone.record(i)))
                    ),
                    RESIGN,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::text::parse_name;

    #[test]
    fn rfc5155_appendix_a_hash() {
        // RFC 5155 Appendix A: H(example) = 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom, salt aabbccdd, 12 iterations.
        let n = parse_name(b"example.", &DName::root_bytes()).unwrap().0;
        let h = nsec3_hash(&n, 12, &[0xaa, 0xbb, 0xcc, 0xdd]);
        assert_eq!(
            domain::utils::base32::encode_string_hex(&h).to_ascii_lowercase(),
            "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"
        );
    }
}
