//! IOB2 tags over tokens, shared by the CoNLL and Hugging Face exports.
//!
//! Tokens come from [`crate::model::tokens`], cut at every span edge, so a span
//! always covers whole tokens and is never moved to fit them. One tag column per
//! label lets overlapping spans of different labels all be written; what still cannot
//! be written (same-label overlaps, or any overlap with `--flat`) is counted.

use super::Losses;
use crate::model::{CharOffset, Span, Token, sentences, tokens};

/// One tag: outside, or the beginning or inside of a span of the label at this index
/// of the column's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    O,
    B(usize),
    I(usize),
}

impl Tag {
    /// The tag's id in a column whose labels are numbered from 0: O is 0, then B and
    /// I of each label in turn (`O, B-actor, I-actor, B-stance, …`).
    pub fn id(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(l) => 1 + 2 * l,
            Tag::I(l) => 2 + 2 * l,
        }
    }
}

/// The tag names of a column with these labels, in id order.
pub(crate) fn tag_names(labels: &[&str]) -> Vec<String> {
    let mut names = vec!["O".to_owned()];
    for label in labels {
        names.push(format!("B-{label}"));
        names.push(format!("I-{label}"));
    }
    names
}

/// A column of tags and the labels it holds.
pub(crate) struct Column<'l> {
    /// `actor` for one label per column, or every label with `--flat`.
    pub labels: Vec<&'l str>,
    /// One tag per token.
    pub tags: Vec<Tag>,
}

/// A document's tokens, sentences (as token ranges) and tag columns.
pub(crate) struct Tagged<'l> {
    pub tokens: Vec<Token>,
    pub sentences: Vec<std::ops::Range<usize>>,
    pub columns: Vec<Column<'l>>,
}

/// The byte offset of every char of `text` and of its end, so that slicing a token
/// costs nothing however long the article (an export slices every token).
pub(crate) fn char_bytes(text: &str) -> Vec<usize> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    bytes
}

/// The text of `token`, given [`char_bytes`] of `text`.
pub(crate) fn token_text<'t>(text: &'t str, bytes: &[usize], token: &Token) -> &'t str {
    match (bytes.get(token.start.0), bytes.get(token.end.0)) {
        (Some(&s), Some(&e)) => text.get(s..e).unwrap_or_default(),
        _ => "",
    }
}

/// Why a span was left out of a tag column.
pub(crate) const LEFT_OUT_FLAT: &str = "spans left out of the single --flat tag column because they overlap another span (drop --flat to get one column per label)";
const LEFT_OUT_SAME_LABEL: &str = "spans left out because they overlap another span of the same label (IOB2 holds one span per token and label)";
const NO_TOKEN: &str = "spans covering only white space, so no token to tag";

/// Tags `spans` over `text`: one column per label in `labels`, or one for all with
/// `flat`. Spans of other labels are ignored; what cannot be tagged is counted.
pub(crate) fn tag<'l>(
    text: &str,
    spans: &[Span],
    labels: &[&'l str],
    flat: bool,
    losses: &mut Losses,
) -> Tagged<'l> {
    let toks = tokens(text, spans.iter().flat_map(|s| [s.start, s.end]));
    let mut columns: Vec<Column<'l>> = if flat {
        vec![Column {
            labels: labels.to_vec(),
            tags: vec![Tag::O; toks.len()],
        }]
    } else {
        labels
            .iter()
            .map(|l| Column {
                labels: vec![*l],
                tags: vec![Tag::O; toks.len()],
            })
            .collect()
    };
    // Earlier first, and the longer of two that start together, so an enclosing
    // claim wins over the actor inside it in a flat column.
    let mut order: Vec<&Span> = spans.iter().collect();
    order.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    for span in order {
        let Some((column, label)) = columns.iter().enumerate().find_map(|(c, col)| {
            col.labels
                .iter()
                .position(|l| *l == span.label)
                .map(|l| (c, l))
        }) else {
            continue;
        };
        let first = toks.partition_point(|t| t.start < span.start);
        let last = toks.partition_point(|t| t.end <= span.end);
        if first >= last {
            losses.add(NO_TOKEN, 1);
            continue;
        }
        let tags = &mut columns[column].tags[first..last];
        if tags.iter().any(|t| *t != Tag::O) {
            losses.add(
                if flat {
                    LEFT_OUT_FLAT
                } else {
                    LEFT_OUT_SAME_LABEL
                },
                1,
            );
            continue;
        }
        tags[0] = Tag::B(label);
        for t in &mut tags[1..] {
            *t = Tag::I(label);
        }
    }
    let sentences = sentence_ranges(text, spans, &toks);
    Tagged {
        tokens: toks,
        sentences,
        columns,
    }
}

/// Sentences as token ranges; a sentence break inside a span is dropped, so a span
/// never continues with `I-` after a blank line.
fn sentence_ranges(text: &str, spans: &[Span], toks: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut covered: Vec<(usize, usize)> = spans.iter().map(|s| (s.start.0, s.end.0)).collect();
    covered.sort_unstable();
    let crosses = |at: usize| {
        // Any span that starts before `at` and ends after it.
        let upto = covered.partition_point(|(s, _)| *s < at);
        covered[..upto].iter().any(|(_, e)| *e > at)
    };
    let mut starts: Vec<usize> = Vec::new();
    for (i, (start, _)) in sentences(text).into_iter().enumerate() {
        if i == 0 || !crosses(start.0) {
            starts.push(start.0);
        }
    }
    let mut ranges = Vec::with_capacity(starts.len());
    let mut from = 0;
    for next in starts.iter().skip(1) {
        let to = toks.partition_point(|t| t.start < CharOffset(*next));
        if to > from {
            ranges.push(from..to);
        }
        from = to;
    }
    if toks.len() > from {
        ranges.push(from..toks.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpanId;

    fn span(start: usize, end: usize, label: &str) -> Span {
        Span {
            id: SpanId(start as u32 + 1),
            start: CharOffset(start),
            end: CharOffset(end),
            label: label.into(),
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
            anchor: None,
        }
    }

    #[test]
    fn overlapping_spans_get_their_own_columns_or_are_counted_when_flat() {
        let text = "Iran’s envoy rejected the deal. Talks resume.";
        let spans = [
            span(0, 12, "actor"),
            span(0, 30, "claim"),
            span(0, 4, "actor"),
        ];
        let mut losses = Losses::default();
        let t = tag(text, &spans, &["actor", "claim"], false, &mut losses);
        let words: Vec<&str> = t
            .tokens
            .iter()
            .map(|k| {
                &text[text.char_indices().nth(k.start.0).unwrap().0
                    ..text.char_indices().nth(k.end.0).map_or(text.len(), |x| x.0)]
            })
            .collect();
        assert_eq!(words[..4], ["Iran", "’s", "envoy", "rejected"]);
        assert_eq!(
            t.columns[0].tags[..4],
            [Tag::B(0), Tag::I(0), Tag::I(0), Tag::O]
        );
        assert_eq!(
            t.columns[1].tags[..4],
            [Tag::B(0), Tag::I(0), Tag::I(0), Tag::I(0)]
        );
        assert_eq!(
            losses.iter().collect::<Vec<_>>(),
            [(LEFT_OUT_SAME_LABEL, 1)]
        );
        assert_eq!(t.sentences.len(), 2);

        let mut losses = Losses::default();
        let t = tag(text, &spans, &["actor", "claim"], true, &mut losses);
        assert_eq!(t.columns.len(), 1);
        assert_eq!(t.columns[0].tags[0], Tag::B(1), "the enclosing claim wins");
        assert_eq!(losses.get(LEFT_OUT_FLAT), 2);
    }

    #[test]
    fn a_span_across_a_sentence_break_keeps_the_sentence_whole() {
        let text = "He said no. She agreed. Then they left.";
        let t = tag(
            text,
            &[span(3, 22, "claim")],
            &["claim"],
            false,
            &mut Losses::default(),
        );
        assert_eq!(t.sentences.len(), 2);
        assert_eq!(tag_names(&["actor"]), ["O", "B-actor", "I-actor"]);
        assert_eq!(Tag::I(1).id(), 4);
    }
}
