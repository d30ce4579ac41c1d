//! `cname-loop`: CNAME chains inside the project that lead back to themselves.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::authoritative;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("cname-loop", Error);

pub struct CnameLoop;

/// Longest chain followed (RFC 1034 resolvers give up long before).
const MAX_CHAIN: usize = 64;

impl Rule for CnameLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
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
            let mut chain: Vec<DName> = vec![start.clone()];
            let mut cur_zone = zone;
            let mut cur = r;
            let mut looped = false;
            for _ in 0..MAX_CHAIN {
                let Some(t) = cur.data.target() else {
                    break;
                };
                if chain.iter().any(|n| n == t) {
                    // Report the loop once: at the owner that sorts first.
                    looped = *t == start && chain.iter().all(|n| start <= *n);
                    break;
                }
                let Some(z) = authoritative(cx.project, cur_zone, t) else {
                    break;
                };
                let Some(&next) = z.rrset_of(t, Rtype::CNAME).first() else {
                    break;
                };
                chain.push(t.clone());
                cur_zone = z;
                cur = z.record(next);
            }
            if looped {
                let path: Vec<String> = chain
                    .iter()
                    .map(fmt_name)
                    .chain([fmt_name(&start)])
                    .collect();
                cx.report(
                    Diagnostic::new(
                        META.name,
                        r.file,
                        r.span,
                        format!("CNAME loop: {}", path.join(" → ")),
                    )
                    .label("this alias leads back to itself")
                    .help("make one alias of the chain point at a name that has data (A, AAAA, …)"),
                );
            }
        }
    }
}
