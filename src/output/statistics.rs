//! `--statistics`: how many findings each rule has, instead of the findings (ruff's
//! `--statistics`): the first look at a repository that has never been linted.

use crate::diagnostic::Severity;
use crate::Report;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One line of the table: a rule, the severity it reported at, how many findings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub rule: &'static str,
    pub severity: Severity,
    pub count: usize,
}

/// The rows, most findings first, then by severity (errors first) and rule name.
/// A rule reported at two severities (a path-scoped level in zonelint.toml) has a row
/// for each.
pub fn rows(report: &Report) -> Vec<Row> {
    let mut counts: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    for d in &report.diagnostics {
        *counts.entry((d.rule, d.severity)).or_default() += 1;
    }
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|((rule, severity), count)| Row {
            rule,
            severity,
            count,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.cmp(b.rule))
    });
    rows
}

/// The table as text: count, severity, rule, and the rule's summary.
pub fn render(report: &Report) -> String {
    let rows = rows(report);
    let count_w = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let rule_w = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        let summary = crate::rules::find(r.rule)
            .map(|rule| rule.meta().summary())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>count_w$}  {:<7}  {:<rule_w$}  {summary}",
            r.count,
            r.severity.as_str(),
            r.rule
        );
    }
    out
}

/// The table as JSON: `[{"rule", "severity", "count"}]`, in the order of [`rows`].
pub fn render_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&rows(report)).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
