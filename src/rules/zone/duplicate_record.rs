//! `duplicate-record`: the same record (owner, class, type and data) written twice.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::rdata::ComposeRecordData;

crate::rule_meta!("duplicate-record", Warning);

pub struct DuplicateRecord;

impl Rule for DuplicateRecord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for owner in 0..zone.owners.len() as u32 {
            for (t, recs) in zone.rrsets_at(owner) {
                if recs.len() < 2 {
                    continue;
                }
                // Canonical wire form (RFC 4034 §6.2) decides sameness: case of names,
                // spelling of numbers and escapes do not matter.
                let mut keyed: Vec<(Vec<u8>, u32)> = recs
                    .iter()
                    .filter_map(|&i| {
                        let data = zone.record(i).data.as_ref()?;
                        let mut w = Vec::new();
                        data.compose_canonical_rdata(&mut w).ok()?;
                        Some((w, i))
                    })
                    .collect();
                keyed.sort();
                for pair in keyed.windows(2) {
                    if pair[0].0 == pair[1].0 {
                        let (a, b) = (zone.record(pair[0].1), zone.record(pair[1].1));
                        cx.report(
                            Diagnostic::new(META.name, b.file, b.span, format!(
                                "{t} record of {} is written twice", fmt_name(&zone.owners[owner as usize])))
                                .label("duplicate")
                                .related(a.file, a.span, "the same record")
                                .help("remove one copy; servers keep one, and a later edit of one copy only would not take effect"),
                        );
                    }
                }
            }
        }
    }
}
