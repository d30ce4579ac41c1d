//! Helpers shared by several rules: which zone answers for a name, what a record
//! points at.

use crate::project::Project;
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;

/// The zone that holds the authoritative data for `name`: this zone when the name is
/// inside it and above every cut, else the project's zone for it (a child, a sibling,
/// another tree), when that zone is authoritative for it.
pub fn authoritative<'a>(project: &'a Project, zone: &'a Zone, name: &DName) -> Option<&'a Zone> {
    if zone.contains(name) && zone.cut_for_name(name).is_none() {
        return Some(zone);
    }
    other_authoritative(project, zone, name, 0)
}

/// The project's zone other than `zone` that is authoritative for `name`, among those
/// whose apex is longer than `min_len` octets (see [`Project::zone_for_below`]).
fn other_authoritative<'a>(
    project: &'a Project,
    zone: &Zone,
    name: &DName,
    min_len: usize,
) -> Option<&'a Zone> {
    let other = project.zone_for_below(name, min_len)?;
    if std::ptr::eq(other, zone) || other.cut_for_name(name).is_some() {
        return None;
    }
    Some(other)
}

/// The records of `rtype` at `name` in the zone authoritative for it (with the zone).
pub fn lookup<'a>(
    project: &'a Project,
    zone: &'a Zone,
    name: &DName,
    rtype: Rtype,
) -> Option<(&'a Zone, &'a [u32])> {
    let z = authoritative(project, zone, name)?;
    Some((z, z.rrset_or_wildcard(name, rtype)))
}

/// The records of `rtype` at the target of record `i` of `zone`, as [`lookup`] finds
/// them, through the precomputed target owner when the target is an owner of this zone.
pub fn target_rrset<'a>(
    project: &'a Project,
    zone: &'a Zone,
    i: u32,
    rtype: Rtype,
) -> Option<(&'a Zone, &'a [u32])> {
    let t = zone.record(i).data.target()?;
    let Some(o) = zone.target_owner(i) else {
        return lookup(project, zone, t, rtype);
    };
    if !zone.is_cut(o) && zone.below_cut(o).is_none() {
        return Some((zone, zone.rrset(o, rtype)));
    }
    // At or below a delegation of this zone (glue): only a zone of the project
    // strictly below this one can answer (this zone does not, and the name need not be
    // looked up in it again).
    let other = other_authoritative(project, zone, t, zone.origin.len())?;
    Some((other, other.rrset_or_wildcard(t, rtype)))
}

/// Whether an owner of the zone has an address record (A or AAAA): [`has_address`]
/// for a name known to be an owner.
pub fn owner_has_address(zone: &Zone, owner: u32) -> bool {
    !zone.rrset(owner, Rtype::A).is_empty() || !zone.rrset(owner, Rtype::AAAA).is_empty()
}

/// Whether a name has an address record (A or AAAA) in the zone authoritative for it.
pub fn has_address(zone: &Zone, name: &DName) -> bool {
    !zone.rrset_or_wildcard(name, Rtype::A).is_empty()
        || !zone.rrset_or_wildcard(name, Rtype::AAAA).is_empty()
}

/// What a record's target is called in messages.
pub fn target_role(rtype: Rtype) -> &'static str {
    match rtype {
        Rtype::NS => "NS target",
        Rtype::MX => "MX target",
        Rtype::SRV => "SRV target",
        Rtype::CNAME => "CNAME target",
        Rtype::DNAME => "DNAME target",
        Rtype::PTR => "PTR target",
        Rtype::SVCB | Rtype::HTTPS => "service target",
        _ => "target",
    }
}

/// The `*-target-cname` rules: every record of `rtype` whose target is an alias in the
/// zone authoritative for it (RFC 2181 §10.3).
pub fn report_alias_targets(zone: &Zone, cx: &mut crate::rules::Ctx, rtype: Rtype) {
    use crate::diagnostic::Diagnostic;
    use crate::names::fmt_name;
    for &i in zone.type_index(rtype) {
        let r = zone.record(i);
        let Some(t) = r.data.target() else {
            continue;
        };
        let Some((z, cnames)) = target_rrset(cx.project, zone, i, Rtype::CNAME) else {
            continue;
        };
        let Some(&c) = cnames.first() else { continue };
        let c = z.record(c);
        let alias_to = c.data.target().map(fmt_name).unwrap_or_default();
        cx.report(
            Diagnostic::new(cx.rule.name, r.file, r.rdata_span, format!(
                "{rtype} target {} is an alias (CNAME to {alias_to})", fmt_name(t)))
                .label("points at a CNAME")
                .related(c.file, c.span, "the CNAME")
                .help(format!("point the {rtype} record at the canonical name {alias_to} (RFC 2181 §10.3: the target must not be an alias)")),
        );
    }
}

/// Reports every record of the singleton RRset `recs` (CNAME, DNAME) after the first,
/// pointing back at the first.
pub fn report_singleton_extras(
    cx: &mut crate::rules::Ctx,
    zone: &Zone,
    rule: &'static str,
    name: &str,
    rtype: Rtype,
    recs: &[u32],
    help: &str,
) {
    use crate::diagnostic::Diagnostic;
    let Some((&first, extras)) = recs.split_first() else {
        return;
    };
    // (Sets of a singleton type are short: comparing each with those before it is cheap.)
    let f = zone.record(first);
    for (k, &extra) in extras.iter().enumerate() {
        let r = zone.record(extra);
        // Identical records are one RR (RFC 2181 §5): a copy is `duplicate-record`'s
        // to report, not a second record of the set.
        let copy = std::iter::once(first)
            .chain(extras[..k].iter().copied())
            .any(|p| identical(&zone.record(p).data, &r.data));
        if copy {
            continue;
        }
        cx.report(
            Diagnostic::new(
                rule,
                r.file,
                r.span,
                format!("{name} has more than one {rtype} record"),
            )
            .label(format!("a second {rtype}"))
            .related(f.file, f.span, format!("the first {rtype}"))
            .help(help),
        );
    }
}

/// Whether two records' data are the same in canonical form (names compared without
/// case); data that was not read is never the same as anything.
pub fn identical(a: &crate::zone::model::Data, b: &crate::zone::model::Data) -> bool {
    if !(a.is_read() && b.is_read()) {
        return false;
    }
    a.same_canonical(b).unwrap_or_else(|| {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        a.compose_canonical(&mut x);
        b.compose_canonical(&mut y);
        x == y
    })
}
