//! Presentation-format checks for RR types that `domain` 0.12 cannot read from text
//! (EUI48, EUI64, NSAP, URI, LOC, CERT, APL, KX, AFSDB, RT, DHCID, SMIMEA, TA, DLV, NID,
//! L32, L64, LP, CSYNC, X25, ISDN, GPOS, NSAP-PTR). The data is validated field by field,
//! as BIND does, so a malformed record is a `syntax-error` at the field; the record itself
//! is kept without typed data.

use super::lexer::Token;
use super::model::DName;
use super::text::{parse_name, unescape};
use domain::base::iana::Rtype;

/// A fault: the token index (`None`: a field is missing at the end) and a message.
pub type Fault = (Option<usize>, String);

struct Fields<'a> {
    text: &'a [u8],
    toks: &'a [Token],
    pos: usize,
}

impl<'a> Fields<'a> {
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
    fn next(&mut self, what: &str) -> Result<(usize, String), Fault> {
        let (i, text) = self.take(what)?;
        let raw = unescape(text).map_err(|m| (Some(i), m.to_string()))?;
        Ok((i, String::from_utf8_lossy(&raw).into_owned()))
    }
    fn num<T: std::str::FromStr>(&mut self, what: &str, max: &str) -> Result<T, Fault> {
        let (i, s) = self.next(what)?;
        s.parse::<T>().map_err(|_| {
            (
                Some(i),
                format!("the {what} `{s}` must be a number from 0 to {max}"),
            )
        })
    }
    fn name(&mut self, what: &str, origin: &DName) -> Result<(), Fault> {
        let (i, text) = self.take(what)?;
        parse_name(text, origin)
            .map(|_| ())
            .map_err(|e| (Some(i), format!("invalid {what}: {}", e.message())))
    }
    fn rest(&mut self) -> Vec<(usize, String)> {
        let mut v = Vec::new();
        while self.pos < self.toks.len() {
            if let Ok(x) = self.next("field") {
                v.push(x);
            }
        }
        v
    }
    fn end(&self) -> Result<(), Fault> {
        if self.pos < self.toks.len() {
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

fn is_base64(s: &str) -> bool {
    let s = s.trim_end_matches('=');
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// Whether `s` is exactly `count` groups of `len` hex digits joined by `sep`.
fn hex_groups(s: &str, sep: char, count: usize, len: usize) -> bool {
    s.split(sep).count() == count && s.split(sep).all(|g| g.len() == len && is_hex(g))
}

/// Hex groups of two digits joined by `-`: EUI48 (6 groups) and EUI64 (8 groups).
fn eui(f: &mut Fields, groups: usize) -> Result<(), Fault> {
    let (i, s) = f.next("address")?;
    if !hex_groups(&s, '-', groups, 2) {
        return Err((
            Some(i),
            format!("`{s}` is not {groups} two-digit hex groups separated by '-'"),
        ));
    }
    Ok(())
}

fn algorithm(f: &mut Fields) -> Result<(), Fault> {
    let (i, s) = f.next("algorithm")?;
    if s.parse::<u8>().is_ok() {
        return Ok(());
    }
    const NAMES: &[&str] = &[
        "RSAMD5",
        "DH",
        "DSA",
        "RSASHA1",
        "DSA-NSEC3-SHA1",
        "RSASHA1-NSEC3-SHA1",
        "RSASHA256",
        "RSASHA512",
        "ECC-GOST",
        "ECDSAP256SHA256",
        "ECDSAP384SHA384",
        "ED25519",
        "ED448",
        "INDIRECT",
        "PRIVATEDNS",
        "PRIVATEOID",
    ];
    if NAMES.iter().any(|n| n.eq_ignore_ascii_case(&s)) {
        return Ok(());
    }
    Err((Some(i), format!("unknown algorithm `{s}`")))
}

fn hex_rest(f: &mut Fields, what: &str, allow_empty: bool) -> Result<(), Fault> {
    let rest = f.rest();
    if rest.is_empty() && !allow_empty {
        return Err((None, format!("the {what} is missing")));
    }
    let joined: String = rest.iter().map(|(_, s)| s.as_str()).collect();
    if !joined.is_empty() && (!is_hex(&joined) || !joined.len().is_multiple_of(2)) {
        return Err((
            Some(rest[0].0),
            format!("the {what} is not an even number of hex digits"),
        ));
    }
    Ok(())
}

fn base64_rest(f: &mut Fields, what: &str) -> Result<(), Fault> {
    let rest = f.rest();
    if rest.is_empty() {
        return Err((None, format!("the {what} is missing")));
    }
    let joined: String = rest.iter().map(|(_, s)| s.as_str()).collect();
    if !is_base64(&joined) || !joined.len().is_multiple_of(4) {
        return Err((Some(rest[0].0), format!("the {what} is not valid base64")));
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
    Ok(())
}

/// LOC, RFC 1876 §3.
fn loc(f: &mut Fields) -> Result<(), Fault> {
    fn coord(f: &mut Fields, max_deg: u32, hemis: [&str; 2], what: &str) -> Result<(), Fault> {
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
        for part in ["minutes", "seconds", "hemisphere"] {
            let (j, s) = f.next(what)?;
            if hemis.iter().any(|h| h.eq_ignore_ascii_case(&s)) {
                return Ok(());
            }
            let ok = match part {
                "minutes" => s.parse::<u32>().is_ok_and(|m| m < 60),
                "seconds" => s.parse::<f64>().is_ok_and(|x| (0.0..60.0).contains(&x)),
                _ => false,
            };
            if !ok {
                return Err((
                    Some(j),
                    format!(
                        "`{s}` is not valid {what} {part} (expected {} or {})",
                        hemis[0], hemis[1]
                    ),
                ));
            }
        }
        Err((None, format!("the {what} hemisphere is missing")))
    }
    coord(f, 90, ["N", "S"], "latitude")?;
    coord(f, 180, ["E", "W"], "longitude")?;
    let meters = |s: &str| s.strip_suffix(['m', 'M']).unwrap_or(s).parse::<f64>().ok();
    let (i, alt) = f.next("altitude")?;
    match meters(&alt) {
        Some(a) if (-100000.0..=42849672.95).contains(&a) => {}
        _ => return Err((Some(i), format!("invalid altitude `{alt}`"))),
    }
    for what in ["size", "horizontal precision", "vertical precision"] {
        if f.pos >= f.toks.len() {
            break;
        }
        let (i, v) = f.next(what)?;
        match meters(&v) {
            Some(x) if (0.0..=90000000.0).contains(&x) => {}
            _ => return Err((Some(i), format!("invalid {what} `{v}`"))),
        }
    }
    Ok(())
}

fn apl(f: &mut Fields) -> Result<(), Fault> {
    for (i, item) in f.rest() {
        let body = item.strip_prefix('!').unwrap_or(&item);
        let ok = body.split_once(':').and_then(|(afi, rest)| {
            let (addr, prefix) = rest.split_once('/')?;
            let prefix: u8 = prefix.parse().ok()?;
            match afi {
                "1" => (addr.parse::<std::net::Ipv4Addr>().is_ok() && prefix <= 32).then_some(()),
                "2" => (addr.parse::<std::net::Ipv6Addr>().is_ok() && prefix <= 128).then_some(()),
                _ => None,
            }
        });
        if ok.is_none() {
            return Err((
                Some(i),
                format!("`{item}` is not an APL item ([!]afi:address/prefix)"),
            ));
        }
    }
    Ok(())
}

/// Checks the data of a type `domain` cannot read. `Ok(false)`: not a type handled here.
pub fn check(rtype: Rtype, text: &[u8], toks: &[Token], origin: &DName) -> Result<bool, Fault> {
    let mut f = Fields { text, toks, pos: 0 };
    let f = &mut f;
    match rtype {
        Rtype::EUI48 => eui(f, 6)?,
        Rtype::EUI64 => eui(f, 8)?,
        Rtype::NSAP => {
            let (i, s) = f.next("address")?;
            let hex: String = s
                .strip_prefix("0x")
                .or_else(|| s.strip_prefix("0X"))
                .unwrap_or("")
                .chars()
                .filter(|&c| c != '.')
                .collect();
            if !is_hex(&hex) || !hex.len().is_multiple_of(2) {
                return Err((Some(i), format!("`{s}` is not an NSAP address (0x followed by an even number of hex digits)")));
            }
        }
        Rtype::NSAPPTR => f.name("target", origin)?,
        Rtype::URI => {
            f.num::<u16>("priority", "65535")?;
            f.num::<u16>("weight", "65535")?;
            let (i, t) = f.next("target")?;
            if t.is_empty() {
                return Err((Some(i), "the target URI is empty".into()));
            }
        }
        Rtype::KX | Rtype::AFSDB | Rtype::RT | Rtype::LP => {
            f.num::<u16>("preference", "65535")?;
            f.name("host name", origin)?;
        }
        Rtype::DHCID => base64_rest(f, "DHCID data")?,
        Rtype::SMIMEA => {
            f.num::<u8>("certificate usage", "255")?;
            f.num::<u8>("selector", "255")?;
            f.num::<u8>("matching type", "255")?;
            hex_rest(f, "certificate data", false)?;
        }
        Rtype::TA | Rtype::DLV => {
            f.num::<u16>("key tag", "65535")?;
            algorithm(f)?;
            f.num::<u8>("digest type", "255")?;
            hex_rest(f, "digest", false)?;
        }
        Rtype::NID | Rtype::L64 => {
            f.num::<u16>("preference", "65535")?;
            locator64(f, "locator")?;
        }
        Rtype::L32 => {
            f.num::<u16>("preference", "65535")?;
            let (i, s) = f.next("locator")?;
            if s.parse::<std::net::Ipv4Addr>().is_err() {
                return Err((Some(i), format!("the locator `{s}` is not an IPv4 address")));
            }
        }
        Rtype::LOC => loc(f)?,
        Rtype::CERT => {
            let (i, t) = f.next("certificate type")?;
            const TYPES: &[&str] = &[
                "PKIX", "SPKI", "PGP", "IPKIX", "ISPKI", "IPGP", "ACPKIX", "IACPKIX", "URI", "OID",
            ];
            if t.parse::<u16>().is_err() && !TYPES.iter().any(|n| n.eq_ignore_ascii_case(&t)) {
                return Err((Some(i), format!("unknown certificate type `{t}`")));
            }
            f.num::<u16>("key tag", "65535")?;
            algorithm(f)?;
            base64_rest(f, "certificate")?;
        }
        Rtype::APL => apl(f)?,
        Rtype::CSYNC => {
            f.num::<u32>("SOA serial", "4294967295")?;
            f.num::<u16>("flags", "65535")?;
            for (i, t) in f.rest() {
                if t.parse::<Rtype>().is_err() {
                    return Err((Some(i), format!("unknown type `{t}` in the type list")));
                }
            }
        }
        Rtype::X25 => {
            let (i, s) = f.next("PSDN address")?;
            if s.len() < 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err((
                    Some(i),
                    format!("the X25 address `{s}` must be at least four digits"),
                ));
            }
        }
        Rtype::ISDN => {
            f.next("ISDN address")?;
            if f.pos < f.toks.len() {
                f.next("subaddress")?;
            }
        }
        Rtype::GPOS => {
            // Three strings. RFC 1712 means them as decimal numbers, but named loads any
            // text (`""`, `"east"`), so only their presence is checked.
            for what in ["longitude", "latitude", "altitude"] {
                f.next(what)?;
            }
        }
        _ => return Ok(false),
    }
    f.end()?;
    Ok(true)
}
