//! `null-mx-conflict`: a null MX (`MX 0 .`, RFC 7505) beside other MX records, or a
//! null MX with a preference other than 0.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("null-mx-conflict", Warning);

pub struct NullMxConflict;

impl Rule for NullMxConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let mut owners: Vec<u32> = zone.of_type(Rtype::MX).map(|r| r.owner).collect();
        owners.dedup();
        for owner in owners {
            let mx = zone.rrset(owner, Rtype::MX);
            let null = mx.iter().copied().find(
                |&i| matches!(zone.record(i).data.rdata().as_deref(), Some(Rdata::Mx(m)) if m.exchange().is_root()),
            );
            let Some(null) = null else { continue };
            let n = zone.record(null);
            let name = fmt_name(&zone.owners[owner as usize]);
            if let Some(Rdata::Mx(m)) = n.data.rdata().as_deref() {
                if m.preference() != 0 {
                    cx.report(
                        Diagnostic::new(
                            META.name,
                            n.file,
                            n.rdata_span,
                            format!("null MX of {name} has preference {}, not 0", m.preference()),
                        )
                        .label("null MX")
                        .help("RFC 7505 §3: a null MX is exactly `MX 0 .`"),
                    );
                }
            }
            for &i in mx.iter().filter(|&&i| i != null) {
                let r = zone.record(i);
                cx.report(
                    Diagnostic::new(META.name, r.file, r.span, format!("{name} has a null MX (it accepts no mail) and this MX too"))
                        .label("MX beside a null MX")
                        .related(n.file, n.span, "the null MX")
                        .help("RFC 7505 §3: a domain that announces `MX 0 .` must have no other MX; remove one or the other"),
                );
            }
        }
    }
}
