//! Rules on one zone's data.

pub mod cname_and_other_data;
pub mod missing_trailing_dot;
pub mod ns_missing;
pub mod out_of_zone_record;
pub mod single_nameserver;
pub mod soa_missing;
pub mod soa_multiple;
pub mod soa_not_at_apex;
pub mod svcb_dns_incomplete;
