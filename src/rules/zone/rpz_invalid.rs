//! `rpz-invalid`: records of a response-policy zone that no RPZ implementation can apply:
//! a CNAME to an `rpz-` action that does not exist, a trigger label that does not
//! exist, an address trigger that is no address and prefix, and a trigger written
//! outside the policy zone (an absolute name, so the policy never matches).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::rpz::{is_action_target, ACTIONS, TRIGGERS};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use domain::base::name::ToLabelIter;

crate::rule_meta!("rpz-invalid", Error);

pub struct RpzInvalid;

/// The labels of `owner` below the zone's apex, from the top (`["rpz-ip", "192", …,
/// "24"]` for `24.0.2.0.192.rpz-ip` in the policy zone), lowercased; `None` when the
/// owner is not in the zone.
fn relative_labels(owner: &DName, apex: &DName) -> Option<Vec<Vec<u8>>> {
    if !crate::names::ends_with(owner, apex) {
        return None;
    }
    let n = owner.label_count() - apex.label_count();
    let mut v: Vec<Vec<u8>> = owner
        .iter_labels()
        .take(n)
        .map(|l| l.as_slice().to_ascii_lowercase())
        .collect();
    v.reverse();
    Some(v)
}

/// Whether the labels below an address trigger (`rpz-ip`, `rpz-nsip`, `rpz-client-ip`)
/// write a prefix and an address: `prefix.d.c.b.a` for IPv4, `prefix.w8.….w1` with at
/// most one `zz` (a run of zero words) for IPv6 (BIND ARM, "Response Policy Zone").
fn valid_address_trigger(below: &[Vec<u8>]) -> bool {
    // `below` is from the top: the address's words, then the prefix length last.
    let Some((prefix, words)) = below.split_last() else {
        return false;
    };
    let Some(prefix) = std::str::from_utf8(prefix)
        .ok()
        .and_then(|p| p.parse::<u8>().ok())
    else {
        return false;
    };
    let octet = |w: &Vec<u8>| {
        std::str::from_utf8(w)
            .ok()
            .and_then(|w| w.parse::<u8>().ok())
            .is_some()
            && !(w.len() > 1 && w[0] == b'0')
    };
    if words.len() == 4 && words.iter().all(octet) {
        return (1..=32).contains(&prefix);
    }
    let zz = words.iter().filter(|w| w.as_slice() == b"zz").count();
    let hex = |w: &&Vec<u8>| (1..=4).contains(&w.len()) && w.iter().all(u8::is_ascii_hexdigit);
    (1..=128).contains(&prefix)
        && zz <= 1
        && (words.len() == 8 || (zz == 1 && words.len() < 8))
        && words
            .iter()
            .filter(|w| w.as_slice() != b"zz")
            .all(|w| hex(&w))
}

impl Rule for RpzInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if !zone.rpz {
            return;
        }
        let policy = fmt_name(&zone.origin);
        for (id, owner) in zone.owners.iter().enumerate() {
            let Some(&first) = zone.node(id as u32).first() else {
                continue;
            };
            let r = zone.record(first);
            let Some(rel) = relative_labels(owner, &zone.origin) else {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.owner_or_entry_span(), format!("trigger {} lies outside the policy zone {policy}: the policy never applies", fmt_name(owner)))
                        .label("outside the policy zone")
                        .help("write the trigger relative to the policy zone (without the final dot): `bad.example.com CNAME .`"),
                );
                continue;
            };
            // The trigger kind is the label just below the apex (`rpz-ip`), if any.
            let Some(kind) = rel.first().filter(|l| l.starts_with(b"rpz-")) else {
                continue;
            };
            let known = TRIGGERS.iter().any(|t| t.as_bytes() == kind.as_slice());
            let kind_text = String::from_utf8_lossy(kind);
            if !known {
                cx.report(
                    Diagnostic::new(
                        META.name,
                        r.file,
                        r.owner_or_entry_span(),
                        format!("`{kind_text}` is not an RPZ trigger"),
                    )
                    .label("unknown trigger")
                    .help(format!("the triggers are {}", TRIGGERS.join(", "))),
                );
            } else if kind.as_slice() != b"rpz-nsdname" && !valid_address_trigger(&rel[1..]) {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.owner_or_entry_span(), format!("{kind_text} trigger {} is not a prefix length and an address", fmt_name(owner)))
                        .label("no address")
                        .help("write the prefix length first, then the address's octets (IPv4) or words (IPv6, `zz` for a run of zeros) in reverse: `24.0.2.0.192.rpz-ip` for 192.0.2.0/24"),
                );
            }
        }
        for &i in zone.type_index(Rtype::CNAME) {
            let r = zone.record(i);
            let Some(t) = r.data.target() else { continue };
            if t.is_root() || !is_action_target(t) {
                continue;
            }
            let label = t
                .iter_labels()
                .next()
                .map(|l| l.as_slice().to_ascii_lowercase());
            let Some(label) = label.filter(|l| l.as_slice() != b"*") else {
                continue;
            };
            if ACTIONS.iter().any(|a| a.as_bytes() == label.as_slice()) {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, format!("`{}` is not an RPZ action", fmt_name(t)))
                    .label("unknown action")
                    .help("the actions are `.` (NXDOMAIN), `*.` (NODATA), `rpz-passthru.`, `rpz-drop.` and `rpz-tcp-only.`; any other target is an ordinary CNAME rewrite"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<Vec<u8>> {
        s.split('.').map(|l| l.as_bytes().to_vec()).collect()
    }

    #[test]
    fn address_triggers() {
        // Written as in the zone; `ok` turns them into labels from the top.
        let ok = |s: &str| {
            let mut v = labels(s);
            v.reverse();
            valid_address_trigger(&v)
        };
        assert!(ok("24.0.2.0.192"));
        assert!(ok("32.1.2.0.192"));
        assert!(!ok("33.1.2.0.192"));
        assert!(!ok("24.0.2.192"));
        assert!(!ok("24.0.2.0.300"));
        assert!(ok("128.1.zz.db8.2001"));
        assert!(ok("48.zz.db8.2001"));
        assert!(!ok("48.zz.zz.db8.2001"));
        assert!(!ok("129.1.zz.db8.2001"));
        assert!(!ok("host.example"));
    }
}
