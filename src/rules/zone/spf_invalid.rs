//! `spf-invalid`: an SPF policy (a TXT record starting `v=spf1`) that does not parse as
//! RFC 7208 §12 describes, or two SPF policies at one name.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("spf-invalid", Warning);

pub struct SpfInvalid;

/// The TXT data joined: the character strings of one record form one policy.
fn txt_text(data: &Rdata) -> Option<String> {
    let Rdata::Txt(t) = data else { return None };
    let mut s = Vec::new();
    for part in t.iter() {
        s.extend_from_slice(part.as_ref());
    }
    Some(String::from_utf8_lossy(&s).into_owned())
}

/// Whether TXT data is an SPF policy: [`is_spf`] on the first seven bytes of its
/// strings joined, which tell what the whole joined text would.
fn starts_spf(data: &Rdata) -> bool {
    let Rdata::Txt(t) = data else { return false };
    let mut head = [0u8; 7];
    let mut n = 0;
    'strings: for part in t.iter() {
        for &b in AsRef::<[u8]>::as_ref(part) {
            if n == head.len() {
                break 'strings;
            }
            head[n] = b;
            n += 1;
        }
    }
    is_spf(&head[..n])
}

/// Whether a text starts with the version `v=spf1`, alone or followed by a space.
fn is_spf(t: &[u8]) -> bool {
    t.len() >= 6 && t[..6].eq_ignore_ascii_case(b"v=spf1") && (t.len() == 6 || t[6] == b' ')
}

fn domain_spec_ok(d: &str) -> bool {
    // Macro-expanded domain specs (`%{d}`) are taken as given.
    !d.is_empty()
        && !d.contains(' ')
        && (d.contains('%')
            || d.split('.').all(|l| !l.is_empty() && l.len() <= 63)
            || d.ends_with('.'))
}

fn cidr_ok(c: &str, max: u8) -> bool {
    c.parse::<u8>().is_ok_and(|v| v <= max) && !c.starts_with('0') || c == "0"
}

/// Checks one policy; returns the first problem.
pub fn check_policy(text: &str) -> Result<(), String> {
    let mut redirect = 0;
    let mut exp = 0;
    for term in text.split(' ').skip(1).filter(|t| !t.is_empty()) {
        let lower = term.to_ascii_lowercase();
        // Modifiers: name=value.
        if let Some((name, value)) = lower.split_once('=') {
            if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                match name {
                    "redirect" => redirect += 1,
                    "exp" => exp += 1,
                    _ => {}
                }
                if (name == "redirect" || name == "exp") && !domain_spec_ok(value) {
                    return Err(format!("`{term}` needs a domain"));
                }
                continue;
            }
        }
        let body = lower.strip_prefix(['+', '-', '~', '?']).unwrap_or(&lower);
        let (mech, arg) = match body.find([':', '/']) {
            Some(p) => (&body[..p], Some(&body[p..])),
            None => (body, None),
        };
        let ok = match mech {
            "all" => arg.is_none(),
            "include" | "exists" => arg
                .and_then(|a| a.strip_prefix(':'))
                .is_some_and(domain_spec_ok),
            "a" | "mx" => match arg {
                None => true,
                Some(a) => {
                    let (dom, cidr) = match a.strip_prefix(':') {
                        Some(rest) => match rest.split_once('/') {
                            Some((d, c)) => (Some(d), Some(c)),
                            None => (Some(rest), None),
                        },
                        None => (None, a.strip_prefix('/')),
                    };
                    dom.is_none_or(domain_spec_ok)
                        && cidr.is_none_or(|c| match c.split_once("//") {
                            Some((v4, v6)) => {
                                (v4.is_empty() || cidr_ok(v4, 32)) && cidr_ok(v6, 128)
                            }
                            None => cidr_ok(
                                c.trim_start_matches('/'),
                                if c.starts_with('/') { 128 } else { 32 },
                            ),
                        })
                }
            },
            "ptr" => arg.is_none_or(|a| a.strip_prefix(':').is_some_and(domain_spec_ok)),
            "ip4" => arg.and_then(|a| a.strip_prefix(':')).is_some_and(|a| {
                let (ip, cidr) = a.split_once('/').map_or((a, None), |(i, c)| (i, Some(c)));
                ip.parse::<std::net::Ipv4Addr>().is_ok() && cidr.is_none_or(|c| cidr_ok(c, 32))
            }),
            "ip6" => arg.and_then(|a| a.strip_prefix(':')).is_some_and(|a| {
                let (ip, cidr) = a.split_once('/').map_or((a, None), |(i, c)| (i, Some(c)));
                ip.parse::<std::net::Ipv6Addr>().is_ok() && cidr.is_none_or(|c| cidr_ok(c, 128))
            }),
            _ => return Err(format!("unknown mechanism `{term}`")),
        };
        if !ok {
            return Err(format!("malformed mechanism `{term}`"));
        }
    }
    if redirect > 1 || exp > 1 {
        return Err("`redirect=` or `exp=` appears more than once (RFC 7208 §6)".into());
    }
    Ok(())
}

impl Rule for SpfInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // The SPF records, found on the first bytes of the data (most TXT records are
        // not SPF, and joining each one's strings cost an allocation or two), by owner
        // and in file order within an owner.
        let mut spf: Vec<(u32, u32)> = zone
            .type_index(Rtype::TXT)
            .iter()
            .filter(|&&i| zone.record(i).data.boxed().is_some_and(starts_spf))
            .map(|&i| (zone.record(i).owner, i))
            .collect();
        spf.sort_by_key(|s| s.0);
        for group in spf.chunk_by(|a, b| a.0 == b.0) {
            let owner = group[0].0;
            let mut first: Option<u32> = None;
            for &(_, i) in group {
                let r = zone.record(i);
                // An SPF record (see `starts_spf`): its strings joined.
                let Some(text) = r.data.boxed().and_then(txt_text) else {
                    continue;
                };
                if let Err(why) = check_policy(&text) {
                    cx.report(
                        Diagnostic::new(META.name, r.file, r.rdata_span, format!("SPF policy of {} does not parse: {why}", fmt_name(&zone.owners[owner as usize])))
                            .label("SPF policy")
                            .help("receivers treat a malformed policy as a permanent error (RFC 7208 §4.6): mail from this domain may be rejected"),
                    );
                }
                match first {
                    None => first = Some(i),
                    Some(f) => {
                        let f = zone.record(f);
                        cx.report(
                            Diagnostic::new(META.name, r.file, r.span, format!("{} has two SPF policies", fmt_name(&zone.owners[owner as usize])))
                                .label("second `v=spf1` record")
                                .related(f.file, f.span, "the first")
                                .help("RFC 7208 §4.5: two SPF records make every check a permanent error; merge them into one"),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_policy;
    #[test]
    fn policies() {
        for ok in ["v=spf1 -all", "v=spf1 mx a:mail.example.com/24 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net ~all", "v=spf1 redirect=_spf.example.com", "v=spf1 a//64 exists:%{i}.spf.example.com ?all"] {
            assert!(check_policy(ok).is_ok(), "{ok}: {:?}", check_policy(ok));
        }
        for bad in [
            "v=spf1 ip4:192.0.2.300 -all",
            "v=spf1 include -all",
            "v=spf1 mx/33",
            "v=spf1 a:example.com/24 foo -all",
            "v=spf1 redirect=a.example redirect=b.example",
            "v=spf1 all:x",
        ] {
            assert!(check_policy(bad).is_err(), "{bad}");
        }
    }
}
