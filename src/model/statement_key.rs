//! Who and what a statement is about, across documents: the keys under which
//! statements are counted, compared and drawn.
//!
//! An actor is its registry entity when the span has one, otherwise its text in
//! normal form (`Iran’s foreign ministry` → `iran foreign ministry`), so a project
//! without a registry still groups the same words together. Claims work the same way
//! with categories. An assignment to an id that is not in the registry (removed,
//! mistyped) falls back to the text, and is counted by [`UnknownAssignments`].

use crate::model::{
    Annotations, CategoryId, EntityId, Polarity, Registry, Span, Statement, normalise_name,
    schema::{CATEGORY, ENTITY},
};
use std::fmt;

/// Who holds a stance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActorRef {
    /// A registry entity.
    Entity(EntityId),
    /// The span's text in normal form.
    Text(String),
}

/// What a stance is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimRef {
    /// A registry category.
    Category(CategoryId),
    /// The span's text in normal form.
    Text(String),
}

/// A span's text as a key: its normal form, or the trimmed text when it has no
/// letters or digits, so no key is empty unless the text is.
pub fn text_key(text: &str) -> String {
    let key = normalise_name(text);
    if key.is_empty() {
        text.trim().to_owned()
    } else {
        key
    }
}

/// The actor an actor span stands for.
pub fn actor_ref(span: &Span, registry: &Registry) -> ActorRef {
    match registry.entity_of(span) {
        Some(entity) => ActorRef::Entity(entity.id.clone()),
        None => ActorRef::Text(text_key(&span.text)),
    }
}

/// The claim a claim span stands for.
pub fn claim_ref(span: &Span, registry: &Registry) -> ClaimRef {
    match registry.category_of(span) {
        Some(category) => ClaimRef::Category(category.id.clone()),
        None => ClaimRef::Text(text_key(&span.text)),
    }
}

impl fmt::Display for ActorRef {
    /// The entity id, or the text in quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActorRef::Entity(id) => write!(f, "{id}"),
            ActorRef::Text(text) => write!(f, "“{text}”"),
        }
    }
}

impl fmt::Display for ClaimRef {
    /// The category id, or the text in quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimRef::Category(id) => write!(f, "{id}"),
            ClaimRef::Text(text) => write!(f, "“{text}”"),
        }
    }
}

/// What makes two statements the same statement: actor, polarity and claim.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementKey {
    /// Who; `None` when no actor holds the stance.
    pub actor: Option<ActorRef>,
    /// For or against; `None` when not set.
    pub polarity: Option<Polarity>,
    /// What; `None` when the stance is about no claim.
    pub claim: Option<ClaimRef>,
}

impl StatementKey {
    /// The key of `statement`, whose spans are in `annotations`.
    pub fn of(statement: &Statement, annotations: &Annotations, registry: &Registry) -> Self {
        let (_, actor, claim) = statement.spans(annotations);
        Self {
            actor: actor.map(|s| actor_ref(s, registry)),
            polarity: statement.polarity.clone(),
            claim: claim.map(|s| claim_ref(s, registry)),
        }
    }
}

impl fmt::Display for StatementKey {
    /// `iran-foreign-ministry —oppose→ oil-sanctions`, with `?` for a missing part.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.actor {
            Some(actor) => write!(f, "{actor}")?,
            None => f.write_str("?")?,
        }
        let polarity = self.polarity.as_ref().map_or("?", Polarity::as_str);
        write!(f, " —{polarity}→ ")?;
        match &self.claim {
            Some(claim) => write!(f, "{claim}"),
            None => f.write_str("?"),
        }
    }
}

/// Spans assigned to an entity or category that the registry does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnknownAssignments {
    /// Actor spans whose `entity` is not in the registry.
    pub entities: usize,
    /// Claim spans whose `category` is not in the registry.
    pub categories: usize,
}

impl UnknownAssignments {
    /// Counts them in one document's annotations and adds them up.
    pub fn add(&mut self, annotations: &Annotations, registry: &Registry) {
        for span in &annotations.spans {
            if span.attributes.contains_key(ENTITY) && registry.entity_of(span).is_none() {
                self.entities += 1;
            }
            if span.attributes.contains_key(CATEGORY) && registry.category_of(span).is_none() {
                self.categories += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotatorName, CharOffset, Document, EntityKind, SpanId};
    use std::collections::BTreeMap;

    fn span(text: &str, attribute: Option<(&str, &str)>) -> Span {
        let mut attributes = BTreeMap::new();
        if let Some((k, v)) = attribute {
            attributes.insert(k.to_owned(), v.to_owned());
        }
        Span {
            id: SpanId(1),
            start: CharOffset(0),
            end: CharOffset(text.chars().count()),
            label: "actor".into(),
            text: text.into(),
            attributes,
            note: String::new(),
            anchor: None,
        }
    }

    #[test]
    fn entities_win_over_text_and_unknown_ids_fall_back() {
        let mut registry = Registry::default();
        let iran = registry.add_entity("Iran", EntityKind::State).unwrap();
        assert_eq!(
            actor_ref(&span("Tehran", Some((ENTITY, iran.as_str()))), &registry),
            ActorRef::Entity(iran.clone())
        );
        assert_eq!(
            actor_ref(&span("Iran’s Foreign  Ministry", None), &registry),
            ActorRef::Text("iran foreign ministry".into())
        );
        let orphan = span("Tehran", Some((ENTITY, "persia")));
        assert_eq!(
            actor_ref(&orphan, &registry),
            ActorRef::Text("tehran".into())
        );
        assert_eq!(
            claim_ref(&span("—", None), &registry),
            ClaimRef::Text("—".into())
        );
        let mut unknown = UnknownAssignments::default();
        let mut a = Annotations::new(
            &Document::from_text("Tehran"),
            AnnotatorName::new("alice").unwrap(),
        );
        a.spans.push(orphan);
        unknown.add(&a, &registry);
        assert_eq!(
            unknown,
            UnknownAssignments {
                entities: 1,
                categories: 0
            }
        );
    }

    #[test]
    fn keys_read_as_who_what_and_which_way() {
        let key = StatementKey {
            actor: Some(ActorRef::Entity(EntityId::new("iran").unwrap())),
            polarity: Some(Polarity::Oppose),
            claim: Some(ClaimRef::Text("new sanctions".into())),
        };
        assert_eq!(key.to_string(), "iran —oppose→ “new sanctions”");
        let partial = StatementKey {
            actor: None,
            polarity: None,
            claim: None,
        };
        assert_eq!(partial.to_string(), "? —?→ ?");
    }
}
