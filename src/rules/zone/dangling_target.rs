//! `dangling-target`: an MX, NS, SRV, CNAME or DNAME target inside the zone for which
//! the zone has no data: dependants get NXDOMAIN (or no address).

use crate::diagnostic::{Diagnostic, Severity};
use crate::names::{expanded_by_lost_dot, fmt_name, wildcard_child};
use crate::rules::support::{has_address, owner_has_address, target_role};
use crate::rules::zone::target_is_address::ip_literal;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("dangling-target", Error);

pub struct DanglingTarget;

/// Whether a name exists in the zone, directly, as an empty non-terminal, or through a
/// wildcard (RFC 4592).
fn exists(zone: &Zone, name: &DName) -> bool {
    if zone.name_exists(name) {
        return true;
    }
    match zone.closest_encloser(name) {
        Some(enc) => wildcard_child(&enc).is_some_and(|w| zone.owner_id(&w).is_some()),
        None => false,
    }
}

impl Rule for DanglingTarget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        const TYPES: &[Rtype] = &[Rtype::NS, Rtype::MX, Rtype::SRV, Rtype::CNAME, Rtype::DNAME];
        for &i in TYPES.iter().flat_map(|t| zone.type_index(*t)) {
            let r = zone.record(i);
            // The common case, answered from the precomputed target: an owner of this
            // zone, above every cut, with an address or without need of one.
            if let Some(o) = zone.target_owner(i) {
                // At or below a cut: glue's business (what `cut_for_name` says below).
                if zone.is_cut(o) || zone.below_cut(o).is_some() {
                    continue;
                }
                let answered = !matches!(r.rtype, Rtype::MX | Rtype::SRV)
                    || owner_has_address(zone, o)
                    || !zone.rrset(o, Rtype::CNAME).is_empty();
                if answered {
                    continue;
                }
            }
            let needs_address = match r.rtype {
                // An NS target that exists without an address is missing-glue's.
                Rtype::MX | Rtype::SRV => true,
                Rtype::NS | Rtype::CNAME | Rtype::DNAME => false,
                _ => continue,
            };
            let Some(t) = r.data.target() else {
                continue;
            };
            // Only targets this zone answers for; below a cut is glue's business, and a
            // name made by a lost trailing dot is missing-trailing-dot's.
            if t.is_root()
                || !zone.contains(t)
                || zone.cut_for_name(t).is_some()
                || expanded_by_lost_dot(t, &zone.origin)
                || ip_literal(t, &zone.origin).is_some()
                || zone.dname_above(t).is_some()
                || (zone.apex_dname && *t != zone.origin)
            {
                continue;
            }
            let problem = if !exists(zone, t) {
                format!(
                    "{} {} does not exist in the zone: lookups get NXDOMAIN",
                    target_role(r.rtype),
                    fmt_name(t)
                )
            } else if needs_address
                && zone.rrset_or_wildcard(t, Rtype::CNAME).is_empty()
                && !has_address(zone, t)
            {
                format!(
                    "{} {} has no A or AAAA record",
                    target_role(r.rtype),
                    fmt_name(t)
                )
            } else {
                continue;
            };
            // An NS target the zone cannot answer for breaks resolution (BIND refuses the
            // zone); for the other types named-checkzone only warns, and so do we.
            let at_most = if r.rtype == Rtype::NS {
                Severity::Error
            } else {
                Severity::Warning
            };
            cx.report_at_most(
                Diagnostic::new(META.name, r.file, r.rdata_span, problem)
                    .label("nothing answers for this name")
                    .help(format!(
                        "add the records of {} (or fix the target's spelling)",
                        fmt_name(t)
                    )),
                at_most,
            );
        }
    }
}
