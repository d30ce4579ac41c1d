//! `delegation-without-redundancy`: a delegation to a single name server, or, for an
//! address family its name servers use, only one name server reachable over it.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;
use std::collections::BTreeSet;

crate::rule_meta!("delegation-without-redundancy", Warning);

pub struct DelegationWithoutRedundancy;

impl Rule for DelegationWithoutRedundancy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if crate::names::is_internal_zone(&zone.origin) {
            return;
        }
        // The delegations of this zone, then its own NS RRset (the apex count is
        // single-nameserver's; the address families are checked here).
        let apex = zone.apex_id();
        let owners = zone.cuts.iter().copied().chain(apex);
        for owner in owners {
            let ns = zone.rrset(owner, Rtype::NS);
            let Some(&first) = ns.first() else { continue };
            let name = fmt_name(&zone.owners[owner as usize]);
            let at_apex = Some(owner) == apex;
            let targets: BTreeSet<_> = ns
                .iter()
                .filter_map(|&i| zone.record(i).data.target())
                .map(|t| t.to_string().to_ascii_lowercase())
                .collect();
            let r = zone.record(first);
            if targets.len() < 2 {
                if !at_apex {
                    cx.report(
                        Diagnostic::new(META.name, r.file, r.span, format!("the delegation {name} has a single name server"))
                            .label("the only NS record")
                            .help("delegate to at least two name servers on different networks (RFC 2182 §5); when the one server is down or unreachable, the child zone is gone for everyone"),
                    );
                }
                continue;
            }
            // Address families: only decidable when every server's addresses are here.
            let mut v4 = 0;
            let mut v6 = 0;
            let mut known = true;
            for &i in ns {
                let Some(t) = zone.record(i).data.target() else {
                    continue;
                };
                let (a, aaaa) = (zone.rrset_of(t, Rtype::A), zone.rrset_of(t, Rtype::AAAA));
                if !zone.contains(t) || (a.is_empty() && aaaa.is_empty()) {
                    known = false;
                    break;
                }
                v4 += usize::from(!a.is_empty());
                v6 += usize::from(!aaaa.is_empty());
            }
            if !known {
                continue;
            }
            for (family, count) in [("IPv4", v4), ("IPv6", v6)] {
                if count == 1 {
                    let what = if at_apex {
                        format!("zone {name}")
                    } else {
                        format!("the delegation {name}")
                    };
                    cx.report(
                        Diagnostic::new(META.name, r.file, r.span, format!("{what} has only one name server reachable over {family}"))
                            .label(format!("one of {} name servers has an {family} address", targets.len()))
                            .help(format!("give a second name server an {family} address: resolvers that reach the zone over {family} only have no fallback (Zonemaster DELEGATION01)")),
                    );
                }
            }
        }
    }
}
