#![no_main]
//! Fuzzes the wire-story splitter with arbitrary text and checks what it promises:
//! every article's text is cut from the input verbatim (after its headline line),
//! in order and without overlap, with no leading or trailing whitespace; no line of
//! the input is lost except the header furniture that moves into fields; whitespace
//! alone gives no article and anything else at least one.

use claimspan::formats::wire::{WireArticle, split_articles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let articles = split_articles(input);
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    assert_eq!(articles.is_empty(), text.trim().is_empty(), "{articles:?}");
    let mut from = 0;
    for article in &articles {
        from = check_cut(text, from, article);
        check_fields(text, article);
    }
    check_no_line_lost(text, &articles);
});

/// Checks that `article`'s text is cut from `text` at or after byte `from`; returns
/// where the cut piece ends.
fn check_cut(text: &str, from: usize, article: &WireArticle) -> usize {
    assert!(!article.text.is_empty(), "{article:?}");
    assert_eq!(article.text.trim(), article.text, "{article:?}");
    let headline = article.headline.as_deref().expect("a headline");
    assert!(
        !headline.is_empty() && text.contains(headline),
        "{article:?}"
    );
    let rest = &text[from..];
    // Cut whole (text without the wire layout), or the headline line and then the
    // body cut from after the header furniture. The earliest end either could have is
    // where the next article may start at the soonest.
    let mut pieces = vec![article.text.as_str()];
    match article.text.strip_prefix(headline) {
        Some("") => return from,
        Some(body) if body.starts_with('\n') => pieces.push(&body[1..]),
        _ => {}
    }
    pieces
        .iter()
        .filter_map(|piece| rest.find(piece).map(|at| from + at + piece.len()))
        .min()
        .unwrap_or_else(|| panic!("not cut from the input in order: {article:?}"))
}

fn check_fields(text: &str, article: &WireArticle) {
    for field in [&article.caption, &article.dateline] {
        if let Some(field) = field {
            assert!(
                !field.is_empty() && text.contains(field.as_str()),
                "{article:?}"
            );
        }
    }
    if let Some(agency) = &article.agency {
        let in_caption = article
            .caption
            .as_ref()
            .is_some_and(|c| c.contains(agency.as_str()));
        assert!(
            in_caption || article.text.contains(agency.as_str()),
            "{article:?}"
        );
    }
    if let Some(date) = &article.date {
        let b = date.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        assert!(ok, "not an ISO date: {article:?}");
    }
}

/// Every non-blank line of the input is in some article's text, unless it is header
/// furniture: a headline or caption (also repeated), an `Updated` line or a counter.
fn check_no_line_lost(text: &str, articles: &[WireArticle]) {
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        let furniture = line.starts_with("Updated")
            || line.bytes().all(|b| b.is_ascii_digit())
            || articles
                .iter()
                .any(|a| a.headline.as_deref() == Some(line) || a.caption.as_deref() == Some(line));
        assert!(
            furniture || articles.iter().any(|a| a.text.contains(line)),
            "the line {line:?} was lost: {articles:?}"
        );
    }
}
