//! `delegation-ns-mismatch`: the parent's NS set for a child differs from the child's
//! own apex NS set, when both zones are in the project.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;
use std::collections::BTreeSet;

crate::rule_meta!("delegation-ns-mismatch", Warning);

pub struct DelegationNsMismatch;

fn ns_names(zone: &Zone, owner: u32) -> BTreeSet<String> {
    zone.rrset(owner, Rtype::NS)
        .iter()
        .filter_map(|&i| zone.record(i).data.target())
        .map(|n| fmt_name(n).to_ascii_lowercase())
        .collect()
}

impl Rule for DelegationNsMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &cut in &zone.cuts {
            let Some(child) = cx.project.zone_at(&zone.owners[cut as usize]) else {
                continue;
            };
            let Some(capex) = child.apex_id() else {
                continue;
            };
            let parent = ns_names(zone, cut);
            let kid = ns_names(child, capex);
            if kid.is_empty() || parent == kid {
                continue;
            }
            let only_parent: Vec<&str> = parent.difference(&kid).map(String::as_str).collect();
            let only_child: Vec<&str> = kid.difference(&parent).map(String::as_str).collect();
            let mut parts = Vec::new();
            if !only_parent.is_empty() {
                parts.push(format!("only the parent lists {}", only_parent.join(", ")));
            }
            if !only_child.is_empty() {
                parts.push(format!("only the child lists {}", only_child.join(", ")));
            }
            let r = zone.record(zone.rrset(cut, Rtype::NS)[0]);
            let c = child.record(child.rrset(capex, Rtype::NS)[0]);
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "delegation of {} disagrees with the child's NS set: {}", fmt_name(&child.origin), parts.join("; ")))
                    .label("the parent's NS set")
                    .related(c.file, c.span, "the child's apex NS set")
                    .help("make the two NS sets equal (RFC 1034 §4.2.2); a server listed only in the parent is often decommissioned and lame, giving intermittent SERVFAIL"),
            );
        }
    }
}
