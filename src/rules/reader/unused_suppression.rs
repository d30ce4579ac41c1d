//! `unused-suppression`: found while suppression comments are applied, after every other rule ran
//! (see `crate::suppress`); registered here for its level, docs and SARIF metadata.

use crate::rules::{Rule, RuleMeta};

crate::rule_meta!("unused-suppression", Warning);

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
