//! `svcb-dns-incomplete`: an SVCB record for a DNS server (RFC 9461: owner `_dns` or
//! `_<port>._dns`) in service mode without `alpn`, or announcing HTTP without `dohpath`.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::svcb::{alpn_ids, from_wire};
use crate::zone::Zone;
use domain::base::iana::Rtype;
use domain::base::name::ToLabelIter;
use domain::base::rdata::ComposeRecordData;

crate::rule_meta!("svcb-dns-incomplete", Error);

pub struct SvcbDnsIncomplete;

fn is_dns_service_owner(owner: &crate::zone::DName) -> bool {
    let mut labels = owner.iter_labels();
    let first = labels.next().map(|l| l.as_slice().to_ascii_lowercase());
    let second = labels.next().map(|l| l.as_slice().to_ascii_lowercase());
    match (first.as_deref(), second.as_deref()) {
        (Some(b"_dns"), _) => true,
        (Some(p), Some(b"_dns")) => {
            p.len() > 1 && p[0] == b'_' && p[1..].iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

fn is_http(id: &[u8]) -> bool {
    // An id holding a comma (`h1\,h2` escaped one level too few) is read as the list
    // the operator most likely meant.
    id.split(|&b| b == b',')
        .any(|p| matches!(p, b"h2" | b"h3" | b"http/1.1"))
}

impl Rule for SvcbDnsIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for r in zone.of_type(Rtype::SVCB) {
            let owner = zone.owner_name(r);
            if !is_dns_service_owner(owner) {
                continue;
            }
            let Some(data) = r.data.boxed() else { continue };
            let mut wire = Vec::new();
            if data.compose_rdata(&mut wire).is_err() {
                continue;
            }
            let Some((priority, params)) = from_wire(&wire) else {
                continue;
            };
            if priority == 0 {
                continue; // alias mode carries no parameters
            }
            let problem = match params.get(&1) {
                None => Some(
                    "has no alpn: a DNS server binding must name its transports (RFC 9461 §4.1)",
                ),
                Some(alpn)
                    if alpn_ids(alpn).iter().any(|id| is_http(id)) && !params.contains_key(&7) =>
                {
                    Some("announces DNS over HTTPS in alpn but has no dohpath (RFC 9461 §5)")
                }
                _ => None,
            };
            if let Some(p) = problem {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!("SVCB record of DNS server {} {p}", fmt_name(owner)))
                        .label("incomplete DNS server binding")
                        .help("add `alpn=dot` (or doq, h2, h3) and, for h2/h3/http/1.1, `dohpath=/dns-query{?dns}`"),
                );
            }
        }
    }
}
