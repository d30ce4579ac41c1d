//! `soa-serial-format`: a date-style serial (`YYYYMMDDnn`) that is not a real date or
//! lies in the future.

use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("soa-serial-format", Info);

pub struct SoaSerialFormat;

impl Rule for SoaSerialFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some((r, soa)) = zone.apex_soa() else {
            return;
        };
        let serial = soa.serial().into_int();
        // Only serials that look like YYYYMMDDnn with a plausible year.
        if !(1_990_000_000..=2_099_999_999).contains(&serial) {
            return;
        }
        let s = serial.to_string();
        let (y, m, d): (i64, i64, i64) = (
            s[0..4].parse().unwrap_or(0),
            s[4..6].parse().unwrap_or(0),
            s[6..8].parse().unwrap_or(0),
        );
        // The start of that day (UTC), when it is a date.
        let day = jiff::civil::Date::new(y as i16, m as i8, d as i8)
            .and_then(|date| date.to_zoned(jiff::tz::TimeZone::UTC))
            .map(|z| z.timestamp().as_second());
        let problem = match day {
            Err(_) => Some(format!(
                "SOA serial {serial} looks like YYYYMMDDnn but {y:04}-{m:02}-{d:02} is not a date"
            )),
            Ok(start) if start > cx.now + 86_400 => Some(format!(
                "SOA serial {serial} is dated {y:04}-{m:02}-{d:02}, in the future"
            )),
            Ok(_) => None,
        };
        if let Some(msg) = problem {
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, msg)
                    .label("serial")
                    .help("a serial in the future cannot be followed by today's date without going backwards; keep YYYYMMDDnn real (RFC 1912 §2.2), and when it already ran ahead, see RFC 1982 for stepping it back through two increments"),
            );
        }
    }
}
