//! `ds-digest-type-invalid`: DS and CDS records with a digest type that is reserved (0)
//! or not assigned by IANA (7 and above; 1–6 are assigned).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("ds-digest-type-invalid", Warning);

pub struct DsDigestTypeInvalid;

impl Rule for DsDigestTypeInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for (r, (_, alg, dt)) in super::ds_and_cds(zone) {
            // `CDS 0 0 0 00` asks the parent to remove the DS (RFC 8078 §4).
            if r.rtype == Rtype::CDS && alg == 0 && dt == 0 {
                continue;
            }
            let why = match dt {
                0 => "reserved",
                1..=6 => continue,
                _ => "not assigned by IANA",
            };
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "{} record of {} has digest type {dt}, which is {why}",
                    r.rtype, fmt_name(zone.owner_name(r))))
                    .label("unusable digest type")
                    .help("validators ignore a DS whose digest type they do not know; if no other DS remains, the child is insecure. Publish a SHA-256 DS (digest type 2, `dnssec-dsfromkey -2`)"),
            );
        }
    }
}
