//! `undefined-reference`: a named.conf statement refers by name to something no statement
//! defines: a primaries/remote-servers list, a TSIG key, a `tls` or `http` block, a
//! `dnssec-policy`, a `key-store`, a `template`, a catalog or response-policy zone, an
//! `in-view` view.

use super::{is_address, BUILTIN_POLICIES, BUILTIN_TLS};
use crate::conf::{Item, NamedConf, Stmt, Word};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("undefined-reference", Error);

pub struct UndefinedReference;

/// Statements whose names share the remote-server list namespace.
const LISTS: &[&str] = &["primaries", "masters", "remote-servers", "parental-agents"];
/// Options whose block holds remote servers (addresses or list names).
const LIST_USERS: &[&str] = &[
    "primaries",
    "masters",
    "also-notify",
    "parental-agents",
    "default-primaries",
    "default-masters",
    "remote-servers",
];

fn defined(conf: &NamedConf, kinds: &[&str], name: &str) -> bool {
    let n = name.trim_end_matches('.');
    let same = |w: &Word| w.text.trim_end_matches('.').eq_ignore_ascii_case(n);
    kinds.iter().any(|k| conf.definition(k, name).is_some())
        || conf.views().iter().any(|v| {
            v.block().is_some_and(|b| {
                b.stmts
                    .iter()
                    .any(|s| kinds.iter().any(|k| s.is(k)) && s.arg(0).is_some_and(same))
            })
        })
}

fn missing(
    conf: &NamedConf,
    cx: &mut Ctx,
    file: crate::source::FileId,
    w: &Word,
    what: &str,
    help: &str,
) {
    super::report_undefined(
        cx,
        conf,
        Diagnostic::new(
            META.name,
            file,
            w.span,
            format!("{what} `{}` is not defined", w.text),
        )
        .label("no statement defines this name")
        .help(help.to_string()),
    );
}

/// The `key X` and `tls X` references among a statement's words.
fn key_tls_refs(conf: &NamedConf, s: &Stmt, cx: &mut Ctx) {
    let words: Vec<&Word> = s.words().collect();
    for pair in words.windows(2) {
        let k = pair[0].text.to_ascii_lowercase();
        let v = pair[1];
        if pair[0].quoted {
            continue;
        }
        match k.as_str() {
            "key" if !defined(conf, &["key"], &v.text) => missing(
                conf,
                cx,
                s.file,
                v,
                "key",
                "define it with `key NAME { algorithm hmac-sha256; secret \"…\"; };`",
            ),
            "tls"
                if !BUILTIN_TLS.contains(&v.text.as_str()) && !defined(conf, &["tls"], &v.text) =>
            {
                missing(
                    conf,
                    cx,
                    s.file,
                    v,
                    "tls",
                    "define it with `tls NAME { … };` or use `ephemeral`",
                )
            }
            "http" if v.text != "default" && !defined(conf, &["http"], &v.text) => missing(
                conf,
                cx,
                s.file,
                v,
                "http",
                "define it with `http NAME { endpoints { \"/dns-query\"; }; };` or use `default`",
            ),
            _ => {}
        }
    }
}

/// A reference to a `template`, `dnssec-policy` or `key-store` by name (the built-in
/// policies need no definition).
fn check_named(conf: &NamedConf, s: &Stmt, w: &Word, kind: &str, cx: &mut Ctx) {
    if kind == "dnssec-policy" && BUILTIN_POLICIES.contains(&w.text.as_str()) {
        return;
    }
    if defined(conf, &[kind], &w.text) {
        return;
    }
    let help = match kind {
        "template" => "define it with `template NAME { … };`",
        "dnssec-policy" => "define the policy with `dnssec-policy NAME { … };` or use `default`",
        _ => "define it with `key-store NAME { directory \"keys\"; };`",
    };
    missing(conf, cx, s.file, w, kind, help);
}

/// A remote-server block: list names among its elements, and key/tls references.
fn check_list(conf: &NamedConf, s: &Stmt, cx: &mut Ctx) {
    key_tls_refs(conf, s, cx);
    for item in &s.items {
        let Item::Block(b) = item else { continue };
        for e in &b.stmts {
            key_tls_refs(conf, e, cx);
            let Some(Item::Word(first)) = e.items.first() else {
                continue;
            };
            if is_address(&first.text.to_ascii_lowercase()) {
                continue;
            }
            if !defined(conf, LISTS, &first.text) {
                missing(conf,cx, e.file, first, "remote-servers list", "define it with `remote-servers NAME { 192.0.2.1; };` (or `primaries NAME`), or write the address");
            }
        }
    }
}

fn walk(conf: &NamedConf, stmts: &[Stmt], cx: &mut Ctx) {
    for s in stmts {
        let kw = s.keyword().unwrap_or_default();
        if LIST_USERS.contains(&kw.as_str()) {
            check_list(conf, s, cx);
            continue;
        }
        if kw == "options" || kw == "view" {
            // An inherited also-notify is resolved only for the zones that notify with it.
            if let Some(b) = s.block() {
                let inner: Vec<Stmt> = b
                    .stmts
                    .iter()
                    .filter(|x| !x.is("also-notify") || used_also_notify(conf, x))
                    .cloned()
                    .collect();
                walk(conf, &inner, cx);
            }
            continue;
        }
        match kw.as_str() {
            "listen-on" | "listen-on-v6" | "forwarders" | "server" => {
                key_tls_refs(conf, s, cx);
                if kw == "forwarders" {
                    for e in s.block().into_iter().flat_map(|b| b.stmts.iter()) {
                        key_tls_refs(conf, e, cx);
                    }
                }
            }
            "keys" => {
                if let Some(b) = s.block() {
                    for k in &b.stmts {
                        if k.is("ksk") || k.is("zsk") || k.is("csk") {
                            continue; // the keys of a dnssec-policy
                        }
                        if let Some(Item::Word(w)) = k.items.first() {
                            if !defined(conf, &["key"], &w.text) {
                                missing(conf,cx, k.file, w, "key", "define it with `key NAME { algorithm hmac-sha256; secret \"…\"; };`");
                            }
                        }
                    }
                }
            }
            "template" | "dnssec-policy" | "key-store" if s.block().is_none() => {
                if let Some(w) = s.value() {
                    check_named(conf, s, w, &kw, cx);
                }
            }
            _ => {}
        }
        // Key lines of a dnssec-policy name their key store inline.
        if s.is("ksk") || s.is("zsk") || s.is("csk") {
            if let Some(w) = s.after("key-store") {
                check_named(conf, s, w, "key-store", cx);
            }
        }
        // `controls { inet … keys { NAME; }; }`: named refuses a key it does not know.
        for pair in s.items.windows(2) {
            if let [Item::Word(k), Item::Block(b)] = pair {
                if !k.quoted && k.text.eq_ignore_ascii_case("keys") && kw != "keys" {
                    for e in &b.stmts {
                        if let Some(Item::Word(w)) = e.items.first() {
                            if !defined(conf, &["key"], &w.text) {
                                missing(conf, cx, e.file, w, "key", "define it with `key NAME { algorithm hmac-sha256; secret \"…\"; };` (rndc-confgen -a writes rndc.key)");
                            }
                        }
                    }
                }
            }
        }
        let aml = kw == "acl"
            || kw.starts_with("allow-")
            || kw == "match-clients"
            || kw == "match-destinations";
        for item in &s.items {
            if let Item::Block(b) = item {
                if aml {
                    aml_keys(conf, b, cx);
                    continue;
                }
                if kw == "update-policy" {
                    continue;
                }
                walk(conf, &b.stmts, cx);
            }
        }
    }
}

/// `key NAME` elements of an address-match list. named loads a list that names a key it
/// does not know, but the element matches no request: an `allow-update { key ddns; }`
/// whose key is undefined lets nobody update. A warning, not an error: the server starts.
fn aml_keys(conf: &NamedConf, b: &crate::conf::Block, cx: &mut Ctx) {
    for e in &b.stmts {
        let words: Vec<&Word> = e.words().collect();
        for pair in words.windows(2) {
            if pair[0].quoted || !pair[0].text.eq_ignore_ascii_case("key") {
                continue;
            }
            if !defined(conf, &["key"], &pair[1].text) {
                let d = Diagnostic::new(
                    META.name,
                    e.file,
                    pair[1].span,
                    format!("key `{}` is not defined: this element matches nothing", pair[1].text),
                )
                .label("no key statement defines this name")
                .help("define it with `key NAME { algorithm hmac-sha256; secret \"…\"; };`, or fix the name");
                if conf.incomplete() {
                    super::report_undefined(cx, conf, d);
                } else {
                    cx.report_at_most(d, crate::diagnostic::Severity::Warning);
                }
            }
        }
        for item in &e.items {
            if let Item::Block(inner) = item {
                aml_keys(conf, inner, cx);
            }
        }
    }
}

/// Whether an options- or view-level `also-notify` is used by a zone: one that notifies
/// and has no list of its own.
fn used_also_notify(conf: &NamedConf, s: &Stmt) -> bool {
    conf.zones.iter().any(|z| {
        matches!(z.kind.as_str(), "primary" | "secondary")
            && z.block().is_some_and(|b| b.find("also-notify").is_none())
            && conf
                .zone_option(z, "also-notify")
                .is_some_and(|a| std::ptr::eq(a, s))
            && !conf
                .zone_option(z, "notify")
                .and_then(|n| n.value())
                .is_some_and(crate::conf::is_no)
    })
}

/// Zones of a view that are primary or secondary, by lowercased name without the dot.
fn served(conf: &NamedConf, view: Option<usize>, name: &str) -> bool {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    conf.zones.iter().any(|z| {
        z.view == view
            && matches!(z.kind.as_str(), "primary" | "secondary")
            && z.name.trim_end_matches('.').eq_ignore_ascii_case(&n)
    })
}

impl Rule for UndefinedReference {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        walk(conf, &conf.stmts, cx);
        // Catalog and response-policy zones must be zones this server serves (an
        // options-level list is checked in each view, reported once).
        let mut seen = std::collections::HashSet::new();
        for opt in ["catalog-zones", "response-policy"] {
            for (view, b) in conf.scoped_blocks(opt) {
                for z in b.all("zone") {
                    let Some(w) = z.arg(0) else { continue };
                    if !served(conf, view, &w.text) && seen.insert((z.file, w.span)) {
                        cx.report(
                            Diagnostic::new(META.name, z.file, w.span, format!("{opt} zone `{}` is not a primary or secondary zone of this server", w.text))
                                .label("no such zone")
                                .help("add the zone (type primary or secondary) in the same view, or fix the name"),
                        );
                    }
                }
            }
        }
        // in-view names a view defined before, which has the zone.
        let views = conf.views();
        for z in &conf.zones {
            let Some(iv) = z.block().and_then(|b| b.find("in-view")) else {
                continue;
            };
            let Some(w) = iv.value() else { continue };
            let here = z.view.unwrap_or(usize::MAX);
            let target = views
                .iter()
                .position(|v| v.arg(0).is_some_and(|n| n.text == w.text));
            let ok = target.is_some_and(|t| {
                t < here
                    && conf.zones.iter().any(|o| {
                        o.view == Some(t)
                            && o.name
                                .trim_end_matches('.')
                                .eq_ignore_ascii_case(z.name.trim_end_matches('.'))
                            && o.block().is_some_and(|b| b.find("in-view").is_none())
                    })
            });
            if !ok {
                cx.report(
                    Diagnostic::new(META.name, iv.file, w.span, format!("`in-view` zone {} does not exist in view `{}` (or that view comes later)", z.name, w.text))
                        .label("nothing to share")
                        .help("define the zone in that view, before this one"),
                );
            }
        }
    }
}
