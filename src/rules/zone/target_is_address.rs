//! `target-is-address`: an IP address written where a host name belongs (`MX 10
//! 192.0.2.25`, `NS 2001:db8::53`).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::target_role;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::name::ToLabelIter;

crate::rule_meta!("target-is-address", Error);

pub struct TargetIsAddress;

/// Whether the name begins with an IP literal: four decimal octets followed by the root
/// or by the zone's origin (how `192.0.2.1` without a dot is read), or any label with a
/// colon (an IPv6 address that became a label).
pub fn ip_literal(name: &DName, origin: &DName) -> Option<String> {
    if !crate::names::may_be_ip_literal(name.as_slice()) {
        return None;
    }
    let labels: Vec<&[u8]> = name.iter_labels().map(|l| l.as_slice()).collect();
    if labels.iter().any(|l| l.contains(&b':')) {
        let text = String::from_utf8_lossy(labels.iter().find(|l| l.contains(&b':')).unwrap())
            .into_owned();
        if text.parse::<std::net::Ipv6Addr>().is_ok() {
            return Some(text);
        }
    }
    let octet = |l: &&[u8]| {
        !l.is_empty()
            && l.len() <= 3
            && l.iter().all(u8::is_ascii_digit)
            && String::from_utf8_lossy(l)
                .parse::<u16>()
                .is_ok_and(|v| v <= 255)
    };
    if labels.len() >= 5 && labels[..4].iter().all(octet) {
        let rest_is_root = labels.len() == 5;
        let rest_is_origin =
            name.label_count() == origin.label_count() + 4 && name.ends_with(origin);
        if rest_is_root || rest_is_origin {
            let text: Vec<String> = labels[..4]
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect();
            return Some(text.join("."));
        }
    }
    None
}

impl Rule for TargetIsAddress {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // The records with a target (NS, MX, CNAME, DNAME, PTR, SRV, SVCB, HTTPS) that
        // may name an address: the index notes them while it resolves the targets.
        for &i in zone.ip_like_targets() {
            let r = zone.record(i);
            let Some(t) = r.data.target() else {
                continue;
            };
            let Some(ip) = ip_literal(t, &zone.origin) else {
                continue;
            };
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, format!(
                    "{} is the address {ip}, read as the name {}", target_role(r.rtype), fmt_name(t)))
                    .label("an address where a host name belongs")
                    .help(format!("{} records point at names: give the host a name (`host IN A {ip}`) and use that name", r.rtype)),
            );
        }
    }
}
