//! `duplicate-definition`: a name defined twice (an ACL, key, list of servers, `tls`,
//! `dnssec-policy`, view, …), a built-in name redefined, the same control socket twice,
//! or a single-valued option written twice in one block.

use crate::conf::grammar::{Value, GRAMMAR};
use crate::conf::{NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use std::collections::HashMap;

crate::rule_meta!("duplicate-definition", Error);

pub struct DuplicateDefinition;

/// Namespaces of named definitions; the remote-server lists share one.
fn namespace(kw: &str) -> Option<&'static str> {
    Some(match kw {
        "acl" => "acl",
        "key" => "key",
        "tls" => "tls",
        "http" => "http",
        "dnssec-policy" => "dnssec-policy",
        "key-store" => "key-store",
        "template" => "template",
        "view" => "view",
        "primaries" | "masters" | "remote-servers" | "parental-agents" => "remote-servers list",
        _ => return None,
    })
}

/// Built-in names that a definition cannot take.
fn reserved(ns: &str, name: &str) -> bool {
    match ns {
        "dnssec-policy" => super::BUILTIN_POLICIES.contains(&name),
        "tls" => super::BUILTIN_TLS.contains(&name),
        "acl" => super::BUILTIN_ACLS.contains(&name),
        _ => false,
    }
}

/// Options that may be written several times in one block.
const MULTI: &[&str] = &[
    "check-names",
    "listen-on",
    "listen-on-v6",
    "disable-algorithms",
    "disable-ds-digests",
    "disable-empty-zone",
    "dns64",
    "dnssec-must-be-secure",
    "server",
    "zone",
    "key",
    "trust-anchors",
    "managed-keys",
    "trusted-keys",
    "dyndb",
    "plugin",
    "include",
    "dlz",
    "deny-answer-aliases",
    "catalog-zones",
];

fn report(cx: &mut Ctx, s: &Stmt, first: &Stmt, msg: String, help: &str) {
    let at = s.arg(0).map_or(s.head_span(), |w| w.span);
    cx.report(
        Diagnostic::new(META.name, s.file, at, msg)
            .label("defined again here")
            .related(
                first.file,
                first.arg(0).map_or(first.head_span(), |w| w.span),
                "first definition",
            )
            .help(help.to_string()),
    );
}

impl Rule for DuplicateDefinition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let mut seen: HashMap<(&str, String), &Stmt> = HashMap::new();
        let tops = conf.stmts.iter().chain(
            conf.views()
                .into_iter()
                .filter_map(|v| v.block())
                .flat_map(|b| b.stmts.iter().filter(|s| s.is("key"))),
        );
        for s in tops {
            let Some(kw) = s.keyword() else { continue };
            let Some(ns) = namespace(&kw) else { continue };
            let Some(name) = s.arg(0) else { continue };
            let key = name.text.trim_end_matches('.').to_ascii_lowercase();
            if reserved(ns, &key) {
                cx.report(
                    Diagnostic::new(
                        META.name,
                        s.file,
                        name.span,
                        format!(
                            "{ns} name `{}` is built in and cannot be redefined",
                            name.text
                        ),
                    )
                    .label("reserved name")
                    .help("choose another name"),
                );
                continue;
            }
            match seen.get(&(ns, key.clone())) {
                Some(first) => report(
                    cx,
                    s,
                    first,
                    format!("{ns} `{}` is defined twice", name.text),
                    "keep one definition, or rename one of them",
                ),
                None => {
                    seen.insert((ns, key), s);
                }
            }
        }
        // The same control socket twice.
        let mut sockets: HashMap<String, &Stmt> = HashMap::new();
        for c in conf.top("controls") {
            for s in c.block().into_iter().flat_map(|b| b.all("inet")) {
                let addr = s.arg(0).map(|w| w.text.clone()).unwrap_or_default();
                let port = s
                    .after("port")
                    .map_or("953".to_string(), |w| w.text.clone());
                let key = format!("{addr}#{port}");
                match sockets.get(&key) {
                    Some(first) => report(
                        cx,
                        s,
                        first,
                        format!("control socket {key} is defined twice"),
                        "remove one of the two `inet` entries",
                    ),
                    None => {
                        sockets.insert(key, s);
                    }
                }
            }
        }
        // A single-valued option twice in one block.
        let blocks: Vec<&crate::conf::Block> = conf
            .options()
            .into_iter()
            .chain(conf.views().into_iter().filter_map(|v| v.block()))
            .chain(conf.zones.iter().filter_map(|z| z.block()))
            .collect();
        for b in blocks {
            let mut first: HashMap<String, &Stmt> = HashMap::new();
            for s in &b.stmts {
                let Some(kw) = s.keyword() else { continue };
                if MULTI.contains(&kw.as_str()) || GRAMMAR.get(&kw).is_none() {
                    continue;
                }
                let single = GRAMMAR.get(&kw).is_some_and(|e| {
                    e.places
                        .iter()
                        .any(|p| p.2 != Value::Other || kw.starts_with("allow-"))
                }) || [
                    "parental-agents",
                    "primaries",
                    "masters",
                    "also-notify",
                    "forwarders",
                    "type",
                    "file",
                    "forward",
                ]
                .contains(&kw.as_str());
                if !single {
                    continue;
                }
                match first.get(&kw) {
                    Some(f) => cx.report(
                        Diagnostic::new(META.name, s.file, s.head_span(), format!("option `{kw}` is set twice in this block"))
                            .label("set again")
                            .related(f.file, f.head_span(), "first set here")
                            .help("keep one of the two; named refuses a block that sets a single-valued option twice"),
                    ),
                    None => {
                        first.insert(kw, s);
                    }
                }
            }
            // check-names: one entry per type, and not both spellings of a type.
            let mut types: HashMap<String, &Stmt> = HashMap::new();
            for s in b.all("check-names") {
                let Some(t) = s.arg(0) else { continue };
                let norm = crate::conf::normalize_type(&t.text);
                match types.get(&norm) {
                    Some(f) => cx.report(
                        Diagnostic::new(META.name, s.file, t.span, format!("`check-names {norm}` is set twice in this block"))
                            .label("set again")
                            .related(f.file, f.head_span(), "first set here")
                            .help("keep one `check-names` per zone type (`primary` and `master` are the same type)"),
                    ),
                    None => {
                        types.insert(norm, s);
                    }
                }
            }
        }
        // A catalog zone listed twice.
        for (_, cz) in conf.scoped_blocks("catalog-zones") {
            let mut names: HashMap<String, &Stmt> = HashMap::new();
            for z in cz.all("zone") {
                let Some(w) = z.arg(0) else { continue };
                let k = w.text.trim_end_matches('.').to_ascii_lowercase();
                match names.get(&k) {
                    Some(f) => report(
                        cx,
                        z,
                        f,
                        format!("catalog zone `{}` is listed twice", w.text),
                        "list each catalog zone once",
                    ),
                    None => {
                        names.insert(k, z);
                    }
                }
            }
        }
    }
}
