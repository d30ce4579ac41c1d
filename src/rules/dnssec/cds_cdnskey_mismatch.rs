//! `cds-cdnskey-mismatch`: CDS and CDNSKEY records (RFC 7344, RFC 8078) that disagree with
//! each other or match no DNSKEY of the apex, mix the delete form with other records, or
//! write the delete form inexactly.

use super::{apex_keys, ds_records, DsRecord};
use crate::diagnostic::Diagnostic;
use crate::dnssec::keys::key_rdata;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("cds-cdnskey-mismatch", Error);

pub struct CdsCdnskeyMismatch;

impl Rule for CdsCdnskeyMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let o = &zone.origin;
        let Some(apex) = zone.apex_id() else { return };
        let cds = ds_records(zone, apex, Rtype::CDS);
        let cdnskey: Vec<(u32, Vec<u8>)> = zone
            .rrset_of(o, Rtype::CDNSKEY)
            .iter()
            .filter_map(|&i| match zone.record(i).data.rdata().as_deref() {
                Some(Rdata::Cdnskey(k)) => Some((
                    i,
                    key_rdata(
                        k.flags(),
                        k.protocol(),
                        k.algorithm().to_int(),
                        k.public_key().as_ref(),
                    ),
                )),
                _ => None,
            })
            .collect();
        if cds.is_empty() && cdnskey.is_empty() {
            return;
        }
        let mut report = |i: u32, msg: String, help: &str| {
            let r = zone.record(i);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, msg)
                    .label("CDS/CDNSKEY")
                    .help(help.to_string()),
            );
        };
        // RFC 8078 §4: the delete forms `CDS 0 0 0 00` and `CDNSKEY 0 3 0 AA==`.
        let cds_delete = |d: &DsRecord| d.alg == 0 && d.digest_type == 0;
        let key_delete = |k: &[u8]| k.get(3) == Some(&0);
        let cds_del = cds.iter().filter(|d| cds_delete(d)).count();
        let key_del = cdnskey.iter().filter(|(_, k)| key_delete(k)).count();
        let name = fmt_name(o);
        const DELETE_HELP: &str = "to ask the parent to remove the DS, publish only `CDS 0 0 0 00` and `CDNSKEY 0 3 0 AA==` (RFC 8078 §4)";
        // The delete forms are exact: any other digest, key tag or key is not one.
        for d in cds.iter().filter(|d| cds_delete(d)) {
            if d.tag != 0 || d.digest != [0] {
                report(
                    d.index,
                    format!("the CDS delete record of {name} is not `0 0 0 00`"),
                    DELETE_HELP,
                );
            }
        }
        for (i, k) in cdnskey.iter().filter(|(_, k)| key_delete(k)) {
            if k.as_slice() != [0, 0, 3, 0, 0] {
                report(
                    *i,
                    format!("the CDNSKEY delete record of {name} is not `0 3 0 AA==`"),
                    DELETE_HELP,
                );
            }
        }
        if (cds_del > 0 && cds_del < cds.len()) || (key_del > 0 && key_del < cdnskey.len()) {
            let i = cds
                .first()
                .map(|c| c.index)
                .or(cdnskey.first().map(|c| c.0))
                .unwrap_or(0);
            return report(
                i,
                format!("the CDS/CDNSKEY RRsets of {name} mix the delete form with other records"),
                DELETE_HELP,
            );
        }
        if (cds_del > 0 && !cdnskey.is_empty() && key_del == 0)
            || (key_del > 0 && !cds.is_empty() && cds_del == 0)
        {
            let i = cds.first().map(|c| c.index).unwrap_or(0);
            return report(
                i,
                format!(
                    "one of CDS and CDNSKEY of {name} asks to delete the DS, the other does not"
                ),
                DELETE_HELP,
            );
        }
        if cds_del > 0 || key_del > 0 {
            return;
        }
        let keys = apex_keys(zone);
        for d in &cds {
            let i = &d.index;
            let to_keys: Vec<Option<bool>> = keys.iter().map(|(_, k)| d.matches(o, k)).collect();
            if !to_keys.is_empty() && to_keys.iter().all(|v| *v == Some(false)) {
                report(*i, format!("CDS {} of {name} matches no DNSKEY of the zone", d.tag),
                    "a CDS must describe a key in the apex DNSKEY RRset; parents that follow it would break the chain of trust (RFC 7344 §4.1)");
            } else if !cdnskey.is_empty()
                && cdnskey.iter().all(|(_, k)| d.matches(o, k) == Some(false))
            {
                report(*i, format!("CDS {} of {name} matches no CDNSKEY", d.tag),
                    "CDS and CDNSKEY must describe the same keys (RFC 7344 §4): regenerate both from the current KSK");
            }
        }
        for (i, k) in &cdnskey {
            if !keys.iter().any(|(_, dk)| dk == k) {
                report(
                    *i,
                    format!("a CDNSKEY of {name} is not one of the zone's DNSKEYs"),
                    "a CDNSKEY must be a copy of a key in the apex DNSKEY RRset (RFC 7344 §4.1)",
                );
            } else if !cds.is_empty() && cds.iter().all(|d| d.matches(o, k) == Some(false)) {
                report(*i, format!("a CDNSKEY of {name} has no matching CDS"),
                    "CDS and CDNSKEY must describe the same keys (RFC 7344 §4): regenerate both from the current KSK");
            }
        }
    }
}
