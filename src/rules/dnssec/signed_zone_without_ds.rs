//! `signed-zone-without-ds`: a signed zone whose parent, in the project, delegates it
//! without DS: an island of security that validators cannot reach.

use super::ds_at;
use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("signed-zone-without-ds", Info);

pub struct SignedZoneWithoutDs;

impl Rule for SignedZoneWithoutDs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if !zone.dnssec().signed {
            return;
        }
        let Some(parent) = cx.project.parent_of(zone) else {
            return;
        };
        let Some(cut) = parent.owner_id(&zone.origin).filter(|&c| parent.is_cut(c)) else {
            return;
        };
        if !ds_at(parent, cut).is_empty() {
            return;
        }
        let Some(&k) = zone.rrset_of(&zone.origin, Rtype::DNSKEY).first() else {
            return;
        };
        let r = zone.record(k);
        let ns = parent.record(parent.rrset(cut, Rtype::NS)[0]);
        cx.report(
            Diagnostic::new(META.name, r.file, r.span, format!(
                "zone {} is signed, but its parent {} delegates it without a DS",
                fmt_name(&zone.origin), fmt_name(&parent.origin)))
                .label("keys no validator can reach")
                .related(ns.file, ns.span, "the delegation without DS")
                .help("publish the DS of the KSK in the parent (`dnssec-dsfromkey`) to complete the chain of trust"),
        );
    }
}
