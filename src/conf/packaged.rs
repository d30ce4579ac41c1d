//! What the BIND packages ship: the stock zone files and configuration fragments a
//! repository leaves to the server, and the zones named builds in. The loader uses it
//! to leave the package's files alone; rules use it to judge zone statements.

use crate::conf::ZoneDecl;

/// Zones every recursive server has (built in, or in Debian's default configuration):
/// localhost, the loopback and broadcast reverse zones, and the RFC 1918 / RFC 6303
/// empty zones. Serving them does not make a server authoritative for real data.
pub fn is_builtin_zone(name: &str) -> bool {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    if matches!(
        n.as_str(),
        "localhost"
            | "127.in-addr.arpa"
            | "0.in-addr.arpa"
            | "255.in-addr.arpa"
            | "0.0.127.in-addr.arpa"
            | "1.0.0.127.in-addr.arpa"
            | "10.in-addr.arpa"
            | "254.169.in-addr.arpa"
            | "2.0.192.in-addr.arpa"
            | "100.51.198.in-addr.arpa"
            | "113.0.203.in-addr.arpa"
            | "255.255.255.255.in-addr.arpa"
            | "d.f.ip6.arpa"
            | "8.e.f.ip6.arpa"
            | "9.e.f.ip6.arpa"
            | "a.e.f.ip6.arpa"
            | "b.e.f.ip6.arpa"
            | "8.b.d.0.1.0.0.2.ip6.arpa"
            | "empty.as112.arpa"
            | "home.arpa"
            | "resolver.arpa"
    ) {
        return true;
    }
    if n.ends_with(".ip6.arpa") && n.chars().filter(|c| *c == '.').count() == 33 {
        // ::1 and :: reverse names.
        return n.starts_with("1.0.0.0.") || n.starts_with("0.0.0.0.");
    }
    // 16–31.172.in-addr.arpa, 64–127.100.in-addr.arpa, 168.192.in-addr.arpa
    if let Some(x) = n.strip_suffix(".172.in-addr.arpa") {
        return x.parse::<u8>().is_ok_and(|v| (16..=31).contains(&v));
    }
    if let Some(x) = n.strip_suffix(".100.in-addr.arpa") {
        return x.parse::<u8>().is_ok_and(|v| (64..=127).contains(&v));
    }
    n == "168.192.in-addr.arpa"
}

/// File names the BIND packages of Debian and Red Hat ship for the default zones.
const STOCK_FILES: &[&str] = &[
    "db.local",
    "db.127",
    "db.0",
    "db.255",
    "db.empty",
    "db.root",
    "root.hints",
    "named.root",
    "named.ca",
    "named.localhost",
    "named.loopback",
    "named.empty",
];

/// Files that the BIND packages ship or write at install time, beside the stock zone
/// files: configuration fragments and keys (Debian `named.conf.default-zones`,
/// `zones.rfc1918`, `bind.keys`, `rndc.key`; Red Hat `named.rfc1912.zones`,
/// `named.root.key`; FreeBSD `master/empty.db`, `master/localhost-*.db`). A repository
/// holds the operator's part of a configuration; these live on the server.
const PACKAGED_FILES: &[&str] = &[
    "named.conf.default-zones",
    "zones.rfc1918",
    "bind.keys",
    "rndc.key",
    "named.rfc1912.zones",
    "named.root.key",
    "named.iscdlv.key",
    "managed-keys.bind",
    "empty.db",
    "localhost-forward.db",
    "localhost-reverse.db",
];

/// Whether a path written in a configuration (`include`, `file`) names a file the BIND
/// package of Debian, Red Hat or FreeBSD ships or generates at install time: when it is
/// absent from the repository, that is expected, not a fault.
pub fn is_packaged_path(written: &str) -> bool {
    let name = written.rsplit(['/', '\\']).next().unwrap_or(written);
    STOCK_FILES.contains(&name) || PACKAGED_FILES.contains(&name)
}

/// Whether a file has the name of a stock file of the BIND packages (found by walking, it
/// is not read as a zone unless a zone statement names it: `db.local` is not zone
/// `local.`).
pub fn is_stock_file(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| STOCK_FILES.contains(&n))
}

/// Whether a zone's file is the package's rather than the operator's: a hint zone's, or
/// a default zone's stock file.
pub fn is_packaged_zone(z: &ZoneDecl, path: &std::path::Path) -> bool {
    z.kind == "hint" || (is_stock_file(path) && is_builtin_zone(&z.name))
}
