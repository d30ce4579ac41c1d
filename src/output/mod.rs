//! Output formats: human (miette), concise, json, sarif, github annotations. The command
//! line picks one; each module renders a whole report to a string.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

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
