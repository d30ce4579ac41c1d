//! `ns-target-cname`: an NS target that is an alias (RFC 2181 §10.3), in this zone or in
//! another zone of the project.

use crate::rules::support::report_alias_targets;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("ns-target-cname", Warning);

pub struct NsTargetCname;

impl Rule for NsTargetCname {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        report_alias_targets(zone, cx, Rtype::NS);
    }
}
