//! Reading a document's annotation files: fitted to the article's current text
//! (re-anchored where it changed), or first read on their own and fitted later, so a
//! reader of a very large document never holds the file's text and the article's at
//! once.

use super::*;

/// Annotations as loaded, with what re-anchoring changed and the file's stamp.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The annotations, fitted to the current article text.
    pub annotations: Annotations,
    /// Spans moved or flagged because the article changed since they were made.
    pub reanchored: Vec<Reanchored>,
    /// The file's stamp when read; `None` when there was no file yet.
    pub stamp: Option<FileStamp>,
}

/// An annotation file as read, before it is fitted to its article
/// ([`Project::read_unfitted`], [`Project::fit`]).
#[derive(Debug, Clone)]
pub struct Unfitted {
    annotator: AnnotatorName,
    /// `None` when there is no file yet.
    annotations: Option<Annotations>,
    stamp: Option<FileStamp>,
}

impl Project {
    /// The status and span count of `annotator`'s file for `id`, read without
    /// building the spans; `None` when there is no file.
    pub fn annotation_summary(
        &self,
        annotator: &AnnotatorName,
        id: &DocumentId,
    ) -> Result<Option<AnnotationSummary>, StoreError> {
        if !self.has_annotations(annotator, id) {
            return Ok(None);
        }
        read_ron(&self.annotation_path(annotator, id)).map(Some)
    }

    /// The status and span count of the gold file of `id`, read as
    /// [`Project::annotation_summary`] reads an annotator's (the two files begin
    /// alike); `None` when there is no gold file yet.
    pub fn gold_summary(&self, id: &DocumentId) -> Result<Option<AnnotationSummary>, StoreError> {
        let path = self.gold_path(id);
        if !path.is_file() {
            return Ok(None);
        }
        read_ron(&path).map(Some)
    }

    /// Reads an annotation file as it is on disk, without fitting it to the article.
    pub fn read_annotations_file(&self, path: &Path) -> Result<Annotations, StoreError> {
        let file: AnnotationFile = read_ron(path)?;
        Ok(Annotations::from(file))
    }

    /// Reads `annotator`'s annotations of `document`, or an empty set if they have
    /// none yet. Spans are re-anchored when the article changed since they were made;
    /// the file itself is not touched.
    pub fn load_annotations(
        &self,
        document: &Document,
        annotator: &AnnotatorName,
    ) -> Result<Loaded, StoreError> {
        let path = self.annotation_path(annotator, document.id());
        self.load_from(&path, document, annotator)
    }

    /// Reads the adjudicated annotations of `document` from `gold/`, or an empty set
    /// ([`AnnotatorName::gold`]) when there are none yet; re-anchored like an
    /// annotator's. Fields a gold file has beyond an annotator's are not read here
    /// ([`Project::load_gold_review`] reads them).
    pub fn load_gold(&self, document: &Document) -> Result<Loaded, StoreError> {
        let path = self.gold_path(document.id());
        self.load_from(&path, document, &AnnotatorName::gold())
    }

    fn load_from(
        &self,
        path: &Path,
        document: &Document,
        annotator: &AnnotatorName,
    ) -> Result<Loaded, StoreError> {
        let read = self.read_from(path, document.id(), annotator)?;
        Ok(self.fit(read, document))
    }

    /// Reads a document's annotation file (`None`: gold) without its article, to be
    /// fitted to it with [`Project::fit`]. A reader of very large documents reads the
    /// file before the article, so the two texts are never in memory at once.
    pub fn read_unfitted(
        &self,
        id: &DocumentId,
        annotator: Option<&AnnotatorName>,
    ) -> Result<Unfitted, StoreError> {
        match annotator {
            Some(annotator) => self.read_from(&self.annotation_path(annotator, id), id, annotator),
            None => self.read_from(&self.gold_path(id), id, &AnnotatorName::gold()),
        }
    }

    fn read_from(
        &self,
        path: &Path,
        id: &DocumentId,
        annotator: &AnnotatorName,
    ) -> Result<Unfitted, StoreError> {
        let stamp = FileStamp::of(path);
        let annotations = match stamp {
            None => None,
            Some(_) => {
                let annotations = self.read_annotations_file(path)?;
                check_place(path, "document", annotations.document.as_str(), id.as_str())?;
                check_place(
                    path,
                    "annotator",
                    annotations.annotator.as_str(),
                    annotator.as_str(),
                )?;
                Some(annotations)
            }
        };
        Ok(Unfitted {
            annotator: annotator.clone(),
            annotations,
            stamp,
        })
    }

    /// Fits annotations read by [`Project::read_unfitted`] to their article's text as
    /// it is now, re-anchoring spans when it changed since they were made.
    pub fn fit(&self, read: Unfitted, document: &Document) -> Loaded {
        let Some(mut annotations) = read.annotations else {
            return Loaded {
                annotations: Annotations::new(document, read.annotator),
                reanchored: Vec::new(),
                stamp: read.stamp,
            };
        };
        let reanchored = reanchor(&mut annotations, document);
        Loaded {
            annotations,
            reanchored,
            stamp: read.stamp,
        }
    }
}

pub(in crate::store) fn check_place(
    path: &Path,
    field: &'static str,
    found: &str,
    expected: &str,
) -> Result<(), StoreError> {
    if found == expected {
        Ok(())
    } else {
        Err(StoreError::Misplaced {
            path: path.to_owned(),
            field,
            found: found.to_owned(),
            expected: expected.to_owned(),
        })
    }
}
