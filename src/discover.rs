//! Finding the files to check: walk the inputs, classify each file, guess origins.

use crate::zone::text::parse_name;
use crate::zone::DName;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Zone,
    NamedConf,
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
}

/// Extensions that are never zone files, whatever their content says.
const NOT_ZONE_EXT: &[&str] = &[
    "md", "txt", "rst", "html", "htm", "json", "yaml", "yml", "toml", "ini", "py", "sh", "rs",
    "go", "c", "h", "js", "ts", "rb", "pl", "j2", "tpl", "key", "private", "state", "lock", "png",
    "jpg", "gif", "pdf", "gz", "zip", "tar", "xz", "bz2", "jnl", "pem", "crt", "csr", "patch",
    "diff", "orig", "bak", "swp", "log", "xml", "csv", "tsv", "sql", "cfg", "in",
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

/// Classifies a file by its name alone.
pub fn kind_by_name(path: &Path) -> Option<Kind> {
    if ds_set_zone(path).is_some() {
        return Some(Kind::DsSet);
    }
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    // `named.conf`, `named.conf.local`, `x.conf`; templates of them (`x.conf.j2`) and
    // copies (`named.conf.orig`) are neither zones nor configurations.
    if name == "named.conf" || name.ends_with(".conf") {
        return Some(Kind::NamedConf);
    }
    if let Some(rest) = name.strip_prefix("named.conf.") {
        let template = TEMPLATE_EXT
            .iter()
            .any(|e| rest == *e || name.ends_with(&format!(".{e}")));
        return (!template).then_some(Kind::NamedConf);
    }
    if name.contains(".conf.") {
        return None;
    }
    if name == "root.zone"
        || name.ends_with(".zone")
        || name.ends_with(".db")
        || name.starts_with("db.")
        || name.ends_with(".signed")
        || name.ends_with(".rev")
    {
        return Some(Kind::Zone);
    }
    None
}

/// Classifies a file whose name says nothing by a look at its first 4 KiB: a zone file
/// has a `$ORIGIN`/`$TTL` directive or an SOA record near the top.
pub fn looks_like_zone(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    let text = String::from_utf8_lossy(head);
    let mut records = 0;
    for line in text.lines().take(200) {
        let l = line.trim_start();
        if l.starts_with(';') || l.is_empty() {
            continue;
        }
        let upper = l.to_ascii_uppercase();
        if upper.starts_with("$ORIGIN") || upper.starts_with("$TTL") {
            return true;
        }
        let fields: Vec<&str> = upper.split_whitespace().take(5).collect();
        let soa_at = fields.iter().position(|f| *f == "SOA");
        if soa_at.is_some_and(|p| p >= 1)
            && fields
                .iter()
                .any(|f| *f == "IN" || f.starts_with(|c: char| c.is_ascii_digit()))
        {
            return true;
        }
        if looks_like_record(&fields, line.starts_with([' ', '\t'])) {
            records += 1;
            if records >= 2 {
                return true;
            }
        }
    }
    false
}

/// `owner [ttl] IN TYPE …` (without the owner on a line that starts with white space):
/// the class `IN` and a known record type.
fn looks_like_record(fields: &[&str], blank_owner: bool) -> bool {
    let rest = if blank_owner {
        fields
    } else {
        fields.get(1..).unwrap_or(&[])
    };
    let mut saw_class = false;
    for f in rest.iter().take(3) {
        if *f == "IN" {
            saw_class = true;
        } else if f.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        } else {
            return saw_class && f.parse::<domain::base::iana::Rtype>().is_ok();
        }
    }
    false
}

/// Walks the inputs. Explicit files are always candidates (as zones unless the name says
/// named.conf). Hidden and VCS folders are skipped, symlinks are not followed out of
/// the tree.
pub fn discover(inputs: &[PathBuf], root: &Path) -> (Vec<Candidate>, Vec<WalkProblem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                problems.push(WalkProblem {
                    path: input.clone(),
                    message: format!("cannot read `{}`: {e}", input.display()),
                });
                continue;
            }
        };
        if meta.is_file() {
            let Ok(canon) = std::fs::canonicalize(input) else {
                continue;
            };
            let file_name = canon
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let kind = match kind_by_name(&canon) {
                Some(k) => k,
                // A template or copy of a configuration: neither zone nor config.
                None if file_name.contains(".conf.") => continue,
                // A file whose name says nothing: a named.conf if it reads as one.
                None if read_head(&canon, crate::conf::SNIFF_LEN)
                    .is_some_and(|t| crate::conf::looks_like_named_conf(&t)) =>
                {
                    Kind::NamedConf
                }
                None => Kind::Zone,
            };
            out.push(Candidate {
                path: canon,
                kind,
                explicit: true,
            });
            continue;
        }
        // Below the walked directory's canonical path, the path of a regular file is
        // canonical as walked: links are not followed, so every folder on the way is
        // real (no canonicalization, a system call per path component, per file).
        let canon_input = std::fs::canonicalize(input).ok();
        let walker = WalkDir::new(input)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(WalkProblem {
                        path: e
                            .path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| input.clone()),
                        message: format!("cannot walk: {e}"),
                    });
                    continue;
                }
            };
            let ft = entry.file_type();
            let path = entry.path();
            let canon = if ft.is_symlink() {
                // Follow a link only when it stays inside the tree.
                match std::fs::canonicalize(path) {
                    Ok(c) if c.starts_with(root) && c.is_file() => c,
                    Ok(c) if c.starts_with(root) => continue,
                    _ => {
                        problems.push(WalkProblem {
                            path: path.to_path_buf(),
                            message: "symbolic link that leads outside the checked tree (or nowhere); it was not read".into(),
                        });
                        continue;
                    }
                }
            } else if ft.is_file() {
                match (&canon_input, path.strip_prefix(input)) {
                    (Some(base), Ok(rel)) => base.join(rel),
                    _ => match std::fs::canonicalize(path) {
                        Ok(c) => c,
                        Err(_) => continue,
                    },
                }
            } else {
                continue;
            };
            let kind = match kind_by_name(&canon) {
                Some(k) => Some(k),
                None => {
                    let ext = canon
                        .extension()
                        .and_then(|e| e.to_str())
                        .map(|e| e.to_ascii_lowercase());
                    if ext.as_deref().is_some_and(|e| NOT_ZONE_EXT.contains(&e)) {
                        None
                    } else {
                        sniff(&canon).then_some(Kind::Zone)
                    }
                }
            };
            if let Some(kind) = kind {
                out.push(Candidate {
                    path: canon,
                    kind,
                    explicit: false,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    (out, problems)
}

fn sniff(path: &Path) -> bool {
    read_head(path, 4096).is_some_and(|head| looks_like_zone(&head))
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
    if lower == "root.zone" || lower == "root.db" || lower == "db.root" {
        return Some(DName::root_bytes());
    }
    let mut stem: &str = name;
    for suffix in [".signed", ".zone", ".db", ".rev", ".hosts"] {
        while stem.len() > suffix.len() && stem.to_ascii_lowercase().ends_with(suffix) {
            stem = &stem[..stem.len() - suffix.len()];
        }
    }
    if let Some(rest) = stem
        .strip_prefix("db.")
        .or_else(|| stem.strip_prefix("DB."))
    {
        stem = rest;
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
        assert_eq!(
            o("db.192.168.1").as_deref(),
            Some("1.168.192.in-addr.arpa.")
        );
        assert_eq!(o("zonefile"), None);
        assert_eq!(o("zone.db"), Some("zone.".into()));
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_zone(b"; hi\n$TTL 3600\n"));
        assert!(looks_like_zone(b"@ IN SOA ns hm 1 2 3 4 5\n"));
        assert!(!looks_like_zone(b"Hello SOA world\n"));
        assert!(looks_like_zone(
            b"example.com. 3600 IN NS ns1.example.com.\nwww IN A 192.0.2.1\n"
        ));
        assert!(!looks_like_zone(b"Meet me IN A minute\nand IN A second\n"));
    }
}
