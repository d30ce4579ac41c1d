//! Suppression comments in zone files.
//!
//! `; zonelint: ignore[rule-a, rule-b] reason` at the end of a record's line covers that
//! record (all its lines, parentheses included); on a line of its own it covers the next
//! record. The reason runs to the end of the line or to a further `;`. `; zonelint: ignore-file[rule] reason` anywhere covers the whole file. A
//! suppression that matches nothing is reported as `unused-suppression`; one that names
//! an unknown rule, has no reason or does not parse, as `invalid-suppression`.

use crate::conf::{Item, NamedConf, Stmt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RULES;
use crate::source::{FileId, SourceMap, Span};
use crate::zone::Zone;
use crate::Level;
use std::collections::HashMap;

pub const UNUSED: &str = crate::rules::reader::unused_suppression::NAME;
pub const INVALID: &str = crate::rules::reader::invalid_suppression::NAME;

/// One parsed suppression.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub file: FileId,
    /// The comment.
    pub span: Span,
    /// `None`: the whole file.
    pub lines: Option<(usize, usize)>,
    pub rules: Vec<String>,
    pub used: Vec<bool>,
}

/// What a comment says: `Ok(None)` if it is no directive at all.
fn parse(comment: &str) -> Result<Option<(bool, Vec<String>, String)>, String> {
    let body = comment
        .trim_start_matches(';')
        .trim_start_matches(['/', '#', '*'])
        .trim();
    let Some(rest) = body.strip_prefix("zonelint:") else {
        return Ok(None);
    };
    let rest = rest.trim_start();
    let (file_wide, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        (false, r)
    } else {
        return Err("a zonelint comment must be `zonelint: ignore[rule] reason` or `zonelint: ignore-file[rule] reason`".into());
    };
    let rest = rest.trim_start();
    let inner = rest
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .ok_or("the rules go in brackets: `ignore[rule-a, rule-b] reason`")?;
    let rules: Vec<String> = inner
        .0
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if rules.is_empty() {
        return Err("no rule named in the brackets".into());
    }
    // The reason runs to the end of the comment, or to a further `;` (a second comment).
    let reason = inner
        .1
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches("*/")
        .trim()
        .to_string();
    Ok(Some((file_wide, rules, reason)))
}

/// Collects the suppressions of the zones; invalid ones become findings.
pub fn collect(
    zones: &[Zone],
    confs: &[NamedConf],
    unbounds: &[crate::unbound::UnboundConf],
    sources: &SourceMap,
) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let names: Vec<&str> = RULES.iter().map(|r| r.meta().name).collect();
    let mut out = Vec::new();
    let mut invalid = Vec::new();
    let owners = zones
        .iter()
        .map(Owner::Zone)
        .chain(confs.iter().map(Owner::Conf))
        .chain(unbounds.iter().map(Owner::Unbound));
    for owner in owners {
        let comments = match owner {
            Owner::Zone(z) => &z.directive_comments,
            Owner::Conf(c) => &c.directive_comments,
            Owner::Unbound(u) => &u.directive_comments,
        };
        if comments.is_empty() {
            continue;
        }
        // The records (statements) of each file by where they start, built once per
        // zone: a suppression finds its record by binary search, so a hundred thousand
        // of them cost no more than the records.
        let mut starts: HashMap<FileId, Vec<(u32, u32)>> = HashMap::new();
        match owner {
            Owner::Zone(z) => {
                for r in &z.records {
                    starts
                        .entry(r.file)
                        .or_default()
                        .push((r.span.start, r.span.end));
                }
            }
            // Unbound: each option (keyword to last value) and each clause keyword.
            Owner::Unbound(u) => {
                for c in &u.clauses {
                    if !c.span.is_empty() {
                        starts
                            .entry(c.file)
                            .or_default()
                            .push((c.span.start, c.span.end));
                    }
                    for o in &c.options {
                        let sp = o.full_span();
                        starts.entry(o.file).or_default().push((sp.start, sp.end));
                    }
                }
            }
            Owner::Conf(c) => {
                let mut all = Vec::new();
                walk_stmts(&c.stmts, &mut all);
                for st in all {
                    starts
                        .entry(st.file)
                        .or_default()
                        .push((st.span.start, st.span.end));
                }
            }
        }
        for v in starts.values_mut() {
            v.sort_unstable();
        }
        for &(file, span) in comments {
            let src = sources.get(file);
            let text = src.text_of(span);
            let (file_wide, rules, reason) = match parse(&text) {
                Ok(Some(x)) => x,
                Ok(None) => continue,
                Err(m) => {
                    invalid.push(
                        Diagnostic::new(INVALID, file, span, format!("malformed suppression: {m}"))
                            .help("write `; zonelint: ignore[rule-name] why it is fine here`"),
                    );
                    continue;
                }
            };
            let mut bad = false;
            for r in &rules {
                if !names.contains(&r.as_str()) {
                    let hint = crate::config::did_you_mean(r, names.iter().copied())
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    invalid.push(
                        Diagnostic::new(
                            INVALID,
                            file,
                            span,
                            format!("suppression names an unknown rule `{r}`{hint}"),
                        )
                        .help("`zonelint rules` lists the rule names"),
                    );
                    bad = true;
                }
            }
            if reason.is_empty() {
                invalid.push(Diagnostic::new(INVALID, file, span, "suppression without a reason").help("say why the finding is acceptable here, after the brackets: `ignore[rule] hidden primary, on purpose`"));
                bad = true;
            }
            if bad {
                continue;
            }
            let lines = if file_wide {
                None
            } else {
                let spans = starts.get(&file).map_or(&[][..], |v| &v[..]);
                match owner {
                    Owner::Zone(_) => covered_lines(spans, sources, file, span),
                    Owner::Conf(_) | Owner::Unbound(_) => {
                        conf_covered_lines(spans, sources, file, span)
                    }
                }
            };
            if !file_wide && lines.is_none() {
                invalid.push(
                    Diagnostic::new(
                        INVALID,
                        file,
                        span,
                        "suppression covers no record: no record follows it",
                    )
                    .help(
                        "put the comment at the end of the record's line, or on the line before it",
                    ),
                );
                continue;
            }
            let used = vec![false; rules.len()];
            out.push(Suppression {
                file,
                span,
                lines,
                rules,
                used,
            });
        }
    }
    (out, invalid)
}

#[derive(Clone, Copy)]
enum Owner<'a> {
    Zone(&'a Zone),
    Conf(&'a NamedConf),
    Unbound(&'a crate::unbound::UnboundConf),
}

fn walk_stmts<'a>(stmts: &'a [Stmt], out: &mut Vec<&'a Stmt>) {
    for s in stmts {
        out.push(s);
        for i in &s.items {
            if let Item::Block(b) = i {
                walk_stmts(&b.stmts, out);
            }
        }
    }
}

/// The lines of the named.conf statement a comment covers: the statement (with its whole
/// block) that starts after a comment on a line of its own, or the innermost statement
/// that holds a comment at the end of a line. `spans`: the file's statements (at every
/// level), sorted by start.
fn conf_covered_lines(
    spans: &[(u32, u32)],
    sources: &SourceMap,
    file: FileId,
    span: Span,
) -> Option<(usize, usize)> {
    let src = sources.get(file);
    let (line, line_start) = src.line_of(span.start as usize);
    let alone = src.text[line_start..span.start as usize]
        .iter()
        .all(|b| b.is_ascii_whitespace());
    let stmt = if alone {
        spans
            .get(spans.partition_point(|s| s.0 <= span.end))
            .copied()
    } else {
        // The innermost of the statements that start before the comment and end on its
        // line or later.
        spans[..spans.partition_point(|s| s.0 <= span.start)]
            .iter()
            .filter(|s| src.line_of(s.1 as usize).0 >= line)
            .min_by_key(|s| s.1 - s.0)
            .copied()
    }?;
    let first = src.line_of(stmt.0 as usize).0;
    let last = src.line_of(stmt.1 as usize).0;
    Some((first + 1, last.max(line) + 1))
}

/// The lines of the record a comment covers. `spans`: the file's records, sorted by
/// start.
fn covered_lines(
    spans: &[(u32, u32)],
    sources: &SourceMap,
    file: FileId,
    span: Span,
) -> Option<(usize, usize)> {
    let src = sources.get(file);
    let (line, line_start) = src.line_of(span.start as usize);
    let alone = src.text[line_start..span.start as usize]
        .iter()
        .all(|b| b.is_ascii_whitespace());
    let (start, end) = if alone {
        spans
            .get(spans.partition_point(|r| r.0 <= span.end))
            .copied()
    } else {
        spans[..spans.partition_point(|r| r.0 <= span.start)]
            .last()
            .copied()
    }?;
    let rec = Span { start, end };
    let first = src.line_of(rec.start as usize).0;
    let last = src
        .line_of(rec.end.max(if alone { rec.end } else { span.end }) as usize)
        .0;
    if !alone && last < line {
        return None;
    }
    Some((first + 1, last.max(line) + 1))
}

/// Drops the findings that a suppression covers; returns the findings for unused
/// suppressions. Suppressions of rules that are off count as used.
pub fn apply(
    diags: &mut Vec<Diagnostic>,
    sups: &mut [Suppression],
    sources: &SourceMap,
    levels: &HashMap<String, Level>,
) -> Vec<Diagnostic> {
    if sups.is_empty() {
        return Vec::new();
    }
    // Indexed by file and line (a hundred thousand suppressions must not be tried
    // against every finding): each suppression under every line it covers, those of
    // whole files (or of records longer than LONG lines) under the file.
    const LONG: usize = 1000;
    let mut by_line: HashMap<(FileId, usize), Vec<usize>> = HashMap::new();
    let mut by_file: HashMap<FileId, Vec<usize>> = HashMap::new();
    for (i, s) in sups.iter().enumerate() {
        match s.lines {
            Some((a, b)) if b - a < LONG => {
                for line in a..=b {
                    by_line.entry((s.file, line)).or_default().push(i);
                }
            }
            _ => by_file.entry(s.file).or_default().push(i),
        }
    }
    let files: std::collections::HashSet<FileId> = sups.iter().map(|s| s.file).collect();
    diags.retain(|d| {
        if !files.contains(&d.primary.file) {
            return true;
        }
        let line = sources
            .get(d.primary.file)
            .line_col(d.primary.span.start as usize)
            .0;
        let mut keep = true;
        let idx = by_line
            .get(&(d.primary.file, line))
            .into_iter()
            .chain(by_file.get(&d.primary.file))
            .flatten();
        for &i in idx {
            let s = &mut sups[i];
            let covers = s.lines.is_none_or(|(a, b)| (a..=b).contains(&line));
            if !covers {
                continue;
            }
            if let Some(k) = s.rules.iter().position(|r| r == d.rule) {
                s.used[k] = true;
                keep = false;
            }
        }
        keep
    });
    let mut unused = Vec::new();
    for s in sups.iter() {
        for (r, used) in s.rules.iter().zip(&s.used) {
            let off = matches!(levels.get(r.as_str()), Some(None));
            if !used && !off {
                unused.push(
                    Diagnostic::new(UNUSED, s.file, s.span, format!("suppression of `{r}` matches no finding"))
                        .help("remove it: the problem it silenced is gone (or the comment is on the wrong line)"),
                );
            }
        }
    }
    unused
}

/// Sets the level of the suppression rules' own findings; drops them when off.
pub fn with_levels(mut v: Vec<Diagnostic>, levels: &HashMap<String, Level>) -> Vec<Diagnostic> {
    v.retain_mut(|d| {
        let default = crate::rules::find(d.rule)
            .map(|r| r.meta().default_severity)
            .unwrap_or(Severity::Warning);
        match levels.get(d.rule) {
            Some(None) => false,
            Some(Some(s)) => {
                d.severity = *s;
                true
            }
            None => {
                d.severity = default;
                true
            }
        }
    });
    v
}

#[cfg(test)]
mod tests {
    use super::parse;
    #[test]
    fn comments() {
        assert_eq!(
            parse("; zonelint: ignore[a, b] why").unwrap().unwrap(),
            (false, vec!["a".into(), "b".into()], "why".into())
        );
        assert!(parse("; zonelint: ignore-file[a] x").unwrap().unwrap().0);
        assert!(parse("; zonelint: ignore a").is_err());
        assert!(parse("; zonelint: silence[a] x").is_err());
        assert_eq!(parse("; managed by zonelint").unwrap(), None);
        assert_eq!(parse("; zonelint: ignore[a]").unwrap().unwrap().2, "");
    }
}
