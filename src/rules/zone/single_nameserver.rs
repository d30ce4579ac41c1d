//! `single-nameserver`: the apex NS RRset names only one server.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("single-nameserver", Warning);

pub struct SingleNameserver;

impl Rule for SingleNameserver {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.apex_failed(Rtype::NS) {
            return; // the syntax error says it already
        }
        // A zone only a site's own resolvers reach needs no second server elsewhere.
        if crate::names::is_internal_zone(&zone.origin) {
            return;
        }
        let ns = zone.rrset_of(&zone.origin, Rtype::NS);
        if ns.len() != 1 {
            return;
        }
        let r = zone.record(ns[0]);
        cx.report(
            Diagnostic::new(META.name, r.file, r.span, format!("zone {} has a single name server", fmt_name(&zone.origin)))
                .label("the only NS record")
                .help("add a second NS record for a server on another network (RFC 2182 §5 asks for at least two, topologically apart)"),
        );
    }
}
