//! Speed of `claimspan suggest PROJECT --annotator NAME`: the string matcher trained
//! on a project's done work and its suggestions written for 10,000 articles of about
//! 3 KB (the goal is under 30 s on 2 cores), read and written through the real
//! project folder. Run with `cargo bench --bench precompute`.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use claimspan::model::{Annotations, AnnotatorName, CharOffset, NewSpan, Status};
use claimspan::store::{IfOnDisk, Project, WriteBatch};
use claimspan::suggest::precompute;
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

const ARTICLES: usize = 10_000;
const DONE: usize = 200;

/// A project of [`ARTICLES`] invented stories in `dir`; alice tagged each
/// “minister” an actor and each “sanctions” a claim in the first [`DONE`] and marked
/// them done.
fn project(dir: &std::path::Path) -> Project {
    let mut project = Project::init(dir).unwrap();
    // In place, not in the background: each story is read back at once.
    let mut batch = WriteBatch::new();
    let mut done = Vec::new();
    for i in 0..ARTICLES {
        let document = common::add_story(&mut project, &mut batch, i, 3_000, 13);
        if i < DONE {
            done.push(document);
        }
    }
    batch.finish().unwrap();
    let alice = AnnotatorName::new("alice").unwrap();
    for document in &done {
        let mut annotations = Annotations::new(document, alice.clone());
        for (word, label) in [("minister", "actor"), ("sanctions", "claim")] {
            for (at, _) in document.text().match_indices(word) {
                // The stories' words before the first curly quote are ASCII.
                let start = document.text()[..at].chars().count();
                let new = NewSpan::new(CharOffset(start), CharOffset(start + word.len()), label);
                let _ = annotations.add_span(document, project.schema(), new);
            }
        }
        annotations.status = Status::Done;
        project
            .save_annotations(&annotations, IfOnDisk::Anything)
            .unwrap();
    }
    project
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let bob = AnnotatorName::new("bob").unwrap();
    let made = precompute(&project, &bob, &mut |_, _| {}).unwrap();
    eprintln!(
        "{} documents, {:?} suggestions written",
        made.documents, made.written
    );
    assert_eq!(made.documents, ARTICLES);
    let mut group = c.benchmark_group("precompute");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("10,000 articles of 3 KB", |b| {
        b.iter(|| precompute(&project, &bob, &mut |_, _| {}).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
