//! What a file's content says it is: zone data, or something else that happens to carry
//! a zone-like name (`db.rs`, `db.js`, a sqlite `*.db`, an unbound test `*.rpl`, a C++
//! test with zone text in its strings).
//!
//! Real repositories are full of files whose names look like DNS data and whose content
//! is not. A file is read as a zone when its first entries (logical lines, parentheses
//! joined, comments skipped) read as master-file entries: directives (`$ORIGIN`, `$TTL`,
//! `$INCLUDE`, `$GENERATE`) and records (`[owner] [ttl] [class] TYPE rdata`, with a type
//! name the reader knows). A zone file with a typo still reads as one: at most one entry
//! in five may be something else. Source code, markup, test-replay formats and query
//! logs have far more lines that are not records, even where some lines are.

use crate::zone::lexer::Lexer;

/// How much of a file is looked at.
pub const SNIFF_LEN: usize = 16 * 1024;

/// Entries looked at, at most.
const MAX_ENTRIES: usize = 200;

/// Why a file is not read as DNS data, or `Ok` when it is zone data.
pub fn zone_content(head: &[u8]) -> Result<(), &'static str> {
    if let Some(why) = binary(head) {
        return Err(why);
    }
    // The test-replay format of unbound, ldns and OpenDNSSEC (`ENTRY_BEGIN`, `MATCH`,
    // `SECTION ANSWER` around record lines).
    if head
        .split(|&b| b == b'\n')
        .any(|l| l.trim_ascii() == b"ENTRY_BEGIN")
    {
        return Err("a test-replay file (ENTRY_BEGIN … ENTRY_END), not a zone");
    }
    let mut lx = Lexer::new(head);
    let mut toks = Vec::new();
    let (mut good, mut bad, mut strong) = (0usize, 0usize, false);
    for _ in 0..MAX_ENTRIES {
        let Some(e) = lx.next_entry(&mut toks) else {
            break;
        };
        if toks.is_empty() {
            continue;
        }
        let words: Vec<&[u8]> = toks.iter().map(|t| &head[t.span.range()]).collect();
        match entry_shape(&words, e.blank_owner) {
            Shape::Directive(is_strong) => {
                good += 1;
                strong |= is_strong;
            }
            Shape::Soa => {
                good += 1;
                strong = true;
            }
            Shape::Record { class } => {
                good += 1;
                strong |= class;
            }
            Shape::Other => bad += 1,
        }
    }
    if good == 0 {
        return Err("no zone records or directives");
    }
    // Two records with a class, or one SOA or directive: a single line with a known
    // type name is no evidence.
    if !strong && good < 2 {
        return Err("no zone records or directives");
    }
    if bad * 4 > good {
        return Err("not zone data: most of its lines are not records or directives");
    }
    Ok(())
}

/// A reason when the bytes are not text at all.
pub fn binary(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"SQLite format 3\0") {
        return Some("a SQLite database");
    }
    if head.contains(&0) {
        return Some("binary data (NUL bytes)");
    }
    None
}

enum Shape {
    /// `$ORIGIN` and `$TTL` say "zone file"; `$INCLUDE` and `$GENERATE` alone do not
    /// (a file of `$INCLUDE`s is a fragment of another zone).
    Directive(bool),
    Soa,
    Record {
        class: bool,
    },
    Other,
}

fn entry_shape(words: &[&[u8]], blank_owner: bool) -> Shape {
    let first = words[0];
    if !blank_owner && first.starts_with(b"$") {
        let known = [&b"$ORIGIN"[..], b"$TTL", b"$INCLUDE", b"$GENERATE"]
            .iter()
            .any(|d| first.eq_ignore_ascii_case(d));
        let strong = first.eq_ignore_ascii_case(b"$ORIGIN") || first.eq_ignore_ascii_case(b"$TTL");
        return if known && words.len() >= 2 {
            Shape::Directive(strong)
        } else {
            Shape::Other
        };
    }
    let fields = if blank_owner {
        words
    } else {
        if !is_owner(first) {
            return Shape::Other;
        }
        &words[1..]
    };
    let mut class = false;
    for (i, f) in fields.iter().enumerate().take(3) {
        if is_class(f) {
            class = true;
        } else if is_ttl(f) {
            continue;
        } else if is_type(f) {
            // A type with its data; a type that ends the entry is no record.
            if i + 1 >= fields.len() {
                return Shape::Other;
            }
            return if f.eq_ignore_ascii_case(b"SOA") {
                // Two names and five numbers.
                if fields.len() - i > 7 {
                    Shape::Soa
                } else {
                    Shape::Other
                }
            } else {
                Shape::Record { class }
            };
        } else {
            return Shape::Other;
        }
    }
    Shape::Other
}

/// The characters of an owner name as written in zone files (escapes included).
fn is_owner(w: &[u8]) -> bool {
    !w.is_empty()
        && w.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-_.*@\\/".contains(&b))
}

fn is_class(w: &[u8]) -> bool {
    [&b"IN"[..], b"CH", b"HS", b"CS"]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c))
        || (w.len() > 5
            && w[..5].eq_ignore_ascii_case(b"CLASS")
            && w[5..].iter().all(u8::is_ascii_digit))
}

/// `3600`, `1h`, `1h30m`, `2W`.
fn is_ttl(w: &[u8]) -> bool {
    w.first().is_some_and(u8::is_ascii_digit)
        && w.iter()
            .all(|b| b.is_ascii_digit() || b"smhdwSMHDW".contains(b))
}

fn is_type(w: &[u8]) -> bool {
    use std::str::FromStr;
    std::str::from_utf8(w).is_ok_and(|s| domain::base::iana::Rtype::from_str(s).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(s: &str) -> bool {
        zone_content(s.as_bytes()).is_ok()
    }

    #[test]
    fn zone_files_read_as_zones() {
        assert!(zone("; hi\n$TTL 3600\n"));
        assert!(zone("@ IN SOA ns hm 1 2 3 4 5\n"));
        assert!(zone(
            "example.com. 3600 IN NS ns1.example.com.\nwww IN A 192.0.2.1\n"
        ));
        // Dump style, with a typo in one line of five.
        assert!(zone(
            "$ORIGIN .\n$TTL 300\nexample.com IN SOA ns hm (\n 1 2 3 4 5 )\n NS ns1.example.com.\n\
             $ORIGIN example.com.\nwww A 192.0.2.1\nmail AA 192.0.2.2\nftp A 192.0.2.3\n"
        ));
    }

    #[test]
    fn other_formats_do_not() {
        assert!(!zone("Hello SOA world\n"));
        assert!(!zone("Meet me IN A minute\nand IN A second\n"));
        // Source code with zone text in its strings.
        assert!(!zone(
            "use std::io;\nfn main() {\n    let z = \"www IN A 192.0.2.1\";\n    let y = \"ftp IN A 192.0.2.2\";\n    println!(\"{z}\");\n}\n"
        ));
        // A test-replay file: some record lines among many that are not.
        assert!(!zone(
            "ENTRY_BEGIN\nMATCH opcode qtype qname\nSECTION QUESTION\nwww.example.com. IN A\n\
             SECTION ANSWER\nwww.example.com. IN A 192.0.2.1\nENTRY_END\n"
        ));
        // A query log: a count before each owner.
        assert!(!zone(
            "0\twww.example.com.\t3600\tIN\tA\t192.0.2.1\n1\texample.com.\t3600\tIN\tSOA\tns hm 1 2 3 4 5\n"
        ));
        assert!(zone_content(b"SQLite format 3\0rest").is_err());
        assert!(zone_content(b"$TTL 1\n\0\0").is_err());
        assert!(!zone(""));
        assert!(!zone("; only a comment\n"));
    }
}
