//! IANA's special-purpose address registries: the ranges that are not globally reachable
//! (RFC 6890 and its updates), plus multicast, which is not a unicast address at all.
//!
//! Source: "IANA IPv4 Special-Purpose Address Registry" and "IANA IPv6 Special-Purpose
//! Address Registry" (https://www.iana.org/assignments/iana-ipv4-special-registry/,
//! https://www.iana.org/assignments/iana-ipv6-special-registry/), the entries whose
//! "Globally Reachable" column is False, as published on 2025-03-24 (the IPv6 registry's
//! last update, 5f00::/16). Entries that are globally reachable (AS112 192.31.196.0/24
//! and 192.175.48.0/24, AMT 192.52.193.0/24, 64:ff9b::/96, 2001:4:112::/48, ORCHIDv2
//! 2001:20::/28, …) are left out on purpose: a name server may live there. This is the
//! one place the table lives; `nameserver-address-special-purpose` reads it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// When the table was taken from the registries.
pub const REGISTRY_DATE: &str = "2025-03-24";

/// (network, prefix length, name) of the IPv4 ranges that are not globally reachable.
const V4: &[([u8; 4], u8, &str)] = &[
    ([0, 0, 0, 0], 8, "\"this network\" (RFC 791)"),
    ([10, 0, 0, 0], 8, "private use (RFC 1918)"),
    ([100, 64, 0, 0], 10, "shared address space (RFC 6598)"),
    ([127, 0, 0, 0], 8, "loopback (RFC 1122)"),
    ([169, 254, 0, 0], 16, "link local (RFC 3927)"),
    ([172, 16, 0, 0], 12, "private use (RFC 1918)"),
    ([192, 0, 0, 0], 24, "IETF protocol assignments (RFC 6890)"),
    ([192, 0, 2, 0], 24, "documentation, TEST-NET-1 (RFC 5737)"),
    (
        [192, 88, 99, 0],
        24,
        "deprecated 6to4 relay anycast (RFC 7526)",
    ),
    ([192, 168, 0, 0], 16, "private use (RFC 1918)"),
    ([198, 18, 0, 0], 15, "benchmarking (RFC 2544)"),
    (
        [198, 51, 100, 0],
        24,
        "documentation, TEST-NET-2 (RFC 5737)",
    ),
    ([203, 0, 113, 0], 24, "documentation, TEST-NET-3 (RFC 5737)"),
    ([224, 0, 0, 0], 4, "multicast (RFC 5771)"),
    ([240, 0, 0, 0], 4, "reserved (RFC 1112)"),
];

/// Exceptions inside 192.0.0.0/24 that are globally reachable (RFC 7723, RFC 8155).
const V4_GLOBAL: &[[u8; 4]] = &[[192, 0, 0, 9], [192, 0, 0, 10]];

/// (network, prefix length, name) of the IPv6 ranges that are not globally reachable.
const V6: &[(&str, u8, &str)] = &[
    ("::", 128, "unspecified address (RFC 4291)"),
    ("::1", 128, "loopback (RFC 4291)"),
    ("::ffff:0:0", 96, "IPv4-mapped address (RFC 4291)"),
    (
        "64:ff9b:1::",
        48,
        "IPv4-IPv6 translation, local use (RFC 8215)",
    ),
    ("100::", 64, "discard-only (RFC 6666)"),
    ("100:0:0:1::", 64, "dummy IPv6 prefix (RFC 9780)"),
    ("2001::", 32, "TEREDO (RFC 4380)"),
    ("2001:2::", 48, "benchmarking (RFC 5180)"),
    ("2001:db8::", 32, "documentation (RFC 3849)"),
    ("3fff::", 20, "documentation (RFC 9637)"),
    ("5f00::", 16, "segment routing SIDs (RFC 9602)"),
    ("fc00::", 7, "unique local (RFC 4193)"),
    ("fe80::", 10, "link-local unicast (RFC 4291)"),
    ("ff00::", 8, "multicast (RFC 4291)"),
];

/// The IPv4 range of the table that holds every address of `bits/len`.
fn find_v4(bits: u32, len: u8) -> Option<&'static str> {
    V4.iter()
        .find(|(net, l, _)| {
            let mask = if *l == 0 { 0 } else { u32::MAX << (32 - l) };
            *l <= len && bits & mask == u32::from(Ipv4Addr::from(*net))
        })
        .map(|(_, _, name)| *name)
}

/// The IPv6 range of the table that holds every address of `bits/len`.
fn find_v6(bits: u128, len: u8) -> Option<&'static str> {
    V6.iter()
        .find(|(net, l, _)| {
            let mask = if *l == 0 { 0 } else { u128::MAX << (128 - l) };
            let net: Ipv6Addr = net.parse().expect("a valid table entry");
            *l <= len && bits & mask == u128::from(net)
        })
        .map(|(_, _, name)| *name)
}

/// The special-purpose range an address is in, when it is not globally reachable.
pub fn special_purpose(addr: IpAddr) -> Option<&'static str> {
    match addr {
        IpAddr::V4(a) if V4_GLOBAL.contains(&a.octets()) => None,
        IpAddr::V4(a) => find_v4(u32::from(a), 32),
        IpAddr::V6(a) => find_v6(u128::from(a), 128),
    }
}

/// The special-purpose range a whole network (`addr/len`) lies in, when it lies in one
/// that is not globally reachable: `10.1.0.0/16` does, `0.0.0.0/0` and `8.0.0.0/7` do not
/// (they hold public addresses). IPv4-mapped IPv6 networks are looked up as IPv4.
pub fn network_special_purpose(addr: IpAddr, len: u8) -> Option<&'static str> {
    match addr {
        IpAddr::V4(a) => find_v4(u32::from(a), len),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) if len >= 96 => find_v4(u32::from(v4), len - 96),
            _ => find_v6(u128::from(a), len),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(s: &str) -> Option<&'static str> {
        special_purpose(s.parse().unwrap())
    }

    #[test]
    fn networks_inside_a_special_range() {
        let net = |s: &str, l| network_special_purpose(s.parse().unwrap(), l).is_some();
        assert!(net("10.1.0.0", 16));
        assert!(net("127.0.0.0", 8));
        assert!(net("192.168.0.0", 16));
        assert!(net("::1", 128));
        assert!(net("fd00::", 8));
        assert!(net("::ffff:10.0.0.0", 104));
        assert!(!net("0.0.0.0", 0));
        assert!(!net("::", 0));
        assert!(!net("10.0.0.0", 7));
        assert!(!net("8.8.8.0", 24));
        assert!(!net("2001:db9::", 32));
    }

    #[test]
    fn ranges_of_the_registries() {
        assert!(sp("10.1.2.3").is_some());
        assert!(sp("172.31.255.255").is_some());
        assert!(sp("172.32.0.1").is_none());
        assert!(sp("100.127.0.1").is_some());
        assert!(sp("100.128.0.1").is_none());
        assert!(sp("192.0.2.53").is_some());
        assert!(sp("192.0.0.9").is_none());
        assert!(sp("192.175.48.1").is_none()); // AS112: globally reachable
        assert!(sp("8.8.8.8").is_none());
        assert!(sp("::1").is_some());
        assert!(sp("fd00::53").is_some());
        assert!(sp("fe80::1").is_some());
        assert!(sp("2001:db8::53").is_some());
        assert!(sp("2001:4:112::1").is_none());
        assert!(sp("64:ff9b::192.0.2.1").is_none());
        assert!(sp("2a00:1450::1").is_none());
    }
}
