//! `rrsig-expiring`: signatures that expire within the horizon (7 days).

use super::by_rrset_and_key;
use crate::diagnostic::Diagnostic;
use crate::dnssec::fmt_time;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-expiring", Warning);

pub struct RrsigExpiring;

impl Rule for RrsigExpiring {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for ((owner, t, tag), st) in by_rrset_and_key(zone, cx.now) {
            let (i, exp) = (st.first_expiry, st.expiry);
            if exp < cx.now || exp >= cx.now + cx.options.rrsig_horizon {
                continue;
            }
            let r = zone.record(i);
            let days = (exp - cx.now) as f64 / 86_400.0;
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the RRSIG over the {} RRset of {} (key {tag}) expires at {}, in {days:.1} days",
                    Rtype::from_int(t), fmt_name(&zone.owners[owner as usize]), fmt_time(exp)))
                    .label("expires soon")
                    .help("re-sign the zone before then (and check that the signer runs: a stopped signer is the usual cause)"),
            );
        }
    }
}
