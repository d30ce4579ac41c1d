//! `rrsig-invalid`: a signature that does not verify over its RRset with the DNSKEY it
//! names (RFC 4034 §3.1.8.1, RFC 4035 §5.3).

use crate::diagnostic::Diagnostic;
use crate::dnssec::Outcome;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("rrsig-invalid", Error);

pub struct RrsigInvalid;

impl Rule for RrsigInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for (r, sig) in super::sigs_with(zone, Outcome::Invalid) {
            let rrset = zone.rrset(r.owner, sig.type_covered());
            let mut d = Diagnostic::new(META.name, r.file, r.span, format!(
                "the RRSIG over the {} RRset of {} does not verify with key {} (algorithm {})",
                sig.type_covered(), fmt_name(zone.owner_name(r)), sig.key_tag(), sig.algorithm()))
                .label("bad signature")
                .help("the data changed after signing, or the signature was copied from another version: re-sign the zone (confirm: `dig +dnssec` gives SERVFAIL, `dig +cd` answers)");
            if let Some(&first) = rrset.first() {
                let f = zone.record(first);
                d = d.related(f.file, f.span, "the signed RRset");
            }
            cx.report(d);
        }
    }
}
