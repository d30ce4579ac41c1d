//! `zone-file-shared`: two zone statements use the same file and at least one of them
//! writes to it (a secondary, mirror or stub zone, or a primary with dynamic updates or
//! DNSSEC signing).

use crate::conf::{is_yes, NamedConf, ZoneDecl};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use std::collections::HashMap;

crate::rule_meta!("zone-file-shared", Error);

pub struct ZoneFileShared;

/// Whether named writes to the zone's file.
fn writes(conf: &NamedConf, z: &ZoneDecl) -> bool {
    if matches!(z.kind.as_str(), "secondary" | "mirror" | "stub") {
        return true;
    }
    if z.kind != "primary" {
        return false;
    }
    let own = |n: &str| z.block().and_then(|b| b.find(n));
    let updates = super::takes_updates(conf, z);
    let signs = conf
        .zone_option(z, "dnssec-policy")
        .and_then(|s| s.value())
        .is_some_and(|w| w.text != "none")
        || own("inline-signing")
            .and_then(|s| s.value())
            .is_some_and(is_yes);
    updates || signs
}

/// The zone's file: its own, or its template's (`$name` stands for the zone name).
fn file_of(
    conf: &NamedConf,
    z: &ZoneDecl,
) -> Option<(String, crate::source::FileId, crate::source::Span)> {
    if let Some(f) = &z.file {
        let key = match &f.resolved {
            Ok(p) => p.to_string_lossy().into_owned(),
            Err(_) => f.written.clone(),
        };
        return Some((key, f.conf_file, f.span));
    }
    let t = z.block()?.find("template")?.value()?;
    let tpl = conf.definition("template", &t.text)?;
    let file = tpl.block()?.find("file")?;
    let w = file.value()?;
    let name = z.name.trim_end_matches('.');
    Some((w.text.replace("$name", name), file.file, w.span))
}

impl Rule for ZoneFileShared {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let mut by_file: HashMap<String, Vec<&ZoneDecl>> = HashMap::new();
        for z in &conf.zones {
            if z.block().is_some_and(|b| b.find("in-view").is_some()) {
                continue;
            }
            if let Some((key, _, _)) = file_of(conf, z) {
                by_file.entry(key).or_default().push(z);
            }
        }
        let mut groups: Vec<_> = by_file.into_values().filter(|v| v.len() > 1).collect();
        groups.sort_by_key(|v| (v[0].stmt.file, v[0].stmt.span.start));
        for zones in groups {
            if !zones.iter().any(|z| writes(conf, z)) {
                continue;
            }
            let first = zones[0];
            for z in &zones[1..] {
                let (_, f, span) = file_of(conf, z).expect("grouped by file");
                cx.report(
                    Diagnostic::new(META.name, f, span, format!("zone {} uses the file of zone {}, and named writes to it", z.name, first.name))
                        .label("file already in use")
                        .related(first.stmt.file, first.name_span(), "the other zone")
                        .help("give each zone its own file: transfers, dynamic updates and signing rewrite it, and the zones overwrite each other"),
                );
            }
        }
    }
}
