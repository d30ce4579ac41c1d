//! `nameserver-addresses-not-distinct`: two name servers of one NS set share an address,
//! so the set is less redundant than it looks.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::authoritative;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use std::net::IpAddr;

crate::rule_meta!("nameserver-addresses-not-distinct", Warning);

pub struct NameserverAddressesNotDistinct;

/// Addresses of the target of NS record `i` (into `out`): glue or data in this zone
/// (found through the precomputed target owner), or data in the project's zone for it.
fn addresses(zone: &Zone, cx: &Ctx, i: u32, name: &DName, out: &mut Vec<IpAddr>) {
    out.clear();
    let found = match zone.target_owner(i) {
        Some(o) => Some((zone, o)),
        None if zone.contains(name) => None,
        None => authoritative(cx.project, zone, name).and_then(|z| Some((z, z.owner_id(name)?))),
    };
    let Some((src, o)) = found else { return };
    for t in [Rtype::A, Rtype::AAAA] {
        out.extend(
            src.rrset(o, t)
                .iter()
                .filter_map(|&r| src.record(r).data.addr()),
        );
    }
}

impl Rule for NameserverAddressesNotDistinct {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let owners: Vec<u32> = zone
            .apex_id()
            .into_iter()
            .chain(zone.cuts.iter().copied())
            .collect();
        let mut addrs = Vec::new();
        for owner in owners {
            let ns = zone.rrset(owner, Rtype::NS);
            let mut seen: Vec<(IpAddr, &DName, u32)> = Vec::new();
            for &i in ns {
                let Some(t) = zone.record(i).data.target() else {
                    continue;
                };
                addresses(zone, cx, i, t, &mut addrs);
                for &ip in &addrs {
                    if let Some((_, other, oi)) = seen.iter().find(|(a, n, _)| *a == ip && *n != t)
                    {
                        let (r, o) = (zone.record(i), zone.record(*oi));
                        cx.report(
                            Diagnostic::new(META.name, r.file, r.span, format!(
                                "name servers {} and {} of {} share the address {ip}",
                                fmt_name(t), fmt_name(other), fmt_name(&zone.owners[owner as usize])))
                                .label("same address as another NS")
                                .related(o.file, o.span, "the other name server")
                                .help("two names for one server give no redundancy: use servers on different addresses and networks (RFC 2182 §3)"),
                        );
                    } else {
                        seen.push((ip, t, i));
                    }
                }
            }
        }
    }
}
