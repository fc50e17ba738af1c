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
}
