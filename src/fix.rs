//! Applying the fixes findings carry (`check --fix`, `--diff`): edits grouped by file,
//! a fix whose edits overlap one already taken left for a later run, the new text
//! written atomically (a temporary file in the same folder, then a rename, the mode kept)
//! and only into regular files of the checked tree whose bytes are still the ones that
//! were checked.

use crate::diagnostic::Safety;
use crate::source::FileId;
use crate::Report;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file with the fixes applied.
pub struct FixedFile {
    /// The file's real path.
    pub path: PathBuf,
    /// The name findings show.
    pub name: String,
    pub before: Vec<u8>,
    pub after: Vec<u8>,
    /// Findings fixed in it.
    pub fixes: usize,
}

/// The edits taken in one file, `(start, end, replacement)`, and how many fixes they
/// come from.
type FileEdits<'a> = (Vec<(u32, u32, &'a str)>, usize);

/// The new text of every file some fix touches: fixes of `Safety::Safe`, and with
/// `unsafe_fixes` also the unsafe ones, in report order.
pub fn plan(report: &Report, unsafe_fixes: bool) -> Vec<FixedFile> {
    // Per file: the edits taken, sorted by start, and the fixes they came from.
    let mut per_file: BTreeMap<FileId, FileEdits> = BTreeMap::new();
    for fix in report.diagnostics.iter().flat_map(|d| d.fixes()) {
        if fix.safety == Safety::Unsafe && !unsafe_fixes || fix.edits.is_empty() {
            continue;
        }
        let clashes = fix.edits.iter().any(|e| {
            per_file.get(&e.file).is_some_and(|(taken, _)| {
                taken.iter().any(|&(s, end, _)| {
                    // Overlapping spans, or two insertions at one place.
                    (e.span.start < end && s < e.span.end)
                        || (e.span.start == s && (e.span.is_empty() || s == end))
                })
            })
        });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            let entry = per_file.entry(e.file).or_default();
            entry
                .0
                .push((e.span.start, e.span.end, e.replacement.as_str()));
        }
        if let Some(e) = fix.edits.first() {
            per_file.entry(e.file).or_default().1 += 1;
        }
    }
    let mut out = Vec::new();
    for (file, (mut edits, fixes)) in per_file {
        let src = report.sources.get(file);
        edits.sort_by_key(|&(s, e, _)| (s, e));
        let text = &src.text;
        let mut after = Vec::with_capacity(text.len() + 16);
        let mut at = 0usize;
        for (s, e, rep) in edits {
            let (s, e) = (s as usize, e as usize);
            if s < at || e > text.len() {
                continue;
            }
            after.extend_from_slice(&text[at..s]);
            after.extend_from_slice(rep.as_bytes());
            at = e;
        }
        after.extend_from_slice(&text[at..]);
        out.push(FixedFile {
            path: src.path.clone(),
            name: src.name.clone(),
            before: text.to_vec(),
            after,
            fixes,
        });
    }
    out
}

/// A unified diff of one fixed file (`a/<name>`, `b/<name>`).
pub fn diff(f: &FixedFile) -> String {
    let before = String::from_utf8_lossy(&f.before);
    let after = String::from_utf8_lossy(&f.after);
    similar::TextDiff::from_lines(before.as_ref(), after.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{}", f.name), &format!("b/{}", f.name))
        .to_string()
}

/// Writes a fixed file in place of the original, atomically. Refused: a file outside
/// `root`, one that is no longer a regular file (a link put in its place), one whose
/// bytes changed since they were checked.
pub fn write(f: &FixedFile, root: &Path) -> Result<(), String> {
    if !f.path.starts_with(root) {
        return Err("outside the checked tree; not written".into());
    }
    let meta = std::fs::symlink_metadata(&f.path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.file_type().is_file() {
        return Err("not a regular file (a link?); not written".into());
    }
    let now = std::fs::read(&f.path).map_err(|e| format!("cannot read: {e}"))?;
    if now != f.before {
        return Err("changed since it was checked; not written".into());
    }
    let dir = f.path.parent().ok_or("no folder")?;
    let name = f
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.zonelint-{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write;
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        out.write_all(&f.after)?;
        out.sync_all()?;
        std::fs::set_permissions(&tmp, meta.permissions())?;
        std::fs::rename(&tmp, &f.path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write: {e}"));
    }
    Ok(())
}

/// The most rounds of fixing `apply` runs: a fix may reveal a finding it hid (a name
/// with its dot back is now the copy of another record), or wait for one it overlapped.
pub const MAX_ROUNDS: usize = 10;

/// What [`apply`] did.
pub struct Applied {
    /// The check after the last round: what remains.
    pub report: Report,
    /// Findings fixed, over all rounds.
    pub fixed: usize,
    /// Files written (each counted once).
    pub files: usize,
    /// Files that could not be written, with why (each said once).
    pub refused: Vec<(String, String)>,
    /// The fixes ran out: the last round found nothing more to fix. `false` when
    /// [`MAX_ROUNDS`] rounds still left fixes.
    pub settled: bool,
}

/// Fixes, checks again with `check`, and fixes what that check finds, until nothing is
/// left to fix (or [`MAX_ROUNDS`]): `--fix` leaves nothing a second `--fix` would
/// change. A file that cannot be written is said once and left alone after that.
pub fn apply(mut report: Report, check: impl Fn() -> Report, unsafe_fixes: bool) -> Applied {
    let mut fixed = 0;
    let mut written: std::collections::BTreeSet<PathBuf> = Default::default();
    let mut refused: Vec<(String, String)> = Vec::new();
    // The fixes of a report, but for the files that could not be written.
    let pending = |report: &Report, refused: &[(String, String)]| -> Vec<FixedFile> {
        plan(report, unsafe_fixes)
            .into_iter()
            .filter(|f| !refused.iter().any(|(n, _)| *n == f.name))
            .collect()
    };
    let mut rounds = 0;
    let settled = loop {
        let files = pending(&report, &refused);
        if files.is_empty() {
            break true;
        }
        if rounds == MAX_ROUNDS {
            break false;
        }
        rounds += 1;
        let mut wrote = false;
        for f in &files {
            match write(f, &report.root) {
                Ok(()) => {
                    fixed += f.fixes;
                    written.insert(f.path.clone());
                    wrote = true;
                }
                Err(e) => refused.push((f.name.clone(), e)),
            }
        }
        if !wrote {
            // Every file left to fix was refused: said, and nothing more to do.
            break true;
        }
        report = check();
        if report.fatal.is_some() {
            break false;
        }
    };
    Applied {
        report,
        fixed,
        files: written.len(),
        refused,
        settled,
    }
}
