//! `duplicate-record`: the same record (owner, class, type and data) written twice.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;

crate::rule_meta!("duplicate-record", Warning);

pub struct DuplicateRecord;

impl Rule for DuplicateRecord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // One buffer for the canonical data of every RRset: no allocation per record.
        let mut buf = Vec::new();
        let mut keyed: Vec<(usize, usize, u32)> = Vec::new();
        for owner in 0..zone.owners.len() as u32 {
            for (t, recs) in zone.rrsets_at(owner) {
                if recs.len() < 2 {
                    continue;
                }
                // Small sets of inline data (nearly all: address sets, NS sets, MX
                // pairs) compare pairwise, nothing written out: each record against the
                // nearest equal one before it, as the sorted pairs below report them.
                if recs.len() <= 16 && recs.iter().all(|&i| zone.record(i).data.is_inline()) {
                    for (j, &b) in recs.iter().enumerate().skip(1) {
                        let data = &zone.record(b).data;
                        let same = recs[..j]
                            .iter()
                            .rev()
                            .find(|&&a| zone.record(a).data.same_canonical(data) == Some(true));
                        if let Some(&a) = same {
                            report(cx, zone, owner, t, a, b);
                        }
                    }
                    continue;
                }
                buf.clear();
                keyed.clear();
                for &i in recs {
                    let data = &zone.record(i).data;
                    if !data.is_read() {
                        continue;
                    }
                    let start = buf.len();
                    data.compose_canonical(&mut buf);
                    keyed.push((start, buf.len(), i));
                }
                keyed.sort_by(|a, b| buf[a.0..a.1].cmp(&buf[b.0..b.1]).then(a.2.cmp(&b.2)));
                for pair in keyed.windows(2) {
                    if buf[pair[0].0..pair[0].1] == buf[pair[1].0..pair[1].1] {
                        report(cx, zone, owner, t, pair[0].2, pair[1].2);
                    }
                }
            }
        }
    }
}

/// Reports record `b` as a copy of record `a`.
fn report(cx: &mut Ctx, zone: &Zone, owner: u32, t: Rtype, a: u32, b: u32) {
    let (a, b) = (zone.record(a), zone.record(b));
    cx.report(
        Diagnostic::new(META.name, b.file, b.span, format!(
            "{t} record of {} is written twice", fmt_name(&zone.owners[owner as usize])))
            .label("duplicate")
            .related(a.file, a.span, "the same record")
            .help("remove one copy; servers keep one, and a later edit of one copy only would not take effect"),
    );
}
