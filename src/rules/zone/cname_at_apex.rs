//! `cname-at-apex`: a CNAME at the zone's origin.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("cname-at-apex", Error);

pub struct CnameAtApex;

impl Rule for CnameAtApex {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.rrset_of(&zone.origin, Rtype::CNAME) {
            let r = zone.record(i);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!("CNAME at the apex of zone {}", fmt_name(&zone.origin)))
                    .label("the apex must hold SOA and NS, which a CNAME forbids")
                    .help("point the apex at the service with A/AAAA records (or an HTTPS/SVCB record in alias mode, RFC 9460), and keep CNAMEs for names below the apex"),
            );
        }
    }
}
