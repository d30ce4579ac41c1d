//! Any byte string as an include graph in memory (files separated by `==> name` lines,
//! links as `==> name -> target`): read as a zone and as a named.conf, it ends within
//! the budgets and never reads a file outside the tree.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    zonelint::fuzzing::check_bytes(zonelint::fuzzing::Input::Includes, data);
});
