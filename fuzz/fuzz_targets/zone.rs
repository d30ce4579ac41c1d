//! Any byte string as a zone file: diagnostics, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zonelint::fuzzing::check_bytes(zonelint::fuzzing::Input::Zone, data);
});
