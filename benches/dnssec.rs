//! Signature verification against its physical limit: the crypto backend's own verify
//! rate on one core (ring, ECDSA P-256 with SHA-256, algorithm 13), and zonelint's full
//! DNSSEC analysis of a zone signed with that key (canonical RRsets, signed data, key
//! lookup, verification of every signature, on every core). Both are reported in
//! signatures per second; the target is zonelint within 1.5x of the raw rate
//! times the number of cores. `cargo bench --bench dnssec`.
//!
//! The zone is signed here, in memory, with a fresh key: zonelint's own `signed_data`
//! gives what each RRSIG signs, ring signs it.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use domain::base::iana::{Rtype, SecurityAlgorithm};
use domain::base::Ttl;
use domain::rdata::dnssec::Timestamp;
use domain::rdata::{Dnskey, Rrsig};
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, KeyPair};
use std::fmt::Write;

mod common;

/// Names signed (each with an A RRset and, at the apex, SOA, NS and DNSKEY).
const NAMES: usize = 20_000;

struct Signed {
    text: String,
    /// What each signature signs, and the signature: the raw verify loop's input.
    pairs: Vec<(Vec<u8>, Vec<u8>)>,
    public: Vec<u8>,
}

fn sign_zone() -> Signed {
    let rng = SystemRandom::new();
    let alg = &signature::ECDSA_P256_SHA256_FIXED_SIGNING;
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(alg, &rng).unwrap();
    let key = EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng).unwrap();
    // ring's public key is 0x04 || X || Y; DNSKEY algorithm 13 carries X || Y.
    let public = key.public_key().as_ref().to_vec();
    let dnskey = Dnskey::new(
        257,
        3,
        SecurityAlgorithm::ECDSAP256SHA256,
        public[1..].to_vec(),
    )
    .unwrap();
    let tag = dnskey.key_tag();
    let b64 = domain::utils::base64::encode_string;
    let mut text = String::from("$ORIGIN bench.example.\n$TTL 3600\n");
    text.push_str("@ IN SOA ns1 hostmaster 2026112301 7200 3600 1209600 3600\n@ IN NS ns1\n");
    writeln!(text, "@ IN DNSKEY 257 3 13 {}", b64(&public[1..])).unwrap();
    for i in 0..NAMES {
        writeln!(text, "h{i} IN A 192.0.{}.{}", i / 250 % 256, i % 250 + 1).unwrap();
    }
    // Read the unsigned zone, sign every RRset, append the signatures.
    let (_dir, path) = common::write_zone(&text);
    let zone = common::read(&path);
    let signer = common::origin();
    let mut pairs = Vec::new();
    let mut sigs = String::new();
    for owner in 0..zone.owners.len() as u32 {
        let name = &zone.owners[owner as usize];
        for (rtype, rrset) in zone.rrsets_at(owner) {
            let rrsig = Rrsig::new(
                rtype,
                SecurityAlgorithm::ECDSAP256SHA256,
                (name.label_count() - 1) as u8,
                Ttl::from_secs(3600),
                Timestamp::from(2_000_000_000u32),
                Timestamp::from(1_700_000_000u32),
                tag,
                signer.clone(),
                bytes::Bytes::new(),
            )
            .unwrap();
            let data = zonelint::dnssec::signed_data(&zone, &rrsig, name, rrset);
            let sig = key.sign(&rng, &data).unwrap().as_ref().to_vec();
            writeln!(
                sigs,
                "{name}. 3600 IN RRSIG {rtype} 13 {} 3600 20330518033320 20231114221320 {tag} bench.example. {}",
                name.label_count() - 1,
                b64(&sig)
            )
            .unwrap();
            pairs.push((data, sig));
        }
    }
    text.push_str(&sigs);
    Signed {
        text,
        pairs,
        public,
    }
}

fn dnssec(c: &mut Criterion) {
    let signed = sign_zone();
    let (_dir, path) = common::write_zone(&signed.text);
    let zone = common::read(&path);
    assert_eq!(zone.type_index(Rtype::RRSIG).len(), signed.pairs.len());
    let mut g = c.benchmark_group("verify");
    g.sample_size(10);
    g.throughput(Throughput::Elements(signed.pairs.len() as u64));
    let public =
        signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &signed.public);
    g.bench_function("ring raw, 1 core", |b| {
        b.iter(|| {
            signed
                .pairs
                .iter()
                .filter(|(data, sig)| public.verify(data, sig).is_ok())
                .count()
        })
    });
    g.bench_function("ring raw, all cores", |b| {
        use rayon::prelude::*;
        b.iter(|| {
            signed
                .pairs
                .par_iter()
                .filter(|(data, sig)| public.verify(data, sig).is_ok())
                .count()
        })
    });
    let analysis = zonelint::dnssec::analyse(&zone);
    let valid = analysis
        .sigs
        .iter()
        .filter(|s| matches!(s.outcome, zonelint::dnssec::Outcome::Valid(_)))
        .count();
    assert_eq!(valid, signed.pairs.len(), "every signature verifies");
    g.bench_function("zonelint analyse, all cores", |b| {
        b.iter(|| zonelint::dnssec::analyse(&zone).sigs.len())
    });
    g.finish();
}

criterion_group!(benches, dnssec);
criterion_main!(benches);
