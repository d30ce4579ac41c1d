//! `rrset-ttl-mismatch`: records of one RRset with different TTLs (RFC 2181 §5.2).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("rrset-ttl-mismatch", Warning);

pub struct RrsetTtlMismatch;

impl Rule for RrsetTtlMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for owner in 0..zone.owners.len() as u32 {
            for (t, recs) in zone.rrsets_at(owner) {
                // RRSIGs covering different types are different RRsets in effect.
                if recs.len() < 2 || t == Rtype::RRSIG {
                    continue;
                }
                let first = zone.record(recs[0]);
                for &i in &recs[1..] {
                    let r = zone.record(i);
                    if r.ttl != first.ttl {
                        cx.report(
                            Diagnostic::new(META.name, r.file, r.span, format!(
                                "{t} RRset of {} mixes TTLs {} and {}",
                                fmt_name(&zone.owners[owner as usize]), first.ttl, r.ttl))
                                .label(format!("TTL {}", r.ttl))
                                .related(first.file, first.span, format!("TTL {}", first.ttl))
                                .help("an RRset has one TTL (RFC 2181 §5.2); servers serve the lowest, so give every record of the set the same TTL"),
                        );
                        break;
                    }
                }
            }
        }
    }
}
