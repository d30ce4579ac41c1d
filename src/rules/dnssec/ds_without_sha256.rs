//! `ds-without-sha256`: a delegation with DS records, none of them with digest type 2
//! (SHA-256), the one digest every validator must implement (RFC 8624 §3.3).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("ds-without-sha256", Warning);

pub struct DsWithoutSha256;

impl Rule for DsWithoutSha256 {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &cut in &zone.cuts {
            let ds = zone.rrset(cut, Rtype::DS);
            let Some(&first) = ds.first() else { continue };
            let types: Vec<u8> = ds
                .iter()
                .filter_map(|&i| super::ds_fields(zone.record(i)).map(|(_, _, dt)| dt))
                .collect();
            // A set of SHA-1 or GOST digests only is ds-digest-deprecated's finding
            // already, on each record.
            if types.is_empty() || types.contains(&2) || types.iter().all(|t| matches!(t, 1 | 3)) {
                continue;
            }
            let mut shown = types.clone();
            shown.sort_unstable();
            shown.dedup();
            let r = zone.record(first);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "the DS records of {} have digest types {} but none has type 2 (SHA-256)",
                    fmt_name(&zone.owners[cut as usize]),
                    shown.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")))
                    .label("no SHA-256 DS")
                    .help("add a DS with digest type 2 (`dnssec-dsfromkey -2`): RFC 8624 §3.3 makes SHA-256 the one digest validators MUST support, so a validator without the others treats the child as insecure"),
            );
        }
    }
}
