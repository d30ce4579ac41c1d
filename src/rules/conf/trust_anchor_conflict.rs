//! `trust-anchor-conflict`: a static trust anchor for the root zone (it breaks at the next
//! root key rollover), or static and initializing anchors for the same name.

use crate::conf::{Item, NamedConf, Stmt, Word};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use std::collections::HashMap;

crate::rule_meta!("trust-anchor-conflict", Error);

pub struct TrustAnchorConflict;

/// (name, static?, entry) of every anchor in trust-anchors, managed-keys, trusted-keys.
fn anchors(conf: &NamedConf) -> Vec<(String, bool, &Stmt, &Word)> {
    let mut out = Vec::new();
    let blocks = conf.stmts.iter().chain(
        conf.views()
            .into_iter()
            .filter_map(|v| v.block())
            .flat_map(|b| b.stmts.iter()),
    );
    for s in blocks {
        let kind = match s.keyword().as_deref() {
            Some(k @ ("trust-anchors" | "managed-keys" | "trusted-keys")) => k.to_string(),
            _ => continue,
        };
        let Some(b) = s.block() else { continue };
        for e in &b.stmts {
            let Some(Item::Word(name)) = e.items.first() else {
                continue;
            };
            let how = match e.items.get(1) {
                Some(Item::Word(w)) => w.text.to_ascii_lowercase(),
                _ => String::new(),
            };
            let is_static = kind == "trusted-keys" || how.starts_with("static");
            out.push((
                name.text.trim_end_matches('.').to_ascii_lowercase(),
                is_static,
                e,
                name,
            ));
        }
    }
    out
}

impl Rule for TrustAnchorConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let all = anchors(conf);
        let mut first: HashMap<(String, bool), &Stmt> = HashMap::new();
        for (name, is_static, e, w) in &all {
            if *is_static && name.is_empty() {
                cx.report(
                    Diagnostic::new(META.name, e.file, w.span, "static trust anchor for the root zone")
                        .label("fails at the next root key rollover")
                        .help("use `trust-anchors { . initial-key …; };` (RFC 5011 updates) or rely on `dnssec-validation auto;` and BIND's built-in root key"),
                );
            }
            first.entry((name.clone(), *is_static)).or_insert(e);
        }
        for (name, is_static, e, w) in &all {
            if *is_static {
                if let Some(other) = first.get(&(name.clone(), false)) {
                    cx.report(
                        Diagnostic::new(META.name, e.file, w.span, format!("static and initializing trust anchors for the same name `{}`", w.text))
                            .label("static anchor")
                            .related(other.file, other.span, "initializing anchor")
                            .help("keep one kind: `initial-key`/`initial-ds` (RFC 5011 managed) or `static-key`/`static-ds`"),
                    );
                }
            }
        }
    }
}
