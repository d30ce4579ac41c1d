//! `invalid-hostname`: a name that must be a host name (RFC 952, RFC 1123 §2.1) and is
//! not: owners of A, AAAA and MX records, and the hosts in NS, MX, SRV, SVCB/HTTPS, SOA
//! MNAME and reverse-zone PTR data. BIND's `check-names` semantics.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("invalid-hostname", Warning);

pub struct InvalidHostname;

/// Letters, digits and hyphens, no hyphen at either end of a label; a leading `*`
/// label when `wildcard` is allowed.
pub fn is_hostname(name: &DName, wildcard: bool) -> bool {
    // Walks the length octets of the wire form: no label iterator, no allocation.
    let w = name.as_slice();
    let mut i = 0;
    if wildcard && w.starts_with(b"\x01*") {
        i = 2;
    }
    while i < w.len() && w[i] != 0 {
        let l = &w[i + 1..i + 1 + w[i] as usize];
        let ok = l.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            && l[0] != b'-'
            && l[l.len() - 1] != b'-';
        if !ok {
            return false;
        }
        i += 1 + l.len();
    }
    true
}

/// A name below (not at) `in-addr.arpa.` or `ip6.arpa.`, where PTR records name hosts.
fn is_reverse(name: &DName) -> bool {
    crate::names::in_reverse_tree(name) && name.label_count() > 3
}

impl Rule for InvalidHostname {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // Owners of address and mail records: by name, reported once at the first A
        // (else AAAA, else MX) record. The RRset index answers without reading records.
        // Whether each owner is a host name (no wildcard), kept for the targets below.
        let mut host_owner = vec![false; zone.owners.len()];
        for (o, name) in zone.owners.iter().enumerate() {
            host_owner[o] = is_hostname(name, false);
            if host_owner[o] || is_hostname(name, true) {
                continue;
            }
            let o = o as u32;
            let first = [Rtype::A, Rtype::AAAA, Rtype::MX]
                .iter()
                .find_map(|&t| zone.rrset(o, t).first());
            let Some(&first) = first else { continue };
            let r = zone.record(first);
            cx.report(
                Diagnostic::new(META.name, r.file, r.owner_or_entry_span(), format!(
                    "owner {} of a {} record is not a valid host name", fmt_name(name), r.rtype))
                    .label("host names use letters, digits and '-' only")
                    .help("BIND refuses such names with `check-names fail` (the default for primary zones): use only letters, digits and inner hyphens (RFC 952, RFC 1123 §2.1)"),
            );
        }
        // Names in record data that must be host names.
        const TYPES: &[Rtype] = &[
            Rtype::SOA,
            Rtype::NS,
            Rtype::MX,
            Rtype::SRV,
            Rtype::SVCB,
            Rtype::HTTPS,
            Rtype::PTR,
        ];
        for &i in TYPES.iter().flat_map(|&t| zone.type_index(t)) {
            // A target that is an owner of this zone and a host name passes whatever
            // the type: judged above from the owner list in order, without reading the
            // record and the name again (the SOA's MNAME has no precomputed owner).
            if zone.target_owner(i).is_some_and(|o| host_owner[o as usize]) {
                continue;
            }
            let r = zone.record(i);
            let host = match (r.data.boxed(), r.rtype) {
                (Some(Rdata::Soa(s)), _) => Some(s.mname()),
                (_, Rtype::NS | Rtype::MX | Rtype::SRV | Rtype::SVCB | Rtype::HTTPS) => {
                    r.data.target()
                }
                (_, Rtype::PTR) if is_reverse(zone.owner_name(r)) => r.data.target(),
                _ => None,
            };
            let Some(h) = host else { continue };
            if h.is_root() || is_hostname(h, false) {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, format!("{} data names {}, which is not a valid host name", r.rtype, fmt_name(h)))
                    .label("not a host name")
                    .help("the target of this record must be a host name: letters, digits and inner hyphens only (RFC 952, RFC 1123 §2.1)"),
            );
        }
    }
}
