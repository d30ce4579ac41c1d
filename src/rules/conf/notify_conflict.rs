//! `notify-conflict`: `also-notify` where notifies are switched off.

use crate::conf::{is_no, NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("notify-conflict", Warning);

pub struct NotifyConflict;

fn report(cx: &mut Ctx, also: &Stmt, off: &Stmt) {
    // `also-notify { none; }` agrees with `notify no`.
    if also.block().is_some_and(super::is_none_list) {
        return;
    }
    cx.report(
        Diagnostic::new(
            META.name,
            also.file,
            also.span,
            "`also-notify` has no effect: `notify no` switches notifies off",
        )
        .label("never sent")
        .related(off.file, off.span, "notifies switched off here")
        .help(
            "remove `also-notify`, or use `notify explicit;` to notify only the servers it lists",
        ),
    );
}

impl Rule for NotifyConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let off = |s: &&Stmt| s.value().is_some_and(is_no);
        // Options and views: where both are set in the same block.
        let blocks = conf
            .options()
            .into_iter()
            .chain(conf.views().into_iter().filter_map(|v| v.block()));
        for b in blocks {
            if let (Some(n), Some(a)) = (b.find("notify").filter(off), b.find("also-notify")) {
                report(cx, a, n);
            }
        }
        // Zones: a zone's own also-notify while its notify (own or inherited) is off.
        for z in &conf.zones {
            let Some(a) = z.block().and_then(|b| b.find("also-notify")) else {
                continue;
            };
            if let Some(n) = conf.zone_option(z, "notify").filter(off) {
                report(cx, a, n);
            }
        }
    }
}
