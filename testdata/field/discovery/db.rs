// Source code named like a zone file (the shape of bundy-dns/bundy
// src/bin/auth/tests/query_unittest.cc and the `db.rs` files of Rust DNS projects):
// it holds zone text in its strings, and is not a zone.
use std::collections::HashMap;

pub fn fixture() -> HashMap<&'static str, &'static str> {
    let mut m = HashMap::new();
    m.insert("www", "www.example.com. 3600 IN A 192.0.2.1");
    m.insert("mail", "mail.example.com. 3600 IN A 192.0.2.2");
    m.insert("soa", "example.com. 3600 IN SOA ns1.example.com. admin.example.com. 1 2 3 4 5");
    m
}
