//! `missing-trailing-dot`: a relative name that was meant to be absolute.
//!
//! A name written without a final dot gets the origin appended. The classic mistake,
//! `MX 10 mail.example.com` inside `example.com`, becomes
//! `mail.example.com.example.com.`. The rule fires on a relative name (owner or any name
//! in the record data) whose written text already ends with the origin in effect or the
//! zone's apex, or that has three or more labels and ends in a well-known top-level
//! domain. Names meant to be relative (`mail`, `www.eu`, `host.dc1`) stay quiet.

use crate::diagnostic::{Diagnostic, Edit, Safety};
use crate::names::{fmt_name, lost_dot};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::Span;
use crate::zone::text::parse_name;
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("missing-trailing-dot", Error);

pub struct MissingTrailingDot;

impl Rule for MissingTrailingDot {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // The reader kept only the names `names::lost_dot_candidate` lets through.
        let mut src = None;
        for w in &zone.relative_names {
            let rec = zone.record(w.record);
            let text = match &src {
                Some((id, s)) if *id == rec.file => s,
                _ => &src.insert((rec.file, cx.source(rec.file))).1,
            };
            let raw = text.slice(w.span);
            let Some(why) = suspicious(raw, &zone.origins[w.origin as usize], &zone.origin) else {
                continue;
            };
            let written = String::from_utf8_lossy(raw);
            let expanded = match parse_name(raw, &zone.origins[w.origin as usize]) {
                Ok((n, _)) => fmt_name(&n),
                Err(_) => continue,
            };
            let field = field_label(rec.rtype, w.field);
            cx.report(
                Diagnostic::new(
                    META.name,
                    rec.file,
                    w.span,
                    format!(
                        "{field} `{written}` has no trailing dot and expands to `{expanded}`{why}"
                    ),
                )
                .label(format!("read as {expanded}"))
                .help(format!(
                    "write `{written}.` with a trailing dot, or only the part below the origin"
                ))
                // Safe: the rule fires only where the written name already ends with
                // the origin or a top-level domain, so the dot keeps the name the
                // author wrote.
                .fix(
                    Safety::Safe,
                    format!("add the trailing dot: `{written}.`"),
                    Edit {
                        file: rec.file,
                        span: Span::empty(w.span.end as usize),
                        replacement: ".".into(),
                    },
                ),
            );
        }
    }
}

/// Why the name looks like an absolute name that lost its dot.
fn suspicious(raw: &[u8], origin: &DName, apex: &DName) -> Option<&'static str> {
    let (as_abs, _) = parse_name(raw, &DName::root_bytes()).ok()?;
    lost_dot(&as_abs, &[origin, apex])
}

fn field_label(rtype: Rtype, field: Option<u8>) -> String {
    let Some(f) = field else {
        return "owner".into();
    };
    match (rtype, f) {
        (Rtype::SOA, 0) => "SOA primary server (MNAME)".into(),
        (Rtype::SOA, _) => "SOA mailbox (RNAME)".into(),
        (Rtype::MX, _) => "MX target".into(),
        (Rtype::NS, _) => "NS target".into(),
        (Rtype::CNAME, _) => "CNAME target".into(),
        (Rtype::DNAME, _) => "DNAME target".into(),
        (Rtype::PTR, _) => "PTR target".into(),
        (Rtype::SRV, _) => "SRV target".into(),
        (t, _) => format!("{t} name"),
    }
}
