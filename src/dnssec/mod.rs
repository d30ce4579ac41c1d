//! DNSSEC over `domain`: signed data in canonical form (RFC 4034 §3.1.8.1, §6), key
//! lookup, and the signature verification of a whole zone, done once, in parallel over
//! the signatures, and shared by every DNSSEC rule.

use crate::zone::{extra_types, DName, Rdata, Zone};
use bytes::Bytes;
use domain::base::iana::{Rtype, SecurityAlgorithm};
use domain::base::name::ToLabelIter;
use domain::crypto::common::{AlgorithmError, PublicKey};
use domain::rdata::{Dnskey, Rrsig};
use rayon::prelude::*;

pub mod keys;

/// What the verification of one RRSIG found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Verified with the DNSKEY at this record index.
    Valid(u32),
    /// No DNSKEY of the apex has the signature's key tag, algorithm and signer.
    NoKey,
    /// Keys match, but the signature does not verify with any of them.
    Invalid,
    /// The crypto backend cannot verify this algorithm (or key size).
    Unsupported(SecurityAlgorithm),
    /// The signature covers no RRset of the zone, or is not a record zonelint could read.
    Orphan,
    /// It does not verify, but the RRset holds a record of a type zonelint keeps without
    /// its data (`unchecked-record-type`), or lost one to a syntax error: the signed data
    /// could not be rebuilt, so it is not called invalid.
    Unread,
}

/// One signature and its verdict.
#[derive(Clone, Debug)]
pub struct SigCheck {
    /// Record index of the RRSIG.
    pub rrsig: u32,
    pub outcome: Outcome,
}

/// The DNSSEC view of a zone.
#[derive(Default)]
pub struct Analysis {
    /// The apex has DNSKEY records.
    pub signed: bool,
    pub sigs: Vec<SigCheck>,
    /// Record indices of the apex DNSKEYs.
    pub dnskeys: Vec<u32>,
    /// Algorithms of the apex zone keys (sorted, distinct).
    pub algorithms: Vec<SecurityAlgorithm>,
}

pub type RrsigData = Rrsig<Bytes, DName>;

/// A timestamp of RFC 4034 §3.1.5 (seconds modulo 2^32) as the absolute time nearest to
/// `now`: serial-number arithmetic, valid for 68 years either way.
pub fn abs_time(ts: u32, now: i64) -> i64 {
    let diff = ts.wrapping_sub(now as u32) as i32;
    now + diff as i64
}

/// `2026-11-23 12:00:00 UTC`.
pub fn fmt_time(t: i64) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => ts.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        Err(_) => format!("{t} s"),
    }
}

/// The data an RRSIG signs: its own RDATA without the signature, then the RRset in
/// canonical form and order (RFC 4034 §3.1.8.1, §6.2, §6.3).
pub fn signed_data(zone: &Zone, sig: &RrsigData, owner: &DName, rrset: &[u32]) -> Vec<u8> {
    signed_data_from(
        zone,
        sig,
        owner,
        rrset,
        &canonical_rdatas(zone, rrset, false),
    )
}

/// The RDATA of an RRset in canonical form and order, duplicates removed (computed once
/// per RRset: twenty thousand signatures over one large RRset would otherwise sort it
/// twenty thousand times). `legacy` lowercases the next name of NSEC records as RFC 4034
/// did before RFC 6840 §5.1 said to keep its case (older signers did lowercase it), and
/// the names of the types whose names RFC 4034 §6.2 does not list but some signers
/// lowercase anyway ([`extra_types::lowercased_variant`]).
pub fn canonical_rdatas(zone: &Zone, rrset: &[u32], legacy: bool) -> Vec<Vec<u8>> {
    let mut rdatas: Vec<Vec<u8>> = rrset
        .iter()
        .filter_map(|&i| {
            let mut w = Vec::new();
            let data = &zone.record(i).data;
            if !data.is_read() {
                return None;
            }
            data.compose_canonical(&mut w);
            if legacy {
                match data.boxed() {
                    Some(Rdata::Nsec(n)) => {
                        let len = n.next_name().as_slice().len();
                        w[..len].make_ascii_lowercase();
                    }
                    Some(Rdata::Unknown(u)) => {
                        if let Some(v) = extra_types::lowercased_variant(u.rtype(), &w) {
                            w = v;
                        }
                    }
                    _ => {}
                }
            }
            Some(w)
        })
        .collect();
    rdatas.sort();
    rdatas.dedup();
    rdatas
}

/// The signed data of `sig` over an RRset whose canonical RDATA is `rdatas`.
fn signed_data_from(
    zone: &Zone,
    sig: &RrsigData,
    owner: &DName,
    rrset: &[u32],
    rdatas: &[Vec<u8>],
) -> Vec<u8> {
    let mut buf = Vec::with_capacity(256 + rdatas.iter().map(|r| r.len() + 64).sum::<usize>());
    buf.extend_from_slice(&sig.type_covered().to_int().to_be_bytes());
    buf.push(sig.algorithm().to_int());
    buf.push(sig.labels());
    buf.extend_from_slice(&sig.original_ttl().as_secs().to_be_bytes());
    buf.extend_from_slice(&sig.expiration().into_int().to_be_bytes());
    buf.extend_from_slice(&sig.inception().into_int().to_be_bytes());
    buf.extend_from_slice(&sig.key_tag().to_be_bytes());
    buf.extend_from_slice(&sig.signer_name().as_slice().to_ascii_lowercase());
    // The owner as signed: a wildcard expansion is signed as `*.` + the rightmost labels.
    let labels = owner.label_count() - 1;
    let mut name = Vec::with_capacity(owner.len() + 2);
    if (sig.labels() as usize) < labels {
        name.extend_from_slice(&[1, b'*']);
        let skip = labels - sig.labels() as usize;
        let mut it = owner.iter_labels();
        for _ in 0..skip {
            it.next();
        }
        for l in it {
            name.push(l.len() as u8);
            name.extend_from_slice(&l.as_slice().to_ascii_lowercase());
        }
    } else {
        name.extend_from_slice(&owner.as_slice().to_ascii_lowercase());
    }
    let class = zone.record(rrset[0]).class.to_int();
    for rd in rdatas {
        buf.extend_from_slice(&name);
        buf.extend_from_slice(&sig.type_covered().to_int().to_be_bytes());
        buf.extend_from_slice(&class.to_be_bytes());
        buf.extend_from_slice(&sig.original_ttl().as_secs().to_be_bytes());
        buf.extend_from_slice(&(rd.len() as u16).to_be_bytes());
        buf.extend_from_slice(rd);
    }
    buf
}

/// The canonical RDATA of one signed RRset, as signers of either convention wrote it.
struct Canonical {
    rdatas: Vec<Vec<u8>>,
    /// With the names some signers lowercase beyond RFC 6840 (the next name of NSEC,
    /// see [`canonical_rdatas`]), when that differs.
    legacy: Option<Vec<Vec<u8>>>,
    /// A record of the RRset was kept without its data, or failed to parse: the signed
    /// data is incomplete.
    unread: bool,
}

/// A zone key ready to verify signatures with.
///
/// RSA keys are verified through aws-lc with the key parsed once: ring (behind `domain`)
/// rebuilds the modulus' Montgomery constants on every verification, a fifth of the time
/// of checking an RSA-signed zone; aws-lc keeps them with the parsed key. `domain`'s key
/// is still made first, so what is accepted or unsupported does not change.
enum Verifier {
    Rsa(aws_lc_rs::signature::ParsedPublicKey),
    Other(PublicKey),
}

impl Verifier {
    fn verify(&self, data: &[u8], sig: &[u8]) -> bool {
        match self {
            Verifier::Rsa(k) => k.verify_sig(data, sig).is_ok(),
            Verifier::Other(k) => k.verify(data, sig).is_ok(),
        }
    }
}

/// The DER `RSAPublicKey` (RFC 8017 §A.1.1) of a modulus and an exponent.
fn rsa_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    fn len(out: &mut Vec<u8>, l: usize) {
        match l {
            0..=127 => out.push(l as u8),
            128..=255 => out.extend_from_slice(&[0x81, l as u8]),
            _ => out.extend_from_slice(&[0x82, (l >> 8) as u8, l as u8]),
        }
    }
    fn integer(out: &mut Vec<u8>, v: &[u8]) {
        let start = v.iter().position(|&b| b != 0).unwrap_or(v.len());
        let v = &v[start..];
        let pad = v.first().is_none_or(|&b| b & 0x80 != 0);
        out.push(0x02);
        len(out, v.len() + usize::from(pad));
        if pad {
            out.push(0);
        }
        out.extend_from_slice(v);
    }
    let mut body = Vec::with_capacity(n.len() + e.len() + 16);
    integer(&mut body, n);
    integer(&mut body, e);
    let mut out = Vec::with_capacity(body.len() + 4);
    out.push(0x30);
    len(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

/// The RSA key of a DNSKEY, parsed by aws-lc (`None`: not RSA, or aws-lc refuses it).
fn rsa_key(k: &Dnskey<Bytes>) -> Option<aws_lc_rs::signature::ParsedPublicKey> {
    use aws_lc_rs::signature as sig;
    let params: &'static sig::RsaParameters = match k.algorithm().to_int() {
        5 | 7 => &sig::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        8 => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        10 => &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        _ => return None,
    };
    let (e, n) = domain::crypto::common::rsa_exponent_modulus(k, 0).ok()?;
    sig::ParsedPublicKey::new(params, rsa_der(&n, &e)).ok()
}

/// The key as `domain` reads it, with RSA keys parsed once by aws-lc ([`Verifier`]).
fn verifier_of(k: &Dnskey<Bytes>) -> Result<Verifier, AlgorithmError> {
    let key = key_of(k)?;
    Ok(match rsa_key(k) {
        Some(rsa) => Verifier::Rsa(rsa),
        None => Verifier::Other(key),
    })
}

/// Whether the key cannot be used here at all (ring: no Ed448, no RSA under 1024 bits, no
/// RSAMD5, DSA or GOST).
fn key_of(k: &Dnskey<Bytes>) -> Result<PublicKey, AlgorithmError> {
    // RSASHA1-NSEC3-SHA1 (7) is RSASHA1 (5) under another number (RFC 5155 §2).
    if k.algorithm().to_int() == 7 {
        let alias = Dnskey::new(
            k.flags(),
            k.protocol(),
            SecurityAlgorithm::RSASHA1,
            k.public_key().clone(),
        )
        .map_err(|_| AlgorithmError::InvalidData)?;
        return PublicKey::from_dnskey(&alias);
    }
    PublicKey::from_dnskey(k)
}

/// Verifies every signature of a zone.
pub fn analyse(zone: &Zone) -> Analysis {
    let dnskeys: Vec<u32> = zone
        .apex_id()
        .map(|a| zone.rrset(a, Rtype::DNSKEY).to_vec())
        .unwrap_or_default();
    // A zone with keys published but no signature at all is not signed (yet).
    if dnskeys.is_empty() || zone.type_index(Rtype::RRSIG).is_empty() {
        return Analysis::default();
    }
    // Zone keys, their tags and parsed public keys, once.
    struct Key {
        index: u32,
        tag: u16,
        alg: SecurityAlgorithm,
        key: Result<Verifier, AlgorithmError>,
    }
    let keys: Vec<Key> = dnskeys
        .iter()
        .filter_map(|&i| match zone.record(i).data.rdata().as_deref() {
            Some(Rdata::Dnskey(k)) if k.is_zone_key() => Some(Key {
                index: i,
                tag: k.key_tag(),
                alg: k.algorithm(),
                key: verifier_of(k),
            }),
            _ => None,
        })
        .collect();
    let mut algorithms: Vec<SecurityAlgorithm> = keys.iter().map(|k| k.alg).collect();
    algorithms.sort_by_key(|a| a.to_int());
    algorithms.dedup();
    // RRsets that lost a record to a syntax error: their signed data is incomplete.
    let failed: std::collections::HashSet<(u32, u16)> =
        zone.failed.iter().map(|&(o, t)| (o, t.to_int())).collect();
    // One canonical form per signed RRset, made by the first signature that needs it.
    let mut canonical: std::collections::HashMap<(u32, u16), std::sync::OnceLock<Canonical>> =
        std::collections::HashMap::new();
    for &ri in zone.type_index(Rtype::RRSIG) {
        let r = zone.record(ri);
        if let Some(Rdata::Rrsig(sig)) = r.data.boxed() {
            canonical
                .entry((r.owner, sig.type_covered().to_int()))
                .or_default();
        }
    }
    let sigs: Vec<SigCheck> = zone
        .type_index(Rtype::RRSIG)
        .par_iter()
        .map(|&ri| {
            let r = zone.record(ri);
            let Some(Rdata::Rrsig(sig)) = r.data.boxed() else {
                return SigCheck {
                    rrsig: ri,
                    outcome: Outcome::Orphan,
                };
            };
            let rrset = zone.rrset(r.owner, sig.type_covered());
            if rrset.is_empty() {
                return SigCheck {
                    rrsig: ri,
                    outcome: Outcome::Orphan,
                };
            }
            let candidates: Vec<&Key> = keys
                .iter()
                .filter(|k| {
                    k.tag == sig.key_tag()
                        && k.alg == sig.algorithm()
                        && *sig.signer_name() == zone.origin
                })
                .collect();
            if candidates.is_empty() {
                return SigCheck {
                    rrsig: ri,
                    outcome: Outcome::NoKey,
                };
            }
            let canon = canonical[&(r.owner, sig.type_covered().to_int())].get_or_init(|| {
                let rdatas = canonical_rdatas(zone, rrset, false);
                // Only NSEC and a few generic types have a second form: other RRsets
                // are not written and sorted twice.
                let covered = sig.type_covered();
                let legacy = (covered == Rtype::NSEC
                    || extra_types::has_lowercased_variant(covered))
                .then(|| canonical_rdatas(zone, rrset, true))
                .filter(|l| *l != rdatas);
                let unread = rrset.iter().any(|&i| !zone.record(i).data.is_read())
                    || failed.contains(&(r.owner, sig.type_covered().to_int()));
                Canonical {
                    rdatas,
                    legacy,
                    unread,
                }
            });
            let owner = zone.owner_name(r);
            let data = signed_data_from(zone, sig, owner, rrset, &canon.rdatas);
            let legacy = canon
                .legacy
                .as_ref()
                .map(|l| signed_data_from(zone, sig, owner, rrset, l));
            let mut unsupported = true;
            for k in candidates {
                match &k.key {
                    Ok(pk) => {
                        unsupported = false;
                        let ok = |d: &[u8]| pk.verify(d, sig.signature().as_ref());
                        if ok(&data) || legacy.as_deref().is_some_and(ok) {
                            return SigCheck {
                                rrsig: ri,
                                outcome: Outcome::Valid(k.index),
                            };
                        }
                    }
                    Err(AlgorithmError::Unsupported) => {}
                    Err(_) => unsupported = false,
                }
            }
            let outcome = if unsupported {
                Outcome::Unsupported(sig.algorithm())
            } else if canon.unread {
                Outcome::Unread
            } else {
                Outcome::Invalid
            };
            SigCheck { rrsig: ri, outcome }
        })
        .collect();
    Analysis {
        signed: true,
        sigs,
        dnskeys,
        algorithms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn rsa_public_key_in_der() {
        // n = 0x80 (high bit set: a zero octet first), e = 65537.
        assert_eq!(
            rsa_der(&[0x80], &[1, 0, 1]),
            [0x30, 0x09, 0x02, 0x02, 0x00, 0x80, 0x02, 0x03, 1, 0, 1]
        );
        // Leading zeros are dropped; a 256-octet modulus takes a two-octet length.
        let n = [0u8, 0x7f]
            .iter()
            .copied()
            .chain([1u8; 255])
            .collect::<Vec<_>>();
        let der = rsa_der(&n, &[3]);
        assert_eq!(&der[..4], &[0x30, 0x82, 0x01, 0x07]);
        assert_eq!(&der[4..8], &[0x02, 0x82, 0x01, 0x00]);
    }

    #[test]
    fn serial_time() {
        let now = 1_795_000_000; // 2026-11-18
        assert_eq!(abs_time(now as u32 + 10, now), now + 10);
        assert_eq!(abs_time((now - 10) as u32, now), now - 10);
        // 2106: past 2^32, the timestamp wraps and is still read as the nearest time.
        let later = (1i64 << 32) + 5;
        assert_eq!(abs_time(later as u32, later - 100), later);
    }
}
