//! GitHub Actions workflow commands (`--format github`): one annotation a finding,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=zonelint(<rule>)::message`.

use super::primary_position;
use crate::diagnostic::Severity;
use crate::Report;
use std::fmt::Write;

/// Escapes the message part: `%`, CR and LF (the runner's escapes); other control
/// characters shown escaped, and `##[` (the runner's older command form) broken.
pub fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    super::plain_text(&s).replace("##[", "##\u{200b}[")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let p = primary_position(&report.sources, d);
        let f = report.sources.get(d.primary.file);
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut msg = d.message.clone();
        if let Some(h) = &d.help {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        let _ = writeln!(
            out,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&f.name),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            escape_property(&format!("zonelint({})", d.rule)),
            escape_data(&msg)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
