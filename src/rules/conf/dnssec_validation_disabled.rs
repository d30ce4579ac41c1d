//! `dnssec-validation-disabled`: `dnssec-validation no;` on a server.

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
        let blocks = conf
            .options()
            .into_iter()
            .chain(conf.views().into_iter().filter_map(|v| v.block()));
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
