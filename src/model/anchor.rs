//! Re-anchoring: what happens to spans when their article's text has changed.
//!
//! A span whose stored text still stands at its offsets stays. One whose text now
//! occurs exactly once elsewhere moves there and is flagged as moved. Any other is
//! kept where it was and flagged for a person to place: nothing is moved on a guess
//! and nothing is dropped.

use super::annotations::Annotations;
use super::document::Document;
use super::offsets::{ByteOffset, CharOffset};
use super::span::{AnchorFlag, SpanId};

/// What re-anchoring did to one span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reanchored {
    /// The span.
    pub span: SpanId,
    /// Moved, or left unplaced.
    pub flag: AnchorFlag,
}

/// Fits `annotations` to the current text of `document` when the hash they recorded
/// differs, and returns what changed. Afterwards they record the new hash, so saving
/// them keeps the flags with offsets that refer to the new text.
pub fn reanchor(annotations: &mut Annotations, document: &Document) -> Vec<Reanchored> {
    if &annotations.text_hash == document.hash() {
        return Vec::new();
    }
    let mut changes = Vec::new();
    for span in &mut annotations.spans {
        if document.slice(span.start, span.end) == Some(span.text.as_str()) {
            continue;
        }
        let flag = match find_unique(document, &span.text) {
            Ok((start, end)) => {
                let flag = AnchorFlag::Moved {
                    from_start: span.start,
                    from_end: span.end,
                };
                span.start = start;
                span.end = end;
                flag
            }
            Err(occurrences) => AnchorFlag::Unplaced { occurrences },
        };
        span.anchor = Some(flag.clone());
        changes.push(Reanchored {
            span: span.id,
            flag,
        });
    }
    // Moved spans may now be out of order.
    annotations
        .spans
        .sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    super::rejection::follow_rejections(annotations, document);
    annotations.text_hash = document.hash().clone();
    changes
}

/// Where a place that covered `text` is in `document` now: where it was if its text
/// still stands there, else the one place the text occurs; `Err` with the number of
/// occurrences (0, or 2 for "more than one") when there is no one place.
pub fn place_of_text(
    document: &Document,
    start: CharOffset,
    end: CharOffset,
    text: &str,
) -> Result<(CharOffset, CharOffset), usize> {
    if document.slice(start, end) == Some(text) {
        return Ok((start, end));
    }
    find_unique(document, text)
}

/// The only place `needle` occurs, or how many places it occurs (0, or 2 meaning
/// "more than one"). Occurrences that overlap count apart: "ha ha" is in "ha ha ha"
/// twice, so a span with that text has no one place to move to.
fn find_unique(document: &Document, needle: &str) -> Result<(CharOffset, CharOffset), usize> {
    if needle.is_empty() {
        return Err(0);
    }
    let text = document.text();
    let first = text.find(needle).ok_or(0usize)?;
    // A second occurrence may start anywhere after the first one's first char,
    // inside it included (`match_indices` would skip those).
    let step = text[first..].chars().next().map_or(1, char::len_utf8);
    if text[first + step..].contains(needle) {
        return Err(2);
    }
    let offsets = document.offsets();
    let start = offsets.to_char(text, ByteOffset(first)).ok_or(0usize)?;
    let end = offsets
        .to_char(text, ByteOffset(first + needle.len()))
        .ok_or(0usize)?;
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotations::NewSpan;
    use crate::model::ids::AnnotatorName;
    use crate::model::schema::Schema;

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    fn span_at(a: &mut Annotations, d: &Document, text: &str, label: &str) -> SpanId {
        let start = d.text().find(text).unwrap();
        let start = d.offsets().to_char(d.text(), ByteOffset(start)).unwrap();
        let end = CharOffset(start.0 + text.chars().count());
        let new = NewSpan {
            start,
            end,
            label: label.into(),
            ..NewSpan::default()
        };
        a.add_span(d, &Schema::default(), new).unwrap()
    }

    #[test]
    fn unchanged_text_changes_nothing() {
        let d = doc("Iran’s minister spoke.");
        let mut a = Annotations::new(&d, AnnotatorName::new("a").unwrap());
        span_at(&mut a, &d, "minister", "actor");
        let before = a.clone();
        assert!(reanchor(&mut a, &d).is_empty());
        assert_eq!(a, before);
    }

    #[test]
    fn moves_unique_keeps_and_flags_the_rest() {
        let old = doc("Iran’s minister spoke. The talks failed. The talks resumed.");
        let mut a = Annotations::new(&old, AnnotatorName::new("a").unwrap());
        let minister = span_at(&mut a, &old, "minister", "actor");
        let talks = span_at(&mut a, &old, "talks", "claim");
        let spoke = span_at(&mut a, &old, "spoke", "stance");
        // A line is added at the top and "spoke" is reworded.
        let new = doc("UPDATE\nIran’s minister said it. The talks failed. The talks resumed.");
        let changes = reanchor(&mut a, &new);
        let m = a.span(minister).unwrap();
        assert_eq!(
            (m.start.0, m.end.0, new.slice(m.start, m.end)),
            (14, 22, Some("minister"))
        );
        assert_eq!(
            m.anchor,
            Some(AnchorFlag::Moved {
                from_start: CharOffset(7),
                from_end: CharOffset(15)
            })
        );
        assert_eq!(
            a.span(talks).unwrap().anchor,
            Some(AnchorFlag::Unplaced { occurrences: 2 })
        );
        assert_eq!(
            a.span(talks).unwrap().start,
            CharOffset(27),
            "kept, not guessed"
        );
        assert_eq!(
            a.span(spoke).unwrap().anchor,
            Some(AnchorFlag::Unplaced { occurrences: 0 })
        );
        assert_eq!(changes.len(), 3);
        assert_eq!(a.spans.len(), 3, "nothing dropped");
        assert_eq!(&a.text_hash, new.hash());
    }

    #[test]
    fn a_text_found_twice_where_the_places_overlap_is_not_moved() {
        let old = doc("They said: ha ha, and left.");
        let mut a = Annotations::new(&old, AnnotatorName::new("a").unwrap());
        let laugh = span_at(&mut a, &old, "ha ha", "claim");
        // "ha ha" is in "ha ha ha" at 6 and at 9.
        let new = doc("Later: ha ha ha.");
        reanchor(&mut a, &new);
        let s = a.span(laugh).unwrap();
        assert_eq!(s.anchor, Some(AnchorFlag::Unplaced { occurrences: 2 }));
        assert_eq!((s.start.0, s.end.0), (11, 16), "kept where it was");
    }

    /// Places of `needle` in `text` as char offsets, overlapping ones too.
    fn every_place(text: &str, needle: &str) -> Vec<usize> {
        text.char_indices()
            .enumerate()
            .filter(|(_, (b, _))| text[*b..].starts_with(needle))
            .map(|(i, _)| i)
            .collect()
    }

    fn text_of(chars: &[usize]) -> String {
        // Few letters, so texts repeat and overlap ("aéa" twice in "aéaéa");
        // multi-byte ones, so bytes and chars differ.
        const ALPHABET: [char; 3] = ['a', 'é', '😀'];
        chars
            .iter()
            .map(|&i| ALPHABET[i % ALPHABET.len()])
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn a_span_moves_only_to_the_one_place_its_text_has(
            old in proptest::collection::vec(0usize..3, 1..24),
            new in proptest::collection::vec(0usize..3, 0..24),
            start in 0usize..24,
            len in 1usize..6,
        ) {
            let (old, new) = (doc(&text_of(&old)), doc(&text_of(&new)));
            let chars = old.text().chars().count();
            let start = start % chars;
            let end = (start + len).min(chars);
            let mut a = Annotations::new(&old, AnnotatorName::new("a").unwrap());
            let new_span = NewSpan::new(CharOffset(start), CharOffset(end), "claim");
            let id = a.add_span(&old, &Schema::default(), new_span).unwrap();
            let before = a.span(id).unwrap().clone();
            reanchor(&mut a, &new);
            let after = a.span(id).unwrap();
            let places = every_place(new.text(), &before.text);
            let stays = new.slice(before.start, before.end) == Some(before.text.as_str());
            if old.hash() == new.hash() || stays {
                proptest::prop_assert_eq!(after, &before);
            } else if places.len() == 1 {
                proptest::prop_assert_eq!(after.start.0, places[0]);
                proptest::prop_assert_eq!(new.slice(after.start, after.end), Some(before.text.as_str()));
                let moved = matches!(after.anchor, Some(AnchorFlag::Moved { .. }));
                proptest::prop_assert!(moved);
            } else {
                proptest::prop_assert_eq!((after.start, after.end), (before.start, before.end));
                let occurrences = places.len().min(2);
                proptest::prop_assert_eq!(&after.anchor, &Some(AnchorFlag::Unplaced { occurrences }));
            }
        }
    }
}
