//! `soa-multiple`: more than one SOA record at the apex.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("soa-multiple", Error);

pub struct SoaMultiple;

impl Rule for SoaMultiple {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let soas = zone.rrset_of(&zone.origin, Rtype::SOA);
        let Some((&first, rest)) = soas.split_first() else {
            return;
        };
        let f = zone.record(first);
        let mut seen = vec![first];
        for &i in rest {
            let r = zone.record(i);
            // An exact duplicate is merged by servers (and is `duplicate-record`'s business).
            if seen.iter().any(|&s| zone.record(s).data == r.data) {
                continue;
            }
            seen.push(i);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!("zone {} has a second SOA record", fmt_name(&zone.origin)))
                    .label("another SOA")
                    .related(f.file, f.span, "the first SOA")
                    .help("keep exactly one SOA record; to change the zone's parameters, edit the first one"),
            );
        }
    }
}
