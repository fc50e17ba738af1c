//! Speed of the string matcher: suggestions for a 5 MB document and for a 5 KB
//! article, with 3,000 known strings (invented names, each an entity of the registry
//! with an alias), and the training that builds the automaton. The text is invented
//! wire prose with curly quotes and possessives, a known name in about every other
//! sentence (and, in a second 5 MB document, one in four). Run with
//! `cargo bench --bench suggest`.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{document, mix};

use claimspan::model::{Entity, EntityId, EntityKind, Registry, Schema};
use claimspan::suggest::{Recommender, StringMatcher};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

const NAMES: usize = 3_000;
const SYLLABLES: [&str; 16] = [
    "ka", "ma", "li", "ha", "dad", "ro", "sen", "tu", "mir", "za", "bel", "no", "ra", "shi", "dun",
    "vel",
];

/// The `i`th invented name: two syllables, then three, each word capitalised.
fn name(i: usize) -> String {
    let word = |parts: &[usize]| {
        let w: String = parts.iter().map(|&p| SYLLABLES[p % 16]).collect();
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    let first: String = word(&[i % 16, (i / 16) % 16]);
    let last: String = word(&[(i / 16) % 16, (i / 256) % 16, i % 16]);
    format!("{first} {last}")
}

/// About `bytes` of invented wire prose; `named` sentences in 4 name someone.
fn prose(bytes: usize, named: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut i = 0;
    while text.len() < bytes {
        let who = name(mix(i) % NAMES);
        let kind = mix(i + 7) % 4;
        let kind = if mix(i + 3) % 4 < named {
            kind % 2
        } else {
            2 + kind % 2
        };
        let sentence = match kind {
            0 => format!("{who} told reporters that talks on the budget would resume next week. "),
            1 => format!("“We will not accept new conditions,” {who}’s office said on Tuesday. "),
            2 => "The ministry declined to comment on the figures published overnight. ".to_owned(),
            _ => "Opposition blocs said the recount had been delayed again.\n\n".to_owned(),
        };
        text.push_str(&sentence);
        i += 1;
    }
    text
}

/// 3,000 names as entities, the surname with “Dr” an alias of every tenth; made
/// directly, as checking each new name against all before it is not what is timed.
fn registry() -> Registry {
    let mut registry = Registry::default();
    for i in 0..NAMES {
        let full = name(i);
        let surname = full.split(' ').nth(1).unwrap().to_owned();
        registry.entities.push(Entity {
            id: EntityId::new(&format!("e{i}")).unwrap(),
            name: full,
            kind: EntityKind::Person,
            aliases: if i % 10 == 0 {
                vec![format!("Dr {surname}")]
            } else {
                Vec::new()
            },
            colour: None,
            attributes: BTreeMap::new(),
        });
    }
    registry
}

/// A matcher knowing the registry's names, trained on no document.
fn matcher(registry: &Registry) -> StringMatcher {
    let mut m = StringMatcher::new(&Schema::default(), registry);
    m.train(&[]);
    m
}

fn bench(c: &mut Criterion) {
    let registry = registry();
    let m = matcher(&registry);
    // Half the sentences name someone; in the sparse one, one in four.
    let big = document("big", prose(5_000_000, 2));
    let sparse = document("sparse", prose(5_000_000, 1));
    let article = document("article", prose(5_000, 2));
    let found = m.suggest(&big).len();
    assert!(found > 10_000, "only {found} suggestions in 5 MB");
    eprintln!(
        "{} known strings; {found} suggestions in {} bytes ({} in the sparse one), {} in {} bytes",
        m.len(),
        big.text().len(),
        m.suggest(&sparse).len(),
        m.suggest(&article).len(),
        article.text().len()
    );
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("5 MB document, 3,300 strings", |b| {
        b.iter(|| black_box(m.suggest(black_box(&big))))
    });
    group.bench_function("5 MB document, names in 1 sentence of 4", |b| {
        b.iter(|| black_box(m.suggest(black_box(&sparse))))
    });
    group.bench_function("5 KB article, 3,300 strings", |b| {
        b.iter(|| black_box(m.suggest(black_box(&article))))
    });
    group.bench_function("train on the registry alone", |b| {
        b.iter(|| black_box(matcher(black_box(&registry))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
