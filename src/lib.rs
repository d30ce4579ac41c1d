//! zonelint: a linter and pre-deploy gate for DNS zone files and named.conf.
//!
//! The library does the work; `main.rs` only parses arguments. The entry point is
//! [`check`]: it loads every input into one [`project::Project`], runs every rule of the
//! registry ([`rules::RULES`]) and returns a [`Report`] with the diagnostics in a stable
//! order (file, line, column, rule) whatever the thread count.
//!
//! ```
//! let report = zonelint::check(&["examples".into()], &zonelint::Options::default());
//! assert!(report.files > 0);
//! for d in &report.diagnostics {
//!     let file = report.sources.get(d.primary.file);
//!     let (line, col) = file.line_col(d.primary.span.start as usize);
//!     println!("{}:{line}:{col}: {}[{}] {}", file.name, d.severity, d.rule, d.message);
//! }
//! assert!(report.diagnostics.iter().any(|d| d.rule == "missing-trailing-dot"));
//! ```

pub mod diagnostic;
pub mod discover;
pub mod names;
pub mod output;
pub mod project;
pub mod rules;
pub mod source;
pub mod tree;
pub mod zone;

use diagnostic::{Diagnostic, Severity};
use project::{LoadOptions, Project};
use rayon::prelude::*;
use rules::{Ctx, RULES};
use source::SourceMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A rule's configured level: a severity, or off.
pub type Level = Option<Severity>;

/// What to check and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub load: LoadOptions,
    /// Levels by rule name; rules not listed keep their default severity.
    pub levels: HashMap<String, Level>,
}

/// The result of a run.
pub struct Report {
    pub sources: SourceMap,
    /// Sorted by file, line, column, rule.
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// The zones that were checked (kept so that the caller decides when to free them).
    pub zones: Vec<zone::Zone>,
    /// Wall time of each phase, for `--stats`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Report {
    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= threshold)
    }
}

/// The checked tree for a set of inputs: the nearest ancestor of the first input that
/// holds `.git` or `zonelint.toml`; else the current directory when every input lies
/// inside it; else the input's own directory.
pub fn tree_root(inputs: &[PathBuf], cwd: &Path) -> PathBuf {
    let canon: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .map(|p| {
            if p.is_file() {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            } else {
                p
            }
        })
        .collect();
    let Some(first) = canon.first() else {
        return cwd.to_path_buf();
    };
    let mut dir = Some(first.as_path());
    while let Some(d) = dir {
        if d.join(".git").exists() || d.join("zonelint.toml").exists() {
            if canon.iter().all(|p| p.starts_with(d)) {
                return d.to_path_buf();
            }
            break;
        }
        dir = d.parent();
    }
    if canon.iter().all(|p| p.starts_with(cwd)) {
        return cwd.to_path_buf();
    }
    // The deepest common ancestor of the inputs.
    let mut common = first.clone();
    while !canon.iter().all(|p| p.starts_with(&common)) {
        if !common.pop() {
            break;
        }
    }
    common
}

/// Checks the inputs.
pub fn check(inputs: &[PathBuf], opts: &Options) -> Report {
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_else(|_| PathBuf::from("."));
    let root = tree_root(inputs, &cwd);
    let t0 = std::time::Instant::now();
    let project = Project::load(inputs, root, cwd, &opts.load);
    let t1 = std::time::Instant::now();
    let diagnostics = run_rules(&project, opts);
    let t2 = std::time::Instant::now();
    Report {
        timings: vec![("read and parse", t1 - t0), ("rules", t2 - t1)],
        files: project.files_checked,
        sources: project.sources,
        zones: project.zones,
        diagnostics,
    }
}

/// The level each registered rule runs at (`None`: off).
fn levels(opts: &Options) -> Vec<Level> {
    RULES
        .iter()
        .map(|r| match opts.levels.get(r.meta().name) {
            Some(l) => *l,
            None => Some(r.meta().default_severity),
        })
        .collect()
}

/// Runs every enabled rule; zones in parallel.
pub fn run_rules(project: &Project, opts: &Options) -> Vec<Diagnostic> {
    let levels = levels(opts);
    let mut out: Vec<Diagnostic> = project
        .zones
        .par_iter()
        .flat_map_iter(|zone| {
            let mut v = Vec::new();
            for (rule, level) in RULES.iter().zip(&levels) {
                if let Some(sev) = level {
                    let mut cx = Ctx::new(rule.meta(), *sev, &project.sources, &mut v);
                    rule.check_zone(zone, &mut cx);
                }
            }
            v
        })
        .collect();
    for (rule, level) in RULES.iter().zip(&levels) {
        if let Some(sev) = level {
            let mut cx = Ctx::new(rule.meta(), *sev, &project.sources, &mut out);
            rule.check_project(project, &mut cx);
        }
    }
    sort_diagnostics(&mut out, &project.sources);
    out
}

/// The stable order: file name, line, column, rule, message.
pub fn sort_diagnostics(v: &mut [Diagnostic], sources: &SourceMap) {
    v.par_sort_by_cached_key(|d| {
        let f = sources.get(d.primary.file);
        let (line, col) = f.line_col(d.primary.span.start as usize);
        (f.name.clone(), line, col, d.rule, d.message.clone())
    });
}
