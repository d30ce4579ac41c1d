//! SVCB and HTTPS presentation format (RFC 9460), read here instead of by `domain`.
//!
//! `domain` 0.12 rejects valid records that BIND loads (`key9999`: its key check leaves
//! out the digit 9 and the letter z; escaped commas in `alpn`), so zonelint parses the
//! parameters itself, checks them as RFC 9460 §7 and §8 ask (no duplicate keys, every
//! mandatory key present, `no-default-alpn` only beside `alpn`, value lists without empty
//! items), builds the wire form and hands that to `domain` for the typed value.

use super::lexer::Token;
use super::model::DName;
use super::text::{parse_name, unescape};
use std::collections::BTreeMap;

pub type Fault = (Option<usize>, String);

/// Parsed SVCB/HTTPS data: priority, target and parameters by key.
pub struct Svcb {
    pub priority: u16,
    pub target: DName,
    pub target_relative: bool,
    pub params: BTreeMap<u16, Vec<u8>>,
}

impl Svcb {
    /// The RDATA in wire form.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut w = Vec::new();
        w.extend_from_slice(&self.priority.to_be_bytes());
        w.extend_from_slice(self.target.as_slice());
        for (k, v) in &self.params {
            w.extend_from_slice(&k.to_be_bytes());
            w.extend_from_slice(&(v.len() as u16).to_be_bytes());
            w.extend_from_slice(v);
        }
        w
    }
}

const KEYS: &[(&str, u16)] = &[
    ("mandatory", 0),
    ("alpn", 1),
    ("no-default-alpn", 2),
    ("port", 3),
    ("ipv4hint", 4),
    ("ech", 5),
    ("echconfig", 5), // the draft name, still accepted by NSD
    ("ipv6hint", 6),
    ("dohpath", 7),
    ("ohttp", 8),
];

pub fn key_number(name: &str) -> Option<u16> {
    if let Some((_, n)) = KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
        return Some(*n);
    }
    let digits = name.strip_prefix("key")?;
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits
        .parse::<u32>()
        .ok()
        .filter(|&n| n < 65535)
        .map(|n| n as u16)
}

pub fn key_name(k: u16) -> String {
    match KEYS.iter().find(|(_, n)| *n == k) {
        Some((name, _)) => (*name).to_string(),
        None => format!("key{k}"),
    }
}

/// Splits an RFC 9460 Appendix A.1 value list: items separated by unescaped commas,
/// `\,` and `\\` escaping inside an item.
fn value_list(v: &[u8]) -> Vec<Vec<u8>> {
    let mut items = vec![Vec::new()];
    let mut i = 0;
    while i < v.len() {
        match v[i] {
            b'\\' if i + 1 < v.len() => {
                if let Some(it) = items.last_mut() {
                    it.push(v[i + 1]);
                }
                i += 2;
            }
            b',' => {
                items.push(Vec::new());
                i += 1;
            }
            c => {
                if let Some(it) = items.last_mut() {
                    it.push(c);
                }
                i += 1;
            }
        }
    }
    items
}

fn key_list(v: &[u8]) -> Result<Vec<u16>, String> {
    let mut keys = Vec::new();
    for item in value_list(v) {
        let s = String::from_utf8_lossy(&item).into_owned();
        let k = key_number(&s).ok_or_else(|| format!("unknown key `{s}` in mandatory"))?;
        if k == 0 {
            return Err("mandatory must not list itself".into());
        }
        if keys.contains(&k) {
            return Err(format!("`{s}` appears twice in mandatory"));
        }
        keys.push(k);
    }
    keys.sort_unstable();
    Ok(keys)
}

fn encode_value(key: u16, name: &str, v: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let need = |v: Option<&[u8]>| -> Result<Vec<u8>, String> {
        match v {
            Some(x) if !x.is_empty() => Ok(x.to_vec()),
            _ => Err(format!("`{name}` needs a value")),
        }
    };
    match key {
        0 => {
            let keys = key_list(&need(v)?)?;
            Ok(keys.iter().flat_map(|k| k.to_be_bytes()).collect())
        }
        1 => {
            let mut out = Vec::new();
            for id in value_list(&need(v)?) {
                if id.is_empty() {
                    return Err(
                        "alpn has an empty protocol id (a leading, trailing or doubled comma)"
                            .into(),
                    );
                }
                if id.len() > 255 {
                    return Err("an alpn protocol id is longer than 255 octets".into());
                }
                out.push(id.len() as u8);
                out.extend_from_slice(&id);
            }
            Ok(out)
        }
        2 | 8 => match v {
            None => Ok(Vec::new()),
            Some([]) => Ok(Vec::new()),
            Some(_) => Err(format!("`{name}` takes no value")),
        },
        3 => {
            let s = String::from_utf8_lossy(&need(v)?).into_owned();
            let p: u16 = s
                .parse()
                .map_err(|_| format!("port `{s}` must be a number from 0 to 65535"))?;
            Ok(p.to_be_bytes().to_vec())
        }
        4 | 6 => {
            let mut out = Vec::new();
            for item in value_list(&need(v)?) {
                let s = String::from_utf8_lossy(&item).into_owned();
                if key == 4 {
                    let a: std::net::Ipv4Addr = s
                        .parse()
                        .map_err(|_| format!("`{s}` in ipv4hint is not an IPv4 address"))?;
                    out.extend_from_slice(&a.octets());
                } else {
                    let a: std::net::Ipv6Addr = s
                        .parse()
                        .map_err(|_| format!("`{s}` in ipv6hint is not an IPv6 address"))?;
                    out.extend_from_slice(&a.octets());
                }
            }
            Ok(out)
        }
        5 => {
            let raw = match v {
                None if name.eq_ignore_ascii_case("echconfig") => return Ok(Vec::new()),
                _ => need(v)?,
            };
            let s = String::from_utf8_lossy(&raw).into_owned();
            domain::utils::base64::decode::<Vec<u8>>(&s)
                .map_err(|_| format!("the {name} value is not base64"))
        }
        7 => {
            let raw = need(v)?;
            std::str::from_utf8(&raw).map_err(|_| "dohpath is not UTF-8".to_string())?;
            Ok(raw)
        }
        _ => Ok(v.map(<[u8]>::to_vec).unwrap_or_default()),
    }
}

/// Parses SVCB/HTTPS data from the record's data tokens.
pub fn parse(text: &[u8], toks: &[Token], origin: &DName) -> Result<Svcb, Fault> {
    let get = |i: usize, what: &str| {
        toks.get(i)
            .ok_or_else(|| (None, format!("the {what} is missing")))
    };
    let pt = get(0, "priority")?;
    let ps = String::from_utf8_lossy(&text[pt.content().range()]).into_owned();
    let priority: u16 = ps.parse().map_err(|_| {
        (
            Some(0),
            format!("the priority `{ps}` must be a number from 0 to 65535"),
        )
    })?;
    let tt = get(1, "target name")?;
    let (target, target_relative) = parse_name(&text[tt.content().range()], origin)
        .map_err(|e| (Some(1), format!("invalid target name: {}", e.message())))?;
    let mut params: BTreeMap<u16, Vec<u8>> = BTreeMap::new();
    let mut i = 2;
    while i < toks.len() {
        let at = i;
        let t = toks[i];
        i += 1;
        let raw = &text[t.content().range()];
        let (key_raw, mut value): (&[u8], Option<Vec<u8>>) =
            match raw.iter().position(|&b| b == b'=') {
                Some(eq) => {
                    let rest = &raw[eq + 1..];
                    let v = if rest.is_empty() {
                        // `key="quoted value"`: the value is the next token, written right after.
                        match toks.get(i) {
                            Some(n) if n.quoted && !n.space_before => {
                                i += 1;
                                text[n.content().range()].to_vec()
                            }
                            _ => Vec::new(),
                        }
                    } else {
                        rest.to_vec()
                    };
                    (&raw[..eq], Some(v))
                }
                None => (raw, None),
            };
        let key_name_s = String::from_utf8_lossy(key_raw).into_owned();
        if t.quoted {
            return Err((
                Some(at),
                format!(
                    "a parameter key cannot be quoted (`{}`)",
                    String::from_utf8_lossy(&text[t.span.range()])
                ),
            ));
        }
        let key = key_number(&key_name_s)
            .ok_or_else(|| (Some(at), format!("unknown parameter key `{key_name_s}`")))?;
        if let Some(v) = value.take() {
            value = Some(unescape(&v).map_err(|m| (Some(at), m.to_string()))?);
        }
        let wire = encode_value(key, &key_name_s, value.as_deref()).map_err(|m| (Some(at), m))?;
        if params.insert(key, wire).is_some() {
            return Err((
                Some(at),
                format!("parameter `{}` appears twice", key_name(key)),
            ));
        }
    }
    if let Some(m) = params.get(&0) {
        for k in m.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])) {
            if !params.contains_key(&k) {
                return Err((
                    Some(2),
                    format!(
                        "mandatory lists `{}`, which the record does not have",
                        key_name(k)
                    ),
                ));
            }
        }
    }
    if params.contains_key(&2) && !params.contains_key(&1) {
        return Err((Some(2), "no-default-alpn without alpn".into()));
    }
    Ok(Svcb {
        priority,
        target,
        target_relative,
        params,
    })
}

/// Priority and parameters from SVCB/HTTPS data in wire form (uncompressed target).
pub fn from_wire(w: &[u8]) -> Option<(u16, BTreeMap<u16, Vec<u8>>)> {
    let priority = u16::from_be_bytes([*w.first()?, *w.get(1)?]);
    let mut i = 2;
    loop {
        let len = *w.get(i)? as usize;
        i += 1 + len;
        if len == 0 {
            break;
        }
    }
    let mut params = BTreeMap::new();
    while i < w.len() {
        let k = u16::from_be_bytes([*w.get(i)?, *w.get(i + 1)?]);
        let l = u16::from_be_bytes([*w.get(i + 2)?, *w.get(i + 3)?]) as usize;
        params.insert(k, w.get(i + 4..i + 4 + l)?.to_vec());
        i += 4 + l;
    }
    Some((priority, params))
}

/// The protocol ids of an `alpn` value in wire form.
pub fn alpn_ids(v: &[u8]) -> Vec<Vec<u8>> {
    let mut ids = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let l = v[i] as usize;
        ids.push(v[i + 1..(i + 1 + l).min(v.len())].to_vec());
        i += 1 + l;
    }
    ids
}
