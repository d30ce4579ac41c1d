//! Reading throughput, in bytes of zone file per second: the lexer alone, and the whole
//! reader (lexer, entry parser with typed record data, owner table and RRset index) on
//! one thread and on every core. `cargo bench --bench parse`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zonelint::zone::lexer::Lexer;

mod common;

fn parse(c: &mut Criterion) {
    // 300,000 records, about 13 MB: over the size from which a file is read in
    // parallel parts.
    let text = common::unsigned_zone(300_000);
    let (_dir, path) = common::write_zone(&text);
    let mut g = c.benchmark_group("parse");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("lexer", |b| {
        b.iter(|| {
            let mut lx = Lexer::new(text.as_bytes());
            let mut toks = Vec::new();
            let mut entries = 0usize;
            while lx.next_entry(&mut toks).is_some() {
                entries += toks.len();
            }
            entries
        })
    });
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    g.bench_function("reader, 1 thread", |b| {
        b.iter(|| one.install(|| common::read(&path).records.len()))
    });
    g.bench_function("reader, all cores", |b| {
        b.iter(|| common::read(&path).records.len())
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
