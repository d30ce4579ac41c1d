//! `recursion-settings-conflict`: `recursion no` together with an `allow-recursion` list.
//!
//! A pair set in the options block is reported once there; a view is reported when it
//! sets one of the two itself.

use crate::conf::{is_no, NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("recursion-settings-conflict", Warning);

pub struct RecursionSettingsConflict;

const LISTS: [&str; 2] = ["allow-recursion", "allow-recursion-on"];

fn report(cx: &mut Ctx, rec: &Stmt, ar: &Stmt) {
    // `allow-recursion { none; }` beside `recursion no` says the same thing twice.
    if ar.block().is_some_and(super::is_none_list) {
        return;
    }
    let name = ar.keyword().unwrap_or_default();
    cx.report(
        Diagnostic::new(META.name, ar.file, ar.span, format!("`{name}` has no effect: recursion is off"))
            .label("ignored")
            .related(rec.file, rec.span, "recursion switched off here")
            .help(format!("remove `{name}`, or switch recursion on if this server should resolve for the clients it lists")),
    );
}

impl Rule for RecursionSettingsConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let off = |s: &&Stmt| s.value().is_some_and(is_no);
        if let Some(o) = conf.options() {
            if let Some(rec) = o.find("recursion").filter(off) {
                for n in LISTS {
                    if let Some(ar) = o.find(n) {
                        report(cx, rec, ar);
                    }
                }
            }
        }
        for (i, v) in conf.views().iter().enumerate() {
            let Some(b) = v.block() else { continue };
            let Some(rec) = conf.view_option(Some(i), "recursion").filter(off) else {
                continue;
            };
            for n in LISTS {
                let Some(ar) = conf.view_option(Some(i), n) else {
                    continue;
                };
                if b.find(n).is_some() || b.find("recursion").is_some() {
                    report(cx, rec, ar);
                }
            }
        }
    }
}
