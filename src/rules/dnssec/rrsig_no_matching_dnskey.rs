//! `rrsig-no-matching-dnskey`: a signature whose key tag, algorithm and signer match no
//! DNSKEY at the zone's apex.

use crate::diagnostic::Diagnostic;
use crate::dnssec::Outcome;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("rrsig-no-matching-dnskey", Error);

pub struct RrsigNoMatchingDnskey;

impl Rule for RrsigNoMatchingDnskey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for (r, sig) in super::sigs_with(zone, Outcome::NoKey) {
            if sig.type_covered() == domain::base::iana::Rtype::RRSIG {
                continue; // rrsig-invalid: RRSIGs are never signed
            }
            let why = if *sig.signer_name() != zone.origin {
                format!(
                    "its signer {} is not the zone's apex",
                    fmt_name(sig.signer_name())
                )
            } else {
                format!(
                    "no DNSKEY at the apex has key tag {} and algorithm {}",
                    sig.key_tag(),
                    sig.algorithm()
                )
            };
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the RRSIG over the {} RRset of {} cannot be checked: {why}",
                    sig.type_covered(), fmt_name(zone.owner_name(r))))
                    .label("orphaned signature")
                    .help("publish the DNSKEY that made it, or re-sign with the keys that are published (a key removed too early in a rollover)"),
            );
        }
    }
}
