//! `file:line:col: severity[rule] message`, one finding a line.

use super::primary_position;
use crate::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let p = primary_position(&report.sources, d);
        let f = report.sources.get(d.primary.file);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            f.name,
            p.line,
            p.column,
            d.severity,
            d.rule,
            super::plain_text(&d.message)
        );
    }
    super::log_safe(&out, true)
}
