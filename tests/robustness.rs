//! Hostile and broken input gives diagnostics, never a panic: truncations at every byte,
//! random bytes, deep parentheses, huge lines, over-long names, overflowing numbers.

use std::path::Path;

fn check_dir(dir: &Path) -> zonelint::Report {
    zonelint::check(&[dir.to_path_buf()], &zonelint::Options::default())
}

/// A tiny deterministic generator (xorshift), so the test is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn seed_text() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v =
        std::fs::read(root.join("testdata/rules/syntax-error/quiet.example.org.zone")).unwrap();
    v.extend(std::fs::read(root.join("testdata/rules/syntax-error/example.com.zone")).unwrap());
    v
}

#[test]
fn every_truncation_reads_without_panic() {
    let seed = seed_text();
    let dir = tempfile::tempdir().unwrap();
    for cut in (0..seed.len()).step_by(7) {
        std::fs::write(
            dir.path().join(format!("t{cut:05}.example.zone")),
            &seed[..cut],
        )
        .unwrap();
    }
    let report = check_dir(dir.path());
    assert!(report.files > 0);
}

#[test]
fn mutations_read_without_panic() {
    let seed = seed_text();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const SPECIAL: &[u8] = b"()\";\\$@.\n\t \r\x00\xff\xc3";
    for i in 0..600 {
        let mut v = seed.clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(v.len());
            match rng.below(4) {
                0 => v[at] = SPECIAL[rng.below(SPECIAL.len())],
                1 => v[at] = rng.next() as u8,
                2 => {
                    let b = SPECIAL[rng.below(SPECIAL.len())];
                    v.insert(at, b)
                }
                _ => {
                    let end = (at + rng.below(40)).min(v.len());
                    v.drain(at..end);
                }
            }
        }
        std::fs::write(dir.path().join(format!("m{i:04}.example.zone")), v).unwrap();
    }
    check_dir(dir.path());
}

#[test]
fn pathological_inputs_give_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let head = "$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. ( 1 7200 3600 1209600 3600 )\n  IN NS ns1.example.com.\n  IN NS ns2.example.net.\n";
    let cases: Vec<(&str, String)> = vec![
        ("parens", format!("{head}a IN TXT {}\"x\"{}\n", "(".repeat(5000), ")".repeat(5000))),
        ("longline", format!("{head}a IN TXT {}\n", "\"abcdefgh\" ".repeat(30_000))),
        ("longlabel", format!("{head}{} IN A 192.0.2.1\n", "a".repeat(64))),
        ("longname", format!("{head}{}. IN A 192.0.2.1\n", "abcdefghij.".repeat(30))),
        ("ttl", format!("{head}a 4294967296 IN A 192.0.2.1\nb 99999999999999999999999 IN A 192.0.2.1\n")),
        ("serial", "@ 3600 IN SOA ns. hm. ( 4294967296 1 1 1 1 )\n".to_string()),
        ("quote", format!("{head}a IN TXT \"never closed\n")),
        ("escape", format!("{head}a\\ IN A 192.0.2.1\nb\\999 IN A 192.0.2.1\nc IN TXT \"\\\"\n")),
        ("generate", format!("{head}$GENERATE 0-4294967295 h$ A 192.0.2.1\n$GENERATE 1-2 ${{0,99999999999}} A 192.0.2.1\n$GENERATE x\n")),
        ("include-self", format!("{head}$INCLUDE include-self.example.zone\n")),
        ("directives", "$ORIGIN\n$TTL\n$INCLUDE\n$ORIGIN ..\n$TTL x\n".to_string()),
        ("latin1", format!("{head}; caf\u{e9} in Latin-1 follows\na IN TXT \"r\u{e9}sum\u{e9}\"\n").replace('\u{e9}', "\u{00e9}")),
        ("many", format!("{head}{}", (0..100_000).map(|i| format!("h{i} IN A 192.0.2.{}\n", i % 250)).collect::<String>())),
    ];
    for (name, text) in &cases {
        std::fs::write(dir.path().join(format!("{name}.example.zone")), text).unwrap();
    }
    std::fs::write(
        dir.path().join("bytes.example.zone"),
        b"\xff\xfe\x00\x01 IN A\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("latin.example.zone"),
        b"$TTL 1\n@ SOA a. b.example. 1 7200 3600 1209600 3600\n@ NS a.\n@ NS b.\n; caf\xe9\nx TXT \"r\xe9sum\xe9\"\n",
    )
    .unwrap();
    let report = check_dir(dir.path());
    let rules_for = |file: &str| -> Vec<&str> {
        report
            .diagnostics
            .iter()
            .filter(|d| report.sources.get(d.primary.file).name.ends_with(file))
            .map(|d| d.rule)
            .collect()
    };
    assert!(rules_for("longlabel.example.zone").contains(&"syntax-error"));
    assert!(rules_for("longname.example.zone").contains(&"syntax-error"));
    assert_eq!(
        rules_for("ttl.example.zone"),
        ["syntax-error", "syntax-error"]
    );
    assert!(rules_for("serial.example.zone").contains(&"syntax-error"));
    assert!(rules_for("quote.example.zone").contains(&"syntax-error"));
    assert!(rules_for("generate.example.zone").contains(&"syntax-error"));
    assert!(rules_for("include-self.example.zone").contains(&"include-unresolved"));
    assert!(rules_for("parens.example.zone").contains(&"syntax-error"));
    assert_eq!(rules_for("bytes.example.zone"), ["file-unreadable"]);
    assert!(
        rules_for("latin.example.zone").is_empty(),
        "{:?}",
        rules_for("latin.example.zone")
    );
    assert!(rules_for("many.example.zone").is_empty());
    let many = report
        .zones
        .iter()
        .find(|z| z.origin.to_string() == "many.example")
        .unwrap();
    assert_eq!(many.records.len(), 100_003);
}

#[test]
fn checked_files_are_left_byte_identical() {
    // Every fixture of the rule tests, copied, checked with every output, compared after.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let dir = tempfile::tempdir().unwrap();
    let mut before = Vec::new();
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).unwrap().to_path_buf();
        let dest = dir.path().join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &dest).unwrap();
        let meta = std::fs::metadata(&dest).unwrap();
        before.push((rel, std::fs::read(&dest).unwrap(), meta.modified().unwrap()));
    }
    let report = check_dir(dir.path());
    for f in [
        zonelint::output::json::render,
        zonelint::output::sarif::render,
        zonelint::output::github::render,
        zonelint::output::concise::render,
    ] {
        assert!(!f(&report).is_empty());
    }
    for (rel, bytes, mtime) in before {
        let p = dir.path().join(&rel);
        assert_eq!(
            std::fs::read(&p).unwrap(),
            bytes,
            "{} changed",
            rel.display()
        );
        assert_eq!(
            std::fs::metadata(&p).unwrap().modified().unwrap(),
            mtime,
            "{} touched",
            rel.display()
        );
    }
    let mut after: Vec<_> = walk(dir.path())
        .into_iter()
        .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
        .collect();
    let mut want: Vec<_> = walk(&src)
        .into_iter()
        .map(|p| p.strip_prefix(&src).unwrap().to_path_buf())
        .collect();
    after.sort();
    want.sort();
    assert_eq!(after, want, "no file created or removed");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v
}

#[test]
fn the_run_reads_no_more_than_its_total_limit() {
    let dir = tempfile::tempdir().unwrap();
    let zone = "$TTL 3600\n@ IN SOA ns1 hostmaster ( 1 7200 3600 1209600 3600 )\n  IN NS ns1\n  IN NS ns2.example.net.\nns1 IN A 192.0.2.1\n";
    for name in ["db.a.example", "db.b.example", "db.c.example"] {
        std::fs::write(dir.path().join(name), zone).unwrap();
    }
    let mut opts = zonelint::Options::default();
    // Room for two of the three files.
    opts.load.max_total_size = Some(2 * zone.len() as u64 + 10);
    let report = zonelint::check(&[dir.path().to_path_buf()], &opts);
    let refused: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "file-unreadable" && d.message.contains("--max-total-size"))
        .collect();
    assert_eq!(refused.len(), 1, "{:?}", report.diagnostics);
}
