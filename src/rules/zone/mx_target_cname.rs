//! `mx-target-cname`: an MX target that is an alias (RFC 2181 §10.3), in this zone or in
//! another zone of the project.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::target_rrset;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{target, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("mx-target-cname", Warning);

pub struct MxTargetCname;

impl Rule for MxTargetCname {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.type_index(Rtype::MX) {
            let r = zone.record(i);
            let Some(t) = r.data.as_ref().and_then(target) else {
                continue;
            };
            let Some((z, cnames)) = target_rrset(cx.project, zone, i, Rtype::CNAME) else {
                continue;
            };
            let Some(&c) = cnames.first() else { continue };
            let c = z.record(c);
            let alias_to = c
                .data
                .as_ref()
                .and_then(target)
                .map(fmt_name)
                .unwrap_or_default();
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, format!(
                    "MX target {} is an alias (CNAME to {alias_to})", fmt_name(t)))
                    .label("points at a CNAME")
                    .related(c.file, c.span, "the CNAME")
                    .help(format!("point the MX record at the canonical name {alias_to} (RFC 2181 §10.3: the target must not be an alias)")),
            );
        }
    }
}
