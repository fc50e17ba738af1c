//! IOB2 tags over tokens, shared by the CoNLL and Hugging Face exports.
//!
//! Tokens come from [`crate::model::tokens`], cut at every span edge, so a span
//! always covers whole tokens and is never moved to fit them. One tag column per
//! label lets overlapping spans of different labels all be written; what still cannot
//! be written (same-label overlaps, or any overlap with `--flat`) is counted.

use super::Losses;
use crate::model::{CharOffset, Span, Token, sentences, tokens};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

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

/// The label lists of the columns: one column per label, or one for all with `flat`.
fn column_labels<'l>(labels: &[&'l str], flat: bool) -> Vec<Vec<&'l str>> {
    if flat {
        vec![labels.to_vec()]
    } else {
        labels.iter().map(|l| vec![*l]).collect()
    }
}

/// Why a span was left out of a tag column.
pub(crate) const LEFT_OUT_FLAT: &str = "spans left out of the single --flat tag column because they overlap another span (drop --flat to get one column per label)";
const LEFT_OUT_SAME_LABEL: &str = "spans left out because they overlap another span of the same label (IOB2 holds one span per token and label)";
const NO_TOKEN: &str = "spans covering only white space, so no token to tag";

/// Tags spans over tokens whose offsets are counted from the start of `text`; spans
/// of other labels are ignored and what cannot be tagged is counted.
fn tag_tokens<'l>(
    toks: &[Token],
    spans: &[&Span],
    labels: &[&'l str],
    flat: bool,
    losses: &mut Losses,
    shift: usize,
) -> Vec<Column<'l>> {
    let mut columns: Vec<Column<'l>> = column_labels(labels, flat)
        .into_iter()
        .map(|labels| Column {
            labels,
            tags: vec![Tag::O; toks.len()],
        })
        .collect();
    // Earlier first, and the longer of two that start together, so an enclosing
    // claim wins over the actor inside it in a flat column.
    let mut order: Vec<&Span> = spans.to_vec();
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
        let (start, end) = (
            span.start.0.saturating_sub(shift),
            span.end.0.saturating_sub(shift),
        );
        let first = toks.partition_point(|t| t.start.0 < start);
        let last = toks.partition_point(|t| t.end.0 <= end);
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
    columns
}

/// One stretch of the text with its tokens and tags: the unit the tagger holds in
/// memory at once, so an export's memory does not grow with the article.
pub(crate) struct Chunk<'t, 'l> {
    text: &'t str,
    /// The chunk's first char in the document.
    char_start: usize,
    /// Tokens in chars from the start of the chunk.
    tokens: Vec<Token>,
    /// Each token's bytes in the chunk's text.
    bytes: Vec<(usize, usize)>,
    columns: Vec<Column<'l>>,
}

/// One sentence of a chunk, as the writers see it.
pub(crate) struct Sentence<'c, 't, 'l> {
    chunk: &'c Chunk<'t, 'l>,
    range: Range<usize>,
}

impl<'c, 't, 'l> Sentence<'c, 't, 'l> {
    /// Its tokens' indices, for [`Sentence::text`], [`Sentence::token`] and tags.
    pub fn indices(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Token `i` in the document's chars.
    pub fn token(&self, i: usize) -> Token {
        let t = self.chunk.tokens[i];
        Token {
            start: CharOffset(t.start.0 + self.chunk.char_start),
            end: CharOffset(t.end.0 + self.chunk.char_start),
        }
    }

    /// The text of token `i`.
    pub fn text(&self, i: usize) -> &'t str {
        let (s, e) = self.chunk.bytes[i];
        self.chunk.text.get(s..e).unwrap_or_default()
    }

    /// The columns, each with its labels and the tags of the whole chunk (index them
    /// with [`Sentence::indices`]).
    pub fn columns(&self) -> &'c [Column<'l>] {
        &self.chunk.columns
    }
}

/// How long a stretch of text the tagger takes at once, at least: long enough that
/// cutting costs nothing, short enough that its tokens and tags are small.
const CHUNK_BYTES: usize = 64 * 1024;

/// Tags `spans` over `text`, one column per label in `labels` (or one for all with
/// `flat`), and calls `each` with every sentence in order. Returns how many there
/// were.
///
/// The text is taken a stretch at a time, cut only where a sentence starts after a
/// line break or after white space before a plain ASCII char, and no span crosses:
/// there a new word starts whatever came before (UAX #29 WB3a, WB999), so each
/// stretch has exactly the tokens and sentences it has within the whole text (a
/// property test checks it).
pub(crate) fn for_each_sentence<'t, 'l, E>(
    text: &'t str,
    spans: &[Span],
    labels: &[&'l str],
    flat: bool,
    losses: &mut Losses,
    mut each: impl FnMut(&Sentence<'_, 't, 'l>) -> Result<(), E>,
) -> Result<usize, E> {
    for_each_chunk(text, spans, CHUNK_BYTES, |chunk_text, char_start, spans| {
        let chunk = make_chunk(chunk_text, char_start, spans, labels, flat, losses);
        let mut n = 0;
        for range in sentence_ranges(chunk_text, spans, char_start, &chunk.tokens) {
            each(&Sentence {
                chunk: &chunk,
                range,
            })?;
            n += 1;
        }
        Ok(n)
    })
}

fn make_chunk<'t, 'l>(
    text: &'t str,
    char_start: usize,
    spans: &[&Span],
    labels: &[&'l str],
    flat: bool,
    losses: &mut Losses,
) -> Chunk<'t, 'l> {
    let toks = tokens(
        text,
        spans
            .iter()
            .flat_map(|s| [s.start.0, s.end.0])
            .map(|at| at.saturating_sub(char_start))
            .map(CharOffset),
    );
    let columns = tag_tokens(&toks, spans, labels, flat, losses, char_start);
    let bytes = token_bytes(text, &toks);
    Chunk {
        text,
        char_start,
        tokens: toks,
        bytes,
        columns,
    }
}

/// The byte range of each token (in order) in `text`, in one walk.
fn token_bytes(text: &str, toks: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(toks.len());
    let mut chars = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let mut at = 0;
    let mut byte = chars.next().unwrap_or(text.len());
    let mut seek = |to: usize, at: &mut usize, byte: &mut usize| {
        while *at < to {
            *byte = chars.next().unwrap_or(text.len());
            *at += 1;
        }
        *byte
    };
    for t in toks {
        let s = seek(t.start.0, &mut at, &mut byte);
        let e = seek(t.end.0, &mut at, &mut byte);
        out.push((s, e));
    }
    out
}

/// Cuts `text` into stretches of at least `target` bytes (see [`for_each_sentence`])
/// and calls `each` with each stretch, its first char's offset and the spans that
/// start in it; returns the sum of what `each` returned.
fn for_each_chunk<'t, E>(
    text: &'t str,
    spans: &[Span],
    target: usize,
    mut each: impl FnMut(&'t str, usize, &[&Span]) -> Result<usize, E>,
) -> Result<usize, E> {
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by_key(|s| s.start);
    let (mut chunk_byte, mut chunk_char, mut first_span) = (0, 0, 0);
    // Spans starting before the candidate cut, and the furthest end among them.
    let (mut started, mut reach) = (0, 0);
    let mut chars = 0;
    let mut total = 0;
    for (byte, sentence) in text.split_sentence_bound_indices() {
        if byte > 0 && byte - chunk_byte >= target && is_cut(text, byte) {
            while started < sorted.len() && sorted[started].start.0 < chars {
                reach = reach.max(sorted[started].end.0);
                started += 1;
            }
            if reach <= chars {
                total += each(
                    &text[chunk_byte..byte],
                    chunk_char,
                    &sorted[first_span..started],
                )?;
                (chunk_byte, chunk_char, first_span) = (byte, chars, started);
            }
        }
        chars += sentence.chars().count();
    }
    if chunk_byte < text.len() || first_span < sorted.len() {
        // Spans past the end (none, after `keep_usable`) come last and find no token.
        total += each(&text[chunk_byte..], chunk_char, &sorted[first_span..])?;
    }
    Ok(total)
}

/// A new word starts at `byte` whatever precedes it: after a line break, or after
/// white space before a printable ASCII char (never a combining mark or joiner). And
/// the char there is not white space, so the sentence starts right there: a span
/// that starts in white space before a sentence joins it to the one before, and
/// that span must not be the first of a stretch.
fn is_cut(text: &str, byte: usize) -> bool {
    let before = text[..byte].chars().next_back();
    let at = text[byte..].chars().next();
    match (before, at) {
        (Some('\n'), Some(a)) => !a.is_whitespace(),
        (Some(b), Some(a)) => b.is_whitespace() && a.is_ascii_graphic(),
        _ => false,
    }
}

/// Sentences of a chunk as token ranges; a sentence break inside a span is dropped,
/// so a span never continues with `I-` after a blank line.
fn sentence_ranges(text: &str, spans: &[&Span], shift: usize, toks: &[Token]) -> Vec<Range<usize>> {
    let mut covered: Vec<(usize, usize)> = spans
        .iter()
        .map(|s| {
            (
                s.start.0.saturating_sub(shift),
                s.end.0.saturating_sub(shift),
            )
        })
        .collect();
    covered.sort_unstable();
    // The furthest end among the first i spans, so a crossing is found at once.
    let mut reach = Vec::with_capacity(covered.len() + 1);
    reach.push(0);
    for (_, end) in &covered {
        reach.push((*end).max(reach[reach.len() - 1]));
    }
    let crosses = |at: usize| {
        // Any span that starts before `at` and ends after it.
        reach[covered.partition_point(|(s, _)| *s < at)] > at
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
pub(crate) mod tests {
    use super::*;
    use crate::model::SpanId;
    use proptest::prelude::*;

    /// A bare span for tests of token-based writers (its id from its start).
    pub(crate) fn span(start: usize, end: usize, label: &str) -> Span {
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

    /// Everything the writers see, gathered: per sentence, its tokens (document
    /// chars, with their text) and per column their tag names.
    type Gathered = Vec<Vec<(usize, usize, String, Vec<String>)>>;

    fn gather(
        text: &str,
        spans: &[Span],
        labels: &[&str],
        flat: bool,
        target: usize,
    ) -> (Gathered, Losses) {
        let mut losses = Losses::default();
        let mut out: Gathered = Vec::new();
        let _ = for_each_chunk(text, spans, target, |chunk_text, char_start, spans| {
            let chunk = make_chunk(chunk_text, char_start, spans, labels, flat, &mut losses);
            for range in sentence_ranges(chunk_text, spans, char_start, &chunk.tokens) {
                let sentence = Sentence {
                    chunk: &chunk,
                    range,
                };
                out.push(
                    sentence
                        .indices()
                        .map(|i| {
                            let t = sentence.token(i);
                            let tags = sentence
                                .columns()
                                .iter()
                                .map(|c| match c.tags[i] {
                                    Tag::O => "O".to_owned(),
                                    Tag::B(l) => format!("B-{}", c.labels[l]),
                                    Tag::I(l) => format!("I-{}", c.labels[l]),
                                })
                                .collect();
                            (t.start.0, t.end.0, sentence.text(i).to_owned(), tags)
                        })
                        .collect(),
                );
            }
            Ok::<usize, ()>(0)
        });
        (out, losses)
    }

    /// The whole text as one stretch: what the export did before it streamed.
    fn whole(text: &str, spans: &[Span], labels: &[&str], flat: bool) -> (Gathered, Losses) {
        gather(text, spans, labels, flat, usize::MAX)
    }

    #[test]
    fn overlapping_spans_get_their_own_columns_or_are_counted_when_flat() {
        let text = "Iran’s envoy rejected the deal. Talks resume.";
        let spans = [
            span(0, 12, "actor"),
            span(0, 30, "claim"),
            span(0, 4, "actor"),
        ];
        let (t, losses) = whole(text, &spans, &["actor", "claim"], false);
        let first: Vec<(&str, &[String])> = t[0][..4]
            .iter()
            .map(|(_, _, w, tags)| (w.as_str(), tags.as_slice()))
            .collect();
        let tags = |a: &str, c: &str| vec![a.to_owned(), c.to_owned()];
        assert_eq!(
            first,
            [
                ("Iran", tags("B-actor", "B-claim").as_slice()),
                ("’s", tags("I-actor", "I-claim").as_slice()),
                ("envoy", tags("I-actor", "I-claim").as_slice()),
                ("rejected", tags("O", "I-claim").as_slice()),
            ]
        );
        assert_eq!(
            losses.iter().collect::<Vec<_>>(),
            [(LEFT_OUT_SAME_LABEL, 1)]
        );
        assert_eq!(t.len(), 2);

        let (t, losses) = whole(text, &spans, &["actor", "claim"], true);
        assert_eq!(t[0][0].3, ["B-claim"], "the enclosing claim wins");
        assert_eq!(losses.get(LEFT_OUT_FLAT), 2);
    }

    #[test]
    fn a_span_across_a_sentence_break_keeps_the_sentence_whole() {
        let text = "He said no. She agreed. Then they left.";
        let (t, _) = whole(text, &[span(3, 22, "claim")], &["claim"], false);
        assert_eq!(t.len(), 2);
        assert_eq!(tag_names(&["actor"]), ["O", "B-actor", "I-actor"]);
        assert_eq!(Tag::I(1).id(), 4);
    }

    #[test]
    fn a_long_text_is_cut_between_sentences_but_never_inside_a_span() {
        let sentence = "The bloc said no. ";
        let text = sentence.repeat(20_000);
        let n = sentence.chars().count();
        // A claim over two sentences every hundred sentences.
        let spans: Vec<Span> = (0..200)
            .map(|k| span(k * 100 * n + 4, k * 100 * n + n + 8, "claim"))
            .collect();
        let mut cuts = 0;
        let _ = for_each_chunk(&text, &spans, CHUNK_BYTES, |_, _, _| {
            cuts += 1;
            Ok::<usize, ()>(0)
        });
        assert!(cuts > 3, "{cuts} stretches");
        assert_eq!(
            gather(&text, &spans, &["claim"], false, CHUNK_BYTES),
            whole(&text, &spans, &["claim"], false)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Cut anywhere the tagger may cut, the tokens, tags and sentences are those
        /// of the whole text.
        #[test]
        fn stretches_give_what_the_whole_text_gives(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("a"), Just("B"), Just("Mr."), Just("etc."), Just(". "), Just("? "),
                    Just("! "), Just(" "), Just("  "), Just("\n"), Just("\n\n"), Just("("),
                    Just(")"), Just("“"), Just("”"), Just("\""), Just("1"), Just("2.5"),
                    Just(","), Just("’s"), Just("é"), Just("e\u{301}"), Just("\u{301}"),
                    Just("🇮🇷"), Just("👩\u{200d}👩"), Just("\u{200d}"), Just("قال"),
                    Just("\u{200c}"), Just("\t"), Just("x.Y"), Just("3,"), Just("-"),
                ],
                0..60,
            ),
            raw in proptest::collection::vec((0usize..200, 0usize..12, 0usize..3), 0..6),
            flat in any::<bool>(),
        ) {
            let text: String = pieces.concat();
            let len = text.chars().count();
            let labels = ["actor", "stance", "claim"];
            let spans: Vec<Span> = raw
                .into_iter()
                .filter_map(|(s, l, k)| {
                    let start = s.min(len);
                    let end = (start + l + 1).min(len);
                    (start < end).then(|| span(start, end, labels[k]))
                })
                .collect();
            let (cut, cut_losses) = gather(&text, &spans, &labels, flat, 1);
            let (all, all_losses) = whole(&text, &spans, &labels, flat);
            prop_assert_eq!(cut, all);
            prop_assert_eq!(cut_losses, all_losses);
        }
    }
}
