//! Invented articles and project folders shared by the benchmarks.
#![allow(dead_code)]

use claimspan::model::{ArticleMeta, Document, DocumentId, TextHash};
use claimspan::store::{NewArticle, Project, WriteBatch};
use std::path::{Path, PathBuf};

const WORDS: [&str; 16] = [
    "coalition",
    "talks",
    "Iran’s",
    "minister",
    "“rejected”",
    "sanctions",
    "oil",
    "exports",
    "parliament",
    "bloc",
    "said",
    "on",
    "Wednesday",
    "the",
    "demands",
    "Iraq’s",
];

/// An invented wire story of about `bytes` bytes, different for every `i`, with a
/// paragraph break after about one word in `paragraph_words`.
pub fn story_with_paragraphs(i: usize, bytes: usize, paragraph_words: usize) -> String {
    let mut text = format!(
        "Story {i}: coalition talks stall as blocs trade demands\nFile photo. (AFP)\nUpdated 14 June 2018\n0\nStory {i}: coalition talks stall as blocs trade demands\n  • Bullet {i}\nBAGHDAD: "
    );
    let mut k = i;
    while text.len() < bytes {
        k = k
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(WORDS[(k >> 33) % WORDS.len()]);
        text.push(if (k >> 20).is_multiple_of(paragraph_words) {
            '\n'
        } else {
            ' '
        });
    }
    text
}

/// An invented wire story of about `bytes` bytes with short paragraphs.
pub fn story(i: usize, bytes: usize) -> String {
    story_with_paragraphs(i, bytes, 13)
}

/// Adds invented story `i` of about `bytes` bytes to `project` (titled `Story i`,
/// dated 2018-06-14) and returns it as stored.
pub fn add_story(
    project: &mut Project,
    batch: &mut WriteBatch,
    i: usize,
    bytes: usize,
    paragraph_words: usize,
) -> Document {
    let new = NewArticle {
        text: story_with_paragraphs(i, bytes, paragraph_words),
        title: format!("Story {i}"),
        date: Some("2018-06-14".into()),
        original_file: "bench.txt".into(),
        ..NewArticle::default()
    };
    let id = project
        .add_article(new, batch)
        .expect("the story is added")
        .id()
        .clone();
    project.load_document(&id).expect("the story reads back")
}

/// Where file-heavy work is measured, with the bench id for each: the system's temp
/// folder, and tmpfs where there is one — the difference is what the file system
/// charges for creating files.
pub fn places(name: &str) -> Vec<(String, PathBuf)> {
    let mut places = vec![(name.to_owned(), std::env::temp_dir())];
    if Path::new("/dev/shm").is_dir() {
        places.push((format!("{name}_tmpfs"), Path::new("/dev/shm").to_owned()));
    }
    places
}

/// One statement to code: the actor's entity id, the stance's polarity and the
/// claim's category id.
pub struct Coded<'a> {
    /// The actor's entity.
    pub entity: &'a str,
    /// `support` or `oppose`.
    pub polarity: &'a str,
    /// The claim's category.
    pub category: &'a str,
}

/// Codes `statements` into `annotations`: for each an actor, a stance and a claim
/// span of 12 chars (the `s`-th from char 120 + 100·s), linked actor → stance →
/// claim, as an analyst codes a statement.
pub fn code_statements(
    document: &Document,
    annotations: &mut claimspan::model::Annotations,
    schema: &claimspan::model::Schema,
    statements: &[Coded<'_>],
) {
    use claimspan::model::{CharOffset, NewSpan};
    for (s, coded) in statements.iter().enumerate() {
        let start = 120 + s * 100;
        let span = |offset: usize, label: &str, key: &str, value: &str| {
            let mut new = NewSpan::new(
                CharOffset(start + offset),
                CharOffset(start + offset + 12),
                label,
            );
            new.attributes.insert(key.into(), value.into());
            new
        };
        let add = |annotations: &mut claimspan::model::Annotations, new| {
            annotations
                .add_span(document, schema, new)
                .expect("the span fits the story")
        };
        let actor = add(annotations, span(0, "actor", "entity", coded.entity));
        let stance = add(annotations, span(20, "stance", "polarity", coded.polarity));
        let claim = add(annotations, span(40, "claim", "category", coded.category));
        annotations
            .add_link(schema, actor, stance)
            .expect("an actor holds a stance");
        annotations
            .add_link(schema, stance, claim)
            .expect("a stance is about a claim");
    }
}

/// A reproducible pseudo-random number.
pub fn mix(i: usize) -> usize {
    let mut k = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^= k >> 31;
    k = k.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    k ^= k >> 29;
    k as usize
}

/// A document of `text` with id `id`, made directly, not through a project.
pub fn document(id: &str, text: String) -> Document {
    let meta = ArticleMeta {
        id: DocumentId::new(id).expect("a valid id"),
        title: String::new(),
        date: None,
        source: None,
        dateline: None,
        caption: None,
        original_file: String::new(),
        text_hash: TextHash::of(&text),
        extra: std::collections::BTreeMap::new(),
    };
    Document::new(meta, text)
}
