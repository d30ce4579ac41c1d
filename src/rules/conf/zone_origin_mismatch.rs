//! `zone-origin-mismatch`: the zone file that a named.conf `zone` statement loads was
//! written for another zone: its leading `$ORIGIN` or its SOA owner is not the
//! statement's name.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::Span;
use crate::zone::parser::{leading_origin_with, same_name as same};
use crate::zone::{OriginSource, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("zone-origin-mismatch", Error);

pub struct ZoneOriginMismatch;

/// The span of the first `$ORIGIN` line of a text.
fn origin_line(text: &[u8]) -> Option<Span> {
    let mut start = 0;
    for line in text.split(|b| *b == b'\n') {
        if line.len() >= 7 && line[..7].eq_ignore_ascii_case(b"$ORIGIN") {
            let end = start + line.iter().position(|b| *b == b';').unwrap_or(line.len());
            let trimmed = text[start..end].trim_ascii_end().len();
            return Some(Span::new(start, start + trimmed));
        }
        start += line.len() + 1;
    }
    None
}

impl Rule for ZoneOriginMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        if zone.origin_source != OriginSource::NamedConf {
            return;
        }
        let Some((cf, cspan)) = zone.declared_at else {
            return;
        };
        let src = cx.source(zone.main_file);
        let stated =
            leading_origin_with(&src.text, &mut |_| None).filter(|(o, _)| !same(o, &zone.origin));
        if let Some((o, at_root)) = stated {
            if let Some(span) = origin_line(&src.text) {
                let message = if at_root {
                    // `$ORIGIN .` then `@ SOA`: the author reset the origin, not meant a
                    // root zone; say what happens rather than "written for zone .".
                    format!("`$ORIGIN .` before the `@` SOA puts the SOA at the root, outside zone {} that named.conf loads from this file", fmt_name(&zone.origin))
                } else {
                    format!("zone file is written for zone {} (its leading `$ORIGIN` and SOA) but named.conf loads it as zone {}", fmt_name(&o), fmt_name(&zone.origin))
                };
                cx.report(
                    Diagnostic::new(META.name, zone.main_file, span, message)
                        .label("origin of another zone")
                        .related(cf, cspan, "the zone statement")
                        .help("point the zone statement at the right file, or fix the file's `$ORIGIN`: every record lands outside the zone named loads"),
                );
                return;
            }
        }
        let apex_soa = zone
            .apex_id()
            .is_some_and(|a| !zone.rrset(a, Rtype::SOA).is_empty());
        if apex_soa {
            return;
        }
        if let Some(r) = zone.records.iter().find(|r| r.rtype == Rtype::SOA) {
            cx.report(
                Diagnostic::new(META.name, r.file, r.owner_or_entry_span(), format!("zone file's SOA is for {} but named.conf loads it as zone {}", fmt_name(zone.owner_name(r)), fmt_name(&zone.origin)))
                    .label("SOA of another zone")
                    .related(cf, cspan, "the zone statement")
                    .help("point the zone statement at the file written for this zone, or fix the SOA owner"),
            );
        }
    }
}
