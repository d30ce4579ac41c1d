//! named.conf syntax: a lossless lexer and a recursive-descent parser into a generic,
//! span-carrying statement tree.
//!
//! BIND's grammar is one shape all the way down: a statement is a list of words, quoted
//! strings and `{ … }` blocks ended by `;`, and a block holds statements. Address-match
//! lists, `update-policy` rules and `logging` channels all fit it, so the tree is generic
//! and the typed checks (the grammar table, the rules) sit on top. No maintained crate
//! parses named.conf with spans, hence this module (see DESIGN.md).
//!
//! The parser recovers: a fault is reported with its place (`missing ';' before '}'`) and
//! reading goes on, so one run shows every fault of the file, where `named-checkconf`
//! stops at the first.

use crate::source::{FileId, Span};

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A bare word (`yes`, `192.0.2.1`, `!`).
    Word(String),
    /// A quoted string, without its quotes, escapes resolved.
    Str(String),
    Open,
    Close,
    Semi,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// 1-based line of the token's start.
    pub line: u32,
}

/// A fault of the text itself (reported as `syntax-error`).
#[derive(Clone, Debug)]
pub struct SyntaxFault {
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

/// Splits the text into tokens; comments (`//`, `#`, `/* */`) are dropped but their spans
/// are returned for the suppression comments.
pub fn lex(text: &[u8]) -> (Vec<Token>, Vec<Span>, Vec<SyntaxFault>) {
    let mut toks = Vec::new();
    let mut comments = Vec::new();
    let mut faults = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    let n = text.len();
    while i < n {
        let c = text[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => i += 1,
            b'#' => {
                let s = i;
                while i < n && text[i] != b'\n' {
                    i += 1;
                }
                comments.push(Span::new(s, i));
            }
            b'/' if text.get(i + 1) == Some(&b'/') => {
                let s = i;
                while i < n && text[i] != b'\n' {
                    i += 1;
                }
                comments.push(Span::new(s, i));
            }
            b'/' if text.get(i + 1) == Some(&b'*') => {
                let s = i;
                i += 2;
                loop {
                    if i + 1 >= n {
                        faults.push(SyntaxFault {
                            span: Span::new(s, s + 2),
                            message: "comment `/*` is never closed".into(),
                            help: "close the comment with `*/`",
                        });
                        i = n;
                        break;
                    }
                    if text[i] == b'*' && text[i + 1] == b'/' {
                        i += 2;
                        break;
                    }
                    if text[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                comments.push(Span::new(s, i));
            }
            b'{' | b'}' | b';' => {
                let tok = match c {
                    b'{' => Tok::Open,
                    b'}' => Tok::Close,
                    _ => Tok::Semi,
                };
                toks.push(Token {
                    tok,
                    span: Span::new(i, i + 1),
                    line,
                });
                i += 1;
            }
            b'"' => {
                let s = i;
                let start_line = line;
                let mut v = Vec::new();
                i += 1;
                let mut closed = false;
                while i < n {
                    match text[i] {
                        b'"' => {
                            closed = true;
                            i += 1;
                            break;
                        }
                        b'\\' if i + 1 < n => {
                            if text[i + 1] == b'\n' {
                                line += 1;
                            }
                            v.push(text[i + 1]);
                            i += 2;
                        }
                        b'\n' => {
                            line += 1;
                            v.push(b'\n');
                            i += 1;
                        }
                        b => {
                            v.push(b);
                            i += 1;
                        }
                    }
                }
                if !closed {
                    faults.push(SyntaxFault {
                        span: Span::new(s, s + 1),
                        message: "quoted string is never closed".into(),
                        help: "add the closing `\"`",
                    });
                }
                toks.push(Token {
                    tok: Tok::Str(String::from_utf8_lossy(&v).into_owned()),
                    span: Span::new(s, i),
                    line: start_line,
                });
            }
            b'!' => {
                toks.push(Token {
                    tok: Tok::Word("!".into()),
                    span: Span::new(i, i + 1),
                    line,
                });
                i += 1;
            }
            _ => {
                let s = i;
                while i < n
                    && !matches!(
                        text[i],
                        b' ' | b'\t' | b'\r' | b'\n' | b'{' | b'}' | b';' | b'"' | b'#' | b'!'
                    )
                    && !(text[i] == b'/' && matches!(text.get(i + 1), Some(b'/' | b'*')))
                {
                    i += 1;
                }
                let word = &text[s..i];
                if word.contains(&0) {
                    faults.push(SyntaxFault {
                        span: Span::new(s, i),
                        message: "the text holds a NUL byte".into(),
                        help: "remove the NUL byte; named refuses the file",
                    });
                }
                toks.push(Token {
                    tok: Tok::Word(String::from_utf8_lossy(word).into_owned()),
                    span: Span::new(s, i),
                    line,
                });
            }
        }
    }
    (toks, comments, faults)
}

/// A word or quoted string.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: String,
    pub quoted: bool,
    pub span: Span,
    pub line: u32,
}

/// An element of a statement.
#[derive(Clone, Debug)]
pub enum Item {
    Word(Word),
    Block(Block),
}

/// `{ statements }`.
#[derive(Clone, Debug)]
pub struct Block {
    pub open: Span,
    pub close: Span,
    pub stmts: Vec<Stmt>,
}

/// Items ended by `;`. Statements spliced in from an `include` carry their own file.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub file: FileId,
    pub items: Vec<Item>,
    /// From the first item to the `;` (or the last item when the `;` is missing).
    pub span: Span,
}

impl Stmt {
    /// The keyword: the first item when it is a bare word, lowercased.
    pub fn keyword(&self) -> Option<String> {
        match self.items.first()? {
            Item::Word(w) if !w.quoted => Some(w.text.to_ascii_lowercase()),
            _ => None,
        }
    }
    pub fn is(&self, name: &str) -> bool {
        matches!(self.items.first(), Some(Item::Word(w)) if !w.quoted && w.text.eq_ignore_ascii_case(name))
    }
    /// The span of the keyword (the statement's start when it has none).
    pub fn head_span(&self) -> Span {
        match self.items.first() {
            Some(Item::Word(w)) => w.span,
            _ => Span::empty(self.span.start as usize),
        }
    }
    /// The words after the keyword, up to the first block.
    pub fn args(&self) -> impl Iterator<Item = &Word> {
        self.items.iter().skip(1).map_while(|i| match i {
            Item::Word(w) => Some(w),
            Item::Block(_) => None,
        })
    }
    /// Every word of the statement, blocks skipped (`tag-range 0 100` after a key's
    /// algorithm, `max-policy-ttl 1h` after a response-policy block).
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.items.iter().filter_map(|i| match i {
            Item::Word(w) => Some(w),
            Item::Block(_) => None,
        })
    }
    pub fn arg(&self, i: usize) -> Option<&Word> {
        self.args().nth(i)
    }
    /// The first block of the statement.
    pub fn block(&self) -> Option<&Block> {
        self.items.iter().find_map(|i| match i {
            Item::Block(b) => Some(b),
            _ => None,
        })
    }
    /// The word that follows the keyword `key` among the items (`port 53`).
    pub fn after(&self, key: &str) -> Option<&Word> {
        let mut it = self.items.iter().skip(1);
        while let Some(i) = it.next() {
            if let Item::Word(w) = i {
                if !w.quoted && w.text.eq_ignore_ascii_case(key) {
                    return match it.next() {
                        Some(Item::Word(v)) => Some(v),
                        _ => None,
                    };
                }
            }
        }
        None
    }
    /// The block that follows the keyword `key` (`allow { … }`).
    pub fn block_after(&self, key: &str) -> Option<&Block> {
        let mut it = self.items.iter().skip(1);
        while let Some(i) = it.next() {
            if let Item::Word(w) = i {
                if !w.quoted && w.text.eq_ignore_ascii_case(key) {
                    return match it.next() {
                        Some(Item::Block(b)) => Some(b),
                        _ => None,
                    };
                }
            }
        }
        None
    }
    /// The first word after the keyword: the value of a one-value option
    /// (`recursion yes;`).
    pub fn value(&self) -> Option<&Word> {
        self.arg(0)
    }
}

impl Block {
    /// The last statement with this keyword (BIND refuses duplicates; the last is what a
    /// reader of the file expects to win).
    pub fn find(&self, name: &str) -> Option<&Stmt> {
        self.stmts.iter().rev().find(|s| s.is(name))
    }
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Stmt> + 'a {
        self.stmts.iter().filter(move |s| s.is(name))
    }
}

/// The grammatical place a block is read in, for the recovery heuristics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Top,
    Options,
    View,
    Zone,
    Other,
}

impl Place {
    fn of_block(keyword: Option<&str>, parent: Place) -> Place {
        match (parent, keyword) {
            (Place::Top, Some("options")) => Place::Options,
            (Place::Top, Some("view")) => Place::View,
            (Place::Top | Place::View, Some("zone")) => Place::Zone,
            (Place::Top | Place::View, Some("template")) => Place::Zone,
            _ => Place::Other,
        }
    }
}

/// What the parser asks of the grammar: whether a word is a statement name in a place
/// (used to see a missing `;` at the end of a line).
pub trait Keywords {
    fn is_keyword(&self, place: Place, word: &str) -> bool;
}

/// Parses one file's tokens. `include` statements are returned like any other and
/// spliced in by the loader (`conf::read_conf`).
pub fn parse(
    file: FileId,
    toks: &[Token],
    kw: &dyn Keywords,
    faults: &mut Vec<SyntaxFault>,
) -> Vec<Stmt> {
    let mut p = Parser {
        file,
        toks,
        pos: 0,
        kw,
        faults,
        depth: 0,
    };
    p.stmts(Place::Top, None)
}

/// Deepest nesting of blocks read; deeper text is skipped with one fault.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    file: FileId,
    toks: &'a [Token],
    pos: usize,
    kw: &'a dyn Keywords,
    faults: &'a mut Vec<SyntaxFault>,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn fault(&mut self, span: Span, message: String, help: &'static str) {
        self.faults.push(SyntaxFault {
            span,
            message,
            help,
        });
    }

    /// Statements up to the `}` that closes `open` (or the end of the file at the top).
    fn stmts(&mut self, place: Place, open: Option<Span>) -> Vec<Stmt> {
        let mut out = Vec::new();
        loop {
            let Some(t) = self.peek() else {
                if let Some(o) = open {
                    self.fault(
                        o,
                        "block `{` is never closed".into(),
                        "close the block with `};`",
                    );
                }
                return out;
            };
            match t.tok {
                Tok::Close => {
                    if open.is_some() {
                        return out;
                    }
                    let sp = t.span;
                    self.pos += 1;
                    self.fault(
                        sp,
                        "unexpected '}': no block is open here".into(),
                        "remove the `}` or open the block it closes",
                    );
                }
                Tok::Semi => {
                    // An empty statement: named skips it.
                    self.pos += 1;
                }
                _ => {
                    if let Some(s) = self.stmt(place) {
                        out.push(s);
                    }
                }
            }
        }
    }

    fn stmt(&mut self, place: Place) -> Option<Stmt> {
        let mut items: Vec<Item> = Vec::new();
        let start = self.peek()?.span;
        let mut end = start;
        let mut last_line = self.peek()?.line;
        loop {
            let Some(t) = self.peek().cloned() else {
                self.fault(
                    Span::empty(end.end as usize),
                    "missing ';' at the end of the file".into(),
                    "end the statement with `;`",
                );
                break;
            };
            match &t.tok {
                Tok::Semi => {
                    end = t.span;
                    self.pos += 1;
                    break;
                }
                Tok::Close => {
                    self.fault(
                        Span::empty(end.end as usize),
                        "missing ';' before '}'".into(),
                        "end the statement with `;`",
                    );
                    break;
                }
                Tok::Open => {
                    let kw = match items.first() {
                        Some(Item::Word(w)) if !w.quoted => Some(w.text.to_ascii_lowercase()),
                        _ => None,
                    };
                    let b = if kw.as_deref().is_some_and(|k| RAW_BLOCKS.contains(&k)) {
                        self.raw_block()
                    } else {
                        self.block(Place::of_block(kw.as_deref(), place))
                    };
                    end = b.close;
                    last_line = self
                        .toks
                        .get(self.pos.saturating_sub(1))
                        .map_or(last_line, |t| t.line);
                    items.push(Item::Block(b));
                    // In the places whose grammar is known, a statement ends after its
                    // block, but for the few whose block takes words after it
                    // (`response-policy { … } break-dnssec yes;`, `deny-answer-aliases
                    // { … } except-from { … };`, `response-padding { … } block-size 468;`).
                    if matches!(
                        place,
                        Place::Top | Place::Options | Place::View | Place::Zone
                    ) && !kw
                        .as_deref()
                        .is_some_and(|k| WORDS_AFTER_BLOCK.contains(&k))
                    {
                        // A `}` next is reported by the next round (`missing ';' before
                        // '}'`); anything but `;` starts the next statement.
                        if self
                            .peek()
                            .is_some_and(|n| !matches!(n.tok, Tok::Semi | Tok::Close))
                        {
                            self.fault(
                                Span::empty(end.end as usize),
                                "missing ';' after '}'".into(),
                                "end the statement with `};`",
                            );
                            break;
                        }
                    }
                }
                Tok::Word(s) | Tok::Str(s) => {
                    let quoted = matches!(t.tok, Tok::Str(_));
                    // A statement name at the start of a new line, while the current
                    // statement has its value already: the `;` was forgotten.
                    if !quoted
                        && items.len() >= 2
                        && t.line > last_line
                        && place != Place::Other
                        && self.kw.is_keyword(place, &s.to_ascii_lowercase())
                    {
                        self.fault(
                            Span::empty(end.end as usize),
                            format!("missing ';' before '{s}'"),
                            "end the statement with `;`",
                        );
                        break;
                    }
                    items.push(Item::Word(Word {
                        text: s.clone(),
                        quoted,
                        span: t.span,
                        line: t.line,
                    }));
                    end = t.span;
                    last_line = t.line;
                    self.pos += 1;
                }
            }
        }
        if items.is_empty() {
            return None;
        }
        Some(Stmt {
            file: self.file,
            items,
            span: start.to(end),
        })
    }

    /// A block whose text named hands to a module as it is (`dyndb NAME "lib.so" { … };`):
    /// its words, as one statement, up to the matching `}`; no `;` is required inside.
    fn raw_block(&mut self) -> Block {
        let open = self.toks[self.pos].span;
        self.pos += 1;
        let mut items = Vec::new();
        let mut depth = 1usize;
        let mut close = None;
        while let Some(t) = self.peek().cloned() {
            self.pos += 1;
            match &t.tok {
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(t.span);
                        break;
                    }
                }
                Tok::Semi => {}
                Tok::Word(w) | Tok::Str(w) => items.push(Item::Word(Word {
                    text: w.clone(),
                    quoted: matches!(t.tok, Tok::Str(_)),
                    span: t.span,
                    line: t.line,
                })),
            }
        }
        let close = close
            .unwrap_or_else(|| Span::empty(self.toks.last().map_or(0, |t| t.span.end as usize)));
        let stmts = if items.is_empty() {
            Vec::new()
        } else {
            vec![Stmt {
                file: self.file,
                items,
                span: open.to(close),
            }]
        };
        Block { open, close, stmts }
    }

    fn block(&mut self, place: Place) -> Block {
        let open = self.toks[self.pos].span;
        self.pos += 1;
        self.depth += 1;
        let stmts = if self.depth > MAX_DEPTH {
            self.fault(
                open,
                format!("blocks nested deeper than {MAX_DEPTH} levels"),
                "named.conf never needs this depth; the file is probably damaged",
            );
            // Skip to the matching close.
            let mut d = 1usize;
            while let Some(t) = self.peek() {
                match t.tok {
                    Tok::Open => d += 1,
                    Tok::Close => {
                        d -= 1;
                        if d == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                self.pos += 1;
            }
            Vec::new()
        } else {
            self.stmts(place, Some(open))
        };
        self.depth -= 1;
        let close = match self.peek() {
            Some(t) if t.tok == Tok::Close => {
                let s = t.span;
                self.pos += 1;
                s
            }
            _ => Span::empty(self.toks.last().map_or(0, |t| t.span.end as usize)),
        };
        Block { open, close, stmts }
    }
}

/// Statements whose block is text for a module, not named.conf statements.
const RAW_BLOCKS: &[&str] = &["dyndb"];

/// Statements whose `{ … }` block may be followed by more of the statement.
const WORDS_AFTER_BLOCK: &[&str] = &[
    "response-policy",
    "deny-answer-aliases",
    "deny-answer-addresses",
    "response-padding",
];

#[cfg(test)]
mod tests {
    use super::*;

    struct Kw;
    impl Keywords for Kw {
        fn is_keyword(&self, _: Place, w: &str) -> bool {
            matches!(w, "recursion" | "allow-query" | "zone" | "options")
        }
    }

    fn parse_str(s: &str) -> (Vec<Stmt>, Vec<SyntaxFault>) {
        let (toks, _, mut faults) = lex(s.as_bytes());
        let st = parse(FileId(0), &toks, &Kw, &mut faults);
        (st, faults)
    }

    #[test]
    fn nested_blocks_and_comments() {
        let (st, f) = parse_str(
            "# c\noptions { // x\n allow-query { !192.0.2.1; { any; }; }; /* y */ };\nzone \"a\" IN { type primary; };\n",
        );
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(st.len(), 2);
        let b = st[0].block().unwrap();
        let aq = b.find("allow-query").unwrap();
        assert_eq!(aq.block().unwrap().stmts.len(), 2);
        assert_eq!(st[1].arg(0).unwrap().text, "a");
        assert!(st[1].arg(0).unwrap().quoted);
    }

    #[test]
    fn missing_semicolons_are_found_and_reading_goes_on() {
        let (st, f) =
            parse_str("options {\n recursion yes\n allow-query { any; }\n};\nzone \"x\" { }\n");
        let msgs: Vec<_> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "missing ';' before 'allow-query'",
                "missing ';' before '}'",
                "missing ';' at the end of the file"
            ]
        );
        assert_eq!(st.len(), 2);
        assert_eq!(st[0].block().unwrap().stmts.len(), 2);
        let (st, f) = parse_str(
            "options { recursion no; }
zone \"x\" { };
",
        );
        assert_eq!(f[0].message, "missing ';' after '}'");
        assert_eq!(st.len(), 2);
    }

    #[test]
    fn unterminated_things() {
        let (_, f) = parse_str("options { directory \"/x;\n");
        assert!(f.iter().any(|f| f.message.contains("never closed")));
        let (_, f) = parse_str("/* x");
        assert!(f.iter().any(|f| f.message.contains("comment")));
        let (_, f) = parse_str(&"{".repeat(5000));
        assert!(f.iter().any(|f| f.message.contains("nested")));
    }
}
