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
    annotations.text_hash = document.hash().clone();
    changes
}

/// The only place `needle` occurs, or how many places it occurs (0, or 2 meaning
/// "more than one").
fn find_unique(document: &Document, needle: &str) -> Result<(CharOffset, CharOffset), usize> {
    if needle.is_empty() {
        return Err(0);
    }
    let text = document.text();
    let mut found = text.match_indices(needle).map(|(b, _)| b);
    let first = found.next().ok_or(0usize)?;
    if found.next().is_some() {
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
}
