//! Reading one document with several annotators' annotations of it, for agreement
//! and merging (`review`), and the index of who annotated what.

use super::error::StoreError;
use super::project::Project;
use crate::model::{Annotations, AnnotatorName, Document, DocumentId, LeftOut, Status};
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

/// Which documents count as an annotator's: what agreement compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Counted {
    /// Every document whose file has work in it (a span, a link, or a status past
    /// To do); an edit undone in the window leaves no file.
    #[default]
    Worked,
    /// Only the documents the annotator marked done.
    Done,
}

impl Counted {
    /// In the user's words, as the window and `--status` say it.
    pub fn describe(self) -> &'static str {
        match self {
            Counted::Worked => "every document with work",
            Counted::Done => "documents marked done",
        }
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
            if let Some(loaded) = self.load_stand_in(annotator, &document)? {
                let mut loaded = loaded;
                left_out.push(loaded.keep_usable(&document, self.schema()));
                annotations.push(Some(loaded));
            } else if self.has_annotations(annotator, id) {
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

    /// The annotations of a name that stands in for an annotator when compared:
    /// gold's, or a source of suggestions' ([`AnnotatorName::suggestions`]); `None`
    /// for a person, or where the stand-in has nothing for the document.
    fn load_stand_in(
        &self,
        annotator: &AnnotatorName,
        document: &Document,
    ) -> Result<Option<Annotations>, StoreError> {
        if *annotator == AnnotatorName::gold() {
            if !self.gold().any(|id| id == document.id()) {
                return Ok(None);
            }
            return Ok(Some(self.load_gold_review(document)?.gold.annotations));
        }
        match annotator.suggestions_from() {
            Some(from) => Ok(self
                .load_suggestions(from, document)?
                .map(|set| set.as_annotations(document))),
            None => Ok(None),
        }
    }

    /// Each annotator's documents as [`Project::annotation_index_counting`] gives
    /// them, and, for the stand-ins among `named` (gold, `suggest:<from>`), the
    /// documents they have: gold's files, a source's suggestions. Stand-ins are
    /// compared only when named.
    pub fn compare_index(
        &self,
        counted: Counted,
        named: Option<&[AnnotatorName]>,
    ) -> BTreeMap<AnnotatorName, BTreeSet<DocumentId>> {
        let mut index = self.annotation_index_counting(counted);
        for name in named.unwrap_or_default() {
            let documents: BTreeSet<DocumentId> = if *name == AnnotatorName::gold() {
                self.gold()
                    .filter(|id| self.article(id).is_some())
                    .cloned()
                    .collect()
            } else if let Some(from) = name.suggestions_from() {
                self.suggested_documents(from)
            } else {
                continue;
            };
            index.insert(name.clone(), documents);
        }
        index
    }

    /// Each annotator's documents, only those whose article is in the project.
    pub fn annotation_index(&self) -> BTreeMap<AnnotatorName, BTreeSet<DocumentId>> {
        self.annotation_index_counting(Counted::Worked)
    }

    /// Each annotator's documents as [`Project::annotation_index`] gives them, only
    /// those `counted` takes: with [`Counted::Done`], the documents the annotator
    /// marked done (each file's status is read, on every core).
    pub fn annotation_index_counting(
        &self,
        counted: Counted,
    ) -> BTreeMap<AnnotatorName, BTreeSet<DocumentId>> {
        let index = self.worked_index();
        if counted == Counted::Worked {
            return index;
        }
        index
            .into_iter()
            .map(|(annotator, ids)| {
                let ids: Vec<DocumentId> = ids.into_iter().collect();
                let done = super::par_map(&ids, |id| {
                    // A file that cannot be read is not done; `agree` names it when it
                    // reads the documents it took.
                    matches!(
                        self.annotation_summary(&annotator, id),
                        Ok(Some(summary)) if summary.status == Status::Done
                    )
                });
                let kept = ids
                    .into_iter()
                    .zip(done)
                    .filter_map(|(id, done)| done.then_some(id))
                    .collect();
                (annotator, kept)
            })
            .collect()
    }

    fn worked_index(&self) -> BTreeMap<AnnotatorName, BTreeSet<DocumentId>> {
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
