//! Speed of export and peer import: 10,000 documents with 200,000 spans exported as
//! JSONL and CoNLL, and that JSONL imported into a new project. Run with
//! `cargo bench --bench export`.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use claimspan::formats::StatusFilter;
use claimspan::formats::export::{ExportFormat, ExportOptions, export};
use claimspan::formats::{ImportOptions, NewLabels, import_paths_with};
use claimspan::model::{Annotations, AnnotatorName, CharOffset, NewSpan, Status};
use claimspan::store::{Project, WriteBatch};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

mod common;
use common::{add_story, places};

const DOCS: usize = 10_000;
const SPANS_PER_DOC: usize = 20;

/// A project of 10,000 articles of about 2 KB, each with 20 of alice's spans (a
/// stance with polarity every third, a link per stance), marked done.
fn large_project(dir: &Path) {
    let mut project = Project::init(dir).unwrap();
    let alice = AnnotatorName::new("alice").unwrap();
    let mut batch = WriteBatch::new();
    for i in 0..DOCS {
        let document = add_story(&mut project, &mut batch, i, 2_000, 13);
        let schema = project.schema().clone();
        let mut a = Annotations::new(&document, alice.clone());
        let mut previous = None;
        for s in 0..SPANS_PER_DOC {
            let start = 150 + s * 80;
            let label = ["actor", "stance", "claim"][s % 3];
            let mut new = NewSpan::new(CharOffset(start), CharOffset(start + 12), label);
            if label == "stance" {
                new.attributes.insert("polarity".into(), "oppose".into());
            }
            let id = a.add_span(&document, &schema, new).unwrap();
            if label == "stance"
                && let Some(actor) = previous
            {
                a.add_link(&schema, actor, id).unwrap();
            }
            previous = Some(id);
        }
        a.status = Status::Done;
        project.add_imported_annotations(&a, &mut batch).unwrap();
    }
    batch.finish().unwrap();
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    large_project(&root);
    let project = Project::open(&root).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, format, file) in [
        ("jsonl_10k", ExportFormat::Jsonl, "all.jsonl"),
        ("conll_10k", ExportFormat::Conll, "all.conll"),
    ] {
        let mut options = ExportOptions::new(format, out.path().join(file));
        options.selection.status = StatusFilter::Done;
        group.bench_function(name, |b| {
            b.iter(|| {
                let report = export(&project, &options, &mut |_, _| {}).unwrap();
                assert_eq!(report.spans, DOCS * SPANS_PER_DOC);
                black_box(report)
            })
        });
    }
    group.finish();

    // Written here too, so `cargo bench --bench export -- import` has its input
    // when the export benches are filtered out.
    let jsonl = out.path().join("all.jsonl");
    export(
        &project,
        &ExportOptions::new(ExportFormat::Jsonl, jsonl.clone()),
        &mut |_, _| {},
    )
    .unwrap();
    let options = ImportOptions {
        annotator: Some(AnnotatorName::new("bob").unwrap()),
        ..ImportOptions::default()
    };
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for (name, place) in places("jsonl_10k") {
        // Deleting 30,000 files keeps the disk busy; finished projects are kept
        // until the end so no iteration pays for the last one's cleanup.
        let mut finished = Vec::new();
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let target = tempfile::tempdir_in(&place).unwrap();
                    Project::init(target.path()).unwrap();
                    target
                },
                |target| {
                    let mut project = Project::open(target.path()).unwrap();
                    let report = import_paths_with(
                        &mut project,
                        std::slice::from_ref(&jsonl),
                        &options,
                        NewLabels::Refuse,
                        &mut |_, _| {},
                    )
                    .unwrap();
                    assert_eq!(report.added(), DOCS);
                    finished.push(target);
                },
                BatchSize::PerIteration,
            )
        });
        drop(finished);
    }
    group.finish();
}

criterion_group!(export_benches, benches);
criterion_main!(export_benches);
