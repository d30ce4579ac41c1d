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
    fn check_unbound(&self, conf: &crate::unbound::UnboundConf, cx: &mut Ctx) {
        cx.forward(&conf.reader_findings);
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        cx.forward(&zone.reader_findings);
    }
    /// Faults in DS files (`dsset-<zone>.`), which are read apart from the zones.
    fn check_project(&self, project: &crate::project::Project, cx: &mut Ctx) {
        cx.forward(&project.load_findings);
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        cx.forward(&conf.reader_findings);
        for (s, w, msg, help) in value_faults(conf) {
            cx.report(
                Diagnostic::new(META.name, s.file, w.span, msg)
                    .label("named refuses this value")
                    .help(help),
            );
        }
        walk_known(conf, &mut |place, _, s| {
            let Some(kw) = s.keyword() else { return };
            let Some((_, class)) = GRAMMAR.get(&kw).and_then(|e| e.at(place)) else {
                return;
            };
            // Statements that define something (`zone NAME { … }`, also in a view) name it
            // before the block.
            let defines = place != grammar::Ctx::Zone
                && GRAMMAR
                    .get(&kw)
                    .is_some_and(|e| e.at(grammar::Ctx::Top).is_some());
            // `dyndb NAME "library" { … }`: the quoted string comes after the name.
            let class = if (defines && class == Value::Block) || kw == "dyndb" {
                Value::Other
            } else {
                class
            };
            if let Some((what, help)) = bad_value(&kw, class, s, place) {
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

/// Values in the corners of the grammar the value classes do not reach: addresses in
/// address-match lists, transfer transports, response-policy timers, logging flags, the
/// zone file format.
fn value_faults(conf: &NamedConf) -> Vec<(&Stmt, &crate::conf::Word, String, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Stmt> = conf.stmts.iter().collect();
    while let Some(s) = stack.pop() {
        let kw = s.keyword().unwrap_or_default();
        let aml = kw == "acl"
            || kw.starts_with("allow-")
            || matches!(
                kw.as_str(),
                "match-clients" | "match-destinations" | "blackhole" | "sortlist"
            );
        for item in &s.items {
            if let Item::Block(b) = item {
                if aml {
                    aml_addresses(b, &mut out);
                }
                stack.extend(b.stmts.iter());
            }
        }
        match kw.as_str() {
            "allow-transfer" => {
                if let Some(t) = s.after("transport") {
                    if !["tcp", "tls"].contains(&t.text.to_ascii_lowercase().as_str()) {
                        out.push((
                            s,
                            t,
                            format!("`{}` is not a transport for zone transfers", t.text),
                            "write `transport tcp` or `transport tls`".to_string(),
                        ));
                    }
                }
            }
            "response-policy" => {
                let words: Vec<&crate::conf::Word> = s.words().skip(1).collect();
                let zone_words = s
                    .block()
                    .into_iter()
                    .flat_map(|b| b.all("zone"))
                    .flat_map(|z| z.args());
                let all: Vec<&crate::conf::Word> = words.into_iter().chain(zone_words).collect();
                for pair in all.windows(2) {
                    let k = pair[0].text.to_ascii_lowercase();
                    if ["max-policy-ttl", "min-update-interval"].contains(&k.as_str())
                        && !grammar::is_duration(&pair[1].text)
                    {
                        out.push((
                            s,
                            pair[1],
                            format!("`{k}` takes a duration, found `{}`", pair[1].text),
                            "write seconds (`3600`), TTL units (`1h`) or ISO 8601 (`PT1H`)"
                                .to_string(),
                        ));
                    }
                }
            }
            "print-time" | "print-category" | "print-severity" => {
                if let Some(w) = s.value() {
                    let extra = kw == "print-time"
                        && ["iso8601", "iso8601-utc", "iso8601-tzinfo", "local"]
                            .contains(&w.text.to_ascii_lowercase().as_str());
                    if !grammar::is_bool(&w.text) && !extra {
                        out.push((
                            s,
                            w,
                            format!("`{kw}` takes yes or no, found `{}`", w.text),
                            format!("write `{kw} yes;`"),
                        ));
                    }
                }
            }
            "channel" => {
                // logging { channel NAME { file …; | syslog …; | null; | stderr; }; }
                if let (Some(name), Some(b)) = (s.arg(0), s.block()) {
                    let n = CHANNEL_DESTINATIONS
                        .iter()
                        .filter(|d| b.find(d).is_some())
                        .count();
                    if n != 1 {
                        let what = if n == 0 {
                            "no destination".to_string()
                        } else {
                            format!("{n} destinations")
                        };
                        out.push((
                            s,
                            name,
                            format!("logging channel `{}` has {what}", name.text),
                            "give the channel exactly one of `file \"…\";`, `syslog;`, `stderr;` or `null;`".to_string(),
                        ));
                    }
                }
            }
            "zone" => {
                if let Some(t) = s
                    .block()
                    .and_then(|b| b.find("type"))
                    .and_then(|t| t.value())
                {
                    if !ZONE_TYPES.contains(&t.text.to_ascii_lowercase().as_str()) {
                        out.push((
                            s,
                            t,
                            format!("`{}` is not a zone type", t.text),
                            format!(
                                "write one of {}",
                                ZONE_TYPES
                                    .iter()
                                    .map(|t| format!("`{t}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ));
                    }
                }
            }
            "key" => {
                let secret = s
                    .block()
                    .and_then(|b| b.find("secret"))
                    .and_then(|x| x.value());
                if let Some(w) = secret {
                    let text: String = w.text.split_whitespace().collect();
                    if domain::utils::base64::decode::<Vec<u8>>(&text).is_err() {
                        out.push((
                            s,
                            w,
                            "the TSIG secret is not base64".to_string(),
                            "paste the secret as `tsig-keygen` printed it (base64: A–Z, a–z, 0–9, `+`, `/`, `=` padding)".to_string(),
                        ));
                    }
                }
            }
            "masterfile-format" => {
                if let Some(w) = s
                    .value()
                    .filter(|w| !["text", "raw"].contains(&w.text.to_ascii_lowercase().as_str()))
                {
                    out.push((
                        s,
                        w,
                        format!("zone file format `{}` is not supported", w.text),
                        "use `text` or `raw` (BIND 9.20 removed `map`)".to_string(),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// Where a logging channel sends its messages: exactly one per channel.
const CHANNEL_DESTINATIONS: &[&str] = &["file", "syslog", "null", "stderr"];

/// The zone types named 9.18–9.20 loads (`master`/`slave` are the old names,
/// `delegation-only` is 9.18's).
const ZONE_TYPES: &[&str] = &[
    "primary",
    "master",
    "secondary",
    "slave",
    "mirror",
    "hint",
    "stub",
    "static-stub",
    "forward",
    "redirect",
    "delegation-only",
];

/// Malformed addresses and prefixes in an address-match list: an IPv4 address without
/// all four octets and no prefix length, a prefix length over 32 or 128, host bits set
/// beyond the prefix (`127.1.0.0/8`).
fn aml_addresses<'a>(
    b: &'a crate::conf::Block,
    out: &mut Vec<(&'a Stmt, &'a crate::conf::Word, String, String)>,
) {
    for e in &b.stmts {
        let mut items = e.items.iter();
        let mut first = items.next();
        if matches!(first, Some(Item::Word(w)) if w.text == "!") {
            first = items.next();
        }
        match first {
            Some(Item::Block(inner)) => aml_addresses(inner, out),
            Some(Item::Word(w)) if !w.quoted => {
                // One element per `;`: an address followed by more is a missing `;`.
                if w.text != "*" && crate::rules::conf::is_address(&w.text) {
                    if let Some(Item::Word(next)) = items.next() {
                        out.push((
                            e,
                            next,
                            format!("missing `;` before `{}`", next.text),
                            "end each element of the list with `;`: `{ 192.0.2.1; 192.0.2.2; }`"
                                .to_string(),
                        ));
                        continue;
                    }
                }
                if let Some(msg) = address_fault(&w.text) {
                    out.push((e, w, msg, "write a full address (`192.0.2.1`) or a prefix with its length and no host bits (`192.0.2.0/24`, `10/8`)".to_string()));
                }
            }
            _ => {}
        }
    }
}

fn address_fault(t: &str) -> Option<String> {
    let (addr, len) = match t.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (t, None),
    };
    if addr.contains(':') {
        let ip: std::net::Ipv6Addr = addr.parse().ok()?;
        let len: u32 = match len {
            Some(l) => match l.parse().ok().filter(|l| *l <= 128) {
                Some(l) => l,
                None => return Some(format!("`{t}`: invalid prefix length")),
            },
            None => return None,
        };
        let bits = u128::from(ip);
        if len < 128 && bits & (u128::MAX >> len) != 0 {
            return Some(format!(
                "`{t}`: address and prefix length {len} do not match"
            ));
        }
        return None;
    }
    if !addr.bytes().all(|b| b.is_ascii_digit() || b == b'.') || addr.is_empty() {
        return None; // a name: an ACL reference
    }
    let octets: Vec<&str> = addr.split('.').collect();
    if octets.len() > 4 || octets.iter().any(|o| o.parse::<u8>().is_err()) {
        return Some(format!("`{t}` is not an IPv4 address"));
    }
    let Some(len) = len else {
        return (octets.len() < 4)
            .then(|| format!("`{t}` is an incomplete IPv4 address or prefix"));
    };
    let Ok(len) = len.parse::<u32>() else {
        return Some(format!("`{t}`: invalid prefix length"));
    };
    if len > 32 {
        return Some(format!("`{t}`: prefix length {len} is over 32"));
    }
    let mut v: u32 = 0;
    for (i, o) in octets.iter().enumerate() {
        v |= o.parse::<u32>().unwrap_or(0) << (24 - 8 * i);
    }
    if len < 32 && v & (u32::MAX >> len) != 0 {
        return Some(format!(
            "`{t}`: address and prefix length {len} do not match"
        ));
    }
    None
}

/// Words that may stand, with a value, between an option and its list.
const LIST_PREFIXES: &[&str] = &[
    "port",
    "tls",
    "source",
    "source-v6",
    "dscp",
    "key",
    "transport",
];

/// What is wrong with a statement's value, by the class of value the option takes.
fn bad_value(kw: &str, class: Value, s: &Stmt, place: grammar::Ctx) -> Option<(String, String)> {
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
            // `server-id hostname;` (and `hostname`, `version` none) are keywords.
            let ok = word.is_some_and(|w| {
                w.quoted
                    || w.text.eq_ignore_ascii_case("none")
                    || (kw == "server-id" && w.text.eq_ignore_ascii_case("hostname"))
            });
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
                    Item::Word(w)
                        if !w.quoted
                            && LIST_PREFIXES.contains(&w.text.to_ascii_lowercase().as_str()) =>
                    {
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
        Value::Ip => {
            // `query-source address 192.0.2.1 port 5300`, `notify-source *`,
            // `server 2001:db8::/32 { … }`; `query-source none` in options and views only.
            let mut rest = s.items.iter().skip(1).peekable();
            if matches!(rest.peek(), Some(Item::Word(w)) if !w.quoted && w.text.eq_ignore_ascii_case("address"))
            {
                rest.next();
            }
            let addr = match rest.next() {
                Some(Item::Word(w)) if !w.quoted => Some(w),
                _ => None,
            };
            let ok = addr.is_some_and(|w| {
                is_address_or_prefix(&w.text)
                    && (!w.text.eq_ignore_ascii_case("none")
                        || (kw.starts_with("query-source") && place != grammar::Ctx::Server))
            });
            if !ok {
                return Some((
                    format!("takes an IP address, found {}", found()),
                    format!("write an address such as `{kw} 192.0.2.1;` or `*` for any"),
                ));
            }
            // Then only `port N` and `dscp N` pairs, or the block of `server`/`dns64`.
            while let Some(item) = rest.next() {
                match item {
                    Item::Block(_) => break,
                    Item::Word(w)
                        if !w.quoted
                            && ["port", "dscp"].contains(&w.text.to_ascii_lowercase().as_str())
                            && rest.next().is_some() => {}
                    Item::Word(w) => {
                        return Some((
                            format!(
                                "takes one address, found `{}` after it (missing `;`?)",
                                w.text
                            ),
                            format!(
                                "write `{kw} ADDRESS [port N];` and end the statement with `;`"
                            ),
                        ))
                    }
                }
            }
            None
        }
        Value::Name | Value::AString | Value::Other => None,
    }
}

/// An IPv4/IPv6 address, an address with a prefix length, `*` or `none`.
fn is_address_or_prefix(t: &str) -> bool {
    if t == "*" || t.eq_ignore_ascii_case("none") {
        return true;
    }
    let (addr, len) = match t.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (t, None),
    };
    let Ok(ip) = addr.parse::<std::net::IpAddr>() else {
        return false;
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    len.is_none_or(|l| l.parse::<u8>().is_ok_and(|l| l <= max))
}
