//! The JSON report, a contract:
//! `{"version":1,"diagnostics":[{"rule","severity","message","file","line","column",
//! "end_line","end_column","help","related","fix"}],"summary":{"files","errors","warnings","infos"}}`.
//! `fix` (when the finding has one): `{"safety":"safe"|"unsafe","message",
//! "edits":[{"file","line","column","end_line","end_column","content"}]}`: replace the
//! text between the two positions with `content` (an insertion when they are equal).
//! `folded_fixes` (when findings were folded into this one, see `related`): their fixes,
//! in the same form, each applied on its own.

use super::{position, primary_position};
use crate::diagnostic::Severity;
use crate::Report;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    folded_fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    safety: crate::diagnostic::Safety,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub fn render(report: &Report) -> String {
    let src = &report.sources;
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let p = primary_position(src, d);
            JsonDiagnostic {
                rule: d.rule,
                severity: d.severity,
                message: &d.message,
                file: &src.get(d.primary.file).name,
                line: p.line,
                column: p.column,
                end_line: p.end_line,
                end_column: p.end_column,
                help: d.help.as_deref(),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let rp = position(src, r.file, r.span);
                        JsonRelated {
                            file: &src.get(r.file).name,
                            line: rp.line,
                            column: rp.column,
                            message: r.text.as_deref(),
                        }
                    })
                    .collect(),
                fix: d.fix.as_ref().map(|f| json_fix(src, f)),
                folded_fixes: d.folded_fixes.iter().map(|f| json_fix(src, f)).collect(),
            }
        })
        .collect();
    let r = JsonReport {
        version: 1,
        diagnostics,
        summary: Summary {
            files: report.files,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
        },
    };
    let mut s =
        serde_json::to_string_pretty(&r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

fn json_fix<'a>(src: &'a crate::source::SourceMap, f: &'a crate::diagnostic::Fix) -> JsonFix<'a> {
    JsonFix {
        safety: f.safety,
        message: &f.description,
        edits: f
            .edits
            .iter()
            .map(|e| {
                let ep = position(src, e.file, e.span);
                JsonEdit {
                    file: &src.get(e.file).name,
                    line: ep.line,
                    column: ep.column,
                    end_line: ep.end_line,
                    end_column: ep.end_column,
                    content: &e.replacement,
                }
            })
            .collect(),
    }
}
