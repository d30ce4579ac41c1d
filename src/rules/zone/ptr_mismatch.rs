//! `ptr-mismatch`: forward and reverse data of the project that disagree: an A/AAAA
//! whose reverse zone (in the project) has no PTR for the address, or a PTR to a name
//! that its forward zone (in the project) does not have.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::{authoritative, has_address};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::text::parse_name;
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use std::net::IpAddr;

crate::rule_meta!("ptr-mismatch", Info);

pub struct PtrMismatch;

/// `192.0.2.1` → `1.2.0.192.in-addr.arpa.`; IPv6 by nibbles under `ip6.arpa.`.
pub fn reverse_name(ip: IpAddr) -> DName {
    let text = match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            format!("{}.{}.{}.{}.in-addr.arpa.", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(a) => {
            let mut s = String::new();
            for b in a.octets().iter().rev() {
                s.push_str(&format!("{:x}.{:x}.", b & 0xf, b >> 4));
            }
            s + "ip6.arpa."
        }
    };
    parse_name(text.as_bytes(), &DName::root_bytes())
        .map(|(n, _)| n)
        .unwrap_or_else(|_| DName::root_bytes())
}

impl Rule for PtrMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let types: &[Rtype] = if cx.project.has_reverse_zones {
            &[Rtype::A, Rtype::AAAA, Rtype::PTR]
        } else {
            &[Rtype::PTR]
        };
        for r in zone.of_types(types) {
            let ip = match r.data.addr() {
                Some(ip) => ip,
                None if r.rtype == Rtype::PTR => {
                    // PTR → a forward name the project has no address for.
                    let Some(t) = r.data.target() else { continue };
                    let Some(fz) = authoritative(cx.project, zone, t) else {
                        continue;
                    };
                    if std::ptr::eq(fz, zone) || has_address(fz, t) {
                        continue;
                    }
                    cx.report(
                        Diagnostic::new(META.name, r.file, r.rdata_span, format!("PTR target {} has no A or AAAA record in zone {}", fmt_name(t), fmt_name(&fz.origin)))
                            .label("reverse without forward")
                            .help("forward-confirmed reverse DNS (FCrDNS) needs the name to resolve back to the address: add it to the forward zone, or fix the PTR"),
                    );
                    continue;
                }
                None => continue,
            };
            // A/AAAA → is the reverse zone in the project, and does it have a PTR?
            if !cx.project.has_reverse_zones {
                continue;
            }
            if zone.below_cut(r.owner).is_some() || zone.is_cut(r.owner) {
                continue; // glue
            }
            let rev = reverse_name(ip);
            // Only a zone of the reverse tree answers for it: a root zone or a hints file
            // in the project is not "the reverse zone" of every address.
            let Some(rz) = cx
                .project
                .zone_for(&rev)
                .filter(|z| crate::names::in_reverse_tree(&z.origin))
            else {
                continue;
            };
            if rz.cut_for_name(&rev).is_some() || !rz.rrset_or_wildcard(&rev, Rtype::PTR).is_empty()
            {
                continue;
            }
            let span = r.owner_or_entry_span();
            cx.report(
                Diagnostic::new(
                    META.name,
                    r.file,
                    span,
                    format!(
                        "{} has address {ip}, but reverse zone {} has no PTR at {}",
                        fmt_name(zone.owner_name(r)),
                        fmt_name(&rz.origin),
                        fmt_name(&rev)
                    ),
                )
                .label("forward without reverse")
                .help(format!(
                    "add `{} IN PTR {}` to the reverse zone (mail servers and logs look it up)",
                    fmt_name(&rev),
                    fmt_name(zone.owner_name(r))
                )),
            );
        }
    }
}
