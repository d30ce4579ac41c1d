//! `rrsig-original-ttl-mismatch`: an RRSIG whose original TTL differs from the TTL of
//! the RRset it covers (RFC 4034 §3.1.4).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-original-ttl-mismatch", Info);

pub struct RrsigOriginalTtlMismatch;

impl Rule for RrsigOriginalTtlMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.type_index(Rtype::RRSIG) {
            let r = zone.record(i);
            let Some(Rdata::Rrsig(s)) = r.data.boxed() else {
                continue;
            };
            let Some(&first) = zone.rrset(r.owner, s.type_covered()).first() else {
                continue;
            };
            let ttl = zone.record(first).ttl;
            let orig = s.original_ttl().as_secs();
            if ttl == orig {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the RRSIG over the {} RRset of {} has original TTL {orig}, the RRset has TTL {ttl}",
                    s.type_covered(), fmt_name(zone.owner_name(r))))
                    .label("original TTL")
                    .help("the TTL was changed after signing; validators cap the TTL at the original TTL. Re-sign after changing TTLs"),
            );
        }
    }
}
