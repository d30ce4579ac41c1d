//! Rules on named.conf: the grammar, the zone statements, and the server's roles.

pub use crate::conf::packaged::{
    is_builtin_zone, is_packaged_path, is_packaged_zone, is_stock_file,
};

pub mod allow_transfer_any;
pub mod allow_update_any;
pub mod conflicting_options;
pub mod deprecated_option;
pub mod dnssec_policy_invalid;
pub mod dnssec_validation_disabled;
pub mod duplicate_definition;
pub mod duplicate_zone;
pub mod forward_only_without_redundancy;
pub mod notify_conflict;
pub mod open_resolver;
pub mod option_value_out_of_range;
pub mod recursion_on_authoritative;
pub mod recursion_settings_conflict;
pub mod remote_control_exposed;
pub mod secondary_without_primaries;
pub mod statistics_channel_exposed;
pub mod trust_anchor_conflict;
pub mod undefined_acl;
pub mod undefined_reference;
pub mod unknown_option;
pub mod update_policy_invalid;
pub mod zone_file_missing;
pub mod zone_file_shared;
pub mod zone_origin_mismatch;

use crate::conf::grammar::Ctx as Place;
use crate::conf::{is_no, is_yes, Block, Item, NamedConf, Stmt, ZoneDecl};
use std::collections::HashMap;

/// Calls `f` on every statement of the places whose grammar is known, with the place and,
/// inside a zone, the zone's type.
pub fn walk_known(conf: &NamedConf, f: &mut dyn FnMut(Place, Option<&str>, &Stmt)) {
    fn zone(s: &Stmt, f: &mut dyn FnMut(Place, Option<&str>, &Stmt)) {
        let Some(b) = s.block() else { return };
        let kind = b
            .find("type")
            .and_then(|t| t.value())
            .map(|w| crate::conf::normalize_type(&w.text));
        for st in &b.stmts {
            f(Place::Zone, kind.as_deref(), st);
        }
    }
    for s in &conf.stmts {
        f(Place::Top, None, s);
        let Some(kw) = s.keyword() else { continue };
        let Some(b) = s.block() else { continue };
        match kw.as_str() {
            "options" => b.stmts.iter().for_each(|st| f(Place::Options, None, st)),
            "zone" => zone(s, f),
            "server" => b.stmts.iter().for_each(|st| f(Place::Server, None, st)),
            "dnssec-policy" => b.stmts.iter().for_each(|st| f(Place::Policy, None, st)),
            "view" => {
                for st in &b.stmts {
                    f(Place::View, None, st);
                    match st.keyword().as_deref() {
                        Some("zone") => zone(st, f),
                        Some("server") => {
                            if let Some(sb) = st.block() {
                                sb.stmts.iter().for_each(|x| f(Place::Server, None, x));
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// Built-in ACL names.
pub const BUILTIN_ACLS: &[&str] = &["any", "none", "localhost", "localnets"];

/// Built-in `dnssec-policy` names.
pub const BUILTIN_POLICIES: &[&str] = &["default", "insecure", "none"];

/// Built-in `tls` names.
pub const BUILTIN_TLS: &[&str] = &["ephemeral", "none"];

/// Whether an address-match list is `{ none; }`.
pub fn is_none_list(b: &Block) -> bool {
    matches!(b.stmts.as_slice(), [s] if matches!(s.items.as_slice(), [Item::Word(w)] if w.text.eq_ignore_ascii_case("none")))
}

/// Whether a zone takes dynamic updates: an `update-policy` of its own, or an
/// `allow-update` (its own or inherited) other than `{ none; }`.
pub fn takes_updates(conf: &NamedConf, z: &ZoneDecl) -> bool {
    z.block().and_then(|b| b.find("update-policy")).is_some()
        || conf
            .zone_option(z, "allow-update")
            .and_then(|s| s.block())
            .is_some_and(|b| !is_none_list(b))
}

/// The ACL names an address-match list refers to (`key NAME`, addresses, `geoip …` and
/// built-ins left out), nested lists included.
pub fn acl_refs(b: &Block) -> Vec<&crate::conf::Word> {
    let mut out = Vec::new();
    for s in &b.stmts {
        let mut items = s.items.iter().peekable();
        if matches!(items.peek(), Some(Item::Word(w)) if w.text == "!") {
            items.next();
        }
        match items.next() {
            Some(Item::Block(inner)) => out.extend(acl_refs(inner)),
            Some(Item::Word(w)) => {
                let t = w.text.to_ascii_lowercase();
                if t == "key" || t == "geoip" || t == "!" || BUILTIN_ACLS.contains(&t.as_str()) {
                    continue;
                }
                if is_address(&t) {
                    continue;
                }
                out.push(w);
            }
            None => {}
        }
    }
    out
}

/// An IPv4/IPv6 address or prefix, as BIND writes them (`10/8`, `192.0.2.1`, `2001:db8::/32`).
pub fn is_address(t: &str) -> bool {
    let a = t.split('/').next().unwrap_or(t);
    a.contains(':')
        && a.bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        || (!a.is_empty() && a.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        || a == "*"
}

/// Whether an address-match list lets every address in: `any` (or `0.0.0.0/0` with
/// `::/0`, or an ACL that does) reached before anything that turns it away. A negated
/// element that matches everything closes the list; other negations only carve holes.
pub fn matches_everyone(conf: &NamedConf, b: &Block) -> bool {
    matches_everyone_in(conf, b, &mut (Vec::new(), HashMap::new()))
}

/// The ACLs being expanded, and the verdicts on ACLs already expanded (an ACL named
/// twice at each of thirty levels is expanded once, not 2^30 times).
type Expansion = (Vec<String>, HashMap<String, bool>);

/// [`matches_everyone`], with the ACLs being expanded: nesting is followed to the end
/// (no depth cut: an open resolver behind seventeen nested ACLs is open), and an ACL
/// that refers back to one being expanded adds nothing (named refuses such loops).
fn matches_everyone_in(conf: &NamedConf, b: &Block, expanding: &mut Expansion) -> bool {
    let mut v4 = false;
    let mut v6 = false;
    for s in &b.stmts {
        let mut items = s.items.iter().peekable();
        let negated = matches!(items.peek(), Some(Item::Word(w)) if w.text == "!");
        if negated {
            items.next();
        }
        let all = match items.next() {
            Some(Item::Block(inner)) => matches_everyone_in(conf, inner, expanding),
            Some(Item::Word(w)) => {
                let t = w.text.to_ascii_lowercase();
                match t.as_str() {
                    "any" => true,
                    "none" => {
                        if !negated {
                            continue;
                        }
                        true
                    }
                    "0.0.0.0/0" | "0/0" => {
                        v4 = !negated;
                        false
                    }
                    "::/0" => {
                        v6 = !negated;
                        false
                    }
                    _ if !is_address(&t) && !BUILTIN_ACLS.contains(&t.as_str()) && t != "key" => {
                        if let Some(&known) = expanding.1.get(&t) {
                            known
                        } else if expanding.0.contains(&t) {
                            false
                        } else {
                            expanding.0.push(t.clone());
                            let open = conf
                                .acl(&w.text)
                                .and_then(|a| a.block())
                                .is_some_and(|ab| matches_everyone_in(conf, ab, expanding));
                            expanding.0.pop();
                            expanding.1.insert(t.clone(), open);
                            open
                        }
                    }
                    _ => false,
                }
            }
            None => false,
        };
        if all {
            return !negated;
        }
        if v4 && v6 {
            return true;
        }
    }
    false
}

/// A yes/no option's value as the server sees it in a view (`None`: the implicit view),
/// with BIND's default.
pub fn view_flag(conf: &NamedConf, view: Option<usize>, name: &str, default: bool) -> bool {
    match conf.view_option(view, name).and_then(|s| s.value()) {
        Some(w) if is_yes(w) => true,
        Some(w) if is_no(w) => false,
        _ => default,
    }
}

/// Whether recursion is on in a view: `recursion` (default yes) and not closed by
/// `allow-recursion { none; }`.
/// A view of another class than IN (CHAOS, HESIOD) never recurses: named switches it off.
pub fn recursion_on(conf: &NamedConf, view: Option<usize>) -> bool {
    let class_in = view
        .and_then(|i| conf.view(i))
        .and_then(|v| v.arg(1))
        .is_none_or(|c| crate::conf::normalize_class(&c.text) == "IN");
    if !class_in || !view_flag(conf, view, "recursion", true) {
        return false;
    }
    !conf
        .view_option(view, "allow-recursion")
        .and_then(|s| s.block())
        .is_some_and(is_none_list)
}

/// The zones of a view (`None`: the zones outside any view).
pub fn zones_in(conf: &NamedConf, view: Option<usize>) -> impl Iterator<Item = &ZoneDecl> {
    conf.zones.iter().filter(move |z| z.view == view)
}

/// Whether a zone serves real authoritative data: a primary or secondary for a zone that
/// is not a built-in one.
pub fn is_authoritative(z: &ZoneDecl) -> bool {
    matches!(z.kind.as_str(), "primary" | "secondary") && !is_builtin_zone(&z.name)
}

/// Reports a name that nothing defines. When an included file was not found, the
/// definition may well be in it: the finding is an info that says so, not an error
/// (named-checkconf, given the whole server, would have it).
pub fn report_undefined(
    cx: &mut crate::rules::Ctx,
    conf: &NamedConf,
    d: crate::diagnostic::Diagnostic,
) {
    if conf.incomplete() {
        let help = format!(
            "an included file of this configuration was not found; the definition may be there. {}",
            d.help.as_deref().unwrap_or_default()
        );
        cx.report_at_most(d.help(help.trim_end()), crate::diagnostic::Severity::Info);
    } else {
        cx.report(d);
    }
}
