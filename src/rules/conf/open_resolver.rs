//! `open-resolver`: recursion reachable from any address on the Internet.
//!
//! unbound.conf: an `access-control:` that allows (`allow`, `allow_snoop`,
//! `allow_setrd`, `allow_cookie`) a world-wide range (shorter than /8 for IPv4, /12 for
//! IPv6: more than one network's own addresses), or an `interface-action:` that allows
//! everyone on the wildcard or a public interface address, on a server with an
//! `interface:` that is not loopback. Unbound's defaults are modelled:
//! with no `interface:` it listens on 127.0.0.1 and ::1 only, and with no
//! `access-control:` it answers localhost only.
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

/// The access-control actions that let a client use the resolver.
const UNBOUND_ALLOWS: &[&str] = &["allow", "allow_snoop", "allow_setrd", "allow_cookie"];

impl Rule for OpenResolver {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_unbound(&self, conf: &crate::unbound::UnboundConf, cx: &mut Ctx) {
        use crate::unbound::{is_loopback_interface, netblock};
        // Listening beyond this host: some `interface:` that is not loopback (no
        // `interface:` at all: 127.0.0.1 and ::1 only).
        let Some(listen) = conf
            .server_all("interface")
            .find(|o| o.value().is_some_and(|v| !is_loopback_interface(&v.text)))
        else {
            return;
        };
        // World-wide: larger than any one network's allocation (shorter than /8 for
        // IPv4, /12 for IPv6: 0.0.0.0/0, ::/0, 2000::/3), and not private space. An
        // operator's own public prefix (`2001:db8:1::/48 allow`) is no open resolver.
        let world = |block: &str| {
            netblock(block).is_some_and(|(ip, len)| {
                len < if ip.is_ipv4() { 8 } else { 12 }
                    && crate::special_addresses::network_special_purpose(ip, len).is_none()
            })
        };
        for o in conf.server_all("access-control") {
            let [block, action] = o.values.as_slice() else {
                continue;
            };
            if !UNBOUND_ALLOWS.contains(&action.text.as_str()) || !world(&block.text) {
                continue;
            }
            cx.report(
                Diagnostic::new(
                    META.name,
                    o.file,
                    o.full_span(),
                    format!(
                        "`access-control` lets {} use the resolver",
                        if block.text.ends_with("/0") {
                            "any address".to_string()
                        } else {
                            format!("a world-wide range ({})", crate::output::plain_text(&block.text))
                        }
                    ),
                )
                .label("anyone in this range on the Internet can use this resolver")
                .related(listen.file, listen.full_span(), "listening beyond this host")
                .help("allow your own networks only (`access-control: 192.0.2.0/24 allow`); an open resolver is abused for DDoS amplification and cache poisoning"),
            );
        }
        // `interface-action: <interface> allow`: every client that reaches that
        // interface, from anywhere.
        for o in conf.server_all("interface-action") {
            let [iface, action] = o.values.as_slice() else {
                continue;
            };
            // Only an address says where the interface is reachable from: the wildcard
            // (every interface) or a public address. A name (`eth0`) may be a LAN's.
            let reachable = crate::unbound::server_address(&iface.text).is_some_and(|ip| {
                ip.is_unspecified() || crate::special_addresses::special_purpose(ip).is_none()
            });
            if UNBOUND_ALLOWS.contains(&action.text.as_str()) && reachable {
                cx.report(
                    Diagnostic::new(
                        META.name,
                        o.file,
                        o.full_span(),
                        format!(
                            "`interface-action` lets every client that reaches {} use the resolver",
                            crate::output::plain_text(&iface.text)
                        ),
                    )
                    .label("no address restriction on this interface")
                    .help("allow by address with `access-control:` instead, for your own networks only"),
                );
            }
        }
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
