//! What BIND 9.18–9.20 accepts where: statement and option names by place, the zone
//! types an option is allowed in, the names BIND removed or deprecated, and the class of
//! value each option takes.
//!
//! The bulk of the table ([`super::grammar_table`]) was derived by probing BIND's own
//! `named-checkconf` 9.18 with one-line configurations (`scripts/probe-bind-grammar.py`):
//! a fact-finding run, not a copy of BIND's code. [`LATER`] adds what 9.19–9.21 brought,
//! [`REMOVED_IN_920`] what 9.20 dropped.

use super::grammar_table::PROBED;
use super::syntax::{Keywords, Place};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A place an option can stand in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ctx {
    Top,
    Options,
    View,
    Zone,
    Server,
    Policy,
}

impl Ctx {
    fn parse(s: &str) -> Option<Ctx> {
        Some(match s {
            "top" => Ctx::Top,
            "options" => Ctx::Options,
            "view" => Ctx::View,
            "zone" => Ctx::Zone,
            "server" => Ctx::Server,
            "dnssec-policy" => Ctx::Policy,
            _ => return None,
        })
    }
    pub fn describe(self) -> &'static str {
        match self {
            Ctx::Top => "at the top level",
            Ctx::Options => "in `options`",
            Ctx::View => "in a `view`",
            Ctx::Zone => "in a `zone`",
            Ctx::Server => "in a `server` block",
            Ctx::Policy => "in a `dnssec-policy`",
        }
    }
}

/// Whether BIND still takes a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Current,
    /// Accepted with a warning.
    Deprecated,
    /// Refused: named does not start.
    Removed,
}

/// The class of value an option takes (checked where it is simple to check).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Bool,
    Duration,
    QString,
    Number,
    Size,
    SizeOrPercent,
    Percent,
    Block,
    /// An address (`notify-source`, `query-source [address]`) or a prefix (`server`,
    /// `dns64`); `*` where BIND takes "any".
    Ip,
    /// A domain name.
    Name,
    /// A word or a quoted string.
    AString,
    Other,
}

impl Value {
    fn parse(s: &str) -> Value {
        match s {
            "bool" => Value::Bool,
            "duration" => Value::Duration,
            "qstring" => Value::QString,
            "number" => Value::Number,
            "sizeval" => Value::Size,
            "sizeval_percent" => Value::SizeOrPercent,
            "percent" => Value::Percent,
            "block" => Value::Block,
            "ip" => Value::Ip,
            "name" => Value::Name,
            "astring" => Value::AString,
            _ => Value::Other,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub places: Vec<(Ctx, Status, Value)>,
    /// Zone types the option is allowed in (empty: not a zone option).
    pub zone_types: Vec<&'static str>,
}

impl Entry {
    pub fn at(&self, ctx: Ctx) -> Option<(Status, Value)> {
        self.places.iter().find(|p| p.0 == ctx).map(|p| (p.1, p.2))
    }
}

/// The zone types whose options the table knows (after `master`/`slave` are mapped).
pub const ZONE_TYPES: &[&str] = &[
    "primary",
    "secondary",
    "mirror",
    "forward",
    "stub",
    "static-stub",
    "hint",
    "redirect",
];

/// Names BIND 9.19–9.21 added (and 9.18 does not know), with their places.
const LATER: &[(&str, &[&str], &[&str])] = &[
    (
        "request-ixfr-max-diffs",
        &["options", "view", "zone", "server"],
        &["secondary", "mirror", "redirect"],
    ),
    ("require-cookie", &["server"], &[]),
    ("remote-servers", &["top"], &[]),
    ("template", &["top", "zone"], ZONE_TYPES),
    ("key-store", &["top"], &[]),
    (
        "min-transfer-rate-in",
        &["options", "view", "zone"],
        &["secondary", "mirror", "stub", "redirect"],
    ),
    (
        "send-report-channel",
        &["options", "view", "zone"],
        &["primary", "secondary", "redirect"],
    ),
    (
        "log-report-channel",
        &["zone"],
        &["primary", "secondary", "redirect"],
    ),
    ("sig0checks-quota", &["options"], &[]),
    ("sig0checks-quota-exempt", &["options"], &[]),
    ("sig0key-checks-limit", &["options", "view"], &[]),
    ("sig0message-checks-limit", &["options", "view"], &[]),
    (
        "notify-defer",
        &["options", "view", "zone"],
        &["primary", "secondary", "mirror", "redirect"],
    ),
    (
        "notify-cfg",
        &["options", "view", "zone"],
        &["primary", "secondary", "mirror", "redirect"],
    ),
    (
        "notify-cds",
        &["options", "view", "zone"],
        &["primary", "secondary", "redirect"],
    ),
    ("checkds", &["zone"], &["primary", "secondary", "redirect"]),
    ("min-delegation-ttl", &["options", "view"], &[]),
    ("max-delegation-ttl", &["options", "view"], &[]),
    ("max-query-restarts", &["options", "view"], &[]),
    ("max-validations-per-fetch", &["options", "view"], &[]),
    (
        "max-validation-failures-per-fetch",
        &["options", "view"],
        &[],
    ),
    ("resolver-use-dns64", &["options", "view"], &[]),
    ("allow-proxy", &["options"], &[]),
    ("allow-proxy-on", &["options"], &[]),
    (
        "provide-zoneversion",
        &["options", "view", "zone"],
        &["primary", "secondary", "mirror", "redirect"],
    ),
    ("request-zoneversion", &["options", "view", "server"], &[]),
    ("transfers-per-ns", &["options"], &[]),
    ("cookie-secret", &["options"], &[]),
    (
        "dnssec-policy",
        &["top", "options", "view", "zone"],
        &["primary", "secondary", "redirect"],
    ),
    (
        "inline-signing",
        &["zone", "dnssec-policy"],
        &["primary", "secondary", "redirect"],
    ),
    ("offline-ksk", &["dnssec-policy"], &[]),
    ("cdnskey", &["dnssec-policy"], &[]),
    ("cds-digest-types", &["dnssec-policy"], &[]),
    ("manual-mode", &["dnssec-policy"], &[]),
    ("signatures-jitter", &["dnssec-policy"], &[]),
    ("max-zone-ttl", &["dnssec-policy"], &[]),
    (
        "parental-agents",
        &["top", "zone"],
        &["primary", "secondary", "redirect"],
    ),
    ("update-quota", &["options"], &[]),
    ("responselog", &["options"], &[]),
    ("tcp-primaries-timeout", &["options", "view"], &[]),
    (
        "max-ixfr-ratio",
        &["options", "view", "zone"],
        &["primary", "secondary", "mirror", "redirect"],
    ),
];

/// The value class of names the probe could not classify.
const LATER_CLASSES: &[(&str, Value)] = &[
    ("inline-signing", Value::Bool),
    ("checkds", Value::Bool),
    ("notify-cds", Value::Bool),
    ("min-delegation-ttl", Value::Duration),
    ("max-delegation-ttl", Value::Duration),
    ("request-ixfr-max-diffs", Value::Number),
    ("require-cookie", Value::Bool),
    ("max-ixfr-ratio", Value::Percent),
];

/// Names 9.20 no longer takes (9.18 accepted them with a warning). Zonelint targets the
/// current stable BIND: a configuration that still uses them does not load after the
/// upgrade.
pub const REMOVED_IN_920: &[&str] = &[
    "avoid-v4-udp-ports",
    "avoid-v6-udp-ports",
    "use-v4-udp-ports",
    "use-v6-udp-ports",
    "auto-dnssec",
    "dnssec-must-be-secure",
    "alt-transfer-source",
    "alt-transfer-source-v6",
    "use-alt-transfer-source",
    "glue-cache",
    "tkey-dhkey",
    "tkey-domain",
    "tkey-gssapi-credential",
    "random-device",
    "reserved-sockets",
    "resolver-nonbackoff-tries",
    "resolver-retry-interval",
];

/// The BIND release a configuration is checked for (zonelint.toml `[server] bind`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bind {
    /// 9.18, the previous extended-support release: takes the names 9.20 removed, with
    /// a warning, and none of those 9.19–9.21 added.
    V918,
    /// 9.20, the current extended-support release (the default).
    #[default]
    V920,
}

impl Bind {
    /// The releases `[server] bind` takes, oldest first.
    pub const ALL: [Bind; 2] = [Bind::V918, Bind::V920];

    pub fn parse(s: &str) -> Option<Bind> {
        Bind::ALL.into_iter().find(|b| b.name() == s.trim())
    }
    pub fn name(self) -> &'static str {
        match self {
            Bind::V918 => "9.18",
            Bind::V920 => "9.20",
        }
    }
    /// The table of this release.
    pub fn grammar(self) -> &'static Grammar {
        match self {
            Bind::V918 => &GRAMMAR_918,
            Bind::V920 => &GRAMMAR,
        }
    }
}

/// The table, by name.
pub struct Grammar {
    pub entries: HashMap<&'static str, Entry>,
}

/// BIND 9.20's table (what the value checks use: a superset of 9.18's places).
pub static GRAMMAR: Lazy = Lazy(OnceLock::new(), Bind::V920);
/// BIND 9.18's table: the probe's rows alone.
pub static GRAMMAR_918: Lazy = Lazy(OnceLock::new(), Bind::V918);

/// The grammar, built on first use.
pub struct Lazy(OnceLock<Grammar>, Bind);

impl std::ops::Deref for Lazy {
    type Target = Grammar;
    fn deref(&self) -> &Grammar {
        self.0.get_or_init(|| build(self.1))
    }
}

fn build(version: Bind) -> Grammar {
    let mut entries: HashMap<&'static str, Entry> = HashMap::new();
    for (name, places, types) in PROBED {
        let mut e = Entry {
            places: Vec::new(),
            zone_types: types.to_vec(),
        };
        for (ctx, class) in places.iter() {
            let Some(c) = Ctx::parse(ctx) else { continue };
            let (status, value) = if *class == "removed" {
                (Status::Removed, Value::Other)
            } else if let Some(v) = class.strip_prefix("deprecated:") {
                (Status::Deprecated, Value::parse(v))
            } else {
                (Status::Current, Value::parse(class))
            };
            e.places.push((c, status, value));
        }
        entries.insert(name, e);
    }
    if version == Bind::V918 {
        // The probe ran on 9.18: its rows are that release, deprecations included.
        return Grammar { entries };
    }
    for (name, places, types) in LATER {
        let e = entries.entry(name).or_insert_with(|| Entry {
            places: Vec::new(),
            zone_types: Vec::new(),
        });
        for p in places.iter() {
            let c = Ctx::parse(p).expect("known place");
            if e.at(c).is_none() {
                e.places.push((c, Status::Current, Value::Other));
            }
        }
        for t in types.iter() {
            if !e.zone_types.contains(t) {
                e.zone_types.push(t);
            }
        }
    }
    for (name, class) in LATER_CLASSES {
        if let Some(e) = entries.get_mut(name) {
            for p in &mut e.places {
                if p.2 == Value::Other {
                    p.2 = *class;
                }
            }
        }
    }
    for name in REMOVED_IN_920 {
        if let Some(e) = entries.get_mut(name) {
            for p in &mut e.places {
                p.1 = Status::Removed;
            }
        }
    }
    Grammar { entries }
}

impl Grammar {
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name)
    }

    /// Every name known in a place (for did-you-mean).
    pub fn names_in(&self, ctx: Ctx) -> impl Iterator<Item = &'static str> + '_ {
        self.entries
            .iter()
            .filter(move |(_, e)| e.at(ctx).is_some_and(|(s, _)| s != Status::Removed))
            .map(|(n, _)| *n)
    }
}

impl Keywords for Lazy {
    fn is_keyword(&self, place: Place, word: &str) -> bool {
        let ctx = match place {
            Place::Top => Ctx::Top,
            Place::Options => Ctx::Options,
            Place::View => Ctx::View,
            Place::Zone => Ctx::Zone,
            Place::Other => return false,
        };
        // In a view, zone and top-level statements are keywords too.
        self.get(word)
            .is_some_and(|e| e.at(ctx).is_some() || (ctx == Ctx::View && e.at(Ctx::Top).is_some()))
    }
}

/// Words a "boolean" option takes besides yes and no.
pub fn bool_extras(option: &str) -> &'static [&'static str] {
    match option {
        "notify" => &["explicit", "master-only", "primary-only"],
        "dnssec-validation" => &["auto"],
        "ixfr-from-differences" => &["primary", "master", "secondary", "slave"],
        "zone-statistics" => &["full", "terse", "none"],
        "dialup" => &["notify", "refresh", "passive", "notify-passive"],
        "minimal-responses" => &["no-auth", "no-auth-recursive"],
        "auth-nxdomain" | "recursion" => &[],
        "notify-to-soa" => &[],
        "dnssec-dnskey-kskonly" | "update-check-ksk" => &[],
        "stale-answer-client-timeout" => &["disabled", "off"],
        "checkds" => &["explicit"],
        "max-cache-size" => &["unlimited", "default"],
        _ => &[],
    }
}

pub fn is_bool(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "yes" | "no" | "true" | "false" | "1" | "0"
    )
}

/// A TTL-style duration (`1h30m`, `3600`) or an ISO 8601 one (`P1D`, `PT1H`), or
/// `unlimited`.
pub fn is_duration(s: &str) -> bool {
    s.eq_ignore_ascii_case("unlimited") || duration_secs(s).is_some()
}

/// The seconds of a duration (`None`: not a duration, or `unlimited`, or over 32 bits).
pub fn duration_secs(s: &str) -> Option<u64> {
    let l = s.to_ascii_lowercase();
    let unit = |c: char| -> Option<u64> {
        Some(match c {
            'y' => 31_536_000,
            'w' => 604_800,
            'd' => 86_400,
            'h' => 3_600,
            's' => 1,
            _ => return None,
        })
    };
    // Runs of digits each followed by a unit from `units`, in order.
    let part = |p: &str, units: &str, minute_is_month: bool| -> Option<u64> {
        let mut total: u64 = 0;
        let mut n: Option<u64> = None;
        let mut order = 0;
        for c in p.chars() {
            if let Some(d) = c.to_digit(10) {
                n = Some(n.unwrap_or(0).checked_mul(10)?.checked_add(d as u64)?);
            } else {
                let i = units.find(c)?;
                if i < order {
                    return None;
                }
                order = i + 1;
                let mult = if c == 'm' {
                    if minute_is_month {
                        2_592_000
                    } else {
                        60
                    }
                } else {
                    unit(c)?
                };
                total = total.checked_add(n.take()?.checked_mul(mult)?)?;
            }
        }
        if n.is_some() {
            return None;
        }
        Some(total)
    };
    let secs = if let Some(rest) = l.strip_prefix('p') {
        let (date, time) = match rest.split_once('t') {
            Some((d, t)) => (d, Some(t)),
            None => (rest, None),
        };
        if date.is_empty() && time.is_none_or(str::is_empty) {
            return None;
        }
        if time == Some("") {
            return None;
        }
        part(date, "ymwd", true)?.checked_add(match time {
            Some(t) => part(t, "hms", false)?,
            None => 0,
        })?
    } else {
        if l.is_empty() {
            return None;
        }
        if l.bytes().all(|b| b.is_ascii_digit()) {
            l.parse::<u64>().ok()?
        } else {
            part(&l, "wdhms", false)?
        }
    };
    (secs <= u32::MAX as u64).then_some(secs)
}

/// The bytes of a size (`64k`, `2g`); `None` for `unlimited`, `default` and non-sizes.
pub fn size_bytes(s: &str) -> Option<u64> {
    let l = s.to_ascii_lowercase();
    let (digits, mult) = match l.as_bytes().last()? {
        b'k' => (&l[..l.len() - 1], 1u64 << 10),
        b'm' => (&l[..l.len() - 1], 1 << 20),
        b'g' => (&l[..l.len() - 1], 1 << 30),
        _ => (l.as_str(), 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(mult)
}

pub fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 10
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok()
}

/// `1024`, `64k`, `2G`, `unlimited`, `default`.
pub fn is_size(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    if matches!(l.as_str(), "unlimited" | "default") {
        return true;
    }
    let digits = l.trim_end_matches(['k', 'm', 'g']);
    l.len() - digits.len() <= 1 && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_percent(s: &str) -> bool {
    s.strip_suffix('%')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in [
            "3600",
            "1h",
            "1w2d3h4m5s",
            "P1D",
            "PT1H",
            "P1Y2M3W4DT5H6M7S",
            "unlimited",
            "PT0S",
        ] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in [
            "1x",
            "P7.5D",
            "PT20Sabcd",
            "xPT1H",
            "-1",
            "",
            "P",
            "PT",
            "h",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn table_knows_the_common_names() {
        let g = &*GRAMMAR;
        assert_eq!(
            g.get("recursion").unwrap().at(Ctx::Options).unwrap().1,
            Value::Bool
        );
        assert!(g.get("recursive-client").is_none());
        assert_eq!(
            g.get("fake-iquery").unwrap().at(Ctx::Options).unwrap().0,
            Status::Removed
        );
        assert!(g
            .get("request-ixfr")
            .unwrap()
            .zone_types
            .contains(&"secondary"));
        assert!(!g
            .get("request-ixfr")
            .unwrap()
            .zone_types
            .contains(&"primary"));
    }
}
