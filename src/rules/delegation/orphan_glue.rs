//! `orphan-glue`: address records at or below a zone cut that no NS record of the zone
//! names (left over after a name server was renamed or removed).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{target, Zone};
use domain::base::iana::Rtype;
use std::collections::HashSet;

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
        let named: HashSet<Vec<u8>> = zone
            .of_type(Rtype::NS)
            .filter_map(|r| r.data.as_ref().and_then(target))
            .map(|n| n.as_slice().to_ascii_lowercase())
            .collect();
        let mut reported = HashSet::new();
        for r in zone.of_types(&[Rtype::A, Rtype::AAAA]) {
            let cut = if zone.is_cut(r.owner) {
                Some(r.owner)
            } else {
                zone.below_cut(r.owner)
            };
            let Some(cut) = cut else { continue };
            let name = zone.owner_name(r);
            if named.contains(&name.as_slice().to_ascii_lowercase()) || !reported.insert(r.owner) {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "{} record of {} below the delegation {} is glue for no name server", r.rtype, fmt_name(name), fmt_name(&zone.owners[cut as usize])))
                    .label("unused glue")
                    .help("remove it, or add the NS record that needs it; stale glue is served to nobody but misleads readers of the zone"),
            );
        }
    }
}
