//! Invented articles and project folders shared by the benchmarks.
#![allow(dead_code)]

use claimspan::model::Document;
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
