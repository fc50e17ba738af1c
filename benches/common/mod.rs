//! Invented article text shared by the benchmarks.
#![allow(dead_code)]

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
