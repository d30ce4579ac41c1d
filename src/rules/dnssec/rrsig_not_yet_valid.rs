//! `rrsig-not-yet-valid`: signatures whose inception time is still in the future.

use super::by_rrset_and_key;
use crate::diagnostic::Diagnostic;
use crate::dnssec::fmt_time;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-not-yet-valid", Error);

pub struct RrsigNotYetValid;

impl Rule for RrsigNotYetValid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for ((owner, t, tag), st) in by_rrset_and_key(zone, cx.now) {
            let (i, inc) = (st.last_inception, st.inception);
            if inc <= cx.now {
                continue;
            }
            let r = zone.record(i);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the RRSIG over the {} RRset of {} (key {tag}) is valid only from {}",
                    Rtype::from_int(t), fmt_name(&zone.owners[owner as usize]), fmt_time(inc)))
                    .label("inception in the future")
                    .help("the signer's clock runs ahead, or the inception was set by hand: re-sign with an inception in the past (dnssec-signzone -s now-1h); until then validators answer SERVFAIL"),
            );
        }
    }
}
