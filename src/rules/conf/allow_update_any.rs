//! `allow-update-any`: dynamic updates accepted from any address.

use super::{matches_everyone, walk_known};
use crate::conf::grammar::Ctx as Place;
use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("allow-update-any", Warning);

pub struct AllowUpdateAny;

impl Rule for AllowUpdateAny {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        walk_known(conf, &mut |place, _, s| {
            if !matches!(place, Place::Options | Place::View | Place::Zone) {
                return;
            }
            let name = match s.keyword().as_deref() {
                Some(n @ ("allow-update" | "allow-update-forwarding")) => n.to_string(),
                _ => return,
            };
            if s.block().is_some_and(|b| matches_everyone(conf, b)) {
                cx.report(
                    Diagnostic::new(META.name, s.file, s.span, format!("`{name}` lets any address change the zone"))
                        .label("open to everyone")
                        .help("allow updates by TSIG key only (`update-policy { grant ddns-key zonesub ANY; };` or `allow-update { key ddns-key; };`)"),
                );
            }
        });
    }
}
