//! `allow-transfer-any`: zone transfers (AXFR) allowed to any address.

use super::{matches_everyone, walk_known};
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
        walk_known(conf, &mut |place, _, s| {
            if matches!(place, Place::Options | Place::View | Place::Zone)
                && s.is("allow-transfer")
                && s.block().is_some_and(|b| matches_everyone(conf, b, 0))
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
