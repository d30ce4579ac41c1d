//! Every record keeps its exact data: each type of `testdata/types/every-type.zone`,
//! read by zonelint in presentation form and again in RFC 3597 `\#` form, gives the same
//! wire octets as BIND (`named-compilezone -F raw`), and the same canonical form both ways.

mod common;

use common::tool_present;
use std::collections::BTreeMap;
use std::process::Command;
use zonelint::zone::parser::read_zone_text;
use zonelint::zone::text::parse_name;
use zonelint::zone::{DName, Zone};

type Records = BTreeMap<(String, u16), Vec<Vec<u8>>>;

fn origin() -> DName {
    parse_name(b"example.", &DName::root_bytes()).unwrap().0
}

/// A wire name as lowercase text with a final dot.
fn name_text(wire: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while wire[i] != 0 {
        let l = wire[i] as usize;
        for &b in &wire[i + 1..i + 1 + l] {
            out.push(b.to_ascii_lowercase() as char);
        }
        out.push('.');
        i += 1 + l;
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// BIND's raw zone format (lib/dns/masterdump.c): a 24-octet header, then per RRset its
/// length, class, type, covered type, TTL, record count, owner, and each RDATA with its
/// length.
fn read_raw(raw: &[u8]) -> Records {
    let be16 = |b: &[u8], i: usize| u16::from_be_bytes([b[i], b[i + 1]]) as usize;
    let be32 =
        |b: &[u8], i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    assert_eq!(be32(raw, 0), 2, "not BIND's raw format");
    let mut out = Records::new();
    let mut i = 24;
    while i < raw.len() {
        let total = be32(raw, i);
        let rtype = be16(raw, i + 6) as u16;
        let count = be32(raw, i + 14);
        let nlen = be16(raw, i + 18);
        let owner = name_text(&raw[i + 20..i + 20 + nlen]);
        let mut j = i + 20 + nlen;
        let mut set = Vec::new();
        for _ in 0..count {
            let len = be16(raw, j);
            set.push(raw[j + 2..j + 2 + len].to_vec());
            j += 2 + len;
        }
        set.sort();
        out.insert((owner, rtype), set);
        i += total;
    }
    out
}

fn records(zone: &Zone, canonical: bool) -> Records {
    let mut out = Records::new();
    for r in &zone.records {
        let mut w = Vec::new();
        if canonical {
            r.data.compose_canonical(&mut w);
        } else {
            r.data.compose_wire(&mut w);
        }
        let owner = name_text(zone.owner_name(r).as_slice());
        out.entry((owner, r.rtype.to_int())).or_default().push(w);
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn every_type_keeps_its_wire_form_as_bind_reads_it() {
    if !tool_present("named-compilezone", "-v") {
        return;
    }
    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/types/every-type.zone"
    );
    let dir = tempfile::tempdir().unwrap();
    let raw_path = dir.path().join("every.raw");
    let out = Command::new("named-compilezone")
        .args(["-q", "-i", "none", "-F", "raw", "-o"])
        .arg(&raw_path)
        .args(["example", src])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "named-compilezone: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bind = read_raw(&std::fs::read(&raw_path).unwrap());
    assert!(
        bind.len() >= 65,
        "only {} RRsets read from BIND",
        bind.len()
    );

    let text = std::fs::read(src).unwrap();
    let zone = read_zone_text(&text, &origin());
    assert!(
        zone.reader_findings.is_empty(),
        "reader findings: {:?}",
        zone.reader_findings
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    assert!(
        zone.records.iter().all(|r| r.data.is_read()),
        "a record kept without data"
    );
    let ours = records(&zone, false);
    let mut faults = Vec::new();
    for (key, want) in &bind {
        match ours.get(key) {
            Some(got) if got == want => {}
            got => faults.push(format!(
                "{} type {}: BIND {:?}, zonelint {:?}",
                key.0,
                key.1,
                want.iter().map(|w| hex(w)).collect::<Vec<_>>(),
                got.map(|g| g.iter().map(|w| hex(w)).collect::<Vec<_>>())
            )),
        }
    }
    assert_eq!(ours.len(), bind.len(), "RRset counts differ");
    assert!(
        faults.is_empty(),
        "wire forms differ:\n{}",
        faults.join("\n")
    );

    // The same records in RFC 3597 form read back to the same octets and canonical form.
    let mut generic = String::from("$TTL 3600\n");
    for ((owner, rtype), set) in &bind {
        for rd in set {
            generic.push_str(&format!(
                "{owner} IN TYPE{rtype} \\# {} {}\n",
                rd.len(),
                hex(rd)
            ));
        }
    }
    let zone2 = read_zone_text(generic.as_bytes(), &origin());
    assert!(
        zone2.reader_findings.is_empty(),
        "reader findings in the generic form: {:?}",
        zone2
            .reader_findings
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        records(&zone2, false),
        bind,
        "generic form read to other octets"
    );
    assert_eq!(
        records(&zone2, true),
        records(&zone, true),
        "canonical forms differ between presentation and generic form"
    );
}

#[test]
fn canonical_form_lowercases_the_names_rfc_4034_lists() {
    let text = b"$TTL 60\n\
        a AFSDB 1 AFS.Example.\n\
        b KX 10 KX.Example.\n\
        c RT 0 Host.Example.\n\
        d PX 10 Net2.Example. PRMD-net2.ADMD-p400.C-gb.\n\
        e TYPE36 \\# 14 000a024b5807457861 6d706c6500\n\
        f LP 10 L64-Subnet.Example.\n";
    let zone = read_zone_text(text, &origin());
    assert!(zone.reader_findings.is_empty());
    for r in &zone.records {
        let mut w = Vec::new();
        r.data.compose_canonical(&mut w);
        let lower = w.to_ascii_lowercase();
        // LP is not in the RFC 4034 §6.2 list: its name keeps its case.
        if r.rtype == domain::base::iana::Rtype::LP {
            assert_ne!(w, lower);
        } else {
            assert_eq!(w, lower, "{} not lowercased", r.rtype);
        }
    }
}
