//! Lossless lexer for RFC 1035 §5 master files.
//!
//! The lexer splits the input into *entries* (one logical line: a physical line, or
//! several joined by parentheses) made of tokens with byte spans. It never allocates per
//! token: the caller passes a reusable token buffer. Comments are skipped but their
//! spans are reported through [`Entry::comments`] only when they may hold a zonelint
//! directive, so the common case stays allocation free.
//!
//! Errors (unbalanced parentheses, unterminated quotes) are collected and lexing goes
//! on, so one run reports every fault in a file.

use crate::source::Span;

/// One token of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The full span, quotes included for a quoted string.
    pub span: Span,
    /// A `"…"` string: its content is `span` without the quotes.
    pub quoted: bool,
    /// White space (or a line break, or a parenthesis) came right before this token.
    pub space_before: bool,
    /// The token contains a backslash escape.
    pub escaped: bool,
}

impl Token {
    /// The span of the token's content (quotes removed).
    pub fn content(&self) -> Span {
        if self.quoted {
            let end = if self.span.len() >= 2 {
                self.span.end - 1
            } else {
                self.span.end
            };
            Span {
                start: self.span.start + 1,
                end: end.max(self.span.start + 1),
            }
        } else {
            self.span
        }
    }
}

/// An entry: tokens of one logical line.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// From the first token (or the line start, for a blank owner) to the last token.
    pub span: Span,
    /// Offset of the start of the entry's first physical line.
    pub line_start: u32,
    /// The line started with white space: the owner is the previous one.
    pub blank_owner: bool,
    /// Comments of the entry (only those that mention `zonelint`).
    pub comments: Vec<Span>,
}

/// A lexing fault.
#[derive(Clone, Debug)]
pub struct LexError {
    pub span: Span,
    pub message: String,
}

pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    pub errors: Vec<LexError>,
    /// Spans of every comment that mentions `zonelint` (for suppressions).
    pub directive_comments: Vec<Span>,
}

#[inline]
fn is_delim(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b';' | b'(' | b')' | b'"')
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        // Skip a UTF-8 byte order mark.
        let pos = if src.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        Lexer {
            src,
            pos,
            errors: Vec::new(),
            directive_comments: Vec::new(),
        }
    }

    /// A lexer over `src[start..end]` whose spans stay offsets into all of `src`. `start`
    /// must be the start of a line outside parentheses and quotes.
    pub fn range(src: &'a [u8], start: usize, end: usize) -> Lexer<'a> {
        let mut lx = Lexer::new(&src[..end]);
        lx.pos = lx.pos.max(start);
        lx
    }

    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Reads the next non-empty entry into `tokens` (cleared first). Returns `None` at
    /// the end of the input.
    pub fn next_entry(&mut self, tokens: &mut Vec<Token>) -> Option<Entry> {
        loop {
            tokens.clear();
            if self.pos >= self.src.len() {
                return None;
            }
            let line_start = self.pos;
            let blank_owner = matches!(self.src[self.pos], b' ' | b'\t');
            let mut entry = Entry {
                line_start: line_start as u32,
                blank_owner,
                ..Entry::default()
            };
            let mut depth: u32 = 0;
            let mut open_paren = 0usize;
            let mut space_before = true;
            let src = self.src;
            loop {
                if self.pos >= src.len() {
                    if depth > 0 {
                        self.errors.push(LexError {
                            span: Span::new(open_paren, open_paren + 1),
                            message: "unbalanced '(': the file ends before the closing ')'".into(),
                        });
                    }
                    break;
                }
                let b = src[self.pos];
                match b {
                    b' ' | b'\t' | b'\r' => {
                        self.pos += 1;
                        space_before = true;
                    }
                    b'\n' => {
                        self.pos += 1;
                        space_before = true;
                        if depth == 0 {
                            break;
                        }
                    }
                    b';' => {
                        let start = self.pos;
                        let end = memchr(b'\n', &src[start..]).map_or(src.len(), |i| start + i);
                        if contains(&src[start..end], b"zonelint:") {
                            let s = Span::new(start, end);
                            entry.comments.push(s);
                            self.directive_comments.push(s);
                        }
                        self.pos = end;
                    }
                    b'(' => {
                        if depth > 0 {
                            self.errors.push(LexError {
                                span: Span::new(self.pos, self.pos + 1),
                                message: "nested '(': parentheses cannot be nested".into(),
                            });
                        } else {
                            open_paren = self.pos;
                        }
                        depth = depth.saturating_add(1);
                        self.pos += 1;
                        space_before = true;
                    }
                    b')' => {
                        if depth == 0 {
                            self.errors.push(LexError {
                                span: Span::new(self.pos, self.pos + 1),
                                message: "unbalanced ')': no '(' is open".into(),
                            });
                        } else {
                            depth -= 1;
                        }
                        self.pos += 1;
                        space_before = true;
                    }
                    b'"' => {
                        let start = self.pos;
                        let mut i = start + 1;
                        let mut escaped = false;
                        let mut closed = false;
                        while i < src.len() {
                            match src[i] {
                                b'\\' => {
                                    escaped = true;
                                    i += 2;
                                }
                                b'"' => {
                                    closed = true;
                                    i += 1;
                                    break;
                                }
                                b'\n' => break,
                                _ => i += 1,
                            }
                        }
                        let i = i.min(src.len());
                        if !closed {
                            self.errors.push(LexError {
                                span: Span::new(start, i),
                                message: "unterminated quoted string: the line ends before the closing '\"'".into(),
                            });
                        }
                        tokens.push(Token {
                            span: Span::new(start, i),
                            quoted: true,
                            space_before,
                            escaped,
                        });
                        space_before = false;
                        self.pos = i;
                    }
                    _ => {
                        let start = self.pos;
                        let mut i = start;
                        let mut escaped = false;
                        while i < src.len() {
                            let c = src[i];
                            if c == b'\\' {
                                escaped = true;
                                i += 2;
                                continue;
                            }
                            if is_delim(c) {
                                break;
                            }
                            i += 1;
                        }
                        let i = i.min(src.len());
                        tokens.push(Token {
                            span: Span::new(start, i),
                            quoted: false,
                            space_before,
                            escaped,
                        });
                        space_before = false;
                        self.pos = i;
                    }
                }
            }
            if tokens.is_empty() {
                continue;
            }
            let first = if blank_owner {
                line_start
            } else {
                tokens[0].span.start as usize
            };
            entry.span = Span::new(first, tokens[tokens.len() - 1].span.end as usize);
            return Some(entry);
        }
    }
}

#[inline]
pub fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(s: &str) -> Vec<(bool, Vec<String>)> {
        let mut lx = Lexer::new(s.as_bytes());
        let mut toks = Vec::new();
        let mut out = Vec::new();
        while let Some(e) = lx.next_entry(&mut toks) {
            out.push((
                e.blank_owner,
                toks.iter().map(|t| s[t.span.range()].to_string()).collect(),
            ));
        }
        out
    }

    #[test]
    fn lines_and_parentheses() {
        let r = lex("@ IN SOA ns hm (\n 1 ; serial\n 2 3 4 5 )\n\twww A 192.0.2.1\n");
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].1,
            ["@", "IN", "SOA", "ns", "hm", "1", "2", "3", "4", "5"]
        );
        assert!(r[1].0);
    }

    #[test]
    fn quotes_escapes_and_crlf() {
        let r = lex("a TXT \"x y\\\" z\" b\\ c\r\n");
        assert_eq!(r[0].1, ["a", "TXT", "\"x y\\\" z\"", "b\\ c"]);
    }

    #[test]
    fn errors_are_collected() {
        let mut lx = Lexer::new(b"a ( b\n\"open\nc ) )\n");
        let mut t = Vec::new();
        while lx.next_entry(&mut t).is_some() {}
        assert_eq!(lx.errors.len(), 2, "{:?}", lx.errors);
    }
}
