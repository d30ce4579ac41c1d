//! `deprecated-option`: an option the target BIND (`[server] bind`) still takes but has
//! deprecated; on 9.18, the names and `*-source … port` that 9.20 removes. And, as
//! information only, the old spellings BIND still reads as synonyms (`masters`,
//! `type master`/`slave`, `notify master-only`, `ixfr-from-differences master`/`slave`).
//!
//! Fixes, all safe: the synonyms renamed; `managed-keys` renamed `trust-anchors` (its
//! entries are already `initial-key`/`initial-ds` ones); `trusted-keys` renamed
//! `trust-anchors` with `static-key` written after each entry's name, which is what
//! BIND's documentation gives as the same trust anchor.

use super::unknown_option::source_port;
use super::walk_known;
use crate::conf::grammar::Ctx as Place;
use crate::conf::grammar::{Bind, Status, REMOVED_IN_920};
use crate::conf::syntax::{Item, Stmt, Word};
use crate::conf::NamedConf;
use crate::diagnostic::{Diagnostic, Edit, Safety, Severity};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::{FileId, Span};

crate::rule_meta!("deprecated-option", Warning);

pub struct DeprecatedOption;

impl Rule for DeprecatedOption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let bind = cx.options.bind;
        let grammar = bind.grammar();
        let mut beside_primaries = Vec::new();
        masters_beside_primaries(&conf.stmts, &mut beside_primaries);
        walk_known(conf, &mut |place, _, s| {
            let Some(kw) = s.keyword() else { return };
            // A name the target loads with a warning and the next release removes.
            let removed_next = bind < Bind::V920 && REMOVED_IN_920.contains(&kw.as_str());
            if grammar
                .get(&kw)
                .and_then(|e| e.at(place))
                .is_some_and(|(st, _)| st == Status::Deprecated)
            {
                let (msg, help) = if removed_next {
                    (format!("option `{kw}` is deprecated in BIND {}; BIND 9.20 removes it", bind.name()), "named warns about it at every start, and 9.20 refuses to load the configuration; see the BIND release notes for its replacement")
                } else {
                    (format!("option `{kw}` is deprecated"), "named warns about it at every start and a later release removes it; see the BIND release notes for its replacement")
                };
                let mut d = Diagnostic::new(META.name, s.file, s.head_span(), msg)
                    .label("deprecated")
                    .help(help);
                if let Some((what, edits)) = trust_anchors(s) {
                    d = d.fix_edits(Safety::Safe, what, edits);
                }
                cx.report(d);
            }
            if bind < Bind::V920 {
                if let Some(p) = source_port(&kw, s) {
                    cx.report(
                        Diagnostic::new(META.name, s.file, p.span, format!("the `port` of `{kw}` is deprecated in BIND {}; BIND 9.20 removes it", bind.name()))
                            .label("deprecated")
                            .help("remove `port …`: BIND picks random source ports (a fixed one made cache poisoning easy)"),
                    );
                }
            }
            if let Some((word, old, new)) = old_spelling(place, &kw, s)
                .filter(|_| !beside_primaries.contains(&(s.file, s.span)))
            {
                let d = Diagnostic::new(
                    META.name,
                    s.file,
                    word.span,
                    format!("`{old}` is the old spelling of `{new}`"),
                )
                .label("old spelling")
                .help(format!("BIND 9.18 and 9.20 read both the same way; write `{new}`, the term BIND's documentation uses"))
                .fix(
                    Safety::Safe,
                    format!("write `{new}`"),
                    rename(s.file, word, new.rsplit(' ').next().unwrap_or(&new)),
                );
                cx.report_at_most(d, Severity::Info);
            }
        });
    }
}

/// The `masters` statements that stand beside a `primaries` of the same name (none in
/// a zone): renamed, they would be a second definition; `conflicting-options` or
/// `duplicate-definition` speak of them.
fn masters_beside_primaries(stmts: &[Stmt], out: &mut Vec<(FileId, Span)>) {
    let name = |s: &Stmt| s.arg(0).map(|w| w.text.clone());
    for s in stmts {
        if s.is("masters")
            && stmts
                .iter()
                .any(|p| p.is("primaries") && name(p) == name(s))
        {
            out.push((s.file, s.span));
        }
        if let Some(b) = s.block() {
            masters_beside_primaries(&b.stmts, out);
        }
    }
}

/// The word of an old spelling, the statement as written and as it is spelt now.
fn old_spelling<'s>(place: Place, kw: &str, s: &'s Stmt) -> Option<(&'s Word, String, String)> {
    let head = match s.items.first()? {
        Item::Word(w) => w,
        Item::Block(_) => return None,
    };
    match (place, kw) {
        (Place::Top | Place::Zone, "masters") => Some((head, "masters".into(), "primaries".into())),
        (Place::Zone, "type") | (_, "ixfr-from-differences") | (_, "notify") => {
            let v = s.value()?;
            let now = match (kw, v.text.to_ascii_lowercase().as_str()) {
                ("type" | "ixfr-from-differences", "master") => "primary",
                ("type" | "ixfr-from-differences", "slave") => "secondary",
                ("notify", "master-only") => "primary-only",
                _ => return None,
            };
            Some((v, format!("{kw} {}", v.text), format!("{kw} {now}")))
        }
        _ => None,
    }
}

/// An edit writing `new` in place of the word (quoted if it was).
fn rename(file: FileId, w: &Word, new: &str) -> Edit {
    Edit {
        file,
        span: w.span,
        replacement: if w.quoted {
            format!("\"{new}\"")
        } else {
            new.to_string()
        },
    }
}

/// `managed-keys` and `trusted-keys` as `trust-anchors`: what the fix does and its edits.
/// `None` for a `trusted-keys` entry that is not `name flags protocol algorithm key`.
fn trust_anchors(s: &Stmt) -> Option<(String, Vec<Edit>)> {
    let Some(Item::Word(head)) = s.items.first() else {
        return None;
    };
    let mut edits = vec![rename(s.file, head, "trust-anchors")];
    match head.text.to_ascii_lowercase().as_str() {
        "managed-keys" => Some(("rename `managed-keys` to `trust-anchors`".into(), edits)),
        "trusted-keys" => {
            for entry in &s.block()?.stmts {
                let words: Vec<&Word> = entry.words().collect();
                if words.len() != 5 || entry.items.len() != 5 {
                    return None;
                }
                edits.push(Edit {
                    file: entry.file,
                    span: Span::empty(words[0].span.end as usize),
                    replacement: " static-key".into(),
                });
            }
            Some((
                "rename `trusted-keys` to `trust-anchors` and mark each key `static-key`".into(),
                edits,
            ))
        }
        _ => None,
    }
}
