//! SARIF 2.1.0 (`--format sarif`), built with serde_sarif, for GitHub code scanning.
//!
//! Artifact URIs are relative to the repository root with `uriBaseId` `%SRCROOT%`, and
//! no absolute path of the machine appears in the log. `partialFingerprints` hash the
//! rule, the file and the text of the flagged line (not its number), so an alert keeps
//! its identity when lines above it move.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RULES;
use crate::source::{FileId, SourceMap, Span};
use crate::Report;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};
use std::collections::BTreeMap;
use std::hash::Hasher;

pub const INFORMATION_URI: &str = "https://github.com/zonelint/zonelint";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// RFC 3986 percent-encoding of a relative path (unreserved characters and `/` kept).
pub fn uri_path(p: &str) -> String {
    let mut out = String::new();
    for b in p.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The file's path relative to the repository root.
fn rel_path(report: &Report, file: FileId) -> String {
    let f = report.sources.get(file);
    match f.path.strip_prefix(&report.root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
        _ => f.name.clone(),
    }
}

/// A finding's region: widened to one character when empty, so that viewers can mark it.
fn region(sources: &SourceMap, file: FileId, span: Span) -> Region {
    let p = super::position(sources, file, span);
    let least = if p.end_line == p.line {
        p.column + 1
    } else {
        1
    };
    region_of(p, p.end_column.max(least))
}

/// A region exactly as the span is, an empty one too (a fix's insertion point).
fn exact_region(sources: &SourceMap, file: FileId, span: Span) -> Region {
    let p = super::position(sources, file, span);
    region_of(p, p.end_column)
}

fn region_of(p: super::Position, end_column: usize) -> Region {
    Region::builder()
        .start_line(p.line as i64)
        .start_column(p.column as i64)
        .end_line(p.end_line as i64)
        .end_column(end_column as i64)
        .build()
}

fn location(
    report: &Report,
    file: FileId,
    span: Span,
    text: Option<&str>,
    id: Option<i64>,
) -> Location {
    let artifact = ArtifactLocation::builder()
        .uri(uri_path(&rel_path(report, file)))
        .uri_base_id("%SRCROOT%")
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(artifact)
        .region(region(&report.sources, file, span))
        .build();
    match (text, id) {
        (Some(t), Some(i)) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(t).build())
            .id(i)
            .build(),
        _ => Location::builder().physical_location(physical).build(),
    }
}

/// A finding's fix as SARIF's `fixes`: one `artifactChange` per file, a `replacement`
/// per edit (an insertion is an empty `deletedRegion`). The safety is in the
/// description: code scanning offers every fix it is given.
fn sarif_fix(report: &Report, f: &crate::diagnostic::Fix) -> serde_sarif::sarif::Fix {
    use serde_sarif::sarif::{ArtifactChange, ArtifactContent, Fix, Replacement};
    let mut by_file: BTreeMap<FileId, Vec<Replacement>> = BTreeMap::new();
    for e in &f.edits {
        by_file.entry(e.file).or_default().push(
            Replacement::builder()
                .deleted_region(exact_region(&report.sources, e.file, e.span))
                .inserted_content(
                    ArtifactContent::builder()
                        .text(e.replacement.clone())
                        .build(),
                )
                .build(),
        );
    }
    let changes: Vec<ArtifactChange> = by_file
        .into_iter()
        .map(|(file, replacements)| {
            ArtifactChange::builder()
                .artifact_location(
                    ArtifactLocation::builder()
                        .uri(uri_path(&rel_path(report, file)))
                        .uri_base_id("%SRCROOT%")
                        .build(),
                )
                .replacements(replacements)
                .build()
        })
        .collect();
    let safety = match f.safety {
        crate::diagnostic::Safety::Safe => "safe fix",
        crate::diagnostic::Safety::Unsafe => "unsafe fix",
    };
    Fix::builder()
        .description(
            Message::builder()
                .text(format!("{} ({safety})", f.description))
                .build(),
        )
        .artifact_changes(changes)
        .build()
}

/// A stable identity for an alert: rule, file and the flagged line's text.
fn fingerprint(report: &Report, d: &Diagnostic) -> String {
    let f = report.sources.get(d.primary.file);
    let (line, start) = f.line_of(d.primary.span.start as usize);
    let end = f
        .line_starts()
        .get(line + 1)
        .map_or(f.text.len(), |&e| e as usize);
    let mut h = crate::names::FxHasher::default();
    h.write(d.rule.as_bytes());
    h.write(rel_path(report, d.primary.file).as_bytes());
    h.write(f.text[start..end].trim_ascii().as_ref());
    format!("{:016x}", h.finish())
}

/// The descriptors of the rules that have results, in registry order: a SARIF file names
/// what it reports, not the whole catalogue (every rule's full documentation made a
/// four-finding report 207 KB; `zonelint rules` and the help URIs have the rest).
fn rules_metadata(used: &[&'static dyn crate::rules::Rule]) -> Vec<ReportingDescriptor> {
    used.iter()
        .map(|r| {
            let m = r.meta();
            let full = m.section("What it does").unwrap_or(m.summary());
            ReportingDescriptor::builder()
                .id(m.name)
                .short_description(
                    MultiformatMessageString::builder()
                        .text(m.summary())
                        .build(),
                )
                .full_description(MultiformatMessageString::builder().text(full).build())
                .help(
                    MultiformatMessageString::builder()
                        .text(m.summary())
                        .markdown(m.doc)
                        .build(),
                )
                .help_uri(format!("{INFORMATION_URI}/blob/main/rules/{}.md", m.name))
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::from(level(m.default_severity)))
                        .build(),
                )
                .build()
        })
        .collect()
}

pub fn render(report: &Report) -> String {
    let reported: std::collections::HashSet<&str> =
        report.diagnostics.iter().map(|d| d.rule).collect();
    let used: Vec<&'static dyn crate::rules::Rule> = RULES
        .iter()
        .copied()
        .filter(|r| reported.contains(r.meta().name))
        .collect();
    let index: BTreeMap<&str, i64> = used
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().name, i as i64))
        .collect();
    let results: Vec<SarifResult> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(". ");
                text.push_str(h);
            }
            let mut fp = BTreeMap::new();
            fp.insert("zonelint/v1".to_string(), fingerprint(report, d));
            let level = match d.severity {
                Severity::Error => ResultLevel::Error,
                Severity::Warning => ResultLevel::Warning,
                Severity::Info => ResultLevel::Note,
            };
            let loc = location(report, d.primary.file, d.primary.span, None, None);
            let related: Vec<Location> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    location(
                        report,
                        r.file,
                        r.span,
                        Some(r.text.as_deref().unwrap_or("related")),
                        Some(i as i64),
                    )
                })
                .collect();
            let b = SarifResult::builder()
                .rule_id(d.rule)
                .rule_index(index.get(d.rule).copied().unwrap_or(-1))
                .level(level)
                .message(Message::builder().text(text).build())
                .locations(vec![loc])
                .partial_fingerprints(fp);
            let mut r = if related.is_empty() {
                b.build()
            } else {
                b.related_locations(related).build()
            };
            let fixes: Vec<_> = d.fixes().map(|f| sarif_fix(report, f)).collect();
            r.fixes = (!fixes.is_empty()).then_some(fixes);
            r
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("zonelint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFORMATION_URI)
        .rules(rules_metadata(&used))
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
    let sarif = Sarif::builder()
        .version(serde_json::Value::from("2.1.0"))
        .schema(serde_sarif::sarif::SCHEMA_URL)
        .runs(vec![run])
        .build();
    let mut s =
        serde_json::to_string_pretty(&sarif).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
