//! Suggestions: the project learns from its own done documents and registry, offline,
//! and offers spans a person may accept. A suggestion is never an annotation until
//! someone accepts it.
//!
//! Every recommender has the same three steps ([`Recommender`]): it is trained on
//! examples (documents with the annotations to learn from), suggests spans for a
//! document, and is measured the same way as every other ([`evaluate`]): k-fold
//! cross-validation over the done documents, exact span match per label. The first
//! recommender is the [`StringMatcher`]: every string the project has tagged, and every
//! name of its registry, found again wherever it occurs. The second is the
//! [`Tagger`], an averaged perceptron per label that learns spans from the words
//! around them, so it can suggest what was never tagged before.
//!
//! Plain Rust, no egui: the command line's `claimspan suggest` and (later) the window
//! call the same functions.

pub mod error;
pub mod evaluate;
pub mod fold;
pub mod links;
pub mod project;
pub mod quality;
pub mod stored;
pub mod strings;
pub mod tagger;
#[cfg(test)]
mod test_docs;
pub mod trained;
mod word_starts;

pub use error::SuggestError;
pub use evaluate::{Evaluated, Evaluation, cross_validate, on_training_data};
pub use links::{LinkSuggester, LinkSuggestion};
pub use project::{EvaluateRequest, ProjectEvaluation, evaluate_project};
pub use quality::{DEFAULT_THRESHOLD, Switch};
pub use stored::{Precomputed, from_stored, precompute, stored_for, to_stored};
pub use strings::StringMatcher;
pub use tagger::Tagger;
pub use trained::{Learnt, Trained, colleagues_work, learn, train_for_window};

use crate::model::{Annotations, CharOffset, Document};
use std::collections::HashSet;
use std::sync::Arc;

/// One document to learn from: its text and the annotations of it to learn, one set
/// per annotator (or gold) as they were read.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its annotations, one set per source read; never empty when read by
    /// [`project::evaluate_project`].
    pub annotations: &'a [Annotations],
}

/// A span a recommender offers: a place, a label and how sure it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// First char, into the document's text.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// The label it would get.
    pub label: String,
    /// How likely it is right, from 0 to 1, by the recommender's own measure (for the
    /// string matcher: how often the string was tagged where it occurs).
    pub score: f32,
    /// The recommender's [`Recommender::name`], or the name predictions were imported
    /// under (`claimspan import --as-suggestions --from NAME`); shared, as a long
    /// document has thousands of suggestions.
    pub recommender: Arc<str>,
    /// The document's text from `start` to `end`.
    pub text: String,
}

/// Something that learns spans from annotated documents and suggests them in others.
pub trait Recommender {
    /// A short name for reports and for the suggestions it makes: `strings`.
    fn name(&self) -> &str;

    /// Learns from `examples`, forgetting what it learnt before. Everything costly
    /// (automata, tables) is built here, so that [`Recommender::suggest`] is quick.
    fn train(&mut self, examples: &[Example<'_>]);

    /// The spans it suggests in `document`, in text order.
    fn suggest(&self, document: &Document) -> Vec<Suggestion>;

    /// [`Recommender::suggest`] without what `annotations` already has: a suggestion
    /// whose place already has a span of its label, or that the annotator turned
    /// down there ([`Annotations::is_rejected`]), is left out. This is what a person
    /// annotating sees; evaluation uses `suggest` itself, as the held-out annotations
    /// are what it is measured against.
    fn suggest_new(&self, document: &Document, annotations: &Annotations) -> Vec<Suggestion> {
        undecided(self.suggest(document), annotations)
    }
}

/// `suggestions` without those `annotations` has decided: a place that already has
/// a span of the label, or where the annotator turned the label down
/// ([`Annotations::is_rejected`]). What [`Recommender::suggest_new`] offers, and what
/// is offered of the suggestions kept in the project.
pub fn undecided(mut suggestions: Vec<Suggestion>, annotations: &Annotations) -> Vec<Suggestion> {
    // A set, not `Annotations::at_place`: a long document has many of both.
    let tagged: HashSet<(CharOffset, CharOffset, &str)> = annotations
        .spans
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect();
    suggestions.retain(|s| {
        !tagged.contains(&(s.start, s.end, s.label.as_str()))
            && !annotations.is_rejected(s.start, s.end, &s.label)
    });
    suggestions
}
