//! Presentation-format text: escapes, names, TTLs.

use bytes::Bytes;
use domain::base::scan::Symbol;
use domain::base::Name;

/// Iterates the symbols of a token's content (RFC 1035 §5.1 escapes). A byte that is
/// not part of valid UTF-8 becomes a raw octet, as BIND reads it.
pub struct Symbols<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Symbols<'a> {
    pub fn new(s: &'a [u8]) -> Self {
        Symbols { s, i: 0 }
    }
}

impl Iterator for Symbols<'_> {
    type Item = Result<Symbol, &'static str>;
    fn next(&mut self) -> Option<Self::Item> {
        let s = self.s;
        let c = *s.get(self.i)?;
        if c == b'\\' {
            let Some(&d) = s.get(self.i + 1) else {
                self.i += 1;
                return Some(Err("a backslash at the end of a field escapes nothing"));
            };
            if d.is_ascii_digit() {
                let digits = s.get(self.i + 1..self.i + 4);
                match digits {
                    Some(ds) if ds.iter().all(u8::is_ascii_digit) => {
                        let v = (ds[0] - b'0') as u32 * 100
                            + (ds[1] - b'0') as u32 * 10
                            + (ds[2] - b'0') as u32;
                        self.i += 4;
                        if v > 255 {
                            return Some(Err("a \\DDD escape above \\255"));
                        }
                        return Some(Ok(Symbol::DecimalEscape(v as u8)));
                    }
                    _ => {
                        self.i += 2;
                        return Some(Err("a \\DDD escape needs exactly three digits"));
                    }
                }
            }
            self.i += 2;
            if d < 0x80 {
                return Some(Ok(Symbol::SimpleEscape(d)));
            }
            // An escaped non-ASCII byte: take it as the raw octet.
            return Some(Ok(Symbol::DecimalEscape(d)));
        }
        if c < 0x80 {
            self.i += 1;
            return Some(Ok(Symbol::Char(c as char)));
        }
        let width = match c {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if width > 0 {
            if let Some(chunk) = s.get(self.i..self.i + width) {
                if let Ok(st) = std::str::from_utf8(chunk) {
                    self.i += width;
                    return Some(Ok(Symbol::Char(st.chars().next().unwrap_or('\u{FFFD}'))));
                }
            }
        }
        self.i += 1;
        Some(Ok(Symbol::DecimalEscape(c)))
    }
}

/// The octets of a symbol: a character is its UTF-8 encoding.
pub fn push_symbol(out: &mut Vec<u8>, sym: Symbol) {
    match sym {
        Symbol::Char(c) if c.is_ascii() => out.push(c as u8),
        Symbol::Char(c) => {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes())
        }
        Symbol::SimpleEscape(b) | Symbol::DecimalEscape(b) => out.push(b),
    }
}

/// Unescapes a token's content into octets.
pub fn unescape(s: &[u8]) -> Result<Vec<u8>, &'static str> {
    if !s.contains(&b'\\') && s.is_ascii() {
        return Ok(s.to_vec());
    }
    let mut out = Vec::with_capacity(s.len());
    for sym in Symbols::new(s) {
        push_symbol(&mut out, sym?);
    }
    Ok(out)
}

/// Why a name did not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    Empty,
    EmptyLabel,
    LabelTooLong,
    NameTooLong,
    BadEscape(&'static str),
}

impl NameError {
    pub fn message(self) -> &'static str {
        match self {
            NameError::Empty => "an empty domain name",
            NameError::EmptyLabel => "an empty label (two dots in a row, or a leading dot)",
            NameError::LabelTooLong => "a label longer than 63 octets",
            NameError::NameTooLong => "a domain name longer than 255 octets",
            NameError::BadEscape(m) => m,
        }
    }
}

/// Parses a presentation-format name into wire format. `@` is the origin; a name without
/// a final unescaped dot is relative and gets the origin appended. Returns the name and
/// whether it was written relative (`@` counts as relative).
pub fn parse_name(s: &[u8], origin: &Name<Bytes>) -> Result<(Name<Bytes>, bool), NameError> {
    if let Some(special) = special_name(s, origin)? {
        return Ok(special);
    }
    // Exact for a name without escapes (a dot becomes a length octet, plus the first
    // length octet, plus the origin of a relative name): the octets are then handed to
    // `Bytes` without a copy or a second allocation.
    let rel_len = if s.ends_with(b".") { 0 } else { origin.len() };
    let mut wire: Vec<u8> = Vec::with_capacity(s.len() + 1 + rel_len);
    let relative = name_wire(s, origin, &mut wire)?;
    let name = Name::from_octets(Bytes::from(wire.into_boxed_slice()))
        .map_err(|_| NameError::NameTooLong)?;
    Ok((name, relative))
}

/// Octets of many names, kept in shared 64 KiB blocks: each name is a slice of its
/// block, with no allocation of its own. The reader puts the names of a zone file here:
/// a separate allocation per name cost a fifth more memory (allocator rounding and
/// headers) and an allocator call per name.
#[derive(Default)]
pub struct NameArena {
    block: bytes::BytesMut,
    scratch: Vec<u8>,
}

impl NameArena {
    const BLOCK: usize = 64 << 10;

    /// As [`parse_name`], the octets of a new name going to the arena.
    pub fn parse(
        &mut self,
        s: &[u8],
        origin: &Name<Bytes>,
    ) -> Result<(Name<Bytes>, bool), NameError> {
        if let Some(special) = special_name(s, origin)? {
            return Ok(special);
        }
        let mut wire = std::mem::take(&mut self.scratch);
        wire.clear();
        let relative = name_wire(s, origin, &mut wire);
        let name = relative.map(|_| self.store(&wire));
        self.scratch = wire;
        let name = Name::from_octets(name?).map_err(|_| NameError::NameTooLong)?;
        Ok((name, relative?))
    }

    fn store(&mut self, wire: &[u8]) -> Bytes {
        if self.block.capacity() - self.block.len() < wire.len() {
            self.block = bytes::BytesMut::with_capacity(Self::BLOCK);
        }
        self.block.extend_from_slice(wire);
        self.block.split().freeze()
    }
}

/// `@` (the origin) and `.` (the root), which need no octets of their own.
fn special_name(s: &[u8], origin: &Name<Bytes>) -> Result<Option<(Name<Bytes>, bool)>, NameError> {
    match s {
        b"" => Err(NameError::Empty),
        b"@" => Ok(Some((origin.clone(), true))),
        b"." => Ok(Some((Name::root_bytes(), false))),
        _ => Ok(None),
    }
}

/// Writes the wire form of a name into `wire` (empty on entry); returns whether it was
/// written relative.
fn name_wire(s: &[u8], origin: &Name<Bytes>, wire: &mut Vec<u8>) -> Result<bool, NameError> {
    let mut label_start = 0usize;
    wire.push(0);
    let mut absolute = false;
    let simple = !s.contains(&b'\\');
    let end_label = |wire: &mut Vec<u8>, label_start: &mut usize| -> Result<(), NameError> {
        let len = wire.len() - *label_start - 1;
        if len == 0 {
            return Err(NameError::EmptyLabel);
        }
        if len > 63 {
            return Err(NameError::LabelTooLong);
        }
        wire[*label_start] = len as u8;
        *label_start = wire.len();
        wire.push(0);
        Ok(())
    };
    if simple {
        for (i, &b) in s.iter().enumerate() {
            if b == b'.' {
                end_label(wire, &mut label_start)?;
                if i == s.len() - 1 {
                    absolute = true;
                }
            } else {
                wire.push(b);
            }
        }
    } else {
        let mut syms = Symbols::new(s).peekable();
        while let Some(sym) = syms.next() {
            match sym.map_err(NameError::BadEscape)? {
                Symbol::Char('.') => {
                    end_label(wire, &mut label_start)?;
                    if syms.peek().is_none() {
                        absolute = true;
                    }
                }
                other => push_symbol(wire, other),
            }
        }
    }
    if absolute {
        // The trailing zero pushed after the last label is the root label.
    } else {
        end_label(wire, &mut label_start)?;
        wire.pop();
        wire.extend_from_slice(origin.as_slice());
    }
    if wire.len() > 255 {
        return Err(NameError::NameTooLong);
    }
    Ok(!absolute)
}

/// Parses a TTL: seconds, or BIND's units (`1w2d3h4m5s`, case-insensitive).
pub fn parse_ttl(s: &[u8]) -> Result<u32, &'static str> {
    if s.is_empty() {
        return Err("an empty TTL");
    }
    let mut total: u64 = 0;
    let mut cur: u64 = 0;
    let mut digits = false;
    let mut units = false;
    for &b in s {
        match b {
            b'0'..=b'9' => {
                cur = cur * 10 + (b - b'0') as u64;
                digits = true;
                if cur > u32::MAX as u64 {
                    return Err("a TTL that does not fit in 32 bits");
                }
            }
            _ => {
                let mult = match b.to_ascii_lowercase() {
                    b'w' => 604_800,
                    b'd' => 86_400,
                    b'h' => 3_600,
                    b'm' => 60,
                    b's' => 1,
                    _ => {
                        return Err(
                            "a TTL must be a number of seconds or use the units w, d, h, m, s",
                        )
                    }
                };
                if !digits {
                    return Err("a TTL unit without a number before it");
                }
                total += cur * mult;
                cur = 0;
                digits = false;
                units = true;
            }
        }
    }
    if digits {
        if units {
            // `1h30` : BIND reads trailing digits as seconds.
        }
        total += cur;
    }
    if total > u32::MAX as u64 {
        return Err("a TTL that does not fit in 32 bits");
    }
    Ok(total as u32)
}

/// The byte ranges of the first `max` words of a record's data as written: blanks,
/// parentheses and `;` comments (to the end of their line) separate words. For fixes
/// that replace one field (the SOA's RNAME or serial) where it is written.
pub fn rdata_words(text: &[u8], max: usize) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < text.len() && words.len() < max {
        match text[i] {
            b';' => {
                while i < text.len() && text[i] != b'\n' {
                    i += 1;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'(' | b')' => i += 1,
            _ => {
                let start = i;
                while i < text.len() && !b" \t\r\n();".contains(&text[i]) {
                    i += 1;
                }
                words.push((start, i));
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn origin() -> Name<Bytes> {
        Name::from_str("example.com.").unwrap()
    }

    #[test]
    fn names() {
        let (n, rel) = parse_name(b"www", &origin()).unwrap();
        assert!(rel);
        assert_eq!(n.to_string(), "www.example.com");
        let (n, rel) = parse_name(b"ns.example.net.", &origin()).unwrap();
        assert!(!rel);
        assert_eq!(n.to_string(), "ns.example.net");
        let (n, _) = parse_name(b"a\\.b.c.", &origin()).unwrap();
        assert_eq!(n.label_count(), 3);
        let (n, _) = parse_name(b"\\065.", &origin()).unwrap();
        assert_eq!(n.to_string(), "A");
        assert_eq!(parse_name(b"a..b", &origin()), Err(NameError::EmptyLabel));
        let long = "a".repeat(64);
        assert_eq!(
            parse_name(long.as_bytes(), &origin()),
            Err(NameError::LabelTooLong)
        );
        let many = "abcdefgh.".repeat(30);
        assert_eq!(
            parse_name(many.as_bytes(), &origin()),
            Err(NameError::NameTooLong)
        );
        assert_eq!(parse_name(b"@", &origin()).unwrap().0, origin());
    }

    #[test]
    fn ttls() {
        assert_eq!(parse_ttl(b"3600"), Ok(3600));
        assert_eq!(
            parse_ttl(b"1w2d3h4m5s"),
            Ok(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5)
        );
        assert_eq!(parse_ttl(b"1H"), Ok(3600));
        assert!(parse_ttl(b"4294967296").is_err());
        assert!(parse_ttl(b"10x").is_err());
        assert!(parse_ttl(b"h").is_err());
    }
}
