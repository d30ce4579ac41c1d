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
        // Owner by owner (the per-owner tables, read in order), not address record by
        // address record (a cache miss each): only owners at or below a cut are looked
        // at. Reported on the owner's first A record, or else its first AAAA record.
        for owner in 0..zone.owners.len() as u32 {
            if named[owner as usize] {
                continue;
            }
            let cut = if zone.is_cut(owner) {
                Some(owner)
            } else {
                zone.below_cut(owner)
            };
            let Some(cut) = cut else { continue };
            let first = [Rtype::A, Rtype::AAAA]
                .iter()
                .find_map(|&t| zone.rrset(owner, t).first());
            let Some(&i) = first else { continue };
            let r = zone.record(i);
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
