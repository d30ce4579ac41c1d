//! Rules on delegations: glue, and the parent/child agreement when both zones are in
//! the project.

pub mod delegation_ns_mismatch;
pub mod delegation_without_redundancy;
pub mod glue_mismatch;
pub mod missing_glue;
pub mod nameserver_address_special_purpose;
pub mod orphan_glue;
pub mod referral_too_large;
