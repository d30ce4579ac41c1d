//! `rrsig-validity-below-soa-expire`: signatures that expire before the SOA expire
//! interval plus the largest TTL has run out, so a secondary cut off from its primary
//! keeps serving the zone after its signatures died (RFC 6781 §4.4.3).

use super::by_rrset_and_key;
use crate::diagnostic::Diagnostic;
use crate::dnssec::fmt_time;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("rrsig-validity-below-soa-expire", Warning);

pub struct RrsigValidityBelowSoaExpire;

impl Rule for RrsigValidityBelowSoaExpire {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some((soa_rec, soa)) = zone.apex_soa() else {
            return;
        };
        let sigs = by_rrset_and_key(zone, cx.now);
        if sigs.is_empty() {
            return;
        }
        let max_ttl = zone.records.iter().map(|r| r.ttl).max().unwrap_or(0) as i64;
        let expire = soa.expire().as_secs() as i64;
        // The zone's content was signed at the latest inception; secondaries may serve
        // it until expire after their last refresh, and caches keep it a TTL longer.
        let Some(st) = sigs.values().min_by_key(|s| s.expiry) else {
            return;
        };
        let newest = sigs
            .values()
            .map(|s| s.inception)
            .max()
            .unwrap_or(st.inception);
        let needed = newest + expire + max_ttl;
        if st.expiry >= needed || st.expiry < cx.now {
            return;
        }
        let r = zone.record(st.first_expiry);
        cx.report(
            Diagnostic::new(META.name, r.file, r.span, format!(
                "signatures of {} expire at {}, before the SOA expire ({} s) plus the largest TTL ({} s) after signing: a secondary cut off from the primary would serve bogus data from then on",
                fmt_name(&zone.origin), fmt_time(st.expiry), expire, max_ttl))
                .label("signature validity too short")
                .related(soa_rec.file, soa_rec.span, "SOA expire")
                .help("sign with a validity longer than the SOA expire plus the largest TTL, or lower the SOA expire (RFC 6781 §4.4.3)"),
        );
    }
}
