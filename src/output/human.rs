//! Human output through miette's graphical handler.
//!
//! miette's own `SourceCode` for strings rescans the file from byte 0 for every label,
//! which is quadratic on a big zone with many findings; [`IndexedSource`] answers from
//! the file's precomputed line index instead. Reports are rendered in parallel and
//! printed in order. Colour is decided by the caller (TTY, `NO_COLOR`, `FORCE_COLOR`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap};
use crate::Report;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use rayon::prelude::*;
use std::fmt;
use std::sync::Arc;

/// A file as miette sees it.
struct IndexedSource(Arc<SourceFile>);

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let f = &self.0;
        let text = &f.text;
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let starts = f.line_starts();
        let (first_line, _) = f.line_of(start);
        let (last_line, _) =
            f.line_of(end.saturating_sub(usize::from(!span.is_empty())).max(start));
        let from_line = first_line.saturating_sub(before);
        let to_line = (last_line + after).min(starts.len() - 1);
        let data_start = starts[from_line] as usize;
        let data_end = match starts.get(to_line + 1) {
            Some(&s) => s as usize,
            None => text.len(),
        };
        let column = if before == 0 {
            start - starts[first_line] as usize
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            f.name.clone(),
            &text[data_start..data_end],
            (data_start, data_end - data_start).into(),
            from_line,
            column,
            to_line - from_line + 1,
        )))
    }
}

/// One finding as a miette diagnostic.
struct Rendered<'a> {
    d: &'a Diagnostic,
    source: IndexedSource,
    related: Vec<RelatedNote>,
}

/// A related location in another file, shown as a nested report.
struct RelatedNote {
    text: String,
    source: IndexedSource,
    span: SourceSpan,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Rendered<'_> {}

impl fmt::Debug for RelatedNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
impl fmt::Display for RelatedNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
impl std::error::Error for RelatedNote {}

impl miette::Diagnostic for RelatedNote {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.text.clone()),
            self.span,
        ))))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn sspan(s: crate::source::Span, len: usize) -> SourceSpan {
    let start = (s.start as usize).min(len);
    let end = (s.end as usize).min(len).max(start);
    (start, end - start).into()
}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.d.severity))
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.source.0.text.len();
        let mut v = vec![LabeledSpan::new_primary_with_span(
            self.d.primary.text.clone(),
            sspan(self.d.primary.span, len),
        )];
        // Related labels in the same file are drawn on the same excerpt.
        for r in shown_related(self.d)
            .iter()
            .filter(|r| r.file == self.d.primary.file)
        {
            v.push(LabeledSpan::new_with_span(
                r.text.clone(),
                sspan(r.span, len),
            ));
        }
        Some(Box::new(v.into_iter()))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// Renders every finding and a summary line.
pub fn render(report: &Report, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_context_lines(1);
    let parts: Vec<String> = report
        .diagnostics
        .par_iter()
        .map(|d| render_one(&handler, &report.sources, d))
        .collect();
    let mut out = parts.concat();
    out.push_str(&summary(report));
    out
}

fn render_one(handler: &GraphicalReportHandler, sources: &SourceMap, d: &Diagnostic) -> String {
    let related = shown_related(d)
        .iter()
        .filter(|r| r.file != d.primary.file)
        .map(|r| {
            let f = sources.get_arc(r.file);
            let len = f.text.len();
            RelatedNote {
                text: r.text.clone().unwrap_or_else(|| "related".into()),
                span: sspan(r.span, len),
                source: IndexedSource(f),
            }
        })
        .collect();
    let item = Rendered {
        d,
        source: IndexedSource(sources.get_arc(d.primary.file)),
        related,
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &item).is_err() {
        s = format!(
            "{}: {}[{}] {}\n",
            sources.get(d.primary.file).name,
            d.severity,
            d.rule,
            d.message
        );
    }
    s.push('\n');
    s
}

/// `3 errors, 1 warning, 0 infos in 4 files`, and for signed zones the earliest
/// signature expiry (the date by which the zone must be re-signed).
pub fn summary(report: &Report) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut earliest: Option<(i64, String)> = None;
    for z in report.zones.iter().filter(|z| report.in_scope(z)) {
        for &i in z.type_index(domain::base::iana::Rtype::RRSIG) {
            if let Some(crate::zone::Rdata::Rrsig(s)) = z.record(i).data.rdata().as_deref() {
                let t = crate::dnssec::abs_time(s.expiration().into_int(), report.now);
                if earliest.as_ref().is_none_or(|(e, _)| t < *e) {
                    earliest = Some((t, crate::names::fmt_name(&z.origin)));
                }
            }
        }
    }
    let expiry = match earliest {
        Some((t, zone)) => format!(
            "earliest signature expiry: {} (zone {zone})\n",
            crate::dnssec::fmt_time(t)
        ),
        None => String::new(),
    };
    let skipped = match report.skipped.len() {
        0 => String::new(),
        n => format!(
            "; {} skipped as not DNS data (--verbose lists them)",
            plural(n, "file")
        ),
    };
    expiry
        + &format!(
            "{}, {}, {} in {}{skipped}\n",
            plural(report.count(Severity::Error), "error"),
            plural(report.count(Severity::Warning), "warning"),
            plural(report.count(Severity::Info), "info"),
            plural(report.files, "file"),
        )
}

/// Places of a grouped finding drawn at the most (the rest are counted in its message).
const GROUPED_SHOWN: usize = 3;

/// The related locations drawn for a finding: all of them, but only the first few of
/// the places a grouped finding stands for.
fn shown_related(d: &Diagnostic) -> &[crate::diagnostic::Label] {
    let own = d.related.len() - d.grouped;
    &d.related[..own + d.grouped.min(GROUPED_SHOWN)]
}
