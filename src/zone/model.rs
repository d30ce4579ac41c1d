//! The zone model: records in a vector, owners interned, RRsets found through one
//! sorted index (no per-RRset allocation, no tree).

use crate::diagnostic::Diagnostic;
use crate::names::name_hash;
use crate::source::{FileId, Span};
use bytes::Bytes;
use domain::base::iana::{Class, Rtype};
use domain::base::Name;
use domain::rdata::ZoneRecordData;
use hashbrown::HashTable;
use std::collections::HashMap;

/// A domain name with shared octets.
pub type DName = Name<Bytes>;
/// Typed record data as `domain` parses it.
pub type Rdata = ZoneRecordData<Bytes, DName>;

/// Record data as stored: the types that fill large zones (A, AAAA, NS, CNAME, PTR,
/// MX, SRV) inline, every other type as `domain`'s typed data in a box.
///
/// Why not `domain`'s `ZoneRecordData` itself: its size is that of its largest variant
/// (144 bytes, NAPTR), paid by every A record. Kept inline, a record takes 80 bytes
/// instead of 184; on a zone of a million records that is 100 MB less memory, and rules
/// that scan records touch half the cache lines. Rules read the data as `domain`'s type
/// through [`Data::rdata`] (built on demand for the inline types), and the hot paths
/// through [`Data::target`] and [`Data::addr`], which build nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// A type `domain` cannot read in presentation format (kept, not checked).
    Unread,
    A(std::net::Ipv4Addr),
    Aaaa(std::net::Ipv6Addr),
    Ns(DName),
    Cname(DName),
    Ptr(DName),
    Mx(u16, DName),
    /// Priority, weight, port, target.
    Srv(u16, u16, u16, DName),
    Other(Box<Rdata>),
}

impl Data {
    /// Stores `domain`'s typed data (`None`: a type it cannot read).
    pub fn new(data: Option<Rdata>) -> Data {
        let Some(d) = data else {
            return Data::Unread;
        };
        match d {
            ZoneRecordData::A(a) => Data::A(a.addr()),
            ZoneRecordData::Aaaa(a) => Data::Aaaa(a.addr()),
            ZoneRecordData::Ns(n) => Data::Ns(n.into_nsdname()),
            ZoneRecordData::Cname(n) => Data::Cname(n.into_cname()),
            ZoneRecordData::Ptr(n) => Data::Ptr(n.into_ptrdname()),
            ZoneRecordData::Mx(m) => Data::Mx(m.preference(), m.exchange().clone()),
            ZoneRecordData::Srv(s) => {
                Data::Srv(s.priority(), s.weight(), s.port(), s.target().clone())
            }
            other => Data::Other(Box::new(other)),
        }
    }

    /// The data as `domain`'s type (`None` for [`Data::Unread`]); built for the inline
    /// types, borrowed for the others.
    pub fn rdata(&self) -> Option<std::borrow::Cow<'_, Rdata>> {
        use domain::rdata::{Aaaa, Cname, Mx, Ns, Ptr, Srv, A};
        use std::borrow::Cow;
        Some(Cow::Owned(match self {
            Data::Unread => return None,
            Data::Other(d) => return Some(Cow::Borrowed(d)),
            Data::A(a) => ZoneRecordData::A(A::new(*a)),
            Data::Aaaa(a) => ZoneRecordData::Aaaa(Aaaa::new(*a)),
            Data::Ns(n) => ZoneRecordData::Ns(Ns::new(n.clone())),
            Data::Cname(n) => ZoneRecordData::Cname(Cname::new(n.clone())),
            Data::Ptr(n) => ZoneRecordData::Ptr(Ptr::new(n.clone())),
            Data::Mx(p, n) => ZoneRecordData::Mx(Mx::new(*p, n.clone())),
            Data::Srv(p, w, port, n) => ZoneRecordData::Srv(Srv::new(*p, *w, *port, n.clone())),
        }))
    }

    /// The data kept as `domain`'s type in a box (every type but the inline ones).
    pub fn boxed(&self) -> Option<&Rdata> {
        match self {
            Data::Other(d) => Some(d),
            _ => None,
        }
    }

    /// Whether `domain` read the data (see [`Data::Unread`]).
    pub fn is_read(&self) -> bool {
        !matches!(self, Data::Unread)
    }

    /// The name the record points at, as [`target`] tells it.
    pub fn target(&self) -> Option<&DName> {
        match self {
            Data::Ns(n) | Data::Cname(n) | Data::Ptr(n) | Data::Mx(_, n) | Data::Srv(.., n) => {
                Some(n)
            }
            Data::Other(d) => target(d),
            _ => None,
        }
    }

    /// The address of an A or AAAA record.
    pub fn addr(&self) -> Option<std::net::IpAddr> {
        match *self {
            Data::A(a) => Some(a.into()),
            Data::Aaaa(a) => Some(a.into()),
            _ => None,
        }
    }

    /// Whether the data is held inline (not boxed, not unread).
    pub fn is_inline(&self) -> bool {
        !matches!(self, Data::Unread | Data::Other(_))
    }

    /// Whether two records' data have the same canonical form (what comparing the
    /// output of [`Data::compose_canonical`] tells), for inline data only (`None`
    /// otherwise): without writing either out.
    pub fn same_canonical(&self, other: &Data) -> Option<bool> {
        let names = |a: &DName, b: &DName| a.as_slice().eq_ignore_ascii_case(b.as_slice());
        Some(match (self, other) {
            (Data::A(a), Data::A(b)) => a == b,
            (Data::Aaaa(a), Data::Aaaa(b)) => a == b,
            (Data::Ns(a), Data::Ns(b))
            | (Data::Cname(a), Data::Cname(b))
            | (Data::Ptr(a), Data::Ptr(b)) => names(a, b),
            (Data::Mx(p, a), Data::Mx(q, b)) => p == q && names(a, b),
            (Data::Srv(p, w, o, a), Data::Srv(q, x, r, b)) => (p, w, o) == (q, x, r) && names(a, b),
            _ => return None,
        })
    }

    /// Appends the wire form of the data as written (names uncompressed, case kept).
    pub fn compose_wire(&self, buf: &mut Vec<u8>) {
        use domain::base::rdata::ComposeRecordData;
        if let Some(d) = self.rdata() {
            // Infallible: a vector grows as needed.
            let _ = d.compose_rdata(buf);
        }
    }

    /// Appends the canonical wire form of the data (RFC 4034 §6.2: names in lower case),
    /// as `domain` writes it, without building its type for the inline ones.
    pub fn compose_canonical(&self, buf: &mut Vec<u8>) {
        use domain::base::rdata::ComposeRecordData;
        let name = |buf: &mut Vec<u8>, n: &DName| {
            buf.extend(n.as_slice().iter().map(u8::to_ascii_lowercase))
        };
        match self {
            Data::Unread => {}
            Data::A(a) => buf.extend_from_slice(&a.octets()),
            Data::Aaaa(a) => buf.extend_from_slice(&a.octets()),
            Data::Ns(n) | Data::Cname(n) | Data::Ptr(n) => name(buf, n),
            Data::Mx(p, n) => {
                buf.extend_from_slice(&p.to_be_bytes());
                name(buf, n)
            }
            Data::Srv(p, w, port, n) => {
                for v in [p, w, port] {
                    buf.extend_from_slice(&v.to_be_bytes());
                }
                name(buf, n)
            }
            // Infallible: a vector grows as needed.
            Data::Other(d) => {
                let start = buf.len();
                let _ = d.compose_canonical_rdata(buf);
                // Data `domain` keeps as octets: its names are lowercased here.
                if let ZoneRecordData::Unknown(u) = &**d {
                    super::extra_types::canonicalize(u.rtype(), &mut buf[start..]);
                }
            }
        }
    }
}

/// How the zone's origin was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginSource {
    /// `--origin` on the command line.
    CommandLine,
    /// A `$ORIGIN` before the first record.
    Directive,
    /// Derived from the file name.
    FileName,
    /// A mapping in `zonelint.toml`.
    Config,
    /// The `zone` statement of a named.conf that names the file.
    NamedConf,
}

/// One resource record.
#[derive(Clone, Debug)]
pub struct Record {
    pub owner: u32,
    pub rtype: Rtype,
    pub class: Class,
    pub ttl: u32,
    pub ttl_explicit: bool,
    /// The record data, compact (see [`Data`]).
    pub data: Data,
    pub file: FileId,
    /// The whole entry (for a `$GENERATE`d record: the directive).
    pub span: Span,
    /// The length of the owner field as written, which starts the entry (0 for a blank
    /// owner; the whole directive for a `$GENERATE`d record). A length, not a span:
    /// with it the record takes 184 bytes instead of 192.
    pub owner_len: u32,
    pub rdata_span: Span,
}

impl Record {
    /// The owner field as written (empty, at the line start, for a blank owner).
    pub fn owner_span(&self) -> Span {
        Span {
            start: self.span.start,
            end: self.span.start + self.owner_len,
        }
    }

    /// The owner as written, or the whole entry when the owner was left blank.
    pub fn owner_or_entry_span(&self) -> Span {
        if self.owner_len == 0 {
            self.span
        } else {
            self.owner_span()
        }
    }
}

/// A name written relative to the origin, as the operator wrote it. The reader keeps
/// only the ones a lost trailing dot could explain (with a dot inside, or under an
/// origin of one label): a lone label under a deeper origin is the everyday case.
#[derive(Clone, Debug)]
pub struct WrittenName {
    pub record: u32,
    /// The token (escapes included).
    pub span: Span,
    /// `None` for the owner, `Some(n)` for the n-th name in the record data.
    pub field: Option<u8>,
    /// The `$ORIGIN` in effect when it was read (an index into [`Zone::origins`]).
    pub origin: u32,
}

/// A zone: one apex, the records of its file and of the files it includes.
pub struct Zone {
    pub origin: DName,
    pub origin_source: OriginSource,
    pub class: Class,
    pub main_file: FileId,
    /// The main file and every file it includes.
    pub files: Vec<FileId>,
    pub owners: Vec<DName>,
    pub records: Vec<Record>,
    pub relative_names: Vec<WrittenName>,
    /// The origins in effect where relative names were written (see [`WrittenName`]):
    /// one entry per `$ORIGIN` stretch, not one name per written name.
    pub origins: Vec<DName>,
    /// Findings of the reader (syntax errors, include problems), by rule name.
    pub reader_findings: Vec<Diagnostic>,
    /// Records whose data did not parse: (owner, type). Rules that count records of a
    /// type stay quiet where one of them failed, to avoid a cascade after a syntax error.
    pub failed: Vec<(u32, Rtype)>,
    /// An included file could not be read: the zone's data is incomplete.
    pub incomplete: bool,
    /// The DNSSEC verification of the zone, computed once on first use.
    dnssec: std::sync::OnceLock<crate::dnssec::Analysis>,
    /// Comments that mention zonelint (suppressions), by file.
    pub directive_comments: Vec<(FileId, Span)>,
    /// The name in the named.conf `zone` statement that gave the origin.
    pub declared_at: Option<(FileId, Span)>,
    /// The named.conf statement loads a file written for another zone
    /// (`zone-origin-mismatch`): the other rules stay quiet on it.
    pub foreign_origin: bool,
    /// A file found by walking, with no SOA record, no zone statement and no zone-file
    /// name (hints, key files, `db.cache`): an `$INCLUDE` fragment or a file of another
    /// use, whose includer is elsewhere (or not found). Only how it is written is
    /// checked; the zone-level rules would judge it against a guessed origin.
    pub fragment: bool,
    /// A response-policy zone (named.conf's `response-policy`, or its content): see
    /// [`crate::zone::rpz`].
    pub rpz: bool,
    /// Owner ids by name. The table holds only the 4-byte ids (the names live in
    /// `owners`): on a zone with half a million owners a table of full keys no longer
    /// fits in the cache, and interning was a quarter of the run time.
    owner_ids: Vec<HashTable<u32>>,
    /// The hash of each owner entry (see [`name_hash`]) while reading, for
    /// [`Zone::join`], which frees them.
    owner_hashes: Vec<u64>,
    /// Record indices sorted by (owner, type, position).
    sorted: Vec<u32>,
    /// The type of each record of `sorted`, beside it: finding an RRset reads these two
    /// bytes, not the records (which are large and scattered).
    sorted_types: Vec<u16>,
    /// For owner id `i`, its records are `sorted[node_start[i]..node_start[i + 1]]`.
    node_start: Vec<u32>,
    /// Per owner: the nearest strict ancestor that is a zone cut (`NONE` if none).
    below_cut: Vec<u32>,
    /// Per owner: the nearest strict ancestor that owns a DNAME (`NONE` if none).
    below_dname: Vec<u32>,
    /// Owners (not the apex) with NS records: the delegations.
    pub cuts: Vec<u32>,
    /// Per owner: whether it is one of `cuts`.
    cut_flags: Vec<bool>,
    /// Some owner below the apex, not a delegation, has a DNAME.
    pub has_dname: bool,
    /// The apex has a DNAME.
    pub apex_dname: bool,
    /// Record indices by type, in file order: rules about one type read only its records.
    by_type: HashMap<u16, Vec<u32>>,
    /// Per record: the owner id of the name its data points at (NS, MX, CNAME, …), when
    /// that name is an owner of this zone; `NONE` otherwise. Resolved once, in parallel,
    /// so that the rules about targets do not each hash every target again.
    target_owner: Vec<u32>,
    /// Records whose target could be an IP address read as a name (see
    /// [`crate::names::may_be_ip_literal`]), in file order: noted in the pass that
    /// resolves the targets, so that `target-is-address` does not read every record
    /// with a target again (a cache miss each).
    ip_like_targets: Vec<u32>,
    /// Names that exist only because owners lie below them (lowercased wire form),
    /// computed on first use.
    empty_non_terminals: std::sync::OnceLock<std::collections::HashSet<Vec<u8>>>,
}

/// Shards of the owner table, so that it can be built in parallel. The shard comes from
/// middle bits of the hash: hashbrown uses the low bits for the bucket and the top seven
/// for its tag, and neither may lose entropy.
const SHARDS: usize = 16;

fn shard(h: u64) -> usize {
    ((h >> 32) & (SHARDS as u64 - 1)) as usize
}

/// One shard of the owner table being built by [`Zone::join`]: the table of first
/// entries, and for each later entry of a name already in it, (entry, first entry).
type ShardDedup = (HashTable<u32>, Vec<(u32, u32)>);

/// Dense slots for the record types of a zone, in order of first appearance: a table
/// for types below 256 (nearly all), a short list for the others. (A table over all
/// 65,536 types, filled and scanned per zone, cost more than reading a zone of ten
/// records: on a repository of 20,000 zones, most of the run.)
struct TypeSlots {
    low: [u16; 256],
    high: Vec<(u16, u16)>,
    types: Vec<u16>,
}

impl Default for TypeSlots {
    fn default() -> Self {
        TypeSlots {
            low: [u16::MAX; 256],
            high: Vec::new(),
            types: Vec::new(),
        }
    }
}

impl TypeSlots {
    /// The slot of a type, given the next free one if it is new.
    fn slot(&mut self, t: u16) -> usize {
        let found = match self.low.get(t as usize) {
            Some(&s) => (s != u16::MAX).then_some(s),
            None => self.high.iter().find(|h| h.0 == t).map(|h| h.1),
        };
        if let Some(s) = found {
            return s as usize;
        }
        let s = self.types.len() as u16;
        self.types.push(t);
        match self.low.get_mut(t as usize) {
            Some(l) => *l = s,
            None => self.high.push((t, s)),
        }
        s as usize
    }
}

/// "No owner" in the per-owner tables.
pub const NONE: u32 = u32::MAX;

/// The name a record points at (NS, MX, SRV, CNAME, DNAME, PTR, SVCB/HTTPS targets).
pub fn target(data: &Rdata) -> Option<&DName> {
    match data {
        ZoneRecordData::Ns(r) => Some(r.nsdname()),
        ZoneRecordData::Mx(r) => Some(r.exchange()),
        ZoneRecordData::Cname(r) => Some(r.cname()),
        ZoneRecordData::Dname(r) => Some(r.dname()),
        ZoneRecordData::Ptr(r) => Some(r.ptrdname()),
        ZoneRecordData::Srv(r) => Some(r.target()),
        ZoneRecordData::Svcb(r) => Some(r.target()),
        ZoneRecordData::Https(r) => Some(r.target()),
        _ => None,
    }
}

impl Zone {
    pub fn new(origin: DName, origin_source: OriginSource, main_file: FileId) -> Zone {
        Zone {
            origin,
            origin_source,
            class: Class::IN,
            main_file,
            files: vec![main_file],
            owners: Vec::new(),
            records: Vec::new(),
            relative_names: Vec::new(),
            origins: Vec::new(),
            reader_findings: Vec::new(),
            failed: Vec::new(),
            incomplete: false,
            directive_comments: Vec::new(),
            declared_at: None,
            foreign_origin: false,
            fragment: false,
            rpz: false,
            dnssec: std::sync::OnceLock::new(),
            owner_ids: (0..SHARDS).map(|_| HashTable::new()).collect(),
            owner_hashes: Vec::new(),
            sorted: Vec::new(),
            sorted_types: Vec::new(),
            node_start: Vec::new(),
            below_cut: Vec::new(),
            below_dname: Vec::new(),
            cuts: Vec::new(),
            cut_flags: Vec::new(),
            has_dname: false,
            apex_dname: false,
            by_type: HashMap::new(),
            target_owner: Vec::new(),
            ip_like_targets: Vec::new(),
            empty_non_terminals: std::sync::OnceLock::new(),
        }
    }

    /// Adds an owner entry (the reader, when the owner changes from one record to the
    /// next): [`Zone::join`] interns them.
    pub fn push_owner(&mut self, name: DName) -> u32 {
        self.owner_hashes.push(name_hash(&name));
        self.owners.push(name);
        self.owners.len() as u32 - 1
    }

    fn find_owner(&self, h: u64, name: &DName) -> Option<u32> {
        self.find_wire(h, name.as_slice())
    }

    fn find_wire(&self, h: u64, wire: &[u8]) -> Option<u32> {
        let eq = |&id: &u32| {
            self.owners[id as usize]
                .as_slice()
                .eq_ignore_ascii_case(wire)
        };
        self.owner_ids[shard(h)].find(h, eq).copied()
    }

    /// The owner id of a name given in wire form.
    pub fn owner_id_wire(&self, wire: &[u8]) -> Option<u32> {
        self.find_wire(crate::names::wire_hash(wire), wire)
    }

    /// Joins the zones read from consecutive parts of one file (or the one zone of a
    /// file read whole) into one, and interns the owners.
    ///
    /// The reader does not look names up: it adds an owner entry each time the owner
    /// changes from one record to the next. Here the entries of all parts, in file order,
    /// are de-duplicated in one pass per shard of the owner table (the shards in
    /// parallel): each entry is looked up once, in the table it ends up in, and the
    /// table is the zone's owner table. Owner ids are then given in order of first
    /// appearance in the file. Deterministic whatever the thread count.
    ///
    /// (Before, each part interned its owners in a table of its own while reading, and
    /// the join looked every owner up again in the tables of all the parts before it:
    /// on the 1M-record benchmark zone read in eight parts, 2.8 million lookups instead
    /// of 0.64 million.)
    pub fn join(mut parts: Vec<Zone>) -> Zone {
        use rayon::prelude::*;
        // Entry `g` of the whole file: part `k` = the last offset at or below `g`.
        let mut offsets = Vec::with_capacity(parts.len() + 1);
        offsets.push(0u32);
        for p in &parts {
            offsets.push(offsets[offsets.len() - 1] + p.owners.len() as u32);
        }
        let entries = offsets[parts.len()] as usize;
        let locate = |g: u32| {
            let k = offsets.partition_point(|&o| o <= g) - 1;
            (k, (g - offsets[k]) as usize)
        };
        // The entries of each shard, in file order.
        let bucketed: Vec<Vec<Vec<u32>>> = parts
            .par_iter()
            .zip(&offsets)
            .map(|(p, &off)| {
                let mut b = vec![Vec::new(); SHARDS];
                for (j, &h) in p.owner_hashes.iter().enumerate() {
                    b[shard(h)].push(off + j as u32);
                }
                b
            })
            .collect();
        let by_shard: Vec<Vec<u32>> = (0..SHARDS)
            .map(|s| bucketed.iter().flat_map(|b| b[s].iter().copied()).collect())
            .collect();
        drop(bucketed);
        // Each shard: a table of the first entries, and for every later entry the first.
        let parts_ref = &parts;
        let name = |g: u32| {
            let (k, j) = locate(g);
            (&parts_ref[k].owners[j], parts_ref[k].owner_hashes[j])
        };
        let shards: Vec<ShardDedup> = by_shard
            .into_par_iter()
            .map(|gs| {
                let mut table = HashTable::with_capacity(gs.len());
                let mut later = Vec::new();
                for g in gs {
                    let (n, h) = name(g);
                    let eq = |&f: &u32| name(f).0.as_slice().eq_ignore_ascii_case(n.as_slice());
                    match table.find(h, eq) {
                        Some(&f) => later.push((g, f)),
                        None => {
                            table.insert_unique(h, g, |&f| name(f).1);
                        }
                    }
                }
                (table, later)
            })
            .collect();
        let mut first: Vec<u32> = (0..entries as u32).collect();
        for (_, later) in &shards {
            for &(g, f) in later {
                first[g as usize] = f;
            }
        }
        // Final ids in order of first appearance (a first entry comes before its
        // repeats, so its id is known when they are reached).
        let mut final_id = vec![0u32; entries];
        let mut next = 0u32;
        for g in 0..entries {
            let f = first[g] as usize;
            if f == g {
                final_id[g] = next;
                next += 1;
            } else {
                final_id[g] = final_id[f];
            }
        }
        // The names of the first entries move to the zone's owner list (a clone of a
        // `Bytes` made from a vector would allocate): each part keeps only its first
        // entries, in place, the parts in parallel; then they are moved, in parallel,
        // into room reserved once. (One serial loop over the names cost 12 ms of the
        // 1M-record zone.)
        parts.par_iter_mut().zip(&offsets).for_each(|(p, &off)| {
            let mut g = off as usize;
            p.owners.retain(|_| {
                g += 1;
                first[g - 1] as usize == g - 1
            });
            p.owner_hashes = Vec::new();
        });
        drop(first);
        let mut owners = std::mem::take(&mut parts[0].owners);
        owners.reserve_exact(next as usize - owners.len());
        for p in parts.iter_mut().skip(1) {
            owners.par_extend(std::mem::take(&mut p.owners).into_par_iter());
        }
        debug_assert_eq!(owners.len(), next as usize);
        let tables: Vec<HashTable<u32>> = shards
            .into_par_iter()
            .map(|(mut t, _)| {
                for e in t.iter_mut() {
                    *e = final_id[*e as usize];
                }
                t
            })
            .collect();
        let maps: Vec<&[u32]> = (0..parts.len())
            .map(|k| &final_id[offsets[k] as usize..offsets[k + 1] as usize])
            .collect();
        // Records, names as written, findings: shifted and remapped part by part, into
        // one vector sized once.
        let total: usize = parts.iter().map(|p| p.records.len()).sum();
        let mut base = parts.remove(0);
        let map0 = maps[0];
        let mut records = std::mem::take(&mut base.records);
        records.reserve_exact(total - records.len());
        records
            .par_iter_mut()
            .for_each(|r| r.owner = map0[r.owner as usize]);
        for f in base.failed.iter_mut() {
            f.0 = map0[f.0 as usize];
        }
        for (p, map) in parts.into_iter().zip(maps.into_iter().skip(1)) {
            let shift = records.len() as u32;
            let start = records.len();
            // Moved and remapped in one parallel pass, straight into the reserved room.
            records.par_extend(p.records.into_par_iter().map(|mut r| {
                r.owner = map[r.owner as usize];
                r
            }));
            let origin_shift = base.origins.len() as u32;
            base.origins.extend(p.origins);
            base.relative_names
                .extend(p.relative_names.into_iter().map(|mut w| {
                    w.record += shift;
                    w.origin += origin_shift;
                    w
                }));
            base.reader_findings.extend(p.reader_findings);
            base.failed
                .extend(p.failed.into_iter().map(|(o, t)| (map[o as usize], t)));
            base.incomplete |= p.incomplete;
            base.directive_comments.extend(p.directive_comments);
            if p.class != base.class && !records[start..].is_empty() {
                let first = &records[start];
                base.reader_findings.push(
                    Diagnostic::new(
                        crate::zone::parser::SYNTAX,
                        first.file,
                        first.span,
                        format!(
                            "record class {} differs from the zone's class {}",
                            p.class, base.class
                        ),
                    )
                    .help("all records of a zone have the class of its first record"),
                );
            }
        }
        base.records = records;
        base.owners = owners;
        base.owner_ids = tables;
        base
    }

    /// Builds the RRset index; call once after the last record is added.
    ///
    /// A counting sort by owner (owners are dense ids), then a sort by type inside each
    /// owner's few records: linear in the number of records.
    pub fn build_index(&mut self) {
        let recs = &self.records;
        // Two passes over the records: count per owner and per type, then place each
        // record in its owner's node and its type's list (each list sized exactly).
        let mut node_start = vec![0u32; self.owners.len() + 1];
        let mut slots = TypeSlots::default();
        let mut type_count: Vec<u32> = Vec::new();
        for r in recs {
            node_start[r.owner as usize + 1] += 1;
            let slot = slots.slot(r.rtype.to_int());
            if slot == type_count.len() {
                type_count.push(0);
            }
            type_count[slot] += 1;
        }
        for i in 1..node_start.len() {
            node_start[i] += node_start[i - 1];
        }
        let mut lists: Vec<(u16, Vec<u32>)> = slots
            .types
            .iter()
            .zip(&type_count)
            .map(|(&t, &n)| (t, Vec::with_capacity(n as usize)))
            .collect();
        // Each record's type is placed beside its index, so that neither the sort of a
        // node nor `sorted_types` goes back to the records (a cache miss each: the
        // records of one owner are scattered over the file).
        let mut fill = node_start.clone();
        let mut sorted = vec![0u32; recs.len()];
        let mut sorted_types = vec![0u16; recs.len()];
        for (i, r) in recs.iter().enumerate() {
            let slot = &mut fill[r.owner as usize];
            let t = r.rtype.to_int();
            sorted[*slot as usize] = i as u32;
            sorted_types[*slot as usize] = t;
            *slot += 1;
            lists[slots.slot(t)].1.push(i as u32);
        }
        drop(fill);
        let mut pairs: Vec<(u16, u32)> = Vec::new();
        for w in node_start.windows(2) {
            let (s, e) = (w[0] as usize, w[1] as usize);
            let types = &mut sorted_types[s..e];
            if types.is_sorted() {
                continue;
            }
            // Stable: records of one RRset stay in file order.
            let node = &mut sorted[s..e];
            pairs.clear();
            pairs.extend(types.iter().copied().zip(node.iter().copied()));
            pairs.sort_by_key(|p| p.0);
            for ((t, i), (pt, pi)) in types.iter_mut().zip(node.iter_mut()).zip(&pairs) {
                (*t, *i) = (*pt, *pi);
            }
        }
        self.sorted_types = sorted_types;
        self.sorted = sorted;
        self.node_start = node_start;
        self.by_type = lists.into_iter().collect();
        {
            use rayon::prelude::*;
            let (target_owner, ip_like): (Vec<u32>, Vec<bool>) = self
                .records
                .par_iter()
                .map(|r| match r.data.target() {
                    Some(t) => (
                        self.owner_id(t).unwrap_or(NONE),
                        crate::names::may_be_ip_literal(t.as_slice()),
                    ),
                    None => (NONE, false),
                })
                .unzip();
            self.target_owner = target_owner;
            self.ip_like_targets = (0..ip_like.len() as u32)
                .filter(|&i| ip_like[i as usize])
                .collect();
        }
        self.build_cuts();
    }

    /// The records of one type, in file order.
    pub fn of_type(&self, rtype: Rtype) -> impl Iterator<Item = &Record> + '_ {
        self.type_index(rtype)
            .iter()
            .map(|&i| &self.records[i as usize])
    }

    /// The owner id of the name record `i` points at, if it is an owner of this zone.
    pub fn target_owner(&self, i: u32) -> Option<u32> {
        Some(self.target_owner[i as usize]).filter(|&o| o != NONE)
    }

    /// Records whose target could be an IP literal (a superset of those
    /// `target-is-address` reports), in file order.
    pub fn ip_like_targets(&self) -> &[u32] {
        &self.ip_like_targets
    }

    /// Indices of the records of one type, in file order.
    pub fn type_index(&self, rtype: Rtype) -> &[u32] {
        self.by_type.get(&rtype.to_int()).map_or(&[], Vec::as_slice)
    }

    /// The records of several types, type by type (file order within a type).
    pub fn of_types<'a>(&'a self, types: &'a [Rtype]) -> impl Iterator<Item = &'a Record> + 'a {
        types.iter().flat_map(move |t| self.of_type(*t))
    }

    /// Finds the delegations and, for every owner, the cut and the DNAME above it.
    fn build_cuts(&mut self) {
        let n = self.owners.len();
        let apex = self.apex_id();
        // Owners with NS and DNAME, from the type index (not a lookup per owner).
        let mut is_cut = vec![false; n];
        let mut has_dname = vec![false; n];
        for &i in self.type_index(Rtype::NS) {
            let o = self.records[i as usize].owner;
            is_cut[o as usize] = Some(o) != apex;
        }
        for &i in self.type_index(Rtype::DNAME) {
            let o = self.records[i as usize].owner;
            // A DNAME redirects (and hides) the names below it, unless it stands at a
            // delegation (the cut wins, the DNAME is occluded) or at the apex (BIND
            // serves the apex DNAME and tolerates the occluded data below it).
            has_dname[o as usize] = !is_cut[o as usize] && Some(o) != apex;
        }
        self.apex_dname = apex.is_some_and(|a| !self.rrset(a, Rtype::DNAME).is_empty());
        self.cuts = (0..n as u32).filter(|&i| is_cut[i as usize]).collect();
        self.has_dname = has_dname.iter().any(|&d| d);
        self.below_cut = vec![NONE; n];
        self.below_dname = vec![NONE; n];
        if self.cuts.is_empty() && !self.has_dname && !self.apex_dname {
            self.cut_flags = is_cut;
            return;
        }
        // For every owner two or more labels below the apex (those right below it, most
        // of a flat zone, have the apex as parent and nothing to look up): the nearest
        // ancestor that is an owner, found on suffixes of the wire form (no name is
        // built), in parallel. Then parents before children, by label count.
        use rayon::prelude::*;
        let origin = self.origin.as_slice();
        let mut order: Vec<(u32, u32, u32)> = (0..n as u32)
            .into_par_iter()
            .filter_map(|id| {
                let w = self.owners[id as usize].as_slice();
                // Ancestors inside the zone, nearest first, and the label count.
                let mut i = 1 + w[0] as usize;
                let mut depth = 1u32;
                let mut parent = None;
                while w.len() - i > origin.len() {
                    if parent.is_none() {
                        parent = self.owner_id_wire(&w[i..]);
                    }
                    i += 1 + w[i] as usize;
                    depth += 1;
                }
                // Outside the zone, or right below the apex: nothing to record.
                if w.len() - i != origin.len() || !w[i..].eq_ignore_ascii_case(origin) || depth < 2
                {
                    return None;
                }
                parent.map(|p| (depth, id, p))
            })
            .collect();
        order.sort_unstable();
        for (_, id, pid) in order {
            let pu = pid as usize;
            self.below_cut[id as usize] = if is_cut[pu] { pid } else { self.below_cut[pu] };
            self.below_dname[id as usize] = if has_dname[pu] {
                pid
            } else {
                self.below_dname[pu]
            };
        }
        self.cut_flags = is_cut;
    }

    /// The nearest cut strictly above an owner.
    pub fn below_cut(&self, owner: u32) -> Option<u32> {
        Some(self.below_cut[owner as usize]).filter(|&c| c != NONE)
    }

    /// The nearest DNAME owner strictly above an owner.
    pub fn below_dname(&self, owner: u32) -> Option<u32> {
        Some(self.below_dname[owner as usize]).filter(|&c| c != NONE)
    }

    /// Whether an owner is a delegation point.
    pub fn is_cut(&self, owner: u32) -> bool {
        self.cut_flags[owner as usize]
    }

    /// For any name (an owner or not): the nearest owner at or above it, inside the
    /// zone, and whether the name itself is that owner.
    pub fn closest_owner(&self, name: &DName) -> Option<(u32, bool)> {
        if !self.contains(name) {
            return None;
        }
        if let Some(id) = self.owner_id(name) {
            return Some((id, true));
        }
        let mut p = name.parent();
        while let Some(par) = p {
            if par.label_count() < self.origin.label_count() {
                return None;
            }
            if let Some(id) = self.owner_id(&par) {
                return Some((id, false));
            }
            p = par.parent();
        }
        None
    }

    /// RFC 4592 §3.3.1: the longest existing ancestor of a name that does not exist
    /// (an owner or an empty non-terminal), inside the zone.
    pub fn closest_encloser(&self, name: &DName) -> Option<DName> {
        let mut p = name.parent();
        while let Some(par) = p {
            if par.label_count() < self.origin.label_count() {
                return None;
            }
            if self.name_exists(&par) {
                return Some(par);
            }
            p = par.parent();
        }
        None
    }

    /// The cut a name lies at or below (`None`: the zone is authoritative for it).
    pub fn cut_for_name(&self, name: &DName) -> Option<u32> {
        let (id, exact) = self.closest_owner(name)?;
        if self.is_cut(id) && (exact || Some(id) != self.apex_id()) {
            return Some(id);
        }
        self.below_cut(id)
    }

    /// The DNAME owner a name lies strictly below.
    pub fn dname_above(&self, name: &DName) -> Option<u32> {
        if !self.has_dname {
            return None;
        }
        let (id, exact) = self.closest_owner(name)?;
        if !exact && !self.rrset(id, Rtype::DNAME).is_empty() {
            return Some(id);
        }
        self.below_dname(id)
    }

    /// Whether a name exists in the zone: it owns records, or it is an empty
    /// non-terminal (some owner lies below it).
    pub fn name_exists(&self, name: &DName) -> bool {
        if self.owner_id(name).is_some() {
            return true;
        }
        let ents = self.empty_non_terminals.get_or_init(|| {
            let mut set = std::collections::HashSet::new();
            for o in &self.owners {
                let mut p = o.parent();
                while let Some(par) = p {
                    if par.label_count() <= self.origin.label_count()
                        || self.owner_id(&par).is_some()
                    {
                        break;
                    }
                    if !set.insert(par.as_slice().to_ascii_lowercase()) {
                        break;
                    }
                    p = par.parent();
                }
            }
            set
        });
        ents.contains(&name.as_slice().to_ascii_lowercase())
    }

    /// The records of a type at a name, or at the wildcard that covers it.
    pub fn rrset_or_wildcard(&self, name: &DName, rtype: Rtype) -> &[u32] {
        let direct = self.rrset_of(name, rtype);
        if !direct.is_empty() || self.owner_id(name).is_some() {
            return direct;
        }
        // RFC 4592: the closest encloser's wildcard child.
        let Some(enc) = self.closest_encloser(name) else {
            return &[];
        };
        let wild = crate::names::wildcard_child(&enc);
        match wild {
            Some(w) => self.rrset_of(&w, rtype),
            None => &[],
        }
    }

    /// Reserves room for about `n` records (sized from the file length).
    pub fn reserve(&mut self, n: usize) {
        self.records.reserve(n);
        self.owners.reserve(n / 2);
        self.owner_hashes.reserve(n / 2);
    }

    pub fn owner_name(&self, rec: &Record) -> &DName {
        &self.owners[rec.owner as usize]
    }

    pub fn owner_id(&self, name: &DName) -> Option<u32> {
        self.find_owner(name_hash(name), name)
    }

    pub fn apex_id(&self) -> Option<u32> {
        self.owner_id(&self.origin)
    }

    /// Record indices at an owner, sorted by type.
    pub fn node(&self, owner: u32) -> &[u32] {
        let s = self.node_start[owner as usize] as usize;
        let e = self.node_start[owner as usize + 1] as usize;
        &self.sorted[s..e]
    }

    /// The types of the records of [`Zone::node`], in the same order.
    fn node_types(&self, owner: u32) -> &[u16] {
        let s = self.node_start[owner as usize] as usize;
        let e = self.node_start[owner as usize + 1] as usize;
        &self.sorted_types[s..e]
    }

    /// The RRsets at an owner: (type, record indices).
    pub fn rrsets_at(&self, owner: u32) -> impl Iterator<Item = (Rtype, &[u32])> + '_ {
        let node = self.node(owner);
        let types = self.node_types(owner);
        let mut i = 0;
        std::iter::from_fn(move || {
            if i >= node.len() {
                return None;
            }
            let t = types[i];
            let start = i;
            while i < node.len() && types[i] == t {
                i += 1;
            }
            Some((Rtype::from_int(t), &node[start..i]))
        })
    }

    /// The records of one RRset.
    pub fn rrset(&self, owner: u32, rtype: Rtype) -> &[u32] {
        let node = self.node(owner);
        let types = self.node_types(owner);
        let key = rtype.to_int();
        let lo = types.partition_point(|&t| t < key);
        let hi = lo + types[lo..].partition_point(|&t| t <= key);
        &node[lo..hi]
    }

    /// The RRset of a name, if the name is an owner of this zone.
    pub fn rrset_of(&self, name: &DName, rtype: Rtype) -> &[u32] {
        match self.owner_id(name) {
            Some(id) => self.rrset(id, rtype),
            None => &[],
        }
    }

    /// Whether `name` is the origin or below it.
    pub fn contains(&self, name: &DName) -> bool {
        crate::names::ends_with(name, &self.origin)
    }

    /// The DNSSEC view of the zone: every signature verified (once, in parallel).
    pub fn dnssec(&self) -> &crate::dnssec::Analysis {
        self.dnssec.get_or_init(|| crate::dnssec::analyse(self))
    }

    /// The DNSSEC view if it was computed (for statistics: asking must not verify).
    pub fn dnssec_done(&self) -> Option<&crate::dnssec::Analysis> {
        self.dnssec.get()
    }

    /// The apex SOA record and its data (the first one, if there are several).
    pub fn apex_soa(&self) -> Option<(&Record, &domain::rdata::Soa<DName>)> {
        let r = self.record(*self.rrset_of(&self.origin, Rtype::SOA).first()?);
        match r.data.boxed() {
            Some(ZoneRecordData::Soa(soa)) => Some((r, soa)),
            _ => None,
        }
    }

    /// The owners with a record that failed to parse (built once by the caller; a zone
    /// with many syntax errors would make a per-name scan of [`Zone::failed`] quadratic).
    pub fn failed_owners(&self) -> std::collections::HashSet<u32> {
        self.failed.iter().map(|&(o, _)| o).collect()
    }

    /// Whether a record of this type at the apex failed to parse, or an include failed
    /// (so the type may be in the part that was not read).
    pub fn apex_failed(&self, rtype: Rtype) -> bool {
        if self.incomplete {
            return true;
        }
        let apex = self.apex_id();
        self.failed
            .iter()
            .any(|&(o, t)| t == rtype && Some(o) == apex)
    }

    pub fn record(&self, i: u32) -> &Record {
        &self.records[i as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::base::rdata::ComposeRecordData;

    /// Each case read by the zone reader (in one zone, in order).
    fn read_all() -> Vec<Rdata> {
        let mut text = String::new();
        for (t, d) in CASES {
            text += &format!("@ IN {t} {d}\n");
        }
        let zone = read_text(&text);
        let mut recs: Vec<&Record> = zone.records.iter().collect();
        recs.sort_by_key(|r| r.span.start);
        assert_eq!(recs.len(), CASES.len());
        recs.iter()
            .map(|r| r.data.rdata().unwrap().into_owned())
            .collect()
    }

    /// A zone read from text (origin `example.org.`, TTL 60), without reader findings.
    fn read_text(records: &str) -> Zone {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("example.org.zone");
        let text = format!("$ORIGIN example.org.\n$TTL 60\n{records}");
        std::fs::write(&path, text).unwrap();
        let tree = crate::tree::Tree::new(dir.path().into(), dir.path().into());
        let (id, res) = tree.read(&path);
        res.unwrap();
        let origin: DName = "example.org.".parse().unwrap();
        let zone = crate::zone::parser::read_zone(&tree, id, origin, OriginSource::CommandLine);
        let findings = &zone.reader_findings;
        assert!(findings.is_empty(), "{findings:?}");
        zone
    }

    /// The type index holds types above 255 (CAA, private types) as it does the rest.
    #[test]
    fn type_index_covers_types_above_255() {
        let zone = read_text(concat!(
            "a IN A 192.0.2.1\na IN CAA 0 issue \"ca.example\"\n",
            "b IN TYPE65280 \\# 0\nc IN CAA 0 iodef \"mailto:x@example.org\"\nc IN A 192.0.2.2\n",
        ));
        let t = |n: u16| zone.type_index(Rtype::from_int(n)).to_vec();
        assert_eq!(
            (t(1), t(257), t(65280), t(28)),
            (vec![0, 4], vec![1, 3], vec![2], vec![])
        );
        let c = zone.owner_id(&"c.example.org.".parse().unwrap()).unwrap();
        assert_eq!(zone.rrset(c, Rtype::CAA), [3]);
    }

    /// The reader's shortcut for addresses in one plain token and `domain`'s scanner
    /// (quoted and escaped tokens) read the same address.
    #[test]
    fn addresses_read_alike_plain_quoted_and_escaped() {
        let zone = read_text(concat!(
            "a IN A 192.0.2.1\nb IN A \"192.0.2.1\"\nc IN A 192.0.2.\\049\n",
            "d IN AAAA 2001:db8::1\ne IN AAAA \"2001:DB8::1\"\nf IN AAAA 2001:db8::\\049\n",
        ));
        let v4: std::net::Ipv4Addr = "192.0.2.1".parse().unwrap();
        let v6: std::net::Ipv6Addr = "2001:db8::1".parse().unwrap();
        let got: Vec<_> = zone.records.iter().map(|r| r.data.clone()).collect();
        let want = [vec![Data::A(v4); 3], vec![Data::Aaaa(v6); 3]].concat();
        assert_eq!(got, want);
    }

    const CASES: &[(Rtype, &str)] = &[
        (Rtype::A, "192.0.2.1"),
        (Rtype::AAAA, "2001:db8::1"),
        (Rtype::NS, "NS1.Example.org."),
        (Rtype::CNAME, "Www"),
        (Rtype::PTR, "Host.EXAMPLE.net."),
        (Rtype::MX, "10 Mail"),
        (Rtype::SRV, "10 20 5060 SIP.example.org."),
        (Rtype::TXT, "\"v=spf1 -all\""),
        (Rtype::SOA, "ns1 hostmaster 1 2 3 4 5"),
        (
            Rtype::DS,
            "12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ),
    ];

    #[test]
    fn compact_data_reads_back_as_domain_wrote_it() {
        for (&(rtype, text), rd) in CASES.iter().zip(read_all()) {
            let data = Data::new(Some(rd.clone()));
            assert_eq!(data.rdata().as_deref(), Some(&rd), "{rtype} {text}");
            assert_eq!(data.target(), target(&rd), "{rtype} {text}");
            let mut ours = Vec::new();
            data.compose_canonical(&mut ours);
            let mut theirs = Vec::new();
            rd.compose_canonical_rdata(&mut theirs).unwrap();
            assert_eq!(ours, theirs, "{rtype} {text}");
        }
        assert_eq!(Data::new(None).rdata(), None);
        assert!(!Data::new(None).is_read());
    }

    #[test]
    fn inline_types_are_inline_and_records_stay_small() {
        for (&(rtype, _), rd) in CASES.iter().zip(read_all()) {
            let inline = matches!(
                rtype,
                Rtype::A
                    | Rtype::AAAA
                    | Rtype::NS
                    | Rtype::CNAME
                    | Rtype::PTR
                    | Rtype::MX
                    | Rtype::SRV
            );
            // `boxed()` serves the types the rules match on as `domain`'s data (SOA, TXT,
            // DS, DNSKEY, RRSIG, NSEC, NSEC3, ZONEMD, SVCB): they must not be inline.
            assert_eq!(Data::new(Some(rd)).boxed().is_none(), inline, "{rtype}");
        }
        assert!(
            std::mem::size_of::<Record>() <= 80,
            "{}",
            std::mem::size_of::<Record>()
        );
    }

    /// `same_canonical` tells what comparing the canonical forms tells, for every pair
    /// of inline data (names differing only in case, and in one field), and nothing
    /// for boxed or unread data.
    #[test]
    fn same_canonical_agrees_with_the_canonical_forms() {
        let zone = read_text(concat!(
            "a A 192.0.2.1\na A 192.0.2.2\nb AAAA 2001:db8::1\nb AAAA 2001:DB8:0::1\n",
            "c NS ns1\nc NS NS1\nc NS ns2\nd CNAME x\ne PTR x.example.org.\ne PTR X\n",
            "f MX 10 m\nf MX 20 m\nf MX 10 M\nf MX 10 n\n",
            "g SRV 0 5 5060 s\ng SRV 0 5 5060 S\ng SRV 0 5 5061 s\ng SRV 1 5 5060 s\n",
            "g SRV 0 6 5060 s\nh TXT \"x\"\n",
        ));
        let canonical = |d: &Data| {
            let mut buf = Vec::new();
            d.compose_canonical(&mut buf);
            buf
        };
        let datas: Vec<&Data> = zone.records.iter().map(|r| &r.data).collect();
        let mut equal_pairs = 0;
        for a in &datas {
            for b in &datas {
                let same = a.same_canonical(b);
                let kind = std::mem::discriminant(*a) == std::mem::discriminant(*b);
                if a.is_inline() && b.is_inline() && kind {
                    assert_eq!(same, Some(canonical(a) == canonical(b)), "{a:?} {b:?}");
                    equal_pairs += usize::from(same == Some(true));
                } else {
                    assert_eq!(same, None, "{a:?} {b:?}");
                }
            }
        }
        // Each record with itself, and the five pairs written twice (both ways).
        assert_eq!(equal_pairs, datas.len() - 1 + 2 * 5);
    }
}
