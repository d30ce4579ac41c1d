//! `file:line:col: severity[rule] message`, one finding a line.

use crate::Report;

pub fn render(report: &Report) -> String {
    let out: String = report
        .diagnostics
        .iter()
        .map(|d| super::finding_line(&report.sources, d))
        .collect();
    super::log_safe(&out, true)
}
