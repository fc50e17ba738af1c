//! Assigning a registry entity to an actor span and a category to a claim span.
//!
//! The assignment is the span's `entity` or `category` attribute holding the entry's
//! id, so it is an ordinary [`Edit::SetAttribute`]: undo, redo and autosave cover it
//! with nothing new, and every file and export carries it.

use super::annotations::{Annotations, EditError};
use super::edit::Edit;
use super::registry::{CategoryId, EntityId, Registry};
use super::schema::{CATEGORY, ENTITY, Schema};
use super::span::SpanId;
use thiserror::Error;

/// Why an assignment was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssignError {
    /// The span cannot take the attribute (no such span, or its label lacks it).
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The id is not in the registry.
    #[error("there is no {what} “{id}” in entities.ron; add it in the registry panel first")]
    NotInRegistry {
        /// `entity` or `category`.
        what: &'static str,
        /// The id given.
        id: String,
    },
}

impl Edit {
    /// Assigns the entity `entity` to the actor span `span`, or clears its entity
    /// with `None`. Checked against the schema (the span's label must have the
    /// `entity` attribute) and the registry (the entity must exist).
    pub fn assign_entity(
        annotations: &Annotations,
        schema: &Schema,
        registry: &Registry,
        span: SpanId,
        entity: Option<&EntityId>,
    ) -> Result<Edit, AssignError> {
        if let Some(id) = entity
            && registry.entity(id).is_none()
        {
            return Err(AssignError::NotInRegistry {
                what: "entity",
                id: id.to_string(),
            });
        }
        Ok(Edit::set_attribute(
            annotations,
            schema,
            span,
            ENTITY,
            entity.map(EntityId::as_str),
        )?)
    }

    /// Assigns the category `category` to the claim span `span`, or clears it with
    /// `None`; checked like [`Edit::assign_entity`].
    pub fn assign_category(
        annotations: &Annotations,
        schema: &Schema,
        registry: &Registry,
        span: SpanId,
        category: Option<&CategoryId>,
    ) -> Result<Edit, AssignError> {
        if let Some(id) = category
            && registry.category(id).is_none()
        {
            return Err(AssignError::NotInRegistry {
                what: "category",
                id: id.to_string(),
            });
        }
        Ok(Edit::set_attribute(
            annotations,
            schema,
            span,
            CATEGORY,
            category.map(CategoryId::as_str),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::registry::EntityKind;
    use crate::model::{AnnotatorName, CharOffset, Document, History, NewSpan};

    #[test]
    fn assignments_are_attribute_edits_with_undo() {
        let d = Document::from_text("Iran’s foreign ministry rejected new sanctions.");
        let schema = Schema::default();
        let mut registry = Registry::default();
        let ministry = registry
            .add_entity("Iran Foreign Ministry", EntityKind::Organisation)
            .unwrap();
        let sanctions = registry.add_category("Oil sanctions", None).unwrap();
        let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
        let actor = a
            .add_span(
                &d,
                &schema,
                NewSpan::new(CharOffset(0), CharOffset(23), "actor"),
            )
            .unwrap();
        let claim = a
            .add_span(
                &d,
                &schema,
                NewSpan::new(CharOffset(33), CharOffset(46), "claim"),
            )
            .unwrap();
        let before = a.clone();
        let mut history = History::default();
        let edit = Edit::assign_entity(&a, &schema, &registry, actor, Some(&ministry)).unwrap();
        history.apply(&mut a, edit).unwrap();
        let edit = Edit::assign_category(&a, &schema, &registry, claim, Some(&sanctions)).unwrap();
        history.apply(&mut a, edit).unwrap();
        assert_eq!(
            registry
                .entity_of(a.span(actor).unwrap())
                .map(|e| e.name.as_str()),
            Some("Iran Foreign Ministry")
        );
        assert_eq!(
            registry
                .category_of(a.span(claim).unwrap())
                .map(|c| c.name.as_str()),
            Some("Oil sanctions")
        );
        assert!(a.check(&d, &schema).is_empty());
        let assigned = a.clone();

        let clear = Edit::assign_entity(&a, &schema, &registry, actor, None).unwrap();
        history.apply(&mut a, clear).unwrap();
        assert!(a.span(actor).unwrap().attributes.is_empty());
        history.undo(&mut a).unwrap();
        assert_eq!(a, assigned);
        history.undo(&mut a).unwrap();
        history.undo(&mut a).unwrap();
        assert_eq!(a, before);
    }

    #[test]
    fn wrong_spans_and_unknown_ids_are_refused() {
        let d = Document::from_text("Iran rejected sanctions.");
        let schema = Schema::default();
        let mut registry = Registry::default();
        let iran = registry.add_entity("Iran", EntityKind::State).unwrap();
        // A valid id, but of no entity in this registry.
        let iraq = EntityId::new("iraq").unwrap();
        let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
        let actor = a
            .add_span(
                &d,
                &schema,
                NewSpan::new(CharOffset(0), CharOffset(4), "actor"),
            )
            .unwrap();
        let stance = a
            .add_span(
                &d,
                &schema,
                NewSpan::new(CharOffset(5), CharOffset(13), "stance"),
            )
            .unwrap();
        assert_eq!(
            Edit::assign_entity(&a, &schema, &registry, actor, Some(&iraq))
                .unwrap_err()
                .to_string(),
            "there is no entity “iraq” in entities.ron; add it in the registry panel first"
        );
        assert_eq!(
            Edit::assign_entity(&a, &schema, &registry, stance, Some(&iran))
                .unwrap_err()
                .to_string(),
            "“stance” spans have no attribute “entity”; add it to the schema or leave it out"
        );
        assert!(matches!(
            Edit::assign_category(&a, &schema, &registry, actor, None),
            Err(AssignError::Edit(EditError::UnknownAttribute { .. }))
        ));
    }
}
