//! A zone file large enough to be read in parallel parts (4 MiB and more) reads exactly
//! as it does in one piece: the same records, owners, spans, relative names and findings,
//! whatever the thread count. The file mixes what the split pre-scan must follow:
//! `$ORIGIN` and `$TTL` changes, entries over several lines in parentheses, quoted
//! parentheses and semicolons, comments with parentheses, escaped newlines inside
//! quotes, blank owners, and syntax errors.

use std::fmt::Write;

fn zone_text() -> String {
    let mut s = String::from("$ORIGIN example.com.\n$TTL 3600\n");
    s.push_str("@ SOA ns1 hostmaster ( 1 7200 3600\n  1209600 ; expire (two weeks)\n  300 )\n");
    s.push_str("@ NS ns1\n@ NS ns2.example.net.\nns1 A 192.0.2.1\n");
    let mut i = 0u32;
    while s.len() < 5 << 20 {
        match i % 97 {
            0 => writeln!(s, "$ORIGIN sub{}.example.com.", i / 97).unwrap(),
            13 => writeln!(s, "$TTL {}", 300 + i % 1000).unwrap(),
            29 => writeln!(
                s,
                "h{i} TXT ( \"a (quoted) paren ; not a comment\"\n\"second\" )"
            )
            .unwrap(),
            31 => writeln!(
                s,
                "h{i} TXT \"escaped newline \\\n( inside )\" ; trailing ("
            )
            .unwrap(),
            37 => writeln!(
                s,
                "; a comment line with ( a parenthesis\nh{i} A 192.0.2.{}",
                i % 250
            )
            .unwrap(),
            41 => writeln!(s, "h{i} MX 10 mail{i}\n   AAAA 2001:db8::{:x}", i % 65535).unwrap(),
            53 => writeln!(s, "h{i} A 300.1.2.3").unwrap(),
            59 => writeln!(s, "h{i} SRV 0 5 ( 5060\n  sip{i} )").unwrap(),
            // Continuation lines at the start of the line, where a careless split
            // would take them for owners.
            n if n % 2 == 0 => writeln!(s, "h{i} 600 IN MX ( 10\nmail{i} )").unwrap(),
            _ => writeln!(s, "h{i} 600 IN A 198.51.100.{}\nh{i} CNAME-BAD", i % 250).unwrap(),
        }
        i += 1;
    }
    s
}

/// Everything the reader produced, in a form that compares.
fn summary(threads: usize, path: &std::path::Path) -> Vec<String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    // The origin comes from the file name.
    let opts = zonelint::Options::default();
    let report = pool.install(|| zonelint::check(&[path.to_path_buf()], &opts));
    let mut out = Vec::new();
    for z in &report.zones {
        for r in &z.records {
            out.push(format!(
                "{} {} {} {} {} {:?} {:?} {:?} {:?}",
                z.owner_name(r),
                r.rtype,
                r.class,
                r.ttl,
                r.ttl_explicit,
                r.span,
                r.owner_span(),
                r.rdata_span,
                r.data
            ));
        }
        for w in &z.relative_names {
            out.push(format!(
                "rel {} {:?} {:?} {}",
                w.record, w.span, w.field, z.origins[w.origin as usize]
            ));
        }
        out.push(format!("owners {}", z.owners.len()));
    }
    for d in &report.diagnostics {
        out.push(format!("{d:?}"));
    }
    out
}

#[test]
fn parallel_parts_read_as_one_piece() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.com.zone");
    std::fs::write(&path, zone_text()).unwrap();
    let one = summary(1, &path);
    assert!(one.len() > 100_000, "{} lines", one.len());
    assert!(
        one.iter().any(|l| l.contains("300.1.2.3")),
        "the syntax errors are there"
    );
    for threads in [2, 3, 8] {
        let many = summary(threads, &path);
        assert_eq!(one.len(), many.len(), "{threads} threads");
        for (a, b) in one.iter().zip(&many) {
            assert_eq!(a, b, "{threads} threads");
        }
    }
}
