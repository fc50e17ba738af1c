//! Speed of the sequence tagger: training on 1,000 invented wire articles (3–5 KB
//! each, a few actor, stance and claim spans in each) and suggesting in one 5 KB
//! article. Names, claims and the prose around them are invented from syllables
//! (a vocabulary of 3,000 words and 5,000 names), so much of the article suggested
//! in was never seen in training. Run with `cargo bench --bench tagger`.

// A bench stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{document, mix};

use claimspan::model::{
    Annotations, AnnotatorName, CharOffset, Document, NewSpan, Registry, Schema, Status,
};
use claimspan::suggest::{Example, Recommender, StringMatcher, Tagger, cross_validate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ARTICLES: usize = 1_000;
const SYLLABLES: [&str; 16] = [
    "ka", "ma", "li", "ha", "dad", "ro", "sen", "tu", "mir", "za", "bel", "no", "ra", "shi", "dun",
    "vel",
];

/// The `i`th invented name: two words of two or three syllables, capitalised.
fn name(i: usize) -> String {
    let word = |seed: usize, n: usize| {
        let w: String = (0..n).map(|k| SYLLABLES[mix(seed + k) % 16]).collect();
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    format!("{} {}", word(i * 7, 2), word(i * 7 + 3, 2 + i % 2))
}

/// The `i`th invented word of prose: one to three syllables, lower case.
fn word(i: usize) -> String {
    (0..1 + i % 3)
        .map(|k| SYLLABLES[mix(i * 5 + k) % 16])
        .collect()
}

/// `n` words of invented prose from a vocabulary of 3,000, with function words.
fn words(seed: usize, n: usize) -> String {
    const SMALL: [&str; 8] = ["the", "of", "and", "to", "in", "a", "on", "for"];
    (0..n)
        .map(|k| {
            let r = mix(seed * 31 + k);
            if r.is_multiple_of(3) {
                SMALL[r / 3 % 8].to_owned()
            } else {
                word(r % 3_000)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An article of about `bytes` of invented wire prose, and its spans (char ranges and
/// labels): a statement in about one sentence of three, of which the annotator
/// tagged seven in eight (people miss some; and a tagger that could learn every
/// document exactly would stop after a pass or two, which is not what is timed).
fn article(seed: usize, bytes: usize) -> (String, Vec<(usize, usize, &'static str)>) {
    const OFFICES: [&str; 6] = [
        "Foreign Minister",
        "Opposition leader",
        "Senator",
        "Mayor",
        "the spokesman",
        "Deputy",
    ];
    const STANCES: [&str; 8] = [
        "said",
        "denied",
        "warned",
        "rejected claims",
        "argued",
        "insisted",
        "told reporters",
        "doubted",
    ];
    let mut text = String::with_capacity(bytes + 300);
    let mut chars = 0;
    let mut spans = Vec::new();
    let mut i = 0;
    let push = |text: &mut String, chars: &mut usize, s: &str| {
        text.push_str(s);
        *chars += s.chars().count();
    };
    while text.len() < bytes {
        let r = mix(seed * 1_000 + i);
        if r.is_multiple_of(3) {
            let who = name(r % 5_000);
            let (office, stance) = (OFFICES[r / 3 % 6], STANCES[r / 7 % 8]);
            let claim = words(r, 4 + r / 11 % 6);
            let tagged = !(r / 13).is_multiple_of(8);
            let tag = |spans: &mut Vec<_>, at: usize, s: &str, label| {
                if tagged {
                    spans.push((at, at + s.chars().count(), label));
                }
            };
            push(&mut text, &mut chars, &format!("{office} "));
            tag(&mut spans, chars, &who, "actor");
            push(&mut text, &mut chars, &who);
            push(&mut text, &mut chars, " ");
            tag(&mut spans, chars, stance, "stance");
            push(&mut text, &mut chars, stance);
            push(&mut text, &mut chars, " that ");
            tag(&mut spans, chars, &claim, "claim");
            push(&mut text, &mut chars, &claim);
            push(&mut text, &mut chars, ". ");
        } else {
            let mut sentence = words(r, 8 + r % 13);
            sentence[..1].make_ascii_uppercase();
            sentence.push_str(if r.is_multiple_of(7) { ".\n\n" } else { ". " });
            push(&mut text, &mut chars, &sentence);
        }
        i += 1;
    }
    (text, spans)
}

fn bench(c: &mut Criterion) {
    let schema = Schema::default();
    let registry = Registry::default();
    let annotator = AnnotatorName::new("amal").unwrap();
    let read: Vec<(Document, Vec<Annotations>)> = (0..ARTICLES)
        .map(|i| {
            let (text, spans) = article(i, 3_000 + mix(i) % 2_000);
            let d = document(&format!("a{i}"), text);
            let mut a = Annotations::new(&d, annotator.clone());
            for (s, e, label) in spans {
                a.add_span(
                    &d,
                    &schema,
                    NewSpan::new(CharOffset(s), CharOffset(e), label),
                )
                .unwrap();
            }
            a.status = Status::Done;
            (d, vec![a])
        })
        .collect();
    let examples: Vec<Example<'_>> = read
        .iter()
        .map(|(document, annotations)| Example {
            document,
            annotations,
        })
        .collect();
    let bytes: usize = read.iter().map(|(d, _)| d.text().len()).sum();
    let spans: usize = read.iter().map(|(_, a)| a[0].spans.len()).sum();
    let test = document("test", article(ARTICLES + 1, 5_000).0);
    let started = Instant::now();
    let mut tagger = Tagger::new(&schema, &registry);
    tagger.train(&examples);
    let trained_in = started.elapsed();
    let found = tagger.suggest(&test).len();
    assert!(found > 10, "only {found} suggestions in the test article");
    eprintln!(
        "{ARTICLES} articles, {bytes} bytes, {spans} spans: trained once in {trained_in:.1?}; \
         {found} suggestions in {} bytes",
        test.text().len()
    );
    // What each recommender would get on this corpus, as `suggest --evaluate`
    // measures it: 5-fold, exact spans.
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    let tagged = cross_validate(|| Tagger::new(&schema, &registry), &examples, 5, &labels);
    let matched = cross_validate(
        || StringMatcher::new(&schema, &registry),
        &examples,
        5,
        &labels,
    );
    for e in tagged.iter().chain(&matched) {
        let f1 = |s: &claimspan::suggest::evaluate::Scores| {
            s.f1.map_or("—".to_owned(), |x| format!("{x:.3}"))
        };
        let per_label: Vec<String> = e
            .labels
            .iter()
            .map(|s| format!("{} {}", s.label, f1(s)))
            .collect();
        eprintln!(
            "{} 5-fold F1 on {} articles: all {} ({})",
            e.recommender,
            e.documents,
            f1(&e.overall),
            per_label.join(", ")
        );
    }
    let mut group = c.benchmark_group("tagger");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("train on 1,000 articles", |b| {
        b.iter(|| {
            let mut t = Tagger::new(&schema, &registry);
            t.train(black_box(&examples));
            black_box(t)
        })
    });
    group.finish();
    let mut group = c.benchmark_group("tagger");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("suggest in a 5 KB article", |b| {
        b.iter(|| black_box(tagger.suggest(black_box(&test))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
