//! `nsec3-parameters`: NSEC3 with iterations above 0 or a non-empty salt (RFC 9276).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("nsec3-parameters", Warning);

pub struct Nsec3Parameters;

impl Rule for Nsec3Parameters {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.rrset_of(&zone.origin, Rtype::NSEC3PARAM) {
            let r = zone.record(i);
            let Some(Rdata::Nsec3param(p)) = r.data.boxed() else {
                continue;
            };
            let iterations = p.iterations();
            let salt = p.salt().as_slice().len();
            let mut problems = Vec::new();
            if iterations > 0 {
                problems.push(format!("{iterations} extra iterations (RFC 9276 §3.1: 0)"));
            }
            if salt > 0 {
                problems.push(format!("a {salt}-octet salt (RFC 9276 §3.1: none)"));
            }
            if problems.is_empty() {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!("NSEC3 of {} uses {}", fmt_name(&zone.origin), problems.join(" and ")))
                    .label("NSEC3 parameters")
                    .help("re-sign with `NSEC3PARAM 1 0 0 -`: extra iterations cost every resolver CPU, and validators treat zones above their iteration limit as insecure or bogus (RFC 9276 §3.2)"),
            );
        }
    }
}
