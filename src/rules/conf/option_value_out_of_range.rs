//! `option-value-out-of-range`: a named.conf value of the right kind but outside what named
//! accepts: UDP sizes, ports, prefetch, rate limits, cache TTL caps, journal and map sizes,
//! transfer rates, DNS64 prefixes, dnssec-policy tag ranges, timers that must not be zero.

use super::walk_known;
use crate::conf::grammar::{duration_secs, size_bytes};
use crate::conf::{Item, NamedConf, Stmt, Word};
use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use std::net::Ipv6Addr;

crate::rule_meta!("option-value-out-of-range", Error);

pub struct OptionValueOutOfRange;

fn num(w: &Word) -> Option<u64> {
    w.text.parse::<u64>().ok()
}

fn report(cx: &mut Ctx, s: &Stmt, w: &Word, msg: String, help: &str) {
    cx.report(
        Diagnostic::new(META.name, s.file, w.span, msg)
            .label("outside what named accepts")
            .help(help.to_string()),
    );
}

/// `lo..=hi` for a one-number option.
fn range(cx: &mut Ctx, s: &Stmt, name: &str, lo: u64, hi: u64) {
    if let Some(w) = s.value() {
        if let Some(n) = num(w) {
            if n < lo || n > hi {
                report(
                    cx,
                    s,
                    w,
                    format!("`{name}` {n} is out of range ({lo}..{hi})"),
                    &format!("use a value from {lo} to {hi}"),
                );
            }
        }
    }
}

/// A UDP size: named-checkconf 9.18 loads any value and named brings it into `lo..=hi`
/// (`max-udp-size 20000;` runs as 4096), a warning that says what the server will use;
/// later releases refuse it (BIND's own test suite, `bad-max-udp-size-*.conf`), an error.
fn clamped(cx: &mut Ctx, s: &Stmt, name: &str, lo: u64, hi: u64) {
    if cx.options.bind >= crate::conf::grammar::Bind::V920 {
        return range(cx, s, name, lo, hi);
    }
    let Some(w) = s.value() else { return };
    let Some(n) = num(w) else { return };
    if (lo..=hi).contains(&n) {
        return;
    }
    let used = n.clamp(lo, hi);
    cx.report_at_most(
        Diagnostic::new(
            META.name,
            s.file,
            w.span,
            format!("`{name}` {n} is outside {lo}..{hi}: named uses {used}"),
        )
        .label("named clamps this value")
        .help(format!(
            "write `{name} {used};` (what the server does), or a value from {lo} to {hi}"
        )),
        crate::diagnostic::Severity::Warning,
    );
}

fn check(s: &Stmt, cx: &mut Ctx) {
    let Some(kw) = s.keyword() else { return };
    // `port N` anywhere in a statement.
    let mut it = s.items.iter().peekable();
    while let Some(i) = it.next() {
        if let Item::Word(w) = i {
            if !w.quoted && w.text.eq_ignore_ascii_case("port") && !std::ptr::eq(i, &s.items[0]) {
                if let Some(Item::Word(p)) = it.peek() {
                    if num(p).is_some_and(|n| n > 65535) || (p.text != "*" && num(p).is_none()) {
                        report(
                            cx,
                            s,
                            p,
                            format!("port `{}` is out of range (0..65535)", p.text),
                            "use a port number from 0 to 65535",
                        );
                    }
                }
            }
        }
    }
    match kw.as_str() {
        "port" | "tls-port" | "https-port" | "http-port" => range(cx, s, &kw, 0, 65535),
        "edns-udp-size" | "max-udp-size" => clamped(cx, s, &kw, 512, 4096),
        "edns-version" => range(cx, s, &kw, 0, 255),
        "padding" => range(cx, s, &kw, 0, 512),
        "nocookie-udp-size" => clamped(cx, s, &kw, 128, 4096),
        "sig-validity-interval" => range(cx, s, &kw, 1, 3660),
        "max-refresh-time" | "max-retry-time" | "min-refresh-time" | "min-retry-time" => {
            range(cx, s, &kw, 1, u32::MAX as u64)
        }
        "prefetch" => {
            let v: Vec<&Word> = s.args().collect();
            if let Some(t) = v.first().and_then(|w| num(w).map(|n| (w, n))) {
                if t.1 > 10 {
                    report(
                        cx,
                        s,
                        t.0,
                        format!("`prefetch` trigger {} is out of range (0..10)", t.1),
                        "use a trigger from 0 to 10 seconds",
                    );
                } else if let Some(e) = v.get(1).and_then(|w| num(w).map(|n| (w, n))) {
                    if e.1 < t.1 + 6 {
                        report(cx, s, e.0, format!("`prefetch` eligibility {} must be at least six seconds longer than the trigger {}", e.1, t.1), "raise the eligibility or lower the trigger");
                    }
                }
            }
        }
        "max-ncache-ttl" | "nta-lifetime" | "nta-recheck" => {
            if let Some(w) = s.value() {
                if duration_secs(&w.text).is_some_and(|d| d > 604_800) {
                    report(
                        cx,
                        s,
                        w,
                        format!("`{kw}` {} is over one week", w.text),
                        "named caps it at one week (604800 seconds); use `1w` or less",
                    );
                }
            }
        }
        "max-journal-size" => {
            if let Some(w) = s.value() {
                if size_bytes(&w.text).is_some_and(|b| b > 1 << 31) {
                    report(
                        cx,
                        s,
                        w,
                        format!("`max-journal-size {}` is too large", w.text),
                        "use at most 2g",
                    );
                }
            }
        }
        "lmdb-mapsize" => {
            if let Some(w) = s.value() {
                if let Some(b) = size_bytes(&w.text) {
                    if b < 1 << 20 {
                        report(
                            cx,
                            s,
                            w,
                            format!("`lmdb-mapsize {}` is too small", w.text),
                            "use at least 1m",
                        );
                    } else if b > 1 << 40 {
                        report(
                            cx,
                            s,
                            w,
                            format!("`lmdb-mapsize {}` is too large", w.text),
                            "use at most 1024g",
                        );
                    }
                } else if w.text.eq_ignore_ascii_case("unlimited") {
                    report(
                        cx,
                        s,
                        w,
                        "`lmdb-mapsize` cannot be unlimited".into(),
                        "give a size such as `64m`",
                    );
                }
            }
        }
        "max-ixfr-ratio" => {
            if let Some(w) = s
                .value()
                .filter(|w| w.text.trim_end_matches('%').parse::<u64>() == Ok(0))
            {
                report(
                    cx,
                    s,
                    w,
                    "`max-ixfr-ratio` must be a nonzero percentage or `unlimited`".into(),
                    "use `unlimited` or a percentage such as `100%`",
                );
            }
        }
        "fetch-quota-params" => {
            for w in s.args().skip(1) {
                if w.text
                    .parse::<f64>()
                    .is_ok_and(|f| !(0.0..=1.0).contains(&f))
                {
                    report(
                        cx,
                        s,
                        w,
                        format!(
                            "`fetch-quota-params` value {} is out of range (0.0..1.0)",
                            w.text
                        ),
                        "the low, high and discount values are fractions from 0 to 1",
                    );
                }
            }
        }
        "min-transfer-rate-in" => {
            let v: Vec<&Word> = s.args().collect();
            if let Some(b) = v.first().filter(|w| num(w) == Some(0)) {
                report(
                    cx,
                    s,
                    b,
                    "`min-transfer-rate-in` bytes cannot be 0".into(),
                    "give a positive number of bytes",
                );
            }
            if let Some(m) = v
                .get(1)
                .filter(|w| num(w).is_some_and(|n| n == 0 || n > 40320))
            {
                report(
                    cx,
                    s,
                    m,
                    format!(
                        "`min-transfer-rate-in` minutes {} is out of range (1..40320)",
                        m.text
                    ),
                    "use 1 to 40320 minutes",
                );
            }
        }
        "rate-limit" => {
            let Some(b) = s.block() else { return };
            for r in &b.stmts {
                let Some(k) = r.keyword() else { continue };
                let Some(w) = r.value() else { continue };
                let Some(n) = num(w) else { continue };
                let bad = match k.as_str() {
                    "responses-per-second"
                    | "referrals-per-second"
                    | "nodata-per-second"
                    | "nxdomains-per-second"
                    | "errors-per-second"
                    | "all-per-second" => n > 1000,
                    "slip" => n > 10,
                    "window" => !(1..=3600).contains(&n),
                    "ipv4-prefix-length" => n > 32,
                    "ipv6-prefix-length" => !(16..=64).contains(&n),
                    "qps-scale" => n < 1,
                    "max-table-size" => {
                        let min = b
                            .find("min-table-size")
                            .and_then(|m| m.value())
                            .and_then(num)
                            .unwrap_or(500);
                        n < min.max(1)
                    }
                    _ => false,
                };
                if bad {
                    report(cx, r, w, format!("rate-limit `{k} {n}` is out of range"), "per-second limits go to 1000, slip to 10, window from 1 to 3600 s, IPv4 prefixes to 32, IPv6 prefixes from 16 to 64; max-table-size is at least min-table-size");
                }
            }
        }
        "dns64" => check_dns64(s, cx),
        "response-policy" => {
            let n = s.block().map_or(0, |b| b.all("zone").count());
            if n > 64 {
                report(
                    cx,
                    s,
                    s.items
                        .first()
                        .and_then(|i| match i {
                            Item::Word(w) => Some(w),
                            _ => None,
                        })
                        .expect("keyword"),
                    format!("`response-policy` lists {n} zones, more than 64"),
                    "named takes at most 64 response policy zones per view",
                );
            }
        }
        "parental-agents" if s.block().is_some_and(|b| b.stmts.is_empty()) => {
            if let Some(Item::Word(w)) = s.items.first() {
                report(
                    cx,
                    s,
                    w,
                    format!("`{kw}` lists no server"),
                    "list at least one server, or remove the option",
                );
            }
        }
        _ => {}
    }
}

fn check_dns64(s: &Stmt, cx: &mut Ctx) {
    let Some(w) = s.value() else { return };
    let (addr, len) = match w.text.split_once('/') {
        Some((a, l)) => (a, l.parse::<u32>().ok()),
        None => (w.text.as_str(), None),
    };
    let Ok(prefix) = addr.parse::<Ipv6Addr>() else {
        report(
            cx,
            s,
            w,
            format!("dns64 prefix `{}` is not an IPv6 prefix", w.text),
            "write an IPv6 prefix such as `64:ff9b::/96`",
        );
        return;
    };
    let Some(len) = len.filter(|l| *l <= 128) else {
        report(
            cx,
            s,
            w,
            format!("dns64 prefix `{}` has an invalid length", w.text),
            "write the prefix length: /32, /40, /48, /56, /64 or /96",
        );
        return;
    };
    if ![32, 40, 48, 56, 64, 96].contains(&len) {
        report(
            cx,
            s,
            w,
            format!(
                "dns64 prefix `{}` length is not 32, 40, 48, 56, 64 or 96",
                w.text
            ),
            "RFC 6052 allows only these prefix lengths",
        );
        return;
    }
    if prefix.octets()[8] != 0 {
        report(
            cx,
            s,
            w,
            format!("dns64 prefix `{}`: bits 64 to 71 must be zero", w.text),
            "RFC 6052 §2.2 reserves the octet at bits 64 to 71",
        );
        return;
    }
    let Some(suffix) = s.block().and_then(|b| b.find("suffix")) else {
        return;
    };
    let Some(sw) = suffix.value() else { return };
    let Ok(sfx) = sw.text.parse::<Ipv6Addr>() else {
        report(
            cx,
            suffix,
            sw,
            format!("dns64 suffix `{}` is not an IPv6 address", sw.text),
            "write the suffix as an IPv6 address such as `::42`",
        );
        return;
    };
    let leading = if len == 96 { 16 } else { len as usize / 8 + 5 };
    if sfx.octets()[..leading.min(16)].iter().any(|b| *b != 0) {
        report(
            cx,
            suffix,
            sw,
            format!(
                "dns64 suffix `{}`: its leading {leading} octets must be zero",
                sw.text
            ),
            "the prefix and the embedded IPv4 address take those octets (RFC 6052 §2.2)",
        );
    }
}

impl Rule for OptionValueOutOfRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        walk_known(conf, &mut |_, _, s| check(s, cx));
        // Templates hold zone options too.
        for t in conf.top("template") {
            if let Some(b) = t.block() {
                for s in &b.stmts {
                    check(s, cx);
                }
            }
        }
        // dnssec-policy key tag ranges.
        for p in conf.top("dnssec-policy") {
            let Some(keys) = p
                .block()
                .and_then(|b| b.find("keys"))
                .and_then(|k| k.block())
            else {
                continue;
            };
            for k in &keys.stmts {
                let words: Vec<&Word> = k.words().collect();
                let Some(at) = words
                    .iter()
                    .position(|w| w.text.eq_ignore_ascii_case("tag-range"))
                else {
                    continue;
                };
                let (Some(lo), Some(hi)) = (words.get(at + 1), words.get(at + 2)) else {
                    continue;
                };
                let (l, h) = (num(lo).unwrap_or(0), num(hi).unwrap_or(0));
                if l > 65535 {
                    report(
                        cx,
                        k,
                        lo,
                        format!("dnssec-policy tag-range start {l} is over 65535"),
                        "key tags are 16-bit numbers",
                    );
                } else if h > 65535 {
                    report(
                        cx,
                        k,
                        hi,
                        format!("dnssec-policy tag-range end {h} is over 65535"),
                        "key tags are 16-bit numbers",
                    );
                } else if l >= h {
                    report(cx, k, lo, format!("dnssec-policy tag-range {l} {h} is empty: the start must be below the end"), "write the smaller tag first");
                }
            }
        }
        // min-delegation-ttl below max-delegation-ttl.
        for scope in conf.scopes() {
            let get = |n: &str| {
                conf.view_option(scope, n).and_then(|s| {
                    s.value()
                        .and_then(|w| duration_secs(&w.text))
                        .map(|d| (s, d))
                })
            };
            if let (Some((smin, lo)), Some((_, hi))) =
                (get("min-delegation-ttl"), get("max-delegation-ttl"))
            {
                if lo > 0 && hi > 0 && lo >= hi {
                    if let Some(w) = smin.value() {
                        report(
                            cx,
                            smin,
                            w,
                            format!(
                                "`min-delegation-ttl` {lo} is not below `max-delegation-ttl` {hi}"
                            ),
                            "make the minimum strictly lower than the maximum",
                        );
                    }
                }
            }
        }
    }
}
