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
        let text = f.display_text();
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
        // A window this large is no excerpt (one line of kilobytes, a record over
        // hundreds of lines): the finding is printed without one.
        if data_end - data_start > MAX_EXCERPT {
            return Err(MietteError::OutOfBounds);
        }
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
        f.write_str(&super::plain_text(&self.d.message))
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
        f.write_str(&super::plain_text(&self.text))
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
            Some(super::plain_text(&self.text)),
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
    /// `error[rule]`: the severity as a word beside miette's glyph (a log read without
    /// colour or in a screen reader does not lose it), in the form the concise format
    /// and rustc use.
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}[{}]", self.d.severity, self.d.rule)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.d.severity))
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(super::plain_text(h)) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.source.0.text.len();
        let mut v = vec![LabeledSpan::new_primary_with_span(
            self.d.primary.text.as_deref().map(super::plain_text),
            sspan(self.d.primary.span, len),
        )];
        // Related labels in the same file are drawn on the same excerpt.
        for r in shown_related(self.d)
            .iter()
            .filter(|r| r.file == self.d.primary.file)
        {
            v.push(LabeledSpan::new_with_span(
                r.text.as_deref().map(super::plain_text),
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

/// Renders every finding and, unless `quiet`, a summary line.
pub fn render(report: &Report, color: bool, width: usize, quiet: bool) -> String {
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
        .enumerate()
        .map(|(i, d)| {
            if i < MAX_EXCERPTS {
                render_one(&handler, &report.sources, d)
            } else {
                one_line(&report.sources, d)
            }
        })
        .collect();
    let mut out = parts.concat();
    if report.diagnostics.len() > MAX_EXCERPTS {
        out.push_str(&format!(
            "(the findings after the first {MAX_EXCERPTS} are shown without excerpts; --format concise lists all in this form)\n"
        ));
    }
    if !quiet {
        out.push_str(&summary(report));
    }
    // The last guard: with colour, only the escapes miette wrote remain (input parts
    // were escaped before rendering); without, every control character is escaped.
    super::log_safe(&out, !color)
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
    // A finding whose excerpt would be too long (one line of kilobytes, a record over
    // hundreds of lines) is printed on one line.
    let too_long = |file: crate::source::FileId, span: crate::source::Span| {
        let f = sources.get(file);
        let starts = f.line_starts();
        let first = f.line_of(span.start as usize).0.saturating_sub(1);
        let last = f.line_of(span.end as usize).0 + 2;
        let end = starts.get(last).map_or(f.text.len(), |&e| e as usize);
        end.saturating_sub(starts[first] as usize) > MAX_EXCERPT
    };
    if too_long(d.primary.file, d.primary.span)
        || shown_related(d).iter().any(|r| too_long(r.file, r.span))
    {
        return one_line(sources, d) + "\n";
    }
    let item = Rendered {
        d,
        source: IndexedSource(sources.get_arc(d.primary.file)),
        related,
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &item).is_err() {
        s = one_line(sources, d);
    }
    s.push('\n');
    s
}

/// Most bytes of source an excerpt shows.
const MAX_EXCERPT: usize = 8 << 10;
/// Findings shown with an excerpt; the rest get one line each (a small file with a
/// hundred thousand findings must not print gigabytes).
pub const MAX_EXCERPTS: usize = 1000;

/// A finding on one line, without excerpt, and its help.
fn one_line(sources: &SourceMap, d: &Diagnostic) -> String {
    let help = d
        .help
        .as_ref()
        .map(|h| format!("  help: {}\n", super::plain_text(h)))
        .unwrap_or_default();
    super::finding_line(sources, d) + &help
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
