//! `dnssec-algorithm-deprecated`: DNSKEY and DS records of algorithms that RFC 8624 says
//! MUST NOT or NOT RECOMMENDED for signing.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::{Rtype, SecurityAlgorithm};

crate::rule_meta!("dnssec-algorithm-deprecated", Warning);

pub struct DnssecAlgorithmDeprecated;

/// RFC 8624 §3.1 signing column: MUST NOT (1, 3, 6, 12) and NOT RECOMMENDED (5, 7).
pub fn deprecated(alg: SecurityAlgorithm) -> Option<&'static str> {
    match alg.to_int() {
        1 => Some("RSAMD5: MUST NOT be used"),
        3 => Some("DSA: MUST NOT be used"),
        6 => Some("DSA-NSEC3-SHA1: MUST NOT be used"),
        12 => Some("ECC-GOST: MUST NOT be used"),
        5 => Some("RSASHA1: NOT RECOMMENDED, and rejected by validators that disable SHA-1"),
        7 => Some(
            "RSASHA1-NSEC3-SHA1: NOT RECOMMENDED, and rejected by validators that disable SHA-1",
        ),
        _ => None,
    }
}

impl Rule for DnssecAlgorithmDeprecated {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in [Rtype::DNSKEY, Rtype::DS, Rtype::CDNSKEY, Rtype::CDS]
            .iter()
            .flat_map(|t| zone.type_index(*t))
        {
            let r = zone.record(i);
            let alg = match r.data.rdata().as_deref() {
                Some(Rdata::Dnskey(k)) => k.algorithm(),
                Some(Rdata::Cdnskey(k)) => k.algorithm(),
                Some(Rdata::Ds(d)) => d.algorithm(),
                Some(Rdata::Cds(d)) => d.algorithm(),
                _ => continue,
            };
            let Some(why) = deprecated(alg) else { continue };
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "{} record of {} uses algorithm {} ({why})", r.rtype, fmt_name(zone.owner_name(r)), alg.to_int()))
                    .label("deprecated algorithm")
                    .help("roll the keys over to ECDSAP256SHA256 (13) or ED25519 (15), RFC 8624 §3.1; validators may treat the zone as insecure or bogus"),
            );
        }
    }
}
