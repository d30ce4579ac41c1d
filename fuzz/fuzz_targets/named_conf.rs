//! Any byte string as a named.conf (with a zone file beside it to join): diagnostics,
//! never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zonelint::fuzzing::check_bytes(zonelint::fuzzing::Input::NamedConf, data);
});
