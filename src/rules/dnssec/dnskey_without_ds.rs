//! `dnskey-without-ds`: a key-signing key (SEP flag) of a child zone that no DS of its
//! parent, in the project, covers.

use super::{apex_keys, ds_at};
use crate::diagnostic::Diagnostic;
use crate::dnssec::keys::key_tag;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("dnskey-without-ds", Info);

pub struct DnskeyWithoutDs;

impl Rule for DnskeyWithoutDs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some(parent) = cx.project.parent_of(zone) else {
            return;
        };
        let Some(cut) = parent.owner_id(&zone.origin).filter(|&c| parent.is_cut(c)) else {
            return;
        };
        let ds = ds_at(parent, cut);
        if ds.is_empty() {
            return; // signed-zone-without-ds
        }
        for (i, rdata) in apex_keys(zone) {
            let flags = u16::from_be_bytes([rdata[0], rdata[1]]);
            if flags & 1 == 0 {
                continue; // not a SEP key
            }
            let covered = ds
                .iter()
                .any(|d| d.matches(&zone.origin, &rdata) != Some(false));
            if covered {
                continue;
            }
            let r = zone.record(i);
            let d = parent.record(ds[0].index);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "KSK {} of {} has no DS in the parent zone {}",
                    key_tag(&rdata), fmt_name(&zone.origin), fmt_name(&parent.origin)))
                    .label("no DS")
                    .related(d.file, d.span, "the parent's DS RRset")
                    .help("normal while a new KSK is pre-published; before the old one goes, publish this key's DS (`dnssec-dsfromkey`)"),
            );
        }
    }
}
