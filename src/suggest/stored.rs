//! Suggestions made ahead of time and kept in the project
//! ([`crate::store::suggestions`]): `claimspan suggest PROJECT --annotator NAME`
//! writes the recommenders' suggestions for the documents NAME has still to do, and
//! the window offers them, with those imported from another model, beside what it
//! suggests itself.

use super::Example;
use super::error::SuggestError;
use super::evaluate::{Evaluation, measure_given};
use super::{Recommender, Suggestion};
use crate::model::{AnnotatorName, Document, Status};
use crate::store::{Project, Suggested, SuggestionSet, WriteBatch, par_map};
use std::sync::Arc;

/// The score a suggestion gets when the model that made it gave none: it asserted
/// the span without a measure, so it is offered as sure, and "accept all above"
/// takes it at any threshold.
pub const UNSCORED: f32 = 1.0;

/// A stored set as suggestions, signed with its source's name.
pub fn from_stored(set: &SuggestionSet) -> Vec<Suggestion> {
    let from: Arc<str> = Arc::from(set.from.as_str());
    set.spans
        .iter()
        .map(|s| Suggestion {
            start: s.start,
            end: s.end,
            label: s.label.clone(),
            score: s.score.unwrap_or(UNSCORED),
            recommender: Arc::clone(&from),
            text: s.text.clone(),
        })
        .collect()
}

/// `suggestions` of `document` as the set kept under `from`.
pub fn to_stored(document: &Document, from: &str, suggestions: &[Suggestion]) -> SuggestionSet {
    let mut set = SuggestionSet::new(document, from);
    set.spans = suggestions
        .iter()
        .map(|s| Suggested {
            start: s.start,
            end: s.end,
            label: s.label.clone(),
            score: Some(s.score),
            text: s.text.clone(),
        })
        .collect();
    set
}

/// Every stored suggestion for `document` except those of the sources named in
/// `live` (recommenders the caller runs itself, whose fresh suggestions win), and a
/// sentence for each source whose file could not be offered.
pub fn stored_for(
    project: &Project,
    document: &Document,
    live: &[&str],
) -> (Vec<Suggestion>, Vec<String>) {
    let mut suggestions = Vec::new();
    let mut problems = Vec::new();
    for from in project.suggestion_sources() {
        if live.contains(&from.as_str()) {
            continue;
        }
        match project.load_suggestions(&from, document) {
            Ok(Some(set)) => suggestions.extend(from_stored(&set)),
            Ok(None) => {}
            Err(err) => problems.push(err.to_string()),
        }
    }
    (suggestions, problems)
}

/// Each source of suggestions kept in the project, except those a recommender
/// makes itself (they are cross-validated instead), measured as given on the done
/// `examples` it has suggestions for; a source with none for any is left out.
pub fn evaluate_stored(
    project: &Project,
    examples: &[Example<'_>],
    labels: &[String],
) -> Vec<Evaluation> {
    project
        .suggestion_sources()
        .into_iter()
        .filter(|from| !LIVE.contains(&from.as_str()))
        .filter_map(|from| {
            measure_given(
                &from,
                examples,
                |example| {
                    // A file that cannot be offered is not measured either.
                    let set = project.load_suggestions(&from, example.document).ok()??;
                    Some(from_stored(&set))
                },
                labels,
            )
        })
        .collect()
}

/// The recommenders the window and `suggest --evaluate` run themselves: what they
/// stored ahead of time is not offered or measured beside their fresh suggestions.
pub const LIVE: [&str; 2] = [super::strings::NAME, super::tagger::NAME];

/// What [`precompute`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precomputed {
    /// The documents suggestions were made for.
    pub documents: usize,
    /// The documents passed over because the annotator marked them done.
    pub done: usize,
    /// Suggestions written, per recommender, in the order they ran.
    pub written: Vec<(String, usize)>,
    /// Documents that could not be read, one sentence each.
    pub unreadable: Vec<String>,
}

/// Trains the recommenders on the project (as the window does) and writes their
/// suggestions for every document `annotator` has not marked done, each under the
/// recommender's name, in place of what was kept there before; `progress(done,
/// total)` while suggesting. Nothing is written as anyone's annotation.
pub fn precompute(
    project: &Project,
    annotator: &AnnotatorName,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Precomputed, SuggestError> {
    project.check_annotator(annotator)?;
    // As the window learns: one reading, the tagger's saved model taken if current.
    let learnt = super::trained::learn(project, &mut |_, _| {})?;
    let recommenders: Vec<&(dyn Recommender + Sync)> = vec![&learnt.strings, &learnt.tagger];
    let mut todo = Vec::new();
    let mut done = 0;
    for meta in project.articles() {
        let finished = matches!(
            project.annotation_summary(annotator, &meta.id),
            Ok(Some(summary)) if summary.status == Status::Done
        );
        if finished {
            done += 1;
        } else {
            todo.push(meta.id.clone());
        }
    }
    let total = todo.len();
    let mut written = vec![0; recommenders.len()];
    let mut unreadable = Vec::new();
    // Writes are synced together at the end: one fsync per file would take longer
    // than suggesting on a large project.
    let mut batch = WriteBatch::in_background();
    // Documents are read and suggested on every core, a chunk at a time, so the
    // progress bar moves and memory stays bounded.
    for (c, chunk) in todo.chunks(256).enumerate() {
        let made = par_map(chunk, |id| {
            let document = project.load_document(id).map_err(|e| e.to_string())?;
            let sets: Vec<SuggestionSet> = recommenders
                .iter()
                .map(|r| to_stored(&document, r.name(), &r.suggest(&document)))
                .collect();
            Ok::<_, String>(sets)
        });
        for result in made {
            match result {
                Ok(sets) => {
                    for (i, set) in sets.iter().enumerate() {
                        project.save_suggestions(set, Some(&mut batch))?;
                        written[i] += set.spans.len();
                    }
                }
                Err(err) => unreadable.push(err),
            }
        }
        progress(((c + 1) * 256).min(total), total);
    }
    batch.finish()?;
    Ok(Precomputed {
        documents: total - unreadable.len(),
        done,
        written: recommenders
            .iter()
            .map(|r| r.name().to_owned())
            .zip(written)
            .collect(),
        unreadable,
    })
}

#[cfg(test)]
#[path = "stored_tests.rs"]
mod tests;
