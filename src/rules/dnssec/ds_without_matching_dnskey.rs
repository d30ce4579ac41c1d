//! `ds-without-matching-dnskey`: a DS in a parent zone of the project, or in a DS file
//! beside the child (`dsset-<zone>.`, `<zone>.ds`), that matches no DNSKEY of the child
//! zone (key tag, algorithm and digest recomputed).

use super::{apex_keys, ds_at, DsRecord};
use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::project::Project;
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
            if let Some(child) = cx.project.zone_at(&zone.owners[cut as usize]) {
                report_stale(cx, zone, &ds, child);
            }
        }
    }
    /// DS files beside the child (`dsset-<zone>.`, `<zone>.ds`): what the operator is
    /// about to hand to the parent.
    fn check_project(&self, project: &Project, cx: &mut Ctx) {
        for set in &project.ds_sets {
            let (Some(apex), Some(child)) = (set.apex_id(), project.zone_at(&set.origin)) else {
                continue;
            };
            report_stale(cx, set, &ds_at(set, apex), child);
        }
    }
}

/// Reports each DS of `ds` (records of `zone`) that leads to no DNSKEY of `child`.
fn report_stale(cx: &mut Ctx, zone: &Zone, ds: &[DsRecord], child: &Zone) {
    if ds.is_empty() {
        return;
    }
    let keys = apex_keys(child);
    if keys.is_empty() {
        return; // ds-for-unsigned-child
    }
    let child_name = &child.origin;
    // The child's DS RRset is fine when at least one DS leads to a key; each DS that
    // leads nowhere is reported (a stale one after a rollover confuses operators
    // and, if it is the only one of its algorithm, validators).
    for d in ds {
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
