//! An implementation of `domain`'s [`Scanner`] over one entry's tokens.
//!
//! `domain` knows the presentation format of every RR type it supports; this scanner
//! feeds it zonelint's tokens so that every type `domain` knows parses here, the RFC 3597
//! `\# len hex` form included. Unlike `domain`'s `IterScanner` it resolves relative
//! names against the current origin, remembers which names were written relative (the
//! `missing-trailing-dot` rule needs the text as written), consumes the `\#` marker,
//! and remembers the token where an error happened, so a `syntax-error` points at the
//! exact field.

use super::lexer::Token;
use super::text::{parse_name, push_symbol, NameArena, Symbols};
use crate::source::Span;
use bytes::{BufMut, Bytes, BytesMut};
use domain::base::charstr::CharStr;
use domain::base::name::Name;
use domain::base::scan::{ConvertSymbols, EntrySymbol, Scanner, ScannerError, Symbol};
use domain::dep::octseq::str::Str;
use std::fmt;

/// An error from scanning RDATA.
#[derive(Debug, Clone)]
pub struct ScanError {
    pub message: String,
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ScanError {}

impl ScannerError for ScanError {
    fn custom(msg: &'static str) -> Self {
        ScanError {
            message: msg.to_string(),
        }
    }
    fn end_of_entry() -> Self {
        ScanError {
            message: "the record data ends too early: a field is missing".into(),
        }
    }
    fn short_buf() -> Self {
        ScanError {
            message: "a field is too long".into(),
        }
    }
    fn trailing_tokens() -> Self {
        ScanError {
            message: "unexpected data after the end of the record".into(),
        }
    }
}

/// A name that was written relative, as found while scanning.
#[derive(Debug, Clone, Copy)]
pub struct RelativeName {
    pub span: Span,
    /// Which name of the record data it was (0 = first).
    pub field: u8,
}

pub struct TokenScanner<'a> {
    src: &'a [u8],
    tokens: &'a [Token],
    pos: usize,
    /// The token being processed when an error happened.
    pub last: usize,
    origin: &'a Name<Bytes>,
    names_seen: u8,
    /// Relative names met, for the caller to keep.
    pub relative: Vec<RelativeName>,
    /// Accept DNSSEC algorithm mnemonics (`RSASHA256`) where `domain` wants a number.
    pub algorithm_mnemonics: bool,
    /// Where names go (else each is allocated on its own).
    pub names: Option<&'a mut NameArena>,
}

/// RFC 4034 Appendix A.1 and later IANA mnemonics for DNSSEC algorithms, which BIND
/// accepts in DNSKEY, RRSIG and DS records; `domain` reads only the numbers.
fn algorithm_number(s: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("RSAMD5", "1"),
        ("DH", "2"),
        ("DSA", "3"),
        ("RSASHA1", "5"),
        ("DSA-NSEC3-SHA1", "6"),
        ("RSASHA1-NSEC3-SHA1", "7"),
        ("RSASHA256", "8"),
        ("RSASHA512", "10"),
        ("ECC-GOST", "12"),
        ("ECDSAP256SHA256", "13"),
        ("ECDSAP384SHA384", "14"),
        ("ED25519", "15"),
        ("ED448", "16"),
        ("INDIRECT", "252"),
        ("PRIVATEDNS", "253"),
        ("PRIVATEOID", "254"),
    ];
    TABLE
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(s))
        .map(|(_, n)| *n)
}

impl<'a> TokenScanner<'a> {
    pub fn new(src: &'a [u8], tokens: &'a [Token], origin: &'a Name<Bytes>) -> Self {
        TokenScanner {
            src,
            tokens,
            pos: 0,
            last: 0,
            origin,
            names_seen: 0,
            relative: Vec::new(),
            algorithm_mnemonics: false,
            names: None,
        }
    }

    /// Tokens not consumed yet.
    pub fn remaining(&self) -> usize {
        self.tokens.len() - self.pos
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    /// Marks every token as consumed (for callers that read the rest themselves).
    pub fn skip_to_end(&mut self) {
        if !self.tokens.is_empty() {
            self.last = self.tokens.len() - 1;
        }
        self.pos = self.tokens.len();
    }

    fn next_token(&mut self) -> Result<&'a [u8], ScanError> {
        let tok = self
            .tokens
            .get(self.pos)
            .ok_or_else(ScanError::end_of_entry)?;
        self.last = self.pos;
        self.pos += 1;
        Ok(&self.src[tok.content().range()])
    }

    fn symbols(&mut self) -> Result<Symbols<'a>, ScanError> {
        Ok(Symbols::new(self.next_token()?))
    }

    fn octets(&mut self) -> Result<Vec<u8>, ScanError> {
        let escaped = self.tokens.get(self.pos).is_some_and(|t| t.escaped);
        let raw = self.next_token()?;
        // Without a backslash the symbols are the bytes themselves (a character is its
        // UTF-8 encoding, a stray byte stays itself): no conversion needed.
        if !escaped {
            return Ok(raw.to_vec());
        }
        let mut out = Vec::with_capacity(raw.len());
        for sym in Symbols::new(raw) {
            push_symbol(&mut out, sym.map_err(ScanError::custom)?);
        }
        Ok(out)
    }
}

impl Scanner for TokenScanner<'_> {
    type Octets = Bytes;
    type OctetsBuilder = BytesMut;
    type Name = Name<Bytes>;
    type Error = ScanError;

    fn has_space(&self) -> bool {
        self.tokens.get(self.pos).is_none_or(|t| t.space_before)
    }

    fn continues(&mut self) -> bool {
        self.pos < self.tokens.len()
    }

    fn scan_symbols<F>(&mut self, mut op: F) -> Result<(), Self::Error>
    where
        F: FnMut(Symbol) -> Result<(), Self::Error>,
    {
        for sym in self.symbols()? {
            op(sym.map_err(ScanError::custom)?)?;
        }
        Ok(())
    }

    fn scan_entry_symbols<F>(&mut self, mut op: F) -> Result<(), Self::Error>
    where
        F: FnMut(EntrySymbol) -> Result<(), Self::Error>,
    {
        while self.continues() {
            for sym in self.symbols()? {
                op(EntrySymbol::Symbol(sym.map_err(ScanError::custom)?))?;
            }
            op(EntrySymbol::EndOfToken)?;
        }
        Ok(())
    }

    fn convert_token<C: ConvertSymbols<Symbol, Self::Error>>(
        &mut self,
        mut convert: C,
    ) -> Result<Self::Octets, Self::Error> {
        let mut res = BytesMut::new();
        for sym in self.symbols()? {
            if let Some(data) = convert.process_symbol(sym.map_err(ScanError::custom)?)? {
                res.put_slice(data);
            }
        }
        if let Some(data) = convert.process_tail()? {
            res.put_slice(data);
        }
        Ok(res.freeze())
    }

    fn convert_entry<C: ConvertSymbols<EntrySymbol, Self::Error>>(
        &mut self,
        mut convert: C,
    ) -> Result<Self::Octets, Self::Error> {
        let mut res = BytesMut::new();
        while self.continues() {
            for sym in self.symbols()? {
                let sym = EntrySymbol::Symbol(sym.map_err(ScanError::custom)?);
                if let Some(data) = convert.process_symbol(sym)? {
                    res.put_slice(data);
                }
            }
            if let Some(data) = convert.process_symbol(EntrySymbol::EndOfToken)? {
                res.put_slice(data);
            }
        }
        if let Some(data) = convert.process_tail()? {
            res.put_slice(data);
        }
        Ok(res.freeze())
    }

    fn scan_octets(&mut self) -> Result<Self::Octets, Self::Error> {
        Ok(Bytes::from(self.octets()?))
    }

    fn scan_svcb_octets(&mut self) -> Result<Self::Octets, Self::Error> {
        let mut v = self.octets()?;
        // `key="quoted value"`: a quoted token that follows without white space belongs
        // to this parameter.
        while let Some(t) = self.tokens.get(self.pos) {
            if t.space_before || !t.quoted {
                break;
            }
            v.extend_from_slice(&self.octets()?);
        }
        Ok(Bytes::from(v))
    }

    fn scan_ascii_str<F, T>(&mut self, op: F) -> Result<T, Self::Error>
    where
        F: FnOnce(&str) -> Result<T, Self::Error>,
    {
        let v = self.octets()?;
        if !v.is_ascii() {
            return Err(ScanError::custom(
                "non-ASCII characters in a field that must be ASCII",
            ));
        }
        let s = std::str::from_utf8(&v).map_err(|_| ScanError::custom("invalid text"))?;
        if self.algorithm_mnemonics {
            if let Some(n) = algorithm_number(s) {
                return op(n);
            }
        }
        // RFC 1348 spells the type NSAP-PTR (BIND writes it so in RRSIG and NSEC data);
        // `domain` knows it as TYPE23 only under another spelling.
        if s.eq_ignore_ascii_case("NSAP-PTR") {
            return op("TYPE23");
        }
        op(s)
    }

    fn scan_name(&mut self) -> Result<Self::Name, Self::Error> {
        let tok_index = self.pos;
        let raw = self.next_token()?;
        let field = self.names_seen;
        self.names_seen = self.names_seen.saturating_add(1);
        let (name, relative) = match &mut self.names {
            Some(arena) => arena.parse(raw, self.origin),
            None => parse_name(raw, self.origin),
        }
        .map_err(|e| ScanError::custom(e.message()))?;
        if relative && raw != b"@" {
            self.relative.push(RelativeName {
                span: self.tokens[tok_index].content(),
                field,
            });
        }
        Ok(name)
    }

    fn scan_charstr(&mut self) -> Result<CharStr<Self::Octets>, Self::Error> {
        let v = self.octets()?;
        if v.len() > 255 {
            return Err(ScanError::custom(
                "a character string longer than 255 octets (split it into several quoted strings)",
            ));
        }
        CharStr::from_octets(Bytes::from(v))
            .map_err(|_| ScanError::custom("invalid character string"))
    }

    fn scan_string(&mut self) -> Result<Str<Self::Octets>, Self::Error> {
        let v = self.octets()?;
        Str::from_utf8(Bytes::from(v)).map_err(|_| ScanError::custom("invalid UTF-8 text"))
    }

    fn scan_charstr_entry(&mut self) -> Result<Self::Octets, Self::Error> {
        let mut res = Vec::new();
        if !self.continues() {
            return Err(ScanError::end_of_entry());
        }
        while self.continues() {
            let v = self.octets()?;
            if v.len() > 255 {
                return Err(ScanError::custom(
                    "a character string longer than 255 octets (split it into several quoted strings)",
                ));
            }
            res.push(v.len() as u8);
            res.extend_from_slice(&v);
        }
        Ok(Bytes::from(res))
    }

    fn scan_opt_unknown_marker(&mut self) -> Result<bool, Self::Error> {
        match self.tokens.get(self.pos) {
            Some(t) if !t.quoted && &self.src[t.span.range()] == b"\\#" => {
                self.last = self.pos;
                self.pos += 1;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn octets_builder(&mut self) -> Result<Self::OctetsBuilder, Self::Error> {
        Ok(BytesMut::new())
    }
}
