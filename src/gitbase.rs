//! The git-aware serial check (`--git-base <rev>`): every zone is compared with the same
//! zone read at that revision (its main file, renames followed, and every `$INCLUDE`d
//! file, all read from the revision's tree through the confined source layer). When its
//! records changed but the SOA serial did not increase under RFC 1982 arithmetic, or the
//! serial went down, the finding is `soa-serial-not-incremented`.
//!
//! Uses git2 (libgit2 built without OpenSSL). The old version is read from the object
//! database, never checked out; the working tree is left alone.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::zone::soa_serial_not_incremented::NAME as RULE;
use crate::source::SourceMap;
use crate::tree::{Backend, GitRevision, Tree};
use crate::zone::parser::read_zone;
use crate::zone::{OriginSource, Zone};
use domain::base::rdata::ComposeRecordData;
use domain::base::Serial;
use git2::{DiffFindOptions, DiffOptions, Repository};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The base revision of `--git-base`, opened once before the rules run: its tree (read
/// through the same confined source layer as the working tree) and what changed since.
pub struct Base {
    /// The revision as the user wrote it.
    pub rev: String,
    tree: Tree,
    /// For each changed path of the working tree, its path at the base (renames
    /// followed; `None`: the file is new).
    old_of: HashMap<PathBuf, Option<PathBuf>>,
}

/// The tree of a commit, as a [`Tree`] whose files are read from the object database.
/// `root` is the checked folder (inside the repository's working tree).
pub fn revision_tree(root: &Path, rev: &str) -> Result<Tree, String> {
    let (repo, workdir) = open_repo(root)?;
    let commit = find_commit(&repo, rev)?;
    let tree = commit.tree_id();
    drop(commit);
    Ok(git_tree(root, repo, tree, workdir))
}

/// A [`Tree`] rooted at `root` whose files are those of `tree` in `repo`.
fn git_tree(root: &Path, repo: Repository, tree: git2::Oid, workdir: PathBuf) -> Tree {
    let mut t = Tree::new(root.to_path_buf(), workdir.clone());
    t.backend = Backend::Git(GitRevision::new(repo, tree, workdir));
    t
}

fn open_repo(root: &Path) -> Result<(Repository, PathBuf), String> {
    let repo = Repository::discover(root).map_err(|e| {
        format!(
            "{} is not in a git repository ({})",
            root.display(),
            e.message()
        )
    })?;
    let workdir = repo
        .workdir()
        .ok_or("the repository has no working tree")?
        .canonicalize()
        .map_err(|e| e.to_string())?;
    Ok((repo, workdir))
}

/// `rev` as a commit: a tree, a blob or a tag of either is refused.
fn find_commit<'r>(repo: &'r Repository, rev: &str) -> Result<git2::Commit<'r>, String> {
    let obj = repo.revparse_single(rev).map_err(|e| {
        let shallow = if repo.is_shallow() {
            " This is a shallow clone: fetch the base (for example `git fetch --deepen=50` or `actions/checkout` with `fetch-depth: 0`)."
        } else {
            ""
        };
        format!("revision `{rev}` is not in this repository ({}).{shallow}", e.message())
    })?;
    obj.peel_to_commit().map_err(|_| {
        format!(
            "`{rev}` is not a commit (it is a {})",
            obj.kind().map_or("object", |k| k.str())
        )
    })
}

/// Opens the base revision. `Ok(None)`: `HEAD` in a repository without commits (the
/// first commit is being made: nothing to compare with).
pub fn open(root: &Path, rev: &str, limits: &Tree) -> Result<Option<Base>, String> {
    let fail = |e: String| format!("--git-base: {e}");
    let (repo, workdir) = open_repo(root).map_err(fail)?;
    if rev == "HEAD"
        && repo
            .head()
            .is_err_and(|e| e.code() == git2::ErrorCode::UnbornBranch)
    {
        return Ok(None);
    }
    let commit = find_commit(&repo, rev).map_err(fail)?;
    let tree = commit.tree().map_err(|e| fail(e.message().to_string()))?;
    // Changes between the base and the working tree (index included), renames followed.
    let mut opts = DiffOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    let mut diff = repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))
        .map_err(|e| fail(format!("cannot compare with `{rev}`: {}", e.message())))?;
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
                .map(|p| workdir.join(p));
            old_of.insert(workdir.join(new), old);
        }
    }
    let tree_id = tree.id();
    drop(diff);
    drop(tree);
    drop(commit);
    let mut t = git_tree(root, repo, tree_id, workdir);
    t.max_file_size = limits.max_file_size;
    t.max_total_size = limits.max_total_size;
    t.server_root = limits.server_root.clone();
    Ok(Some(Base {
        rev: rev.to_string(),
        tree: t,
        old_of,
    }))
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

impl Base {
    /// Whether a file (canonical path) differs from the base: changed, renamed or new.
    pub fn is_changed(&self, path: &Path) -> bool {
        self.old_of.contains_key(path)
    }

    /// The zone as it was at the base, when any file it is made of (its main file or a
    /// file it `$INCLUDE`s) changed since; `None` when nothing changed or the zone is new.
    pub fn zone_at_base(&self, zone: &Zone, sources: &SourceMap) -> Option<Zone> {
        let touched = zone
            .files
            .iter()
            .any(|f| self.is_changed(&sources.get(*f).path));
        if !touched {
            return None;
        }
        let main = &sources.get(zone.main_file).path;
        let old_path = match self.old_of.get(main) {
            Some(Some(old)) => old.clone(),
            Some(None) => return None,
            None => main.clone(),
        };
        let crate::tree::Located::Found(real, crate::tree::Node::File) =
            self.tree.locate(&old_path)
        else {
            return None;
        };
        let (id, res) = self.tree.read(&real);
        res.ok()?;
        Some(read_zone(
            &self.tree,
            id,
            zone.origin.clone(),
            OriginSource::CommandLine,
        ))
    }

    /// `soa-serial-not-incremented` for one zone (with the serial the fix writes, from
    /// the base's serial and the date of `now`): its records (in every file it is made
    /// of) changed since the base but the serial did not grow.
    pub fn serial_finding(&self, zone: &Zone, sources: &SourceMap, now: i64) -> Option<Diagnostic> {
        let old = self.zone_at_base(zone, sources)?;
        let base = &self.rev;
        let old_serial = serial(&old)?;
        let (soa_rec, soa) = zone.apex_soa()?;
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
            SerialChange::Fine => return None,
        };
        let bumped = bumped_serial(old_serial.into_int(), now);
        let mut d = Diagnostic::new(RULE, soa_rec.file, soa_rec.rdata_span, message)
            .label("serial")
            .help(format!("increase the serial (for example to {bumped}): secondaries only transfer a zone whose serial grew"));
        // The serial where it is written: the SOA data's third word.
        let src = sources.get(soa_rec.file);
        let words = crate::zone::text::rdata_words(src.slice(soa_rec.rdata_span), 3);
        if let Some(&(s, e)) = words.get(2) {
            let written = &src.slice(soa_rec.rdata_span)[s..e];
            if std::str::from_utf8(written)
                .ok()
                .and_then(|w| w.parse::<u32>().ok())
                == Some(new_serial.into_int())
            {
                let at = soa_rec.rdata_span.start as usize;
                d = d.fix(
                    crate::diagnostic::Safety::Safe,
                    format!("set the serial to {bumped}"),
                    crate::diagnostic::Edit {
                        file: soa_rec.file,
                        span: crate::source::Span::new(at + s, at + e),
                        replacement: bumped.to_string(),
                    },
                );
            }
        }
        Some(d)
    }
}

/// The serial that follows `old` (the base revision's): a date serial `YYYYMMDDnn` goes to
/// today's `YYYYMMDD00` when that is greater, else to `old + 1` (`nn + 1`, also for a
/// date in the future); any other serial to `old + 1`, wrapping at 2^32 (RFC 1982: that is
/// always greater than `old`). `now` is the run's clock (`--now`), in UTC.
pub fn bumped_serial(old: u32, now: i64) -> u32 {
    let next = old.wrapping_add(1);
    let is_date = |s: u32| {
        let (y, m, d) = (s / 1_000_000, s / 10_000 % 100, s / 100 % 100);
        (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    if !is_date(old) {
        return next;
    }
    let Ok(t) = jiff::Timestamp::from_second(now) else {
        return next;
    };
    let date = t.to_zoned(jiff::tz::TimeZone::UTC).date();
    let today =
        date.year() as u32 * 1_000_000 + date.month() as u32 * 10_000 + date.day() as u32 * 100;
    if today > old {
        today
    } else {
        next
    }
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // serials written as YYYY_MM_DD_nn
mod bump_tests {
    use super::bumped_serial;

    /// 2026-11-23T12:00:00Z
    const NOW: i64 = 1_795_435_200;

    #[test]
    fn date_serials_go_to_today_or_count_up() {
        // A past date: today, counter 00.
        assert_eq!(bumped_serial(2026_01_01_07, NOW), 2026_11_23_00);
        // Today already: the counter.
        assert_eq!(bumped_serial(2026_11_23_05, NOW), 2026_11_23_06);
        // 99 today: into the next day's 00, still greater.
        assert_eq!(bumped_serial(2026_11_23_99, NOW), 2026_11_24_00);
        // A date in the future: counted up, never back to today.
        assert_eq!(bumped_serial(2027_01_01_00, NOW), 2027_01_01_01);
    }

    #[test]
    fn other_serials_count_up_across_the_wrap() {
        assert_eq!(bumped_serial(41, NOW), 42);
        assert_eq!(bumped_serial(u32::MAX, NOW), 0);
        // 0 is greater than 2^32-1 under RFC 1982.
        let (old, new) = (u32::MAX, bumped_serial(u32::MAX, NOW));
        assert!(new.wrapping_sub(old) < 1 << 31 && new != old);
        // A number that is no date (month 13).
        assert_eq!(bumped_serial(2026_13_01_00, NOW), 2026_13_01_01);
    }
}
