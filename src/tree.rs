//! The checked tree: where files may be read from, and how they are read.
//!
//! zonelint runs in CI on pull requests from people the repository does not trust.
//! Every path that comes from file content (`$INCLUDE`, later named.conf `include` and
//! `file`) is resolved here and must land inside the checked tree; nothing outside it is
//! ever opened, so no excerpt of a file outside the tree can reach an annotation.

use crate::source::{FileId, SourceFile, SourceMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Largest file read, by default (configurable with `--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 30;

/// Most input read in one run, by default (configurable with `--max-total-size`). The
/// model takes about four times the text, so this bounds a run's memory near 16 GiB.
pub const DEFAULT_MAX_TOTAL_SIZE: u64 = 4 << 30;

/// Why a written path was not resolved (the message names the path as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// It exists but leads out of the checked tree (`..`, a symbolic link): never read.
    Outside(String),
    /// Nothing by that name in the tree (or the path is empty).
    NotFound(String),
}

impl ResolveError {
    fn outside(written: &str) -> ResolveError {
        ResolveError::Outside(format!(
            "`{written}` leads outside the checked tree; it was not read"
        ))
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
    files: RwLock<SourceMap>,
    /// Canonical paths of the folders looked into by [`Tree::resolve`] (`None`: not
    /// there): the 20,000 `file` statements of a registry's named.conf mostly name
    /// files of one folder.
    canonical_dirs: std::sync::Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>,
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
        match rel {
            Some(p) => p.to_string_lossy().into_owned(),
            None => match path.strip_prefix(&self.root) {
                Ok(p) if !p.as_os_str().is_empty() => p.to_string_lossy().into_owned(),
                _ => path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            },
        }
    }

    /// Whether a canonical path lies inside the tree.
    pub fn contains(&self, canonical: &Path) -> bool {
        canonical.starts_with(&self.root)
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
        let result = read_limited_as(path, self.max_file_size, stray_nul_ok).and_then(|text| {
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

    /// The files of a folder inside the tree whose names match `matches`, in name
    /// order; entries that lead out of the tree (symbolic links) are left out.
    pub fn files_in(&self, dir: &Path, matches: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
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

    /// `Ok(Some)` if the candidate exists and is inside the tree, `Ok(None)` if it does
    /// not exist, `Err` if it exists but lies outside the tree.
    fn inside(&self, cand: &Path, dir: bool) -> Result<Option<PathBuf>, ()> {
        match self.canonical_file(cand) {
            Some((c, is_file)) => {
                if !self.contains(&c) {
                    return Err(());
                }
                let wanted = if dir { c.is_dir() } else { is_file };
                Ok(wanted.then_some(c))
            }
            None => Ok(None),
        }
    }

    /// The canonical path of an existing path, and whether it is a regular file (links
    /// followed). For a path that is not itself a link, its folder's canonical path
    /// (cached) and its name: one system call instead of one per path component.
    fn canonical_file(&self, cand: &Path) -> Option<(PathBuf, bool)> {
        let full = || {
            let c = std::fs::canonicalize(cand).ok()?;
            let is_file = c.is_file();
            Some((c, is_file))
        };
        let (Some(dir), Some(name)) = (cand.parent(), cand.file_name()) else {
            return full();
        };
        if dir.as_os_str().is_empty() {
            return full();
        }
        let meta = std::fs::symlink_metadata(cand).ok()?;
        if meta.file_type().is_symlink() {
            return full();
        }
        let dir_canon = {
            let mut cache = self
                .canonical_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            cache
                .entry(dir.to_path_buf())
                .or_insert_with(|| std::fs::canonicalize(dir).ok())
                .clone()?
        };
        Some((dir_canon.join(name), meta.is_file()))
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

/// Reads at most `limit` bytes; refuses larger files and files that look binary (a NUL
/// byte in the head; with `stray_nul_ok`, more than 8 and one in 64).
pub fn read_limited_as(path: &Path, limit: u64, stray_nul_ok: bool) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    let cap = limit.min(u32::MAX as u64 - 1);
    if meta.len() > cap {
        return Err(format!(
            "the file is {} bytes, over the limit of {} bytes (raise it with --max-file-size)",
            meta.len(),
            cap
        ));
    }
    let text = read_whole(path, meta.len()).map_err(|e| format!("cannot read the file: {e}"))?;
    if text.len() as u64 > cap {
        return Err(format!(
            "the file grew over the limit of {cap} bytes while it was read"
        ));
    }
    let head = &text[..text.len().min(8192)];
    let nuls = head.iter().filter(|b| **b == 0).count();
    if nuls > 0 && (!stray_nul_ok || (nuls > 8 && nuls * 64 > head.len())) {
        return Err("the file holds NUL bytes: it is binary, not a text file".into());
    }
    Ok(text)
}
