//! Reading one document's annotation sets for an export, the same way for the
//! training-data formats and for the statements table and network.
//!
//! One rule for a file that cannot be read (issue 13, point 18): the export carries
//! on without it, names it, and says at the end that it is incomplete, so the command
//! line exits 1 after writing the rest. And one rule for what is written: only what
//! [`Annotations::keep_usable`] keeps, the rest counted by reason.

use crate::model::{Annotations, AnnotatorName, Document, DocumentId, LeftOut, Status};
use crate::store::{Loaded, Project, StoreError};
use std::collections::BTreeSet;

use crate::formats::select::StatusFilter;

/// What reading one source's annotations of a document gave.
#[derive(Debug)]
pub enum SetRead {
    /// The source has no file for the document.
    NoFile,
    /// The file was read, but the set is not marked done and only done ones are
    /// asked for.
    NotDone,
    /// The file could not be read; the sentence names it and says what to do.
    Unreadable(String),
    /// The annotations to export: those [`Annotations::keep_usable`] kept.
    Read(Annotations),
}

/// A document and what each source gave for it, in the order of the sources.
#[derive(Debug)]
pub struct DocumentSets {
    /// The article.
    pub document: Document,
    /// One entry per source asked for.
    pub sets: Vec<SetRead>,
}

/// Reads documents for an export: whose annotations, and which by status.
pub struct SetReader<'p> {
    project: &'p Project,
    sources: Vec<Option<AnnotatorName>>,
    status: StatusFilter,
    gold: BTreeSet<&'p DocumentId>,
}

impl<'p> SetReader<'p> {
    /// A reader of `sources` (`None` is gold) in `project`.
    pub fn new(
        project: &'p Project,
        sources: Vec<Option<AnnotatorName>>,
        status: StatusFilter,
    ) -> Self {
        Self {
            project,
            sources,
            status,
            gold: project.gold().collect(),
        }
    }

    /// The sources, in the order their sets are given.
    pub fn sources(&self) -> &[Option<AnnotatorName>] {
        &self.sources
    }

    /// True when `source` has a file for `id`.
    pub fn has_file(&self, source: &Option<AnnotatorName>, id: &DocumentId) -> bool {
        match source {
            None => self.gold.contains(id),
            Some(annotator) => self.project.has_annotations(annotator, id),
        }
    }

    /// Reads `id`'s article and each source's annotations of it, with what
    /// [`Annotations::keep_usable`] left out added to `left_out`. The article is read
    /// only when some source has a file for it (`Ok(None)` otherwise). `Err` when the
    /// article itself cannot be read: then none of its annotation sets can be used,
    /// and the sentence names the file and says what to do.
    pub fn read(
        &self,
        id: &DocumentId,
        left_out: &mut LeftOut,
    ) -> Result<Option<DocumentSets>, String> {
        let project = self.project;
        let Some(first) = self.sources.iter().find(|s| self.has_file(s, id)) else {
            return Ok(None);
        };
        if project.article(id).is_none() {
            return Err(format!(
                "{}: its article {} is missing or could not be read, so these annotations were not exported; restore the article (see claimspan validate)",
                file_of(project, first, id),
                project.meta_path(id).display()
            ));
        }
        // The annotation files first, then the article: each file's text is gone
        // before the article's is read, which halves what one huge document costs.
        let unfitted: Vec<Option<_>> = self
            .sources
            .iter()
            .map(|source| {
                self.has_file(source, id)
                    .then(|| project.read_unfitted(id, source.as_ref()))
            })
            .collect();
        let document = project
            .load_document(id)
            .map_err(|e| format!("{e}; the article's annotations were not exported"))?;
        let sets = unfitted
            .into_iter()
            .map(|read| match read {
                None => SetRead::NoFile,
                Some(read) => {
                    let fitted = read.map(|read| project.fit(read, &document));
                    usable_set(project, &document, fitted, self.status, left_out)
                }
            })
            .collect();
        Ok(Some(DocumentSets { document, sets }))
    }
}

/// What a source's annotations, as read and fitted, give the export.
fn usable_set(
    project: &Project,
    document: &Document,
    loaded: Result<Loaded, StoreError>,
    status: StatusFilter,
    left_out: &mut LeftOut,
) -> SetRead {
    let mut annotations = match loaded {
        Ok(loaded) => loaded.annotations,
        Err(err) => return SetRead::Unreadable(format!("{err}; left out of the export")),
    };
    // Gold is done when the reviewer marked it reviewed (or a merge found nothing
    // left to decide), like anyone's work: a half-adjudicated gold file is not
    // training data yet.
    let done = annotations.status == Status::Done;
    if status == StatusFilter::Done && !done {
        return SetRead::NotDone;
    }
    left_out.absorb(&annotations.keep_usable(document, project.schema()));
    SetRead::Read(annotations)
}

fn file_of(project: &Project, source: &Option<AnnotatorName>, id: &DocumentId) -> String {
    match source {
        None => project.gold_path(id),
        Some(annotator) => project.annotation_path(annotator, id),
    }
    .display()
    .to_string()
}

/// The closing line of an export that could not read `n` files (`n` > 0).
pub fn incomplete(n: usize) -> String {
    let (files, are, them) = if n == 1 {
        ("file", "is", "it")
    } else {
        ("files", "are", "them")
    };
    format!(
        "incomplete: {n} {files} could not be read and {are} left out (see “not read” above); fix {them} and export again"
    )
}
