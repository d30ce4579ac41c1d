//! `mname-not-in-ns`: the SOA MNAME (the primary server) is not among the apex NS names.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("mname-not-in-ns", Info);

pub struct MnameNotInNs;

impl Rule for MnameNotInNs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some((r, soa)) = zone.apex_soa() else {
            return;
        };
        let ns = zone.rrset_of(&zone.origin, Rtype::NS);
        if ns.is_empty() {
            return;
        }
        let mname = soa.mname();
        if ns
            .iter()
            .any(|&n| zone.record(n).data.target() == Some(mname))
        {
            return;
        }
        cx.report(
            Diagnostic::new(META.name, r.file, r.rdata_span, format!("SOA MNAME {} is not one of the zone's NS records", fmt_name(mname)))
                .label("primary server")
                .help("fine for a hidden primary; otherwise list it in NS, or set MNAME to the primary that secondaries send NOTIFY and dynamic updates to (RFC 1996, RFC 2136)"),
        );
    }
}
