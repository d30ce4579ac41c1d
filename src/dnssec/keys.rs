//! DS digests (RFC 4034 §5.1.4, RFC 4509, RFC 6605) and key matching.

use crate::zone::DName;

/// The DNSKEY RDATA in wire form: flags, protocol, algorithm, public key.
pub fn key_rdata(flags: u16, protocol: u8, algorithm: u8, public_key: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(4 + public_key.len());
    v.extend_from_slice(&flags.to_be_bytes());
    v.push(protocol);
    v.push(algorithm);
    v.extend_from_slice(public_key);
    v
}

/// The key tag of DNSKEY RDATA (RFC 4034 Appendix B; algorithm 1 has its own).
pub fn key_tag(rdata: &[u8]) -> u16 {
    if rdata.get(3) == Some(&1) {
        let n = rdata.len();
        return if n >= 4 {
            u16::from_be_bytes([rdata[n - 3], rdata[n - 2]])
        } else {
            0
        };
    }
    let mut ac: u32 = 0;
    for (i, b) in rdata.iter().enumerate() {
        ac += if i % 2 == 0 {
            (*b as u32) << 8
        } else {
            *b as u32
        };
    }
    ac += (ac >> 16) & 0xFFFF;
    (ac & 0xFFFF) as u16
}

/// The name and hash function of a DS digest type computed here (SHA-1, SHA-256,
/// SHA-384); `None` for the others (GOST, SM3, unknown).
pub fn ds_digest_algorithm(
    digest_type: u8,
) -> Option<(&'static str, &'static ring::digest::Algorithm)> {
    use ring::digest::{SHA1_FOR_LEGACY_USE_ONLY, SHA256, SHA384};
    Some(match digest_type {
        1 => ("SHA-1", &SHA1_FOR_LEGACY_USE_ONLY),
        2 => ("SHA-256", &SHA256),
        4 => ("SHA-384", &SHA384),
        _ => return None,
    })
}

/// The DS digest of a key: `digest(owner | DNSKEY RDATA)`. `None` for digest types that
/// are not computed here (GOST, unknown).
pub fn ds_digest(owner: &DName, key_rdata: &[u8], digest_type: u8) -> Option<Vec<u8>> {
    let (_, alg) = ds_digest_algorithm(digest_type)?;
    let mut data = owner.as_slice().to_ascii_lowercase();
    data.extend_from_slice(key_rdata);
    Some(ring::digest::digest(alg, &data).as_ref().to_vec())
}

/// Whether a DS (key tag, algorithm, digest type, digest) matches a key of `owner`.
/// `None` when the digest type cannot be computed.
pub fn ds_matches(owner: &DName, ds: (u16, u8, u8, &[u8]), key_rdata: &[u8]) -> Option<bool> {
    let (tag, alg, dt, dig) = ds;
    if key_rdata.get(3) != Some(&alg) || key_tag(key_rdata) != tag {
        return Some(false);
    }
    Some(ds_digest(owner, key_rdata, dt)?.eq_ignore_ascii_case(dig))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::text::parse_name;

    #[test]
    fn rfc4034_section_5_4_example() {
        // RFC 4034 §5.4: dskey.example.com. DNSKEY 256 3 5 … and its DS 60485 5 1 2BB1…
        let key = "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==";
        let pk = domain::utils::base64::decode::<Vec<u8>>(key).unwrap();
        let rdata = key_rdata(256, 3, 5, &pk);
        assert_eq!(key_tag(&rdata), 60485);
        let owner = parse_name(b"dskey.example.com.", &DName::root_bytes())
            .unwrap()
            .0;
        let want =
            domain::utils::base16::decode_vec("2BB183AF5F22588179A53B0A98631FAD1A292118").unwrap();
        assert_eq!(ds_digest(&owner, &rdata, 1).unwrap(), want);
        assert_eq!(ds_matches(&owner, (60485, 5, 1, &want), &rdata), Some(true));
        assert_eq!(ds_matches(&owner, (60485, 5, 3, &want), &rdata), None);
    }
}
