//! `non-terminal-wildcard`: a `*` label that is not the first label (`a.*.example.com`),
//! which is not a wildcard at all (RFC 4592 §2.1.1).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::name::ToLabelIter;

crate::rule_meta!("non-terminal-wildcard", Warning);

pub struct NonTerminalWildcard;

impl Rule for NonTerminalWildcard {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for (o, name) in zone.owners.iter().enumerate() {
            if !name.iter_labels().skip(1).any(|l| l.as_slice() == b"*") {
                continue;
            }
            // Reported at the name's first record in the file.
            let Some(&first) = zone.node(o as u32).iter().min() else {
                continue;
            };
            let r = zone.record(first);
            let span = r.owner_or_entry_span();
            cx.report(
                Diagnostic::new(META.name, r.file, span, format!("{} has a '*' label that is not the first label: it is not a wildcard", fmt_name(name)))
                    .label("literal '*' label")
                    .help("only a leading `*.` makes a wildcard (RFC 4592 §2.1.1); `a.*.example.com` matches only that literal name"),
            );
        }
    }
}
