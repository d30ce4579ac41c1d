//! `glue-mismatch`: glue in the parent that differs from the child zone's own address
//! records, when both zones are in the project (typically after a renumbering).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use std::net::IpAddr;

crate::rule_meta!("glue-mismatch", Error);

pub struct GlueMismatch;

fn addrs(zone: &Zone, name: &DName, t: Rtype) -> Vec<(IpAddr, u32)> {
    let mut v: Vec<(IpAddr, u32)> = zone
        .rrset_of(name, t)
        .iter()
        .filter_map(|&i| Some((zone.record(i).data.addr()?, i)))
        .collect();
    v.sort();
    v
}

impl Rule for GlueMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &cut in &zone.cuts {
            let cut_name = &zone.owners[cut as usize];
            let Some(child) = cx.project.zone_at(cut_name) else {
                continue;
            };
            let mut glue_names: Vec<&DName> = Vec::new();
            for &i in zone.rrset(cut, Rtype::NS) {
                if let Some(t) = zone.record(i).data.target() {
                    if t.ends_with(cut_name) && !glue_names.contains(&t) {
                        glue_names.push(t);
                    }
                }
            }
            for g in glue_names {
                if child.cut_for_name(g).is_some() {
                    continue;
                }
                for t in [Rtype::A, Rtype::AAAA] {
                    let parent = addrs(zone, g, t);
                    if parent.is_empty() {
                        continue;
                    }
                    // Stale glue is a parent address the child does not have. An
                    // address only the child has is not an outage, whether the parent
                    // has glue of its family or not: both are left alone alike.
                    let kid = addrs(child, g, t);
                    let stale = parent.iter().any(|(a, _)| !kid.iter().any(|(b, _)| a == b));
                    if !stale {
                        continue;
                    }
                    let show = |v: &[(IpAddr, u32)]| -> String {
                        if v.is_empty() {
                            "none".into()
                        } else {
                            v.iter()
                                .map(|(a, _)| a.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    };
                    let r = zone.record(parent[0].1);
                    let mut d = Diagnostic::new(META.name, r.file, r.span, format!(
                        "glue {t} for {} is {} in the parent but {} in zone {}",
                        fmt_name(g), show(&parent), show(&kid), fmt_name(&child.origin)))
                        .label("parent glue")
                        .help("update the glue in the parent (at the registry, for a TLD) to the child's current addresses; resolvers use the glue first");
                    d = match kid.first() {
                        Some(&(_, ci)) => d.related(
                            child.record(ci).file,
                            child.record(ci).span,
                            "the child's own record",
                        ),
                        None => d,
                    };
                    cx.report(d);
                }
            }
        }
    }
}
