//! `soa-missing`: the zone has no SOA record at its apex.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::Span;
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("soa-missing", Error);

pub struct SoaMissing;

impl Rule for SoaMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.apex_failed(Rtype::SOA) {
            return; // the syntax error says it already
        }
        if !zone.rrset_of(&zone.origin, Rtype::SOA).is_empty() {
            return;
        }
        let o = fmt_name(&zone.origin);
        cx.report(
            Diagnostic::new(META.name, zone.main_file, Span::empty(0), format!("zone {o} has no SOA record at its apex"))
                .label("the zone starts here")
                .help(format!("add `{o} IN SOA <primary-ns> <hostmaster-mailbox> ( serial refresh retry expire minimum )` as the first record")),
        );
    }
}
