//! `duplicate-record`: the same record (owner, class, type and data) written twice.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

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
                        let (a, b) = (zone.record(pair[0].2), zone.record(pair[1].2));
                        cx.report(
                            Diagnostic::new(META.name, b.file, b.span, format!(
                                "{t} record of {} is written twice", fmt_name(&zone.owners[owner as usize])))
                                .label("duplicate")
                                .related(a.file, a.span, "the same record")
                                .help("remove one copy; servers keep one, and a later edit of one copy only would not take effect"),
                        );
                    }
                }
            }
        }
    }
}
