//! `deprecated-option`: an option BIND still takes but has deprecated.

use super::walk_known;
use crate::conf::grammar::{Status, GRAMMAR};
use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("deprecated-option", Warning);

pub struct DeprecatedOption;

impl Rule for DeprecatedOption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        walk_known(conf, &mut |place, _, s| {
            let Some(kw) = s.keyword() else { return };
            if GRAMMAR
                .get(&kw)
                .and_then(|e| e.at(place))
                .is_some_and(|(st, _)| st == Status::Deprecated)
            {
                cx.report(
                    Diagnostic::new(META.name, s.file, s.head_span(), format!("option `{kw}` is deprecated"))
                        .label("deprecated")
                        .help("named warns about it at every start and a later release removes it; see the BIND release notes for its replacement"),
                );
            }
        });
    }
}
