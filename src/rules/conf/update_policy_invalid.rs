//! `update-policy-invalid`: an `update-policy` rule that named refuses.
//!
//! A rule is `grant|deny IDENTITY RULETYPE [NAME] [TYPES…];`. Which rule types take a
//! name, and what the name must be, follows BIND's checks: `self`, `selfsub`, `selfwild`
//! need the identity (or `.`); the Kerberos, Microsoft and TCP/6to4 "self" types need the
//! placeholder `.`; the others need a real name (a type written where the name belongs is
//! the usual mistake); `wildcard` needs a wildcard name; `zonesub` takes none.

use crate::conf::{Item, NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use domain::base::iana::Rtype;
use std::str::FromStr;

crate::rule_meta!("update-policy-invalid", Error);

pub struct UpdatePolicyInvalid;

const SELF_NAME: &[&str] = &["self", "selfsub", "selfwild"];
const PLACEHOLDER: &[&str] = &[
    "ms-self",
    "ms-selfsub",
    "krb5-self",
    "krb5-selfsub",
    "tcp-self",
    "6to4-self",
];
const NEEDS_NAME: &[&str] = &[
    "name",
    "subdomain",
    "wildcard",
    "external",
    "ms-subdomain",
    "krb5-subdomain",
    "ms-subdomain-self-rhs",
    "krb5-subdomain-self-rhs",
];

fn is_type(t: &str) -> bool {
    let base = t.split('(').next().unwrap_or(t);
    base.eq_ignore_ascii_case("ANY") || Rtype::from_str(&base.to_ascii_uppercase()).is_ok()
}

/// `TYPE` or `TYPE(count)`.
fn valid_type_spec(t: &str) -> bool {
    match t.split_once('(') {
        None => is_type(t),
        Some((base, rest)) => {
            is_type(base)
                && rest
                    .strip_suffix(')')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        }
    }
}

fn check_rule(s: &Stmt, cx: &mut Ctx) {
    let words: Vec<_> = s.args().collect();
    let Some(mode) = s.keyword() else { return };
    if mode != "grant" && mode != "deny" {
        return;
    }
    let (Some(identity), Some(rtype)) = (words.first(), words.get(1)) else {
        return;
    };
    let rt = rtype.text.to_ascii_lowercase();
    let name = words.get(2);
    let types_from = if rt == "zonesub" { 2 } else { 3 };
    let mut problem: Option<(crate::source::Span, String)> = None;
    if SELF_NAME.contains(&rt.as_str()) {
        if let Some(n) =
            name.filter(|n| n.text != "." && !n.text.eq_ignore_ascii_case(&identity.text))
        {
            problem = Some((
                n.span,
                format!(
                    "`{rt}` rule: the name field `{}` is neither the identity `{}` nor `.`",
                    n.text, identity.text
                ),
            ));
        }
    } else if PLACEHOLDER.contains(&rt.as_str()) {
        if let Some(n) = name.filter(|n| n.text != ".") {
            problem = Some((
                n.span,
                format!(
                    "`{rt}` rule: the name field must be the placeholder `.`, found `{}`",
                    n.text
                ),
            ));
        }
    } else if NEEDS_NAME.contains(&rt.as_str()) {
        match name {
            Some(n) if words.len() == 3 && is_type(&n.text) => {
                problem = Some((
                    n.span,
                    format!(
                        "`{rt}` rule has no name field: `{}` is a record type",
                        n.text
                    ),
                ));
            }
            Some(n) if rt == "wildcard" && !n.text.starts_with("*.") && n.text != "*" => {
                problem = Some((
                    n.span,
                    format!("`wildcard` rule: `{}` is not a wildcard name", n.text),
                ));
            }
            _ => {}
        }
    }
    if problem.is_none() {
        for t in words.iter().skip(types_from) {
            if !valid_type_spec(&t.text) {
                problem = Some((
                    t.span,
                    format!(
                        "`{}` is not a record type (with an optional count, `PTR(1)`)",
                        t.text
                    ),
                ));
                break;
            }
        }
    }
    if let Some((span, msg)) = problem {
        cx.report(
            Diagnostic::new(META.name, s.file, span, msg)
                .label("named refuses this rule")
                .help("write `grant IDENTITY RULETYPE NAME TYPES;` (the name field is `.` for the self rule types of Kerberos, Microsoft and TCP; `zonesub` has none)"),
        );
    }
}

impl Rule for UpdatePolicyInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        for z in &conf.zones {
            let Some(b) = z.block() else { continue };
            for up in b.all("update-policy") {
                for item in &up.items {
                    if let Item::Block(rules) = item {
                        for r in &rules.stmts {
                            check_rule(r, cx);
                        }
                    }
                }
            }
        }
    }
}
