//! Source files: the bytes of every file zonelint read, with a line index.
//!
//! Every span in a diagnostic points into one of these. Text is kept as raw bytes,
//! not `String`: zone files in the wild carry Latin-1 comments and raw octets in TXT
//! data, and a lossy conversion would shift every byte offset after the first bad
//! sequence. Renderers convert lossily only the excerpt they show.

use std::path::PathBuf;
use std::sync::OnceLock;

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one file. Offsets are `u32`: files over 4 GiB are refused at read time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn empty(at: usize) -> Span {
        Span::new(at, at)
    }
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file as read from disk.
pub struct SourceFile {
    /// The path as shown to the user: relative to the checked directory, or as given.
    pub name: String,
    /// The path on disk (used to open it, never printed).
    pub path: PathBuf,
    pub text: Vec<u8>,
    line_starts: OnceLock<Vec<u32>>,
    /// The text as excerpts show it (see [`SourceFile::display_text`]).
    display: OnceLock<Option<Vec<u8>>>,
}

impl SourceFile {
    pub fn new(name: String, path: PathBuf, text: Vec<u8>) -> SourceFile {
        SourceFile {
            name,
            path,
            text,
            line_starts: OnceLock::new(),
            display: OnceLock::new(),
        }
    }

    /// The text as an excerpt may show it: byte for byte the same length (every span
    /// stays valid), with each control character but tab and line feed (ESC, CR,
    /// backspace, the C1 controls) replaced by `?` per byte, so that no byte of a file
    /// can drive the terminal that shows it. Files without one share the text.
    pub fn display_text(&self) -> &[u8] {
        self.display
            .get_or_init(|| {
                let control = |t: &[u8], i: usize| {
                    let b = t[i];
                    (b < 0x20 && b != b'\t' && b != b'\n')
                        || b == 0x7f
                        || (b == 0xc2 && t.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
                };
                let t = &self.text;
                if !(0..t.len()).any(|i| control(t, i)) {
                    return None;
                }
                let mut v = t.clone();
                let mut i = 0;
                while i < v.len() {
                    if control(t, i) {
                        let n = if t[i] == 0xc2 { 2 } else { 1 };
                        v[i..i + n].fill(b'?');
                        i += n;
                    } else {
                        i += 1;
                    }
                }
                Some(v)
            })
            .as_deref()
            .unwrap_or(&self.text)
    }

    /// Byte offsets where each line starts; computed on first use (only files with
    /// findings pay for it).
    pub fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut v = Vec::with_capacity(self.text.len() / 40 + 1);
            v.push(0);
            for (i, b) in self.text.iter().enumerate() {
                if *b == b'\n' {
                    v.push(i as u32 + 1);
                }
            }
            v
        })
    }

    /// 0-based line index and byte offset of that line's start.
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let line = match starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line, starts[line] as usize)
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let (line, start) = self.line_of(offset);
        let col = String::from_utf8_lossy(&self.text[start..offset])
            .chars()
            .count();
        (line + 1, col + 1)
    }

    pub fn slice(&self, span: Span) -> &[u8] {
        let end = (span.end as usize).min(self.text.len());
        let start = (span.start as usize).min(end);
        &self.text[start..end]
    }

    pub fn text_of(&self, span: Span) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.slice(span))
    }
}

/// All files of one run. Files are only ever added, so a `FileId` stays valid.
#[derive(Default)]
pub struct SourceMap {
    files: Vec<std::sync::Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(std::sync::Arc::new(file));
        FileId(self.files.len() as u32 - 1)
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    pub fn get_arc(&self, id: FileId) -> std::sync::Arc<SourceFile> {
        self.files[id.0 as usize].clone()
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), &**f))
    }
}
