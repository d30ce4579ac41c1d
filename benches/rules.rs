//! The rules on a 300,000-record zone, read once: every rule together (as a check runs
//! them, in parallel), and the rules that cost the most one by one (single thread).
//! `cargo bench --bench rules`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zonelint::diagnostic::Severity;
use zonelint::project::{LoadOptions, Project};
use zonelint::rules::{Ctx, RULES};

mod common;

/// The rules that took the most time on the 1M-record benchmark zone (`--stats`).
const HOT: &[&str] = &[
    "invalid-hostname",
    "missing-trailing-dot",
    "dangling-target",
    "duplicate-record",
    "ns-target-cname",
    "nameserver-addresses-not-distinct",
    "spf-invalid",
    "missing-glue",
    "occluded-data",
];

fn rules(c: &mut Criterion) {
    let text = common::unsigned_zone(300_000);
    let (dir, path) = common::write_zone(&text);
    let root = dir.path().to_path_buf();
    let opts = LoadOptions {
        origin: Some(common::origin()),
        ..Default::default()
    };
    let project = Project::load(&[path], root.clone(), root, &opts);
    let zone = &project.zones[0];
    let records = zone.records.len() as u64;
    let mut g = c.benchmark_group("rules");
    g.sample_size(10);
    g.throughput(Throughput::Elements(records));
    let options = zonelint::Options::default();
    g.bench_function("all rules", |b| {
        b.iter(|| zonelint::run_rules_timed(&project, &options, 0).0.len())
    });
    for name in HOT {
        let rule = RULES
            .iter()
            .find(|r| r.meta().name == *name)
            .unwrap_or_else(|| panic!("no rule {name}"));
        g.bench_function(*name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                let mut cx = Ctx::new(rule.meta(), Severity::Warning, &project, 0, &mut out);
                rule.check_zone(zone, &mut cx);
                out.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, rules);
criterion_main!(benches);
