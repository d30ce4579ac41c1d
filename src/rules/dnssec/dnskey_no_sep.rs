//! `dnskey-no-sep`: a signed apex without any key flagged as secure entry point (KSK).

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("dnskey-no-sep", Info);

pub struct DnskeyNoSep;

impl Rule for DnskeyNoSep {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let keys = zone.rrset_of(&zone.origin, Rtype::DNSKEY);
        let Some(&first) = keys.first() else { return };
        let sep = keys.iter().any(|&i| matches!(zone.record(i).data.rdata().as_deref(), Some(Rdata::Dnskey(k)) if k.is_secure_entry_point()));
        if sep {
            return;
        }
        let r = zone.record(first);
        cx.report(
            Diagnostic::new(META.name, r.file, r.span, format!("no DNSKEY of {} has the SEP flag (257)", fmt_name(&zone.origin)))
                .label("DNSKEY RRset")
                .help("tools that make the DS for the parent look for the SEP flag: mark the key-signing key with flags 257 (RFC 4034 §2.1.1, RFC 3757)"),
        );
    }
}
