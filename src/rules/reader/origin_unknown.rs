//! `origin-unknown`: reported while files are discovered and read (see `project`), before
//! any zone exists; forwarded here so that levels apply as for any rule.

use crate::project::Project;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("origin-unknown", Warning);

pub struct OriginUnknown;

impl Rule for OriginUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_project(&self, project: &Project, cx: &mut Ctx) {
        cx.forward(&project.load_findings);
    }
}
