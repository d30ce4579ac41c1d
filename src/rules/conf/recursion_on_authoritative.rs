//! `recursion-on-authoritative`: a server (or view) that is primary or secondary for real
//! zones also answers recursive queries.

use super::{is_authoritative, recursion_on, zones_in};
use crate::conf::{is_yes, NamedConf};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("recursion-on-authoritative", Warning);

pub struct RecursionOnAuthoritative;

impl Rule for RecursionOnAuthoritative {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        // Response-policy zones are the resolver's own policy, not authoritative data
        // served to others.
        let policy: Vec<Vec<u8>> = conf
            .response_policy_zones()
            .iter()
            .map(|n| n.as_slice().to_ascii_lowercase())
            .collect();
        for view in conf.scopes() {
            if !recursion_on(conf, view) {
                continue;
            }
            let auth: Vec<_> = zones_in(conf, view)
                .filter(|z| is_authoritative(z))
                .filter(|z| {
                    z.origin
                        .as_ref()
                        .is_none_or(|o| !policy.contains(&o.as_slice().to_ascii_lowercase()))
                })
                .collect();
            let Some(first) = auth.first() else { continue };
            let explicit = conf
                .view_option(view, "recursion")
                .filter(|s| s.value().is_some_and(is_yes));
            let names: Vec<&str> = auth.iter().take(3).map(|z| z.name.as_str()).collect();
            let more = if auth.len() > 3 {
                format!(" and {} more", auth.len() - 3)
            } else {
                String::new()
            };
            let scope = match view {
                Some(i) => format!(
                    "view {}",
                    conf.view(i)
                        .and_then(|v| v.arg(0))
                        .map_or("?", |w| w.text.as_str())
                ),
                None => "server".to_string(),
            };
            let d = match explicit {
                Some(s) => Diagnostic::new(META.name, s.file, s.span, format!("recursion is on in a {scope} that is authoritative for {}{more}", names.join(", ")))
                    .label("recursion switched on")
                    .related(first.stmt.file, first.name_span(), "authoritative zone"),
                None => Diagnostic::new(META.name, first.stmt.file, first.name_span(), format!("recursion is on (BIND's default) in a {scope} that is authoritative for {}{more}", names.join(", ")))
                    .label("authoritative zone on a recursive server"),
            };
            cx.report(d.help("split the roles, or set `recursion no;` on the authoritative server (or view): a mixed server serves stale or poisoned cache data for its own zones and is open to cache attacks"));
        }
    }
}
