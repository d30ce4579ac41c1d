//! `occluded-data`: data at or below a zone cut that the parent can never serve, other
//! than the delegation (NS, DS) and glue (A, AAAA).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("occluded-data", Warning);

pub struct OccludedData;

impl Rule for OccludedData {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.cuts.is_empty() {
            return;
        }
        for owner in 0..zone.owners.len() as u32 {
            let at_cut = zone.is_cut(owner);
            let cut = if at_cut {
                Some(owner)
            } else {
                zone.below_cut(owner)
            };
            let Some(cut) = cut else { continue };
            for (t, recs) in zone.rrsets_at(owner) {
                let allowed = match t {
                    Rtype::A | Rtype::AAAA => true,
                    Rtype::NS | Rtype::DS | Rtype::NSEC | Rtype::RRSIG => at_cut,
                    // A DNAME at a delegation is dname-conflicts' finding.
                    Rtype::DNAME => at_cut,
                    _ => false,
                };
                if allowed {
                    continue;
                }
                let r = zone.record(recs[0]);
                let ns = zone.record(zone.rrset(cut, Rtype::NS)[0]);
                let cut_name = fmt_name(&zone.owners[cut as usize]);
                let (msg, help) = if at_cut {
                    (format!("{t} record at the delegation point {cut_name} is hidden by the delegation"),
                     "at a delegation only NS, DS and glue belong in the parent; put this record in the child zone")
                } else {
                    (format!("{t} record at {} lies below the delegation {cut_name}; the parent never serves it", fmt_name(&zone.owners[owner as usize])),
                     "data below a zone cut belongs in the child zone; only glue addresses may stay in the parent")
                };
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, msg)
                        .label("occluded by the zone cut")
                        .related(ns.file, ns.span, "the delegation")
                        .help(help),
                );
            }
        }
    }
}
