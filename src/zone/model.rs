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

/// A domain name with shared octets.
pub type DName = Name<Bytes>;
/// Typed record data as `domain` parses it.
pub type Rdata = ZoneRecordData<Bytes, DName>;

/// How the zone's origin was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginSource {
    /// `--origin` on the command line.
    CommandLine,
    /// A `$ORIGIN` before the first record.
    Directive,
    /// Derived from the file name.
    FileName,
    /// A named.conf `zone` statement.
    Config,
}

/// One resource record.
#[derive(Clone, Debug)]
pub struct Record {
    pub owner: u32,
    pub rtype: Rtype,
    pub class: Class,
    pub ttl: u32,
    pub ttl_explicit: bool,
    /// `None` for types `domain` cannot read in presentation format (kept, not checked).
    pub data: Option<Rdata>,
    pub file: FileId,
    /// The whole entry (for a `$GENERATE`d record: the directive).
    pub span: Span,
    /// The owner field as written (empty, at the line start, for a blank owner).
    pub owner_span: Span,
    pub rdata_span: Span,
    pub generated: bool,
}

/// A name written relative to the origin, as the operator wrote it.
#[derive(Clone, Debug)]
pub struct WrittenName {
    pub record: u32,
    /// The token (escapes included).
    pub span: Span,
    /// `None` for the owner, `Some(n)` for the n-th name in the record data.
    pub field: Option<u8>,
    /// The `$ORIGIN` in effect when it was read.
    pub origin: DName,
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
    /// Findings of the reader (syntax errors, include problems), by rule name.
    pub reader_findings: Vec<Diagnostic>,
    /// Records whose data did not parse: (owner, type). Rules that count records of a
    /// type stay quiet where one of them failed, to avoid a cascade after a syntax error.
    pub failed: Vec<(u32, Rtype)>,
    /// An included file could not be read: the zone's data is incomplete.
    pub incomplete: bool,
    /// Owner ids by name. The table holds only the 4-byte ids (the names live in
    /// `owners`): on a zone with half a million owners a table of full keys no longer
    /// fits in the cache, and interning was a quarter of the run time.
    owner_ids: HashTable<u32>,
    /// Record indices sorted by (owner, type, position).
    sorted: Vec<u32>,
    /// For owner id `i`, its records are `sorted[node_start[i]..node_start[i + 1]]`.
    node_start: Vec<u32>,
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
            reader_findings: Vec::new(),
            failed: Vec::new(),
            incomplete: false,
            owner_ids: HashTable::new(),
            sorted: Vec::new(),
            node_start: Vec::new(),
        }
    }

    /// Interns an owner name.
    pub fn intern(&mut self, name: DName) -> u32 {
        let h = name_hash(&name);
        let owners = &self.owners;
        let eq = |&id: &u32| {
            owners[id as usize]
                .as_slice()
                .eq_ignore_ascii_case(name.as_slice())
        };
        if let Some(&id) = self.owner_ids.find(h, eq) {
            return id;
        }
        let id = self.owners.len() as u32;
        let owners = &self.owners;
        self.owner_ids
            .insert_unique(h, id, |&i| name_hash(&owners[i as usize]));
        self.owners.push(name);
        id
    }

    /// Builds the RRset index; call once after the last record is added.
    ///
    /// A counting sort by owner (owners are dense ids), then a sort by type inside each
    /// owner's few records: linear in the number of records.
    pub fn build_index(&mut self) {
        let recs = &self.records;
        let mut node_start = vec![0u32; self.owners.len() + 1];
        for r in recs {
            node_start[r.owner as usize + 1] += 1;
        }
        for i in 1..node_start.len() {
            node_start[i] += node_start[i - 1];
        }
        let mut fill = node_start.clone();
        let mut sorted = vec![0u32; recs.len()];
        for (i, r) in recs.iter().enumerate() {
            let slot = &mut fill[r.owner as usize];
            sorted[*slot as usize] = i as u32;
            *slot += 1;
        }
        for w in node_start.windows(2) {
            let node = &mut sorted[w[0] as usize..w[1] as usize];
            if node.len() > 1 {
                // Stable: records of one RRset stay in file order.
                node.sort_by_key(|&i| recs[i as usize].rtype.to_int());
            }
        }
        self.sorted = sorted;
        self.node_start = node_start;
    }

    /// Reserves room for about `n` records (sized from the file length).
    pub fn reserve(&mut self, n: usize) {
        self.records.reserve(n);
        self.owners.reserve(n / 2);
        let owners = &self.owners;
        self.owner_ids
            .reserve(n / 2, |&i| name_hash(&owners[i as usize]));
    }

    pub fn owner_name(&self, rec: &Record) -> &DName {
        &self.owners[rec.owner as usize]
    }

    pub fn owner_id(&self, name: &DName) -> Option<u32> {
        let eq = |&id: &u32| {
            self.owners[id as usize]
                .as_slice()
                .eq_ignore_ascii_case(name.as_slice())
        };
        self.owner_ids.find(name_hash(name), eq).copied()
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

    /// The RRsets at an owner: (type, record indices).
    pub fn rrsets_at(&self, owner: u32) -> impl Iterator<Item = (Rtype, &[u32])> + '_ {
        let node = self.node(owner);
        let mut i = 0;
        std::iter::from_fn(move || {
            if i >= node.len() {
                return None;
            }
            let t = self.records[node[i] as usize].rtype;
            let start = i;
            while i < node.len() && self.records[node[i] as usize].rtype == t {
                i += 1;
            }
            Some((t, &node[start..i]))
        })
    }

    /// The records of one RRset.
    pub fn rrset(&self, owner: u32, rtype: Rtype) -> &[u32] {
        let node = self.node(owner);
        let key = rtype.to_int();
        let lo = node.partition_point(|&i| self.records[i as usize].rtype.to_int() < key);
        let hi = node.partition_point(|&i| self.records[i as usize].rtype.to_int() <= key);
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
        name.ends_with(&self.origin)
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
