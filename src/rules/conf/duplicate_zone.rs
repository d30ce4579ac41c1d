//! `duplicate-zone`: two zone statements for the same name and class in the same view.

use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use std::collections::HashMap;

crate::rule_meta!("duplicate-zone", Error);

pub struct DuplicateZone;

impl Rule for DuplicateZone {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let mut seen: HashMap<(Option<usize>, String, String), usize> = HashMap::new();
        for (i, z) in conf.zones.iter().enumerate() {
            let key = match &z.origin {
                Some(o) => crate::names::fmt_name(o).to_ascii_lowercase(),
                None => z.name.to_ascii_lowercase(),
            };
            let class = if z.class == "INTERNET" {
                "IN".into()
            } else {
                z.class.clone()
            };
            // A hint zone lives apart from the served zones: `zone "." { type hint; }`
            // beside a root `mirror` (or a local root copy) is BIND's documented setup.
            // So does a `redirect` zone (NXDOMAIN redirection, one per view, often ".").
            let class = if z.kind == "hint" || z.kind == "redirect" {
                format!("{class}/{}", z.kind)
            } else {
                class
            };
            match seen.get(&(z.view, key.clone(), class.clone())) {
                Some(&j) => {
                    let first = &conf.zones[j];
                    cx.report(
                        Diagnostic::new(META.name, z.stmt.file, z.name_span(), format!("zone {} is defined twice", z.name))
                            .label("second definition")
                            .related(first.stmt.file, first.name_span(), "first definition")
                            .help("remove one of the two statements (named refuses to load a configuration with a zone defined twice in one view)"),
                    );
                }
                None => {
                    seen.insert((z.view, key, class), i);
                }
            }
        }
    }
}
