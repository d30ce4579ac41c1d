//! `secondary-without-primaries`: a secondary, stub or (non-root) mirror zone with no
//! `primaries` (or `masters`) to transfer from.

use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("secondary-without-primaries", Error);

pub struct SecondaryWithoutPrimaries;

impl Rule for SecondaryWithoutPrimaries {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        for z in &conf.zones {
            let root = z.name.trim_end_matches('.').is_empty();
            let needs = match z.kind.as_str() {
                "secondary" | "stub" => true,
                "mirror" => !root,
                _ => false,
            };
            let Some(b) = z.block() else { continue };
            if !needs || b.find("in-view").is_some() || b.find("template").is_some() {
                continue;
            }
            let list = b.find("primaries").or_else(|| b.find("masters"));
            let empty = list.is_some_and(|l| l.block().is_some_and(|x| x.stmts.is_empty()));
            if list.is_none() || empty {
                let at = list.map_or((z.stmt.file, z.name_span()), |l| (l.file, l.span));
                cx.report(
                    Diagnostic::new(META.name, at.0, at.1, format!("{} zone {} has no primaries to transfer from", z.kind, z.name))
                        .label(if empty { "empty list" } else { "no `primaries`" })
                        .help("add `primaries { 192.0.2.1; };` (named refuses to load the zone without them)"),
                );
            }
        }
    }
}
