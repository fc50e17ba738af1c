//! Speed of the statement networks: 10,000 documents dated across 2024 with 10
//! statements each (100,000), by 500 actor entities on 200 claim categories, as a
//! one-mode congruence network with Jaccard normalisation, as the default two-mode
//! network, and as 52 weekly windows of each. Only the counting and the network are
//! timed; the documents, annotations and builder are made once beforehand. And the
//! Network view's force-directed layout of 1,000 nodes and 10,000 ties. Run with
//! `cargo bench --bench network`.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use claimspan::formats::statements::{
    NetworkBuilder, NetworkMode, NetworkOptions, Normalize, Qualifier, TimeWindow,
};
use claimspan::model::{
    Annotations, AnnotatorName, ArticleMeta, Document, DocumentId, EntityKind, Registry, Schema,
    TextHash,
};
use claimspan::session::network::{Tie, force_layout};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

mod common;
use common::{Coded, code_statements, story};

const DOCS: usize = 10_000;
const STATEMENTS_PER_DOC: usize = 10;
const ACTORS: usize = 500;
const CATEGORIES: usize = 200;
/// 2024-01-01 to 2024-12-29: 52 weeks of 7 days.
const DAYS: usize = 364;
const FROM: &str = "2024-01-01";
const TO: &str = "2024-12-29";

/// Day `day` (0 is 1 January) of 2024, a leap year, as `YYYY-MM-DD`.
fn date_2024(day: usize) -> String {
    const MONTHS: [usize; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day;
    for (m, &len) in MONTHS.iter().enumerate() {
        if rest < len {
            return format!("2024-{:02}-{:02}", m + 1, rest + 1);
        }
        rest -= len;
    }
    panic!("day {day} is not in 2024")
}

/// A reproducible pseudo-random number for `(i, s, salt)`.
fn mix(i: usize, s: usize, salt: usize) -> usize {
    let mut k = (i as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((s as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .wrapping_add(salt as u64);
    k ^= k >> 31;
    k = k.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    k ^= k >> 29;
    k as usize
}

/// The registry (500 entities, 200 categories), and the builder holding the
/// statements of 10,000 documents annotated by alice.
fn corpus() -> NetworkBuilder {
    let schema = Schema::default();
    let mut registry = Registry::default();
    let actors: Vec<String> = (0..ACTORS)
        .map(|a| {
            registry
                .add_entity(&format!("Actor {a}"), EntityKind::Organisation)
                .unwrap()
                .to_string()
        })
        .collect();
    let categories: Vec<String> = (0..CATEGORIES)
        .map(|c| {
            registry
                .add_category(&format!("Claim {c}"), None)
                .unwrap()
                .to_string()
        })
        .collect();
    let alice = AnnotatorName::new("alice").unwrap();
    let mut builder = NetworkBuilder::new();
    for i in 0..DOCS {
        let text = story(i, 1_500);
        let meta = ArticleMeta {
            id: DocumentId::new(&format!("doc-{i:05}")).unwrap(),
            title: format!("Story {i}"),
            date: Some(date_2024(i % DAYS)),
            source: Some("AFP".into()),
            dateline: None,
            caption: None,
            original_file: String::new(),
            text_hash: TextHash::of(&text),
            extra: BTreeMap::new(),
        };
        let document = Document::new(meta, text);
        let mut a = Annotations::new(&document, alice.clone());
        let coded: Vec<Coded<'_>> = (0..STATEMENTS_PER_DOC)
            .map(|s| {
                let actor = mix(i, s, 1) % ACTORS;
                let category = mix(i, s, 2) % CATEGORIES;
                // Each actor leans one way on each claim, and now and then the other.
                let leans = mix(actor, category, 3).is_multiple_of(2);
                let flips = mix(i, s, 4).is_multiple_of(5);
                Coded {
                    entity: &actors[actor],
                    polarity: if leans != flips { "support" } else { "oppose" },
                    category: &categories[category],
                }
            })
            .collect();
        code_statements(&document, &mut a, &schema, &coded);
        builder.add(&document, &a, &schema, &registry);
    }
    assert_eq!(builder.statements(), DOCS * STATEMENTS_PER_DOC);
    assert_eq!(builder.incomplete, 0);
    builder
}

fn bench(c: &mut Criterion) {
    let builder = corpus();
    let one_mode = NetworkOptions {
        mode: NetworkMode::OneMode,
        qualifier: Some(Qualifier::Congruence),
        normalize: Normalize::Jaccard,
        ..NetworkOptions::default()
    };
    let two_mode = NetworkOptions::default();
    let weekly = TimeWindow::new("7d", None).unwrap();

    // What is measured is what it should be.
    for options in [&one_mode, &two_mode] {
        let counted = builder.counted(options);
        assert_eq!(counted.events.len(), DOCS * STATEMENTS_PER_DOC);
        let network = builder.network_of(&counted.events, options);
        assert!(network.edges.len() > 10_000, "{}", network.edges.len());
        let (windows, undated) =
            builder.windows(&counted.events, options, weekly, Some(FROM), Some(TO));
        assert_eq!((windows.len(), undated), (52, 0));
        assert!(windows.iter().all(|w| w.statements > 0));
        let total: usize = windows.iter().map(|w| w.statements).sum();
        assert_eq!(total, DOCS * STATEMENTS_PER_DOC);
    }

    let mut group = c.benchmark_group("network");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, options) in [
        ("one_mode_congruence_jaccard_100k", &one_mode),
        ("two_mode_100k", &two_mode),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let counted = builder.counted(options);
                black_box(builder.network_of(&counted.events, options))
            })
        });
    }
    for (name, options) in [
        ("windows_52w_one_mode_congruence_jaccard_100k", &one_mode),
        ("windows_52w_two_mode_100k", &two_mode),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let counted = builder.counted(options);
                black_box(builder.windows(&counted.events, options, weekly, Some(FROM), Some(TO)))
            })
        });
    }
    group.finish();
}

/// The Network view's layout of 1,000 nodes (500 actors, 500 claims) and 10,000
/// ties, each actor tied to 20 claims, as the frame bench's project draws them.
fn layout(c: &mut Criterion) {
    let ties: Vec<Tie> = (0..10_000)
        .map(|k| Tie {
            a: k % 500,
            b: 500 + (k / 500 * 37 + k % 500) % 500,
            weight: 1.0 + (mix(k, 0, 5) % 4) as f64,
        })
        .collect();
    let mut group = c.benchmark_group("network");
    group.sample_size(10);
    group.bench_function("layout_1000_nodes_10k_ties", |b| {
        b.iter(|| black_box(force_layout(1000, &ties, &mut |_, _| {})))
    });
    group.finish();
}

criterion_group!(benches, bench, layout);
criterion_main!(benches);
