//! `soa-rname-invalid`: an SOA RNAME (the responsible person's mailbox) written with an
//! `@`, or that cannot be a mailbox.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::Zone;
use domain::base::name::ToLabelIter;

crate::rule_meta!("soa-rname-invalid", Warning);

pub struct SoaRnameInvalid;

impl Rule for SoaRnameInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let Some((r, soa)) = zone.apex_soa() else {
            return;
        };
        let rname = soa.rname();
        let shown = fmt_name(rname);
        let labels = rname.label_count() - 1;
        let problem = if rname.iter_labels().any(|l| l.as_slice().contains(&b'@')) {
            Some(format!(
                "SOA RNAME {shown} holds an '@'; in an RNAME the first dot stands for it"
            ))
        } else if labels < 2 {
            Some(format!(
                "SOA RNAME {shown} is not a mailbox: it needs a local part and a mail domain"
            ))
        } else {
            None
        };
        if let Some(msg) = problem {
            cx.report(
                Diagnostic::new(META.name, r.file, r.rdata_span, msg)
                    .label("RNAME")
                    .help("write the mailbox hostmaster@example.com as `hostmaster.example.com.` (RFC 1035 §8); a dot inside the local part is escaped: `john\\.doe.example.com.`"),
            );
        }
    }
}
