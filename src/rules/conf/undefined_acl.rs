//! `undefined-acl`: an address-match list names an ACL that no `acl` statement defines.
//!
//! Every address-match list is looked at, zone level included (named-checkconf misses
//! the zone level, named then fails at load time).

use super::{acl_refs, walk_known};
use crate::conf::{Item, NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("undefined-acl", Error);

pub struct UndefinedAcl;

/// Options whose block is an address-match list.
const AML: &[&str] = &[
    "allow-query",
    "allow-query-on",
    "allow-query-cache",
    "allow-query-cache-on",
    "allow-recursion",
    "allow-recursion-on",
    "allow-transfer",
    "allow-update",
    "allow-update-forwarding",
    "allow-notify",
    "blackhole",
    "match-clients",
    "match-destinations",
    "listen-on",
    "listen-on-v6",
    "no-case-compress",
    "keep-response-order",
    "deny-answer-addresses",
    "allow-proxy",
    "allow-proxy-on",
    "sig0checks-quota-exempt",
    "exempt-clients",
    "clients",
    "mapped",
    "exclude",
    "allow-v6-synthesis",
    "sortlist",
    "allow",
    "acl",
];

fn check_stmt(conf: &NamedConf, s: &Stmt, cx: &mut Ctx) {
    let kw = s.keyword().unwrap_or_default();
    // `root-delegation-only exclude { "de"; };` lists domain names, not ACLs.
    if kw.eq_ignore_ascii_case("root-delegation-only") {
        return;
    }
    for (i, item) in s.items.iter().enumerate() {
        let Item::Block(b) = item else { continue };
        // `deny-answer-* { … } except-from { "example.org"; }` lists domain names.
        if matches!(i.checked_sub(1).map(|j| &s.items[j]), Some(Item::Word(w)) if w.text.eq_ignore_ascii_case("except-from"))
        {
            continue;
        }
        // The keyword before the block (`allow { … }` in controls) or the statement's.
        let key = match i.checked_sub(1).map(|j| &s.items[j]) {
            Some(Item::Word(w))
                if !w.quoted && AML.contains(&w.text.to_ascii_lowercase().as_str()) =>
            {
                w.text.to_ascii_lowercase()
            }
            _ => kw.clone(),
        };
        if AML.contains(&key.as_str()) {
            for w in acl_refs(b) {
                if conf.acl(&w.text).is_none() {
                    super::report_undefined(
                        cx,
                        conf,
                        Diagnostic::new(META.name, s.file, w.span, format!("ACL `{}` is not defined", w.text))
                            .label("no `acl` statement defines this name")
                            .help(format!("define it (`acl \"{}\" {{ 192.0.2.0/24; }};`) or fix the spelling; named refuses to load an undefined ACL", w.text)),
                    );
                }
            }
        } else {
            // Lists nested in other blocks (rate-limit, dns64, controls, response-padding).
            for inner in &b.stmts {
                check_stmt(conf, inner, cx);
            }
        }
    }
}

impl Rule for UndefinedAcl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        walk_known(conf, &mut |place, _, s| {
            use crate::conf::grammar::Ctx as P;
            match place {
                // Containers: their inner statements are walked on their own.
                P::Top
                    if s.is("options")
                        || s.is("view")
                        || s.is("zone")
                        || s.is("server")
                        || s.is("dnssec-policy") => {}
                P::View if s.is("zone") || s.is("server") => {}
                _ => check_stmt(conf, s, cx),
            }
        });
    }
}
