//! The entry parser: directives and records, from lexer entries to the [`Zone`] model.
//!
//! The owner, TTL, class and type fields are read here; the record data goes through
//! `domain`'s typed parsers via [`TokenScanner`]. A fault in one entry is reported as a
//! `syntax-error` at the exact field and reading goes on with the next entry.

use super::extra_types;
use super::lexer::{Entry, Lexer, Token};
use super::model::{DName, Data, OriginSource, Rdata, Record, WrittenName, Zone};
use super::scanner::ScanError;
use super::scanner::TokenScanner;
use super::svcb;
use super::text::{parse_name, parse_ttl, unescape, NameArena};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::tree::Tree;
use bytes::Bytes;
use domain::base::iana::SecurityAlgorithm;
use domain::base::iana::{Class, Rtype};
use domain::base::name::FlattenInto;
use domain::base::rdata::UnknownRecordData;
use domain::base::scan::{Scan, Scanner, ScannerError};
use domain::base::{ParseRecordData, ParsedName};
use domain::base::{Serial, Ttl};
use domain::dep::octseq::Parser;
use domain::rdata::dnssec::Timestamp;
use domain::rdata::{Rrsig, Soa, Txt, ZoneRecordData};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub const SYNTAX: &str = crate::rules::reader::syntax_error::NAME;
pub const INCLUDE: &str = crate::rules::reader::include_unresolved::NAME;
pub const UNCHECKED: &str = crate::rules::reader::unchecked_record_type::NAME;
pub const UNREADABLE: &str = crate::rules::reader::file_unreadable::NAME;

/// `$INCLUDE` nesting limit.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// Records one `$GENERATE` may produce.
pub const MAX_GENERATE: u64 = 1_000_000;

/// Reads a zone from its main file (already registered in the tree).
pub fn read_zone(tree: &Tree, main: FileId, origin: DName, origin_source: OriginSource) -> Zone {
    read_zone_with(tree, main, origin, origin_source, None)
}

/// A tree in memory holding one file, `text`, and that file's id: for zone text that
/// comes from elsewhere (no `$INCLUDE` leaves it).
fn memory_tree(text: &[u8]) -> (Tree, FileId) {
    use crate::tree::{Backend, MemoryEntry};
    let root = std::path::PathBuf::from("/memory");
    let file = root.join("zone");
    let mut files = std::collections::BTreeMap::new();
    files.insert(file.clone(), MemoryEntry::File(text.to_vec()));
    let mut tree = Tree::new(root.clone(), root);
    tree.backend = Backend::Memory(files);
    let (id, _) = tree.read(&file);
    (tree, id)
}

/// Reads zone text held in memory (no `$INCLUDE` leaves it): for tests and tools that
/// look at the records a text gives, as `zonelint check` would read them.
pub fn read_zone_text(text: &[u8], origin: &DName) -> Zone {
    let (tree, id) = memory_tree(text);
    read_zone(&tree, id, origin.clone(), OriginSource::CommandLine)
}

/// What the reader says of zone text held in memory, and how many records it read,
/// without building the zone's indexes: for records embedded one at a time in other
/// files (unbound.conf's `local-data:`), where a zone model per record would cost far
/// more than reading it.
pub fn read_records_text(text: &[u8], origin: &DName) -> (Vec<Diagnostic>, usize) {
    let (tree, id) = memory_tree(text);
    let mut r = Reader::new(
        &tree,
        Zone::new(origin.clone(), OriginSource::CommandLine, id),
    );
    let mut st = FileState {
        origin: origin.clone(),
        origin_id: None,
        default_ttl: None,
        last_owner: None,
    };
    r.read_file(id, &mut st);
    let n = r.zone.records.len();
    (std::mem::take(&mut r.zone.reader_findings), n)
}

/// Reads a DS file (`dsset-<zone>.` as dnssec-signzone writes it: absolute owners, no
/// TTL, no `$TTL`) with the child zone's name as origin.
pub fn read_ds_set(tree: &Tree, file: FileId, zone: DName) -> Zone {
    read_zone_with(tree, file, zone, OriginSource::FileName, Some(0))
}

fn read_zone_with(
    tree: &Tree,
    main: FileId,
    origin: DName,
    origin_source: OriginSource,
    default_ttl: Option<u32>,
) -> Zone {
    let file = tree.get(main);
    let chunks = if rayon::current_num_threads() > 1 && file.text.len() >= PARALLEL_MIN {
        split_points(&file.text, &origin, rayon::current_num_threads() * 4)
    } else {
        None
    };
    let Some(chunks) = chunks else {
        let mut r = Reader::new(tree, Zone::new(origin.clone(), origin_source, main));
        // About 45 bytes a record in typical zone files.
        r.zone.reserve(file.text.len() / 45);
        let mut st = FileState {
            origin,
            origin_id: None,
            default_ttl,
            last_owner: None,
        };
        r.read_file(main, &mut st);
        let mut zone = Zone::join(vec![r.zone]);
        zone.build_index();
        return zone;
    };
    // Parallel reading (a file without `$INCLUDE`): each part of the file with the state
    // the pre-scan found at its start; the parts are then joined in file order.
    let ends: Vec<usize> = chunks
        .iter()
        .skip(1)
        .map(|c| c.start)
        .chain([file.text.len()])
        .collect();
    // The first part is read first: the class of its first record is the file's, and
    // every other part starts knowing it (a CHAOS zone's later records leave the class
    // out), so the result does not depend on the thread count.
    let read_part = |(c, end): (Chunk, usize), class: Option<Class>| {
        let zone = Zone::new(origin.clone(), origin_source.clone(), main);
        let mut pr = Reader::new(tree, zone);
        pr.class = class;
        pr.zone.reserve((end - c.start) / 45);
        let mut st = FileState {
            origin: c.origin,
            origin_id: None,
            default_ttl: c.default_ttl,
            last_owner: None,
        };
        pr.read_range(main, &mut st, c.start, end);
        pr.zone.class = pr.class.unwrap_or(Class::IN);
        (pr.class, pr.zone)
    };
    let mut rest: Vec<(Chunk, usize)> = chunks.into_iter().zip(ends).collect();
    let first = rest.remove(0);
    let (class, first) = read_part(first, None);
    let parts: Vec<Zone> = std::iter::once(first)
        .chain(
            rest.into_par_iter()
                .map(|c| read_part(c, class).1)
                .collect::<Vec<Zone>>(),
        )
        .collect();
    let mut zone = Zone::join(parts);
    zone.build_index();
    zone
}

/// Files from this size on are read in parallel parts.
pub const PARALLEL_MIN: usize = 4 << 20;

/// Where a part of a file starts, and the reader's state there.
struct Chunk {
    start: usize,
    origin: DName,
    default_ttl: Option<u32>,
}

/// Splits a file into about `want` parts for parallel reading. A part starts at a line
/// outside parentheses and quotes that begins with an owner name, so it needs nothing
/// of the previous part but the `$ORIGIN` and `$TTL` in effect, which this pre-scan
/// tracks; part `k` starts at the first such line at or after `k` times the file
/// length over `want`. Returns `None` (read it in one piece) when the file has
/// `$INCLUDE` (whose `$TTL` flows back) or no `$TTL` before a split point (TTLs would
/// then carry over from the previous record).
///
/// The scan itself runs on stretches of the file in parallel, each from the state
/// "outside parentheses and quotes" (on a 46 MB zone it took 22 ms of one core before
/// any part could start). Only the few lines it keeps are then walked in order; a
/// stretch whose real starting state turns out to be another is scanned again from it,
/// so the result is the one a scan from the top would give.
fn split_points(text: &[u8], origin: &DName, want: usize) -> Option<Vec<Chunk>> {
    // Stretches of about 1 MB: one that starts inside a multi-line entry is scanned
    // again, and a short one costs little to scan again.
    split_points_in(text, origin, want, (text.len() >> 20).clamp(want, 1024))
}

/// [`split_points`], the pre-scan made in `stretches` stretches.
fn split_points_in(
    text: &[u8],
    origin: &DName,
    want: usize,
    stretches: usize,
) -> Option<Vec<Chunk>> {
    use rayon::prelude::*;
    let step = text.len() / want.max(1) + 1;
    // Stretches of the file, each starting at a line start.
    let stretch = text.len() / stretches.max(1) + 1;
    let mut bounds = vec![0];
    for k in 1..stretches {
        let at = (k * stretch).max(bounds[bounds.len() - 1]);
        let start =
            memchr::memchr(b'\n', &text[at.min(text.len())..]).map_or(text.len(), |p| at + p + 1);
        bounds.push(start);
    }
    bounds.push(text.len());
    let clean = LineState::default();
    let scans: Vec<LineScan> = bounds
        .par_windows(2)
        .map(|w| scan_lines(text, w[0], w[1], clean, step))
        .collect();
    let mut chunks = vec![Chunk {
        start: 0,
        origin: origin.clone(),
        default_ttl: None,
    }];
    let (mut cur_origin, mut cur_ttl) = (origin.clone(), None);
    let mut next_split = step;
    let mut state = clean;
    let mut toks = Vec::new();
    for (w, scan) in bounds.windows(2).zip(scans) {
        let scan = if state == clean {
            scan
        } else {
            scan_lines(text, w[0], w[1], state, step)
        };
        let mut directives = scan.directives.iter().peekable();
        for &at in scan.candidates.iter().chain([&usize::MAX]) {
            while let Some(&(start, end)) = directives.next_if(|d| d.0 < at) {
                let mut lx = Lexer::range(text, start, end);
                if lx.next_entry(&mut toks).is_some() {
                    let word = &text[toks[0].span.range()];
                    let arg = toks.get(1).map(|t| &text[t.content().range()]);
                    // `$INCLUDE` (its `$TTL` flows back) and `$GENERATE` (its record
                    // budget is the file's, counted in file order) keep a file whole.
                    if word.eq_ignore_ascii_case(b"$INCLUDE")
                        || word.eq_ignore_ascii_case(b"$GENERATE")
                    {
                        return None;
                    } else if word.eq_ignore_ascii_case(b"$ORIGIN") {
                        if let Some(Ok((n, _))) = arg.map(|a| parse_name(a, &cur_origin)) {
                            cur_origin = n;
                        }
                    } else if word.eq_ignore_ascii_case(b"$TTL") {
                        if let Some(Ok(t)) = arg.map(parse_ttl) {
                            cur_ttl = Some(t);
                        }
                    }
                }
            }
            if at != usize::MAX && at >= next_split {
                cur_ttl?;
                chunks.push(Chunk {
                    start: at,
                    origin: cur_origin.clone(),
                    default_ttl: cur_ttl,
                });
                next_split = (at / step + 1) * step;
            }
        }
        state = scan.end;
    }
    (chunks.len() > 1).then_some(chunks)
}

/// The pre-scan's state at a line start: the parenthesis depth, and what the line
/// before handed over.
#[derive(Clone, Copy, PartialEq, Default)]
struct LineState {
    depth: u32,
    carry: Carry,
}

/// What the pre-scan keeps of a stretch of lines.
struct LineScan {
    /// Lines starting with `$` outside parentheses: (start, end).
    directives: Vec<(usize, usize)>,
    /// Lines where a part may start: the stretch's first, and the first at or after
    /// each multiple of the step.
    candidates: Vec<usize>,
    /// The state after the stretch.
    end: LineState,
}

/// Scans the lines of `text[start..end]` (`start` a line start) from `state`.
fn scan_lines(text: &[u8], start: usize, end: usize, state: LineState, step: usize) -> LineScan {
    let mut out = LineScan {
        directives: Vec::new(),
        candidates: Vec::new(),
        end: state,
    };
    let LineState {
        mut depth,
        mut carry,
    } = state;
    // The first multiple of the step after the last candidate kept (0: none kept yet).
    let mut next_mult = 0;
    // Line by line; only a line with a parenthesis or a quote is read byte by byte, to
    // follow the nesting depth. A line that ends in a backslash continues. The line
    // ends and the parentheses and quotes come from two memchr iterators over the whole
    // stretch (a search per line cost more than the scan itself: lines are short).
    let hay = &text[start..end];
    let mut newlines = memchr::memchr_iter(b'\n', hay);
    let mut specials = memchr::memchr3_iter(b'(', b')', b'"', hay);
    let mut next_special = specials.next().unwrap_or(usize::MAX);
    let mut ls = 0;
    while ls < hay.len() {
        let le = newlines.next().unwrap_or(hay.len());
        let line = &hay[ls..le];
        if depth == 0 && carry == Carry::Nothing {
            let pos = start + ls;
            match line.first() {
                Some(b'$') => out.directives.push((pos, start + le)),
                None | Some(b' ' | b'\t' | b'\r' | b';' | b'(' | b')' | b'"') => {}
                Some(_) if pos >= next_mult => {
                    out.candidates.push(pos);
                    next_mult = (pos / step + 1) * step;
                }
                Some(_) => {}
            }
        }
        let special = next_special < le;
        while next_special < le {
            next_special = specials.next().unwrap_or(usize::MAX);
        }
        if carry != Carry::Nothing || special || line.last() == Some(&b'\\') {
            (depth, carry) = line_depth(line, depth, carry);
        }
        ls = le + 1;
    }
    out.end = LineState { depth, carry };
    out
}

/// What a line hands over to the next one in the pre-scan.
#[derive(Clone, Copy, PartialEq, Default)]
enum Carry {
    #[default]
    Nothing,
    /// The line ended in a backslash: the next line does not start an entry.
    Escape,
    /// The line ended in a backslash inside a quoted string, which goes on.
    Quote,
}

/// The parenthesis depth after a line (comments, quotes and escapes followed). A
/// quoted string ends at the end of its line unless the newline is escaped.
fn line_depth(line: &[u8], mut depth: u32, carry: Carry) -> (u32, Carry) {
    let mut i = 0;
    let mut quote = carry == Carry::Quote;
    while i < line.len() {
        let c = line[i];
        if c == b'\\' {
            if i + 1 == line.len() {
                return (depth, if quote { Carry::Quote } else { Carry::Escape });
            }
            i += 2;
            continue;
        }
        if quote {
            quote = c != b'"';
        } else {
            match c {
                b';' => break,
                b'"' => quote = true,
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    (depth, Carry::Nothing)
}

/// The origin a file states itself (looked for among the first 64 entries): the owner
/// of its first SOA, read under the `$ORIGIN`s before it (`$ORIGIN .` then
/// `example.com IN SOA …` is the zone `example.com.`); else, when a record with a
/// relative owner comes first, the `$ORIGIN` in effect there (not the root).
pub fn leading_origin(text: &[u8]) -> Option<DName> {
    leading_origin_with(text, &mut |_| None).map(|(o, _)| o)
}

/// [`leading_origin`], where the records that an `$INCLUDE` before the first record
/// supplies count too (an SOA kept in `soa.inc`): `include` gives the first bytes of an
/// included file by its written path, or `None`. One level of inclusion is followed.
/// The flag says the SOA was written `@` while `$ORIGIN .` was in effect: a file meant
/// for another zone whose author reset the origin (not a root zone, whose SOA owner is
/// written `.`).
pub fn leading_origin_with(
    text: &[u8],
    include: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
) -> Option<(DName, bool)> {
    match scan_leading(text, None, include, 1) {
        Lead::Soa(o) => o.map(|o| (o, false)),
        Lead::SoaAtRoot => Some((DName::root_bytes(), true)),
        Lead::Stop(cur) | Lead::End(cur) => cur.filter(|c| !c.is_root()).map(|c| (c, false)),
    }
}

/// How a scan for the leading origin ended.
enum Lead {
    /// At the first SOA: its owner (`None` when it cannot be worked out).
    Soa(Option<DName>),
    /// At the first SOA, written `@` while `$ORIGIN .` is in effect.
    SoaAtRoot,
    /// At a record with a relative owner, with the origin in effect.
    Stop(Option<DName>),
    /// Out of text (or entries) before any of those, with the origin in effect.
    End(Option<DName>),
}

fn scan_leading(
    text: &[u8],
    mut current: Option<DName>,
    include: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    depth: u8,
) -> Lead {
    let mut lx = Lexer::new(text);
    let mut toks = Vec::new();
    // The origin in effect: `$ORIGIN` may change it before the SOA (dump-style files
    // written by named start with `$ORIGIN .` and an SOA owned by `example.com`, a name
    // relative to the root, that is the absolute name it reads as).
    for _ in 0..64 {
        let Some(e) = lx.next_entry(&mut toks) else {
            break;
        };
        let first = &text[toks[0].span.range()];
        let directive = |d: &[u8]| first.eq_ignore_ascii_case(d) && !e.blank_owner;
        if directive(b"$ORIGIN") || directive(b"$INCLUDE") {
            let Some(arg) = toks.get(if directive(b"$ORIGIN") { 1 } else { 2 }) else {
                if directive(b"$ORIGIN") {
                    return Lead::Soa(None);
                }
                // `$INCLUDE file`: its records are read under the origin in effect.
                match follow(text, &toks, current.clone(), include, depth) {
                    Some(Lead::Stop(_)) => return Lead::Stop(current),
                    Some(lead) => return lead,
                    None => continue,
                }
            };
            let Some(name) = relative_to(&text[arg.content().range()], &current) else {
                return Lead::Soa(None);
            };
            if directive(b"$ORIGIN") {
                current = Some(name);
                continue;
            }
            // `$INCLUDE file origin`: the origin holds inside the included file only.
            match follow(text, &toks, Some(name), include, depth) {
                Some(Lead::Stop(_)) => return Lead::Stop(current),
                Some(lead) => return lead,
                None => continue,
            }
        }
        if first.starts_with(b"$") && !e.blank_owner {
            continue; // $TTL, $GENERATE, …
        }
        let (owner, rest) = if e.blank_owner {
            (None, &toks[..])
        } else {
            (Some(first), &toks[1..])
        };
        let is_soa = rest
            .iter()
            .take(3)
            .any(|t| text[t.span.range()].eq_ignore_ascii_case(b"SOA"));
        if !is_soa {
            if owner.is_some_and(|o| o.ends_with(b".")) {
                continue;
            }
            // A relative owner before the SOA: the origin in effect is the best guess.
            return Lead::Stop(current);
        }
        let Some(owner) = owner else {
            return Lead::Soa(None);
        };
        if owner == b"@" {
            return match current {
                Some(c) if c.is_root() => Lead::SoaAtRoot,
                c => Lead::Soa(c),
            };
        }
        // A relative owner needs the origin we are looking for.
        return Lead::Soa(relative_to(owner, &current));
    }
    Lead::End(current)
}

/// A name as written, made absolute under `current` (`None`: it is relative and no
/// origin is known, or it does not parse).
fn relative_to(written: &[u8], current: &Option<DName>) -> Option<DName> {
    let raw = unescape(written).ok()?;
    let base = match (current, raw.ends_with(b".")) {
        (_, true) => DName::root_bytes(),
        (Some(c), false) => c.clone(),
        (None, false) => return None,
    };
    parse_name(written, &base).ok().map(|(n, _)| n)
}

/// An `$INCLUDE` met before any record: the lead its file gives (an SOA, or a relative
/// record that ends the search: the caller puts its own origin in that `Stop`), or
/// `None` to go on after it.
fn follow(
    text: &[u8],
    toks: &[Token],
    origin: Option<DName>,
    include: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    depth: u8,
) -> Option<Lead> {
    let path = toks.get(1)?;
    let path = String::from_utf8(unescape(&text[path.content().range()]).ok()?).ok()?;
    let head = (depth > 0).then(|| include(&path)).flatten()?;
    match scan_leading(&head, origin.clone(), include, depth - 1) {
        Lead::Soa(o) => Some(Lead::Soa(o)),
        Lead::SoaAtRoot => Some(Lead::SoaAtRoot),
        Lead::Stop(_) => Some(Lead::Stop(None)),
        Lead::End(_) => None,
    }
}

struct FileState {
    origin: DName,
    /// `origin`'s index in [`Zone::origins`], once a relative name needed it.
    origin_id: Option<u32>,
    default_ttl: Option<u32>,
    /// The previous owner: its id and the text it was written as.
    last_owner: Option<(u32, Vec<u8>, bool)>,
}

struct Reader<'t> {
    tree: &'t Tree,
    zone: Zone,
    stack: Vec<PathBuf>,
    class: Option<Class>,
    last_ttl: Option<u32>,
    generated: u64,
    /// What the `$INCLUDE`s of this zone have read.
    includes: crate::tree::IncludeBudget,
    /// Where the names of the records go.
    names: NameArena,
}

/// Where the spans of an entry point.
#[derive(Clone, Copy)]
enum Place {
    /// Spans of the tokens are real.
    Source,
    /// The entry is a `$GENERATE` expansion: every span is the directive's.
    Generated(Span),
}

impl Place {
    fn map(self, s: Span) -> Span {
        match self {
            Place::Source => s,
            Place::Generated(g) => g,
        }
    }
}

impl<'t> Reader<'t> {
    /// A reader at the start of a zone's main file (or of a part of it).
    fn new(tree: &'t Tree, zone: Zone) -> Reader<'t> {
        Reader {
            tree,
            zone,
            stack: Vec::new(),
            class: None,
            last_ttl: None,
            generated: 0,
            includes: Default::default(),
            names: NameArena::default(),
        }
    }

    fn err(&mut self, file: FileId, span: Span, msg: impl Into<String>, help: Option<&str>) {
        let mut d = Diagnostic::new(SYNTAX, file, span, msg);
        if let Some(h) = help {
            d = d.help(h);
        }
        self.zone.reader_findings.push(d);
    }

    fn read_file(&mut self, file: FileId, st: &mut FileState) {
        let len = self.tree.get(file).text.len();
        self.read_range(file, st, 0, len);
    }

    fn read_range(&mut self, file: FileId, st: &mut FileState, start: usize, end: usize) {
        let src = self.tree.get(file);
        let text: &[u8] = &src.text;
        let mut lx = Lexer::range(text, start, end);
        let mut tokens: Vec<Token> = Vec::new();
        while let Some(entry) = lx.next_entry(&mut tokens) {
            let first = tokens[0];
            let ft = &text[first.span.range()];
            if !entry.blank_owner && !first.quoted && ft.first() == Some(&b'$') {
                self.directive(file, text, &tokens, &entry, st);
            } else {
                self.record(file, text, &tokens, &entry, st, Place::Source);
            }
        }
        self.zone
            .directive_comments
            .extend(lx.directive_comments.iter().map(|s| (file, *s)));
        for e in std::mem::take(&mut lx.errors) {
            self.err(file, e.span, e.message, None);
        }
    }

    fn directive(
        &mut self,
        file: FileId,
        text: &[u8],
        toks: &[Token],
        entry: &Entry,
        st: &mut FileState,
    ) {
        let name = &text[toks[0].span.range()];
        let arg = |i: usize| toks.get(i).map(|t| &text[t.content().range()]);
        let end = Span::empty(entry.span.end as usize);
        if name.eq_ignore_ascii_case(b"$ORIGIN") {
            let Some(a) = arg(1) else {
                return self.err(
                    file,
                    toks[0].span,
                    "$ORIGIN without a name",
                    Some("write `$ORIGIN example.com.`"),
                );
            };
            match parse_name(a, &st.origin) {
                Ok((n, _)) => {
                    st.origin = n;
                    st.origin_id = None;
                    // A record with a blank owner right after `$ORIGIN` keeps the
                    // previous owner, as BIND loads it (dump-style files written by
                    // named do this); the owner's text means another name from here.
                    if let Some(last) = &mut st.last_owner {
                        last.1.clear();
                    }
                }
                Err(e) => self.err(
                    file,
                    toks[1].span,
                    format!("invalid $ORIGIN name: {}", e.message()),
                    None,
                ),
            }
            if toks.len() > 2 {
                self.err(
                    file,
                    toks[2].span,
                    "unexpected data after the $ORIGIN name",
                    None,
                );
            }
        } else if name.eq_ignore_ascii_case(b"$TTL") {
            let Some(a) = arg(1) else {
                return self.err(
                    file,
                    end,
                    "$TTL without a value",
                    Some("write `$TTL 3600` or `$TTL 1h`"),
                );
            };
            match parse_ttl(a) {
                Ok(v) => st.default_ttl = Some(v),
                Err(m) => self.err(
                    file,
                    toks[1].span,
                    format!("invalid $TTL `{}`: {m}", String::from_utf8_lossy(a)),
                    None,
                ),
            }
            if toks.len() > 2 {
                self.err(
                    file,
                    toks[2].span,
                    "unexpected data after the $TTL value",
                    None,
                );
            }
        } else if name.eq_ignore_ascii_case(b"$INCLUDE") {
            self.include(file, text, toks, st);
        } else if name.eq_ignore_ascii_case(b"$GENERATE") {
            self.generate(file, text, toks, entry, st);
        } else {
            self.err(
                file,
                toks[0].span,
                format!("unknown directive `{}`", String::from_utf8_lossy(name)),
                Some("the directives are $ORIGIN, $TTL, $INCLUDE and $GENERATE; an owner name cannot start with '$' unless it is escaped (`\\$`)"),
            );
        }
    }

    /// An `$INCLUDE` that could not be followed: the zone is incomplete.
    fn include_failed(&mut self, file: FileId, span: Span, msg: String, help: &str) {
        self.zone.incomplete = true;
        self.zone
            .reader_findings
            .push(Diagnostic::new(INCLUDE, file, span, msg).help(help));
    }

    fn include(&mut self, file: FileId, text: &[u8], toks: &[Token], st: &mut FileState) {
        let Some(pt) = toks.get(1) else {
            return self.err(file, toks[0].span, "$INCLUDE without a file name", None);
        };
        let path_raw = match unescape(&text[pt.content().range()]) {
            Ok(p) => String::from_utf8_lossy(&p).into_owned(),
            Err(m) => return self.err(file, pt.span, m, None),
        };
        let inc_origin = match toks.get(2) {
            Some(t) => match parse_name(&text[t.content().range()], &st.origin) {
                Ok((n, _)) => Some(n),
                Err(e) => {
                    return self.err(
                        file,
                        t.span,
                        format!("invalid $INCLUDE origin: {}", e.message()),
                        None,
                    )
                }
            },
            None => None,
        };
        if toks.len() > 3 {
            self.err(
                file,
                toks[3].span,
                "unexpected data after the $INCLUDE origin",
                None,
            );
        }
        let including = self.tree.get(file).path.clone();
        let dir = including.parent().unwrap_or(Path::new(".")).to_path_buf();
        let root = self.tree.root.clone();
        let resolved = self.tree.resolve(&path_raw, &[&dir, &root]);
        let span = pt.span;
        let path = match resolved {
            Ok(p) => p,
            Err(m) => {
                let outside = matches!(m, crate::tree::ResolveError::Outside(_));
                if !outside && is_key_file(&path_raw) {
                    // `$INCLUDE Kexample.com.+013+12345.key`: dnssec-keygen writes the key
                    // on the signing server; repositories rightly leave keys out.
                    self.include_failed(file, span, format!("$INCLUDE {m}"), "dnssec-keygen writes this key file on the signing server; the zone's DNSKEY records from it are not checked here");
                    if let Some(d) = self.zone.reader_findings.last_mut() {
                        d.severity = crate::diagnostic::Severity::Info;
                    }
                    return;
                }
                return self.include_failed(file, span, format!("$INCLUDE {m}"), "include files by a path inside the repository, relative to the zone file or to the repository root");
            }
        };
        // The stack starts with the main file's canonical path, found at its first
        // `$INCLUDE`: canonicalizing costs a system call per path component, which
        // most of 20,000 zone files of a repository never need.
        if self.stack.is_empty() {
            if let Ok(c) = std::fs::canonicalize(&including) {
                self.stack.push(c);
            }
        }
        if self.stack.contains(&path) {
            return self.include_failed(
                file,
                span,
                format!("$INCLUDE loop: `{path_raw}` is already being read"),
                "remove the $INCLUDE that leads back to a file that includes it",
            );
        }
        if self.stack.len() >= MAX_INCLUDE_DEPTH {
            return self.include_failed(
                file,
                span,
                format!("$INCLUDE nested more than {MAX_INCLUDE_DEPTH} deep"),
                "flatten the chain of included files",
            );
        }
        if let Err(m) = self.includes.take_read() {
            if !std::mem::replace(&mut self.includes.reported, true) {
                self.include_failed(
                    file,
                    span,
                    format!("$INCLUDE `{path_raw}`: {m}"),
                    "include each file once; a zone that needs more is not one zonelint checks",
                );
            }
            return;
        }
        let (id, res) = self.tree.read(&path);
        if let Err(e) = res {
            return self.include_failed(
                file,
                span,
                format!("$INCLUDE `{path_raw}`: {}", e.message),
                "make the included file a readable text file inside the repository",
            );
        }
        self.includes.add_bytes(self.tree.get(id).text.len());
        self.zone.files.push(id);
        self.stack.push(path);
        let mut inner = FileState {
            origin: inc_origin.unwrap_or_else(|| st.origin.clone()),
            origin_id: None,
            default_ttl: st.default_ttl,
            // BIND: a blank owner at the top of an included file is the including file's
            // current owner.
            last_owner: st.last_owner.clone(),
        };
        self.read_file(id, &mut inner);
        self.stack.pop();
        // BIND and NSD keep a `$TTL` set inside an included file; the origin and the
        // current owner go back to the including file's.
        st.default_ttl = inner.default_ttl;
    }

    fn generate(
        &mut self,
        file: FileId,
        text: &[u8],
        toks: &[Token],
        entry: &Entry,
        st: &mut FileState,
    ) {
        let span = entry.span;
        if toks.len() < 5 {
            return self.err(
                file,
                span,
                "$GENERATE needs a range, an owner, a type and record data",
                Some("write `$GENERATE 1-10 host$ A 192.0.2.$`"),
            );
        }
        let range = String::from_utf8_lossy(&text[toks[1].content().range()]).into_owned();
        let Some((start, stop, step)) = parse_range(&range) else {
            return self.err(
                file,
                toks[1].span,
                format!("invalid $GENERATE range `{range}`"),
                Some("write start-stop or start-stop/step, with start <= stop"),
            );
        };
        let count = (stop - start) / step + 1;
        if self.generated + count > MAX_GENERATE {
            return self.err(
                file,
                toks[1].span,
                format!("$GENERATE would create more than {MAX_GENERATE} records"),
                None,
            );
        }
        if !self.tree.take_generated(count) {
            return self.err(
                file,
                toks[1].span,
                format!(
                    "$GENERATE not expanded: the run's budget of {} generated records is spent",
                    crate::tree::MAX_GENERATED_IN_RUN
                ),
                None,
            );
        }
        self.generated += count;
        let lhs = text[toks[2].content().range()].to_vec();
        let rhs_tok = toks[toks.len() - 1];
        let rhs = text[rhs_tok.content().range()].to_vec();
        let middle: Vec<&[u8]> = toks[3..toks.len() - 1]
            .iter()
            .map(|t| &text[t.span.range()])
            .collect();
        let mut i = start;
        let mut line = Vec::new();
        let mut gtoks = Vec::new();
        // The records of one directive fail the same way: the faults of the first failing
        // record are kept, the others counted (a million identical findings help nobody).
        let mut first_fault: Option<usize> = None;
        let mut more = 0usize;
        while i <= stop {
            line.clear();
            let (l, r) = match (expand(&lhs, i), expand(&rhs, i)) {
                (Ok(l), Ok(r)) => (l, r),
                (Err(m), _) | (_, Err(m)) => {
                    return self.err(file, span, format!("invalid $GENERATE template: {m}"), None)
                }
            };
            line.extend_from_slice(&l);
            for m in &middle {
                line.push(b' ');
                line.extend_from_slice(m);
            }
            line.push(b' ');
            line.extend_from_slice(&r);
            let mut lx = Lexer::new(&line);
            if let Some(e) = lx.next_entry(&mut gtoks) {
                let n0 = self.zone.reader_findings.len();
                self.record(file, &line, &gtoks, &e, st, Place::Generated(span));
                let n1 = self.zone.reader_findings.len();
                if n1 > n0 {
                    if first_fault.is_none() {
                        first_fault = Some(n0);
                    } else {
                        more += n1 - n0;
                        self.zone.reader_findings.truncate(n0);
                    }
                }
            }
            i += step;
        }
        if let (Some(k), true) = (first_fault, more > 0) {
            self.zone.reader_findings[k].message +=
                &format!(" (and {more} more faults in the records of this $GENERATE)");
        }
    }

    fn record(
        &mut self,
        file: FileId,
        text: &[u8],
        toks: &[Token],
        entry: &Entry,
        st: &mut FileState,
        place: Place,
    ) {
        let sp = |t: &Token| place.map(t.span);
        let entry_span = place.map(entry.span);
        let mut idx = 0;
        // Owner.
        let owner_span;
        let mut owner_rel: Option<Span> = None;
        let owner = if entry.blank_owner {
            owner_span = place.map(Span::empty(entry.line_start as usize));
            match &st.last_owner {
                Some((id, _, _)) => *id,
                None => {
                    return self.err(file, entry_span, "the record has no owner: the line starts with white space but no owner came before it", Some("write the owner name at the start of the line"));
                }
            }
        } else {
            let t = toks[0];
            idx = 1;
            owner_span = sp(&t);
            let raw = &text[t.content().range()];
            let rel_written = |rel: bool| rel && raw != b"@" && matches!(place, Place::Source);
            match &st.last_owner {
                Some((id, prev, rel))
                    if prev.as_slice() == raw && matches!(place, Place::Source) =>
                {
                    if rel_written(*rel) {
                        owner_rel = Some(t.content());
                    }
                    *id
                }
                _ => match self.names.parse(raw, &st.origin) {
                    Ok((n, rel)) => {
                        let id = self.zone.push_owner(n);
                        st.last_owner = Some((id, raw.to_vec(), rel));
                        if rel_written(rel) {
                            owner_rel = Some(t.content());
                        }
                        id
                    }
                    Err(e) => {
                        return self.err(
                            file,
                            owner_span,
                            format!(
                                "invalid owner name `{}`: {}",
                                String::from_utf8_lossy(raw),
                                e.message()
                            ),
                            None,
                        );
                    }
                },
            }
        };
        // TTL and class, in either order.
        let mut ttl = None;
        let mut class = None;
        for _ in 0..2 {
            let Some(t) = toks.get(idx) else { break };
            let raw = &text[t.span.range()];
            if t.quoted {
                break;
            }
            if raw.first().is_some_and(u8::is_ascii_digit) && ttl.is_none() {
                match parse_ttl(raw) {
                    Ok(v) => ttl = Some(v),
                    Err(m) => {
                        return self.err(
                            file,
                            sp(t),
                            format!("invalid TTL `{}`: {m}", String::from_utf8_lossy(raw)),
                            None,
                        );
                    }
                }
                idx += 1;
            } else if class.is_none() {
                match parse_class(raw) {
                    Some(c) => {
                        class = Some(c);
                        idx += 1;
                    }
                    None => break,
                }
            } else {
                break;
            }
        }
        // Type.
        let Some(tt) = toks.get(idx) else {
            return self.err(
                file,
                place.map(Span::empty(entry.span.end as usize)),
                "the record has no type",
                Some("a record is: owner [TTL] [class] type data"),
            );
        };
        let traw = &text[tt.span.range()];
        let rtype = match std::str::from_utf8(traw).ok().and_then(|s| {
            // RFC 1348 spells it NSAP-PTR, as BIND does; `domain` knows it as NSAPPTR.
            if s.eq_ignore_ascii_case("NSAP-PTR") {
                Some(Rtype::NSAPPTR)
            } else {
                Rtype::from_str(s).ok()
            }
        }) {
            Some(t) if !tt.quoted => t,
            _ => {
                return self.err(file, sp(tt), format!("unknown record type `{}`", String::from_utf8_lossy(traw)), Some("use a known type mnemonic, or TYPEnnn with RFC 3597 generic data (`TYPE65534 \\# 2 abcd`)"));
            }
        };
        if matches!(rtype.to_int(), 41 | 128..=255) {
            return self.err(
                file,
                sp(tt),
                format!("{rtype} is a meta or query type; it cannot appear in a zone file"),
                None,
            );
        }
        idx += 1;
        let rdata_toks = &toks[idx..];
        let rdata_span = match (rdata_toks.first(), rdata_toks.last()) {
            (Some(a), Some(b)) => place.map(a.span.to(b.span)),
            _ => place.map(Span::empty(entry.span.end as usize)),
        };
        // Class check.
        let class = class.unwrap_or(self.class.unwrap_or(Class::IN));
        match self.class {
            None => {
                self.class = Some(class);
                self.zone.class = class;
            }
            Some(c) if c != class => {
                self.err(
                    file,
                    entry_span,
                    format!("record class {class} differs from the zone's class {c}"),
                    Some("all records of a zone have the class of its first record"),
                );
            }
            _ => {}
        }
        // Record data.
        let (data, relative, unchecked) =
            match scan_rdata(rtype, text, rdata_toks, &st.origin, &mut self.names) {
                Ok(x) => x,
                Err((tok, msg)) => {
                    self.zone.failed.push((owner, rtype));
                    let s = match tok {
                        Some(i) => sp(&rdata_toks[i]),
                        None => place.map(Span::empty(entry.span.end as usize)),
                    };
                    let d =
                        Diagnostic::new(SYNTAX, file, s, format!("invalid {rtype} record: {msg}"))
                            .help(format_help(rtype));
                    self.zone.reader_findings.push(d);
                    return;
                }
            };
        if unchecked {
            let d = Diagnostic::new(
                UNCHECKED,
                file,
                sp(tt),
                format!("{rtype} record data is not checked"),
            )
            .help(format!(
                "zonelint reads {rtype} data only in the RFC 3597 generic form (`\\# length hex`)"
            ));
            self.zone.reader_findings.push(d);
        }
        // TTL resolution.
        let ttl_explicit = ttl.is_some();
        let ttl = match ttl.or(st.default_ttl).or(self.last_ttl) {
            Some(t) => t,
            None => match data.boxed() {
                Some(ZoneRecordData::Soa(soa)) => soa.minimum().as_secs(),
                _ => {
                    self.err(file, entry_span, "no TTL: the record has none, no $TTL came before it and no earlier record gave one", Some("add `$TTL 3600` at the top of the file"));
                    0
                }
            },
        };
        if ttl_explicit || (self.last_ttl.is_none() && st.default_ttl.is_none()) {
            self.last_ttl = Some(ttl);
        }
        let rec_index = self.zone.records.len() as u32;
        // Relative names kept for `missing-trailing-dot`: only those a lost trailing dot
        // could explain (keeping a million single labels under a deep origin would cost
        // memory and time for nothing).
        // Under `$ORIGIN .` a name written without a dot is the absolute name it reads
        // as (dump style): nothing to keep.
        let apex = &self.zone.origin;
        let under_root = st.origin.is_root();
        let keep = |span: Span| {
            !under_root && crate::names::lost_dot_candidate(&text[span.range()], &st.origin, apex)
        };
        let kept_data = relative
            .iter()
            .map(|r| (rdata_toks[r.0].content(), r.1))
            .filter(|&(s, _)| matches!(place, Place::Source) && keep(s));
        let kept = owner_rel
            .filter(|&s| keep(s))
            .map(|s| (s, None))
            .into_iter()
            .chain(kept_data.map(|(s, f)| (s, Some(f))));
        for (span, field) in kept {
            let origin = *st.origin_id.get_or_insert_with(|| {
                self.zone.origins.push(st.origin.clone());
                self.zone.origins.len() as u32 - 1
            });
            self.zone.relative_names.push(WrittenName {
                record: rec_index,
                span,
                field,
                origin,
            });
        }
        // The owner field starts the entry (see `Record::owner_span`).
        debug_assert_eq!(owner_span.start, entry_span.start);
        self.zone.records.push(Record {
            owner,
            rtype,
            class,
            ttl,
            ttl_explicit,
            data,
            file,
            span: entry_span,
            owner_len: owner_span.end - owner_span.start,
            rdata_span,
        });
    }
}

fn parse_class(raw: &[u8]) -> Option<Class> {
    if raw.eq_ignore_ascii_case(b"ANY") || raw.eq_ignore_ascii_case(b"NONE") {
        return None;
    }
    Class::from_str(std::str::from_utf8(raw).ok()?).ok()
}

/// Scans record data. Returns the data (`None` for a type `domain` cannot read in
/// presentation form), the relative names met (token index, field number) and whether
/// the data went unchecked; on error, the token index (`None` = missing field at the
/// end) and a message.
#[allow(clippy::type_complexity)]
fn scan_rdata(
    rtype: Rtype,
    text: &[u8],
    toks: &[Token],
    origin: &DName,
    names: &mut NameArena,
) -> Result<(Data, Vec<(usize, u8)>, bool), (Option<usize>, String)> {
    // The bulk of large zones, an address in one plain token, is read here with the
    // parse `domain` uses (`Ipv4Addr`/`Ipv6Addr` from the text) but without its scanner
    // and its 144-byte data type; anything else, errors included, goes the long way.
    if let ([t], Rtype::A | Rtype::AAAA) = (toks, rtype) {
        let s = (!t.quoted && !t.escaped)
            .then(|| std::str::from_utf8(&text[t.span.range()]).ok())
            .flatten();
        let addr = match (s, rtype) {
            (Some(s), Rtype::A) => s.parse().ok().map(Data::A),
            (Some(s), _) => s.parse().ok().map(Data::Aaaa),
            (None, _) => None,
        };
        if let Some(d) = addr {
            return Ok((d, Vec::new(), false));
        }
    }
    let mut sc = TokenScanner::new(text, toks, origin);
    sc.names = Some(names);
    sc.algorithm_mnemonics = matches!(
        rtype,
        Rtype::DNSKEY
            | Rtype::RRSIG
            | Rtype::DS
            | Rtype::CDS
            | Rtype::CDNSKEY
            | Rtype::KEY
            | Rtype::SIG
            | Rtype::DLV
    );
    let generic = toks
        .first()
        .is_some_and(|t| !t.quoted && &text[t.span.range()] == b"\\#");
    // `TXT \# text`: a `\#` not followed by a length is the text "#" (named loads it so).
    let text_hash = generic
        && rtype == Rtype::TXT
        && !toks
            .get(1)
            .is_some_and(|t| text[t.span.range()].iter().all(u8::is_ascii_digit));
    let result = if (rtype == Rtype::SPF && !generic) || text_hash {
        Txt::scan(&mut sc).map(ZoneRecordData::Txt)
    } else if rtype == Rtype::SOA && !generic {
        scan_soa(&mut sc).map(ZoneRecordData::Soa)
    } else if rtype == Rtype::RRSIG && !generic {
        // The bulk of a signed zone: read here with one base64 decode of the signature
        // instead of `domain`'s symbol-by-symbol conversion.
        scan_rrsig(&mut sc, text, toks).map(ZoneRecordData::Rrsig)
    } else if matches!(rtype, Rtype::SVCB | Rtype::HTTPS) && !generic {
        let v = svcb::parse(text, toks, origin)?;
        let rel = if v.target_relative && &text[toks[1].content().range()] != b"@" {
            vec![(1usize, 0u8)]
        } else {
            Vec::new()
        };
        let wire = UnknownRecordData::from_octets(rtype, Bytes::from(v.to_wire()))
            .map_err(|_| (None, "the record data is too long".to_string()))?;
        // domain's wire parser is more lenient than its text parser; if it still
        // refuses, keep the record checked but untyped.
        return Ok((Data::new(typed_from_generic(rtype, &wire).ok()), rel, false));
    } else {
        ZoneRecordData::scan(rtype, &mut sc)
    };
    let data = match result {
        Ok(ZoneRecordData::Unknown(u)) if !is_unknown_type(rtype) => {
            Some(typed_from_generic(rtype, &u).map_err(|m| (Some(0), m))?)
        }
        Ok(d) => Some(d),
        Err(e) if e.message == "unknown record type with concrete data" => {
            // Types domain has no presentation parser for (LOC, URI, CERT, …): read
            // field by field here into their wire form, kept as RFC 3597 data.
            return match extra_types::encode(rtype, text, toks, origin)? {
                Some(enc) => {
                    let u = UnknownRecordData::from_octets(rtype, Bytes::from(enc.wire))
                        .map_err(|_| (None, "the record data is too long".to_string()))?;
                    Ok((
                        Data::new(Some(ZoneRecordData::Unknown(u))),
                        enc.relative,
                        false,
                    ))
                }
                None => Ok((Data::Unread, Vec::new(), true)),
            };
        }
        Err(e) => {
            let at = if e.message.starts_with("the record data ends too early") {
                None
            } else {
                Some(sc.last)
            };
            let shown = match at {
                Some(i) => format!(
                    "{} (at `{}`)",
                    e.message,
                    String::from_utf8_lossy(&text[toks[i].span.range()])
                ),
                None => e.message,
            };
            return Err((at, shown));
        }
    };
    if let Some(fault) = data
        .as_ref()
        .and_then(|d| ds_digest_length_fault(d, toks.len()))
    {
        return Err(fault);
    }
    if sc.remaining() > 0 {
        let i = sc.position();
        return Err((
            Some(i),
            format!(
                "unexpected data `{}` after the end of the record data",
                String::from_utf8_lossy(&text[toks[i].span.range()])
            ),
        ));
    }
    let rel = sc.relative.iter().filter_map(|r| {
        toks.iter()
            .position(|t| t.content() == r.span)
            .map(|i| (i, r.field))
    });
    Ok((Data::new(data), rel.collect(), false))
}

/// A DS or CDS digest whose length is not that of its digest type: BIND refuses to load
/// the zone (`unexpected end of input`), so it is a syntax error here too.
fn ds_digest_length_fault(d: &Rdata, tokens: usize) -> Option<(Option<usize>, String)> {
    let (dt, len) = match d {
        ZoneRecordData::Ds(d) => (d.digest_type().to_int(), d.digest().len()),
        ZoneRecordData::Cds(d) => (d.digest_type().to_int(), d.digest().len()),
        _ => return None,
    };
    // The digest types whose length is known here (a CDS `0 0 0 00`, the removal request
    // of RFC 8078 §4, has type 0 and is not one of them).
    let (name, alg) = crate::dnssec::keys::ds_digest_algorithm(dt)?;
    let want = alg.output_len();
    if len == want {
        return None;
    }
    let at = (tokens > 3).then_some(3);
    Some((
        at,
        format!(
            "a digest of type {dt} ({name}) is {want} octets ({} hex digits); this one has {len}",
            want * 2
        ),
    ))
}

/// What the data of a type looks like, for the help line of a syntax error.
fn format_help(rtype: Rtype) -> String {
    let example = match rtype {
        Rtype::A => "an IPv4 address: `192.0.2.1`",
        Rtype::AAAA => "an IPv6 address: `2001:db8::1`",
        Rtype::NS | Rtype::CNAME | Rtype::PTR | Rtype::DNAME => "one domain name: `host.example.com.`",
        Rtype::MX => "a preference and a host: `10 mail.example.com.`",
        Rtype::SOA => "`<primary-ns> <mailbox> ( serial refresh retry expire minimum )`, times in seconds or with units",
        Rtype::SRV => "priority, weight, port and target: `10 5 5060 sip.example.com.`",
        Rtype::TXT | Rtype::SPF => "one or more quoted strings of at most 255 octets each: `\"v=spf1 -all\"`",
        Rtype::CAA => "flags, tag and value: `0 issue \"ca.example.net\"`",
        Rtype::TLSA | Rtype::SMIMEA => "usage, selector, matching type and hex data: `3 1 1 0123…`",
        Rtype::SSHFP => "algorithm, fingerprint type and hex: `4 2 0123…`",
        Rtype::DS | Rtype::CDS => "key tag, algorithm, digest type and hex digest: `12345 13 2 0123…`",
        Rtype::DNSKEY | Rtype::CDNSKEY => "flags, protocol 3, algorithm and base64 key: `257 3 13 mdsswUyr…`",
        Rtype::RRSIG => "type, algorithm, labels, original TTL, expiration, inception, key tag, signer and base64 signature",
        Rtype::SVCB | Rtype::HTTPS => "priority, target and parameters: `1 . alpn=h2,h3 port=443`",
        Rtype::NAPTR => "order, preference, flags, services, regexp and replacement: `100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .`",
        _ => return format!("write the {rtype} data as its RFC defines it, or in the RFC 3597 generic form (`\\# length hex`)"),
    };
    format!("{rtype} data is {example}")
}

/// SOA with BIND's TTL units in the timer fields (`1h 15m 1w 1h`), which `domain`'s own
/// SOA parser does not accept.
fn scan_soa(sc: &mut TokenScanner) -> Result<Soa<DName>, ScanError> {
    let mname = sc.scan_name()?;
    let rname = sc.scan_name()?;
    let serial = u32::scan(sc).map_err(|_| ScanError {
        message: "the SOA serial must be a number from 0 to 4294967295".into(),
    })?;
    let mut timers = [0u32; 4];
    for (t, what) in timers
        .iter_mut()
        .zip(["refresh", "retry", "expire", "minimum"])
    {
        let raw = sc.scan_octets()?;
        *t = parse_ttl(&raw).map_err(|m| ScanError {
            message: format!(
                "invalid SOA {what} `{}`: {m}",
                String::from_utf8_lossy(&raw)
            ),
        })?;
    }
    Ok(Soa::new(
        mname,
        rname,
        Serial(serial),
        Ttl::from_secs(timers[0]),
        Ttl::from_secs(timers[1]),
        Ttl::from_secs(timers[2]),
        Ttl::from_secs(timers[3]),
    ))
}

/// RRSIG data (RFC 4034 §3.2): the fields, then the signature in base64 over the rest of
/// the entry.
fn scan_rrsig(
    sc: &mut TokenScanner,
    text: &[u8],
    toks: &[Token],
) -> Result<Rrsig<Bytes, DName>, ScanError> {
    let err = |m: &str| ScanError {
        message: m.to_string(),
    };
    let type_covered = Rtype::scan(sc)?;
    let algorithm = SecurityAlgorithm::scan(sc)?;
    let labels = u8::scan(sc)?;
    let original_ttl = Ttl::from_secs(u32::scan(sc)?);
    let expiration = Timestamp::scan(sc)?;
    let inception = Timestamp::scan(sc)?;
    let key_tag = u16::scan(sc)?;
    let signer = sc.scan_name()?;
    let start = sc.position();
    if start >= toks.len() {
        return Err(ScanError::end_of_entry());
    }
    let mut b64 = String::with_capacity(toks[start..].iter().map(|t| t.span.len()).sum());
    for t in &toks[start..] {
        let raw = &text[t.content().range()];
        if raw.contains(&b'\\') {
            return Err(err("escapes are not allowed in base64 data"));
        }
        b64.push_str(std::str::from_utf8(raw).map_err(|_| err("the signature is not base64"))?);
    }
    sc.skip_to_end();
    let signature = domain::utils::base64::decode::<Vec<u8>>(&b64)
        .map_err(|_| err("the signature is not valid base64"))?;
    Rrsig::new(
        type_covered,
        algorithm,
        labels,
        original_ttl,
        expiration,
        inception,
        key_tag,
        signer,
        Bytes::from(signature),
    )
    .map_err(|_| err("the record data is too long"))
}

/// Whether `domain` has no typed representation for this type.
fn is_unknown_type(rtype: Rtype) -> bool {
    !matches!(
        rtype,
        Rtype::A
            | Rtype::CNAME
            | Rtype::HINFO
            | Rtype::MB
            | Rtype::MD
            | Rtype::MF
            | Rtype::MG
            | Rtype::MINFO
            | Rtype::MR
            | Rtype::MX
            | Rtype::NS
            | Rtype::PTR
            | Rtype::SOA
            | Rtype::TXT
            | Rtype::AAAA
            | Rtype::CAA
            | Rtype::CDNSKEY
            | Rtype::CDS
            | Rtype::DNAME
            | Rtype::DNSKEY
            | Rtype::RRSIG
            | Rtype::NSEC
            | Rtype::DS
            | Rtype::IPSECKEY
            | Rtype::NAPTR
            | Rtype::NSEC3
            | Rtype::NSEC3PARAM
            | Rtype::OPENPGPKEY
            | Rtype::RP
            | Rtype::SRV
            | Rtype::SSHFP
            | Rtype::SVCB
            | Rtype::HTTPS
            | Rtype::TLSA
            | Rtype::ZONEMD
    )
}

/// Converts RFC 3597 generic data of a known type into the typed form.
fn typed_from_generic(rtype: Rtype, u: &UnknownRecordData<Bytes>) -> Result<Rdata, String> {
    let data = u.data().clone();
    let mut parser = Parser::from_ref(&data);
    let parsed = ZoneRecordData::<Bytes, ParsedName<Bytes>>::parse_rdata(rtype, &mut parser)
        .map_err(|e| format!("the generic data is not valid {rtype} data: {e}"))?;
    if parser.remaining() > 0 {
        return Err(format!("the generic data is longer than {rtype} data"));
    }
    match parsed {
        Some(p) => p
            .try_flatten_into()
            .map_err(|_| format!("the generic data is not valid {rtype} data")),
        None => Err(format!("the generic data is not valid {rtype} data")),
    }
}

/// `start-stop[/step]`.
fn parse_range(s: &str) -> Option<(u64, u64, u64)> {
    let (range, step) = match s.split_once('/') {
        Some((r, st)) => (r, st.parse::<u64>().ok()?),
        None => (s, 1),
    };
    let (a, b) = range.split_once('-')?;
    let (a, b) = (a.parse::<u64>().ok()?, b.parse::<u64>().ok()?);
    if a > b || step == 0 || b > u32::MAX as u64 {
        return None;
    }
    Some((a, b, step))
}

/// Expands a `$GENERATE` template: `$` is the iterator, `${offset,width,base}` a
/// formatted value, `\$` a literal dollar.
fn expand(t: &[u8], i: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(t.len() + 8);
    let mut k = 0;
    while k < t.len() {
        let c = t[k];
        if c == b'\\' && k + 1 < t.len() {
            out.push(c);
            out.push(t[k + 1]);
            k += 2;
            continue;
        }
        if c != b'$' {
            out.push(c);
            k += 1;
            continue;
        }
        if t.get(k + 1) == Some(&b'{') {
            let close = t[k..]
                .iter()
                .position(|&b| b == b'}')
                .ok_or("unclosed `${`")?
                + k;
            let inner = String::from_utf8_lossy(&t[k + 2..close]).into_owned();
            let mut parts = inner.split(',');
            let offset: i64 = parts
                .next()
                .unwrap_or("0")
                .trim()
                .parse()
                .map_err(|_| format!("bad offset in `${{{inner}}}`"))?;
            let width: usize = match parts.next() {
                Some(w) => w
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad width in `${{{inner}}}`"))?,
                None => 0,
            };
            if width > 255 {
                return Err(format!("the width in `${{{inner}}}` is over 255"));
            }
            let base = parts.next().unwrap_or("d").trim().to_string();
            // BIND computes in 32-bit arithmetic: a negative result wraps, a result past
            // 2^31 - 1 is out of range.
            let v = i as i64 + offset;
            if v > i32::MAX as i64 {
                return Err(format!("`${{{inner}}}` is out of range"));
            }
            let v = v as u32 as u64;
            let s = match base.as_str() {
                "d" => format!("{v:0width$}"),
                "o" => format!("{v:0width$o}"),
                "x" => format!("{v:0width$x}"),
                "X" => format!("{v:0width$X}"),
                "n" | "N" => {
                    let hex = format!("{v:0width$x}");
                    let mut nib: Vec<String> = hex.chars().rev().map(|c| c.to_string()).collect();
                    if base == "N" {
                        nib.iter_mut().for_each(|s| *s = s.to_uppercase());
                    }
                    nib.join(".")
                }
                _ => return Err(format!("unknown base `{base}` in `${{{inner}}}`")),
            };
            out.extend_from_slice(s.as_bytes());
            k = close + 1;
        } else if t.get(k + 1) == Some(&b'$') {
            out.push(b'$');
            k += 2;
        } else {
            out.extend_from_slice(i.to_string().as_bytes());
            k += 1;
        }
    }
    Ok(out)
}

/// A key file as dnssec-keygen names it: `K<zone>.+<algorithm>+<key tag>.key`.
fn is_key_file(written: &str) -> bool {
    let name = written.rsplit('/').next().unwrap_or(written);
    let Some(stem) = name.strip_prefix('K').and_then(|n| n.strip_suffix(".key")) else {
        return false;
    };
    let parts: Vec<&str> = stem.rsplitn(3, '+').collect();
    parts.len() == 3
        && parts[0].len() == 5
        && parts[1].len() == 3
        && parts[..2]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts[2].ends_with('.')
}

/// Whether two names are the same, case aside.
pub fn same_name(a: &DName, b: &DName) -> bool {
    a.as_slice().eq_ignore_ascii_case(b.as_slice())
}

/// Whether a zone file read under a zone statement's name was written for another zone:
/// its leading `$ORIGIN` names another zone, or it has no SOA at the apex but one
/// elsewhere.
pub fn foreign_origin(zone: &Zone, text: &[u8]) -> bool {
    if leading_origin(text).is_some_and(|o| !same_name(&o, &zone.origin)) {
        return true;
    }
    let apex_soa = zone
        .apex_id()
        .is_some_and(|a| !zone.rrset(a, Rtype::SOA).is_empty());
    !apex_soa && zone.records.iter().any(|r| r.rtype == Rtype::SOA)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn generate_templates() {
        assert_eq!(expand(b"host-$", 7).unwrap(), b"host-7");
        assert_eq!(expand(b"${10,3,d}", 7).unwrap(), b"017");
        assert_eq!(expand(b"${0,2,x}", 255).unwrap(), b"ff");
        assert_eq!(expand(b"a\\$b", 1).unwrap(), b"a\\$b");
        assert_eq!(parse_range("1-10/2"), Some((1, 10, 2)));
        assert_eq!(parse_range("10-1"), None);
    }

    /// The pre-scan gives the same parts whatever the number of stretches it is made
    /// in, also when stretches start inside parentheses, inside a quoted string or
    /// after an escaped newline (where the scan from "outside" is wrong and redone).
    #[test]
    fn split_points_do_not_depend_on_the_stretches() {
        let mut text = String::from("$ORIGIN example.com.\n$TTL 3600\n");
        for i in 0..3000 {
            text.push_str(&match i % 7 {
                0 => format!("$ORIGIN s{i}.example.com.\n"),
                1 => format!("h{i} TXT ( \"(\"\nh{i}x \"x\"\nh{i}y )\n"),
                2 => format!("h{i} TXT \"a\\\nh{i}z\" ; (\n"),
                3 => format!("h{i} A 192.0.2.1 \\\nh{i}w\n"),
                4 => format!("$TTL {i}\n"),
                _ => format!("h{i} MX ( 10\nmail{i} )\n"),
            });
        }
        let origin = DName::from_str("example.com.").unwrap();
        let show = |chunks: Option<Vec<Chunk>>| -> Vec<String> {
            chunks
                .unwrap()
                .iter()
                .map(|c| format!("{} {} {:?}", c.start, c.origin, c.default_ttl))
                .collect()
        };
        let one = show(split_points_in(text.as_bytes(), &origin, 16, 1));
        assert_eq!(one.len(), 16, "{one:?}");
        for stretches in [2, 3, 16, 97, 1000] {
            let many = show(split_points_in(text.as_bytes(), &origin, 16, stretches));
            assert_eq!(one, many, "{stretches} stretches");
        }
    }
}
