//! The article cut into paragraphs (the text between two `\n`, each laid out as a
//! unit), and which spans lie in each paragraph with their underline lanes.

use super::LANES;
use crate::model::Span;

/// One line of the article between two `\n`, laid out as a unit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Paragraph {
    /// First char, in chars of the article.
    pub start: usize,
    /// One past the last char (the `\n` or the end).
    pub end: usize,
    /// Where it starts in bytes.
    pub byte_start: usize,
    /// Where it ends in bytes.
    pub byte_end: usize,
}

/// A span's place within one paragraph.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    /// Index into the annotations' spans.
    pub index: u32,
    /// Its underline lane.
    pub lane: u8,
}

/// The smallest span covering char `at`: a click on nested spans selects the inner one.
pub(super) fn innermost_span_at<'a>(
    spans: impl IntoIterator<Item = &'a Span>,
    at: usize,
) -> Option<&'a Span> {
    spans
        .into_iter()
        .filter(|s| s.start.0 <= at && at < s.end.0)
        .min_by_key(|s| s.end.0 - s.start.0)
}

pub(super) fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut char_start = 0;
    let mut byte_start = 0;
    for line in text.split('\n') {
        let chars = line.chars().count();
        paragraphs.push(Paragraph {
            start: char_start,
            end: char_start + chars,
            byte_start,
            byte_end: byte_start + line.len(),
        });
        char_start += chars + 1;
        byte_start += line.len() + 1;
    }
    // A trailing newline leaves an empty last line that shows nothing.
    if paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| p.start == p.end) {
        paragraphs.pop();
    }
    paragraphs
}

/// Which spans lie in each paragraph, kept flat (one allocation however many
/// paragraphs), each with its underline lane.
#[derive(Debug, Default)]
pub(super) struct Placement {
    /// The spans of paragraph `i` are `placed[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    placed: Vec<Placed>,
}

impl Placement {
    /// The spans of paragraph `i`, ordered by start.
    pub fn of(&self, i: usize) -> &[Placed] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.placed[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Places every span in the paragraphs it covers, each with the lowest underline lane
/// free of overlap with spans before it. Rebuilt after every edit, so it is one pass
/// over spans sorted by start, without a search or an allocation per span.
pub(super) fn place_spans(paragraphs: &[Paragraph], spans: &[Span]) -> Placement {
    // The paragraphs a span covers: from the first that ends after its start, while
    // they start before its end. Empty paragraphs have nothing to draw on.
    let covered = |first: usize, end: usize| {
        paragraphs[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, p)| p.start < end)
            .filter(|(_, p)| p.start < p.end)
            .map(move |(k, _)| first + k)
    };
    let mut firsts = Vec::with_capacity(spans.len());
    let mut counts = vec![0u32; paragraphs.len() + 1];
    let mut first = 0;
    for span in spans {
        while first < paragraphs.len() && paragraphs[first].end <= span.start.0 {
            first += 1;
        }
        firsts.push(first);
        for p in covered(first, span.end.0) {
            counts[p] += 1;
        }
    }
    let mut starts = Vec::with_capacity(paragraphs.len() + 1);
    let mut total = 0u32;
    for count in &counts[..paragraphs.len()] {
        starts.push(total);
        total += count;
    }
    starts.push(total);
    let mut placed = vec![Placed { index: 0, lane: 0 }; total as usize];
    let mut cursor: Vec<u32> = starts.clone();
    for (index, (span, &first)) in spans.iter().zip(&firsts).enumerate() {
        for p in covered(first, span.end.0) {
            placed[cursor[p] as usize] = Placed {
                index: index as u32,
                lane: 0,
            };
            cursor[p] += 1;
        }
    }
    // Within a paragraph spans come ordered by start; each takes the first lane whose
    // last span has ended.
    let mut lane_ends: Vec<usize> = Vec::new();
    for window in starts.windows(2) {
        lane_ends.clear();
        for p in &mut placed[window[0] as usize..window[1] as usize] {
            let span = &spans[p.index as usize];
            let lane = lane_ends
                .iter()
                .position(|&end| end <= span.start.0)
                .unwrap_or(lane_ends.len());
            if lane == lane_ends.len() {
                lane_ends.push(span.end.0);
            } else {
                lane_ends[lane] = span.end.0;
            }
            p.lane = lane.min(LANES - 1) as u8;
        }
    }
    Placement { starts, placed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotations, AnnotatorName, CharOffset, Document, NewSpan, Schema};

    #[test]
    fn paragraphs_cover_the_text_between_newlines() {
        let text = "één\n\nzwei drei\n";
        let ps = split_paragraphs(text);
        assert_eq!(ps.len(), 3);
        assert_eq!((ps[0].start, ps[0].end), (0, 3));
        assert_eq!((ps[1].start, ps[1].end), (4, 4));
        assert_eq!((ps[2].start, ps[2].end), (5, 14));
        assert_eq!(&text[ps[2].byte_start..ps[2].byte_end], "zwei drei");
    }

    #[test]
    fn overlapping_spans_get_their_own_lanes() {
        let doc = Document::from_text("Iran’s foreign ministry warned Europe.\nSecond line.");
        let schema = Schema::default();
        let mut a = Annotations::new(&doc, AnnotatorName::new("t").unwrap());
        for (s, e, l) in [
            (0, 4, "actor"),
            (0, 23, "claim"),
            (7, 14, "stance"),
            (24, 30, "stance"),
        ] {
            a.add_span(&doc, &schema, NewSpan::new(CharOffset(s), CharOffset(e), l))
                .unwrap();
        }
        let ps = split_paragraphs(doc.text());
        let placed = place_spans(&ps, &a.spans);
        assert_eq!(placed.of(0).len(), 4);
        assert!(placed.of(1).is_empty());
        let lane = |label: &str, start: usize| {
            placed
                .of(0)
                .iter()
                .find(|p| {
                    let s = &a.spans[p.index as usize];
                    s.label == label && s.start.0 == start
                })
                .unwrap()
                .lane
        };
        assert_ne!(lane("actor", 0), lane("claim", 0));
        assert_ne!(lane("stance", 7), lane("claim", 0));
        assert_eq!(
            lane("stance", 24),
            0,
            "after the others end, lane 0 is free again"
        );
    }

    #[test]
    fn a_span_over_several_paragraphs_is_placed_in_each() {
        let doc = Document::from_text("One two.\n\nThree four.\nFive.");
        let schema = Schema::default();
        let mut a = Annotations::new(&doc, AnnotatorName::new("t").unwrap());
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(4), CharOffset(15), "claim"),
        )
        .unwrap();
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(10), CharOffset(15), "actor"),
        )
        .unwrap();
        let ps = split_paragraphs(doc.text());
        let placed = place_spans(&ps, &a.spans);
        let labels = |i: usize| -> Vec<&str> {
            placed
                .of(i)
                .iter()
                .map(|p| a.spans[p.index as usize].label.as_str())
                .collect()
        };
        assert_eq!(labels(0), ["claim"]);
        assert!(labels(1).is_empty(), "the empty line has nothing to draw");
        assert_eq!(labels(2), ["claim", "actor"]);
        assert!(labels(3).is_empty());
        assert!(placed.of(99).is_empty());
    }

    #[test]
    fn innermost_span_wins_a_click() {
        let doc = Document::from_text("Iran’s foreign ministry warned.");
        let schema = Schema::default();
        let mut a = Annotations::new(&doc, AnnotatorName::new("t").unwrap());
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(0), CharOffset(23), "actor"),
        )
        .unwrap();
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(0), CharOffset(4), "claim"),
        )
        .unwrap();
        assert_eq!(innermost_span_at(&a.spans, 2).unwrap().label, "claim");
        assert_eq!(innermost_span_at(&a.spans, 10).unwrap().label, "actor");
        assert!(innermost_span_at(&a.spans, 25).is_none());
    }
}
