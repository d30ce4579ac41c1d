//! `orphan-glue`: address records at or below a zone cut that no NS record of the zone
//! names (left over after a name server was renamed or removed).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("orphan-glue", Info);

pub struct OrphanGlue;

impl Rule for OrphanGlue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.cuts.is_empty() {
            return;
        }
        // Owners that some NS record names (the names glue is for).
        let mut named = vec![false; zone.owners.len()];
        for &i in zone.type_index(Rtype::NS) {
            if let Some(o) = zone.target_owner(i) {
                named[o as usize] = true;
            }
        }
        let mut reported = vec![false; zone.owners.len()];
        for r in zone.of_types(&[Rtype::A, Rtype::AAAA]) {
            let o = r.owner as usize;
            if named[o] || reported[o] {
                continue;
            }
            let cut = if zone.is_cut(r.owner) {
                Some(r.owner)
            } else {
                zone.below_cut(r.owner)
            };
            let Some(cut) = cut else { continue };
            reported[o] = true;
            let name = zone.owner_name(r);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "{} record of {} below the delegation {} is glue for no name server", r.rtype, fmt_name(name), fmt_name(&zone.owners[cut as usize])))
                    .label("unused glue")
                    .help("remove it, or add the NS record that needs it; stale glue is served to nobody but misleads readers of the zone"),
            );
        }
    }
}
