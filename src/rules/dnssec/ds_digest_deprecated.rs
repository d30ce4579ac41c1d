//! `ds-digest-deprecated`: DS and CDS records with a digest type that RFC 8624 says MUST
//! NOT be used (SHA-1, GOST).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("ds-digest-deprecated", Warning);

pub struct DsDigestDeprecated;

impl Rule for DsDigestDeprecated {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for (r, (tag, alg, dt)) in super::ds_and_cds(zone) {
            let why = match dt {
                1 => "SHA-1",
                3 => "GOST R 34.11-94",
                _ => continue,
            };
            // Beside a SHA-256 or SHA-384 DS for the same key, validators use the strong
            // digest (RFC 4509 §3): the weak one costs nothing and breaks nothing.
            let strong_beside = zone.rrset(r.owner, r.rtype).iter().any(|&j| {
                super::ds_fields(zone.record(j))
                    .is_some_and(|(t, a, d)| t == tag && a == alg && matches!(d, 2 | 4))
            });
            if strong_beside {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "{} record of {} uses digest type {dt} ({why}), which RFC 8624 says MUST NOT be used",
                    r.rtype, fmt_name(zone.owner_name(r))))
                    .label("deprecated digest")
                    .help("publish a DS with digest type 2 (SHA-256) and remove this one (`dnssec-dsfromkey -2`)"),
            );
        }
    }
}
