//! `cname-loop`: CNAME chains inside the project that lead back to themselves.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::authoritative;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use std::collections::HashSet;

crate::rule_meta!("cname-loop", Error);

pub struct CnameLoop;

/// Names of a loop written out in the message; a longer loop is counted.
const SHOWN: usize = 16;

impl Rule for CnameLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    /// Every chain is followed to its end or to a name seen before, whatever its
    /// length (no depth cut: a loop of 65 links is a loop). Names already known to end
    /// somewhere, or to lead into a known loop, stop a walk at once, so the zone's
    /// CNAMEs are walked in time linear in their number.
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let mut settled: HashSet<DName> = HashSet::new();
        for &i in zone.type_index(Rtype::CNAME) {
            let r = zone.record(i);
            // A target that is no CNAME of this zone ends the chain at once.
            if let Some(o) = zone.target_owner(i) {
                if zone.rrset(o, Rtype::CNAME).is_empty() {
                    continue;
                }
            } else if r.data.target().is_some_and(|t| zone.contains(t)) {
                continue;
            }
            let start = zone.owner_name(r).clone();
            if settled.contains(&start) {
                continue;
            }
            let mut chain: Vec<DName> = vec![start.clone()];
            let mut on_chain: HashSet<DName> = HashSet::from([start.clone()]);
            let mut cur_zone = zone;
            let mut cur = r;
            let mut loop_from = None;
            while let Some(t) = cur.data.target() {
                if on_chain.contains(t) {
                    loop_from = chain.iter().position(|n| n == t);
                    break;
                }
                if settled.contains(t) {
                    break;
                }
                let Some(z) = authoritative(cx.project, cur_zone, t) else {
                    break;
                };
                let Some(&next) = z.rrset_of(t, Rtype::CNAME).first() else {
                    break;
                };
                chain.push(t.clone());
                on_chain.insert(t.clone());
                cur_zone = z;
                cur = z.record(next);
            }
            // Every name walked now has a known fate.
            settled.extend(chain.iter().cloned());
            let Some(from) = loop_from else {
                continue;
            };
            let members = &chain[from..];
            // Report the loop once: at the member that sorts first, when this zone
            // holds it.
            let Some(first) = members.iter().min() else {
                continue;
            };
            let Some(&fi) = zone.rrset_of(first, Rtype::CNAME).first() else {
                continue;
            };
            let fr = zone.record(fi);
            let at = members.iter().position(|n| n == first).unwrap_or(0);
            let ordered: Vec<&DName> = members[at..].iter().chain(&members[..at]).collect();
            let mut path: Vec<String> = ordered.iter().take(SHOWN).map(|n| fmt_name(n)).collect();
            if ordered.len() > SHOWN {
                path.push(format!("… ({} names in all)", ordered.len()));
            }
            path.push(fmt_name(first));
            cx.report(
                Diagnostic::new(
                    META.name,
                    fr.file,
                    fr.span,
                    format!("CNAME loop: {}", path.join(" → ")),
                )
                .label("this alias leads back to itself")
                .help("make one alias of the chain point at a name that has data (A, AAAA, …)"),
            );
        }
    }
}
