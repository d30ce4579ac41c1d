//! `unknown-option`: a statement or option name BIND does not know in that place, a name
//! BIND removed, or a zone option not allowed in the zone's type — for the release
//! zonelint.toml names (`[server] bind`, default 9.20).

use super::walk_known;
use crate::conf::grammar::{Bind, Status, GRAMMAR, ZONE_TYPES};
use crate::conf::NamedConf;
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("unknown-option", Error);

pub struct UnknownOption;

impl Rule for UnknownOption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_unbound(&self, conf: &crate::unbound::UnboundConf, cx: &mut Ctx) {
        cx.forward(&conf.reader_findings);
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let bind = cx.options.bind;
        let grammar = bind.grammar();
        walk_known(conf, &mut |place, zone_type, s| {
            let Some(kw) = s.keyword() else { return };
            let span = s.head_span();
            if kw == "controls" {
                for u in s.block().into_iter().flat_map(|b| b.all("unix")) {
                    cx.report(
                        Diagnostic::new(META.name, u.file, u.head_span(), "`unix` control channels are not supported")
                            .label("removed in BIND 9.18")
                            .help("use `inet 127.0.0.1 port 953 allow { localhost; } keys { rndc-key; };`"),
                    );
                }
            }
            // 9.18 takes the port with a warning (deprecated-option).
            if bind >= Bind::V920 {
                if let Some(p) = source_port(&kw, s) {
                    cx.report(
                        Diagnostic::new(META.name, s.file, p.span, format!("the `port` of `{kw}` no longer exists in BIND"))
                            .label("removed in BIND 9.20")
                            .help("remove `port …`: BIND picks random source ports (a fixed one made cache poisoning easy)"),
                    );
                }
            }
            let Some(e) = grammar.get(&kw) else {
                let later =
                    bind < Bind::V920 && GRAMMAR.get(&kw).is_some_and(|e| e.at(place).is_some());
                if later {
                    cx.report(
                        Diagnostic::new(META.name, s.file, span, format!("option `{kw}` is not in BIND {}", bind.name()))
                            .label("added in a later release")
                            .help(format!("named {} refuses it; remove it, or set `[server] bind` in zonelint.toml to the release the server runs", bind.name())),
                    );
                    return;
                }
                let hint = crate::config::did_you_mean(&kw, grammar.names_in(place))
                    .map(|m| format!("did you mean `{m}`?"))
                    .unwrap_or_else(|| {
                        "check the spelling against the BIND reference manual".into()
                    });
                cx.report(
                    Diagnostic::new(
                        META.name,
                        s.file,
                        span,
                        format!("unknown option `{kw}` {}", place.describe()),
                    )
                    .label("named does not know this name here")
                    .help(format!(
                        "{hint} (named refuses to load a configuration with an unknown option)"
                    )),
                );
                return;
            };
            match e.at(place) {
                None => {
                    let elsewhere: Vec<&str> = e
                        .places
                        .iter()
                        .filter(|p| p.1 != Status::Removed)
                        .map(|p| p.0.describe())
                        .collect();
                    let help = if elsewhere.is_empty() {
                        "remove it".to_string()
                    } else {
                        format!("it is allowed {}; move it there", elsewhere.join(", "))
                    };
                    cx.report(
                        Diagnostic::new(
                            META.name,
                            s.file,
                            span,
                            format!("option `{kw}` is not allowed {}", place.describe()),
                        )
                        .label("misplaced")
                        .help(help),
                    );
                }
                Some((Status::Removed, _)) => {
                    cx.report(
                        Diagnostic::new(
                            META.name,
                            s.file,
                            span,
                            format!("option `{kw}` no longer exists in BIND {}", bind.name()),
                        )
                        .label("removed option")
                        .help(format!(
                            "remove it: named {} refuses to load a configuration that still has it",
                            bind.name()
                        )),
                    );
                }
                Some(_) => {
                    if let Some(t) = zone_type {
                        if !e.zone_types.is_empty()
                            && ZONE_TYPES.contains(&t)
                            && !e.zone_types.contains(&t)
                        {
                            cx.report(
                                Diagnostic::new(
                                    META.name,
                                    s.file,
                                    span,
                                    format!("option `{kw}` is not allowed in a {t} zone"),
                                )
                                .label(format!("not for type {t}"))
                                .help(format!(
                                    "remove it; it applies to {} zones",
                                    e.zone_types.join(", ")
                                )),
                            );
                        }
                    }
                }
            }
        });
    }
}

/// The `port` word of a source-address option (`notify-source 192.0.2.1 port 5300`), which
/// 9.18 takes with a warning and 9.20 removed.
pub fn source_port<'a>(kw: &str, s: &'a crate::conf::Stmt) -> Option<&'a crate::conf::Word> {
    if !SOURCES.contains(&kw) {
        return None;
    }
    s.args()
        .find(|w| !w.quoted && w.text.eq_ignore_ascii_case("port"))
}

/// Source-address options whose `port` BIND 9.20 removed.
const SOURCES: &[&str] = &[
    "query-source",
    "query-source-v6",
    "notify-source",
    "notify-source-v6",
    "transfer-source",
    "transfer-source-v6",
    "parental-source",
    "parental-source-v6",
];
