//! DNSSEC rules: signature timing and verification (see `crate::dnssec`).

pub mod cds_cdnskey_mismatch;
pub mod dnskey_no_sep;
pub mod dnskey_not_signed_by_ksk;
pub mod dnskey_rsa_key_too_short;
pub mod dnskey_without_ds;
pub mod dnssec_algorithm_deprecated;
pub mod dnssec_algorithm_unsupported;
pub mod ds_digest_deprecated;
pub mod ds_digest_type_invalid;
pub mod ds_for_unsigned_child;
pub mod ds_not_at_delegation;
pub mod ds_without_matching_dnskey;
pub mod ds_without_sha256;
pub mod keytag_collision;
pub mod nsec3_chain_broken;
pub mod nsec3_parameters;
pub mod nsec_chain_broken;
pub mod rrsig_expired;
pub mod rrsig_expiring;
pub mod rrsig_invalid;
pub mod rrsig_lifetime_too_long;
pub mod rrsig_missing;
pub mod rrsig_no_matching_dnskey;
pub mod rrsig_not_yet_valid;
pub mod rrsig_original_ttl_mismatch;
pub mod rrsig_ttl_beyond_expiration;
pub mod rrsig_validity_below_soa_expire;
pub mod signed_zone_without_ds;
pub mod zonemd_mismatch;

use crate::dnssec::{Outcome, RrsigData};
use crate::zone::{Rdata, Record, Zone};
use domain::base::iana::Rtype;
use std::collections::{BTreeMap, BTreeSet};

/// The types an NSEC or NSEC3 type bitmap must list for `owner`: every type the name
/// holds or, at a delegation, only those of `at_cut` (the parent is not authoritative
/// for the rest).
pub fn bitmap_types(zone: &Zone, owner: u32, at_cut: &[Rtype]) -> BTreeSet<u16> {
    let cut = zone.is_cut(owner);
    zone.rrsets_at(owner)
        .map(|(t, _)| t)
        .filter(|t| !cut || at_cut.contains(t))
        .map(|t| t.to_int())
        .collect()
}

/// Whether the zone has apex DNSKEYs and an NSEC or NSEC3 chain, and not a single RRSIG:
/// signed-looking data whose signatures were never made or were stripped.
/// `rrsig-missing` reports that once for the zone. (Without a DNSKEY no validator takes
/// the zone for signed: an NSEC3 record alone is data, as in BIND's
/// `good-nsec3-nopadhash.db`.)
pub fn chain_without_signatures(zone: &Zone) -> bool {
    zone.type_index(Rtype::RRSIG).is_empty()
        && !(zone.type_index(Rtype::NSEC).is_empty() && zone.type_index(Rtype::NSEC3).is_empty())
        && zone
            .apex_id()
            .is_some_and(|a| !zone.rrset(a, Rtype::DNSKEY).is_empty())
}

/// The types an NSEC or NSEC3 record's bitmap lists, as compared with [`bitmap_types`]:
/// in a zone without a single RRSIG the RRSIG bit is not counted (one cause, reported
/// once by `rrsig-missing`, not again at every name of the chain).
pub fn listed_types(zone: &Zone, types: impl IntoIterator<Item = Rtype>) -> BTreeSet<u16> {
    let unsigned = chain_without_signatures(zone);
    types
        .into_iter()
        .filter(|t| !(unsigned && *t == Rtype::RRSIG))
        .map(|t| t.to_int())
        .collect()
}

/// A set of types written the way a type bitmap is: `NS DS RRSIG`.
pub fn show_types(types: &BTreeSet<u16>) -> String {
    types
        .iter()
        .map(|t| Rtype::from_int(*t).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The RRSIG records of a zone whose verification came out as `outcome`, with their
/// RDATA.
pub fn sigs_with(zone: &Zone, outcome: Outcome) -> impl Iterator<Item = (&Record, &RrsigData)> {
    zone.dnssec()
        .sigs
        .iter()
        .filter(move |s| s.outcome == outcome)
        .filter_map(|s| {
            let r = zone.record(s.rrsig);
            match r.data.boxed() {
                Some(Rdata::Rrsig(sig)) => Some((r, sig)),
                _ => None,
            }
        })
}

/// An RRset and the key that signs it: (owner, covered type, key tag).
pub type SigKey = (u32, u16, u16);

/// The signature of an RRset and key that expires first, and the one that starts last.
#[derive(Clone, Copy, Debug)]
pub struct SigTimes {
    pub first_expiry: u32,
    pub expiry: i64,
    pub last_inception: u32,
    pub inception: i64,
}

/// The signatures of a zone grouped by RRset and key, with their times as absolute
/// seconds near `now`.
pub fn by_rrset_and_key(zone: &Zone, now: i64) -> BTreeMap<SigKey, SigTimes> {
    let mut m: BTreeMap<SigKey, SigTimes> = BTreeMap::new();
    for &i in zone.type_index(domain::base::iana::Rtype::RRSIG) {
        let r = zone.record(i);
        let Some(Rdata::Rrsig(s)) = r.data.boxed() else {
            continue;
        };
        let exp = crate::dnssec::abs_time(s.expiration().into_int(), now);
        let inc = crate::dnssec::abs_time(s.inception().into_int(), now);
        let key = (r.owner, s.type_covered().to_int(), s.key_tag());
        let e = m.entry(key).or_insert(SigTimes {
            first_expiry: i,
            expiry: exp,
            last_inception: i,
            inception: inc,
        });
        if exp < e.expiry {
            e.first_expiry = i;
            e.expiry = exp;
        }
        if inc > e.inception {
            e.last_inception = i;
            e.inception = inc;
        }
    }
    m
}

/// The apex DNSKEYs of a zone: (record index, RDATA in wire form).
pub fn apex_keys(zone: &Zone) -> Vec<(u32, Vec<u8>)> {
    zone.rrset_of(&zone.origin, domain::base::iana::Rtype::DNSKEY)
        .iter()
        .filter_map(|&i| match zone.record(i).data.rdata().as_deref() {
            Some(Rdata::Dnskey(k)) => Some((
                i,
                crate::dnssec::keys::key_rdata(
                    k.flags(),
                    k.protocol(),
                    k.algorithm().to_int(),
                    k.public_key().as_ref(),
                ),
            )),
            _ => None,
        })
        .collect()
}

/// A DS or CDS record, as the digest check needs it.
pub struct DsRecord {
    pub index: u32,
    pub tag: u16,
    pub alg: u8,
    pub digest_type: u8,
    pub digest: Vec<u8>,
}

impl DsRecord {
    pub fn matches(&self, owner: &crate::zone::DName, key: &[u8]) -> Option<bool> {
        crate::dnssec::keys::ds_matches(
            owner,
            (self.tag, self.alg, self.digest_type, &self.digest),
            key,
        )
    }
}

/// The DS (or CDS) records of a type at a name.
pub fn ds_records(zone: &Zone, owner: u32, rtype: domain::base::iana::Rtype) -> Vec<DsRecord> {
    zone.rrset(owner, rtype)
        .iter()
        .filter_map(|&i| {
            let (tag, alg, dt, dig) = match zone.record(i).data.boxed() {
                Some(Rdata::Ds(d)) => (d.key_tag(), d.algorithm(), d.digest_type(), d.digest()),
                Some(Rdata::Cds(d)) => (d.key_tag(), d.algorithm(), d.digest_type(), d.digest()),
                _ => return None,
            };
            Some(DsRecord {
                index: i,
                tag,
                alg: alg.to_int(),
                digest_type: dt.to_int(),
                digest: dig.as_ref().to_vec(),
            })
        })
        .collect()
}

/// The DS records at a name.
pub fn ds_at(zone: &Zone, owner: u32) -> Vec<DsRecord> {
    ds_records(zone, owner, domain::base::iana::Rtype::DS)
}

/// Every DS and CDS record of a zone with its key tag, algorithm and digest type.
pub fn ds_and_cds(zone: &Zone) -> impl Iterator<Item = (&Record, (u16, u8, u8))> + '_ {
    [Rtype::DS, Rtype::CDS]
        .into_iter()
        .flat_map(|t| zone.type_index(t))
        .filter_map(|&i| {
            let r = zone.record(i);
            Some((r, ds_fields(r)?))
        })
}

/// Key tag, algorithm and digest type of a DS or CDS record.
pub fn ds_fields(r: &crate::zone::model::Record) -> Option<(u16, u8, u8)> {
    match r.data.rdata().as_deref()? {
        Rdata::Ds(d) => Some((
            d.key_tag(),
            d.algorithm().to_int(),
            d.digest_type().to_int(),
        )),
        Rdata::Cds(d) => Some((
            d.key_tag(),
            d.algorithm().to_int(),
            d.digest_type().to_int(),
        )),
        _ => None,
    }
}
