//! Diagnostics: what a rule reports.

use crate::source::{FileId, Span};
use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file, with an optional label shown under it.
#[derive(Clone, Debug)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub text: Option<String>,
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    /// Lowercase, no trailing period, names the concrete thing.
    pub message: String,
    /// The primary location.
    pub primary: Label,
    /// Related locations, possibly in other files.
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The same finding at further places, folded into this one (see
    /// [`crate::group_bulk`]): the last `grouped` entries of `related`.
    pub grouped: usize,
    /// A change of the source that removes the finding (`check --fix`, `--diff`).
    pub fix: Option<Fix>,
    /// The fixes of the findings folded into this one ([`crate::group_bulk`]), in their
    /// order: a folded finding is still fixed by `--fix`.
    pub folded_fixes: Vec<Fix>,
}

/// Whether `--fix` applies a fix on its own (as ruff classes them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// Keeps the meaning the author evidently intended: applied by `--fix`.
    Safe,
    /// A likely but not certain repair: applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One replacement of a byte span of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

/// The edits that fix a finding, what they do, and how safe they are.
#[derive(Clone, Debug)]
pub struct Fix {
    pub safety: Safety,
    /// What the fix does, for the report: "add the trailing dot".
    pub description: String,
    pub edits: Vec<Edit>,
}

impl Diagnostic {
    /// A diagnostic at `span` of `file`; the severity is filled in by the engine from
    /// the rule's configured level.
    pub fn new(rule: &'static str, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            message: message.into(),
            primary: Label {
                file,
                span,
                text: None,
            },
            related: Vec::new(),
            help: None,
            grouped: 0,
            fix: None,
            folded_fixes: Vec::new(),
        }
    }
    /// Attaches a fix of one edit.
    pub fn fix(self, safety: Safety, description: impl Into<String>, edit: Edit) -> Self {
        self.fix_edits(safety, description, vec![edit])
    }
    /// A fix of several edits, taken or left together.
    pub fn fix_edits(
        mut self,
        safety: Safety,
        description: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Self {
        self.fix = Some(Fix {
            safety,
            description: description.into(),
            edits,
        });
        self
    }
    /// The finding's own fix, then those of the findings folded into it.
    pub fn fixes(&self) -> impl Iterator<Item = &Fix> {
        self.fix.iter().chain(&self.folded_fixes)
    }
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.text = Some(text.into());
        self
    }
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }
    pub fn related(mut self, file: FileId, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            file,
            span,
            text: Some(text.into()),
        });
        self
    }
}
