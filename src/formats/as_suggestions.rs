//! Spans of a peer file imported as suggestions rather than annotations (`import
//! --as-suggestions --from NAME`): a user's own spaCy model, an LLM or Label Studio's
//! predictions wrote them, and a person decides which to keep.
//!
//! The file is read as every import reads it (its spans checked and placed the same
//! way), and then every set of spans a document has is kept as the one set of
//! suggestions of NAME for it, with the score the file gave each span
//! ([`crate::model::SCORE`]).

use crate::model::{Annotations, SCORE};
use crate::store::{Suggested, SuggestionSet};
use std::collections::BTreeMap;

/// The spans of `sets` (all for one document) as the suggestions of `from`: one at
/// each place and label, with the highest score given there. `None` for no sets.
pub(crate) fn suggestion_set(from: &str, sets: &[Annotations]) -> Option<SuggestionSet> {
    let first = sets.first()?;
    let mut best: BTreeMap<(usize, usize, &str), Suggested> = BTreeMap::new();
    for span in sets.iter().flat_map(|a| &a.spans) {
        let score = span
            .attributes
            .get(SCORE)
            .and_then(|s| s.parse::<f32>().ok())
            .filter(|s| (0.0..=1.0).contains(s));
        let key = (span.start.0, span.end.0, span.label.as_str());
        let kept = best.entry(key).or_insert_with(|| Suggested {
            start: span.start,
            end: span.end,
            label: span.label.clone(),
            score,
            text: span.text.clone(),
        });
        kept.score = match (kept.score, score) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    Some(SuggestionSet {
        document: first.document.clone(),
        text_hash: first.text_hash.clone(),
        from: from.to_owned(),
        spans: best.into_values().collect(),
    })
}

/// Drops the scores a file gave, for spans imported as annotations.
pub(crate) fn drop_scores(annotations: &mut Annotations) {
    for span in &mut annotations.spans {
        span.attributes.remove(SCORE);
    }
}
