//! named.conf: reading a configuration with its includes, and the model the rules see.
//!
//! A configuration is read from its main file (a file no other configuration of the run
//! includes); `include` statements are spliced in where they stand, so a fragment reached
//! through an include is checked once, in its including context. Paths written in the
//! configuration (`include`, a zone's `file`) go through [`Tree::resolve`]: nothing
//! outside the checked tree is ever opened.

pub mod grammar;
mod grammar_table;
pub mod packaged;
pub mod syntax;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::tree::Tree;
use crate::zone::DName;
use std::path::{Path, PathBuf};
pub use syntax::{Block, Item, Stmt, Word};

pub const SYNTAX_ERROR: &str = crate::rules::reader::syntax_error::NAME;
pub const INCLUDE_UNRESOLVED: &str = crate::rules::reader::include_unresolved::NAME;

/// Deepest chain of includes followed.
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// One configuration: a main file and everything it includes.
pub struct NamedConf {
    pub main: FileId,
    /// The main file and every file it includes, in reading order.
    pub files: Vec<FileId>,
    /// Top-level statements, includes spliced in.
    pub stmts: Vec<Stmt>,
    /// Findings of the reader (`syntax-error`, `include-unresolved`), by rule name.
    pub reader_findings: Vec<Diagnostic>,
    /// Comments that mention zonelint (suppressions).
    pub directive_comments: Vec<(FileId, Span)>,
    /// An `include` was not found: definitions (ACLs, keys) may be in it.
    pub missing_include: bool,
    /// The zone statements, in views or not.
    pub zones: Vec<ZoneDecl>,
    /// The `directory` of the options block, as written.
    pub directory: Option<String>,
    /// Indices into `stmts`: the views, the last options block, and the named top-level
    /// definitions by (keyword, lowercased name without the final dot), first one kept.
    /// Large configurations (tens of thousands of zones) look these up per zone.
    index: Index,
}

#[derive(Default)]
struct Index {
    views: Vec<usize>,
    options: Option<usize>,
    definitions: std::collections::HashMap<(String, String), usize>,
}

impl Index {
    fn build(stmts: &[Stmt]) -> Index {
        let mut ix = Index::default();
        for (i, s) in stmts.iter().enumerate() {
            let Some(kw) = s.keyword() else { continue };
            match kw.as_str() {
                "view" => ix.views.push(i),
                "options" => ix.options = Some(i),
                _ => {}
            }
            if let Some(n) = s.arg(0) {
                ix.definitions
                    .entry((kw, n.text.trim_end_matches('.').to_ascii_lowercase()))
                    .or_insert(i);
            }
        }
        ix
    }
}

/// A `zone` statement.
pub struct ZoneDecl {
    /// The name as written (without quotes).
    pub name: String,
    pub origin: Option<DName>,
    /// The class, upper case (`IN` when not written).
    pub class: String,
    /// The view it stands in (`None`: the implicit default view).
    pub view: Option<usize>,
    /// The type, with the old synonyms mapped (`master` → `primary`, `slave` → `secondary`);
    /// empty when not written.
    pub kind: String,
    pub stmt: Stmt,
    /// The zone's file, as written and as found in the tree.
    pub file: Option<ZoneFile>,
}

pub struct ZoneFile {
    pub written: String,
    pub span: Span,
    /// The file of the configuration the statement stands in.
    pub conf_file: FileId,
    pub resolved: Result<PathBuf, crate::tree::ResolveError>,
}

impl ZoneDecl {
    pub fn block(&self) -> Option<&Block> {
        self.stmt.block()
    }
    /// The span of the zone's name in the statement.
    pub fn name_span(&self) -> Span {
        self.stmt.arg(0).map_or(self.stmt.head_span(), |w| w.span)
    }
}

impl NamedConf {
    /// The top-level statements with this keyword.
    pub fn top<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Stmt> + 'a {
        self.stmts.iter().filter(move |s| s.is(name))
    }
    pub fn options(&self) -> Option<&Block> {
        self.index.options.and_then(|i| self.stmts[i].block())
    }
    pub fn views(&self) -> Vec<&Stmt> {
        self.index.views.iter().map(|&i| &self.stmts[i]).collect()
    }
    /// The `i`-th view statement.
    pub fn view(&self, i: usize) -> Option<&Stmt> {
        self.index.views.get(i).map(|&j| &self.stmts[j])
    }
    /// The first top-level statement `keyword NAME …` (names compared without case and
    /// final dot).
    pub fn definition(&self, keyword: &str, name: &str) -> Option<&Stmt> {
        let key = (
            keyword.to_string(),
            name.trim_end_matches('.').to_ascii_lowercase(),
        );
        self.index.definitions.get(&key).map(|&i| &self.stmts[i])
    }
    /// The view statement a zone stands in.
    pub fn view_of(&self, z: &ZoneDecl) -> Option<&Stmt> {
        z.view.and_then(|i| self.view(i))
    }
    /// An option as the server sees it for a zone: the zone's own, else its view's, else
    /// the options block's.
    pub fn zone_option<'a>(&'a self, z: &'a ZoneDecl, name: &str) -> Option<&'a Stmt> {
        z.block()
            .and_then(|b| b.find(name))
            .or_else(|| self.view_option(z.view, name))
    }
    /// An option as the server sees it for a view (`None`: no views): the view's own,
    /// else the options block's.
    pub fn view_option(&self, view: Option<usize>, name: &str) -> Option<&Stmt> {
        view.and_then(|i| self.view(i).and_then(|v| v.block()?.find(name)))
            .or_else(|| self.options().and_then(|o| o.find(name)))
    }
    /// The ACL names defined by `acl` statements.
    pub fn acl(&self, name: &str) -> Option<&Stmt> {
        self.definition("acl", name)
    }
    /// The block of option `name` (`response-policy { … }`, `catalog-zones { … }`) in
    /// effect in each scope: the view's own, else the options' (a scope without one is
    /// left out).
    pub fn scoped_blocks(&self, name: &str) -> Vec<(Option<usize>, &Block)> {
        self.scopes()
            .into_iter()
            .filter_map(|view| Some((view, self.view_option(view, name)?.block()?)))
            .collect()
    }
    /// The zones named in `response-policy` statements (options and views).
    pub fn response_policy_zones(&self) -> Vec<DName> {
        self.scoped_blocks("response-policy")
            .into_iter()
            .flat_map(|(_, b)| b.all("zone"))
            .filter_map(|z| z.arg(0))
            .filter_map(|w| zone_origin(&w.text))
            .collect()
    }
    /// The scopes recursion is decided in: the views, or the implicit view when there are
    /// none, each with the zones in it.
    pub fn scopes(&self) -> Vec<Option<usize>> {
        let n = self.index.views.len();
        if n == 0 {
            vec![None]
        } else {
            (0..n).map(Some).collect()
        }
    }
}

/// Whether a value means yes.
pub fn is_yes(w: &Word) -> bool {
    matches!(w.text.to_ascii_lowercase().as_str(), "yes" | "true" | "1")
}

pub fn is_no(w: &Word) -> bool {
    matches!(w.text.to_ascii_lowercase().as_str(), "no" | "false" | "0")
}

impl NamedConf {
    /// Whether an included file was not found: definitions (ACLs, keys) may be in it.
    pub fn incomplete(&self) -> bool {
        self.missing_include
    }
}

/// Reads a configuration from its main file.
pub fn read_conf(tree: &Tree, main: FileId) -> NamedConf {
    read_conf_parts(tree, &[main])
}

/// Reads one configuration made of several top-level files, in order, as a main file
/// that includes each of them would (Debian's `named.conf` includes
/// `named.conf.options`, `named.conf.local` and `named.conf.default-zones`). The first
/// file stands for the main one.
pub fn read_conf_parts(tree: &Tree, parts: &[FileId]) -> NamedConf {
    let main = parts[0];
    let file = tree.get(main);
    let mut cx = Reader {
        tree,
        main_dir: file
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        files: Vec::new(),
        findings: Vec::new(),
        comments: Vec::new(),
        stack: Vec::new(),
        missing_include: false,
        includes: Default::default(),
    };
    let mut stmts = Vec::new();
    for &id in parts {
        cx.files.push(id);
        cx.stack = vec![tree.get(id).path.clone()];
        stmts.extend(cx.read_file(id, 0));
    }
    let mut conf = NamedConf {
        main,
        files: cx.files,
        stmts,
        reader_findings: cx.findings,
        directive_comments: cx.comments,
        missing_include: cx.missing_include,
        zones: Vec::new(),
        directory: None,
        index: Index::default(),
    };
    conf.index = Index::build(&conf.stmts);
    conf.directory = conf
        .options()
        .and_then(|o| o.find("directory"))
        .and_then(|s| s.value())
        .map(|w| w.text.clone());
    conf.zones = collect_zones(tree, &conf);
    conf
}

struct Reader<'a> {
    tree: &'a Tree,
    main_dir: PathBuf,
    files: Vec<FileId>,
    findings: Vec<Diagnostic>,
    comments: Vec<(FileId, Span)>,
    /// Files being read, outermost first (include loops).
    stack: Vec<PathBuf>,
    missing_include: bool,
    /// What the includes of this configuration have read.
    includes: crate::tree::IncludeBudget,
}

impl Reader<'_> {
    fn read_file(&mut self, id: FileId, depth: usize) -> Vec<Stmt> {
        let f = self.tree.get(id);
        let (toks, comments, mut faults) = syntax::lex(&f.text);
        for c in comments {
            if f.text[c.range()]
                .windows(8)
                .any(|w| w.eq_ignore_ascii_case(b"zonelint"))
            {
                self.comments.push((id, c));
            }
        }
        let stmts = syntax::parse(id, &toks, &grammar::GRAMMAR, &mut faults);
        for fl in faults {
            self.findings
                .push(Diagnostic::new(SYNTAX_ERROR, id, fl.span, fl.message).help(fl.help));
        }
        self.splice(stmts, id, depth)
    }

    /// Replaces `include` statements (at any level) by the statements of the file.
    fn splice(&mut self, stmts: Vec<Stmt>, id: FileId, depth: usize) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(stmts.len());
        for mut s in stmts {
            if s.is("include") {
                out.extend(self.include(&s, id, depth));
                continue;
            }
            for item in &mut s.items {
                if let Item::Block(b) = item {
                    let inner = std::mem::take(&mut b.stmts);
                    b.stmts = self.splice(inner, id, depth);
                }
            }
            out.push(s);
        }
        out
    }

    fn include(&mut self, s: &Stmt, id: FileId, depth: usize) -> Vec<Stmt> {
        let Some(w) = s.arg(0) else {
            self.findings.push(
                Diagnostic::new(
                    SYNTAX_ERROR,
                    id,
                    s.head_span(),
                    "`include` without a file name",
                )
                .help("write `include \"/etc/bind/named.conf.local\";`"),
            );
            return Vec::new();
        };
        let dirs = self.tree.include_dirs(id, &self.main_dir);
        let bases: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        let paths = if w.text.is_empty() {
            Err(crate::tree::ResolveError::NotFound(
                "`include \"\"` names no file".to_string(),
            ))
        } else if w.text.contains(['*', '?', '[']) {
            self.tree.glob(&w.text, &bases)
        } else {
            self.tree.resolve(&w.text, &bases).map(|p| vec![p])
        };
        let paths = match paths {
            Ok(p) => p,
            Err(message) => {
                self.missing_include = true;
                let outside = matches!(message, crate::tree::ResolveError::Outside(_));
                let packaged = !outside && packaged::is_packaged_path(&w.text);
                let secret = !outside && !packaged && is_secret_file(&w.text);
                let help = if packaged {
                    // On the server, not in the repository: the package installs it.
                    "the BIND package installs this file on the server; the definitions it holds are not checked here"
                } else if secret {
                    "keys are rightly kept out of repositories; the definitions in this file are not checked here (map the server's root in zonelint.toml, `[server] root`, to check them)"
                } else {
                    "named refuses to start when an included file is missing; add the file to the repository or map the server's root in zonelint.toml (`[server] root`)"
                };
                let mut d =
                    Diagnostic::new(INCLUDE_UNRESOLVED, id, w.span, format!("include {message}"))
                        .help(help);
                if packaged || secret {
                    d.severity = crate::diagnostic::Severity::Info;
                }
                self.findings.push(d);
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for path in paths {
            out.extend(self.include_file(path, w, id, depth));
        }
        out
    }

    /// Reads one included file (found inside the tree) and returns its statements.
    fn include_file(
        &mut self,
        path: PathBuf,
        w: &crate::conf::Word,
        id: FileId,
        depth: usize,
    ) -> Vec<Stmt> {
        if self.stack.contains(&path) {
            self.findings.push(
                Diagnostic::new(
                    INCLUDE_UNRESOLVED,
                    id,
                    w.span,
                    format!("`{}` includes itself through a loop of includes", w.text),
                )
                .help("remove the include that closes the loop"),
            );
            return Vec::new();
        }
        if depth + 1 > MAX_INCLUDE_DEPTH {
            self.findings.push(
                Diagnostic::new(
                    INCLUDE_UNRESOLVED,
                    id,
                    w.span,
                    format!("includes nested deeper than {MAX_INCLUDE_DEPTH} levels"),
                )
                .help("flatten the chain of includes"),
            );
            return Vec::new();
        }
        if let Err(m) = self.includes.take_read() {
            if !std::mem::replace(&mut self.includes.reported, true) {
                self.findings.push(
                    Diagnostic::new(
                        INCLUDE_UNRESOLVED,
                        id,
                        w.span,
                        format!("include `{}`: {m}", w.text),
                    )
                    .help("include each file once"),
                );
            }
            return Vec::new();
        }
        let (fid, res) = self.tree.read_as(&path, true);
        self.includes.add_bytes(self.tree.get(fid).text.len());
        if let Err(e) = res {
            self.findings.push(
                Diagnostic::new(
                    INCLUDE_UNRESOLVED,
                    id,
                    w.span,
                    format!(
                        "included file `{}` could not be read: {}",
                        w.text, e.message
                    ),
                )
                .help("make the file readable text"),
            );
            return Vec::new();
        }
        self.files.push(fid);
        self.stack.push(path);
        let v = self.read_file(fid, depth + 1);
        self.stack.pop();
        v
    }
}

/// Whether an included file's name says it holds keys (`rndc.key`, `tsig.key`,
/// `secrets.conf`): such files are kept out of repositories on purpose.
fn is_secret_file(written: &str) -> bool {
    let name = written
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(written)
        .to_ascii_lowercase();
    name.ends_with(".key") || name.ends_with(".keys") || name.contains("secret")
}

/// The zone statements of a configuration, with their files resolved.
fn collect_zones(tree: &Tree, conf: &NamedConf) -> Vec<ZoneDecl> {
    let mut out = Vec::new();
    let views = conf.views();
    let top = conf
        .stmts
        .iter()
        .filter(|s| s.is("zone"))
        .map(|s| (None, s));
    let inner = views.iter().enumerate().flat_map(|(i, v)| {
        v.block()
            .into_iter()
            .flat_map(|b| b.stmts.iter().filter(|s| s.is("zone")))
            .map(move |s| (Some(i), s))
    });
    for (view, s) in top.chain(inner) {
        let Some(name) = s.arg(0) else { continue };
        // The zone's class, else its view's (a `view "x" chaos` holds CHAOS zones).
        let class = s
            .arg(1)
            .or_else(|| view.and_then(|i| views[i].arg(1)))
            .map_or("IN".to_string(), |w| normalize_class(&w.text));
        let block = s.block();
        let kind = block
            .and_then(|b| b.find("type"))
            .and_then(|t| t.value())
            .map(|w| normalize_type(&w.text))
            .unwrap_or_default();
        let file = block.and_then(|b| b.find("file")).and_then(|f| {
            let w = f.value()?;
            Some(ZoneFile {
                written: w.text.clone(),
                span: w.span,
                conf_file: f.file,
                resolved: resolve_zone_file(tree, conf, f.file, &w.text),
            })
        });
        out.push(ZoneDecl {
            name: name.text.clone(),
            origin: zone_origin(&name.text),
            class,
            view,
            kind,
            stmt: s.clone(),
            file,
        });
    }
    out
}

/// A class as written in named.conf, in its short upper-case form (`chaos` → `CH`).
pub fn normalize_class(c: &str) -> String {
    match c.to_ascii_uppercase().as_str() {
        "CHAOS" => "CH".into(),
        "HESIOD" => "HS".into(),
        "CLASS1" => "IN".into(),
        "CLASS3" => "CH".into(),
        "CLASS4" => "HS".into(),
        other => other.into(),
    }
}

/// `master` → `primary`, `slave` → `secondary`, lower case.
pub fn normalize_type(t: &str) -> String {
    match t.to_ascii_lowercase().as_str() {
        "master" => "primary".into(),
        "slave" => "secondary".into(),
        other => other.into(),
    }
}

/// Finds a zone's file: relative to `directory` (as the tree mirrors it), to the
/// configuration's folder, to the main configuration's folder, or to the repository root.
fn resolve_zone_file(
    tree: &Tree,
    conf: &NamedConf,
    in_file: FileId,
    written: &str,
) -> Result<PathBuf, crate::tree::ResolveError> {
    if written.is_empty() {
        return Err(crate::tree::ResolveError::NotFound(
            "`file \"\"` names no file".into(),
        ));
    }
    let here = tree
        .get(in_file)
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let main = tree
        .get(conf.main)
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    if !Path::new(written).is_absolute() {
        if let Some(dir) = &conf.directory {
            if Path::new(dir).is_absolute() {
                let joined = Path::new(dir).join(written);
                if let Ok(p) = tree.resolve(&joined.to_string_lossy(), &[&here, &main]) {
                    return Ok(p);
                }
            }
        }
    }
    // Relative to the repository root too: `directory "/var/named"` not mirrored, the
    // zone files kept at the top (`zones/db.example.com` beside `etc/named.conf`).
    tree.resolve(written, &[&here, &main, &tree.root])
}

/// A configuration with nothing in it (for a file that could not be read).
pub fn empty_conf(main: FileId) -> NamedConf {
    NamedConf {
        main,
        files: vec![main],
        stmts: Vec::new(),
        reader_findings: Vec::new(),
        directive_comments: Vec::new(),
        missing_include: false,
        zones: Vec::new(),
        directory: None,
        index: Index::default(),
    }
}

/// How much of a file [`looks_like_named_conf`] looks at.
pub const SNIFF_LEN: usize = 64 * 1024;

/// Whether a `*.conf` file reads as a named.conf: its first statement is a named.conf
/// top-level statement followed by a name, a block or a `;` (not `server:` as in
/// nsd.conf and unbound.conf, nor `nameserver 192.0.2.1` as in resolv.conf).
pub fn looks_like_named_conf(text: &[u8]) -> bool {
    let (toks, _, _) = syntax::lex(&text[..text.len().min(SNIFF_LEN)]);
    let mut it = toks.iter();
    let Some(syntax::Token {
        tok: syntax::Tok::Word(first),
        ..
    }) = it.next()
    else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    let top = grammar::GRAMMAR
        .get(&first)
        .is_some_and(|e| e.at(grammar::Ctx::Top).is_some());
    if !top || first.ends_with(':') {
        return false;
    }
    if first == "include" {
        return matches!(it.next().map(|t| &t.tok), Some(syntax::Tok::Str(_)));
    }
    // rndc.conf (and its copies) shares the syntax, not the statements.
    if toks.iter().any(|t| {
        matches!(&t.tok, syntax::Tok::Word(w) if w.eq_ignore_ascii_case("default-key") || w.eq_ignore_ascii_case("default-server"))
    }) {
        return false;
    }
    // nginx's `server {` has no address, and its blocks close with a bare `}`: in
    // named.conf every block closes with `};`.
    let mut depth = 0usize;
    let mut opened = false;
    let mut prev_close_at_top = false;
    for (i, t) in it.enumerate() {
        if prev_close_at_top {
            return matches!(t.tok, syntax::Tok::Semi);
        }
        match &t.tok {
            syntax::Tok::Open if i == 0 && first == "server" => return false,
            syntax::Tok::Open => {
                depth += 1;
                opened = true;
            }
            syntax::Tok::Close if !opened => return false,
            syntax::Tok::Close => {
                depth = depth.saturating_sub(1);
                prev_close_at_top = depth == 0;
            }
            // The first statement has its block before its `;` (`options ndots:2` in a
            // resolv.conf has none).
            syntax::Tok::Semi if !opened => return false,
            // No `name:` key of the YAML-like formats (unbound, nsd).
            syntax::Tok::Word(w) if !opened && (w.ends_with(':') || w.starts_with(':')) => {
                return false
            }
            _ => {}
        }
    }
    // A first statement cut off by the sniff's length still reads as one.
    opened
}

/// The zone's name as a domain name (written with or without the final dot).
pub fn zone_origin(written: &str) -> Option<DName> {
    crate::zone::text::parse_name(written.as_bytes(), &DName::root())
        .ok()
        .map(|(n, _)| n)
}
