//! Speed of review: the whole `agree` report and a `merge` over 10,000 documents
//! annotated by three annotators (about 600,000 spans), each with and without reading
//! the files. Run with `cargo bench --bench agree`.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use claimspan::model::{Annotations, AnnotatorName, CharOffset, NewSpan};
use claimspan::review::{Agreement, agree_over, merge, merge_project, select};
use claimspan::store::{Compared, Project, WriteBatch, par_fold};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

mod common;
use common::add_story;

const DOCS: usize = 10_000;
const ANNOTATORS: [&str; 3] = ["alice", "bob", "carol"];
const LABELS: [&str; 3] = ["actor", "stance", "claim"];

/// Annotator `k`'s 20 spans on document `i`: the same places as the others mostly,
/// with some left out, some with other edges, some with another label.
fn spans(i: usize, k: usize) -> Vec<NewSpan> {
    let mut out = Vec::new();
    for s in 0..20 {
        let h = (i * 31 + s * 17 + k * 7) % 23;
        if h == 0 {
            continue;
        }
        let start = 200 + s * 200;
        let end = start + 12 + usize::from(h == 1) * 3;
        let label = LABELS[(s + usize::from(h == 2)) % 3];
        let mut new = NewSpan::new(CharOffset(start), CharOffset(end), label);
        if label == "stance" {
            let polarity = if h == 3 { "support" } else { "oppose" };
            new.attributes.insert("polarity".into(), polarity.into());
        }
        out.push(new);
    }
    out
}

/// A project of [`DOCS`] articles, each annotated by the three annotators.
fn large_project(dir: &Path) {
    let mut project = Project::init(dir).unwrap();
    let names: Vec<AnnotatorName> = ANNOTATORS
        .iter()
        .map(|a| AnnotatorName::new(a).unwrap())
        .collect();
    let mut batch = WriteBatch::new();
    for i in 0..DOCS {
        let document = add_story(&mut project, &mut batch, i, 5_000, 13);
        for (k, name) in names.iter().enumerate() {
            let mut a = Annotations::new(&document, name.clone());
            for new in spans(i, k) {
                a.add_span(&document, project.schema(), new).unwrap();
            }
            project.add_imported_annotations(&a, &mut batch).unwrap();
        }
    }
    batch.finish().unwrap();
}

/// `claimspan agree` and `claimspan merge` with their files in `dir`; ids end in
/// `suffix` (empty on disk, `_tmpfs` in memory, where only the program's own cost is
/// left).
fn with_files(c: &mut Criterion, dir: &Path, suffix: &str) {
    let mut group = c.benchmark_group("agree");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    // What `claimspan agree` does: open the project, choose, read every file, count.
    group.bench_function(format!("report_10k_3{suffix}"), |b| {
        b.iter(|| {
            let project = Project::open(dir).unwrap();
            let selection = select(&project.annotation_index(), None, None, 2, true).unwrap();
            let registry = project.load_registry().unwrap().registry;
            let report = agree_over(&selection, project.schema(), &registry, |id| {
                project.load_compared(id, &selection.annotators)
            });
            assert_eq!(report.documents, DOCS);
            assert!(report.unreadable.is_empty());
            black_box(report)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("merge");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    // What `claimspan merge --annotators alice,bob,carol` does: read every document
    // and its gold file, merge, write the gold files that changed, sync once per
    // thread. `10k_3_fresh` starts without gold files, so all 10,000 are written;
    // `10k_3` runs again over the gold files of the run before: it reads them all
    // and, nothing having changed, writes none.
    let run_merge = || {
        let project = Project::open(dir).unwrap();
        let selection = select(&project.annotation_index(), None, None, 1, false).unwrap();
        let outcomes = merge_project(&project, &selection, 2).unwrap();
        assert!(outcomes.iter().all(|(_, o)| o.is_ok()));
        outcomes
    };
    let gold = dir.join("gold");
    // Earlier runs' gold folders are moved aside, not deleted: deleting 10,000 files
    // leaves the disk busy, and the next run's sync would pay for it.
    let set_aside = dir.join("gold-set-aside");
    std::fs::create_dir_all(&set_aside).unwrap();
    let mut runs = 0;
    group.bench_function(format!("10k_3_fresh{suffix}"), |b| {
        b.iter_batched(
            || {
                runs += 1;
                std::fs::rename(&gold, set_aside.join(runs.to_string())).unwrap();
                std::fs::create_dir(&gold).unwrap();
            },
            |()| black_box(run_merge()),
            BatchSize::PerIteration,
        )
    });
    group.bench_function(format!("10k_3{suffix}"), |b| {
        b.iter(|| black_box(run_merge()))
    });
    group.finish();
}

/// Agreement and merge alone, on documents already in memory.
fn computation(c: &mut Criterion, dir: &Path) {
    let project = Project::open(dir).unwrap();
    let schema = project.schema();
    let selection = select(&project.annotation_index(), None, None, 2, true).unwrap();
    assert_eq!(selection.shared().count(), DOCS);
    let loaded: Vec<Compared> = selection
        .documents
        .iter()
        .map(|(id, _)| project.load_compared(id, &selection.annotators).unwrap())
        .collect();
    let spans: usize = loaded
        .iter()
        .map(|c| c.present().iter().map(|a| a.spans.len()).sum::<usize>())
        .sum();
    assert!(spans > 500_000, "{spans} spans");
    let mut group = c.benchmark_group("agree");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("compute_10k_3", |b| {
        b.iter(|| {
            let parts = par_fold(
                &loaded,
                || Agreement::new(selection.annotators.clone(), &LABELS),
                |agreement, compared| {
                    agreement.add(
                        compared.document.id(),
                        compared.document.text(),
                        &compared.refs(),
                    )
                },
            );
            black_box(Agreement::combine(parts).unwrap().report())
        })
    });
    group.finish();
    let mut group = c.benchmark_group("merge");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("compute_10k_3", |b| {
        b.iter(|| {
            let merged = par_fold(
                &loaded,
                || 0usize,
                |accepted, compared| {
                    let present = compared.present();
                    *accepted += merge(&compared.document, schema, &present, None, 2).accepted;
                },
            );
            black_box(merged)
        })
    });
    group.finish();
}

/// The corpus as the Python peer (`benches/peer/agree.py`) reads it: one JSONL file
/// per annotator in `out`, a line per document with its text and spans (char
/// offsets, as Python's).
fn write_peer_input(dir: &Path, out: &Path) {
    use std::io::Write;
    std::fs::create_dir_all(out).unwrap();
    let project = Project::open(dir).unwrap();
    let selection = select(&project.annotation_index(), None, None, 2, true).unwrap();
    let mut files: Vec<_> = selection
        .annotators
        .iter()
        .map(|a| {
            let file = std::fs::File::create(out.join(format!("{a}.jsonl"))).unwrap();
            std::io::BufWriter::new(file)
        })
        .collect();
    for (id, _) in &selection.documents {
        let compared = project.load_compared(id, &selection.annotators).unwrap();
        for (file, annotations) in files.iter_mut().zip(&compared.annotations) {
            let Some(annotations) = annotations else {
                continue;
            };
            let spans: Vec<_> = annotations
                .spans
                .iter()
                .map(|s| serde_json::json!({"start": s.start.0, "end": s.end.0, "label": s.label}))
                .collect();
            let line = serde_json::json!({
                "id": id.as_str(),
                "text": compared.document.text(),
                "spans": spans,
            });
            writeln!(file, "{line}").unwrap();
        }
    }
    for file in &mut files {
        file.flush().unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    large_project(dir.path());
    // `CLAIMSPAN_PEER_OUT=DIR cargo bench --bench agree` also writes the corpus for
    // the Python peer, to compare the two on the same files.
    if let Some(out) = std::env::var_os("CLAIMSPAN_PEER_OUT") {
        write_peer_input(dir.path(), Path::new(&out));
    }
    computation(c, dir.path());
    with_files(c, dir.path(), "");
    drop(dir);
    // The same on tmpfs, where there is one: what is left is the program's own cost,
    // not the disk's (on a busy shared disk, creating and renaming 10,000 files can
    // take seconds).
    if Path::new("/dev/shm").is_dir() {
        let dir = tempfile::tempdir_in("/dev/shm").unwrap();
        large_project(dir.path());
        with_files(c, dir.path(), "_tmpfs");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
