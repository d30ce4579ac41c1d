//! Response-policy zones (RPZ, draft-vixie-dnsop-dns-rpz; BIND ARM "Response Policy
//! Zone (RPZ) Rewriting").
//!
//! A policy zone is zone data with other semantics: its owner names are *triggers*
//! written relative to the policy zone on purpose (`bad.example.com` in zone `rpz.` is
//! the trigger for `bad.example.com.`), and its CNAME targets are *actions*: `.`
//! (NXDOMAIN), `*.` (NODATA), `rpz-passthru.`, `rpz-drop.`, `rpz-tcp-only.`. Rules that
//! judge ordinary zone data (lost trailing dots, dangling targets, apex advice) do not
//! apply there.

use super::{DName, Zone};
use domain::base::iana::Rtype;

/// The actions a CNAME in a policy zone may name besides `.` and `*.`.
pub const ACTIONS: &[&str] = &["rpz-passthru", "rpz-drop", "rpz-tcp-only"];

/// The trigger labels of a policy zone (`32.1.2.0.192.rpz-ip`, `ns.example.rpz-nsdname`).
pub const TRIGGERS: &[&str] = &["rpz-ip", "rpz-nsip", "rpz-nsdname", "rpz-client-ip"];

/// The first label of a name, lowercased (`None` for the root).
fn first_label(n: &DName) -> Option<Vec<u8>> {
    let w = n.as_slice();
    let len = *w.first()? as usize;
    (len > 0).then(|| w[1..1 + len].to_ascii_lowercase())
}

/// Whether a CNAME target is an RPZ action: `.`, `*.` or a name in the `rpz-` space
/// at the top (`rpz-passthru.`, or a misspelt `rpz-pasthru.`).
pub fn is_action_target(target: &DName) -> bool {
    if target.is_root() {
        return true;
    }
    if target.label_count() != 2 {
        return false;
    }
    first_label(target).is_some_and(|l| l == b"*" || l.starts_with(b"rpz-"))
}

/// Whether the zone reads as a policy zone by its content: a trigger label (`rpz-ip`,
/// `rpz-nsdname`, …) in an owner name, a CNAME to a top-level `rpz-` action, or CNAMEs
/// to `.` and `*.` that are at least two and half of the zone's CNAMEs. One `CNAME .`
/// among ordinary data is a test of an odd target, not a policy (PowerDNS's regression
/// zones hold one).
pub fn looks_like_policy_zone(zone: &Zone) -> bool {
    let cnames = zone.type_index(Rtype::CNAME);
    let (mut root_like, mut rpz_action) = (0usize, false);
    for &i in cnames {
        let Some(t) = zone.record(i).data.target().filter(|t| is_action_target(t)) else {
            continue;
        };
        if first_label(t).is_some_and(|l| l.starts_with(b"rpz-")) {
            rpz_action = true;
            break;
        }
        root_like += 1;
    }
    if rpz_action || (root_like >= 2 && root_like * 2 >= cnames.len()) {
        return true;
    }
    zone.owners.iter().take(10_000).any(|n| {
        use domain::base::name::ToLabelIter;
        n.iter_labels().any(|l| {
            let l = l.as_slice().to_ascii_lowercase();
            TRIGGERS.iter().any(|t| l == t.as_bytes())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::text::parse_name;

    fn n(s: &str) -> DName {
        parse_name(s.as_bytes(), &DName::root_bytes()).unwrap().0
    }

    #[test]
    fn actions() {
        assert!(is_action_target(&n(".")));
        assert!(is_action_target(&n("*.")));
        assert!(is_action_target(&n("rpz-passthru.")));
        assert!(is_action_target(&n("rpz-pasthru.")));
        assert!(!is_action_target(&n("rpz-passthru.example.")));
        assert!(!is_action_target(&n("www.example.")));
    }
}
