//! `statistics-channel-exposed`: a statistics channel listening on a non-loopback
//! address with no allow list that keeps the world out.

use super::matches_everyone;
use crate::conf::{Item, NamedConf};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("statistics-channel-exposed", Warning);

pub struct StatisticsChannelExposed;

fn loopback(a: &str) -> bool {
    a.starts_with("127.") || a == "::1" || a.eq_ignore_ascii_case("localhost")
}

impl Rule for StatisticsChannelExposed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        for sc in conf.top("statistics-channels") {
            let Some(b) = sc.block() else { continue };
            for s in b.all("inet") {
                let Some(Item::Word(addr)) = s.items.get(1) else {
                    continue;
                };
                if loopback(&addr.text) {
                    continue;
                }
                let allow = s.block_after("allow");
                if allow.is_some_and(|a| !matches_everyone(conf, a)) {
                    continue;
                }
                let why = if allow.is_some() {
                    "its allow list lets any address in"
                } else {
                    "it has no allow list (BIND's default lets everyone in)"
                };
                cx.report(
                    Diagnostic::new(META.name, s.file, s.span, format!("statistics channel on {} is reachable from the network: {why}", addr.text))
                        .label("exposed statistics")
                        .help("listen on 127.0.0.1 or add `allow { 127.0.0.1; 192.0.2.10; };`: the channel shows the server's zones, version, traffic and memory to whoever asks"),
                );
            }
        }
    }
}
