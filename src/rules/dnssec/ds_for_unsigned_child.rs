//! `ds-for-unsigned-child`: a parent DS for a child zone of the project that has no
//! DNSKEY: validators expect signatures that do not exist. A zone that named signs
//! itself (`dnssec-policy`, `inline-signing`, `auto-dnssec maintain` in the project's
//! named.conf) is signed though its source file is not.

use super::ds_at;
use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("ds-for-unsigned-child", Error);

pub struct DsForUnsignedChild;

impl Rule for DsForUnsignedChild {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &cut in &zone.cuts {
            let ds = ds_at(zone, cut);
            let Some(i) = ds.first().map(|d| d.index) else {
                continue;
            };
            let child_name = &zone.owners[cut as usize];
            let Some(child) = cx.project.zone_at(child_name) else {
                continue;
            };
            if !child.rrset_of(&child.origin, Rtype::DNSKEY).is_empty()
                || cx.project.signed_by_server(&child.origin)
            {
                continue;
            }
            let r = zone.record(i);
            let mut d = Diagnostic::new(META.name, r.file, r.span, format!(
                "the parent has a DS for {}, but that zone has no DNSKEY: it is not signed",
                fmt_name(child_name)))
                .label("DS for an unsigned zone")
                .help("validators treat the child as bogus (SERVFAIL for every name): remove the DS, or sign the child first and publish its DS after");
            if let Some(&s) = child.rrset_of(&child.origin, Rtype::SOA).first() {
                d = d.related(
                    child.record(s).file,
                    child.record(s).span,
                    "the unsigned child zone",
                );
            }
            cx.report(d);
        }
    }
}
