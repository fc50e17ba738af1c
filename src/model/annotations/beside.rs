//! Adding a span beside another of the same place and label: what an import needs
//! where another tool's two annotations of one stretch of text are two.

use super::{Annotations, EditError, NewSpan};
use crate::model::document::Document;
use crate::model::schema::Schema;
use crate::model::span::SpanId;

impl Annotations {
    /// Adds a span as [`Annotations::add_span`] does, except beside a span of the
    /// same place and label whose attributes differ: it is a duplicate only when its
    /// attributes are the same too. For imports, where another tool's two
    /// annotations of one stretch of text are two (DNA's two statements coded on one
    /// sentence, each with its own actor and concept), not one with the other's
    /// values lost.
    pub fn add_span_beside(
        &mut self,
        document: &Document,
        schema: &Schema,
        new: NewSpan,
    ) -> Result<SpanId, EditError> {
        let span = self.prepare_unless(document, schema, new, |old, new| {
            old.attributes == new.attributes
        })?;
        Ok(self.add_prepared(span))
    }
}
