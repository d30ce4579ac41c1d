//! `soa-serial-not-incremented`: with `--git-base`, each zone whose files changed is read
//! as it was at the base revision (see `crate::gitbase`) and compared with the zone now.

use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("soa-serial-not-incremented", Error);

pub struct SoaSerialNotIncremented;

impl Rule for SoaSerialNotIncremented {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some(base) = &cx.project.base else {
            return;
        };
        if let Some(d) = base.serial_finding(zone, &cx.project.sources, cx.now) {
            cx.report(d);
        }
    }
}
