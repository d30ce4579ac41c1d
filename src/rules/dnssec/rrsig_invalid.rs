//! `rrsig-invalid`: a signature that does not verify over its RRset with the DNSKEY it
//! names (RFC 4034 §3.1.8.1, RFC 4035 §5.3), or that covers RRSIG records, which are
//! never signed (RFC 4035 §2.2).

use crate::diagnostic::Diagnostic;
use crate::dnssec::Outcome;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-invalid", Error);

pub struct RrsigInvalid;

impl Rule for RrsigInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // RFC 4035 §2.2: RRSIG records are never signed. A signature over them is wrong
        // whatever the crypto says (and reported once, here).
        for r in zone.of_type(Rtype::RRSIG) {
            if matches!(r.data.rdata().as_deref(), Some(Rdata::Rrsig(s)) if s.type_covered() == Rtype::RRSIG)
            {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!(
                        "an RRSIG of {} covers type RRSIG: RRSIG records are never signed",
                        fmt_name(zone.owner_name(r))))
                        .label("signature over signatures")
                        .help("remove it; signers do not sign RRSIG RRsets (RFC 4035 §2.2), and validators ignore or reject such a record"),
                );
            }
        }
        for (r, sig) in super::sigs_with(zone, Outcome::Invalid) {
            if sig.type_covered() == Rtype::RRSIG {
                continue;
            }
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
