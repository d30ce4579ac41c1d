//! The git-aware serial check (`--git-base <rev>`): every zone file is compared with its
//! content at that revision (following renames). When its records changed but the SOA
//! serial did not increase under RFC 1982 arithmetic, or the serial went down, the
//! finding is `soa-serial-not-incremented`.
//!
//! Uses git2 (libgit2 built without OpenSSL). The old version is read from the object
//! database, never checked out; the working tree is left alone.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::project::Project;
use crate::source::SourceFile;
use crate::tree::Tree;
use crate::zone::parser::read_zone;
use crate::zone::{OriginSource, Zone};
use domain::base::rdata::ComposeRecordData;
use domain::base::Serial;
use git2::{DiffFindOptions, DiffOptions, Repository};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const RULE: &str = "soa-serial-not-incremented";

/// What the comparison found.
pub struct GitBase {
    pub findings: Vec<Diagnostic>,
    /// Canonical paths of the files that differ from the base (for `--changed-only`).
    pub changed: HashSet<PathBuf>,
}

/// The zone's content, for comparison: every record but the SOA serial, in canonical
/// form, sorted.
fn content(zone: &Zone) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = zone
        .records
        .iter()
        .map(|r| {
            let mut w = zone.owner_name(r).as_slice().to_ascii_lowercase();
            w.extend_from_slice(&r.rtype.to_int().to_be_bytes());
            w.extend_from_slice(&r.class.to_int().to_be_bytes());
            w.extend_from_slice(&r.ttl.to_be_bytes());
            match r.data.rdata().as_deref() {
                Some(crate::zone::Rdata::Soa(soa)) => {
                    // Everything of the SOA but the serial.
                    let mut s = Vec::new();
                    s.extend_from_slice(&soa.mname().as_slice().to_ascii_lowercase());
                    s.extend_from_slice(&soa.rname().as_slice().to_ascii_lowercase());
                    for t in [soa.refresh(), soa.retry(), soa.expire(), soa.minimum()] {
                        s.extend_from_slice(&t.as_secs().to_be_bytes());
                    }
                    w.extend(s);
                }
                Some(d) => {
                    let _ = d.compose_canonical_rdata(&mut w);
                }
                None => w.extend_from_slice(b"?"),
            }
            w
        })
        .collect();
    v.sort();
    v
}

/// What a serial change means for secondaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SerialChange {
    /// Lower under RFC 1982: the change never reaches them.
    WentDown,
    /// The data changed, the serial did not.
    Unchanged,
    /// Neither lower nor greater (exactly 2^31 apart): undefined in RFC 1982.
    NotGreater,
    /// Greater, or the data did not change.
    Fine,
}

/// Classifies a serial change with `domain`'s RFC 1982 comparison.
pub fn serial_change(old: Serial, new: Serial, records_changed: bool) -> SerialChange {
    if new < old {
        SerialChange::WentDown
    } else if records_changed && new == old {
        SerialChange::Unchanged
    } else if records_changed && new.partial_cmp(&old) != Some(std::cmp::Ordering::Greater) {
        SerialChange::NotGreater
    } else {
        SerialChange::Fine
    }
}

fn serial(zone: &Zone) -> Option<Serial> {
    zone.apex_soa().map(|(_, s)| s.serial())
}

/// Compares the project's zones with revision `base`.
pub fn check(project: &Project, root: &Path, base: &str) -> Result<GitBase, String> {
    let repo = Repository::discover(root).map_err(|e| {
        format!(
            "--git-base: {} is not in a git repository ({})",
            root.display(),
            e.message()
        )
    })?;
    let workdir = repo
        .workdir()
        .ok_or("--git-base: the repository has no working tree")?
        .canonicalize()
        .map_err(|e| e.to_string())?;
    // A repository without commits (the first commit is being made): nothing to compare.
    if repo
        .head()
        .is_err_and(|e| e.code() == git2::ErrorCode::UnbornBranch)
        && base == "HEAD"
    {
        return Ok(GitBase {
            findings: Vec::new(),
            changed: HashSet::new(),
        });
    }
    let obj = repo.revparse_single(base).map_err(|e| {
        let shallow = if repo.is_shallow() {
            " This is a shallow clone: fetch the base (for example `git fetch --deepen=50` or `actions/checkout` with `fetch-depth: 0`)."
        } else {
            ""
        };
        format!("--git-base: revision `{base}` is not in this repository ({}).{shallow}", e.message())
    })?;
    let tree = obj.peel_to_tree().map_err(|e| {
        format!(
            "--git-base: `{base}` is not a commit or tree: {}",
            e.message()
        )
    })?;
    // Changes between the base and the working tree (index included), renames followed.
    let mut opts = DiffOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    let mut diff = repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))
        .map_err(|e| format!("--git-base: cannot compare with `{base}`: {}", e.message()))?;
    let mut find = DiffFindOptions::new();
    find.renames(true).renames_from_rewrites(true);
    let _ = diff.find_similar(Some(&mut find));
    let mut old_of: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for delta in diff.deltas() {
        if let Some(new) = delta.new_file().path() {
            let old = delta
                .old_file()
                .path()
                .filter(|_| delta.old_file().exists())
                .map(Path::to_path_buf);
            old_of.insert(workdir.join(new), old);
        }
    }
    let changed: HashSet<PathBuf> = old_of.keys().cloned().collect();
    let old_tree_files = Tree::new(root.to_path_buf(), workdir.clone());
    let mut findings = Vec::new();
    for zone in &project.zones {
        let file = project.sources.get(zone.main_file);
        // Unchanged zone files, and new ones, have nothing to compare.
        let Some(Some(old_path)) = old_of.get(&file.path) else {
            continue;
        };
        let Ok(entry) = tree.get_path(old_path) else {
            continue;
        };
        let Ok(blob) = entry.to_object(&repo).and_then(|o| o.peel_to_blob()) else {
            continue;
        };
        let id = old_tree_files.add(SourceFile::new(
            format!("{}@{base}", old_path.display()),
            file.path.clone(),
            blob.content().to_vec(),
        ));
        let old = read_zone(
            &old_tree_files,
            id,
            zone.origin.clone(),
            OriginSource::CommandLine,
        );
        let (Some(old_serial), Some((soa_rec, soa))) = (serial(&old), zone.apex_soa()) else {
            continue;
        };
        let new_serial = soa.serial();
        let records_changed = content(&old) != content(zone);
        let message = match serial_change(old_serial, new_serial, records_changed) {
            SerialChange::WentDown => format!(
                "the SOA serial of {} went down from {} at {base} to {}",
                fmt_name(&zone.origin),
                old_serial,
                new_serial
            ),
            SerialChange::Unchanged => format!(
                "the records of {} changed since {base} but the SOA serial is still {}",
                fmt_name(&zone.origin),
                new_serial
            ),
            SerialChange::NotGreater => format!(
                "the records of {} changed since {base} but the SOA serial {} is not greater than {} under RFC 1982 arithmetic",
                fmt_name(&zone.origin), new_serial, old_serial
            ),
            SerialChange::Fine => continue,
        };
        findings.push(
            Diagnostic::new(RULE, soa_rec.file, soa_rec.rdata_span, message)
                .label("serial")
                .help(format!("increase the serial (for example to {}): secondaries only transfer a zone whose serial grew", Serial(old_serial.into_int().wrapping_add(1)))),
        );
    }
    Ok(GitBase { findings, changed })
}
