//! `ds-not-at-delegation`: a DS record at the zone's apex or at a name that is not a
//! delegation point (RFC 4035 §2.4: DS records belong in the parent, at the cut).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("ds-not-at-delegation", Error);

pub struct DsNotAtDelegation;

impl Rule for DsNotAtDelegation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let mut owners: Vec<u32> = zone.of_type(Rtype::DS).map(|r| r.owner).collect();
        owners.dedup();
        for o in owners {
            // Below a cut, the DS is occluded data (occluded-data reports it).
            if zone.is_cut(o) || zone.below_cut(o).is_some() {
                continue;
            }
            let name = &zone.owners[o as usize];
            let r = zone.record(zone.rrset(o, Rtype::DS)[0]);
            let msg = if Some(o) == zone.apex_id() {
                format!(
                    "DS record at the apex of {}: a zone's DS belongs in its parent",
                    fmt_name(&zone.origin)
                )
            } else {
                format!(
                    "DS record at {}, which is not a delegation (no NS records)",
                    fmt_name(name)
                )
            };
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, msg)
                    .label("misplaced DS")
                    .help("publish a DS only where the parent delegates the child (beside its NS records); BIND refuses the zone otherwise"),
            );
        }
    }
}
