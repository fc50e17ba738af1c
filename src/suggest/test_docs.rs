//! Invented documents and annotations for the suggestion tests.

use crate::model::{
    Annotations, AnnotatorName, ByteOffset, CharOffset, Document, NewSpan, Schema, Status,
};

/// A document with id `id` and text `text`.
pub(crate) fn doc(id: &str, text: &str) -> Document {
    Document::with_id_for_tests(id, text)
}

/// The char range of the `nth` (from 0) occurrence of `phrase` in `document`.
pub(crate) fn place(document: &Document, phrase: &str, nth: usize) -> (usize, usize) {
    let text = document.text();
    let (at, _) = text
        .match_indices(phrase)
        .nth(nth)
        .unwrap_or_else(|| panic!("“{phrase}” #{nth} is not in the text"));
    let to_char = |b| document.offsets().to_char(text, ByteOffset(b)).unwrap().0;
    (to_char(at), to_char(at + phrase.len()))
}

/// `annotator`'s done annotations of `document`: each phrase's `nth` occurrence with
/// its label.
pub(crate) fn tagged(
    document: &Document,
    annotator: &str,
    spans: &[(&str, usize, &str)],
) -> Annotations {
    let schema = Schema::default();
    let mut annotations = Annotations::new(document, AnnotatorName::new(annotator).unwrap());
    for &(phrase, nth, label) in spans {
        let (s, e) = place(document, phrase, nth);
        annotations
            .add_span(
                document,
                &schema,
                NewSpan::new(CharOffset(s), CharOffset(e), label),
            )
            .unwrap();
    }
    annotations.status = Status::Done;
    annotations
}
