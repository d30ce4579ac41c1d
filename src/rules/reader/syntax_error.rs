//! `syntax-error`: reported by the zone reader and the named.conf reader while they read a
//! file (see `zone::parser`, `conf::syntax`), forwarded here so that levels and
//! suppressions apply as for any rule. For named.conf, values of the wrong class
//! (`recursion maybe;`, `max-cache-ttl 1x;`) are found here too: named refuses them the
//! way it refuses a missing `;`.

use crate::conf::grammar::{self, Value, GRAMMAR};
use crate::conf::{Item, NamedConf, Stmt};
use crate::diagnostic::Diagnostic;
use crate::rules::conf::walk_known;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("syntax-error", Error);

pub struct SyntaxError;

impl Rule for SyntaxError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        cx.forward(&zone.reader_findings);
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        cx.forward(&conf.reader_findings);
        walk_known(conf, &mut |place, _, s| {
            let Some(kw) = s.keyword() else { return };
            let Some((_, class)) = GRAMMAR.get(&kw).and_then(|e| e.at(place)) else {
                return;
            };
            // Statements that define something (`zone NAME { … }`, also in a view) name it
            // before the block.
            let defines = GRAMMAR.get(&kw).is_some_and(|e| e.at(grammar::Ctx::Top).is_some());
            let class = if defines && class == Value::Block { Value::Other } else { class };
            if let Some((what, help)) = bad_value(&kw, class, s) {
                let at = s.items.get(1).map_or(s.head_span(), |i| match i {
                    Item::Word(w) => w.span,
                    Item::Block(b) => b.open,
                });
                cx.report(
                    Diagnostic::new(META.name, s.file, at, format!("`{kw}` {what}"))
                        .label("named refuses this value")
                        .help(help),
                );
            }
        });
    }
}

/// Words that may stand, with a value, between an option and its list.
const LIST_PREFIXES: &[&str] = &["port", "tls", "source", "source-v6", "dscp", "key", "transport"];

/// What is wrong with a statement's value, by the class of value the option takes.
fn bad_value(kw: &str, class: Value, s: &Stmt) -> Option<(String, String)> {
    let first = s.items.get(1);
    let word = match first {
        Some(Item::Word(w)) => Some(w),
        _ => None,
    };
    let found = || match first {
        Some(Item::Word(w)) => format!("`{}`", w.text),
        Some(Item::Block(_)) => "a `{` block".to_string(),
        None => "nothing".to_string(),
    };
    match class {
        Value::Bool => {
            let ok = word.is_some_and(|w| {
                !w.quoted
                    && (grammar::is_bool(&w.text)
                        || grammar::bool_extras(kw)
                            .iter()
                            .any(|x| x.eq_ignore_ascii_case(&w.text)))
            });
            (!ok).then(|| {
                let extras = grammar::bool_extras(kw);
                let choices = if extras.is_empty() {
                    "yes or no".to_string()
                } else {
                    format!("yes, no, {}", extras.join(", "))
                };
                (
                    format!("takes {choices}, found {}", found()),
                    format!("write `{kw} yes;` or `{kw} no;`"),
                )
            })
        }
        Value::Duration => {
            let ok = word.is_some_and(|w| !w.quoted && grammar::is_duration(&w.text));
            (!ok).then(|| {
                (
                    format!("takes a duration, found {}", found()),
                    "write seconds (`3600`), TTL units (`1h`, `2d`) or ISO 8601 (`PT1H`, `P2D`)"
                        .to_string(),
                )
            })
        }
        Value::QString => {
            let ok = word.is_some_and(|w| w.quoted || w.text.eq_ignore_ascii_case("none"));
            (!ok).then(|| {
                (
                    format!("takes a quoted string, found {}", found()),
                    format!("put the value in double quotes: `{kw} \"…\";`"),
                )
            })
        }
        Value::Number => {
            let ok = word.is_some_and(|w| {
                grammar::is_number(&w.text)
                    || matches!(
                        w.text.to_ascii_lowercase().as_str(),
                        "unlimited" | "default" | "disabled" | "off"
                    )
            });
            (!ok).then(|| {
                (
                    format!("takes a number, found {}", found()),
                    "write an unsigned integer".to_string(),
                )
            })
        }
        Value::Size => {
            let ok = word.is_some_and(|w| grammar::is_size(&w.text));
            (!ok).then(|| (format!("takes a size, found {}", found()), "write a number with an optional unit (`512k`, `64m`, `2g`), `unlimited` or `default`".to_string()))
        }
        Value::SizeOrPercent => {
            let ok =
                word.is_some_and(|w| grammar::is_size(&w.text) || grammar::is_percent(&w.text));
            (!ok).then(|| {
                (
                    format!("takes a size or a percentage, found {}", found()),
                    "write `512m`, `50%`, `unlimited` or `default`".to_string(),
                )
            })
        }
        Value::Percent => {
            let ok = word.is_some_and(|w| {
                grammar::is_percent(&w.text) || w.text.eq_ignore_ascii_case("unlimited")
            });
            (!ok).then(|| {
                (
                    format!("takes a percentage, found {}", found()),
                    "write a whole percentage (`90%`) or `unlimited`".to_string(),
                )
            })
        }
        Value::Block => {
            // The list, possibly after `port N`, `tls NAME`, `source ADDR` and the like.
            let mut ok = false;
            let mut expect_value = false;
            for i in s.items.iter().skip(1) {
                match i {
                    Item::Block(_) => {
                        ok = !expect_value;
                        break;
                    }
                    Item::Word(_) if expect_value => expect_value = false,
                    Item::Word(w) if !w.quoted && LIST_PREFIXES.contains(&w.text.to_ascii_lowercase().as_str()) => {
                        expect_value = true;
                    }
                    Item::Word(_) => break,
                }
            }
            (!ok).then(|| {
                (
                    format!("takes a `{{ … }}` list, found {}", found()),
                    format!("write `{kw} {{ …; }};`"),
                )
            })
        }
        Value::Other => None,
    }
}
