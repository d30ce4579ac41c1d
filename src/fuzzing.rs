//! The entry point of the fuzz targets (`fuzz/`) and of their regression tests
//! (`tests/fuzz_regressions.rs`): one input, written to a private folder, checked the way
//! `zonelint check` checks it, with every rule on.

use std::path::PathBuf;
use std::sync::OnceLock;

/// What the input is read as.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    /// A zone file of `example.com.`.
    Zone,
    /// A `named.conf`, beside a small zone file `db.example.com` it may name.
    NamedConf,
    /// An `unbound.conf`, beside a small zone file `db.example.com` an `auth-zone:` may
    /// name.
    Unbound,
    /// A `zonelint.toml`.
    Config,
    /// An include graph, read from memory: files separated by lines `==> name`
    /// (`==> name -> target` makes `name` a symbolic link); the first file is read as
    /// the zone `example.com.` and as a named.conf, with every `$INCLUDE` and `include`.
    Includes,
}

const ZONE: &str = "$TTL 3600\n@ IN SOA ns1 hostmaster ( 1 7200 3600 1209600 3600 )\n  IN NS ns1\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.1\n";

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("zonelint-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(d.join("tree")).expect("temporary folder");
        std::fs::write(d.join("tree/secret"), "outside the tree\n").expect("secret");
        d
    })
}

/// Checks one input; returns the number of findings. Panics only on a bug.
pub fn check_bytes(kind: Input, data: &[u8]) -> usize {
    match kind {
        Input::Config => return check_config(data),
        Input::Includes => return check_includes(data),
        _ => {}
    }
    // A folder per call: tests replay inputs from several threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tree = folder().join("tree").join(format!("{n}"));
    std::fs::create_dir_all(&tree).expect("temporary folder");
    let (name, origin) = match kind {
        Input::Zone => ("input.zone", Some("example.com.")),
        Input::Unbound => ("unbound.conf", None),
        _ => ("named.conf", None),
    };
    let path = tree.join(name);
    std::fs::write(tree.join("db.example.com"), ZONE).expect("zone file");
    std::fs::write(&path, data).expect("write the input");
    let mut opts = crate::Options {
        now: Some(1_795_000_000),
        ..Default::default()
    };
    if let Some(o) = origin {
        opts.load.origin =
            crate::zone::text::parse_name(o.as_bytes(), &crate::zone::DName::root_bytes())
                .ok()
                .map(|(n, _)| n);
    }
    if matches!(kind, Input::NamedConf) {
        opts.load.force_kind = Some(crate::discover::Kind::NamedConf);
    }
    if matches!(kind, Input::Unbound) {
        opts.load.force_kind = Some(crate::discover::Kind::Unbound);
    }
    let report = crate::check(std::slice::from_ref(&path), &opts);
    let found = report.diagnostics.len();
    // Render every format: the renderers see the same spans. No output may show the
    // secret beside the tree.
    for out in [
        crate::output::human::render(&report, false, 100, false),
        crate::output::concise::render(&report),
        crate::output::json::render(&report),
        crate::output::sarif::render(&report),
        crate::output::github::render(&report),
    ] {
        assert!(!out.contains("outside the tree\n"), "the secret leaked");
    }
    let _ = std::fs::remove_dir_all(&tree);
    found
}

/// A configuration: parsed, its error (if any) neutralised for the terminal and the log.
fn check_config(data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    let path = std::path::Path::new("/repo/zonelint.toml");
    match crate::config::parse(&text, path, PathBuf::from("/repo")) {
        Ok(cfg) => {
            let probe = std::path::Path::new("/repo/zones/db.example.com");
            let _ = (cfg.selects(probe), cfg.origin_for(probe));
            0
        }
        Err(e) => {
            let shown = crate::output::log_safe(&e.to_string(), true);
            for line in shown.lines() {
                assert!(!line.trim_start().starts_with("::"), "a workflow command");
                assert!(!line.contains("##["), "a workflow command");
                assert!(!line.contains('\x1b'), "an escape sequence");
            }
            1
        }
    }
}

/// An include graph in memory: every file read stays inside the tree, whatever the
/// links and `..` of the input; loops and fan-out end within the budgets.
fn check_includes(data: &[u8]) -> usize {
    use crate::tree::{Backend, MemoryEntry, Tree};
    let root = PathBuf::from("/fuzz/tree");
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        PathBuf::from("/fuzz/secret"),
        MemoryEntry::File(b"outside the tree\n".to_vec()),
    );
    let mut name = PathBuf::from("zone");
    let mut body: Vec<u8> = Vec::new();
    let mut first: Option<PathBuf> = None;
    let flush = |name: &PathBuf,
                 body: &mut Vec<u8>,
                 files: &mut std::collections::BTreeMap<PathBuf, MemoryEntry>| {
        let text = String::from_utf8_lossy(name.as_os_str().as_encoded_bytes()).into_owned();
        let entry = match text.split_once(" -> ") {
            Some((n, target)) => (
                root.join(n.trim()),
                MemoryEntry::Link(PathBuf::from(target.trim())),
            ),
            None => (
                root.join(text.trim()),
                MemoryEntry::File(std::mem::take(body)),
            ),
        };
        body.clear();
        if !entry.0.starts_with(&root) || entry.0 == root {
            return None;
        }
        let p = entry.0.clone();
        files.insert(entry.0, entry.1);
        Some(p)
    };
    for line in data.split_inclusive(|b| *b == b'\n') {
        if let Some(rest) = line.strip_prefix(b"==> ") {
            let p = flush(&name, &mut body, &mut files);
            first = first.or(p);
            name = PathBuf::from(String::from_utf8_lossy(rest.trim_ascii()).into_owned());
        } else {
            body.extend_from_slice(line);
        }
    }
    let p = flush(&name, &mut body, &mut files);
    let first = first.or(p).unwrap_or_else(|| root.join("zone"));
    let mut tree = Tree::new(root.clone(), root.clone());
    tree.backend = Backend::Memory(files);
    let (id, res) = tree.read(&first);
    if res.is_err() {
        return 0;
    }
    let origin = crate::zone::text::parse_name(b"example.com.", &crate::zone::DName::root_bytes())
        .map(|(n, _)| n)
        .expect("a name");
    let zone =
        crate::zone::parser::read_zone(&tree, id, origin, crate::zone::OriginSource::CommandLine);
    let conf = crate::conf::read_conf(&tree, id);
    let found = zone.reader_findings.len() + conf.reader_findings.len();
    drop((zone, conf));
    let sources = tree.into_sources();
    for (_, f) in sources.iter() {
        assert!(
            f.path.starts_with(&root) && f.text != b"outside the tree\n",
            "read outside the tree: {}",
            f.path.display()
        );
    }
    found
}
