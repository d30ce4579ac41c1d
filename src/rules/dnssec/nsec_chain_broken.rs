//! `nsec-chain-broken`: in an NSEC-signed zone, an authoritative name without NSEC (or
//! with several), an NSEC whose next name is not the next name of the zone in canonical
//! order (RFC 4034 §6.1), an NSEC type bitmap that does not list the types of its name,
//! or an NSEC where no authoritative name is.

use super::{bitmap_types, show_types};
use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;
use std::collections::BTreeSet;

crate::rule_meta!("nsec-chain-broken", Error);

pub struct NsecChainBroken;

impl Rule for NsecChainBroken {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some(apex) = zone.apex_id() else { return };
        // An NSEC-signed zone: NSEC at the apex, or (the apex's lost) NSEC elsewhere in a
        // zone with keys and no NSEC3PARAM.
        let nsec_signed = !zone.rrset(apex, Rtype::NSEC).is_empty()
            || (!zone.type_index(Rtype::NSEC).is_empty()
                && !zone.rrset(apex, Rtype::DNSKEY).is_empty()
                && zone.rrset(apex, Rtype::NSEC3PARAM).is_empty());
        if !nsec_signed {
            return;
        }
        // Authoritative names (cuts included, glue and occluded data not), in canonical order.
        let mut names: Vec<u32> = (0..zone.owners.len() as u32)
            .filter(|&o| {
                // An owner whose every record failed to parse has no node.
                !zone.node(o).is_empty()
                    && zone.contains(&zone.owners[o as usize])
                    && zone.below_cut(o).is_none()
                    && zone.below_dname(o).is_none()
            })
            .collect();
        names.sort_by(|a, b| zone.owners[*a as usize].cmp(&zone.owners[*b as usize]));
        let first = |o: u32| zone.record(zone.node(o)[0]);
        let failed = zone.failed_owners();
        for (k, &o) in names.iter().enumerate() {
            let name = fmt_name(&zone.owners[o as usize]);
            let nsecs = zone.rrset(o, Rtype::NSEC);
            let Some(&ni) = nsecs.first() else {
                let r = first(o);
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!("{name} has no NSEC record: the NSEC chain skips it"))
                        .label("missing from the chain")
                        .help("re-sign the zone: every authoritative name of an NSEC-signed zone needs an NSEC (RFC 4035 §2.3); validators cannot prove what does not exist here"),
                );
                continue;
            };
            for &extra in &nsecs[1..] {
                let r = zone.record(extra);
                cx.report(
                    Diagnostic::new(
                        META.name,
                        r.file,
                        r.span,
                        format!("{name} has more than one NSEC record"),
                    )
                    .label("a second NSEC")
                    .help("a name has exactly one NSEC (RFC 4035 §2.3): re-sign the zone"),
                );
            }
            let n = zone.record(ni);
            let Some(Rdata::Nsec(nsec)) = n.data.boxed() else {
                continue;
            };
            let next = names[(k + 1) % names.len()];
            let want = &zone.owners[next as usize];
            if nsec.next_name() != want {
                cx.report(
                    Diagnostic::new(META.name, n.file, n.span, format!(
                        "the NSEC of {name} points to {}, but the next name of the zone is {}",
                        fmt_name(nsec.next_name()), fmt_name(want)))
                        .label("broken link")
                        .help("the data changed after signing: re-sign the zone (a broken chain lets validators reject valid denials, or accept wrong ones)"),
                );
            }
            let listed = super::listed_types(zone, nsec.types().iter());
            let wanted = bitmap_types(zone, o, &[Rtype::NS, Rtype::DS, Rtype::NSEC, Rtype::RRSIG]);
            // A record of the name that failed to parse is the syntax error's finding,
            // not a wrong bitmap.
            if listed != wanted && !failed.contains(&o) {
                let extra: BTreeSet<u16> = listed.difference(&wanted).copied().collect();
                let missing: BTreeSet<u16> = wanted.difference(&listed).copied().collect();
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    parts.push(format!("lacks {}", show_types(&missing)));
                }
                if !extra.is_empty() {
                    parts.push(format!(
                        "lists {} that the name does not have",
                        show_types(&extra)
                    ));
                }
                cx.report(
                    Diagnostic::new(META.name, n.file, n.span, format!("the NSEC type bitmap of {name} {}", parts.join(" and ")))
                        .label("wrong type bitmap")
                        .help("re-sign the zone after adding or removing records; a wrong bitmap makes validators deny types that exist (or accept denials of ones that do)"),
                );
            }
        }
        // NSEC records where no authoritative name is (below a delegation).
        for &i in zone.type_index(Rtype::NSEC) {
            let r = zone.record(i);
            if zone.below_cut(r.owner).is_some() {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!("NSEC at {}, below a delegation", fmt_name(zone.owner_name(r))))
                        .label("NSEC on glue or occluded data")
                        .help("names below a zone cut are not part of the parent's NSEC chain: re-sign the zone"),
                );
            }
        }
    }
}
