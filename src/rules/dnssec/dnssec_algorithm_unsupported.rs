//! `dnssec-algorithm-unsupported`: signatures of an algorithm (or key size) that the
//! crypto backend cannot verify: reported once per algorithm, never as `rrsig-invalid`.

use crate::diagnostic::Diagnostic;
use crate::dnssec::Outcome;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("dnssec-algorithm-unsupported", Info);

pub struct DnssecAlgorithmUnsupported;

impl Rule for DnssecAlgorithmUnsupported {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let mut seen = Vec::new();
        for s in &zone.dnssec().sigs {
            let Outcome::Unsupported(alg) = s.outcome else {
                continue;
            };
            if seen.contains(&alg) {
                continue;
            }
            seen.push(alg);
            let count = zone
                .dnssec()
                .sigs
                .iter()
                .filter(|x| x.outcome == Outcome::Unsupported(alg))
                .count();
            let r = zone.record(s.rrsig);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "{count} signatures of zone {} use algorithm {alg}, which zonelint cannot verify; they were not checked",
                    fmt_name(&zone.origin)))
                    .label("not verified")
                    .help("zonelint verifies RSA (1024 bits and more), ECDSA P-256/P-384 and Ed25519; check these with dnssec-verify or ldns-verify-zone"),
            );
        }
    }
}
