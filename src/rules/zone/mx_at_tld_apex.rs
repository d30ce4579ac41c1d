//! `mx-at-tld-apex`: an MX record at the apex of a top-level domain, which makes the
//! dotless name `user@tld` a mail domain (RFC 7085, ICANN SAC053).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::iana::Rtype;
use domain::base::name::ToLabelIter;

crate::rule_meta!("mx-at-tld-apex", Warning);

pub struct MxAtTldApex;

impl Rule for MxAtTldApex {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        // One label and the root: a top-level domain, and one of the root zone (a
        // made-up single-label zone of a test suite or a LAN publishes nothing).
        let labels: Vec<_> = zone.origin.iter_labels().collect();
        if labels.len() != 2 || !crate::names::is_root_zone_tld(labels[0].as_slice()) {
            return;
        }
        for &i in zone.rrset_of(&zone.origin, Rtype::MX) {
            let r = zone.record(i);
            // A null MX (RFC 7505: `0 .`) says the TLD takes no mail: that is the fix.
            if r.data.target().is_some_and(|t| t.is_root()) {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "MX record at the apex of the top-level domain {}: mail to the dotless domain is not delivered reliably",
                    fmt_name(&zone.origin)))
                    .label("MX at a TLD apex")
                    .help("remove the MX (or publish a null MX, `MX 0 .`, RFC 7505): mail software treats dotless names as local (RFC 7085 §4), and ICANN forbids MX at a TLD apex (SAC053)"),
            );
        }
    }
}
