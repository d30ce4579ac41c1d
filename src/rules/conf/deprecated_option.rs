//! `deprecated-option`: an option the target BIND (`[server] bind`) still takes but has
//! deprecated; on 9.18, the names and `*-source … port` that 9.20 removes.

use super::unknown_option::source_port;
use super::walk_known;
use crate::conf::grammar::{Bind, Status, REMOVED_IN_920};
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
        let bind = cx.options.bind;
        let grammar = bind.grammar();
        walk_known(conf, &mut |place, _, s| {
            let Some(kw) = s.keyword() else { return };
            // A name the target loads with a warning and the next release removes.
            let removed_next = bind < Bind::V920 && REMOVED_IN_920.contains(&kw.as_str());
            if grammar
                .get(&kw)
                .and_then(|e| e.at(place))
                .is_some_and(|(st, _)| st == Status::Deprecated)
            {
                let (msg, help) = if removed_next {
                    (format!("option `{kw}` is deprecated in BIND {}; BIND 9.20 removes it", bind.name()), "named warns about it at every start, and 9.20 refuses to load the configuration; see the BIND release notes for its replacement")
                } else {
                    (format!("option `{kw}` is deprecated"), "named warns about it at every start and a later release removes it; see the BIND release notes for its replacement")
                };
                cx.report(
                    Diagnostic::new(META.name, s.file, s.head_span(), msg)
                        .label("deprecated")
                        .help(help),
                );
            }
            if bind < Bind::V920 {
                if let Some(p) = source_port(&kw, s) {
                    cx.report(
                        Diagnostic::new(META.name, s.file, p.span, format!("the `port` of `{kw}` is deprecated in BIND {}; BIND 9.20 removes it", bind.name()))
                            .label("deprecated")
                            .help("remove `port …`: BIND picks random source ports (a fixed one made cache poisoning easy)"),
                    );
                }
            }
        });
    }
}
