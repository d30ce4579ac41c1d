//! `soa-rname-invalid`: an SOA RNAME (the responsible person's mailbox) written with an
//! `@`, or that cannot be a mailbox.

use crate::diagnostic::{Diagnostic, Edit, Safety};
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::source::{SourceFile, Span};
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
            let mut d = Diagnostic::new(META.name, r.file, r.rdata_span, msg)
                    .label("RNAME")
                    .help("write the mailbox hostmaster@example.com as `hostmaster.example.com.` (RFC 1035 §8); a dot inside the local part is escaped: `john\\.doe.example.com.`");
            if let Some((span, mailbox)) = at_sign_fix(&cx.source(r.file), r.rdata_span) {
                d = d.fix(
                    Safety::Safe,
                    format!("write the mailbox as `{mailbox}`"),
                    Edit {
                        file: r.file,
                        span,
                        replacement: mailbox,
                    },
                );
            }
            cx.report(d);
        }
    }
}

/// The RNAME as written in the SOA's data (its second word) when it is a mailbox with an
/// `@` (`hostmaster@example.com.`), and its RFC 1035 form: the `@` made the first dot,
/// dots of the local part escaped (`john.doe@example.com.` → `john\\.doe.example.com.`).
/// `None` when the RNAME is not written that way (nothing to fix mechanically).
fn at_sign_fix(src: &SourceFile, rdata: Span) -> Option<(Span, String)> {
    let text = src.slice(rdata);
    let words = crate::zone::text::rdata_words(text, 2);
    let &(start, end) = words.get(1)?;
    let word = std::str::from_utf8(&text[start..end]).ok()?;
    let (local, domain) = word.split_once('@')?;
    if local.is_empty() || domain.is_empty() || domain.contains('@') || local.contains('\\') {
        return None;
    }
    let mailbox = format!("{}.{domain}", local.replace('.', "\\."));
    let at = rdata.start as usize;
    Some((Span::new(at + start, at + end), mailbox))
}
