//! `allow-transfer-any`: zone transfers (AXFR) allowed to any address, written or (on
//! BIND 9.18, `[server] bind = "9.18"`) by default.

use super::{is_authoritative, matches_everyone, walk_known};
use crate::conf::grammar::Bind;
use crate::conf::grammar::Ctx as Place;
use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("allow-transfer-any", Warning);

pub struct AllowTransferAny;

impl Rule for AllowTransferAny {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        // BIND 9.18's default is `allow-transfer { any; };` (9.20's is `none`).
        if cx.options.bind < Bind::V920 {
            let open: Vec<_> = conf
                .zones
                .iter()
                .filter(|z| is_authoritative(z) && conf.zone_option(z, "allow-transfer").is_none())
                .collect();
            if let Some(first) = open.first() {
                let more = match open.len() {
                    1 => String::new(),
                    n => format!(" (and {} more zones)", n - 1),
                };
                cx.report(
                    Diagnostic::new(META.name, first.stmt.file, first.name_span(), format!("zone {} has no `allow-transfer`: BIND 9.18 lets any address copy it{more}", first.name))
                        .label("BIND 9.18's default is `any`")
                        .help("set `allow-transfer { none; };` in options and list the secondaries on the zones that have them (BIND 9.20 made `none` the default)"),
                );
            }
        }
        walk_known(conf, &mut |place, _, s| {
            if matches!(place, Place::Options | Place::View | Place::Zone)
                && s.is("allow-transfer")
                && s.block().is_some_and(|b| matches_everyone(conf, b))
            {
                cx.report(
                    Diagnostic::new(META.name, s.file, s.span, "`allow-transfer` lets any address copy the whole zone")
                        .label("open to everyone")
                        .help("list the secondaries (by address or TSIG key): `allow-transfer { key xfer-key; };`"),
                );
            }
        });
    }
}
