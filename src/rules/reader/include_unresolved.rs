//! `include-unresolved`: reported by the zone reader while it reads a file (see `zone::parser`),
//! forwarded here so that levels and suppressions apply as for any rule.

use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("include-unresolved", Error);

pub struct IncludeUnresolved;

impl Rule for IncludeUnresolved {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_unbound(&self, conf: &crate::unbound::UnboundConf, cx: &mut Ctx) {
        cx.forward(&conf.reader_findings);
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        cx.forward(&zone.reader_findings);
    }
    fn check_conf(&self, conf: &crate::conf::NamedConf, cx: &mut Ctx) {
        cx.forward(&conf.reader_findings);
    }
    /// Faults in DS files (`dsset-<zone>.`), which are read apart from the zones.
    fn check_project(&self, project: &crate::project::Project, cx: &mut Ctx) {
        cx.forward(&project.load_findings);
    }
}
