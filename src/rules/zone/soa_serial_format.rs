//! `soa-serial-format`: a date-style serial (`YYYYMMDDnn`) that is not a real date or
//! lies in the future.

use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;

crate::rule_meta!("soa-serial-format", Info);

pub struct SoaSerialFormat;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

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
        let problem = if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            Some(format!(
                "SOA serial {serial} looks like YYYYMMDDnn but {y:04}-{m:02}-{d:02} is not a date"
            ))
        } else if days_from_civil(y, m, d) * 86_400 > cx.now + 86_400 {
            Some(format!(
                "SOA serial {serial} is dated {y:04}-{m:02}-{d:02}, in the future"
            ))
        } else {
            None
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
