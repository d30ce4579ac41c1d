//! `forward-only-without-redundancy`: `forward only` with fewer than two forwarders.
//!
//! named.conf: checked where forwarding is decided: the options block, each view, and
//! each zone that forwards (`type forward`, or a zone with its own
//! `forward`/`forwarders`). Forwarders and the forward mode are inherited (zone → view →
//! options); the finding is reported once, at the scope that sets the mode or the
//! forwarders.
//!
//! unbound.conf: each `forward-zone:` with one server (`forward-addr:` addresses and
//! `forward-host:` names, each counted once) and `forward-first: no` (the default), and
//! each `stub-zone:` likewise (`stub-addr:`, `stub-host:`, `stub-first:`) unless its one
//! server has a loopback, private or unique-local address (an internal authoritative
//! server: a second address would have to be a second server).

use crate::conf::{NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("forward-only-without-redundancy", Error);

pub struct ForwardOnlyWithoutRedundancy;

/// Special-use names no public server answers for, resolved by software on the host:
/// `onion` (RFC 7686), `alt` (RFC 9476), `local` (RFC 6762, mDNS).
const LOCAL_SPECIAL_USE: &[&str] = &["onion", "alt", "local"];

fn is_special_use(zone: &str) -> bool {
    let z = zone.trim_end_matches('.').to_ascii_lowercase();
    LOCAL_SPECIAL_USE
        .iter()
        .any(|s| z == *s || z.ends_with(&format!(".{s}")))
}

/// A forwarders list whose every element is a loopback address (any port).
fn only_loopback(s: &Stmt) -> bool {
    s.block().is_some_and(|b| {
        !b.stmts.is_empty()
            && b.stmts.iter().all(|e| {
                e.keyword()
                    .and_then(|a| a.parse::<std::net::IpAddr>().ok())
                    .is_some_and(|ip| ip.is_loopback())
            })
    })
}

fn count(s: &Stmt) -> usize {
    s.block().map_or(0, |b| b.stmts.len())
}

impl Rule for ForwardOnlyWithoutRedundancy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_unbound(&self, conf: &crate::unbound::UnboundConf, cx: &mut Ctx) {
        for c in &conf.clauses {
            let (kind, addr, host, first) = match c.name {
                "forward-zone" => ("forward", "forward-addr", "forward-host", "forward-first"),
                "stub-zone" => ("stub", "stub-addr", "stub-host", "stub-first"),
                _ => continue,
            };
            if c.last(first).is_some_and(|o| o.is_yes()) {
                continue;
            }
            let mut servers: Vec<(String, Option<std::net::IpAddr>, &crate::unbound::Opt)> =
                Vec::new();
            for o in c
                .options
                .iter()
                .filter(|o| o.name == addr || o.name == host)
            {
                let Some(v) = o.value() else { continue };
                let ip = (o.name == addr)
                    .then(|| crate::unbound::server_address(&v.text))
                    .flatten();
                let key = match ip {
                    Some(ip) => ip.to_string(),
                    None => v
                        .text
                        .split(['@', '#'])
                        .next()
                        .unwrap_or("")
                        .trim_end_matches('.')
                        .to_ascii_lowercase(),
                };
                if !servers.iter().any(|(k, _, _)| *k == key) {
                    servers.push((key, ip, o));
                }
            }
            let [(_, ip, only)] = servers.as_slice() else {
                continue; // none (nothing is forwarded) or two and more
            };
            let zone = c
                .last("name")
                .and_then(|o| o.value())
                .map_or(String::new(), |v| v.text.clone());
            let loopback = ip.is_some_and(|ip| ip.is_loopback());
            if loopback && is_special_use(&zone) {
                continue;
            }
            // A stub zone served by one server of the operator's own network (loopback,
            // private or unique-local address: an internal zone, a dn42 peer) is a design,
            // not a lapse: a second address would have to be a second server.
            let internal =
                ip.is_some_and(|ip| crate::special_addresses::special_purpose(ip).is_some());
            if kind == "stub" && internal {
                continue;
            }
            let d = Diagnostic::new(
                META.name,
                only.file,
                only.full_span(),
                format!(
                    "{kind}-zone `{}` has a single server and `{first}: no`",
                    crate::output::plain_text(&zone)
                ),
            )
            .label("every query for the zone fails when this server is down")
            .help(format!(
                "add a second `{addr}:` on another network, or set `{first}: yes` so Unbound resolves on its own when the {kind} servers fail"
            ))
            .related(c.file, c.span, format!("the {kind}-zone"));
            cx.report(d);
        }
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let mut report = |mode: &Stmt, fwd: Option<&Stmt>, what: &str| {
            let n = fwd.map_or(0, count);
            let at = fwd
                .filter(|f| f.span.start > mode.span.start || f.file != mode.file)
                .unwrap_or(mode);
            let msg = match n {
                0 => format!("`forward only` {what} with no forwarder"),
                _ => format!("`forward only` {what} with a single forwarder"),
            };
            let mut d = Diagnostic::new(META.name, at.file, at.span, msg)
                .label("every forwarded query fails when this one forwarder is down")
                .help("list at least two forwarders, on different networks, or use `forward first;` so the server can resolve on its own");
            if at.span != mode.span {
                d = d.related(mode.file, mode.span, "forwarding is made exclusive here");
            }
            cx.report(d);
        };
        let is_only = |s: &Stmt| {
            s.value()
                .is_some_and(|w| w.text.eq_ignore_ascii_case("only"))
        };
        // Options and views.
        // The options block, then each view that sets forwarding itself.
        let scopes = std::iter::once(None).chain((0..conf.views().len()).map(Some));
        for view in scopes {
            let own = view.and_then(|i| conf.view(i)?.block());
            let sets =
                own.is_none_or(|b| b.find("forward").is_some() || b.find("forwarders").is_some());
            let mode = conf.view_option(view, "forward");
            let fwd = conf.view_option(view, "forwarders");
            if let Some(m) = mode.filter(|m| is_only(m)) {
                if sets && fwd.is_some_and(|f| count(f) < 2) {
                    report(
                        m,
                        fwd,
                        if view.is_some() {
                            "in this view"
                        } else {
                            "for the server"
                        },
                    );
                }
            }
        }
        // Zones that forward.
        for z in &conf.zones {
            let Some(b) = z.block() else { continue };
            let own_fwd = b.find("forwarders");
            let own_mode = b.find("forward");
            if own_fwd.is_none() && own_mode.is_none() {
                continue; // inherits both: reported where they are set
            }
            let fwd = own_fwd.or_else(|| conf.view_option(z.view, "forwarders"));
            // An empty list in a zone switches forwarding off for it.
            if own_fwd.is_some_and(|f| count(f) == 0) {
                continue;
            }
            // A special-use name sent to a daemon on this host (`onion` to Tor's DNS
            // port): there is no second place to ask, and forwarding it elsewhere would be
            // the fault (RFC 7686 §2).
            if is_special_use(&z.name) && fwd.is_some_and(only_loopback) {
                continue;
            }
            // The mode is inherited like the list (BIND's default: first).
            let mode = own_mode.or_else(|| conf.view_option(z.view, "forward"));
            if let Some(m) = mode.filter(|m| is_only(m)) {
                if fwd.is_some_and(|f| count(f) < 2) {
                    report(m, fwd, &format!("for zone {}", z.name));
                }
            }
        }
    }
}
