//! `nameserver-address-special-purpose`: a delegation of a public zone whose name server
//! has an address (glue, or a host of the zone itself) in a range IANA's special-purpose
//! registries mark as not globally reachable: private, loopback, link-local, shared,
//! documentation, reserved, or multicast ([`crate::special_addresses`]).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::special_addresses::special_purpose;
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use std::collections::BTreeSet;

crate::rule_meta!("nameserver-address-special-purpose", Error);

pub struct NameserverAddressSpecialPurpose;

/// A zone resolvers on the Internet are meant to reach: under a TLD of the root zone,
/// not an internal name (`is_internal_zone`) and not one of the names RFC 2606 §3
/// reserves for documentation (`example.com`, `example.net`, `example.org`).
pub fn is_public_zone(origin: &DName) -> bool {
    if crate::names::is_internal_zone(origin) {
        return false;
    }
    let text = fmt_name(origin).to_ascii_lowercase();
    !["example.com.", "example.net.", "example.org."]
        .iter()
        .any(|d| text == *d || text.ends_with(&format!(".{d}")))
}

impl Rule for NameserverAddressSpecialPurpose {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.cuts.is_empty() || !is_public_zone(&zone.origin) {
            return;
        }
        let mut seen = BTreeSet::new();
        for &cut in &zone.cuts {
            let child = &zone.owners[cut as usize];
            for &n in zone.rrset(cut, Rtype::NS) {
                let Some(target) = zone.record(n).data.target() else {
                    continue;
                };
                if !zone.contains(target) {
                    continue; // its addresses are another zone's
                }
                for t in [Rtype::A, Rtype::AAAA] {
                    for &a in zone.rrset_of(target, t) {
                        let r = zone.record(a);
                        let (Some(addr), true) = (r.data.addr(), seen.insert(a)) else {
                            continue;
                        };
                        // The server's own name is looked at only for a special address
                        // (it formats the name): an internal or documentation name
                        // (`a.root.example.`) is an example, not a delegation resolvers
                        // will follow.
                        let Some(range) = special_purpose(addr) else {
                            continue;
                        };
                        if !is_public_zone(target) {
                            continue;
                        }
                        let ns = zone.record(n);
                        cx.report(
                            Diagnostic::new(META.name, r.file, r.span, format!(
                                "name server {} of the delegation {} has the address {addr}, in {range}: resolvers on the Internet cannot reach it",
                                fmt_name(target), fmt_name(child)))
                                .label("not globally reachable")
                                .related(ns.file, ns.span, "the delegation")
                                .help(format!("give the name server a public address (and fix the glue), or, for a zone served only inside a network, keep it out of the public zone (IANA special-purpose registries, {})", crate::special_addresses::REGISTRY_DATE)),
                        );
                    }
                }
            }
        }
    }
}
