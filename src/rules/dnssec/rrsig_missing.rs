//! `rrsig-missing`: in a signed zone, an authoritative RRset without a signature from a
//! zone key of each algorithm of the apex DNSKEY RRset (RFC 4035 §2.2).

use crate::diagnostic::Diagnostic;
use crate::dnssec::Outcome;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;
use std::collections::{HashMap, HashSet};

crate::rule_meta!("rrsig-missing", Error);

pub struct RrsigMissing;

impl Rule for RrsigMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // An NSEC or NSEC3 chain and not one signature: one finding for the zone, not
        // one per RRset.
        if super::chain_without_signatures(zone) {
            let apex = zone.apex_id().map(|a| zone.node(a)).unwrap_or_default();
            let at = apex
                .iter()
                .map(|&i| zone.record(i))
                .find(|r| r.rtype == Rtype::DNSKEY)
                .or_else(|| apex.first().map(|&i| zone.record(i)));
            let (file, span) = at.map_or((zone.main_file, crate::source::Span::empty(0)), |r| {
                (r.file, r.span)
            });
            cx.report(
                Diagnostic::new(META.name, file, span, format!(
                    "zone {} has an NSEC or NSEC3 chain but not a single RRSIG: it was never signed, or its signatures were stripped",
                    fmt_name(&zone.origin)))
                    .label("no signatures in the zone")
                    .help("sign the zone again (dnssec-signzone, ldns-signzone, or named's dnssec-policy), or remove the DNSSEC records to serve it unsigned; validators answer SERVFAIL for a zone whose parent has a DS"),
            );
            return;
        }
        let a = zone.dnssec();
        if !a.signed || a.algorithms.is_empty() {
            return;
        }
        // Algorithms that sign each (owner, type): a signature that exists counts even
        // when it is invalid (rrsig-invalid says so); one without a key does not.
        let mut signed: HashMap<(u32, u16), HashSet<u8>> = HashMap::new();
        for s in &a.sigs {
            if matches!(s.outcome, Outcome::NoKey | Outcome::Orphan) {
                continue;
            }
            let r = zone.record(s.rrsig);
            if let Some(Rdata::Rrsig(sig)) = r.data.rdata().as_deref() {
                signed
                    .entry((r.owner, sig.type_covered().to_int()))
                    .or_default()
                    .insert(sig.algorithm().to_int());
            }
        }
        // Algorithms that sign something: a key of an algorithm that signs nothing yet is a
        // key published ahead of an algorithm rollover, which validators accept (RFC 6840
        // §5.11 relaxes RFC 4035 §2.2 for validators).
        let used: HashSet<u8> = signed.values().flatten().copied().collect();
        let algorithms: Vec<_> = a
            .algorithms
            .iter()
            .filter(|alg| used.contains(&alg.to_int()))
            .collect();
        for owner in 0..zone.owners.len() as u32 {
            let name = &zone.owners[owner as usize];
            if !zone.contains(name)
                || zone.below_cut(owner).is_some()
                || zone.below_dname(owner).is_some()
            {
                continue;
            }
            let at_cut = zone.is_cut(owner);
            for (t, recs) in zone.rrsets_at(owner) {
                if t == Rtype::RRSIG || (at_cut && !matches!(t, Rtype::DS | Rtype::NSEC)) {
                    continue;
                }
                let have = signed.get(&(owner, t.to_int()));
                let missing: Vec<String> = algorithms
                    .iter()
                    .filter(|alg| !have.is_some_and(|h| h.contains(&alg.to_int())))
                    .map(|alg| alg.to_string())
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let r = zone.record(recs[0]);
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!(
                        "the {t} RRset of {} has no signature of algorithm {}",
                        fmt_name(name), missing.join(", ")))
                        .label("unsigned")
                        .help("re-sign the zone after every change (an RRset added to a signed zone by hand stays unsigned); validators answer SERVFAIL for it"),
                );
            }
        }
    }
}
