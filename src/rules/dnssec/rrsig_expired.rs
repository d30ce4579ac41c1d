//! `rrsig-expired`: signatures whose expiration time has passed (RFC 4034 §3.1.5).

use super::by_rrset_and_key;
use crate::diagnostic::Diagnostic;
use crate::dnssec::fmt_time;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-expired", Error);

pub struct RrsigExpired;

impl Rule for RrsigExpired {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for ((owner, t, tag), st) in by_rrset_and_key(zone, cx.now) {
            let (i, exp) = (st.first_expiry, st.expiry);
            if exp >= cx.now {
                continue;
            }
            let r = zone.record(i);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the RRSIG over the {} RRset of {} (key {tag}) expired at {}",
                    Rtype::from_int(t), fmt_name(&zone.owners[owner as usize]), fmt_time(exp)))
                    .label("expired signature")
                    .help("re-sign the zone; validating resolvers answer SERVFAIL for this data (confirm: `dig +dnssec` fails, `dig +cd` answers)"),
            );
        }
    }
}
