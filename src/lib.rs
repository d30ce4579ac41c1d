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

pub mod conf;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod discover;
pub mod dnssec;
pub mod fix;
pub mod fuzzing;
pub mod gitbase;
pub mod names;
pub mod output;
pub mod project;
pub mod rules;
pub mod source;
pub mod special_addresses;
pub mod suppress;
pub mod tlds;
pub mod tree;
pub mod unbound;
pub mod zone;

use diagnostic::{Diagnostic, Severity};
use project::{LoadOptions, Project};
use rayon::prelude::*;
use rules::{Ctx, QUIET_IN_POLICY_ZONES, READER_ONLY_RULES, RULES};
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
    /// The time for time-dependent rules (seconds since 1970, UTC); `None`: the clock.
    pub now: Option<i64>,
    /// `--git-base`: compare zone files with this revision.
    pub git_base: Option<String>,
    /// `--changed-only`: report only on files changed since the git base.
    pub changed_only: bool,
    /// Rule options from zonelint.toml.
    pub rule_options: rules::RuleOptions,
}

/// The current time in seconds since 1970.
pub fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Parses `--now`: RFC 3339 (`2026-11-23T12:00:00Z`) or `YYYYMMDDHHMMSS` (UTC).
pub fn parse_now(s: &str) -> Result<i64, String> {
    if s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        let iso = format!(
            "{}-{}-{}T{}:{}:{}Z",
            &s[0..4],
            &s[4..6],
            &s[6..8],
            &s[8..10],
            &s[10..12],
            &s[12..14]
        );
        return parse_now(&iso);
    }
    s.parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .map_err(|e| format!("`{s}` is not an RFC 3339 time or YYYYMMDDHHMMSS: {e}"))
}

/// The result of a run.
pub struct Report {
    pub sources: SourceMap,
    /// Sorted by file, line, column, rule.
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// The zones that were checked (kept so that the caller decides when to free them).
    pub zones: Vec<zone::Zone>,
    /// The checked tree's root (SARIF URIs are relative to it).
    pub root: PathBuf,
    /// The time the run compared with.
    pub now: i64,
    /// A problem that makes the run meaningless (a bad `--git-base`): exit 2.
    pub fatal: Option<String>,
    /// Wall time of each phase, for `--stats`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Files left out as not DNS data (those named on the command line among them).
    pub skipped: Vec<discover::Skipped>,
    /// When files were named inside a repository (the repository loaded as context),
    /// the files named: counts and summary lines speak of these alone.
    pub scope: Option<std::collections::HashSet<PathBuf>>,
}

impl Report {
    /// Whether a zone is one the user asked about (every zone, unless files were named
    /// inside a repository loaded for context).
    pub fn in_scope(&self, z: &zone::Zone) -> bool {
        self.scope.as_ref().is_none_or(|s| {
            z.files
                .iter()
                .any(|f| s.contains(&self.sources.get(*f).path))
        })
    }
    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= threshold)
    }
}

/// A path made absolute against `cwd` with `.` and `..` taken away by their spelling,
/// not by following links: the way the user wrote it.
pub fn lexical_absolute(p: &Path, cwd: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(p).components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// The checked tree for a set of inputs: the nearest ancestor of the first input that
/// holds `.git` or `zonelint.toml`; else the current directory when every input lies
/// inside it; else the inputs' deepest common folder. The search follows the paths as
/// written (a folder that is a symbolic link out of the repository does not make its
/// target the tree: it is an input outside the tree); the root found is then made
/// canonical.
pub fn tree_root(inputs: &[PathBuf], cwd: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = inputs
        .iter()
        .map(|p| lexical_absolute(p, cwd))
        .map(|p| {
            if std::fs::symlink_metadata(&p).is_ok_and(|m| !m.is_dir()) {
                p.parent().map(Path::to_path_buf).unwrap_or(p)
            } else {
                p
            }
        })
        .collect();
    let Some(first) = dirs.first() else {
        return cwd.to_path_buf();
    };
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut dir = Some(first.as_path());
    while let Some(d) = dir {
        let marker = |m: &str| std::fs::symlink_metadata(d.join(m)).is_ok();
        if marker(".git") || marker(config::FILE_NAME) {
            if dirs.iter().all(|p| p.starts_with(d)) {
                return real(d);
            }
            break;
        }
        dir = d.parent();
    }
    if dirs.iter().all(|p| p.starts_with(cwd)) {
        return cwd.to_path_buf();
    }
    // The deepest common ancestor of the inputs.
    let mut common = first.clone();
    while !dirs.iter().all(|p| p.starts_with(&common)) {
        if !common.pop() {
            break;
        }
    }
    real(&common)
}

/// Checks the inputs.
pub fn check(inputs: &[PathBuf], opts: &Options) -> Report {
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_else(|_| PathBuf::from("."));
    let root = tree_root(inputs, &cwd);
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| lexical_absolute(p, &cwd)).collect();
    let inputs = &inputs[..];
    // Files named inside a git repository (a pre-commit hook passes the staged files):
    // load the whole repository, so that parent zones and included files are there, and
    // report only on the files named.
    let locator = tree::Tree::new(root.clone(), root.clone());
    // Standard input given a name stands for that file of the repository.
    let stdin_named = |p: &PathBuf| {
        opts.load
            .stdin
            .as_ref()
            .is_some_and(|s| s.named && s.path == *p)
    };
    let named: Vec<PathBuf> = inputs
        .iter()
        .filter(|p| stdin_named(p) || std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir()))
        .map(|p| match locator.locate(p) {
            tree::Located::Found(c, _) => c,
            _ => p.clone(),
        })
        .collect();
    let whole_repo = !named.is_empty() && named.len() == inputs.len() && root.join(".git").exists();
    let load_inputs: Vec<PathBuf> = if whole_repo {
        inputs.iter().cloned().chain([root.clone()]).collect()
    } else {
        inputs.to_vec()
    };
    // One clock reading for the whole run: the rules and the report agree on it.
    let now = opts.now.unwrap_or_else(system_now);
    let t0 = std::time::Instant::now();
    let mut load_opts = opts.load.clone();
    load_opts.git_base = opts.git_base.clone();
    let project = Project::load(&load_inputs, root.clone(), cwd, &load_opts);
    let t1 = std::time::Instant::now();
    let fatal = project.base_error.clone();
    // One pipeline: the rules report at their levels; suppression comments drop what
    // they cover; then, with every finding known, the unused and invalid suppressions.
    let (mut diagnostics, per_rule) = run_rules_timed(&project, opts, now);
    let (mut sups, invalid) = suppress::collect(
        &project.zones,
        &project.confs,
        &project.unbounds,
        &project.sources,
    );
    let unused = suppress::apply(&mut diagnostics, &mut sups, &project.sources, &opts.levels);
    let extra = suppress::with_levels(invalid.into_iter().chain(unused).collect(), &opts.levels);
    if !extra.is_empty() {
        diagnostics.extend(extra);
        sort_diagnostics(&mut diagnostics, &project.sources);
    }
    // With files named inside a repository, the scope: the named files and every file
    // of a zone or configuration that a named file is part of (a changed `$INCLUDE`d
    // file makes its zone's serial a question).
    let scope: Option<std::collections::HashSet<PathBuf>> = whole_repo.then(|| {
        let named: std::collections::HashSet<&PathBuf> = named.iter().collect();
        let path = |f: &source::FileId| &project.sources.get(*f).path;
        let groups = project
            .zones
            .iter()
            .map(|z| &z.files)
            .chain(project.confs.iter().map(|c| &c.files));
        let mut scope: std::collections::HashSet<PathBuf> =
            named.iter().map(|p| (*p).clone()).collect();
        for files in groups {
            if files.iter().any(|f| named.contains(path(f))) {
                scope.extend(files.iter().map(|f| path(f).clone()));
            }
        }
        scope
    });
    if let Some(scope) = &scope {
        // Findings in scope, and findings elsewhere that a file in scope takes part in
        // (a parent's glue that no longer matches the child's changed address).
        let in_scope = |f: source::FileId| scope.contains(&project.sources.get(f).path);
        diagnostics
            .retain(|d| in_scope(d.primary.file) || d.related.iter().any(|l| in_scope(l.file)));
    }
    if opts.changed_only {
        if let Some(base) = &project.base {
            diagnostics.retain(|d| base.is_changed(&project.sources.get(d.primary.file).path));
        }
    }
    let diagnostics = group_bulk(diagnostics, &project.sources);
    let t2 = std::time::Instant::now();
    let mut timings = vec![("read and parse", t1 - t0), ("rules", t2 - t1)];
    timings.extend(per_rule);
    let mut skipped = project.skipped;
    let files = match &scope {
        Some(scope) => {
            // A named file that a zone or configuration reads is not "not DNS data";
            // a hook's other staged files (a README) are no news.
            let read: std::collections::HashSet<&PathBuf> =
                project.sources.iter().map(|(_, f)| &f.path).collect();
            skipped.retain(|s| {
                s.explicit && !read.contains(&s.path) && discover::name_suggests_dns(&s.path)
            });
            let mut seen = std::collections::HashSet::new();
            project
                .sources
                .iter()
                .filter(|(_, f)| scope.contains(&f.path) && seen.insert(&f.path))
                .count()
        }
        None => project.files_checked,
    };
    Report {
        now,
        root,
        fatal,
        timings,
        skipped,
        scope,
        files,
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

/// Runs every enabled rule at `opts.now` (else the clock); zones in parallel.
pub fn run_rules(project: &Project, opts: &Options) -> Vec<Diagnostic> {
    run_rules_timed(project, opts, opts.now.unwrap_or_else(system_now)).0
}

/// Runs every enabled rule at `now` and measures the time each rule took (summed over
/// zones and threads), for `--stats`.
pub fn run_rules_timed(
    project: &Project,
    opts: &Options,
    now: i64,
) -> (Vec<Diagnostic>, Vec<(&'static str, std::time::Duration)>) {
    use std::sync::atomic::{AtomicU64, Ordering};
    let levels = levels(opts);
    let nanos: Vec<AtomicU64> = RULES.iter().map(|_| AtomicU64::new(0)).collect();
    // Signature verification first, on every core: done inside a rule, it would run
    // under a lock that keeps the other rules' threads waiting.
    let t_sigs = std::time::Instant::now();
    project.zones.par_iter().for_each(|z| {
        if z.apex_id()
            .is_some_and(|a| !z.rrset(a, domain::base::iana::Rtype::DNSKEY).is_empty())
        {
            z.dnssec();
        }
    });
    let t_sigs = t_sigs.elapsed();
    let mut out: Vec<Diagnostic> = project
        .zones
        .par_iter()
        .flat_map(|zone| {
            let (levels, nanos) = (&levels, &nanos);
            // Rules of one zone run in parallel too: a single large zone uses every core.
            (0..RULES.len()).into_par_iter().flat_map_iter(move |k| {
                let mut v = Vec::new();
                if let Some(sev) = levels[k] {
                    let name = RULES[k].meta().name;
                    if (zone.foreign_origin || zone.fragment) && !READER_ONLY_RULES.contains(&name)
                    {
                        return v;
                    }
                    if zone.rpz && QUIET_IN_POLICY_ZONES.contains(&name) {
                        return v;
                    }
                    let t = std::time::Instant::now();
                    let mut cx = Ctx::new(RULES[k].meta(), sev, project, now, &mut v);
                    cx.options = &opts.rule_options;
                    RULES[k].check_zone(zone, &mut cx);
                    nanos[k].fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
                }
                v
            })
        })
        .collect();
    for ((rule, level), ns) in RULES.iter().zip(&levels).zip(&nanos) {
        if let Some(sev) = level {
            let t = std::time::Instant::now();
            let mut cx = Ctx::new(rule.meta(), *sev, project, now, &mut out);
            cx.options = &opts.rule_options;
            for conf in &project.confs {
                rule.check_conf(conf, &mut cx);
            }
            for conf in &project.unbounds {
                rule.check_unbound(conf, &mut cx);
            }
            rule.check_project(project, &mut cx);
            ns.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    }
    sort_diagnostics(&mut out, &project.sources);
    let mut per_rule: Vec<(&'static str, std::time::Duration)> = RULES
        .iter()
        .zip(&nanos)
        .map(|(r, n)| {
            (
                r.meta().name,
                std::time::Duration::from_nanos(n.load(Ordering::Relaxed)),
            )
        })
        .filter(|(_, d)| d.as_millis() >= 5)
        .collect();
    per_rule.sort_by_key(|r| std::cmp::Reverse(r.1));
    per_rule.insert(0, (SIGNATURES_PHASE, t_sigs));
    (out, per_rule)
}

/// The phase of [`run_rules_timed`] that verifies every signature (before the rules,
/// on every core; part of the rules' time).
pub const SIGNATURES_PHASE: &str = "signatures";

/// Findings of one rule in one file beyond this many are folded into the first.
pub const GROUP_AT: usize = 20;

/// One cause, one finding. The same finding reached twice (an included file read for
/// several zones or configurations) is reported once; and when one rule fires more
/// than [`GROUP_AT`] times in one file at one severity (a serial signer's expired
/// signatures, SHA-1 DS records across a TLD's delegations, a hundred lost dots from
/// one template), the first finding stands for all: its message gives the count, and
/// every other place is kept as a related location (JSON and SARIF list them all; the
/// human output shows the first few). Expects `v` in the stable order.
pub fn group_bulk(mut v: Vec<Diagnostic>, sources: &SourceMap) -> Vec<Diagnostic> {
    // One file read several times (included by many zones, or many times by one) is
    // one file here: findings are told apart by its path, not by the reading.
    let path = |f: source::FileId| sources.get(f).path.as_path();
    v.dedup_by(|b, a| {
        a.rule == b.rule
            && a.primary.span == b.primary.span
            && a.message == b.message
            && path(a.primary.file) == path(b.primary.file)
    });
    let mut counts: HashMap<(&'static str, &Path, Severity), usize> = HashMap::new();
    for d in &v {
        *counts
            .entry((d.rule, path(d.primary.file), d.severity))
            .or_default() += 1;
    }
    if counts.values().all(|&n| n <= GROUP_AT) {
        return v;
    }
    let mut out: Vec<Diagnostic> = Vec::with_capacity(v.len());
    // Where the folded group of a key stands in `out`.
    let mut head: HashMap<(&'static str, &Path, Severity), usize> = HashMap::new();
    for d in v {
        let key = (d.rule, path(d.primary.file), d.severity);
        if counts[&key] <= GROUP_AT {
            out.push(d);
            continue;
        }
        match head.get(&key) {
            Some(&i) => {
                let g = &mut out[i];
                g.related.push(diagnostic::Label {
                    file: d.primary.file,
                    span: d.primary.span,
                    text: Some(d.message),
                });
                g.grouped += 1;
                g.folded_fixes.extend(d.fix);
            }
            None => {
                let mut d = d;
                d.message = format!(
                    "{} (and {} more findings of this rule in this file)",
                    d.message,
                    counts[&key] - 1
                );
                head.insert(key, out.len());
                out.push(d);
            }
        }
    }
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
