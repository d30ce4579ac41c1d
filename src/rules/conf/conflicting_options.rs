//! `conflicting-options`: named.conf settings that named refuses in combination: a view of
//! a class other than IN, `primaries` with `masters`, `dlz` with `database`, a
//! `masterfile-style` without text format, a mirror zone where recursion is off or that
//! notifies, a signed zone without `inline-signing` or updates, report channels at or
//! below their zone, `in-view` with zone options, both query sources `none`.

use super::recursion_on;
use crate::conf::{is_yes, NamedConf, Stmt, ZoneDecl};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("conflicting-options", Error);

pub struct ConflictingOptions;

fn report(cx: &mut Ctx, s: &Stmt, msg: String, help: &str) {
    cx.report(
        Diagnostic::new(META.name, s.file, s.head_span(), msg)
            .label("conflicts with the rest of the statement")
            .help(help.to_string()),
    );
}

fn name_of(s: &Stmt) -> String {
    s.value().map_or(String::new(), |w| {
        w.text.trim_end_matches('.').to_ascii_lowercase()
    })
}

fn check_zone(conf: &NamedConf, z: &ZoneDecl, cx: &mut Ctx) {
    let Some(b) = z.block() else { return };
    let own = |n: &str| b.find(n);
    if let (Some(_), Some(m)) = (own("primaries"), own("masters")) {
        report(
            cx,
            m,
            format!("zone {}: `primaries` and `masters` both given", z.name),
            "keep `primaries` (`masters` is its old name)",
        );
    }
    if let (Some(_), Some(d)) = (own("dlz"), own("database")) {
        report(
            cx,
            d,
            format!("zone {}: `dlz` and `database` both given", z.name),
            "a zone is served from one back end: keep one",
        );
    }
    if let Some(st) = conf.zone_option(z, "masterfile-style") {
        let fmt = conf
            .zone_option(z, "masterfile-format")
            .and_then(|s| s.value())
            .map(|w| w.text.to_ascii_lowercase());
        if fmt.as_deref().is_some_and(|f| f != "text") && b.find("masterfile-style").is_some() {
            report(
                cx,
                st,
                format!(
                    "zone {}: `masterfile-style` needs `masterfile-format text`",
                    z.name
                ),
                "remove `masterfile-style` or write the zone as text",
            );
        }
    }
    if z.kind == "mirror" {
        if !recursion_on(conf, z.view) {
            report(cx, &z.stmt, format!("mirror zone {} on a server (or view) where recursion is off", z.name), "a mirror zone serves the resolver's cache: switch recursion on, or make the zone a secondary");
        }
        if let Some(n) = own("notify").filter(|s| s.value().is_some_and(is_yes)) {
            report(
                cx,
                n,
                format!("mirror zone {} with `notify yes`", z.name),
                "use `notify no;` or `notify explicit;` for a mirror zone",
            );
        }
    }
    if own("in-view").is_some() {
        if let Some(other) = b
            .stmts
            .iter()
            .find(|s| !s.is("in-view") && !s.is("forwarders") && !s.is("forward"))
        {
            report(
                cx,
                other,
                format!(
                    "zone {}: `in-view` cannot be combined with other zone options",
                    z.name
                ),
                "configure the zone in the view that defines it",
            );
        }
    }
    let zname = z.name.trim_end_matches('.').to_ascii_lowercase();
    if let Some(rc) = own("send-report-channel") {
        let r = name_of(rc);
        if r == zname || r.ends_with(&format!(".{zname}")) || zname.is_empty() {
            report(
                cx,
                rc,
                format!(
                    "zone {}: send-report-channel `{r}` is at or below the zone",
                    z.name
                ),
                "the report channel must be a name outside the zone",
            );
        }
    }
    if let Some(lc) = own("log-report-channel") {
        if zname.is_empty() && lc.value().is_some_and(is_yes) {
            report(
                cx,
                lc,
                "`log-report-channel` cannot be set in the root zone".into(),
                "remove it from the root zone",
            );
        }
    }
    // A zone signed with a dnssec-policy, with inline signing switched off, needs dynamic
    // updates (a secondary cannot be signed in place at all).
    let policy = conf
        .zone_option(z, "dnssec-policy")
        .and_then(|s| s.value())
        .map(|w| w.text.clone());
    if matches!(z.kind.as_str(), "primary" | "secondary")
        && policy.as_deref().is_some_and(|p| p != "none")
    {
        let off = |s: &Stmt| s.value().is_some_and(crate::conf::is_no);
        let inline_off = match own("inline-signing") {
            Some(s) => off(s),
            None => policy.as_deref().is_some_and(|p| {
                conf.definition("dnssec-policy", p)
                    .and_then(|d| d.block()?.find("inline-signing"))
                    .is_some_and(off)
            }),
        };
        let updates = super::takes_updates(conf, z);
        if inline_off && (z.kind == "secondary" || !updates) {
            let at = own("inline-signing")
                .or(own("dnssec-policy"))
                .unwrap_or(&z.stmt);
            report(cx, at, format!("zone {} is signed with dnssec-policy, but inline signing is off and the zone takes no updates", z.name), "set `inline-signing yes;` (or allow dynamic updates on a primary)");
        }
    }
}

impl Rule for ConflictingOptions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        for v in conf.views() {
            if let Some(c) = v.arg(1) {
                // IN, CHAOS and HESIOD views are all BIND takes (a CHAOS view serving
                // `version.bind` on purpose is common).
                let cl = crate::conf::normalize_class(&c.text);
                let number = cl.strip_prefix("CLASS").and_then(|n| n.parse::<u16>().ok());
                // RFC 6895 §3.2: class 0 is reserved, NONE (254) and ANY (255) are query
                // classes only; no data lives in them.
                let meta =
                    matches!(cl.as_str(), "ANY" | "NONE") || matches!(number, Some(0 | 254 | 255));
                if meta {
                    cx.report(
                        Diagnostic::new(META.name, v.file, c.span, format!("view {} has class {}, a class no data lives in", v.arg(0).map_or("?", |w| w.text.as_str()), c.text))
                            .label("reserved or query-only class")
                            .help("remove the class (views are IN by default); RFC 6895 §3.2 reserves class 0 and keeps NONE and ANY for queries"),
                    );
                } else if !matches!(cl.as_str(), "IN" | "CH" | "HS") && number.is_none() {
                    cx.report(
                        Diagnostic::new(META.name, v.file, c.span, format!("view {} has class {}, which is not a DNS class", v.arg(0).map_or("?", |w| w.text.as_str()), c.text))
                            .label("unknown class")
                            .help("remove the class (views are IN by default) or write `chaos` or `hesiod`"),
                    );
                }
            }
        }
        for z in &conf.zones {
            check_zone(conf, z, cx);
        }
        for block in conf
            .options()
            .into_iter()
            .chain(conf.views().into_iter().filter_map(|v| v.block()))
        {
            let none = |n: &str| {
                block
                    .find(n)
                    .and_then(|s| s.value())
                    .is_some_and(|w| w.text.eq_ignore_ascii_case("none"))
            };
            if none("query-source") && none("query-source-v6") {
                if let Some(s) = block.find("query-source-v6") {
                    report(
                        cx,
                        s,
                        "`query-source` and `query-source-v6` are both `none`".into(),
                        "the resolver could send no query at all: keep one address family",
                    );
                }
            }
            if let Some(cz) = block.find("catalog-zones").and_then(|s| s.block()) {
                for z in cz.all("zone") {
                    if let (Some(_), Some(m)) = (
                        z.block_after("default-primaries"),
                        z.block_after("default-masters"),
                    ) {
                        let _ = m;
                        report(
                            cx,
                            z,
                            "catalog zone with both `default-primaries` and `default-masters`"
                                .into(),
                            "keep `default-primaries` (`default-masters` is its old name)",
                        );
                    }
                }
            }
        }
    }
}
