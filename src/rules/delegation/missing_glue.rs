//! `missing-glue`: a name server that must have an address in this zone and has none:
//! an NS target inside a delegated child (in-domain glue, RFC 9471), or an NS target
//! that this zone is authoritative for.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::support::{has_address, owner_has_address};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("missing-glue", Error);

pub struct MissingGlue;

impl Rule for MissingGlue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.type_index(Rtype::NS) {
            let r = zone.record(i);
            // NS records below a cut are occluded-data's business.
            if zone.below_cut(r.owner).is_some() {
                continue;
            }
            // The common case, from the precomputed target owner: it has an address.
            if let Some(o) = zone.target_owner(i) {
                if owner_has_address(zone, o) {
                    continue;
                }
            }
            let Some(t) = r.data.target() else {
                continue;
            };
            // A target that is an alias is ns-target-cname's.
            if !zone.contains(t)
                || has_address(zone, t)
                || !zone.rrset_or_wildcard(t, Rtype::CNAME).is_empty()
            {
                continue;
            }
            let owner = zone.owner_name(r);
            let at_apex = zone.apex_id() == Some(r.owner);
            let msg =
                match zone.cut_for_name(t) {
                    // Sibling glue: the target lies in another delegation than the one
                    // it serves. Resolvers find its address through that delegation, and
                    // RFC 9471 §2.3 leaves such glue optional (BIND warns, and loads).
                    Some(c) if !at_apex && c != r.owner => continue,
                    Some(c) => format!(
                    "NS target {} of {} lies inside the delegated zone {} and has no glue address",
                    fmt_name(t), fmt_name(owner), fmt_name(&zone.owners[c as usize])),
                    // Inside this zone's own data: an NXDOMAIN target is dangling-target's.
                    None if !zone.name_exists(t) => continue,
                    None => format!(
                        "NS target {} of {} has no A or AAAA record in this zone",
                        fmt_name(t),
                        fmt_name(owner)
                    ),
                };
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, msg)
                    .label("no address for this name server")
                    .help(format!("add `{} IN A <address>` (and AAAA) to this zone: resolvers cannot find the server's address without it (RFC 9471)", fmt_name(t))),
            );
        }
    }
}
