//! `dnssec-validation-disabled`: `dnssec-validation no;` on a server that resolves (a
//! server or view with recursion off validates nothing: the setting is moot there).
//!
//! unbound.conf: `module-config:` without `validator`, `val-permissive-mode: yes`,
//! `domain-insecure: "."`, or a validator with no trust anchor at all (no
//! `auto-trust-anchor-file:`, `trust-anchor-file:`, `trust-anchor:` or
//! `trusted-keys-file:`). The last is judged on a whole configuration only: not on a
//! fragment (a `unbound.conf.d/` file, a file with no clause line) nor when an include
//! is missing (Debian keeps the root key's option in `unbound.conf.d/`).

use crate::conf::{is_no, NamedConf};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("dnssec-validation-disabled", Warning);

pub struct DnssecValidationDisabled;

/// The options that give Unbound's validator a trust anchor.
const UNBOUND_ANCHORS: &[&str] = &[
    "auto-trust-anchor-file",
    "trust-anchor-file",
    "trust-anchor",
    "trusted-keys-file",
];

impl Rule for DnssecValidationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_unbound(&self, conf: &crate::unbound::UnboundConf, cx: &mut Ctx) {
        let mut report = |o: &crate::unbound::Opt, msg: &str, label: &str, help: &str| {
            cx.report(
                Diagnostic::new(META.name, o.file, o.full_span(), msg)
                    .label(label)
                    .help(help),
            );
        };
        let modules = conf.server_last("module-config");
        let validator = modules
            .and_then(|o| o.value())
            .is_none_or(|v| v.text.split_whitespace().any(|m| m == "validator"));
        if let Some(o) = modules.filter(|_| !validator) {
            report(
                o,
                "DNSSEC validation is switched off: `module-config` has no `validator`",
                "no validator module",
                "use `module-config: \"validator iterator\"` (Unbound's default): without validation the resolver hands forged answers to its clients",
            );
        }
        if let Some(o) = conf
            .server_last("val-permissive-mode")
            .filter(|o| o.is_yes())
        {
            report(
                o,
                "`val-permissive-mode: yes` hands out answers that fail validation",
                "bogus answers are served",
                "remove it (the default is `no`): a forged answer then gets SERVFAIL instead of reaching the client",
            );
        }
        for o in conf.server_all("domain-insecure") {
            if o.value().is_some_and(|v| v.text == ".") {
                report(
                    o,
                    "`domain-insecure: \".\"` switches validation off for every name",
                    "the whole tree is insecure",
                    "list only the private zones whose DNSSEC chain is broken on purpose (`domain-insecure: \"corp.example.\"`)",
                );
            }
        }
        // A validator with nothing to validate from.
        let in_conf_d = crate::unbound::may_be_fragment(&cx.source(conf.main).path);
        let whole = !conf.fragment && !conf.missing_include && !in_conf_d;
        let anchored = UNBOUND_ANCHORS
            .iter()
            .any(|a| conf.server_all(a).next().is_some());
        if validator && whole && !anchored {
            if let Some(server) = conf.clauses("server").next() {
                cx.report(
                    Diagnostic::new(
                        META.name,
                        server.file,
                        server.span,
                        "the validator has no trust anchor: nothing is validated",
                    )
                    .label("no trust-anchor option in any `server:` clause")
                    .help("add `auto-trust-anchor-file: \"/var/lib/unbound/root.key\"` (kept current by unbound-anchor and RFC 5011); without an anchor every answer is insecure, never bogus"),
                );
            }
        }
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        // Validation matters where the server resolves: the options block counts when a
        // scope that inherits it recurses, a view when it recurses itself.
        let inherits = |i: Option<usize>| {
            i.and_then(|i| conf.view(i))
                .and_then(|v| v.block())
                .is_none_or(|b| b.find("dnssec-validation").is_none())
        };
        let options_used = conf
            .scopes()
            .into_iter()
            .any(|v| inherits(v) && super::recursion_on(conf, v));
        let views = conf
            .views()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| super::recursion_on(conf, Some(*i)))
            .filter_map(|(_, v)| v.block());
        let blocks = conf
            .options()
            .into_iter()
            .filter(|_| options_used)
            .chain(views);
        for b in blocks {
            for s in b.all("dnssec-validation") {
                if s.value().is_some_and(is_no) {
                    cx.report(
                        Diagnostic::new(META.name, s.file, s.span, "DNSSEC validation is switched off")
                            .label("`dnssec-validation no`")
                            .help("use `dnssec-validation auto;`: without validation the resolver hands forged answers to its clients"),
                    );
                }
            }
        }
    }
}
