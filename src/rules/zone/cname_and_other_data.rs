//! `cname-and-other-data`: a CNAME beside other data at the same name (RFC 1034 §3.6.2,
//! RFC 2181 §10.1). RRSIG and NSEC may stand beside a CNAME (RFC 4035 §2.5).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("cname-and-other-data", Error);

pub struct CnameAndOtherData;

impl Rule for CnameAndOtherData {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let mut owners: Vec<u32> = zone.of_type(Rtype::CNAME).map(|r| r.owner).collect();
        owners.sort_unstable();
        owners.dedup();
        for owner in owners {
            let cnames = zone.rrset(owner, Rtype::CNAME);
            let Some(&first) = cnames.first() else {
                continue;
            };
            let others =
                |(t, _): &(Rtype, &[u32])| !matches!(*t, Rtype::CNAME | Rtype::RRSIG | Rtype::NSEC);
            if cnames.len() < 2 && !zone.rrsets_at(owner).any(|s| others(&s)) {
                continue;
            }
            let c = zone.record(first);
            let name = fmt_name(&zone.owners[owner as usize]);
            crate::rules::support::report_singleton_extras(
                cx,
                zone,
                META.name,
                &name,
                Rtype::CNAME,
                cnames,
                "an alias points at exactly one name: keep one CNAME record",
            );
            for (t, recs) in zone.rrsets_at(owner).filter(others) {
                let r = zone.record(recs[0]);
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!("{name} has a CNAME and a {t} record; a name with a CNAME can have no other data"))
                        .label(format!("{t} beside the CNAME"))
                        .related(c.file, c.span, "the CNAME")
                        .help(format!("remove the {t} record, or replace the CNAME with the records of its target")),
                );
            }
        }
    }
}
