//! Property tests of the DNS arithmetic zonelint relies on: names survive a round trip
//! through their presentation format, TTLs and durations in every notation read back to
//! the same seconds, and serial changes are classified as RFC 1982 says.

use domain::base::Serial;
use proptest::prelude::*;
use zonelint::conf::grammar::duration_secs;
use zonelint::gitbase::{serial_change, SerialChange};
use zonelint::names::fmt_name;
use zonelint::zone::text::{parse_name, parse_ttl};
use zonelint::zone::DName;

/// A label: letters, digits, hyphens, and now and then a byte that needs escaping.
fn label() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(b"abcdefghijklmnopqrstuvwxyz0123456789-".to_vec()),
            1 => any::<u8>(),
        ],
        1..=20,
    )
}

/// `n` seconds as TTL units (`1w2d3h4m5s`).
fn units(mut n: u64) -> String {
    let mut s = String::new();
    for (u, c) in [
        (604_800, 'w'),
        (86_400, 'd'),
        (3_600, 'h'),
        (60, 'm'),
        (1, 's'),
    ] {
        if n >= u {
            s += &format!("{}{c}", n / u);
            n %= u;
        }
    }
    if s.is_empty() {
        s.push('0');
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn names_round_trip(labels in prop::collection::vec(label(), 1..6)) {
        let name = DName::from_chars(labels.iter().flat_map(|l| {
            // Build the name from its labels, escaping as the presentation format does.
            let mut v: Vec<char> = Vec::new();
            for &b in l {
                if b.is_ascii_alphanumeric() || b == b'-' {
                    v.push(b as char);
                } else {
                    v.extend(format!("\\{b:03}").chars());
                }
            }
            v.push('.');
            v
        }));
        let name = name.expect("valid name");
        let text = fmt_name(&name);
        let (back, _) = parse_name(text.as_bytes(), &DName::root_bytes()).expect("parses back");
        prop_assert!(back.as_slice().eq_ignore_ascii_case(name.as_slice()), "{text}");
        prop_assert_eq!(fmt_name(&back), text);
    }

    #[test]
    fn ttls_read_back_in_every_notation(n in 0u64..=u32::MAX as u64) {
        prop_assert_eq!(parse_ttl(n.to_string().as_bytes()).map(u64::from), Ok(n));
        prop_assert_eq!(parse_ttl(units(n).as_bytes()).map(u64::from), Ok(n));
        prop_assert_eq!(duration_secs(&n.to_string()), Some(n));
        prop_assert_eq!(duration_secs(&units(n)), Some(n));
        prop_assert_eq!(duration_secs(&format!("PT{n}S")), Some(n));
    }

    #[test]
    fn durations_over_32_bits_are_refused(n in (u32::MAX as u64 + 1)..u64::MAX / 2) {
        prop_assert_eq!(duration_secs(&n.to_string()), None);
        prop_assert!(parse_ttl(n.to_string().as_bytes()).is_err());
    }

    #[test]
    fn serials_follow_rfc_1982(s in any::<u32>(), inc in 1u32..(1 << 31)) {
        let old = Serial(s);
        // Any increase below 2^31 is an increase, wrapping included.
        prop_assert_eq!(serial_change(old, Serial(s.wrapping_add(inc)), true), SerialChange::Fine);
        // Going back by the same amount is a decrease.
        prop_assert_eq!(serial_change(old, Serial(s.wrapping_sub(inc)), true), SerialChange::WentDown);
        prop_assert_eq!(serial_change(old, old, true), SerialChange::Unchanged);
        prop_assert_eq!(serial_change(old, old, false), SerialChange::Fine);
        // Exactly half the space apart: undefined, so not greater.
        prop_assert_eq!(serial_change(old, Serial(s.wrapping_add(1 << 31)), true), SerialChange::NotGreater);
    }
}
