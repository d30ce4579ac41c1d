//! The checked tree: the one way zonelint reads a file.
//!
//! zonelint runs in CI on pull requests from people the repository does not trust.
//! Every file it reads comes through a [`Tree`]: the inputs, `$INCLUDE`, named.conf
//! `include` and `file`, `zonelint.toml`, and the base revision of `--git-base`. A tree
//! has a root and a [`Backend`] (the working tree on disk, a git revision, or files in
//! memory); every path is resolved by walking it one component at a time, following
//! symbolic links by reading them, so that the decision "outside the tree" is made before
//! anything outside is opened, and is the same whether or not the target exists (no
//! existence oracle). Nothing outside the root is ever read, so no excerpt of a file
//! outside the tree can reach an annotation.

use crate::source::{FileId, SourceFile, SourceMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Largest file read, by default (configurable with `--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 30;

/// Most input read in one run, by default (configurable with `--max-total-size`). The
/// model takes about four times the text, so this bounds a run's memory near 16 GiB.
pub const DEFAULT_MAX_TOTAL_SIZE: u64 = 4 << 30;

/// Where file bytes come from.
pub enum Backend {
    /// The file system (the working tree).
    Disk,
    /// A git revision: a path `<workdir>/<p>` is `<p>` in the revision's tree.
    Git(GitRevision),
    /// Files held in memory, by absolute path (tests and fuzzing).
    Memory(std::collections::BTreeMap<PathBuf, MemoryEntry>),
}

/// An entry of a [`Backend::Memory`] tree.
#[derive(Clone, Debug)]
pub enum MemoryEntry {
    File(Vec<u8>),
    /// A symbolic link and its target, as written.
    Link(PathBuf),
}

/// A revision's tree, read from the object database (never checked out).
pub struct GitRevision {
    repo: std::sync::Mutex<git2::Repository>,
    tree: git2::Oid,
    workdir: PathBuf,
}

impl GitRevision {
    /// The tree of `commit` in `repo`, whose files stand at `workdir`.
    pub fn new(repo: git2::Repository, tree: git2::Oid, workdir: PathBuf) -> GitRevision {
        GitRevision {
            repo: std::sync::Mutex::new(repo),
            tree,
            workdir,
        }
    }

    fn with_entry<T>(
        &self,
        path: &Path,
        f: impl FnOnce(&git2::Repository, Option<(i32, git2::Oid, Option<git2::ObjectType>)>) -> T,
    ) -> T {
        let repo = self.repo.lock().unwrap_or_else(|e| e.into_inner());
        let rel = match path.strip_prefix(&self.workdir) {
            Ok(r) => r,
            Err(_) => return f(&repo, None),
        };
        if rel.as_os_str().is_empty() {
            return f(
                &repo,
                Some((0o040000, self.tree, Some(git2::ObjectType::Tree))),
            );
        }
        let entry = repo
            .find_tree(self.tree)
            .ok()
            .and_then(|t| t.get_path(rel).ok())
            .map(|e| (e.filemode(), e.id(), e.kind()));
        f(&repo, entry)
    }
}

/// What a path is, without following a final symbolic link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    File,
    Dir,
    /// A symbolic link, and its target as written.
    Link(PathBuf),
    /// Nothing there (or something that is neither file, folder nor link).
    Missing,
}

/// A symbolic-link chain longer than this is treated as a loop.
const MAX_LINK_HOPS: u32 = 40;

impl Backend {
    /// What `path` is (absolute, free of `.` and `..`).
    pub fn node(&self, path: &Path) -> Node {
        match self {
            Backend::Disk => match std::fs::symlink_metadata(path) {
                Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(path) {
                    Ok(t) => Node::Link(t),
                    Err(_) => Node::Missing,
                },
                Ok(m) if m.is_dir() => Node::Dir,
                Ok(m) if m.is_file() => Node::File,
                _ => Node::Missing,
            },
            Backend::Git(g) => g.with_entry(path, |repo, e| match e {
                Some((_, _, Some(git2::ObjectType::Tree))) => Node::Dir,
                Some((0o120000, id, _)) => match repo.find_blob(id) {
                    Ok(b) => Node::Link(PathBuf::from(
                        String::from_utf8_lossy(b.content()).into_owned(),
                    )),
                    Err(_) => Node::Missing,
                },
                Some((mode, _, Some(git2::ObjectType::Blob))) if mode & 0o170000 == 0o100000 => {
                    Node::File
                }
                _ => Node::Missing,
            }),
            Backend::Memory(m) => match m.get(path) {
                Some(MemoryEntry::File(_)) => Node::File,
                Some(MemoryEntry::Link(t)) => Node::Link(t.clone()),
                None => {
                    let is_dir = m
                        .range(path.to_path_buf()..)
                        .next()
                        .is_some_and(|(k, _)| k.starts_with(path) && k != path);
                    if is_dir {
                        Node::Dir
                    } else {
                        Node::Missing
                    }
                }
            },
        }
    }

    /// The names in a folder (a real path inside the tree).
    fn list(&self, dir: &Path) -> Vec<String> {
        match self {
            Backend::Disk => std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default(),
            Backend::Git(g) => g.with_entry(dir, |repo, e| match e {
                Some((_, id, Some(git2::ObjectType::Tree))) => repo
                    .find_tree(id)
                    .map(|t| {
                        t.iter()
                            .filter_map(|e| e.name().ok().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => Vec::new(),
            }),
            Backend::Memory(m) => {
                let mut v: Vec<String> = m
                    .range(dir.to_path_buf()..)
                    .take_while(|(k, _)| k.starts_with(dir))
                    .filter_map(|(k, _)| k.strip_prefix(dir).ok()?.components().next())
                    .filter_map(|c| c.as_os_str().to_str().map(str::to_string))
                    .collect();
                v.dedup();
                v
            }
        }
    }

    /// The bytes of a regular file (a real path inside the tree), refused when larger
    /// than `cap`, without reading more than that.
    /// A large file on disk whose head `binary` refuses is not read further.
    fn read(
        &self,
        path: &Path,
        cap: u64,
        binary: &dyn Fn(&[u8]) -> bool,
    ) -> Result<Vec<u8>, String> {
        let too_big = |len: u64| {
            format!("the file is {len} bytes, over the limit of {cap} bytes (raise it with --max-file-size)")
        };
        match self {
            Backend::Disk => {
                let meta =
                    std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
                if meta.is_dir() {
                    return Err("is a directory".into());
                }
                if meta.len() > cap {
                    return Err(too_big(meta.len()));
                }
                if meta.len() > 1 << 20 {
                    let head = crate::discover::read_head(path, 8192).unwrap_or_default();
                    if binary(&head) {
                        return Err(BINARY.into());
                    }
                }
                read_whole(path, meta.len()).map_err(|e| format!("cannot read the file: {e}"))
            }
            Backend::Git(g) => g.with_entry(path, |repo, e| {
                let Some((_, id, Some(git2::ObjectType::Blob))) = e else {
                    return Err("cannot read the file: not in the revision".to_string());
                };
                let odb = repo.odb().map_err(|e| e.message().to_string())?;
                let (len, _) = odb.read_header(id).map_err(|e| e.message().to_string())?;
                if len as u64 > cap {
                    return Err(too_big(len as u64));
                }
                let blob = repo.find_blob(id).map_err(|e| e.message().to_string())?;
                Ok(blob.content().to_vec())
            }),
            Backend::Memory(m) => match m.get(path) {
                Some(MemoryEntry::File(b)) if b.len() as u64 > cap => Err(too_big(b.len() as u64)),
                Some(MemoryEntry::File(b)) => Ok(b.clone()),
                _ => Err("cannot read the file: not found".into()),
            },
        }
    }
}

/// Where a path leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located {
    /// A real path inside the tree (no link, `.` or `..` in it) and what is there.
    Found(PathBuf, Node),
    /// Nothing there, and the way there stays inside the tree.
    Missing,
    /// The way leaves the tree (whether or not something is there).
    Outside,
}

/// Most `$GENERATE` records expanded in one run, all zones together (each takes about
/// a kilobyte once read: three 2 KB files of `$GENERATE 0-65535` lines would otherwise
/// take the memory of the machine).
pub const MAX_GENERATED_IN_RUN: u64 = 2_000_000;

/// Most files one zone or configuration reads through its includes (a file included
/// a hundred times at each of fifteen levels is 10^30 reads).
pub const MAX_INCLUDE_READS: u32 = 10_000;
/// Most bytes one zone or configuration reads through its includes.
pub const MAX_INCLUDED_BYTES: u64 = 256 << 20;

/// What one zone or configuration has read through its includes: a budget, on top of
/// the depth limit and loop detection, so that a few kilobytes that include each other
/// many times over cannot make a run read for hours.
#[derive(Default)]
pub struct IncludeBudget {
    reads: u32,
    bytes: u64,
    /// Reported once: the first include over budget says so, the rest are skipped.
    pub reported: bool,
}

impl IncludeBudget {
    /// Counts one more read; `Err` with the reason once the budget is spent.
    pub fn take_read(&mut self) -> Result<(), String> {
        if self.reads >= MAX_INCLUDE_READS || self.bytes >= MAX_INCLUDED_BYTES {
            return Err(format!(
                "the includes read {} files and {} bytes, the most zonelint reads for one zone or configuration ({MAX_INCLUDE_READS} files, {MAX_INCLUDED_BYTES} bytes); the rest was not read",
                self.reads, self.bytes
            ));
        }
        self.reads += 1;
        Ok(())
    }
    /// Counts the bytes of a file read.
    pub fn add_bytes(&mut self, n: usize) {
        self.bytes += n as u64;
    }
}

/// Why a written path was not resolved (the message names the path as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// It exists but leads out of the checked tree (`..`, a symbolic link): never read.
    Outside(String),
    /// Nothing by that name in the tree (or the path is empty).
    NotFound(String),
}

/// The one reason given for any path that leads out of the tree, whether or not
/// something is there.
pub const OUTSIDE: &str = "leads outside the checked tree; it was not read";

impl ResolveError {
    fn outside(written: &str) -> ResolveError {
        ResolveError::Outside(format!("`{written}` {OUTSIDE}"))
    }
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::Outside(m) | ResolveError::NotFound(m) => f.write_str(m),
        }
    }
}

/// The tree and the files read from it so far.
pub struct Tree {
    /// Canonical root directory; paths are shown relative to `display_base`.
    pub root: PathBuf,
    /// What shown paths are relative to (the current directory, canonicalised).
    pub display_base: PathBuf,
    pub max_file_size: u64,
    /// Most bytes read in the whole run (all files together).
    pub max_total_size: u64,
    total_read: std::sync::atomic::AtomicU64,
    /// The folder that stands for the server's root directory (`[server] root` in
    /// zonelint.toml): absolute paths are looked up below it first.
    pub server_root: Option<PathBuf>,
    /// Where the bytes come from.
    pub backend: Backend,
    /// A file whose bytes are given (standard input, `--stdin-filename`): at this
    /// absolute path it stands in for whatever the backend holds, also where there is
    /// nothing.
    pub overlay: Option<(PathBuf, Vec<u8>)>,
    /// `$GENERATE` records the run may still expand (all zones together).
    generate_left: std::sync::atomic::AtomicU64,
    files: RwLock<SourceMap>,
    /// Where the folders looked into by [`Tree::locate`] lead: the 20,000 `file`
    /// statements of a registry's named.conf mostly name files of one folder.
    canonical_dirs: std::sync::Mutex<std::collections::HashMap<PathBuf, Located>>,
}

/// Why a file could not be read.
#[derive(Debug, Clone)]
pub struct ReadError {
    pub message: String,
}

impl Tree {
    pub fn new(root: PathBuf, display_base: PathBuf) -> Tree {
        Tree {
            root,
            display_base,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_total_size: DEFAULT_MAX_TOTAL_SIZE,
            total_read: std::sync::atomic::AtomicU64::new(0),
            server_root: None,
            backend: Backend::Disk,
            overlay: None,
            generate_left: std::sync::atomic::AtomicU64::new(MAX_GENERATED_IN_RUN),
            files: RwLock::new(SourceMap::default()),
            canonical_dirs: Default::default(),
        }
    }

    /// The path shown to the user for a file: relative to the display base when inside it.
    pub fn display_name(&self, path: &Path) -> String {
        let rel = path
            .strip_prefix(&self.display_base)
            .ok()
            .filter(|p| !p.as_os_str().is_empty());
        let shown = match rel {
            Some(p) => p,
            None => match path.strip_prefix(&self.root) {
                Ok(p) if !p.as_os_str().is_empty() => p,
                _ => path.file_name().map(Path::new).unwrap_or(Path::new("")),
            },
        };
        crate::output::name_text(shown.as_os_str().as_encoded_bytes())
    }

    /// Whether a canonical path lies inside the tree.
    pub fn contains(&self, canonical: &Path) -> bool {
        canonical.starts_with(&self.root)
    }

    /// Takes `n` records from the run's `$GENERATE` budget; `false` (nothing taken) when
    /// fewer are left. Zones are read in parallel: which zone meets the end of the
    /// budget first may differ between runs, but only once the budget is spent.
    pub fn take_generated(&self, n: u64) -> bool {
        use std::sync::atomic::Ordering;
        self.generate_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(n)
            })
            .is_ok()
    }

    /// Adds a file with the given content (used for files that could not be read, so a
    /// diagnostic can still name them).
    pub fn add(&self, file: SourceFile) -> FileId {
        self.files
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .add(file)
    }

    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        self.files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get_arc(id)
    }

    pub fn into_sources(self) -> SourceMap {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a file that could not be walked or read, so a diagnostic can name it.
    pub fn read_placeholder(&self, path: &Path) -> FileId {
        let name = self.display_name(path);
        self.add(SourceFile::new(name, path.to_path_buf(), Vec::new()))
    }

    /// Reads a file (already known to be inside the tree). On failure the file is still
    /// registered, empty, and the error says why.
    pub fn read(&self, path: &Path) -> (FileId, Result<(), ReadError>) {
        self.read_as(path, false)
    }

    /// Reads a file; `stray_nul_ok` lets a few NUL bytes through (named.conf: BIND takes
    /// a NUL inside a quoted string and the reader reports one elsewhere).
    pub fn read_as(&self, path: &Path, stray_nul_ok: bool) -> (FileId, Result<(), ReadError>) {
        let name = self.display_name(path);
        let result = self.read_bytes(path, stray_nul_ok).and_then(|text| {
            use std::sync::atomic::Ordering;
            let before = self.total_read.fetch_add(text.len() as u64, Ordering::Relaxed);
            if before + text.len() as u64 > self.max_total_size {
                self.total_read.fetch_sub(text.len() as u64, Ordering::Relaxed);
                return Err(format!(
                    "not read: the run has read {before} bytes and this file would take it over the limit of {} bytes for one run (raise it with --max-total-size)",
                    self.max_total_size
                ));
            }
            Ok(text)
        });
        match result {
            Ok(text) => (
                self.add(SourceFile::new(name, path.to_path_buf(), text)),
                Ok(()),
            ),
            Err(message) => (
                self.add(SourceFile::new(name, path.to_path_buf(), Vec::new())),
                Err(ReadError { message }),
            ),
        }
    }

    /// Resolves a path written in a file (`$INCLUDE`, `include`, `file`) against the
    /// tree. Relative paths are tried against `base_dirs` in order; an absolute path is
    /// looked up as if the tree mirrored the server's file system (`/etc/bind/x` is found
    /// as `<tree>/etc/bind/x`, `<tree>/bind/x` or `<tree>/x`). Never returns a path
    /// outside the tree.
    pub fn resolve(&self, written: &str, base_dirs: &[&Path]) -> Result<PathBuf, ResolveError> {
        self.resolve_as(written, base_dirs, false)
    }

    /// [`Tree::resolve`] for a folder (the folder part of an `include "zones.d/*.conf"`).
    pub fn resolve_dir(&self, written: &str, base_dirs: &[&Path]) -> Result<PathBuf, ResolveError> {
        self.resolve_as(written, base_dirs, true)
    }

    /// The folders a relative include is looked up in: the including file's, then the
    /// main file's (named.conf and unbound.conf alike).
    pub fn include_dirs(&self, including: FileId, main_dir: &Path) -> Vec<PathBuf> {
        let here = self
            .get(including)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        if here == main_dir {
            vec![here]
        } else {
            vec![here, main_dir.to_path_buf()]
        }
    }

    /// `include "zones.d/*.conf"` (named.conf), `include: "/etc/unbound/conf.d/*.conf"`:
    /// the servers expand the pattern (glob(3)) and read every match in name order. The
    /// pattern may stand in the last component only; the folder is found as an included
    /// file is. No match is `NotFound`.
    pub fn glob(&self, written: &str, bases: &[&Path]) -> Result<Vec<PathBuf>, ResolveError> {
        let (dir, pattern) = match written.rsplit_once('/') {
            Some(("", p)) => ("/", p),
            Some((d, p)) => (d, p),
            None => (".", written),
        };
        let matcher = (!dir.contains(['*', '?', '[', '{']))
            .then(|| globset::Glob::new(pattern).ok())
            .flatten()
            .map(|g| g.compile_matcher())
            .ok_or_else(|| {
                ResolveError::NotFound(format!(
                    "`{written}`: only the file name may be a pattern here"
                ))
            })?;
        let folder = self.resolve_dir(dir, bases)?;
        let found = self.files_in(&folder, &|n| matcher.is_match(n));
        if found.is_empty() {
            return Err(ResolveError::NotFound(format!(
                "`{written}` matches no file"
            )));
        }
        Ok(found)
    }

    /// The files of a folder inside the tree whose names match `matches`, in name
    /// order; entries that lead out of the tree (symbolic links) are left out.
    pub fn files_in(&self, dir: &Path, matches: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
        let mut names: Vec<String> = self
            .backend
            .list(dir)
            .into_iter()
            .filter(|n| matches(n))
            .collect();
        names.sort();
        names
            .into_iter()
            .filter_map(|n| self.inside(&dir.join(n), false).ok().flatten())
            .collect()
    }

    fn resolve_as(
        &self,
        written: &str,
        base_dirs: &[&Path],
        dir: bool,
    ) -> Result<PathBuf, ResolveError> {
        let p = Path::new(written);
        if p.is_absolute() {
            let parts: Vec<Component> = p
                .components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .collect();
            if let Some(sr) = &self.server_root {
                let mut cand = sr.clone();
                for c in &parts {
                    cand.push(c);
                }
                if let Some(found) = self
                    .inside(&cand, dir)
                    .map_err(|()| ResolveError::outside(written))?
                {
                    return Ok(found);
                }
            }
            // Below the tree root, the folders of the files that name the path and their
            // ancestors in the tree (a repository that keeps `/etc/bind` as `bind/`),
            // the longest tail of the path first: `/etc/bind/reverse/zones/x` named from
            // `reverse/headers/x` is `reverse/zones/x`, not the naming file itself.
            let mut bases: Vec<&Path> = vec![self.root.as_path()];
            for dir in base_dirs {
                let inside_tree = dir.ancestors().skip(1);
                let tree_ancestors = inside_tree.take_while(|a| a.starts_with(&self.root));
                for a in std::iter::once(*dir).chain(tree_ancestors) {
                    if !bases.contains(&a) {
                        bases.push(a);
                    }
                }
            }
            for skip in 0..parts.len() {
                for base in &bases {
                    let mut cand = base.to_path_buf();
                    for c in &parts[skip..] {
                        cand.push(c);
                    }
                    if let Some(found) = self
                        .inside(&cand, dir)
                        .map_err(|()| ResolveError::outside(written))?
                    {
                        return Ok(found);
                    }
                }
            }
            return Err(ResolveError::NotFound(format!(
                "`{written}` is not in the checked tree (absolute paths are looked up as if the tree were the server's root directory)"
            )));
        }
        let mut escaped = false;
        for base in base_dirs {
            let cand = base.join(p);
            match self.inside(&cand, dir) {
                Ok(Some(found)) => return Ok(found),
                Ok(None) => {}
                Err(_) => escaped = true,
            }
        }
        // A path relative to the server's working directory (BIND's `directory`), which
        // may be an ancestor of the zone file's folder: `zones/inherit.db` included
        // from `zones/x.db`. Try the path's tails below each base.
        if !escaped && !written.contains("..") {
            let parts: Vec<Component> = p.components().collect();
            for skip in 1..parts.len() {
                for base in base_dirs {
                    let mut cand = base.to_path_buf();
                    for c in &parts[skip..] {
                        cand.push(c);
                    }
                    if let Ok(Some(found)) = self.inside(&cand, dir) {
                        return Ok(found);
                    }
                }
            }
        }
        if escaped {
            Err(ResolveError::outside(written))
        } else {
            Err(ResolveError::NotFound(format!("`{written}` was not found")))
        }
    }

    /// `Ok(Some)` if the candidate exists, is inside the tree and is a file (a folder
    /// with `dir`), `Ok(None)` if it does not exist, `Err` if the way leads outside.
    fn inside(&self, cand: &Path, dir: bool) -> Result<Option<PathBuf>, ()> {
        match self.locate(cand) {
            Located::Found(p, Node::Dir) if dir => Ok(Some(p)),
            Located::Found(p, Node::File) if !dir => Ok(Some(p)),
            Located::Found(..) | Located::Missing => Ok(None),
            Located::Outside => Err(()),
        }
    }

    /// Where a path leads (relative paths are taken from the root). The path is walked
    /// one component at a time; a symbolic link is read and its target walked in turn.
    /// Real folders are cached: the 20,000 `file` statements of a registry's named.conf
    /// mostly name files of one folder.
    pub fn locate(&self, path: &Path) -> Located {
        let path = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        if self.overlay.as_ref().is_some_and(|(p, _)| *p == path) {
            return if self.contains(&path) {
                Located::Found(path, Node::File)
            } else {
                Located::Outside
            };
        }
        let plain = path
            .components()
            .all(|c| !matches!(c, Component::CurDir | Component::ParentDir));
        if let (true, Some(dir), Some(name)) = (plain, path.parent(), path.file_name()) {
            if !dir.starts_with(&self.root) {
                return self.walk(&path);
            }
            let cached = self
                .canonical_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(dir)
                .cloned();
            let real_dir = match cached {
                Some(l) => l,
                None => {
                    let l = self.walk(dir);
                    self.canonical_dirs
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(dir.to_path_buf(), l.clone());
                    l
                }
            };
            return match real_dir {
                Located::Found(d, Node::Dir) => {
                    self.walk_from(d, vec![std::ffi::OsString::from(name)])
                }
                Located::Found(..) | Located::Missing => Located::Missing,
                Located::Outside => Located::Outside,
            };
        }
        self.walk(&path)
    }

    fn walk(&self, path: &Path) -> Located {
        let (start, rest) = match path.strip_prefix(&self.root) {
            Ok(rest) => (self.root.clone(), rest.to_path_buf()),
            Err(_) => (PathBuf::new(), path.to_path_buf()),
        };
        self.walk_from(
            start,
            rest.components()
                .map(|c| c.as_os_str().to_os_string())
                .collect(),
        )
    }

    /// Walks `parts` from the real folder `start`.
    fn walk_from(&self, start: PathBuf, parts: Vec<std::ffi::OsString>) -> Located {
        let mut cur = start;
        let mut node = Node::Dir;
        let mut queue: std::collections::VecDeque<std::ffi::OsString> = parts.into();
        let mut hops = 0;
        let failed = |at: &Path| {
            if self.contains(at) {
                Located::Missing
            } else {
                Located::Outside
            }
        };
        while let Some(part) = queue.pop_front() {
            match Path::new(&part).components().next() {
                None | Some(Component::CurDir) => {}
                Some(Component::ParentDir) => {
                    cur.pop();
                    node = Node::Dir;
                }
                Some(Component::Prefix(prefix)) => {
                    cur = PathBuf::from(prefix.as_os_str());
                    node = Node::Dir;
                }
                Some(Component::RootDir) => {
                    // `/` (on Windows, the root of the current drive).
                    let drive = cur
                        .components()
                        .next()
                        .filter(|c| matches!(c, Component::Prefix(_)));
                    cur = drive
                        .map(|c| PathBuf::from(c.as_os_str()))
                        .unwrap_or_default();
                    cur.push(std::path::MAIN_SEPARATOR_STR);
                    node = Node::Dir;
                }
                Some(Component::Normal(name)) => {
                    if node != Node::Dir {
                        return failed(&cur);
                    }
                    let next = cur.join(name);
                    match self.backend.node(&next) {
                        Node::Link(target) => {
                            hops += 1;
                            if hops > MAX_LINK_HOPS {
                                return failed(&cur);
                            }
                            for c in target.components().rev() {
                                queue.push_front(c.as_os_str().to_os_string());
                            }
                        }
                        Node::Missing => return failed(&next),
                        n => {
                            cur = next;
                            node = n;
                        }
                    }
                }
            }
        }
        if self.contains(&cur) {
            Located::Found(cur, node)
        } else {
            Located::Outside
        }
    }
}

/// Files from this size on are read by all threads at once, each a stretch of the file.
const PARALLEL_READ_MIN: u64 = 8 << 20;

/// Reads a whole file whose size was `len` a moment ago. A large file is read in
/// stretches, in parallel, into a buffer whose pages are still untouched (a zeroed
/// allocation this large comes fresh from the kernel): the copies from the page cache
/// and the page faults of the buffer are shared by the threads instead of preceding
/// all parallel work (on a 46 MB zone, 25 ms of one core). A file that changed size
/// meanwhile, or a stretch that failed, sends it back to the plain read (which reports
/// the error, if there is one).
fn read_whole(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    if len >= PARALLEL_READ_MIN && rayon::current_num_threads() > 1 {
        use rayon::prelude::*;
        use std::os::unix::fs::FileExt;
        const STRETCH: usize = 4 << 20;
        let file = std::fs::File::open(path)?;
        let mut buf = vec![0u8; len as usize];
        let read = buf
            .par_chunks_mut(STRETCH)
            .enumerate()
            .try_for_each(|(k, c)| file.read_exact_at(c, (k * STRETCH) as u64));
        let mut probe = [0u8; 1];
        if read.is_ok() && matches!(file.read_at(&mut probe, len), Ok(0)) {
            return Ok(buf);
        }
    }
    std::fs::read(path)
}

impl Tree {
    /// The bytes of a file found by [`Tree::locate`], at most `cap` of them, without
    /// registering it as a source (`zonelint.toml`).
    pub fn read_detached(&self, real: &Path, cap: u64) -> Result<Vec<u8>, String> {
        read_text(&self.backend, real, cap, false)
    }

    /// The bytes of a file inside the tree: at most `max_file_size` (and never 4 GiB:
    /// spans are `u32`).
    fn read_bytes(&self, path: &Path, stray_nul_ok: bool) -> Result<Vec<u8>, String> {
        let cap = self.max_file_size.min(u32::MAX as u64 - 1);
        if let Some((_, text)) = self.overlay.as_ref().filter(|(p, _)| p == path) {
            if text.len() as u64 > cap {
                return Err(format!(
                    "the input is {} bytes, over the limit of {cap} bytes (raise it with --max-file-size)",
                    text.len()
                ));
            }
            if looks_binary(text, stray_nul_ok) {
                return Err(BINARY.into());
            }
            return Ok(text.clone());
        }
        read_text(&self.backend, path, cap, stray_nul_ok)
    }

    /// The first `n` bytes of a file (fewer if it is shorter), for classifying it by
    /// content; the overlay's when it stands at `path`.
    pub fn head(&self, path: &Path, n: usize) -> Option<Vec<u8>> {
        match self.overlay.as_ref().filter(|(p, _)| p == path) {
            Some((_, text)) => Some(text[..text.len().min(n)].to_vec()),
            None => crate::discover::read_head(path, n),
        }
    }
}

/// Why a file that looks binary is not read.
const BINARY: &str = "the file holds NUL bytes: it is binary, not a text file";

/// The bytes of a text file: at most `cap`; a file that looks binary (see
/// [`looks_binary`]) is refused, a large one from its head before the rest is read.
fn read_text(
    backend: &Backend,
    path: &Path,
    cap: u64,
    stray_nul_ok: bool,
) -> Result<Vec<u8>, String> {
    let text = backend.read(path, cap, &|head| looks_binary(head, stray_nul_ok))?;
    if text.len() as u64 > cap {
        return Err(format!(
            "the file grew over the limit of {cap} bytes while it was read"
        ));
    }
    if looks_binary(&text, stray_nul_ok) {
        return Err(BINARY.into());
    }
    Ok(text)
}

/// Whether the head of a file says it is binary: a NUL byte (with `stray_nul_ok`, more
/// than 8 and one in 64 of the first 8 KiB).
pub fn looks_binary(text: &[u8], stray_nul_ok: bool) -> bool {
    let head = &text[..text.len().min(8192)];
    let nuls = head.iter().filter(|b| **b == 0).count();
    nuls > 0 && (!stray_nul_ok || (nuls > 8 && nuls * 64 > head.len()))
}
