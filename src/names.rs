//! Small helpers on domain names.

use crate::zone::DName;

/// A name as operators write it in zone files: absolute, with the trailing dot.
pub fn fmt_name(n: &DName) -> String {
    if n.is_root() {
        ".".into()
    } else {
        format!("{n}.")
    }
}

use crate::tlds::TLDS;

/// The generic TLDs delegated before the 2012 round. The newer ones (`xyz`, `abc`,
/// `app`, `host`, `cloud`, …) are also everyday words that operators use as relative
/// labels (`a.ns.xyz`, `*.ns.abc` in Knot's valid test zones), so they are not taken as
/// the sign of a lost dot.
const LEGACY_GTLDS: &[&str] = &[
    "aero", "arpa", "asia", "biz", "cat", "com", "coop", "edu", "gov", "info", "int", "jobs",
    "mil", "mobi", "museum", "name", "net", "org", "post", "pro", "tel", "travel",
];

/// Whether a label is a top-level domain a lost trailing dot is judged by: any
/// country-code TLD (every two-letter TLD of the root zone, from the generated list in
/// [`crate::tlds`]), any IDN TLD, and the generic TLDs of [`LEGACY_GTLDS`].
pub fn is_well_known_tld(label: &[u8]) -> bool {
    // A label has 63 octets at most.
    let mut buf = [0u8; 63];
    let Some(lower) = buf.get_mut(..label.len()) else {
        return false;
    };
    for (d, s) in lower.iter_mut().zip(label) {
        *d = s.to_ascii_lowercase();
    }
    let lower: &[u8] = lower;
    let in_root = TLDS.binary_search_by(|t| t.as_bytes().cmp(lower)).is_ok();
    in_root
        && (lower.len() == 2
            || lower.starts_with(b"xn--")
            || LEGACY_GTLDS.iter().any(|g| g.as_bytes() == lower))
}

/// Whether a label is a TLD of the root zone (the full generated list).
pub fn is_root_zone_tld(label: &[u8]) -> bool {
    let lower = label.to_ascii_lowercase();
    TLDS.binary_search_by(|t| t.as_bytes().cmp(&lower)).is_ok()
}

/// Reverse zones of address ranges no one outside a site reaches: RFC 1918, loopback,
/// link-local, shared (RFC 6598), unique-local IPv6 (RFC 4193) and IPv6 link-local.
const INTERNAL_REVERSE: &[&str] = &[
    "10.in-addr.arpa.",
    "127.in-addr.arpa.",
    "254.169.in-addr.arpa.",
    "168.192.in-addr.arpa.",
    "c.f.ip6.arpa.",
    "d.f.ip6.arpa.",
    "8.e.f.ip6.arpa.",
    "9.e.f.ip6.arpa.",
    "a.e.f.ip6.arpa.",
    "b.e.f.ip6.arpa.",
];

/// Whether a zone is internal to a site: the resolvers of the Internet never reach it,
/// so advice about serving it to them (a second name server on another network) does
/// not apply. `localhost`, names under a TLD the root zone does not have (`.lan`,
/// `.internal`, `.local`, `.test`), `home.arpa.` (RFC 8375), and the reverse zones of
/// private, loopback, link-local and shared address ranges.
pub fn is_internal_zone(origin: &DName) -> bool {
    use domain::base::name::ToLabelIter;
    let labels: Vec<&[u8]> = origin
        .iter_labels()
        .filter(|l| !l.is_root())
        .map(|l| l.as_slice())
        .collect();
    let Some(tld) = labels.last() else {
        return false; // the root
    };
    if !is_root_zone_tld(tld) {
        return true;
    }
    let text = fmt_name(origin).to_ascii_lowercase();
    let under = |suffix: &str| text == suffix || text.ends_with(&format!(".{suffix}"));
    if under("home.arpa.") || INTERNAL_REVERSE.iter().any(|r| under(r)) {
        return true;
    }
    // 172.16.0.0/12 and 100.64.0.0/10, by their second octet.
    let second = |first: &str, range: std::ops::RangeInclusive<u8>| {
        labels.len() >= 4
            && labels[labels.len() - 3].eq_ignore_ascii_case(first.as_bytes())
            && std::str::from_utf8(labels[labels.len() - 4])
                .ok()
                .and_then(|o| o.parse::<u8>().ok())
                .is_some_and(|o| range.contains(&o))
            && text.ends_with(".in-addr.arpa.")
    };
    second("172", 16..=31) || second("100", 64..=127)
}

/// A case-insensitive hash of a name's wire form (FxHash over the lowercased octets).
pub fn name_hash(n: &DName) -> u64 {
    wire_hash(n.as_slice())
}

/// [`name_hash`] of a name in wire form (a suffix of a name's octets is its ancestor).
/// Whether a name (wire form) could be an IP address written where a name belongs: its
/// first label is a number, or a label holds a colon. Most names are neither; the
/// exact test is `target-is-address`'s.
pub fn may_be_ip_literal(wire: &[u8]) -> bool {
    let first = &wire[1..1 + wire[0] as usize];
    wire.contains(&b':') || (!first.is_empty() && first.iter().all(u8::is_ascii_digit))
}

pub fn wire_hash(wire: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut buf = [0u8; 255];
    let len = wire.len().min(255);
    for (d, s) in buf[..len].iter_mut().zip(wire) {
        *d = s.to_ascii_lowercase();
    }
    let mut h = FxHasher::default();
    h.write(&buf[..len]);
    h.finish()
}

/// FxHash (the hasher of rustc): a multiply-rotate hash, fast for short keys. Names in
/// a zone file are not attacker-chosen hash-flooding input worth SipHash's cost: the
/// worst case is a slow run, not a security boundary.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `*.<name>`.
pub fn wildcard_child(n: &DName) -> Option<DName> {
    let mut wire = Vec::with_capacity(n.len() + 2);
    wire.extend_from_slice(&[1, b'*']);
    wire.extend_from_slice(n.as_slice());
    DName::from_octets(bytes::Bytes::from(wire)).ok()
}

/// Whether a relative name, as written (`written` is its labels with the root appended),
/// looks like an absolute name whose trailing dot was lost: it already ends with one of
/// the origins, or it has three or more labels and ends in a well-known TLD. Returns the
/// reason.
pub fn lost_dot(written: &DName, origins: &[&DName]) -> Option<&'static str> {
    use domain::base::name::ToLabelIter;
    let labels = written.label_count() - 1;
    for o in origins {
        // In a single-label zone (`example.`), a lone `example` is more likely a test
        // zone's own label than a lost dot.
        if o.label_count() == 2 && written.label_count() == 2 {
            continue;
        }
        if !o.is_root() && written.ends_with(*o) {
            return Some(": the written name already ends with the origin");
        }
    }
    if labels >= 3 {
        let last = written.iter_labels().nth(labels - 1)?;
        if is_well_known_tld(last.as_slice()) {
            return Some(": it looks like a fully qualified name");
        }
    }
    None
}

/// Whether a name written relative (`raw`, as in the file) could be a lost trailing dot
/// at all: it has a dot inside, or the origin in effect or the zone's apex has a single
/// label (where a lone label may be a name meant absolute). A single label under a
/// deeper origin is the everyday, correct case. The reader keeps only these names for
/// `missing-trailing-dot`, which judges them further with [`lost_dot`].
///
/// Beyond that, the test `lost_dot` makes needs the written name's last label to be the
/// last label of the origin or of the apex (to end with it) or a well-known TLD: a name
/// whose last label is neither cannot be judged a lost dot, and is not kept. On escaped
/// text (`\.`, `\097`) the last label is not worked out here: such names are kept.
pub fn lost_dot_candidate(raw: &[u8], origin: &DName, apex: &DName) -> bool {
    if !(raw.contains(&b'.') || at_most_one_label(origin) || at_most_one_label(apex)) {
        return false;
    }
    if raw.contains(&b'\\') {
        return true;
    }
    let last = raw.rsplit(|&b| b == b'.').next().unwrap_or(raw);
    [origin, apex]
        .iter()
        .any(|o| last_label(o).is_some_and(|l| l.eq_ignore_ascii_case(last)))
        || is_well_known_tld(last)
}

/// Whether a name is the root or has a single label (O(1) on the wire form).
fn at_most_one_label(n: &DName) -> bool {
    let w = n.as_slice();
    w.len() == 1 || w[0] as usize + 2 == w.len()
}

/// The last label before the root (`None` for the root).
fn last_label(n: &DName) -> Option<&[u8]> {
    let w = n.as_slice();
    let mut i = 0;
    let mut last = None;
    while let Some(&len) = w.get(i).filter(|&&l| l != 0) {
        let len = len as usize;
        last = w.get(i + 1..i + 1 + len);
        i += 1 + len;
    }
    last
}

/// For a name inside `origin`: whether it is what a lost trailing dot produces
/// (`mail.example.com.example.com.`), so that rules about the expanded name can leave
/// the finding to `missing-trailing-dot`.
pub fn expanded_by_lost_dot(name: &DName, origin: &DName) -> bool {
    if origin.is_root() || !name.ends_with(origin) || name == origin {
        return false;
    }
    let keep = name.len() - origin.len();
    let mut wire = name.as_slice()[..keep].to_vec();
    wire.push(0);
    match DName::from_octets(bytes::Bytes::from(wire)) {
        Ok(written) => lost_dot(&written, &[origin]).is_some(),
        Err(_) => false,
    }
}

/// Whether a name is `in-addr.arpa.` or `ip6.arpa.`, or below one of them.
pub fn in_reverse_tree(name: &DName) -> bool {
    let w = name.as_slice();
    wire_ends_with(w, b"\x07in-addr\x04arpa\x00") || wire_ends_with(w, b"\x03ip6\x04arpa\x00")
}

/// Whether `name` is `suffix` or below it, compared on the wire forms: the suffix must
/// match case-insensitively and start at a label boundary. (Walking the length octets
/// from the front costs less than `domain`'s label iteration from the back.)
pub fn ends_with(name: &DName, suffix: &DName) -> bool {
    wire_ends_with(name.as_slice(), suffix.as_slice())
}

/// [`ends_with`] on wire forms.
fn wire_ends_with(n: &[u8], s: &[u8]) -> bool {
    if s.len() > n.len() {
        return false;
    }
    let start = n.len() - s.len();
    if !n[start..].eq_ignore_ascii_case(s) {
        return false;
    }
    let mut i = 0;
    while i < start {
        i += 1 + n[i] as usize;
    }
    i == start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::text::parse_name;
    fn n(s: &str) -> DName {
        parse_name(s.as_bytes(), &DName::root_bytes()).unwrap().0
    }
    #[test]
    fn reverse_tree() {
        assert!(in_reverse_tree(&n("1.2.0.192.in-addr.arpa.")));
        assert!(in_reverse_tree(&n("IP6.ARPA.")));
        assert!(!in_reverse_tree(&n("xin-addr.arpa.")));
        assert!(!in_reverse_tree(&n("example.com.")));
    }
    #[test]
    fn suffixes() {
        assert!(ends_with(&n("www.example.com."), &n("example.com.")));
        assert!(ends_with(&n("Example.COM."), &n("example.com.")));
        assert!(ends_with(&n("example.com."), &n(".")));
        assert!(!ends_with(&n("wwwexample.com."), &n("example.com.")));
        assert!(!ends_with(&n("com."), &n("example.com.")));
        // A label whose text ends like the suffix's wire form is no match.
        assert!(!ends_with(&n("a\\007example\\003com."), &n("example.com.")));
    }
    #[test]
    fn internal_zones() {
        for z in [
            "localhost.",
            "corp.lan.",
            "example.internal.",
            "printer.home.arpa.",
            "10.in-addr.arpa.",
            "1.168.192.in-addr.arpa.",
            "20.172.in-addr.arpa.",
            "70.100.in-addr.arpa.",
            "0.0.0.0.d.f.ip6.arpa.",
            "example.",
        ] {
            assert!(is_internal_zone(&n(z)), "{z}");
        }
        for z in [
            ".",
            "example.com.",
            "2.0.192.in-addr.arpa.",
            "32.172.in-addr.arpa.",
            "8.b.d.0.1.0.0.2.ip6.arpa.",
            "arpa.",
        ] {
            assert!(!is_internal_zone(&n(z)), "{z}");
        }
    }
    #[test]
    fn tlds_sorted_lowercase() {
        assert!(TLDS.windows(2).all(|w| w[0] < w[1]));
        assert!(TLDS
            .iter()
            .all(|t| *t == t.to_ascii_lowercase() && t.len() <= 63));
        // The full list: newer generic and IDN TLDs too.
        assert!(is_well_known_tld(b"io") && is_well_known_tld(b"xn--fiqs8s"));
        assert!(!is_well_known_tld(b"lan") && !is_well_known_tld(b"internal"));
        // A two-letter label that is no TLD, and a newer gTLD that is a common word.
        assert!(!is_well_known_tld(b"zz") && !is_well_known_tld(b"abc"));
        assert!(LEGACY_GTLDS.iter().all(|g| TLDS.contains(g)));
        assert!(
            is_well_known_tld(b"COM") && is_well_known_tld(b"de") && is_well_known_tld(b"arpa")
        );
        assert!(
            !is_well_known_tld(b"xyz") && !is_well_known_tld(b"") && !is_well_known_tld(b"comm")
        );
    }
    /// The reader keeps a relative name only if `lost_dot_candidate` says so: it must
    /// say so for every name `lost_dot` would judge a lost dot.
    #[test]
    fn candidates_cover_every_lost_dot() {
        let origins = [
            "example.com.",
            "Example.COM.",
            "sub.example.org.",
            "example.",
            ".",
        ];
        let written = [
            "mail.example.com",
            "MAIL.EXAMPLE.COM",
            "example.com",
            "a.b.de",
            "a.b.xyz",
            "www",
            "www.eu",
            "host.dc1",
            "x.sub.example.org",
            "example",
            "a.example",
            "mail.example.co\\109",
            "a\\.b.example.com",
            "ns1.dns-host-0.net",
            "x.y.z",
        ];
        for o in origins {
            for a in origins {
                let (o, a) = (n(o), n(a));
                for w in written {
                    let as_abs = parse_name(w.as_bytes(), &DName::root_bytes()).unwrap().0;
                    if lost_dot(&as_abs, &[&o, &a]).is_some() {
                        assert!(
                            lost_dot_candidate(w.as_bytes(), &o, &a),
                            "{w} under {o} / {a}"
                        );
                    }
                }
            }
        }
        // And it leaves out what cannot be one.
        assert!(!lost_dot_candidate(
            b"www.corp",
            &n("example.com."),
            &n("example.com.")
        ));
        assert!(!lost_dot_candidate(
            b"host.dc1",
            &n("example.com."),
            &n("example.com.")
        ));
        assert!(!lost_dot_candidate(
            b"www",
            &n("example.com."),
            &n("example.com.")
        ));
    }
}
