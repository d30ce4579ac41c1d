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

/// Addresses of a name: glue or data in this zone, or data in the project's zone for it.
fn addresses(zone: &Zone, cx: &Ctx, name: &DName) -> Vec<IpAddr> {
    let src: &Zone = if zone.contains(name) {
        zone
    } else {
        match authoritative(cx.project, zone, name) {
            Some(z) => z,
            None => return Vec::new(),
        }
    };
    let Some(o) = src.owner_id(name) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    for t in [Rtype::A, Rtype::AAAA] {
        for &i in src.rrset(o, t) {
            v.extend(src.record(i).data.addr());
        }
    }
    v
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
        for owner in owners {
            let ns = zone.rrset(owner, Rtype::NS);
            let mut seen: Vec<(IpAddr, &DName, u32)> = Vec::new();
            for &i in ns {
                let Some(t) = zone.record(i).data.target() else {
                    continue;
                };
                for ip in addresses(zone, cx, t) {
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
