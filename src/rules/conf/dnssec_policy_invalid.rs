//! `dnssec-policy-invalid`: a `dnssec-policy` that named refuses: unknown or deprecated
//! algorithms, key sizes out of range, a KSK without a ZSK (or the reverse), CSKs with an
//! offline KSK, CDS digest types, signature timings that cannot work, NSEC3 iterations.

use crate::conf::grammar::duration_secs;
use crate::conf::{is_yes, Item, NamedConf, Stmt, Word};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use std::collections::BTreeMap;

crate::rule_meta!("dnssec-policy-invalid", Error);

pub struct DnssecPolicyInvalid;

/// Algorithm number by mnemonic or number; `None`: unknown.
fn algorithm(t: &str) -> Option<u8> {
    Some(match t.to_ascii_lowercase().as_str() {
        "rsasha1" => 5,
        "nsec3rsasha1" => 7,
        "rsasha256" => 8,
        "rsasha512" => 10,
        "ecdsap256sha256" | "ecdsa256" => 13,
        "ecdsap384sha384" | "ecdsa384" => 14,
        "ed25519" => 15,
        "ed448" => 16,
        n => {
            return n
                .parse::<u8>()
                .ok()
                .filter(|a| [5, 7, 8, 10, 13, 14, 15, 16].contains(a))
        }
    })
}

fn report(cx: &mut Ctx, s: &Stmt, w: &Word, msg: String, help: &str) {
    cx.report(
        Diagnostic::new(META.name, s.file, w.span, msg)
            .label("named refuses this policy")
            .help(help.to_string()),
    );
}

fn check_policy(p: &Stmt, cx: &mut Ctx) {
    let Some(b) = p.block() else { return };
    let name = p.arg(0).map_or("?", |w| w.text.as_str());
    let offline_ksk = b
        .find("offline-ksk")
        .and_then(|s| s.value())
        .is_some_and(is_yes);
    // Roles per algorithm: (ksk, zsk).
    let mut roles: BTreeMap<u8, (bool, bool, &Stmt)> = BTreeMap::new();
    if let Some(keys) = b.find("keys").and_then(|k| k.block()) {
        for k in &keys.stmts {
            let Some(role) = k.keyword() else { continue };
            let words: Vec<&Word> = k.words().collect();
            let Some(at) = words
                .iter()
                .position(|w| w.text.eq_ignore_ascii_case("algorithm"))
            else {
                continue;
            };
            let Some(aw) = words.get(at + 1) else {
                continue;
            };
            let Some(alg) = algorithm(&aw.text) else {
                report(cx, k, aw, format!("dnssec-policy {name}: unknown algorithm `{}`", aw.text), "use ecdsap256sha256 (13), ecdsap384sha384 (14), ed25519 (15), ed448 (16), rsasha256 (8) or rsasha512 (10)");
                continue;
            };
            if alg == 5 || alg == 7 {
                // named 9.18 and 9.20 load it with a warning ("DNSSEC algorithm rsasha1
                // is deprecated"): a warning here too, not an error.
                cx.report_at_most(
                    Diagnostic::new(
                        META.name,
                        k.file,
                        aw.span,
                        format!(
                            "dnssec-policy {name}: algorithm {} is deprecated (SHA-1)",
                            aw.text
                        ),
                    )
                    .label("named warns about this algorithm")
                    .help("RFC 8624 says not to sign with RSASHA1 (validators on systems without SHA-1 treat the zone as insecure); roll to ecdsap256sha256"),
                    crate::diagnostic::Severity::Warning,
                );
                // RSASHA1 (5) has no NSEC3 form: NSEC3 needs algorithm 7.
                if alg == 5 && b.find("nsec3param").is_some() {
                    report(
                        cx,
                        k,
                        aw,
                        format!("dnssec-policy {name}: algorithm {} cannot be used with NSEC3", aw.text),
                        "use nsec3rsasha1 (7) for NSEC3 with SHA-1 keys, or better ecdsap256sha256 (13)",
                    );
                }
            }
            if let Some(len) = words
                .get(at + 2)
                .filter(|w| w.text.bytes().all(|b| b.is_ascii_digit()))
            {
                let n: u32 = len.text.parse().unwrap_or(0);
                let ok = match alg {
                    // The SHA-1 RSA algorithms: what named takes at the least.
                    5 | 7 => (512..=4096).contains(&n),
                    8 => (1024..=4096).contains(&n),
                    10 => (1024..=4096).contains(&n),
                    13 => n == 256,
                    14 => n == 384,
                    15 => n == 256,
                    16 => n == 456,
                    _ => true,
                };
                if !ok {
                    report(cx, k, len, format!("dnssec-policy {name}: key length {n} is invalid for algorithm {}", aw.text), "RSA keys take 1024 to 4096 bits; the elliptic-curve algorithms have a fixed size");
                }
            }
            if role == "csk" && offline_ksk {
                report(
                    cx,
                    k,
                    words[0],
                    format!("dnssec-policy {name}: a CSK is not allowed with offline-ksk"),
                    "split it into a KSK and a ZSK",
                );
            }
            let e = roles.entry(alg).or_insert((false, false, k));
            match role.as_str() {
                "ksk" => e.0 = true,
                "zsk" => e.1 = true,
                "csk" => {
                    e.0 = true;
                    e.1 = true;
                }
                _ => {}
            }
        }
    }
    for (alg, (ksk, zsk, k)) in roles {
        if ksk != zsk {
            let w = k
                .items
                .iter()
                .find_map(|i| match i {
                    Item::Word(w) => Some(w),
                    _ => None,
                })
                .expect("keyword");
            report(
                cx,
                k,
                w,
                format!(
                    "dnssec-policy {name}: algorithm {alg} has a {} but no {}",
                    if ksk { "KSK" } else { "ZSK" },
                    if ksk { "ZSK" } else { "KSK" }
                ),
                "every algorithm needs both roles: a KSK and a ZSK, or a CSK",
            );
        }
    }
    if let Some(cds) = b.find("cds-digest-types").and_then(|s| s.block()) {
        for d in &cds.stmts {
            if let Some(Item::Word(w)) = d.items.first() {
                let ok = matches!(
                    w.text.to_ascii_lowercase().as_str(),
                    "sha-1"
                        | "sha1"
                        | "sha-256"
                        | "sha256"
                        | "sha-384"
                        | "sha384"
                        | "1"
                        | "2"
                        | "4"
                );
                if !ok {
                    report(
                        cx,
                        d,
                        w,
                        format!("dnssec-policy {name}: unknown CDS digest type `{}`", w.text),
                        "use sha-256 (2) or sha-384 (4)",
                    );
                }
            }
        }
    }
    let secs = |n: &str| {
        b.find(n).and_then(|s| {
            s.value()
                .and_then(|w| duration_secs(&w.text))
                .map(|d| (s, d))
        })
    };
    let validity = secs("signatures-validity").map_or(14 * 86_400, |x| x.1);
    if let Some((s, j)) = secs("signatures-jitter") {
        if j > validity {
            report(
                cx,
                s,
                s.value().expect("value"),
                format!(
                    "dnssec-policy {name}: signatures-jitter is larger than signatures-validity"
                ),
                "lower the jitter below the validity",
            );
        }
    }
    if let Some((s, r)) = secs("signatures-refresh") {
        if r * 10 > validity * 9 {
            report(
                cx,
                s,
                s.value().expect("value"),
                format!(
                    "dnssec-policy {name}: signatures-refresh is over 90% of signatures-validity"
                ),
                "signatures must be refreshed well before they expire; lower the refresh",
            );
        }
    }
    if let Some(n3) = b.find("nsec3param") {
        if let Some(it) = n3.after("iterations").filter(|w| w.text != "0") {
            report(
                cx,
                n3,
                it,
                format!(
                    "dnssec-policy {name}: NSEC3 iterations {} (must be 0)",
                    it.text
                ),
                "RFC 9276 asks for 0 additional iterations; validators treat more as insecure",
            );
        }
    }
}

impl Rule for DnssecPolicyInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        for p in conf.top("dnssec-policy") {
            if p.block().is_some() {
                check_policy(p, cx);
            }
        }
    }
}
