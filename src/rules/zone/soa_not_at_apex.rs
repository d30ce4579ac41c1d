//! `soa-not-at-apex`: an SOA record owned by a name other than the zone's origin.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("soa-not-at-apex", Error);

pub struct SoaNotAtApex;

impl Rule for SoaNotAtApex {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for r in zone.of_type(Rtype::SOA) {
            let owner = zone.owner_name(r);
            // Outside the zone, an SOA is `out-of-zone-record`'s (servers ignore it).
            if *owner == zone.origin || !crate::names::ends_with(owner, &zone.origin) {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.owner_span().to(r.span), format!(
                    "SOA record owned by {} inside zone {}", fmt_name(owner), fmt_name(&zone.origin)))
                    .label("an SOA may only stand at the zone's apex")
                    .help(format!("an SOA marks the start of a zone: move it to `@` ({}), or give this name its own zone file and delegate it with NS records", fmt_name(&zone.origin))),
            );
        }
    }
}
