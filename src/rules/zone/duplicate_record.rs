//! `duplicate-record`: the same record (owner, class, type and data) written twice.
//!
//! The fix removes the later copy's lines, and only where that changes nothing else:
//! the copy stands alone on its lines, the next record does not take its owner from it
//! (a blank owner field) unless the record before it has the same owner, and it does not
//! set the TTL later records without one fall back to (no `$TTL` above it in its file).
//! Safe when both copies have the same TTL and the file is read once (by one zone);
//! otherwise unsafe: BIND keeps the first copy's TTL, other servers may not, and a file
//! several zones read may hold the copy in one of them only.

use crate::diagnostic::{Diagnostic, Edit, Safety};
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::{FileId, Span};
use crate::zone::{DName, Zone};
use domain::base::iana::Rtype;
use std::collections::HashMap;

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
        let mut files = FileFacts::default();
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
                            report(cx, zone, &mut files, owner, t, a, b);
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
                        report(cx, zone, &mut files, owner, t, pair[0].2, pair[1].2);
                    }
                }
            }
        }
    }
}

/// Reports record `b` as a copy of record `a`.
fn report(cx: &mut Ctx, zone: &Zone, files: &mut FileFacts, owner: u32, t: Rtype, a: u32, b: u32) {
    let fix = removal(cx, zone, files, a, b);
    let (a, b) = (zone.record(a), zone.record(b));
    let mut d = Diagnostic::new(META.name, b.file, b.span, format!(
            "{t} record of {} is written twice", fmt_name(&zone.owners[owner as usize])))
            .label("duplicate")
            .related(a.file, a.span, "the same record")
            .help("remove one copy; servers keep one, and a later edit of one copy only would not take effect");
    if let Some((safety, description, span)) = fix {
        d = d.fix(
            safety,
            description,
            Edit {
                file: b.file,
                span,
                replacement: String::new(),
            },
        );
    }
    cx.report(d);
}

/// What the fix needs to know of a file, found once per file.
#[derive(Default)]
struct FileFacts {
    /// Where the first `$TTL` directive starts (`usize::MAX`: none).
    first_ttl: HashMap<FileId, usize>,
    /// How many times the project reads the file (by every zone).
    readings: HashMap<FileId, usize>,
}

/// The removal of record `b` (a copy of `a`): its safety, what it does, the lines.
/// `None` when removing it would change another record or cannot be done by lines.
fn removal(
    cx: &Ctx,
    zone: &Zone,
    files: &mut FileFacts,
    a: u32,
    b: u32,
) -> Option<(Safety, String, Span)> {
    // A zone that does not load: the records the reader kept are not all there are.
    if zone
        .reader_findings
        .iter()
        .any(|d| d.rule == crate::rules::reader::syntax_error::NAME)
    {
        return None;
    }
    let (ra, rb) = (zone.record(a), zone.record(b));
    let src = cx.source(rb.file);
    let text = &src.text;
    // A `$GENERATE`d record: the directive makes more than this one.
    if text.get(rb.span.start as usize) == Some(&b'$') {
        return None;
    }
    let lines = own_lines(text, rb.span)?;
    if let Some(next) = zone.records.get(b as usize + 1) {
        // The next record's blank owner field takes the owner from this one.
        if next.owner_len == 0 && rb.owner_len != 0 {
            let before = (b as usize).checked_sub(1).map(|i| &zone.records[i]);
            if !before.is_some_and(|p| p.owner == rb.owner && p.file == rb.file) {
                return None;
            }
        }
        // Records without a TTL take the last one written when no `$TTL` is in effect.
        if rb.ttl_explicit && !next.ttl_explicit {
            let first_ttl = *files
                .first_ttl
                .entry(rb.file)
                .or_insert_with(|| first_ttl_directive(text));
            if first_ttl > rb.span.start as usize {
                return None;
            }
        }
    }
    let path = &src.path;
    let readings = *files.readings.entry(rb.file).or_insert_with(|| {
        let readings = cx
            .project
            .zones
            .iter()
            .flat_map(|z| &z.files)
            .filter(|&&f| cx.project.sources.get(f).path == *path)
            .count();
        // Zone statements that name the file under other names: it is read once (for
        // the first), but stands for every one of them.
        let mut origins: Vec<&DName> = cx
            .project
            .confs
            .iter()
            .flat_map(|c| &c.zones)
            .filter(|z| {
                z.file
                    .as_ref()
                    .is_some_and(|f| f.resolved.as_ref().is_ok_and(|p| p == path))
            })
            .filter_map(|z| z.origin.as_ref())
            .collect();
        origins.sort();
        origins.dedup();
        readings.max(origins.len())
    });
    let (safety, description) = if readings > 1 {
        (Safety::Unsafe, format!("remove the later copy (the file is read {readings} times, for several zones or origins: it may be no copy in another)"))
    } else if ra.ttl != rb.ttl {
        (
            Safety::Unsafe,
            format!(
                "remove the later copy (its TTL {} differs from the first copy's {}, which stays)",
                rb.ttl, ra.ttl
            ),
        )
    } else {
        (Safety::Safe, "remove the later copy".to_string())
    };
    Some((safety, description, lines))
}

/// The lines `span` fills, from the line start to past the line end (its comment and
/// the line break included), when nothing else is written on them.
fn own_lines(text: &[u8], span: Span) -> Option<Span> {
    let (start, end) = (span.start as usize, span.end as usize);
    let line_start = text[..start]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    if !text[line_start..start]
        .iter()
        .all(|&c| c == b' ' || c == b'\t')
    {
        return None;
    }
    let mut at = end;
    while at < text.len() && matches!(text[at], b' ' | b'\t' | b'\r') {
        at += 1;
    }
    if text.get(at) == Some(&b';') {
        at += text[at..]
            .iter()
            .position(|&c| c == b'\n')
            .unwrap_or(text.len() - at);
    }
    match text.get(at) {
        None => Some(Span::new(line_start, at)),
        Some(b'\n') => Some(Span::new(line_start, at + 1)),
        Some(_) => None,
    }
}

/// Where the file's first `$TTL` directive starts (`usize::MAX` when there is none).
fn first_ttl_directive(text: &[u8]) -> usize {
    let mut line_start = 0;
    for line in text.split(|&c| c == b'\n') {
        if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"$TTL") {
            return line_start;
        }
        line_start += line.len() + 1;
    }
    usize::MAX
}
