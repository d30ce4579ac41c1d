//! `syntax-error`: reported by the zone reader while it reads a file (see `zone::parser`),
//! forwarded here so that levels and suppressions apply as for any rule.

use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("syntax-error", Error);

pub struct SyntaxError;

impl Rule for SyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        cx.forward(&zone.reader_findings);
    }
}
