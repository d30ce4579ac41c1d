//! `invalid-suppression`: found while suppression comments are applied, after every other rule ran
//! (see `crate::suppress`); registered here for its level, docs and SARIF metadata.

use crate::rules::{Rule, RuleMeta};

crate::rule_meta!("invalid-suppression", Warning);

pub struct InvalidSuppression;

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
