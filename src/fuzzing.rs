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
    // A folder per call: tests replay inputs from several threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tree = folder().join("tree").join(format!("{n}"));
    std::fs::create_dir_all(&tree).expect("temporary folder");
    let (name, origin) = match kind {
        Input::Zone => ("input.zone", Some("example.com.")),
        Input::NamedConf => ("named.conf", None),
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
    let report = crate::check(std::slice::from_ref(&path), &opts);
    let found = report.diagnostics.len();
    // Render every format: the renderers see the same spans. No output may show the
    // secret beside the tree.
    for out in [
        crate::output::human::render(&report, false, 100),
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
