//! What the article view shows and edits go to: gold in review mode, else the
//! annotator's own annotations of the current document.

use super::Workspace;
use crate::model::{Annotations, Document};

impl Workspace {
    /// The annotations shown: gold in review mode, else the annotator's own.
    pub fn shown_annotations(&self) -> Option<&Annotations> {
        match self.review() {
            Some(review) => Some(&review.gold().annotations),
            None => self.current().map(|o| o.annotations()),
        }
    }

    /// The article shown: the one under review in review mode, else the current one.
    pub fn shown_document(&self) -> Option<&Document> {
        match self.review() {
            Some(review) => Some(review.document()),
            None => self.current().map(|o| o.document()),
        }
    }

    /// Which set is shown (gold in review mode, or the annotator's) and its edit
    /// count: it changes whenever the shown annotations do, however they changed (an
    /// edit, an undo, a decision, a file read again).
    pub fn shown_version(&self) -> Option<(bool, u64)> {
        match self.review() {
            Some(review) => Some((true, review.generation())),
            None => self.current().map(|o| (false, o.generation())),
        }
    }
}
