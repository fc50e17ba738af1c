//! Reading one document with several annotators' annotations of it, for agreement
//! and merging (`review`), and the index of who annotated what.

use super::error::StoreError;
use super::project::Project;
use crate::model::{Annotations, AnnotatorName, Document, DocumentId};
use std::collections::{BTreeMap, BTreeSet};

/// A document with the annotations of the annotators being compared.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The article.
    pub document: Document,
    /// Annotator `i`'s annotations, in the order asked for; `None` where they have no
    /// file for the document.
    pub annotations: Vec<Option<Annotations>>,
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
}

impl Project {
    /// Reads document `id` with `annotators`' annotations of it, each re-anchored to
    /// the current text as [`Project::load_annotations`] does.
    pub fn load_compared(
        &self,
        id: &DocumentId,
        annotators: &[AnnotatorName],
    ) -> Result<Compared, StoreError> {
        let document = self.load_document(id)?;
        let mut annotations = Vec::with_capacity(annotators.len());
        for annotator in annotators {
            annotations.push(if self.has_annotations(annotator, id) {
                Some(self.load_annotations(&document, annotator)?.annotations)
            } else {
                None
            });
        }
        Ok(Compared {
            document,
            annotations,
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
