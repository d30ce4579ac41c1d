//! The project: every file of one run, read and joined.
//!
//! Loading happens here: discovery, origin resolution, reading zones in parallel, and
//! dropping the stand-alone reading of files that another zone includes.

use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Candidate, Kind};
use crate::source::{FileId, SourceMap, Span};
use crate::tree::Tree;
use crate::zone::parser::{leading_origin_with, read_zone, UNREADABLE};
use crate::zone::{DName, OriginSource, Zone};
use domain::base::iana::Rtype;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const ORIGIN_UNKNOWN: &str = crate::rules::reader::origin_unknown::NAME;

/// Everything one run looks at.
pub struct Project {
    pub sources: SourceMap,
    pub zones: Vec<Zone>,
    /// The named.conf configurations (each with the files it includes).
    pub confs: Vec<NamedConf>,
    /// The unbound.conf configurations (each with the files it includes).
    pub unbounds: Vec<crate::unbound::UnboundConf>,
    /// Findings made while loading, before any zone exists (unreadable files, unknown
    /// origins), by rule name.
    pub load_findings: Vec<Diagnostic>,
    /// Files looked at (zone files and the files they include).
    pub files_checked: usize,
    /// DS files beside child zones (`dsset-<zone>.`, `<zone>.ds`): their records, read
    /// with the child's name as origin. Not zones: no SOA, never served.
    pub ds_sets: Vec<Zone>,
    /// Zone indices by apex (lowercased wire form).
    apexes: HashMap<Vec<u8>, usize, std::hash::BuildHasherDefault<crate::names::FxHasher>>,
    /// Bit `n` set: some apex has `n` labels (the root counted; 127 for all deeper).
    apex_depths: u128,
    /// Some zone lies under `in-addr.arpa.` or `ip6.arpa.`.
    pub has_reverse_zones: bool,
    /// Files left out as not DNS data.
    pub skipped: Vec<discover::Skipped>,
    /// `--git-base`: the base revision, opened (`None` also for `HEAD` before the first
    /// commit).
    pub base: Option<crate::gitbase::Base>,
    /// `--git-base` named something that is not a commit of the repository: the run
    /// is meaningless (exit 2).
    pub base_error: Option<String>,
}

/// A file read from standard input.
#[derive(Clone, Debug)]
pub struct StdinFile {
    /// The absolute path it is checked as: `--stdin-filename`, or `<stdin>` in the
    /// current folder.
    pub path: PathBuf,
    pub text: Vec<u8>,
    /// Given with `--stdin-filename`: checked as that file of its repository (the rest
    /// of the repository loaded for context, its zonelint.toml paths applied); without,
    /// checked alone.
    pub named: bool,
}

/// How to load.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The origin of the zone files named on the command line.
    pub origin: Option<DName>,
    pub max_file_size: Option<u64>,
    /// Most input read in one run.
    pub max_total_size: Option<u64>,
    /// Standard input, read as the file at its path (`check -`, `--stdin-filename`).
    pub stdin: Option<StdinFile>,
    /// `--as`: read the files named on the command line as this kind.
    pub force_kind: Option<Kind>,
    /// `zonelint.toml`: origin mappings and include/exclude globs.
    pub config: Option<crate::config::Config>,
    /// `--git-base`: the revision zones are compared with.
    pub git_base: Option<String>,
}

enum Loaded {
    Zone(Box<Zone>),
    NoOrigin(FileId),
    Unreadable(FileId, String),
}

impl Project {
    /// Loads the inputs. `root` is the checked tree (nothing outside it is read through
    /// includes), `display_base` what shown paths are relative to.
    pub fn load(
        inputs: &[PathBuf],
        root: PathBuf,
        display_base: PathBuf,
        opts: &LoadOptions,
    ) -> Project {
        let mut tree = Tree::new(root.clone(), display_base);
        if let Some(m) = opts.max_file_size {
            tree.max_file_size = m;
        }
        if let Some(m) = opts.max_total_size {
            tree.max_total_size = m;
        }
        tree.overlay = opts
            .stdin
            .as_ref()
            .map(|s| (s.path.clone(), s.text.clone()));
        if let Some(sr) = opts
            .config
            .as_ref()
            .and_then(|c| c.server_root.as_ref().map(|r| c.base.join(r)))
        {
            tree.server_root = std::fs::canonicalize(sr).ok();
        }
        let (base, base_error) = match &opts.git_base {
            Some(rev) => match crate::gitbase::open(&root, rev, &tree) {
                Ok(b) => (b, None),
                Err(e) => (None, Some(e)),
            },
            None => (None, None),
        };
        let discovery = discover::discover(inputs, &tree, opts.force_kind, opts.origin.is_some());
        let (mut candidates, problems) = (discovery.candidates, discovery.problems);
        let mut skipped = discovery.skipped;
        if let Some(cfg) = &opts.config {
            candidates.retain(|c| c.explicit || cfg.selects(&c.path));
        }
        let mut load_findings = Vec::new();
        for p in problems {
            let id = tree.read_placeholder(&p.path);
            load_findings
                .push(Diagnostic::new(UNREADABLE, id, Span::empty(0), p.message).help(p.help));
        }
        // Configurations first: their zone statements give zone files their origins.
        let conf_loads: Vec<ConfLoad> = candidates
            .par_iter()
            .filter(|c| c.kind == Kind::NamedConf)
            .filter_map(|c| load_conf(&tree, c))
            .collect();
        let mut conf_included: HashSet<PathBuf> = HashSet::new();
        for c in &conf_loads {
            for f in &c.conf.files[1..] {
                conf_included.insert(tree.get(*f).path.clone());
            }
        }
        for c in &conf_loads {
            if let Some(msg) = &c.unreadable {
                load_findings.push(Diagnostic::new(
                    UNREADABLE,
                    c.conf.main,
                    Span::empty(0),
                    msg.clone(),
                ));
            }
        }
        let confs: Vec<NamedConf> = conf_loads
            .into_iter()
            .filter(|c| c.unreadable.is_none())
            .map(|c| c.conf)
            .filter(|c| !conf_included.contains(&tree.get(c.main).path))
            .collect();
        let mut confs = merge_debian_parts(&tree, confs, &conf_included);
        confs.sort_by_key(|c| tree.get(c.main).name.clone());
        // Unbound's configurations, read the same way: a file another one includes is
        // read in its including context only.
        let mut unbounds = Vec::new();
        for c in candidates.iter().filter(|c| c.kind == Kind::Unbound) {
            let (id, res) = tree.read(&c.path);
            match res {
                Ok(()) => unbounds.push(crate::unbound::read(&tree, id)),
                Err(e) => {
                    load_findings.push(Diagnostic::new(UNREADABLE, id, Span::empty(0), e.message))
                }
            }
        }
        for u in &unbounds {
            for f in &u.files[1..] {
                conf_included.insert(tree.get(*f).path.clone());
            }
        }
        unbounds.retain(|u| !conf_included.contains(&tree.get(u.main).path));
        // A fragment that did not read as a configuration on its own but that a
        // configuration includes was checked after all.
        skipped.retain(|s| !conf_included.contains(&s.path));
        unbounds.sort_by_key(|u| tree.get(u.main).name.clone());
        // Zone files named by zone statements: read with the statement's name as origin,
        // once (the first statement wins when several name the same file).
        // The files of hint zones and the stock files of the default zones that ship
        // with BIND (`db.local`, `db.127`, `db.empty`, …) are the package's, not the
        // operator's data: they are not read as zones.
        let mut claimed: HashMap<PathBuf, (DName, FileId, Span)> = HashMap::new();
        let mut packaged: HashSet<PathBuf> = HashSet::new();
        for c in &confs {
            for z in &c.zones {
                if let (Some(f), Some(o)) = (&z.file, &z.origin) {
                    if let Ok(p) = &f.resolved {
                        // CHAOS and HESIOD zones (`version.bind`, `hesiod`) are not
                        // Internet data: the zone rules do not apply to them.
                        if crate::conf::packaged::is_packaged_zone(z, p) || z.class != "IN" {
                            packaged.insert(p.clone());
                            continue;
                        }
                        claimed
                            .entry(p.clone())
                            .or_insert((o.clone(), z.stmt.file, z.name_span()));
                    }
                }
            }
        }
        // Unbound's `auth-zone:` and `rpz:` clauses: `name:` and `zonefile:`.
        for u in &unbounds {
            for (origin, path, file, span) in unbound_zone_files(&tree, u) {
                claimed.entry(path).or_insert((origin, file, span));
            }
        }
        for p in claimed.keys() {
            packaged.remove(p);
        }
        let mut zone_cands: Vec<Candidate> = candidates
            .iter()
            .filter(|c| {
                c.kind == Kind::Zone
                    && !conf_included.contains(&c.path)
                    && !packaged.contains(&c.path)
                    && (c.explicit
                        || claimed.contains_key(&c.path)
                        || !crate::conf::packaged::is_stock_file(&c.path))
            })
            .cloned()
            .collect();
        let known: HashSet<PathBuf> = zone_cands.iter().map(|c| c.path.clone()).collect();
        let mut extra: Vec<&PathBuf> = claimed.keys().filter(|p| !known.contains(*p)).collect();
        extra.sort();
        zone_cands.extend(extra.into_iter().map(|p| Candidate {
            path: p.clone(),
            kind: Kind::Zone,
            explicit: false,
        }));
        let loaded: Vec<Loaded> = zone_cands
            .par_iter()
            .map(|c| load_one(&tree, c, opts, claimed.get(&c.path)))
            .collect();
        // Files that a zone includes are checked as part of it, not on their own.
        let mut included: HashSet<PathBuf> = HashSet::new();
        for l in &loaded {
            if let Loaded::Zone(z) = l {
                for f in &z.files[1..] {
                    included.insert(tree.get(*f).path.clone());
                }
            }
        }
        let mut zones = Vec::new();
        let mut files_checked: usize = confs.iter().map(|c| c.files.len()).sum::<usize>()
            + unbounds.iter().map(|u| u.files.len()).sum::<usize>();
        for l in loaded {
            match l {
                Loaded::Zone(z) => {
                    if included.contains(&tree.get(z.main_file).path) {
                        continue;
                    }
                    files_checked += z.files.len();
                    zones.push(*z);
                }
                Loaded::NoOrigin(id) => {
                    if included.contains(&tree.get(id).path) {
                        continue;
                    }
                    files_checked += 1;
                    load_findings.push(
                        Diagnostic::new(ORIGIN_UNKNOWN, id, Span::empty(0), "the zone's origin is unknown, so the file was not checked")
                            .help("give it with --origin, start the file with `$ORIGIN example.com.`, or name the file after the zone (`db.example.com`, `example.com.zone`)"),
                    );
                }
                Loaded::Unreadable(id, message) => {
                    files_checked += 1;
                    load_findings.push(Diagnostic::new(UNREADABLE, id, Span::empty(0), message));
                }
            }
        }
        // DS files: read as zone data (their reader findings are reported like the
        // zones'), kept apart from the zones.
        let mut ds_sets = Vec::new();
        for c in candidates.iter().filter(|c| c.kind == Kind::DsSet) {
            let Some(origin) = discover::ds_set_zone(&c.path) else {
                continue;
            };
            let (id, res) = tree.read(&c.path);
            files_checked += 1;
            if let Err(e) = res {
                load_findings.push(Diagnostic::new(UNREADABLE, id, Span::empty(0), e.message));
                continue;
            }
            let z = crate::zone::parser::read_ds_set(&tree, id, origin);
            load_findings.extend(z.reader_findings.iter().cloned());
            ds_sets.push(z);
        }
        // Response-policy zones: named in a `response-policy` statement, or plainly one
        // by their content.
        let policy: HashSet<Vec<u8>> = confs
            .iter()
            .flat_map(|c| c.response_policy_zones())
            .map(|n| n.as_slice().to_ascii_lowercase())
            .collect();
        for z in &mut zones {
            z.rpz = policy.contains(&z.origin.as_slice().to_ascii_lowercase())
                || crate::zone::rpz::looks_like_policy_zone(z);
        }
        // A stable order: by apex, then file name.
        let sources = tree.into_sources();
        zones.sort_by(|a, b| {
            a.origin.cmp(&b.origin).then_with(|| {
                sources
                    .get(a.main_file)
                    .name
                    .cmp(&sources.get(b.main_file).name)
            })
        });
        let mut apexes = HashMap::default();
        for (i, z) in zones.iter().enumerate() {
            apexes
                .entry(z.origin.as_slice().to_ascii_lowercase())
                .or_insert(i);
        }
        let has_reverse_zones = zones
            .iter()
            .any(|z| crate::names::in_reverse_tree(&z.origin));
        let apex_depths = zones
            .iter()
            .fold(0u128, |m, z| m | 1 << z.origin.label_count().min(127));
        Project {
            sources,
            zones,
            confs,
            unbounds,
            load_findings,
            files_checked,
            ds_sets,
            apexes,
            apex_depths,
            has_reverse_zones,
            skipped,
            base,
            base_error,
        }
    }

    /// The zone of the project that is authoritative for a name: the loaded zone with
    /// the longest apex that the name is at or below.
    pub fn zone_for(&self, name: &DName) -> Option<&Zone> {
        self.zone_for_below(name, 0)
    }

    /// [`Project::zone_for`], among the zones whose apex is longer than `min_len`
    /// octets in wire form (a zone strictly below a given apex: pass its length).
    pub fn zone_for_below(&self, name: &DName, min_len: usize) -> Option<&Zone> {
        // The name lowercased once; its ancestors are suffixes of the wire form, looked
        // up only at the label counts some apex has.
        let mut buf = [0u8; 255];
        let w = &mut buf[..name.as_slice().len()];
        w.copy_from_slice(name.as_slice());
        w.make_ascii_lowercase();
        let mut labels = name.label_count();
        let mut i = 0;
        while w.len() - i > min_len {
            if self.apex_depths & (1 << labels.min(127)) != 0 {
                if let Some(&z) = self.apexes.get(&w[i..]) {
                    return Some(&self.zones[z]);
                }
            }
            i += 1 + w[i] as usize;
            labels -= 1;
        }
        None
    }

    /// The zone whose apex is exactly this name.
    pub fn zone_at(&self, apex: &DName) -> Option<&Zone> {
        self.apexes
            .get(&apex.as_slice().to_ascii_lowercase())
            .map(|&i| &self.zones[i])
    }

    /// Whether a configuration of the project has named sign the zone itself
    /// (`dnssec-policy` other than `none`/`insecure`, `inline-signing yes`, `auto-dnssec
    /// maintain`, here or inherited from the view or options): the source file is then
    /// rightly unsigned, and the server publishes the DNSKEYs and signatures.
    pub fn signed_by_server(&self, apex: &DName) -> bool {
        self.confs.iter().any(|conf| {
            conf.zones.iter().any(|z| {
                let value = |name| conf.zone_option(z, name).and_then(|s| s.value());
                z.origin.as_ref().is_some_and(|o| o == apex)
                    && matches!(z.kind.as_str(), "primary" | "secondary")
                    && (value("dnssec-policy").is_some_and(|w| {
                        !matches!(w.text.to_ascii_lowercase().as_str(), "none" | "insecure")
                    }) || value("inline-signing").is_some_and(crate::conf::is_yes)
                        || value("auto-dnssec")
                            .is_some_and(|w| w.text.eq_ignore_ascii_case("maintain")))
            })
        })
    }

    /// The parent zone: the loaded zone with the longest apex above this zone's apex.
    pub fn parent_of(&self, zone: &Zone) -> Option<&Zone> {
        self.zone_for(&zone.origin.parent()?)
    }
}

/// A configuration as read, or why it could not be.
struct ConfLoad {
    conf: NamedConf,
    unreadable: Option<String>,
}

/// The parts of Debian's configuration, in the order its `named.conf` includes them.
const DEBIAN_PARTS: &[&str] = &[
    "named.conf.options",
    "named.conf.local",
    "named.conf.default-zones",
];

/// A Debian-style folder that keeps `named.conf.options` and `named.conf.local` but not
/// the `named.conf` that includes them (the package's stock file, left out of the
/// repository) is one configuration, read as that `named.conf` reads it: an ACL or key
/// defined in the options part is known in the local part, and the server's options
/// apply to the local zones. Other configurations pass through.
fn merge_debian_parts(
    tree: &Tree,
    confs: Vec<NamedConf>,
    included: &HashSet<PathBuf>,
) -> Vec<NamedConf> {
    let mut by_dir: HashMap<PathBuf, Vec<(usize, FileId)>> = HashMap::new();
    for c in &confs {
        let path = &tree.get(c.main).path;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(rank) = DEBIAN_PARTS.iter().position(|p| *p == name) {
            let dir = path
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            by_dir.entry(dir).or_default().push((rank, c.main));
        }
    }
    let mut merged: HashSet<FileId> = HashSet::new();
    let mut out: Vec<NamedConf> = Vec::new();
    let mut dirs: Vec<_> = by_dir.into_iter().collect();
    dirs.sort();
    for (dir, mut parts) in dirs {
        let has_main = confs
            .iter()
            .any(|c| tree.get(c.main).path == dir.join("named.conf"))
            || included.contains(&dir.join("named.conf"));
        let has_options = parts.iter().any(|(r, _)| *r == 0);
        if has_main || !has_options || parts.len() < 2 {
            continue;
        }
        parts.sort();
        let ids: Vec<FileId> = parts.iter().map(|(_, id)| *id).collect();
        merged.extend(ids.iter().copied());
        out.push(crate::conf::read_conf_parts(tree, &ids));
    }
    out.extend(confs.into_iter().filter(|c| !merged.contains(&c.main)));
    out
}

/// Reads a configuration file (discovery decided that it is one: by its name, its
/// content or `--as named-conf`).
/// The zone files of an Unbound configuration's `auth-zone:` and `rpz:` clauses that are
/// in the tree: (origin, file, the configuration file and span of `name:`). A
/// `zonefile:` is relative to `directory:` (Unbound reads it after changing there), else
/// to the configuration's folder. A file that is not there is no fault: Unbound writes
/// it when it transfers the zone.
fn unbound_zone_files(
    tree: &Tree,
    u: &crate::unbound::UnboundConf,
) -> Vec<(DName, PathBuf, FileId, Span)> {
    let directory = u
        .server_last("directory")
        .and_then(|o| o.value())
        .map(|v| v.text.clone());
    let mut out = Vec::new();
    for c in u
        .clauses
        .iter()
        .filter(|c| c.name == "auth-zone" || c.name == "rpz")
    {
        let (Some(name), Some(file)) = (c.last("name"), c.last("zonefile")) else {
            continue;
        };
        let (Some(n), Some(f)) = (name.value(), file.value()) else {
            continue;
        };
        let text = if n.text.ends_with('.') {
            n.text.clone()
        } else {
            format!("{}.", n.text)
        };
        let Ok((origin, _)) = crate::zone::text::parse_name(text.as_bytes(), &DName::root_bytes())
        else {
            continue;
        };
        let here = tree
            .get(file.file)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut written = vec![f.text.clone()];
        if let Some(d) = directory.as_ref().filter(|_| !f.text.starts_with('/')) {
            written.insert(0, format!("{}/{}", d.trim_end_matches('/'), f.text));
        }
        if let Some(p) = written.iter().find_map(|w| tree.resolve(w, &[&here]).ok()) {
            out.push((origin, p, name.file, n.span));
        }
    }
    out
}

fn load_conf(tree: &Tree, c: &Candidate) -> Option<ConfLoad> {
    let (id, res) = tree.read_as(&c.path, true);
    match res {
        Err(e) => Some(ConfLoad {
            conf: crate::conf::empty_conf(id),
            unreadable: Some(e.message),
        }),
        Ok(()) => Some(ConfLoad {
            conf: crate::conf::read_conf(tree, id),
            unreadable: None,
        }),
    }
}

fn load_one(
    tree: &Tree,
    c: &Candidate,
    opts: &LoadOptions,
    claim: Option<&(DName, FileId, Span)>,
) -> Loaded {
    let (id, res) = tree.read(&c.path);
    if let Err(e) = res {
        return Loaded::Unreadable(id, e.message);
    }
    if let Some((origin, f, span)) = claim {
        let mut z = read_zone(tree, id, origin.clone(), OriginSource::NamedConf);
        z.declared_at = Some((*f, *span));
        z.foreign_origin = crate::zone::parser::foreign_origin(&z, &tree.get(id).text);
        return Loaded::Zone(Box::new(z));
    }
    let file = tree.get(id);
    let mapped = opts.config.as_ref().and_then(|cfg| cfg.origin_for(&c.path));
    let origin = match (&opts.origin, c.explicit, mapped) {
        (_, _, Some(o)) => Some((o, OriginSource::Config)),
        (Some(o), true, None) => Some((o.clone(), OriginSource::CommandLine)),
        _ => {
            // Records an `$INCLUDE` supplies before the first record count (an SOA kept
            // in an included file): the included file's first bytes, found the way the
            // reader finds it, inside the tree only.
            let dir = c.path.parent().unwrap_or(&tree.root).to_path_buf();
            let mut head_of = |written: &str| {
                let p = tree.resolve(written, &[&dir, &tree.root]).ok()?;
                tree.head(&p, crate::content::SNIFF_LEN)
            };
            let stated = leading_origin_with(&file.text, &mut head_of);
            let by_name = || discover::origin_from_file_name(&c.path);
            match stated {
                // `$ORIGIN .` then `@ SOA` in a file named for a zone: the SOA lands at
                // the root, outside the zone the file is for (BIND, loading it as that
                // zone, finds no SOA): read it as the zone its name gives.
                Some((o, true)) => by_name()
                    .map(|n| (n, OriginSource::FileName))
                    .or(Some((o, OriginSource::Directive))),
                Some((o, false)) => Some((o, OriginSource::Directive)),
                None => by_name().map(|o| (o, OriginSource::FileName)),
            }
        }
    };
    match origin {
        Some((o, src)) => {
            let mut z = read_zone(tree, id, o, src);
            // Without an SOA, a file found by walking is an `$INCLUDE` fragment (hints,
            // key files, pieces of a zone) unless its name says it is a zone (then it is a
            // zone that lost its SOA); named on the command line, it is the zone the user
            // says it is.
            z.fragment = !c.explicit
                && !discover::zone_by_name(&c.path)
                && z.type_index(Rtype::SOA).is_empty();
            Loaded::Zone(Box::new(z))
        }
        None => Loaded::NoOrigin(id),
    }
}
