//! `dnskey-rsa-key-too-short`: RSA DNSKEYs shorter than 2048 bits.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;

crate::rule_meta!("dnskey-rsa-key-too-short", Info);

pub struct DnskeyRsaKeyTooShort;

/// The modulus length in bits of an RSA public key in DNSKEY format (RFC 3110 §2).
pub fn rsa_bits(key: &[u8]) -> Option<usize> {
    let (exp_len, rest) = match key {
        [0, hi, lo, rest @ ..] => (u16::from_be_bytes([*hi, *lo]) as usize, rest),
        [n, rest @ ..] => (*n as usize, rest),
        [] => return None,
    };
    let modulus = rest.get(exp_len..)?;
    let lead = modulus.iter().take_while(|&&b| b == 0).count();
    let m = &modulus[lead..];
    let first = *m.first()?;
    Some((m.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}

impl Rule for DnskeyRsaKeyTooShort {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        for &i in zone.type_index(Rtype::DNSKEY) {
            let r = zone.record(i);
            let Some(Rdata::Dnskey(k)) = r.data.boxed() else {
                continue;
            };
            if !matches!(k.algorithm().to_int(), 1 | 5 | 7 | 8 | 10) {
                continue;
            }
            let Some(bits) = rsa_bits(k.public_key().as_ref()) else {
                continue;
            };
            if bits >= 2048 {
                continue;
            }
            cx.report(
                Diagnostic::new(META.name, r.file, r.span, format!(
                    "RSA DNSKEY {} of {} has a {bits}-bit modulus", k.key_tag(), fmt_name(zone.owner_name(r))))
                    .label("short RSA key")
                    .help("use RSA keys of 2048 bits or more (NIST SP 800-57), or switch to ECDSAP256SHA256 (13)"),
            );
        }
    }
}
