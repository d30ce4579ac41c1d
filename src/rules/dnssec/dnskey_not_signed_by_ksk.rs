//! `dnskey-not-signed-by-ksk`: the apex DNSKEY RRset has no valid signature by the key
//! the chain of trust enters through: a key named by the parent's DS (when the parent is
//! in the project), or else a key flagged SEP (257). Validators follow the DS to a key
//! and need that key's signature over the DNSKEY RRset (RFC 4035 §5.2); a DNSKEY RRset
//! signed by the ZSK alone is bogus for all of them, however valid that signature is.

use super::{apex_keys, ds_at};
use crate::diagnostic::Diagnostic;
use crate::dnssec::Outcome;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("dnskey-not-signed-by-ksk", Error);

pub struct DnskeyNotSignedByKsk;

impl Rule for DnskeyNotSignedByKsk {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let a = zone.dnssec();
        let Some(apex) = zone.apex_id() else { return };
        if !a.signed {
            return;
        }
        // The verdicts of the signatures over the apex DNSKEY RRset.
        let mut signers = Vec::new();
        let mut any = false;
        for s in &a.sigs {
            let r = zone.record(s.rrsig);
            let covers_dnskey = r.owner == apex
                && matches!(r.data.boxed(), Some(Rdata::Rrsig(sig)) if sig.type_covered() == Rtype::DNSKEY);
            if !covers_dnskey {
                continue;
            }
            any = true;
            match s.outcome {
                Outcome::Valid(k) => signers.push(k),
                // Not verifiable here: no verdict on who signs.
                Outcome::Unsupported(_) | Outcome::Unread => return,
                _ => {}
            }
        }
        // No signature at all is rrsig-missing; only invalid ones, rrsig-invalid.
        if !any || signers.is_empty() {
            return;
        }
        let keys = apex_keys(zone);
        // The keys the parent's DS names, when the parent is here.
        let parent_ds = cx.project.parent_of(zone).and_then(|p| {
            let cut = p.owner_id(&zone.origin)?;
            let ds = ds_at(p, cut);
            (!ds.is_empty()).then_some((p, ds))
        });
        if let Some((parent, ds)) = parent_ds {
            let mut named = Vec::new();
            for d in &ds {
                for (i, k) in &keys {
                    match d.matches(&zone.origin, k) {
                        Some(true) => named.push(*i),
                        Some(false) => {}
                        None => return, // a digest not computed here: cannot tell
                    }
                }
            }
            // No DS leads to a key: ds-without-matching-dnskey says so.
            if named.is_empty() || named.iter().any(|k| signers.contains(k)) {
                return;
            }
            let k = zone.record(named[0]);
            let d = parent.record(ds[0].index);
            cx.report(
                Diagnostic::new(META.name, k.file, k.span, format!(
                    "the DNSKEY RRset of {} is not signed by key {}, the key the parent's DS names",
                    fmt_name(&zone.origin), tag_of(zone, named[0])))
                    .label("DS points here, but this key signs no DNSKEY RRset")
                    .related(d.file, d.span, "the parent's DS")
                    .help("sign the DNSKEY RRset with the key-signing key (dnssec-signzone signs it with every KSK unless told otherwise; check that the KSK's private key was found), or publish the DS of the key that does sign it; validators answer SERVFAIL until then (RFC 4035 §5.2)"),
            );
            return;
        }
        // No parent here: the chain of trust enters through a SEP key by convention.
        let sep: Vec<u32> = keys
            .iter()
            .map(|(i, _)| *i)
            .filter(|&i| {
                matches!(zone.record(i).data.rdata().as_deref(),
                    Some(Rdata::Dnskey(k)) if k.is_secure_entry_point() && k.is_zone_key())
            })
            .collect();
        if sep.is_empty() || sep.iter().any(|k| signers.contains(k)) {
            return;
        }
        let k = zone.record(sep[0]);
        cx.report(
            Diagnostic::new(META.name, k.file, k.span, format!(
                "the DNSKEY RRset of {} is signed only by keys without the SEP flag; key {} (flags 257) does not sign it",
                fmt_name(&zone.origin), tag_of(zone, sep[0])))
                .label("key-signing key that signs no DNSKEY RRset")
                .help("the parent's DS normally names the SEP key: sign the DNSKEY RRset with it (re-sign with its private key available), or validators following that DS answer SERVFAIL (RFC 4035 §5.2)"),
        );
    }
}

fn tag_of(zone: &Zone, key: u32) -> u16 {
    match zone.record(key).data.rdata().as_deref() {
        Some(Rdata::Dnskey(k)) => k.key_tag(),
        _ => 0,
    }
}
