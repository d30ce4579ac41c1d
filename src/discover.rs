//! Finding the files to check: walk the inputs, classify each file, guess origins.

use crate::tree::Tree;
use crate::zone::text::parse_name;
use crate::zone::DName;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Zone,
    NamedConf,
    /// Unbound's configuration (`unbound.conf`, `unbound.conf.d/*.conf`, or by content).
    Unbound,
    /// The DS records of a child zone, as signers write them beside the signed zone
    /// for the parent: BIND's `dsset-<zone>.`, or `<zone>.ds`.
    DsSet,
}

/// A file to check.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Canonical path.
    pub path: PathBuf,
    pub kind: Kind,
    /// Named on the command line (not found by walking a directory).
    pub explicit: bool,
}

/// A problem met while walking (reported as `file-unreadable`).
#[derive(Clone, Debug)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub message: String,
    /// What to do about it.
    pub help: &'static str,
}

const CHECK_PATH: &str = "check the path and its permissions";

/// Extensions that are never zone files, whatever their content says.
const NOT_ZONE_EXT: &[&str] = &[
    "md", "txt", "rst", "html", "htm", "json", "yaml", "yml", "toml", "ini", "py", "sh", "rs",
    "go", "c", "h", "js", "ts", "rb", "pl", "j2", "tpl", "key", "private", "state", "lock", "png",
    "jpg", "gif", "pdf", "gz", "zip", "tar", "xz", "bz2", "jnl", "pem", "crt", "csr", "patch",
    "diff", "orig", "bak", "swp", "log", "xml", "csv", "tsv", "sql", "cfg", "in", "cc", "cpp",
    "hpp", "cxx", "java", "kt", "scala", "clj", "cljs", "el", "lisp", "php", "inc.php", "cs",
    "swift", "lua", "tcl", "ex", "exs", "erl", "hs", "ml", "rpl", "feature", "xsl", "xslt", "css",
    "scss", "jsx", "tsx", "vue", "svg", "md5", "sha1", "sha256", "sig", "asc", "p12", "der", "jar",
    "class", "hh", "hxx", "ipp", "tcc", "m", "mm", "dart", "r", "jl", "o", "a", "so", "exe", "dll",
    "bin", "dat", "sqlite", "sqlite3",
];

/// Suffixes of templates and copies of configuration files.
const TEMPLATE_EXT: &[&str] = &[
    "j2",
    "jinja",
    "jinja2",
    "tpl",
    "tmpl",
    "erb",
    "in",
    "example",
    "sample",
    "dist",
    "orig",
    "bak",
    "old",
    "save",
    "rpmnew",
    "rpmsave",
    "dpkg-dist",
    "dpkg-old",
    "ucf-dist",
    "swp",
];

/// The zone a DS file is for, from its name: `dsset-example.com.` (dnssec-signzone) or
/// `example.com.ds`.
pub fn ds_set_zone(path: &Path) -> Option<DName> {
    let file_name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let zone = match file_name.strip_prefix("dsset-") {
        Some(z) => z,
        None => file_name.strip_suffix(".ds")?,
    };
    if zone.is_empty() || zone == "." {
        return None;
    }
    let abs = if zone.ends_with('.') {
        zone.to_string()
    } else {
        format!("{zone}.")
    };
    parse_name(abs.as_bytes(), &DName::root_bytes())
        .ok()
        .map(|(n, _)| n)
}

/// What a file's name says it is.
/// Whether a file's name says it is, or may be, DNS data (`db.*`, `*.zone`, `*.conf`…).
pub fn name_suggests_dns(path: &Path) -> bool {
    !matches!(name_says(path), NameSays::Never | NameSays::Nothing)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameSays {
    /// A zone by name (`*.zone`, `*.signed`, `*.rev`, `root.zone`).
    Zone,
    /// Perhaps a zone (`db.*`, `*.db`, `*.hosts`): read as one only when the content
    /// reads as zone data (`db.rs`, `db.js` and sqlite `*.db` files are common).
    MaybeZone,
    /// `named.conf`, `named.conf.*`: a named.conf by name.
    NamedConf,
    /// `*.conf`: a named.conf or an unbound.conf only when the content reads as one
    /// (nginx, BIRD, nsd, rndc.conf and pdns configurations share the suffix).
    MaybeNamedConf,
    /// `unbound.conf`, `unbound.conf.d/*.conf`: Unbound's by name.
    Unbound,
    DsSet,
    /// A template, a copy, documentation or source code.
    Never,
    /// Nothing: the content decides.
    Nothing,
}

fn name_says(path: &Path) -> NameSays {
    if ds_set_zone(path).is_some() {
        return NameSays::DsSet;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return NameSays::Nothing;
    };
    let name = name.to_ascii_lowercase();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if name == "named.conf" {
        return NameSays::NamedConf;
    }
    let in_conf_d = path
        .parent()
        .and_then(|d| d.file_name())
        .is_some_and(|d| d.eq_ignore_ascii_case("unbound.conf.d"));
    if name == "unbound.conf" || (in_conf_d && ext == "conf") {
        return NameSays::Unbound;
    }
    // NSD's configuration shares Unbound's syntax and some of its keywords.
    if name == "nsd.conf" {
        return NameSays::Never;
    }
    if let Some(rest) = name.strip_prefix("named.conf.") {
        // `named.conf.local`, `named.conf.options`; not `named.conf.j2` nor
        // `named.conf.html`.
        let copy = rest.is_empty() || TEMPLATE_EXT.contains(&ext) || NOT_ZONE_EXT.contains(&ext);
        return if copy {
            NameSays::Never
        } else {
            NameSays::NamedConf
        };
    }
    // `example`, `sample` and `dist` are also the last labels of test zones'
    // names (`db.example`): for zone files the content decides.
    let zone_label = matches!(ext, "example" | "sample" | "dist");
    if (TEMPLATE_EXT.contains(&ext) && !zone_label) || name == "rndc.conf" {
        return NameSays::Never;
    }
    if name.ends_with(".conf") {
        return NameSays::MaybeNamedConf;
    }
    if name.contains(".conf.") {
        return NameSays::Never;
    }
    if name == "root.zone"
        || name.ends_with(".zone")
        || name.ends_with(".signed")
        || name.ends_with(".rev")
    {
        return NameSays::Zone;
    }
    if name.ends_with(".db")
        || name.starts_with("db.")
        || name.starts_with("master_db.")
        || name.starts_with("slave_db.")
        || name.ends_with(".hosts")
    {
        return NameSays::MaybeZone;
    }
    if NOT_ZONE_EXT.contains(&ext) {
        return NameSays::Never;
    }
    NameSays::Nothing
}

/// Whether a file is a zone by its name alone (`*.zone`, `*.signed`, `*.rev`,
/// `root.zone`), whatever it holds.
pub fn zone_by_name(path: &Path) -> bool {
    name_says(path) == NameSays::Zone
}

/// What a file is, from its name and, where the name does not settle it, its first
/// bytes; `Err` with the reason when it is not DNS data.
fn classify(tree: &Tree, path: &Path, says: NameSays) -> Result<Kind, String> {
    let sniff_len = match says {
        NameSays::Never => {
            return Err("not DNS data by its name (source, template, copy or document)".into())
        }
        NameSays::DsSet => return Ok(Kind::DsSet),
        NameSays::Unbound => {
            // A template named like the file it renders (`templates/unbound.conf` with
            // Jinja or Go template tags) is not the configuration.
            let head = tree.head(path, crate::conf::SNIFF_LEN).unwrap_or_default();
            if crate::unbound::looks_like_template(&head) {
                return Err("a template (it holds `{{`/`{%` tags), not a configuration".into());
            }
            return Ok(Kind::Unbound);
        }
        NameSays::NamedConf | NameSays::MaybeNamedConf => crate::conf::SNIFF_LEN,
        _ => crate::content::SNIFF_LEN,
    };
    // A file that says it is a zone by its name is read as one, whatever it holds: the
    // reader reports binary or unreadable content (`file-unreadable`).
    if says == NameSays::Zone {
        return Ok(Kind::Zone);
    }
    let head = tree
        .head(path, sniff_len)
        .ok_or_else(|| "could not be read".to_string())?;
    // A named.conf with a NUL inside is a broken configuration (named-checkconf rejects
    // it), for the configuration reader to report.
    let conf_name = matches!(says, NameSays::NamedConf | NameSays::MaybeNamedConf);
    if let Some(why) = crate::content::binary(&head).filter(|_| !conf_name) {
        return Err(why.into());
    }
    match says {
        NameSays::NamedConf => Ok(Kind::NamedConf),
        NameSays::MaybeNamedConf => {
            if crate::conf::looks_like_named_conf(&head) {
                Ok(Kind::NamedConf)
            } else if crate::unbound::looks_like_unbound(&head) {
                Ok(Kind::Unbound)
            } else if crate::content::zone_content(&head).is_ok() {
                // A zone file named `.conf` (`example_org.conf` holding `$ORIGIN`, an
                // SOA and records): seen in the field, and a lost dot there goes
                // unchecked otherwise.
                Ok(Kind::Zone)
            } else {
                Err("a configuration that is neither named.conf nor unbound.conf (nginx, BIRD, nsd, …)".into())
            }
        }
        _ => match crate::content::zone_content(&head) {
            Ok(()) => Ok(Kind::Zone),
            Err(_) if crate::conf::looks_like_named_conf(&head) => Ok(Kind::NamedConf),
            Err(_) if crate::unbound::looks_like_unbound(&head) => Ok(Kind::Unbound),
            Err(why) => Err(why.into()),
        },
    }
}

/// A file left out because it is not DNS data (listed by `--verbose`, counted in the
/// summary).
#[derive(Clone, Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
    /// Named on the command line: the user expected it to be checked.
    pub explicit: bool,
}

/// What the walk found.
#[derive(Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub problems: Vec<WalkProblem>,
    pub skipped: Vec<Skipped>,
}

/// Walks the inputs. A file named on the command line is read as `force` says when
/// given, else classified like a walked one; with `origin_given` (`--origin`: the user
/// says which zone the named files are) a named file that is not a configuration by
/// its name is read as a zone whatever its content. Directory walks skip hidden files
/// and folders and what `.gitignore`/`.ignore` files exclude; symbolic links are
/// followed only to files inside the tree.
pub fn discover(
    inputs: &[PathBuf],
    tree: &Tree,
    force: Option<Kind>,
    origin_given: bool,
) -> Discovery {
    let mut d = Discovery::default();
    for input in inputs {
        // Every input is located inside the tree like a path written in a file: a named
        // folder or file that is a symbolic link out of the repository is not read.
        let (canon, node) = match tree.locate(input) {
            crate::tree::Located::Found(p, n) => (p, n),
            crate::tree::Located::Outside => {
                // An error, not a skip: a pull request that turns a checked folder into a
                // link out of the repository must not pass by checking nothing.
                d.problems.push(WalkProblem {
                    path: input.clone(),
                    message: format!(
                        "`{}` {}",
                        input.file_name().unwrap_or_default().to_string_lossy(),
                        crate::tree::OUTSIDE
                    ),
                    help: "check folders and files inside the repository: a symbolic link out of it is never followed",
                });
                continue;
            }
            crate::tree::Located::Missing => {
                if std::fs::symlink_metadata(input).is_ok() {
                    d.skipped.push(Skipped {
                        path: input.clone(),
                        reason: "a symbolic link that leads nowhere".into(),
                        explicit: true,
                    });
                } else {
                    d.problems.push(WalkProblem {
                        path: input.clone(),
                        message: format!("cannot read `{}`: not found", input.display()),
                        help: CHECK_PATH,
                    });
                }
                continue;
            }
        };
        if node == crate::tree::Node::File {
            let says = name_says(&canon);
            let conf_name = matches!(
                says,
                NameSays::NamedConf | NameSays::MaybeNamedConf | NameSays::Unbound
            );
            let kind = match force {
                Some(k) => Ok(k),
                None => match classify(tree, &canon, says) {
                    Err(_) if origin_given && !conf_name => Ok(Kind::Zone),
                    other => other,
                },
            };
            match kind {
                Ok(kind) => d.candidates.push(Candidate {
                    path: canon,
                    kind,
                    explicit: true,
                }),
                Err(reason) => d.skipped.push(Skipped {
                    path: canon,
                    reason,
                    explicit: true,
                }),
            }
            continue;
        }
        walk(&canon, tree, &mut d);
    }
    d.candidates.sort_by(|a, b| a.path.cmp(&b.path));
    d.candidates.dedup_by(|a, b| a.path == b.path);
    d.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    d.skipped.dedup_by(|a, b| a.path == b.path);
    d
}

/// A walk of `input`: links not followed, hidden files and folders below it skipped,
/// `.ignore` honoured, `.gitignore` too when `gitignore`.
fn walker(input: &Path, gitignore: bool) -> ignore::WalkBuilder {
    let mut b = ignore::WalkBuilder::new(input);
    b.follow_links(false)
        // Hidden files and folders are skipped below the walked folder, not the walked
        // folder itself (a checkout under `.cache/` is still checked).
        .hidden(false)
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
        })
        .git_global(false)
        .git_ignore(gitignore)
        .git_exclude(gitignore)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    b
}

/// Whether a path below the walked folder has a hidden component (the walk skips it).
fn hidden_below(rel: &Path) -> bool {
    rel.components()
        .any(|c| c.as_os_str().to_str().is_some_and(|n| n.starts_with('.')))
}

fn walk(input: &Path, tree: &Tree, d: &mut Discovery) {
    // Below the walked directory's canonical path, the path of a regular file is
    // canonical as walked: links are not followed, so every folder on the way is real
    // (no canonicalization, a system call per path component, per file).
    let canon_input = std::fs::canonicalize(input).ok();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for entry in walker(input, true).build() {
        match entry {
            Ok(e) => {
                if let Some(p) = consider(&e, input, canon_input.as_deref(), tree, d) {
                    seen.insert(p);
                }
                // A link is seen by its own path too (the index lists links as such).
                if let (Some(base), Ok(rel)) = (&canon_input, e.path().strip_prefix(input)) {
                    seen.insert(base.join(rel));
                }
            }
            Err(e) => d.problems.push(WalkProblem {
                path: input.to_path_buf(),
                message: format!("cannot walk: {e}"),
                help: CHECK_PATH,
            }),
        }
    }
    // `.gitignore` speaks of untracked files only: a file the repository tracks is
    // its content even where a pattern matches it (an /etc kept in git with `*` in
    // `.gitignore` and every file added by force). Those are walked again.
    let Some(base) = canon_input.as_deref() else {
        return;
    };
    // The tracked files the walk passed over (but for hidden ones: the walk skips those
    // on purpose), relative to the walked folder, and the folders on their way.
    let missed: HashSet<PathBuf> = tracked_files(base)
        .into_iter()
        .filter(|p| !seen.contains(p))
        .filter_map(|p| p.strip_prefix(base).ok().map(Path::to_path_buf))
        .filter(|rel| !hidden_below(rel))
        .collect();
    if missed.is_empty() {
        return;
    }
    let folders: HashSet<PathBuf> = missed
        .iter()
        .flat_map(|rel| rel.ancestors().skip(1).map(Path::to_path_buf))
        .collect();
    // A second walk without `.gitignore` that enters only the folders on the way to
    // those files (an ignored `node_modules/` or build folder is not walked).
    let root = input.to_path_buf();
    let mut second = walker(input, false);
    second.filter_entry(move |e| {
        let Ok(rel) = e.path().strip_prefix(&root) else {
            return false;
        };
        e.depth() == 0 || !e.file_type().is_some_and(|t| t.is_dir()) || folders.contains(rel)
    });
    for e in second.build().flatten() {
        let rel = e.path().strip_prefix(input).ok();
        if rel.is_some_and(|r| missed.contains(r)) && !e.file_type().is_some_and(|t| t.is_dir()) {
            consider(&e, input, Some(base), tree, d);
        }
    }
}

/// The files the git repository around `dir` tracks (its index) below `dir`, by their
/// paths in the file system; none outside a repository.
fn tracked_files(dir: &Path) -> HashSet<PathBuf> {
    let Ok(repo) = git2::Repository::discover(dir) else {
        return HashSet::new();
    };
    let (Some(workdir), Ok(index)) = (repo.workdir(), repo.index()) else {
        return HashSet::new();
    };
    let workdir = std::fs::canonicalize(workdir).unwrap_or_else(|_| workdir.to_path_buf());
    index
        .iter()
        .filter_map(|e| std::str::from_utf8(&e.path).ok().map(|p| workdir.join(p)))
        .filter(|p| p.starts_with(dir))
        .collect()
}

/// One walked entry: classified, and made a candidate or a skipped file. Its canonical
/// path when it is a file (or a link to one inside the tree).
fn consider(
    entry: &ignore::DirEntry,
    input: &Path,
    canon_input: Option<&Path>,
    tree: &Tree,
    d: &mut Discovery,
) -> Option<PathBuf> {
    let ft = entry.file_type()?;
    let path = entry.path();
    let canon = if ft.is_symlink() {
        // Follow a link only when it stays inside the tree.
        let reason = match tree.locate(path) {
            crate::tree::Located::Found(c, crate::tree::Node::File) => Ok(c),
            crate::tree::Located::Found(..) => return None,
            crate::tree::Located::Outside => Err(crate::tree::OUTSIDE),
            crate::tree::Located::Missing => Err("a symbolic link that leads nowhere"),
        };
        match reason {
            Ok(c) => c,
            Err(reason) => {
                d.skipped.push(Skipped {
                    path: path.to_path_buf(),
                    reason: reason.into(),
                    explicit: false,
                });
                return None;
            }
        }
    } else if ft.is_file() {
        match (canon_input, path.strip_prefix(input)) {
            (Some(base), Ok(rel)) => base.join(rel),
            _ => std::fs::canonicalize(path).ok()?,
        }
    } else {
        return None;
    };
    // A file whose extension names another format (a README, source code) is
    // passed over without a word: it is simply not DNS data.
    let says = name_says(&canon);
    if says == NameSays::Never {
        return Some(canon);
    }
    match classify(tree, &canon, says) {
        Ok(kind) => d.candidates.push(Candidate {
            path: canon.clone(),
            kind,
            explicit: false,
        }),
        // Only files whose names suggest DNS data are worth listing as skipped.
        Err(reason) if says != NameSays::Nothing => d.skipped.push(Skipped {
            path: canon.clone(),
            reason,
            explicit: false,
        }),
        Err(_) => {}
    }
    Some(canon)
}

/// The first `n` bytes of a file (fewer if it is shorter), for classifying it by content.
pub fn read_head(path: &Path, n: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(n);
    std::fs::File::open(path)
        .ok()?
        .take(n as u64)
        .read_to_end(&mut buf)
        .ok()?;
    Some(buf)
}

/// The origin a file name suggests: `db.example.com`, `example.com.zone`,
/// `example.com.db`, `example.com.signed`, `root.zone` (the root), `db.192.168.1`
/// (`1.168.192.in-addr.arpa.`).
pub fn origin_from_file_name(path: &Path) -> Option<DName> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    // The root zone and its copies (`root.zone.signed`, `root.zone.unsigned`, the
    // variants test suites keep beside each other).
    if lower == "root.zone"
        || lower.starts_with("root.zone.")
        || lower == "root.db"
        || lower == "db.root"
    {
        return Some(DName::root_bytes());
    }
    let mut stem: &str = name;
    for suffix in [".signed", ".zone", ".db", ".rev", ".hosts"] {
        while stem.len() > suffix.len() && stem.to_ascii_lowercase().ends_with(suffix) {
            stem = &stem[..stem.len() - suffix.len()];
        }
    }
    // `db.example.com`, and the `master_db.`/`slave_db.` prefixes of older layouts.
    for prefix in ["db.", "master_db.", "slave_db."] {
        if stem.len() > prefix.len() && stem[..prefix.len()].eq_ignore_ascii_case(prefix) {
            stem = &stem[prefix.len()..];
            break;
        }
    }
    // A bare word (`internal`, `zonefile`) says nothing; a stem left by a zone suffix or
    // `db.` prefix (`lab.zone` → `lab.`) does.
    if stem.is_empty() || (stem.len() == name.len() && !stem.contains('.')) {
        return None;
    }
    let labels: Vec<&str> = stem.split('.').collect();
    if labels.iter().any(|l| {
        l.is_empty()
            || !l
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }) {
        return None;
    }
    // `db.192.168.1`: a reverse zone named by its network.
    if labels.len() <= 3 && labels.iter().all(|l| l.parse::<u8>().is_ok()) {
        let mut rev: Vec<&str> = labels.clone();
        rev.reverse();
        let text = format!("{}.in-addr.arpa.", rev.join("."));
        return parse_name(text.as_bytes(), &DName::root_bytes())
            .ok()
            .map(|(n, _)| n);
    }
    let text = format!("{stem}.");
    parse_name(text.as_bytes(), &DName::root_bytes())
        .ok()
        .map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(s: &str) -> Option<String> {
        origin_from_file_name(Path::new(s)).map(|n| crate::names::fmt_name(&n))
    }

    #[test]
    fn origins_from_names() {
        assert_eq!(o("db.example.com").as_deref(), Some("example.com."));
        assert_eq!(o("example.com.zone").as_deref(), Some("example.com."));
        assert_eq!(o("example.com.db").as_deref(), Some("example.com."));
        assert_eq!(
            o("example.com.zone.signed").as_deref(),
            Some("example.com.")
        );
        assert_eq!(o("root.zone").as_deref(), Some("."));
        assert_eq!(o("root.zone.unsigned").as_deref(), Some("."));
        assert_eq!(o("root.zone.signed").as_deref(), Some("."));
        assert_eq!(
            o("db.192.168.1").as_deref(),
            Some("1.168.192.in-addr.arpa.")
        );
        assert_eq!(o("zonefile"), None);
        assert_eq!(o("zone.db"), Some("zone.".into()));
        assert_eq!(o("master_db.example.com").as_deref(), Some("example.com."));
        assert_eq!(o("slave_db.example.net").as_deref(), Some("example.net."));
        assert_eq!(o("example.org.hosts").as_deref(), Some("example.org."));
        assert_eq!(o("example.org.rev").as_deref(), Some("example.org."));
    }
}
