//! `ds-without-matching-dnskey`: a DS in a parent zone of the project that matches no
//! DNSKEY of the child zone (key tag, algorithm and digest recomputed).

use super::{apex_keys, ds_at};
use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("ds-without-matching-dnskey", Error);

pub struct DsWithoutMatchingDnskey;

impl Rule for DsWithoutMatchingDnskey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &cut in &zone.cuts {
            let ds = ds_at(zone, cut);
            if ds.is_empty() {
                continue;
            }
            let child_name = &zone.owners[cut as usize];
            let Some(child) = cx.project.zone_at(child_name) else {
                continue;
            };
            let keys = apex_keys(child);
            if keys.is_empty() {
                continue; // ds-for-unsigned-child
            }
            // The child's DS RRset is fine when at least one DS leads to a key; each DS that
            // leads nowhere is reported (a stale one after a rollover confuses operators
            // and, if it is the only one of its algorithm, validators).
            for d in &ds {
                let (i, tag, alg, dt) = (&d.index, d.tag, d.alg, d.digest_type);
                let verdicts: Vec<Option<bool>> =
                    keys.iter().map(|(_, k)| d.matches(child_name, k)).collect();
                if verdicts.iter().any(|v| *v != Some(false)) {
                    continue; // matches, or the digest type is not computed here
                }
                let r = zone.record(*i);
                let k = child.record(keys[0].0);
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!(
                        "DS {tag} (algorithm {alg}, digest type {dt}) of {} matches no DNSKEY of the child zone",
                        fmt_name(child_name)))
                        .label("DS without key")
                        .related(k.file, k.span, "the child's DNSKEY RRset")
                        .help("if this is the only DS, the child is bogus for every validator (SERVFAIL): publish the DS of the current KSK (`dnssec-dsfromkey`), or roll back the key; confirm with `dig +dnssec <child> DNSKEY` and `dig +cd`"),
                );
            }
        }
    }
}
