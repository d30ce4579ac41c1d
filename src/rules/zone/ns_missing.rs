//! `ns-missing`: no NS records at the apex.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::Span;
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("ns-missing", Error);

pub struct NsMissing;

impl Rule for NsMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.apex_failed(Rtype::NS) {
            return; // the syntax error says it already
        }
        if !zone.rrset_of(&zone.origin, Rtype::NS).is_empty() {
            return;
        }
        let o = fmt_name(&zone.origin);
        let (file, span) = match zone.rrset_of(&zone.origin, Rtype::SOA).first() {
            Some(&i) => (zone.record(i).file, zone.record(i).span),
            None => (zone.main_file, Span::empty(0)),
        };
        cx.report(
            Diagnostic::new(META.name, file, span, format!("zone {o} has no NS records at its apex"))
                .label("zone apex")
                .help(format!("add at least two `{o} IN NS <server>.` records naming the zone's authoritative servers")),
        );
    }
}
