//! Any byte string as a zonelint.toml: a configuration or a clear error, never a panic,
//! and no error text that could drive a terminal or forge a workflow command.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zonelint::fuzzing::check_bytes(zonelint::fuzzing::Input::Config, data);
});
