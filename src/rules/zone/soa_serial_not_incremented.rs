//! `soa-serial-not-incremented`: found by the git-aware comparison with `--git-base`
//! (see `crate::gitbase`), after the other rules; registered here for its level, docs and
//! SARIF metadata.

use crate::rules::{Rule, RuleMeta};

crate::rule_meta!("soa-serial-not-incremented", Error);

pub struct SoaSerialNotIncremented;

impl Rule for SoaSerialNotIncremented {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
