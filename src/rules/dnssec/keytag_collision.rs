//! `keytag-collision`: two DNSKEYs of the apex with the same key tag and algorithm.

use crate::diagnostic::Diagnostic;
use crate::names::fmt_name;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::zone::{Rdata, Zone};
use domain::base::iana::Rtype;
use std::collections::HashMap;

crate::rule_meta!("keytag-collision", Info);

pub struct KeytagCollision;

impl Rule for KeytagCollision {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_zone(&self, zone: &Zone, cx: &mut Ctx) {
        let mut seen: HashMap<(u16, u8), u32> = HashMap::new();
        for &i in zone.rrset_of(&zone.origin, Rtype::DNSKEY) {
            let r = zone.record(i);
            let Some(Rdata::Dnskey(k)) = r.data.boxed() else {
                continue;
            };
            let key = (k.key_tag(), k.algorithm().to_int());
            match seen.get(&key) {
                None => {
                    seen.insert(key, i);
                }
                Some(&other) => {
                    let o = zone.record(other);
                    cx.report(
                        Diagnostic::new(META.name, r.file, r.span, format!(
                            "two DNSKEYs of {} share key tag {} and algorithm {}", fmt_name(&zone.origin), key.0, key.1))
                            .label("same key tag")
                            .related(o.file, o.span, "the other key")
                            .help("validators must try both keys for every signature with that tag (a resource cost, RFC 8901 notes); generate a new key"),
                    );
                }
            }
        }
    }
}
