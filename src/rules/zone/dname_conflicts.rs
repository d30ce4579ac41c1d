//! `dname-conflicts`: data below a DNAME, a DNAME beside a CNAME or beside NS below the
//! apex, several DNAMEs at one name, or an NS target below a DNAME (RFC 6672 §2.3, §2.4).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("dname-conflicts", Error);

pub struct DnameConflicts;

impl Rule for DnameConflicts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if !zone.has_dname && !zone.apex_dname && zone.type_index(Rtype::DNAME).is_empty() {
            return;
        }
        let apex = zone.apex_id();
        for owner in 0..zone.owners.len() as u32 {
            let name = fmt_name(&zone.owners[owner as usize]);
            if let Some(d) = zone.below_dname(owner) {
                let dr = zone.record(zone.rrset(d, Rtype::DNAME)[0]);
                for &i in zone.node(owner) {
                    let r = zone.record(i);
                    cx.report(
                        Diagnostic::new(META.name, r.file, r.span, format!(
                            "{} record at {name} lies below the DNAME at {}; it can never be answered",
                            r.rtype, fmt_name(&zone.owners[d as usize])))
                            .label("occluded by the DNAME")
                            .related(dr.file, dr.span, "the DNAME")
                            .help("RFC 6672 §2.3: no data may exist below a DNAME; remove it, or move it to the DNAME's target"),
                    );
                }
            }
            let dnames = zone.rrset(owner, Rtype::DNAME);
            let Some(&first) = dnames.first() else {
                continue;
            };
            let d = zone.record(first);
            crate::rules::support::report_singleton_extras(
                cx,
                zone,
                META.name,
                &name,
                Rtype::DNAME,
                dnames,
                "a DNAME is a singleton (RFC 6672 §2.4): keep one",
            );
            let mut beside = |t: Rtype, why: &str| {
                if let Some(&i) = zone.rrset(owner, t).first() {
                    let r = zone.record(i);
                    cx.report(
                        Diagnostic::new(
                            META.name,
                            r.file,
                            r.span,
                            format!("{name} has a DNAME and a {t} record"),
                        )
                        .label(format!("{t} beside the DNAME"))
                        .related(d.file, d.span, "the DNAME")
                        .help(why.to_string()),
                    );
                }
            };
            beside(Rtype::CNAME, "a name cannot be both an alias (CNAME) and a redirection of its subtree (DNAME); keep one");
            if Some(owner) != apex {
                beside(Rtype::NS, "a DNAME cannot stand at a delegation point (RFC 6672 §2.3): delegate the name or redirect it, not both");
            }
        }
        // NS targets that a DNAME redirects away (the apex DNAME included). NS records
        // that are themselves below a DNAME are never served, so their targets do not
        // matter.
        let apex = zone.apex_id();
        for r in zone.of_type(Rtype::NS) {
            let Some(t) = r.data.target() else {
                continue;
            };
            let below_apex_dname =
                |n: &crate::zone::DName| zone.apex_dname && zone.contains(n) && *n != zone.origin;
            if zone.below_dname(r.owner).is_some()
                || (Some(r.owner) != apex && below_apex_dname(zone.owner_name(r)))
            {
                continue;
            }
            let d = match zone.dname_above(t) {
                Some(d) => d,
                None if below_apex_dname(t) => apex.unwrap_or(0),
                None => continue,
            };
            let dr = zone.record(zone.rrset(d, Rtype::DNAME)[0]);
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, format!("NS target {} lies below the DNAME at {}", fmt_name(t), fmt_name(&zone.owners[d as usize])))
                    .label("redirected by a DNAME")
                    .related(dr.file, dr.span, "the DNAME")
                    .help("name servers must be reachable without following a DNAME: use the server's canonical name"),
            );
        }
    }
}
