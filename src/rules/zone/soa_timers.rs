//! `soa-timers`: SOA refresh, retry, expire and negative-caching TTL outside the ranges
//! of RFC 1912 §2.2 and RIPE-203.

use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("soa-timers", Warning);

pub struct SoaTimers;

/// Days, hours or seconds, as an operator reads them.
pub fn human(secs: u32) -> String {
    match secs {
        s if s >= 86400 && s % 86400 == 0 => format!("{s} ({} d)", s / 86400),
        s if s >= 3600 && s % 3600 == 0 => format!("{s} ({} h)", s / 3600),
        s if s >= 60 && s % 60 == 0 => format!("{s} ({} min)", s / 60),
        s => format!("{s} s"),
    }
}

impl Rule for SoaTimers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.rrset_of(&zone.origin, Rtype::SOA).iter().take(1) {
            let r = zone.record(i);
            let Some(Rdata::Soa(soa)) = r.data.boxed() else {
                continue;
            };
            let refresh = soa.refresh().as_secs();
            let retry = soa.retry().as_secs();
            let expire = soa.expire().as_secs();
            let minimum = soa.minimum().as_secs();
            let mut problems: Vec<(String, &str)> = Vec::new();
            // A retry at or above refresh is RFC 1912 style advice, not a fault: the
            // secondary still refreshes, only later (see the doc).
            if expire <= refresh.saturating_add(retry) {
                problems.push((
                    format!("SOA expire {} is not above refresh + retry ({})", human(expire), human(refresh.saturating_add(retry))),
                    "secondaries would drop the zone before their first retry; use 2 to 4 weeks (RFC 1912 §2.2)",
                ));
            } else if expire < 604_800 {
                problems.push((
                    format!("SOA expire {} is shorter than a week", human(expire)),
                    "when the primary is down longer than `expire`, every secondary stops answering (SERVFAIL); RFC 1912 §2.2 recommends 2 to 4 weeks, RIPE-203 1000 hours",
                ));
            }
            if minimum > 86_400 {
                problems.push((
                    format!("SOA negative-caching TTL (minimum) {} is over a day", human(minimum)),
                    "resolvers cache NXDOMAIN for this long (RFC 2308 §5): a name added later stays invisible; use 1 to 3 hours",
                ));
            }
            for (msg, help) in problems {
                cx.report(
                    Diagnostic::new(META.name, r.file, r.rdata_span, msg)
                        .label("SOA timers")
                        .help(help),
                );
            }
        }
    }
}
