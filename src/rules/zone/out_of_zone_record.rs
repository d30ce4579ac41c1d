//! `out-of-zone-record`: a record whose owner is not inside the zone.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("out-of-zone-record", Warning);

pub struct OutOfZoneRecord;

impl Rule for OutOfZoneRecord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // By owner (a name is inside or not), then the records of the names outside:
        // the records themselves are read only where there is something to report.
        let outside =
            (0..zone.owners.len() as u32).filter(|&o| !zone.contains(&zone.owners[o as usize]));
        for r in outside.flat_map(|o| zone.node(o)).map(|&i| zone.record(i)) {
            let owner = fmt_name(zone.owner_name(r));
            let span = r.owner_or_entry_span();
            cx.report(
                Diagnostic::new(META.name, r.file, span, format!(
                    "{} record owned by {owner} is outside zone {}; servers ignore it", r.rtype, fmt_name(&zone.origin)))
                    .label("not below the zone's origin")
                    .help(format!("move the record to the zone file of {owner}, or fix the owner name (a relative name gets the origin appended)")),
            );
        }
    }
}
