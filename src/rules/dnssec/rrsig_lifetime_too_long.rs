//! `rrsig-lifetime-too-long`: signatures valid for more than 180 days.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("rrsig-lifetime-too-long", Info);

pub struct RrsigLifetimeTooLong;

/// Longest validity period not reported.
pub const MAX_DAYS: i64 = 180;

impl Rule for RrsigLifetimeTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // One finding for the zone, at the longest-lived signature: these come from the
        // signer's settings, not from one record.
        let mut worst: Option<(i64, u32)> = None;
        let mut count = 0;
        for &i in zone.type_index(Rtype::RRSIG) {
            let Some(Rdata::Rrsig(s)) = zone.record(i).data.boxed() else {
                continue;
            };
            let life = (s
                .expiration()
                .into_int()
                .wrapping_sub(s.inception().into_int())) as i64;
            if life > MAX_DAYS * 86_400 {
                count += 1;
                if worst.is_none_or(|(w, _)| life > w) {
                    worst = Some((life, i));
                }
            }
        }
        let Some((life, i)) = worst else { return };
        let r = zone.record(i);
        cx.report(
            Diagnostic::new(META.name, r.file, r.span, format!(
                "{count} signatures of zone {} are valid for more than {MAX_DAYS} days (up to {} days)",
                fmt_name(&zone.origin), life / 86_400))
                .label("long-lived signature")
                .help("a stolen or replayed signature stays usable as long as it is valid: sign for weeks and re-sign often (RFC 6781 §4.4.2)"),
        );
    }
}
