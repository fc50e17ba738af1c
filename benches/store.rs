//! Speed of the project folder: opening a large project, saving a large annotation
//! file, importing many articles. Run with `cargo bench --bench store`.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use claimspan::formats::{ImportOptions, NewLabels, import_paths, import_paths_with};
use claimspan::model::{Annotations, AnnotatorName, CharOffset, DocumentId, NewSpan};
use claimspan::store::{IfOnDisk, NewArticle, Project, WriteBatch, stats};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

mod common;
use common::{add_story, places, story};

/// A project of `docs` articles, each annotated by two annotators with 20 spans.
fn large_project(dir: &Path, docs: usize) {
    let mut project = Project::init(dir).unwrap();
    let annotators = [
        AnnotatorName::new("alice").unwrap(),
        AnnotatorName::new("bob").unwrap(),
    ];
    let mut batch = WriteBatch::new();
    for i in 0..docs {
        let document = add_story(&mut project, &mut batch, i, 5_000, 13);
        for annotator in &annotators {
            let mut a = Annotations::new(&document, annotator.clone());
            for s in 0..20 {
                let start = 200 + s * 200;
                let new = NewSpan {
                    start: CharOffset(start),
                    end: CharOffset(start + 12),
                    label: ["actor", "stance", "claim"][s % 3].into(),
                    ..NewSpan::default()
                };
                a.add_span(&document, project.schema(), new).unwrap();
            }
            project.add_imported_annotations(&a, &mut batch).unwrap();
        }
    }
    batch.finish().unwrap();
}

fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    large_project(dir.path(), 10_000);
    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("open_10k_docs_2_annotators", |b| {
        b.iter(|| {
            let project = Project::open(dir.path()).unwrap();
            assert_eq!(project.len(), 10_000);
            black_box(project)
        })
    });
    // Reads and parses every one of the 20,000 annotation files.
    group.bench_function("stats_10k_docs_2_annotators", |b| {
        let project = Project::open(dir.path()).unwrap();
        b.iter(|| black_box(stats(&project)))
    });
    group.finish();
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let mut batch = WriteBatch::new();
    let new = NewArticle {
        text: story(1, 140_000),
        title: "Long story".into(),
        id: Some(DocumentId::new("long-story").unwrap()),
        ..NewArticle::default()
    };
    let id = project.add_article(new, &mut batch).unwrap().id().clone();
    batch.finish().unwrap();
    let document = project.load_document(&id).unwrap();
    let mut a = Annotations::new(&document, AnnotatorName::new("alice").unwrap());
    for s in 0..5_000 {
        let start = s * 23;
        let mut new = NewSpan {
            start: CharOffset(start),
            end: CharOffset(start + 9 + s % 5),
            label: ["actor", "stance", "claim"][s % 3].into(),
            ..NewSpan::default()
        };
        if s % 3 == 1 {
            new.attributes.insert("polarity".into(), "oppose".into());
        }
        a.add_span(&document, project.schema(), new).unwrap();
    }
    assert_eq!(a.spans.len(), 5_000);
    let mut group = c.benchmark_group("store");
    group.bench_function("save_5000_spans", |b| {
        b.iter(|| {
            project
                .save_annotations(black_box(&a), IfOnDisk::Anything)
                .unwrap()
        })
    });
    group.finish();
}

fn import(c: &mut Criterion) {
    let source = tempfile::tempdir().unwrap();
    let folder = source.path().join("articles");
    fs::create_dir(&folder).unwrap();
    let mut total = 0;
    for i in 0..10_000 {
        let text = story(i, 5_000);
        total += text.len();
        fs::write(folder.join(format!("{i:05}.txt")), text).unwrap();
    }
    assert!(total >= 50_000_000);
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for (name, place) in places("10k_articles_50mb") {
        // Deleting 20,000 files keeps the disk busy for a while; finished projects
        // are kept until the end so that no iteration pays for the last one's cleanup.
        let mut finished = Vec::new();
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir_in(&place).unwrap();
                    Project::init(dir.path()).unwrap();
                    dir
                },
                |dir| {
                    let mut project = Project::open(dir.path()).unwrap();
                    let report = import_paths(
                        &mut project,
                        std::slice::from_ref(&folder),
                        &ImportOptions::default(),
                    )
                    .unwrap();
                    assert_eq!(report.added(), 10_000);
                    finished.push(dir);
                },
                BatchSize::PerIteration,
            )
        });
        drop(finished);
    }
    group.finish();
}

/// An invented Label Studio export of about `bytes` bytes: tasks of 20 KB stories,
/// each annotated by two people with a span on every "coalition", pretty-printed as
/// Label Studio writes it, so the file has a line for every field.
fn label_studio_export(bytes: usize) -> (String, usize) {
    let mut tasks = Vec::new();
    let mut total = 0;
    while total < bytes {
        let i = tasks.len();
        let text = story(i, 20_000);
        let chars: Vec<char> = text.chars().collect();
        let word: Vec<char> = "coalition".chars().collect();
        let starts: Vec<usize> = (0..chars.len().saturating_sub(word.len()))
            .filter(|&at| chars[at..at + word.len()] == word[..])
            .collect();
        let annotation = |who: usize| {
            let result: Vec<serde_json::Value> = starts
                .iter()
                .enumerate()
                .map(|(n, &start)| {
                    serde_json::json!({
                        "id": format!("r{n}"),
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "origin": "manual",
                        "value": {
                            "start": start,
                            "end": start + word.len(),
                            "text": "coalition",
                            "labels": ["actor"],
                        },
                    })
                })
                .collect();
            serde_json::json!({ "id": i * 2 + who, "completed_by": who, "result": result })
        };
        let task = serde_json::json!({
            "id": i + 1,
            "data": { "text": text, "title": format!("Story {i}") },
            "annotations": [annotation(1), annotation(2)],
        });
        total += serde_json::to_string_pretty(&task).unwrap().len();
        tasks.push(task);
    }
    let count = tasks.len();
    (serde_json::to_string_pretty(&tasks).unwrap(), count)
}

/// Label Studio import grew with the square of the file (every task's line was
/// counted from the start); 40 MB took 131 s.
fn import_label_studio(c: &mut Criterion) {
    let source = tempfile::tempdir().unwrap();
    let file = source.path().join("export.json");
    let (json, tasks) = label_studio_export(40_000_000);
    fs::write(&file, &json).unwrap();
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    let options = ImportOptions {
        annotator: Some(AnnotatorName::new("ls").unwrap()),
        ..ImportOptions::default()
    };
    let mut finished = Vec::new();
    group.bench_function("label_studio_40mb", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                Project::init(dir.path()).unwrap();
                dir
            },
            |dir| {
                let mut project = Project::open(dir.path()).unwrap();
                let report = import_paths_with(
                    &mut project,
                    std::slice::from_ref(&file),
                    &options,
                    NewLabels::Add,
                    &mut |_, _| {},
                )
                .unwrap();
                assert_eq!(report.added(), tasks, "{:?}", report.outcomes.last());
                finished.push(dir);
            },
            BatchSize::PerIteration,
        )
    });
    drop(finished);
    group.finish();
}

criterion_group!(benches, open, save, import, import_label_studio);
criterion_main!(benches);
