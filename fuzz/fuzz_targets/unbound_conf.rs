//! Any byte string as an unbound.conf (with a zone file beside it an `auth-zone:` may
//! name): diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zonelint::fuzzing::check_bytes(zonelint::fuzzing::Input::Unbound, data);
});
