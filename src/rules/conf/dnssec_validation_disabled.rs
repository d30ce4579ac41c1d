//! `dnssec-validation-disabled`: `dnssec-validation no;` on a server that resolves (a
//! server or view with recursion off validates nothing: the setting is moot there).

use crate::conf::{is_no, NamedConf};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("dnssec-validation-disabled", Warning);

pub struct DnssecValidationDisabled;

impl Rule for DnssecValidationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        // Validation matters where the server resolves: the options block counts when a
        // scope that inherits it recurses, a view when it recurses itself.
        let inherits = |i: Option<usize>| {
            i.and_then(|i| conf.view(i))
                .and_then(|v| v.block())
                .is_none_or(|b| b.find("dnssec-validation").is_none())
        };
        let options_used = conf
            .scopes()
            .into_iter()
            .any(|v| inherits(v) && super::recursion_on(conf, v));
        let views = conf
            .views()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| super::recursion_on(conf, Some(*i)))
            .filter_map(|(_, v)| v.block());
        let blocks = conf
            .options()
            .into_iter()
            .filter(|_| options_used)
            .chain(views);
        for b in blocks {
            for s in b.all("dnssec-validation") {
                if s.value().is_some_and(is_no) {
                    cx.report(
                        Diagnostic::new(META.name, s.file, s.span, "DNSSEC validation is switched off")
                            .label("`dnssec-validation no`")
                            .help("use `dnssec-validation auto;`: without validation the resolver hands forged answers to its clients"),
                    );
                }
            }
        }
    }
}
