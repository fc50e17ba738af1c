//! Reading one document with several annotators' annotations of it, for agreement
//! and merging (`review`), and the index of who annotated what.

use super::error::StoreError;
use super::project::Project;
use crate::model::{Annotations, AnnotatorName, Document, DocumentId, LeftOut};
use std::collections::{BTreeMap, BTreeSet};

/// A document with the annotations of the annotators being compared, fitted to the
/// current article text, holding only what may be used as placed (see
/// [`Annotations::keep_usable`]).
#[derive(Debug, Clone)]
pub struct Compared {
    /// The article.
    pub document: Document,
    /// Annotator `i`'s annotations, in the order asked for; `None` where they have no
    /// file for the document.
    pub annotations: Vec<Option<Annotations>>,
    /// What was left out of annotator `i`'s annotations, by reason (empty where they
    /// have no file).
    pub left_out: Vec<LeftOut>,
}

impl Compared {
    /// The annotations as references, as the review functions take them.
    pub fn refs(&self) -> Vec<Option<&Annotations>> {
        self.annotations.iter().map(Option::as_ref).collect()
    }

    /// Only the annotations there are, in order.
    pub fn present(&self) -> Vec<&Annotations> {
        self.annotations.iter().flatten().collect()
    }

    /// What was left out of all the annotators' annotations together.
    pub fn all_left_out(&self) -> LeftOut {
        let mut all = LeftOut::default();
        for left_out in &self.left_out {
            all.absorb(left_out);
        }
        all
    }
}

impl Project {
    /// Reads document `id` with `annotators`' annotations of it, each re-anchored to
    /// the current text as [`Project::load_annotations`] does, and then cut down to
    /// what every reader may use as placed: unplaced spans (the article changed and
    /// their text is not found once), spans the schema or the text does not allow,
    /// and links to them are left out and counted, never used as they stand.
    pub fn load_compared(
        &self,
        id: &DocumentId,
        annotators: &[AnnotatorName],
    ) -> Result<Compared, StoreError> {
        let document = self.load_document(id)?;
        let mut annotations = Vec::with_capacity(annotators.len());
        let mut left_out = Vec::with_capacity(annotators.len());
        for annotator in annotators {
            if self.has_annotations(annotator, id) {
                let mut loaded = self.load_annotations(&document, annotator)?.annotations;
                left_out.push(loaded.keep_usable(&document, self.schema()));
                annotations.push(Some(loaded));
            } else {
                left_out.push(LeftOut::default());
                annotations.push(None);
            }
        }
        Ok(Compared {
            document,
            annotations,
            left_out,
        })
    }

    /// Each annotator's documents, only those whose article is in the project.
    pub fn annotation_index(&self) -> BTreeMap<AnnotatorName, BTreeSet<DocumentId>> {
        self.annotators()
            .map(|a| {
                let ids = self
                    .annotated_by(a)
                    .filter(|id| self.article(id).is_some())
                    .cloned()
                    .collect();
                (a.clone(), ids)
            })
            .collect()
    }
}
