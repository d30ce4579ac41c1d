//! Presentation format of the RR types that `domain` 0.12 cannot read from text (A6,
//! AFSDB, AMTRELAY, APL, ATMA, AVC, CERT, CSYNC, DHCID, DLV, DOA, DSYNC, EID, EUI48,
//! EUI64, GPOS, HIP, ISDN, KEY, KX, L32, L64, LOC, LP, NID, NIMLOC, NINFO, NSAP,
//! NSAP-PTR, PX, RESINFO, RKEY, RT, SINK, SMIMEA, TA, TALINK, URI, WALLET, WKS, X25).
//!
//! Each record is validated field by field, as BIND does, so a malformed record is a
//! `syntax-error` at the field, and **encoded into its exact wire form** (RFC 3597
//! unknown-type data), so that signatures, ZONEMD digests and duplicate detection see
//! every octet: a record kept without its data makes a valid signature look invalid.
//! [`canonicalize`] lowercases the embedded names of the types RFC 4034 §6.2 lists
//! (AFSDB, RT, PX, KX, A6), which `domain` cannot do for data it keeps as octets.

use super::lexer::Token;
use super::model::DName;
use super::text::{parse_name, unescape};
use domain::base::iana::Rtype;
use std::str::FromStr;

/// A fault: the token index (`None`: a field is missing at the end) and a message.
pub type Fault = (Option<usize>, String);

/// A record's data in wire form, and the names in it that were written relative (token
/// index, name field number), as the scanner reports them for `missing-trailing-dot`.
pub struct Encoded {
    pub wire: Vec<u8>,
    pub relative: Vec<(usize, u8)>,
}

struct Fields<'a> {
    text: &'a [u8],
    toks: &'a [Token],
    pos: usize,
    origin: &'a DName,
    out: Vec<u8>,
    names: u8,
    relative: Vec<(usize, u8)>,
}

impl<'a> Fields<'a> {
    fn more(&self) -> bool {
        self.pos < self.toks.len()
    }
    /// The next field's index and raw text (escapes left in).
    fn take(&mut self, what: &str) -> Result<(usize, &'a [u8]), Fault> {
        let t = self
            .toks
            .get(self.pos)
            .ok_or_else(|| (None, format!("the {what} is missing")))?;
        let i = self.pos;
        self.pos += 1;
        Ok((i, &self.text[t.content().range()]))
    }
    /// The next field's octets, escapes resolved.
    fn octets(&mut self, what: &str) -> Result<(usize, Vec<u8>), Fault> {
        let (i, text) = self.take(what)?;
        let raw = unescape(text).map_err(|m| (Some(i), m.to_string()))?;
        Ok((i, raw))
    }
    fn next(&mut self, what: &str) -> Result<(usize, String), Fault> {
        let (i, raw) = self.octets(what)?;
        Ok((i, String::from_utf8_lossy(&raw).into_owned()))
    }
    fn num<T: FromStr>(&mut self, what: &str, max: &str) -> Result<T, Fault> {
        let (i, s) = self.next(what)?;
        s.parse::<T>().map_err(|_| {
            (
                Some(i),
                format!("the {what} `{s}` must be a number from 0 to {max}"),
            )
        })
    }
    fn u8(&mut self, what: &str) -> Result<u8, Fault> {
        let v = self.num::<u8>(what, "255")?;
        self.out.push(v);
        Ok(v)
    }
    fn u16(&mut self, what: &str) -> Result<u16, Fault> {
        let v = self.num::<u16>(what, "65535")?;
        self.out.extend_from_slice(&v.to_be_bytes());
        Ok(v)
    }
    fn u32(&mut self, what: &str) -> Result<u32, Fault> {
        let v = self.num::<u32>(what, "4294967295")?;
        self.out.extend_from_slice(&v.to_be_bytes());
        Ok(v)
    }
    /// A domain name, written uncompressed and with its case kept.
    fn name(&mut self, what: &str) -> Result<(), Fault> {
        let (i, text) = self.take(what)?;
        let (name, relative) = parse_name(text, self.origin)
            .map_err(|e| (Some(i), format!("invalid {what}: {}", e.message())))?;
        if relative && text != b"@" {
            self.relative.push((i, self.names));
        }
        self.names += 1;
        self.out.extend_from_slice(name.as_slice());
        Ok(())
    }
    /// A character string (RFC 1035 §3.3): a length octet and at most 255 octets.
    fn string(&mut self, what: &str) -> Result<(), Fault> {
        let (i, raw) = self.octets(what)?;
        if raw.len() > 255 {
            return Err((Some(i), format!("the {what} is longer than 255 octets")));
        }
        self.out.push(raw.len() as u8);
        self.out.extend_from_slice(&raw);
        Ok(())
    }
    /// The remaining fields joined, as base64 or hex data is written across tokens.
    fn joined(&mut self) -> Option<(usize, String)> {
        let first = self.pos;
        let mut s = String::new();
        while self.more() {
            if let Ok((_, part)) = self.next("field") {
                s.push_str(&part);
            }
        }
        (first < self.pos).then_some((first, s))
    }
    fn hex_rest(&mut self, what: &str, allow_empty: bool) -> Result<(), Fault> {
        let Some((i, joined)) = self.joined() else {
            return if allow_empty {
                Ok(())
            } else {
                Err((None, format!("the {what} is missing")))
            };
        };
        let bytes = hex(&joined).ok_or_else(|| {
            (
                Some(i),
                format!("the {what} is not an even number of hex digits"),
            )
        })?;
        self.out.extend_from_slice(&bytes);
        Ok(())
    }
    fn base64_rest(&mut self, what: &str, allow_empty: bool) -> Result<(), Fault> {
        let Some((i, joined)) = self.joined() else {
            return if allow_empty {
                Ok(())
            } else {
                Err((None, format!("the {what} is missing")))
            };
        };
        let bytes = domain::utils::base64::decode::<Vec<u8>>(&joined)
            .ok()
            .filter(|_| joined.len().is_multiple_of(4))
            .ok_or_else(|| (Some(i), format!("the {what} is not valid base64")))?;
        self.out.extend_from_slice(&bytes);
        Ok(())
    }
    fn end(&self) -> Result<(), Fault> {
        if self.more() {
            let t = &self.toks[self.pos];
            return Err((
                Some(self.pos),
                format!(
                    "unexpected data `{}` after the end of the record data",
                    String::from_utf8_lossy(&self.text[t.span.range()])
                ),
            ));
        }
        Ok(())
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Octets from hex digits (`None`: not hex, or an odd count).
fn hex(s: &str) -> Option<Vec<u8>> {
    if !is_hex(s) || !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// Hex groups of two digits joined by `-`: EUI48 (6 groups) and EUI64 (8 groups).
fn eui(f: &mut Fields, groups: usize) -> Result<(), Fault> {
    let (i, s) = f.next("address")?;
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != groups || !parts.iter().all(|g| g.len() == 2 && is_hex(g)) {
        return Err((
            Some(i),
            format!("`{s}` is not {groups} two-digit hex groups separated by '-'"),
        ));
    }
    for g in parts {
        f.out.extend(hex(g).unwrap_or_default());
    }
    Ok(())
}

/// DNSSEC algorithm numbers and their mnemonics (RFC 4034 Appendix A.1, IANA).
const ALGORITHMS: &[(&str, u8)] = &[
    ("RSAMD5", 1),
    ("DH", 2),
    ("DSA", 3),
    ("RSASHA1", 5),
    ("DSA-NSEC3-SHA1", 6),
    ("RSASHA1-NSEC3-SHA1", 7),
    ("RSASHA256", 8),
    ("RSASHA512", 10),
    ("ECC-GOST", 12),
    ("ECDSAP256SHA256", 13),
    ("ECDSAP384SHA384", 14),
    ("ED25519", 15),
    ("ED448", 16),
    ("INDIRECT", 252),
    ("PRIVATEDNS", 253),
    ("PRIVATEOID", 254),
];

/// A number or a mnemonic from `table`, written as one octet.
fn mnemonic_u8(f: &mut Fields, what: &str, table: &[(&str, u8)]) -> Result<(), Fault> {
    let (i, s) = f.next(what)?;
    let v = s.parse::<u8>().ok().or_else(|| {
        table
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&s))
            .map(|&(_, v)| v)
    });
    match v {
        Some(v) => {
            f.out.push(v);
            Ok(())
        }
        None => Err((Some(i), format!("unknown {what} `{s}`"))),
    }
}

fn algorithm(f: &mut Fields) -> Result<(), Fault> {
    mnemonic_u8(f, "algorithm", ALGORITHMS)
}

/// A record type by mnemonic or `TYPEnnn`, written as two octets.
fn type_field(f: &mut Fields, what: &str) -> Result<Rtype, Fault> {
    let (i, s) = f.next(what)?;
    let t = parse_type(&s).ok_or_else(|| (Some(i), format!("unknown type `{s}` in the {what}")))?;
    f.out.extend_from_slice(&t.to_int().to_be_bytes());
    Ok(t)
}

fn parse_type(s: &str) -> Option<Rtype> {
    if s.eq_ignore_ascii_case("NSAP-PTR") {
        return Some(Rtype::NSAPPTR);
    }
    Rtype::from_str(s).ok()
}

/// A type bitmap (RFC 4034 §4.1.2, also CSYNC's): windows of up to 32 octets.
fn type_bitmap(f: &mut Fields) -> Result<(), Fault> {
    let mut types = Vec::new();
    while f.more() {
        let (i, s) = f.next("type")?;
        let t = parse_type(&s)
            .ok_or_else(|| (Some(i), format!("unknown type `{s}` in the type list")))?;
        types.push(t.to_int());
    }
    types.sort_unstable();
    types.dedup();
    let mut k = 0;
    while k < types.len() {
        let window = (types[k] >> 8) as u8;
        let mut bits = [0u8; 32];
        let mut len = 0;
        while k < types.len() && (types[k] >> 8) as u8 == window {
            let low = (types[k] & 0xFF) as usize;
            bits[low / 8] |= 0x80 >> (low % 8);
            len = low / 8 + 1;
            k += 1;
        }
        f.out.push(window);
        f.out.push(len as u8);
        f.out.extend_from_slice(&bits[..len]);
    }
    Ok(())
}

/// A 64-bit locator or node id: four groups of one to four hex digits (RFC 6742 §2.3
/// writes four; named loads `0:0:0:1`, leading zeros left out).
fn locator64(f: &mut Fields, what: &str) -> Result<(), Fault> {
    let (i, s) = f.next(what)?;
    let groups: Vec<&str> = s.split(':').collect();
    if groups.len() != 4
        || !groups
            .iter()
            .all(|g| (1..=4).contains(&g.len()) && is_hex(g))
    {
        return Err((
            Some(i),
            format!("the {what} `{s}` must be four groups of up to four hex digits"),
        ));
    }
    for g in groups {
        let v = u16::from_str_radix(g, 16).unwrap_or(0);
        f.out.extend_from_slice(&v.to_be_bytes());
    }
    Ok(())
}

/// A LOC size or precision in centimetres as RFC 1876 §2 writes it: a digit and a power
/// of ten in one octet (`0x12` is 1 × 10² cm).
fn loc_precision(cm: u64) -> u8 {
    let (mut m, mut e) = (cm, 0u8);
    while m >= 10 && e < 9 {
        m /= 10;
        e += 1;
    }
    ((m.min(9) as u8) << 4) | e
}

/// LOC, RFC 1876 §3.
fn loc(f: &mut Fields) -> Result<(), Fault> {
    /// Degrees, minutes, seconds and hemisphere, in thousandths of an arc second from
    /// the equator or the prime meridian, offset by 2^31.
    fn coord(f: &mut Fields, max_deg: u32, hemis: [&str; 2], what: &str) -> Result<u32, Fault> {
        let (i, d) = f.next(what)?;
        let deg: u32 = d.parse().map_err(|_| {
            (
                Some(i),
                format!("the {what} degrees `{d}` must be a number"),
            )
        })?;
        if deg > max_deg {
            return Err((
                Some(i),
                format!("the {what} degrees {deg} exceed {max_deg}"),
            ));
        }
        let mut ms = deg as i64 * 3_600_000;
        for part in ["minutes", "seconds", "hemisphere"] {
            let (j, s) = f.next(what)?;
            if let Some(h) = hemis.iter().position(|h| h.eq_ignore_ascii_case(&s)) {
                let signed = if h == 0 { ms } else { -ms };
                return Ok((signed + (1i64 << 31)) as u32);
            }
            let value = match part {
                "minutes" => s
                    .parse::<u32>()
                    .ok()
                    .filter(|&m| m < 60)
                    .map(|m| m as i64 * 60_000),
                "seconds" => s
                    .parse::<f64>()
                    .ok()
                    .filter(|x| (0.0..60.0).contains(x))
                    .map(|x| (x * 1000.0).round() as i64),
                _ => None,
            };
            let Some(v) = value else {
                return Err((
                    Some(j),
                    format!(
                        "`{s}` is not valid {what} {part} (expected {} or {})",
                        hemis[0], hemis[1]
                    ),
                ));
            };
            ms += v;
        }
        Err((None, format!("the {what} hemisphere is missing")))
    }
    let lat = coord(f, 90, ["N", "S"], "latitude")?;
    let lon = coord(f, 180, ["E", "W"], "longitude")?;
    let meters = |s: &str| s.strip_suffix(['m', 'M']).unwrap_or(s).parse::<f64>().ok();
    let (i, alt) = f.next("altitude")?;
    let alt_cm = match meters(&alt) {
        Some(a) if (-100000.0..=42849672.95).contains(&a) => {
            (a * 100.0).round() as i64 + 10_000_000
        }
        _ => return Err((Some(i), format!("invalid altitude `{alt}`"))),
    };
    // Defaults: size 1 m, horizontal precision 10 km, vertical precision 10 m.
    let mut precision = [100u64, 1_000_000, 1_000];
    for (k, what) in ["size", "horizontal precision", "vertical precision"]
        .into_iter()
        .enumerate()
    {
        if !f.more() {
            break;
        }
        let (i, v) = f.next(what)?;
        match meters(&v) {
            Some(x) if (0.0..=90000000.0).contains(&x) => precision[k] = (x * 100.0).round() as u64,
            _ => return Err((Some(i), format!("invalid {what} `{v}`"))),
        }
    }
    f.out.push(0);
    f.out.extend(precision.map(loc_precision));
    f.out.extend_from_slice(&lat.to_be_bytes());
    f.out.extend_from_slice(&lon.to_be_bytes());
    f.out.extend_from_slice(&(alt_cm as u32).to_be_bytes());
    Ok(())
}

/// APL, RFC 3123 §4: family, prefix, negation and the address without trailing zeros.
fn apl(f: &mut Fields) -> Result<(), Fault> {
    while f.more() {
        let (i, item) = f.next("APL item")?;
        let negated = item.starts_with('!');
        let body = item.strip_prefix('!').unwrap_or(&item);
        let parsed = body.split_once(':').and_then(|(afi, rest)| {
            let (addr, prefix) = rest.split_once('/')?;
            let prefix: u8 = prefix.parse().ok()?;
            match afi {
                "1" => {
                    let a = addr.parse::<std::net::Ipv4Addr>().ok()?;
                    (prefix <= 32).then(|| (1u16, prefix, a.octets().to_vec()))
                }
                "2" => {
                    let a = addr.parse::<std::net::Ipv6Addr>().ok()?;
                    (prefix <= 128).then(|| (2u16, prefix, a.octets().to_vec()))
                }
                _ => None,
            }
        });
        let Some((afi, prefix, mut addr)) = parsed else {
            return Err((
                Some(i),
                format!("`{item}` is not an APL item ([!]afi:address/prefix)"),
            ));
        };
        while addr.last() == Some(&0) {
            addr.pop();
        }
        f.out.extend_from_slice(&afi.to_be_bytes());
        f.out.push(prefix);
        f.out.push(((negated as u8) << 7) | addr.len() as u8);
        f.out.extend_from_slice(&addr);
    }
    Ok(())
}

/// A6, RFC 2874 §3.1: prefix length, the address bits below it, the prefix's name.
fn a6(f: &mut Fields) -> Result<(), Fault> {
    let (i, s) = f.next("prefix length")?;
    let prefix = s.parse::<u8>().ok().filter(|&p| p <= 128).ok_or_else(|| {
        (
            Some(i),
            format!("the prefix length `{s}` must be from 0 to 128"),
        )
    })?;
    f.out.push(prefix);
    if prefix < 128 {
        let (j, a) = f.next("address suffix")?;
        let addr = a.parse::<std::net::Ipv6Addr>().map_err(|_| {
            (
                Some(j),
                format!("the address suffix `{a}` is not an IPv6 address"),
            )
        })?;
        let n = (128 - prefix as usize).div_ceil(8);
        f.out.extend_from_slice(&addr.octets()[16 - n..]);
    }
    if prefix > 0 {
        f.name("prefix name")?;
    }
    Ok(())
}

/// AMTRELAY, RFC 8777 §4.
fn amtrelay(f: &mut Fields) -> Result<(), Fault> {
    f.u8("precedence")?;
    let (i, d) = f.next("discovery optional bit")?;
    let dbit: u8 = match d.as_str() {
        "0" => 0,
        "1" => 1,
        _ => {
            return Err((
                Some(i),
                format!("the discovery optional bit `{d}` must be 0 or 1"),
            ))
        }
    };
    let (j, t) = f.next("relay type")?;
    let kind = t.parse::<u8>().ok().filter(|&k| k <= 127).ok_or_else(|| {
        (
            Some(j),
            format!("the relay type `{t}` must be from 0 to 127"),
        )
    })?;
    f.out.push((dbit << 7) | kind);
    match kind {
        0 => {
            // No relay: BIND writes `.` or nothing.
            if f.more() {
                let (k, r) = f.next("relay")?;
                if r != "." {
                    return Err((Some(k), "relay type 0 takes no relay (write `.`)".into()));
                }
            }
        }
        1 => {
            let (k, r) = f.next("relay")?;
            let a = r
                .parse::<std::net::Ipv4Addr>()
                .map_err(|_| (Some(k), format!("the relay `{r}` is not an IPv4 address")))?;
            f.out.extend_from_slice(&a.octets());
        }
        2 => {
            let (k, r) = f.next("relay")?;
            let a = r
                .parse::<std::net::Ipv6Addr>()
                .map_err(|_| (Some(k), format!("the relay `{r}` is not an IPv6 address")))?;
            f.out.extend_from_slice(&a.octets());
        }
        3 => f.name("relay")?,
        _ => f.hex_rest("relay", true)?,
    }
    Ok(())
}

/// HIP, RFC 8005 §5: `pk-algorithm HIT public-key [rendezvous-servers…]`.
fn hip(f: &mut Fields) -> Result<(), Fault> {
    let alg = f.num::<u8>("public key algorithm", "255")?;
    let (i, h) = f.next("HIT")?;
    let hit = hex(&h)
        .filter(|v| v.len() <= 255)
        .ok_or_else(|| (Some(i), format!("the HIT `{h}` is not hex")))?;
    let (j, k) = f.next("public key")?;
    let key = domain::utils::base64::decode::<Vec<u8>>(&k)
        .ok()
        .filter(|v| v.len() <= 65535)
        .ok_or_else(|| (Some(j), "the public key is not valid base64".to_string()))?;
    f.out.push(hit.len() as u8);
    f.out.push(alg);
    f.out.extend_from_slice(&(key.len() as u16).to_be_bytes());
    f.out.extend_from_slice(&hit);
    f.out.extend_from_slice(&key);
    while f.more() {
        f.name("rendezvous server")?;
    }
    Ok(())
}

/// WKS, RFC 1035 §3.4.2: address, protocol, a bitmap of ports. Service names are those
/// of the IANA registry that zone files use; `Ok(false)` for one not known here (the
/// record is then kept unread, as before, rather than refused).
fn wks(f: &mut Fields) -> Result<bool, Fault> {
    let (i, a) = f.next("address")?;
    let addr = a
        .parse::<std::net::Ipv4Addr>()
        .map_err(|_| (Some(i), format!("the address `{a}` is not an IPv4 address")))?;
    f.out.extend_from_slice(&addr.octets());
    let (j, p) = f.next("protocol")?;
    let proto = match p.to_ascii_lowercase().as_str() {
        "tcp" => 6,
        "udp" => 17,
        other => other
            .parse::<u8>()
            .map_err(|_| (Some(j), format!("unknown protocol `{p}`")))?,
    };
    f.out.push(proto);
    const SERVICES: &[(&str, u16)] = &[
        ("ftp-data", 20),
        ("ftp", 21),
        ("ssh", 22),
        ("telnet", 23),
        ("smtp", 25),
        ("domain", 53),
        ("http", 80),
        ("www", 80),
        ("kerberos", 88),
        ("pop3", 110),
        ("sunrpc", 111),
        ("nntp", 119),
        ("ntp", 123),
        ("imap", 143),
        ("snmp", 161),
        ("ldap", 389),
        ("https", 443),
        ("submission", 587),
        ("ldaps", 636),
        ("imaps", 993),
        ("pop3s", 995),
    ];
    let mut bitmap: Vec<u8> = Vec::new();
    while f.more() {
        let (_, s) = f.next("port")?;
        let port = match s.parse::<u16>() {
            Ok(p) => p,
            Err(_) => match SERVICES.iter().find(|(n, _)| n.eq_ignore_ascii_case(&s)) {
                Some(&(_, p)) => p,
                None => return Ok(false),
            },
        };
        let byte = port as usize / 8;
        if bitmap.len() <= byte {
            bitmap.resize(byte + 1, 0);
        }
        bitmap[byte] |= 0x80 >> (port % 8);
    }
    f.out.extend_from_slice(&bitmap);
    Ok(true)
}

/// Reads the data of a type `domain` cannot read into its wire form. `Ok(None)`: not a
/// type handled here (the record is kept unread).
pub fn encode(
    rtype: Rtype,
    text: &[u8],
    toks: &[Token],
    origin: &DName,
) -> Result<Option<Encoded>, Fault> {
    let mut f = Fields {
        text,
        toks,
        pos: 0,
        origin,
        out: Vec::new(),
        names: 0,
        relative: Vec::new(),
    };
    let f = &mut f;
    match rtype {
        Rtype::A6 => a6(f)?,
        Rtype::AMTRELAY => amtrelay(f)?,
        Rtype::EUI48 => eui(f, 6)?,
        Rtype::EUI64 => eui(f, 8)?,
        Rtype::NSAP => {
            let (i, s) = f.next("address")?;
            let digits: String = s
                .strip_prefix("0x")
                .or_else(|| s.strip_prefix("0X"))
                .unwrap_or("")
                .chars()
                .filter(|&c| c != '.')
                .collect();
            let bytes = hex(&digits).ok_or_else(|| {
                (Some(i), format!("`{s}` is not an NSAP address (0x followed by an even number of hex digits)"))
            })?;
            f.out.extend_from_slice(&bytes);
        }
        Rtype::NSAPPTR => f.name("target")?,
        Rtype::TALINK => {
            f.name("previous name")?;
            f.name("next name")?;
        }
        Rtype::URI => {
            f.u16("priority")?;
            f.u16("weight")?;
            let (i, t) = f.octets("target")?;
            if t.is_empty() {
                return Err((Some(i), "the target URI is empty".into()));
            }
            f.out.extend_from_slice(&t);
        }
        Rtype::KX | Rtype::AFSDB | Rtype::RT | Rtype::LP => {
            let what = if rtype == Rtype::AFSDB {
                "subtype"
            } else {
                "preference"
            };
            f.u16(what)?;
            f.name("host name")?;
        }
        Rtype::PX => {
            f.u16("preference")?;
            f.name("MAP822 name")?;
            f.name("MAPX400 name")?;
        }
        Rtype::DHCID => f.base64_rest("DHCID data", false)?,
        Rtype::SMIMEA => {
            f.u8("certificate usage")?;
            f.u8("selector")?;
            f.u8("matching type")?;
            f.hex_rest("certificate data", false)?;
        }
        Rtype::TA | Rtype::DLV => {
            f.u16("key tag")?;
            algorithm(f)?;
            f.u8("digest type")?;
            f.hex_rest("digest", false)?;
        }
        Rtype::KEY | Rtype::RKEY => {
            f.u16("flags")?;
            f.u8("protocol")?;
            algorithm(f)?;
            f.base64_rest("public key", true)?;
        }
        Rtype::NID | Rtype::L64 => {
            f.u16("preference")?;
            locator64(f, "locator")?;
        }
        Rtype::L32 => {
            f.u16("preference")?;
            let (i, s) = f.next("locator")?;
            let a = s
                .parse::<std::net::Ipv4Addr>()
                .map_err(|_| (Some(i), format!("the locator `{s}` is not an IPv4 address")))?;
            f.out.extend_from_slice(&a.octets());
        }
        Rtype::LOC => loc(f)?,
        Rtype::CERT => {
            const TYPES: &[(&str, u16)] = &[
                ("PKIX", 1),
                ("SPKI", 2),
                ("PGP", 3),
                ("IPKIX", 4),
                ("ISPKI", 5),
                ("IPGP", 6),
                ("ACPKIX", 7),
                ("IACPKIX", 8),
                ("URI", 253),
                ("OID", 254),
            ];
            let (i, t) = f.next("certificate type")?;
            let v = t.parse::<u16>().ok().or_else(|| {
                TYPES
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(&t))
                    .map(|&(_, v)| v)
            });
            let v = v.ok_or_else(|| (Some(i), format!("unknown certificate type `{t}`")))?;
            f.out.extend_from_slice(&v.to_be_bytes());
            f.u16("key tag")?;
            algorithm(f)?;
            f.base64_rest("certificate", false)?;
        }
        Rtype::APL => apl(f)?,
        Rtype::CSYNC => {
            f.u32("SOA serial")?;
            f.u16("flags")?;
            type_bitmap(f)?;
        }
        Rtype::DSYNC => {
            type_field(f, "type")?;
            mnemonic_u8(f, "scheme", &[("NOTIFY", 1)])?;
            f.u16("port")?;
            f.name("target")?;
        }
        Rtype::X25 => {
            let (i, s) = f.next("PSDN address")?;
            if s.len() < 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err((
                    Some(i),
                    format!("the X25 address `{s}` must be at least four digits"),
                ));
            }
            f.pos -= 1;
            f.string("PSDN address")?;
        }
        Rtype::ISDN => {
            f.string("ISDN address")?;
            if f.more() {
                f.string("subaddress")?;
            }
        }
        Rtype::GPOS => {
            // Three strings. RFC 1712 means them as decimal numbers, but named loads any
            // text (`""`, `"east"`), so only their presence is checked.
            for what in ["longitude", "latitude", "altitude"] {
                f.string(what)?;
            }
        }
        Rtype::AVC | Rtype::NINFO | Rtype::RESINFO | Rtype::WALLET => {
            f.string("text")?;
            while f.more() {
                f.string("text")?;
            }
        }
        Rtype::DOA => {
            f.u32("enterprise")?;
            f.u32("type")?;
            f.u8("location")?;
            f.string("media type")?;
            if f.toks
                .get(f.pos)
                .is_some_and(|t| &f.text[t.content().range()] == b"-")
            {
                f.pos += 1;
            } else {
                f.base64_rest("data", true)?;
            }
        }
        Rtype::SINK => {
            f.u8("meaning")?;
            f.u8("coding")?;
            f.u8("subcoding")?;
            f.base64_rest("data", true)?;
        }
        Rtype::EID | Rtype::NIMLOC => f.hex_rest("data", false)?,
        Rtype::ATMA => {
            let (i, s) = f.next("ATM address")?;
            if let Some(digits) = s.strip_prefix('+') {
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err((Some(i), format!("the E.164 address `{s}` must be digits")));
                }
                f.out.push(1);
                f.out.extend_from_slice(digits.as_bytes());
            } else {
                let clean: String = s.chars().filter(|&c| c != '.').collect();
                let bytes = hex(&clean)
                    .ok_or_else(|| (Some(i), format!("the AESA address `{s}` is not hex")))?;
                f.out.push(0);
                f.out.extend_from_slice(&bytes);
            }
        }
        Rtype::HIP => hip(f)?,
        Rtype::WKS => {
            if !wks(f)? {
                return Ok(None);
            }
        }
        _ => return Ok(None),
    }
    f.end()?;
    if f.out.len() > 65535 {
        return Err((None, "the record data is longer than 65535 octets".into()));
    }
    Ok(Some(Encoded {
        wire: std::mem::take(&mut f.out),
        relative: std::mem::take(&mut f.relative),
    }))
}

/// The length of the uncompressed name at the start of `wire` (`None`: not a name).
fn name_len(wire: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        let l = *wire.get(i)? as usize;
        if l > 63 {
            return None;
        }
        i += 1 + l;
        if l == 0 {
            return (i <= wire.len()).then_some(i);
        }
    }
}

/// Lowercases the name at `at` in place; returns the offset after it.
fn lower_name(wire: &mut [u8], at: usize) -> Option<usize> {
    let len = name_len(wire.get(at..)?)?;
    wire[at..at + len].make_ascii_lowercase();
    Some(at + len)
}

/// Where the embedded names of generic (octet) data start, for the types whose data
/// `domain` keeps as octets: `(offset of the first name, how many names follow)`.
fn name_fields(rtype: Rtype, wire: &[u8]) -> Option<(usize, usize)> {
    Some(match rtype {
        Rtype::AFSDB | Rtype::RT | Rtype::KX | Rtype::LP => (2, 1),
        Rtype::PX => (2, 2),
        Rtype::NSAPPTR => (0, 1),
        Rtype::TALINK => (0, 2),
        Rtype::A6 => {
            let prefix = *wire.first()? as usize;
            if prefix == 0 {
                return None;
            }
            (1 + (128 - prefix.min(128)).div_ceil(8), 1)
        }
        Rtype::DSYNC => (5, 1),
        Rtype::AMTRELAY if wire.get(1).is_some_and(|t| t & 0x7F == 3) => (2, 1),
        Rtype::HIP => {
            let hit = *wire.first()? as usize;
            let pk = u16::from_be_bytes([*wire.get(2)?, *wire.get(3)?]) as usize;
            (4 + hit + pk, usize::MAX)
        }
        _ => return None,
    })
}

fn lower_names(rtype: Rtype, wire: &mut [u8]) {
    if let Some((mut at, count)) = name_fields(rtype, wire) {
        for _ in 0..count {
            if at >= wire.len() {
                break;
            }
            match lower_name(wire, at) {
                Some(next) => at = next,
                None => break,
            }
        }
    }
}

/// Canonical form (RFC 4034 §6.2, RFC 6840 §5.1) of generic data: the embedded names of
/// AFSDB, RT, PX, KX and A6 in lower case. Other types are left as written.
pub fn canonicalize(rtype: Rtype, wire: &mut [u8]) {
    if matches!(
        rtype,
        Rtype::AFSDB | Rtype::RT | Rtype::PX | Rtype::KX | Rtype::A6
    ) {
        lower_names(rtype, wire);
    }
}

/// Whether [`lowercased_variant`] can differ from the RFC form for this type.
pub fn has_lowercased_variant(rtype: Rtype) -> bool {
    matches!(
        rtype,
        Rtype::NSAPPTR | Rtype::LP | Rtype::TALINK | Rtype::DSYNC | Rtype::AMTRELAY | Rtype::HIP
    )
}

/// The other canonical form signers are known to use for types whose embedded names
/// RFC 4034 §6.2 does not list (NSAP-PTR, LP, TALINK, DSYNC, AMTRELAY, HIP): with the
/// names lowercased as for the listed types. `None` when it is the same as the RFC form.
pub fn lowercased_variant(rtype: Rtype, wire: &[u8]) -> Option<Vec<u8>> {
    if !has_lowercased_variant(rtype) {
        return None;
    }
    let mut v = wire.to_vec();
    lower_names(rtype, &mut v);
    (v != wire).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loc_precision_is_a_digit_and_a_power_of_ten() {
        assert_eq!(loc_precision(100), 0x12);
        assert_eq!(loc_precision(1_000_000), 0x16);
        assert_eq!(loc_precision(1_000), 0x13);
        assert_eq!(loc_precision(0), 0x00);
        assert_eq!(loc_precision(2_000), 0x23);
    }

    #[test]
    fn canonical_names_are_lowercased_only_where_the_rfc_lists_them() {
        let mut kx = vec![0, 10, 2, b'K', b'X', 0];
        canonicalize(Rtype::KX, &mut kx);
        assert_eq!(kx, [0, 10, 2, b'k', b'x', 0]);
        let mut lp = vec![0, 10, 2, b'L', b'P', 0];
        canonicalize(Rtype::LP, &mut lp);
        assert_eq!(lp, [0, 10, 2, b'L', b'P', 0]);
        assert_eq!(
            lowercased_variant(Rtype::LP, &lp),
            Some(vec![0, 10, 2, b'l', b'p', 0])
        );
        // A truncated name is left alone, never a panic.
        let mut bad = vec![0, 10, 9, b'a'];
        canonicalize(Rtype::RT, &mut bad);
        assert_eq!(bad, [0, 10, 9, b'a']);
    }
}
