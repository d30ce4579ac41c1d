//! `rrsig-ttl-beyond-expiration`: an RRset whose TTL keeps it (and its signature) in
//! caches past the signature's expiration.

use super::by_rrset_and_key;
use crate::diagnostic::Diagnostic;
use crate::dnssec::fmt_time;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-ttl-beyond-expiration", Info);

pub struct RrsigTtlBeyondExpiration;

impl Rule for RrsigTtlBeyondExpiration {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for ((owner, t, _), st) in by_rrset_and_key(zone, cx.now) {
            if st.expiry < cx.now {
                continue; // rrsig-expired
            }
            let rrset = zone.rrset(owner, Rtype::from_int(t));
            let Some(ttl) = rrset.iter().map(|&i| zone.record(i).ttl).max() else {
                continue;
            };
            // Cached now, the data lives until now + TTL.
            if cx.now + ttl as i64 <= st.expiry {
                continue;
            }
            let r = zone.record(st.first_expiry);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the {} RRset of {} has TTL {ttl} s, longer than its signature has left (expiry {})",
                    Rtype::from_int(t), fmt_name(&zone.owners[owner as usize]), fmt_time(st.expiry)))
                    .label("TTL outlives the signature")
                    .help("resolvers cap the TTL at the signature's expiry (RFC 4035 §5.3.3) and refetch early; re-sign sooner or use shorter TTLs"),
            );
        }
    }
}
