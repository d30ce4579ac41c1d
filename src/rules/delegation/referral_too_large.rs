//! `referral-too-large`: a delegation whose referral, with its in-domain glue, does not
//! fit in a [`LIMIT`]-octet response to a query for the longest possible name below it
//! (sized as Zonemaster's DELEGATION03 does; Zonemaster measures against 512).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use domain::base::name::ToLabelIter;

crate::rule_meta!("referral-too-large", Warning);

pub struct ReferralTooLarge;

/// The UDP payload every resolver takes: the EDNS(0) buffer size of DNS Flag Day 2020,
/// the default of BIND, Unbound, Knot Resolver and PowerDNS since. 512 (RFC 1035
/// without EDNS) warned on referrals every resolver in use receives whole.
pub const LIMIT: usize = 1232;

/// Labels of a name, lowercased, root excluded, from the top: `["com", "example"]`.
fn rev_labels(n: &DName) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = n
        .iter_labels()
        .filter(|l| !l.is_root())
        .map(|l| l.as_slice().to_ascii_lowercase())
        .collect();
    v.reverse();
    v
}

/// Octets a name takes with RFC 1035 §4.1.4 compression against the names already
/// written.
fn compressed_len(name: &[Vec<u8>], written: &mut Vec<Vec<Vec<u8>>>) -> usize {
    let mut best = 0;
    for w in written.iter() {
        let common = name
            .iter()
            .zip(w.iter())
            .take_while(|(a, b)| a == b)
            .count();
        best = best.max(common);
    }
    let own: usize = name[best..].iter().map(|l| 1 + l.len()).sum();
    written.push(name.to_vec());
    own + if best > 0 { 2 } else { 1 }
}

/// The size of the referral for the cut at `owner`.
pub fn referral_size(zone: &Zone, owner: u32) -> usize {
    let cut = &zone.owners[owner as usize];
    let cut_labels = rev_labels(cut);
    // The longest query name below the cut: 255 octets on the wire.
    let mut qname = cut_labels.clone();
    let mut len = cut.len();
    while len + 2 <= 255 {
        let room = (255 - len - 1).min(63);
        qname.push(vec![b'a'; room]);
        len += room + 1;
    }
    let mut written = vec![qname];
    // Header, question, and the OPT record of the EDNS(0) response (root owner, type,
    // class as buffer size, TTL as flags, empty RDATA: 11 octets).
    let mut size = 12 + 255 + 4 + 11;
    let mut glue_names: Vec<DName> = Vec::new();
    for &i in zone.rrset(owner, Rtype::NS) {
        let Some(t) = zone.record(i).data.target() else {
            continue;
        };
        size += compressed_len(&cut_labels, &mut written) + 10;
        size += compressed_len(&rev_labels(t), &mut written);
        if t.ends_with(cut) && !glue_names.contains(t) {
            glue_names.push(t.clone());
        }
    }
    for g in &glue_names {
        let labels = rev_labels(g);
        for (t, rdlen) in [(Rtype::A, 4), (Rtype::AAAA, 16)] {
            for _ in zone.rrset_of(g, t) {
                size += compressed_len(&labels, &mut written) + 10 + rdlen;
            }
        }
    }
    size
}

impl Rule for ReferralTooLarge {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &cut in &zone.cuts {
            // Without compression the referral is at most this; most delegations stop here.
            let cut_name = &zone.owners[cut as usize];
            let mut bound = 12 + 259 + 11;
            for &i in zone.rrset(cut, Rtype::NS) {
                let Some(t) = zone.record(i).data.target() else {
                    continue;
                };
                bound += 12 + t.len();
                if let Some(o) = zone.target_owner(i).filter(|_| t.ends_with(cut_name)) {
                    let (a, aaaa) = (
                        zone.rrset(o, Rtype::A).len(),
                        zone.rrset(o, Rtype::AAAA).len(),
                    );
                    bound += a * 4 + aaaa * 16 + (a + aaaa) * (10 + t.len());
                }
            }
            if bound <= LIMIT {
                continue;
            }
            let size = referral_size(zone, cut);
            if size <= LIMIT {
                continue;
            }
            let r = zone.record(zone.rrset(cut, Rtype::NS)[0]);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the referral for {} takes {size} octets with its glue, over the {LIMIT} of a UDP response at the common EDNS buffer size",
                    fmt_name(&zone.owners[cut as usize])))
                    .label("delegation")
                    .help("resolvers get a truncated referral and must retry over TCP, which some networks block (RFC 9471): use fewer name servers, fewer in-domain names, or shorter names"),
            );
        }
    }
}
