//! Output formats: human (miette), concise, json, sarif, github annotations. The command
//! line picks one; each module renders a whole report to a string.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// miette's excerpts with labels and help, and a summary line.
    Human,
    /// `file:line:col: severity[rule] message`, one finding a line.
    Concise,
    /// The JSON report (a stable contract).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// How the text formats look.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colour (human format only).
    pub color: bool,
    /// Columns to wrap the human format at.
    pub width: usize,
    /// Findings only: no summary line.
    pub quiet: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            color: false,
            width: 100,
            quiet: false,
        }
    }
}

/// A whole report in one format.
pub fn render(report: &crate::Report, format: Format, style: Style) -> String {
    match format {
        Format::Human => human::render(report, style.color, style.width, style.quiet),
        Format::Concise => {
            let mut s = concise::render(report);
            if !style.quiet {
                s.push_str(&log_safe(&human::summary(report), true));
            }
            s
        }
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}

/// Where a diagnostic starts and ends: 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn position(
    sources: &SourceMap,
    file: crate::source::FileId,
    span: crate::source::Span,
) -> Position {
    let f = sources.get(file);
    let (line, column) = f.line_col(span.start as usize);
    let (end_line, end_column) = f.line_col(span.end as usize);
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}

pub fn primary_position(sources: &SourceMap, d: &Diagnostic) -> Position {
    position(sources, d.primary.file, d.primary.span)
}

/// A finding on one line, `file:line:col: severity[rule] message` (the concise format,
/// and the human format's form without excerpt), with its line feed.
pub fn finding_line(sources: &SourceMap, d: &Diagnostic) -> String {
    let p = primary_position(sources, d);
    format!(
        "{}:{}:{}: {}[{}] {}\n",
        sources.get(d.primary.file).name,
        p.line,
        p.column,
        d.severity,
        d.rule,
        plain_text(&d.message)
    )
}

/// Text from input (a file name, a reason that quotes one) made safe for a terminal or
/// a CI log: control characters are shown escaped (`\n`, `\x1b`), so no byte of input
/// can move the cursor, recolour the terminal or start a workflow command on a line of
/// its own.
pub fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A name made of bytes (a file name that is not UTF-8) as text: valid UTF-8 kept,
/// every other byte written `\xNN`, so two names that differ only in invalid bytes stay
/// distinct; control characters escaped as [`plain_text`] does.
pub fn name_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&plain_text(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The last guard before text reaches a terminal or a CI log, applied to the whole of
/// the human and concise outputs and to every message on standard error: control
/// characters but the line feed are escaped (with `controls`; coloured output keeps the
/// escapes it made itself, and its input parts are escaped before rendering), no line
/// starts a GitHub workflow command (`::` at the start of a line, leading blanks
/// ignored, as the runner reads it), and no `##[` (the runner's older command form,
/// found anywhere in a line) survives: a zero-width space breaks each.
pub fn log_safe(s: &str, controls: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = if controls {
            std::borrow::Cow::Owned(plain_text(line))
        } else {
            std::borrow::Cow::Borrowed(line)
        };
        let body =
            line.trim_start_matches(|c: char| c.is_whitespace() || (c.is_control() && !controls));
        let indent = &line[..line.len() - body.len()];
        out.push_str(indent);
        if body.starts_with("::") {
            out.push('\u{200b}');
        }
        out.push_str(&body.replace("##[", "##\u{200b}["));
    }
    out
}

/// Like [`log_safe`] for one message of standard error: every control character, line
/// feeds included, escaped.
pub fn stderr_safe(s: &str) -> String {
    log_safe(&plain_text(s), true)
}
