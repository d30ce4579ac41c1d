//! `open-resolver`: recursion reachable from any address on the Internet.
//!
//! BIND's chain: `allow-recursion` defaults to `allow-query-cache`, which defaults to
//! `allow-query`, which defaults to `localnets; localhost;` — each looked up in the view
//! first, then in the options.

use super::{matches_everyone, recursion_on};
use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("open-resolver", Error);

pub struct OpenResolver;

impl Rule for OpenResolver {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        // Views that inherit the same list from the options block: reported once.
        let mut seen: std::collections::HashSet<(crate::source::FileId, crate::source::Span)> =
            std::collections::HashSet::new();
        if loopback_only(conf) {
            return; // nobody else can reach it
        }
        for view in conf.scopes() {
            if !recursion_on(conf, view) {
                continue;
            }
            // A view that only some clients reach is still open when it matches any.
            if let Some(mc) = view.and_then(|i| conf.view(i)?.block()?.find("match-clients")) {
                if !mc.block().is_some_and(|b| matches_everyone(conf, b)) {
                    continue;
                }
            }
            let chain = ["allow-recursion", "allow-query-cache", "allow-query"];
            let Some(decider) = chain.iter().find_map(|n| conf.view_option(view, n)) else {
                continue; // BIND's default: localnets and localhost
            };
            if !decider.block().is_some_and(|b| matches_everyone(conf, b))
                || !seen.insert((decider.file, decider.span))
            {
                continue;
            }
            let kw = decider.keyword().unwrap_or_default();
            let how = if kw == "allow-recursion" {
                String::new()
            } else {
                format!(" (no `allow-recursion`, so it follows `{kw}`)")
            };
            cx.report(
                Diagnostic::new(META.name, decider.file, decider.span, format!("recursion is open to any address{how}"))
                    .label("anyone on the Internet can use this resolver")
                    .help("restrict recursion to your clients: `allow-recursion { localhost; localnets; 192.0.2.0/24; };` (an open resolver is abused for DDoS amplification and cache poisoning)"),
            );
        }
    }
}

/// Whether the server listens on loopback addresses only: `listen-on` (default: every
/// IPv4 interface) and `listen-on-v6` (default: every IPv6 interface) both written, with
/// nothing but 127.0.0.0/8, `::1` and `none` in their lists. `localhost` is not loopback
/// in an address-match list: it is every address of the host.
fn loopback_only(conf: &NamedConf) -> bool {
    let Some(opts) = conf.options() else {
        return false;
    };
    let loopback = |kw: &str, ok: &dyn Fn(&str) -> bool| {
        let stmts: Vec<_> = opts.all(kw).collect();
        !stmts.is_empty()
            && stmts.iter().all(|s| {
                s.block().is_some_and(|b| {
                    b.stmts.iter().all(|e| {
                        e.items.len() == 1 && e.keyword().is_some_and(|w| w == "none" || ok(&w))
                    })
                })
            })
    };
    let v4 = |w: &str| {
        let a = w.split('/').next().unwrap_or(w);
        a.parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
    };
    let v6 = |w: &str| {
        w.parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback())
    };
    loopback("listen-on", &v4) && loopback("listen-on-v6", &v6)
}
