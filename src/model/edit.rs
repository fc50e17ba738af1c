//! Edits to annotations as values, and the undo history built from them.
//!
//! Every change an analyst makes (tag, delete, relabel, polarity, note, link, status)
//! is an [`Edit`]. Applying one returns its inverse, so undo is applying the inverse
//! and redo is applying the inverse of that: one code path for doing, undoing and
//! redoing, which is also the place where autosave hooks in. Checks against the text
//! and schema happen when an edit is made ([`Edit::tag`], [`Edit::relabel`], …);
//! applying a made edit cannot fail except on a span that is gone.

use super::annotations::{Annotations, EditError, NewSpan, Status, check_span};
use super::document::Document;
use super::schema::Schema;
use super::span::{AnchorFlag, Link, Span, SpanId};

/// One change to one annotator's annotations of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Put a span in (new, or back after a delete) with the links it had.
    InsertSpan {
        /// The span, with its id.
        span: Span,
        /// Links to restore with it.
        links: Vec<Link>,
    },
    /// Take a span out, with every link that touches it.
    RemoveSpan(SpanId),
    /// Change a span's label and the attributes that go with it.
    Relabel {
        /// The span.
        id: SpanId,
        /// The new label.
        label: String,
        /// Its attributes afterwards.
        attributes: std::collections::BTreeMap<String, String>,
    },
    /// Set or clear one attribute (a stance's polarity).
    SetAttribute {
        /// The span.
        id: SpanId,
        /// Attribute name.
        name: String,
        /// New value; `None` clears it.
        value: Option<String>,
    },
    /// Replace a span's note.
    SetNote {
        /// The span.
        id: SpanId,
        /// The new note; empty for none.
        note: String,
    },
    /// Set or clear a span's re-anchoring flag.
    SetAnchor {
        /// The span.
        id: SpanId,
        /// The flag afterwards.
        anchor: Option<AnchorFlag>,
    },
    /// Add a link.
    AddLink(Link),
    /// Remove a link.
    RemoveLink(Link),
    /// Change the document's status.
    SetStatus(Status),
    /// Remember a suggestion turned down, so it is not offered there again.
    Reject(crate::model::Rejection),
    /// Forget a suggestion turned down (the undo of [`Edit::Reject`]).
    Unreject(crate::model::Rejection),
    /// Several edits as one step of undo, applied in order.
    Group(Vec<Edit>),
}

impl Edit {
    /// Tagging a new span: checked against text, schema and existing spans.
    pub fn tag(
        annotations: &Annotations,
        document: &Document,
        schema: &Schema,
        new: NewSpan,
    ) -> Result<Edit, EditError> {
        let span = annotations.prepare_span(document, schema, new)?;
        let mut edits = vec![Edit::InsertSpan {
            span,
            links: Vec::new(),
        }];
        if annotations.status == Status::Todo {
            edits.push(Edit::SetStatus(Status::InProgress));
        }
        Ok(Edit::group(edits))
    }

    /// Giving a span another label. Attributes the new label lacks are dropped and
    /// links the schema no longer allows are removed, both restored by undo.
    pub fn relabel(
        annotations: &Annotations,
        document: &Document,
        schema: &Schema,
        id: SpanId,
        label: &str,
    ) -> Result<Edit, EditError> {
        let span = annotations.span(id).ok_or(EditError::NoSuchSpan(id))?;
        let def = schema.label(label).ok_or_else(|| EditError::UnknownLabel {
            label: label.to_owned(),
            known: schema.label_names().join(", "),
        })?;
        if let Some(existing) = annotations
            .at_place(span.start, span.end, label)
            .filter(|s| s.id != id)
        {
            return Err(EditError::Duplicate {
                existing: existing.id,
                start: span.start,
                end: span.end,
                label: label.to_owned(),
            });
        }
        let attributes = span
            .attributes
            .iter()
            .filter(|(name, value)| {
                def.attributes
                    .iter()
                    .any(|a| &&a.name == name && a.allows(value))
            })
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect();
        check_span(document, schema, span.start, span.end, label, &attributes)?;
        let label_of = |other: SpanId| {
            if other == id {
                Some(label)
            } else {
                annotations.span(other).map(|s| s.label.as_str())
            }
        };
        let mut edits: Vec<Edit> = annotations
            .links
            .iter()
            .filter(|l| l.from == id || l.to == id)
            .filter(|l| match (label_of(l.from), label_of(l.to)) {
                (Some(from), Some(to)) => schema.link_type_between(from, to).is_none(),
                _ => true,
            })
            .map(|l| Edit::RemoveLink(l.clone()))
            .collect();
        edits.push(Edit::Relabel {
            id,
            label: label.to_owned(),
            attributes,
        });
        Ok(Edit::group(edits))
    }

    /// Setting an attribute to one of its allowed values (any non-empty value for a
    /// free attribute), or clearing it.
    pub fn set_attribute(
        annotations: &Annotations,
        schema: &Schema,
        id: SpanId,
        name: &str,
        value: Option<&str>,
    ) -> Result<Edit, EditError> {
        let span = annotations.span(id).ok_or(EditError::NoSuchSpan(id))?;
        let def = schema
            .label(&span.label)
            .and_then(|l| l.attributes.iter().find(|a| a.name == name))
            .ok_or_else(|| EditError::UnknownAttribute {
                label: span.label.clone(),
                attribute: name.to_owned(),
            })?;
        if let Some(value) = value
            && !def.allows(value)
        {
            return Err(EditError::BadAttributeValue {
                attribute: name.to_owned(),
                value: value.to_owned(),
                allowed: def.describe_values(),
            });
        }
        Ok(Edit::SetAttribute {
            id,
            name: name.to_owned(),
            value: value.map(str::to_owned),
        })
    }

    /// Linking two spans with the link type the schema has for their labels.
    pub fn link(
        annotations: &Annotations,
        schema: &Schema,
        from: SpanId,
        to: SpanId,
    ) -> Result<Edit, EditError> {
        annotations
            .prepare_link(schema, from, to)
            .map(Edit::AddLink)
    }

    /// Linking two spans the analyst picked in either order: the direction is the one
    /// the schema has a link type for (a stance picked first and its actor second
    /// still gives actor —holds→ stance). When neither direction is allowed, the error
    /// names the labels and the link types there are.
    pub fn link_between(
        annotations: &Annotations,
        schema: &Schema,
        first: SpanId,
        second: SpanId,
    ) -> Result<Edit, EditError> {
        match Edit::link(annotations, schema, first, second) {
            Err(EditError::LinkNotAllowed { .. }) if first != second => {
                Edit::link(annotations, schema, second, first).map_err(|err| match err {
                    EditError::LinkNotAllowed { .. } => EditError::LinkNotAllowed {
                        from: label_of(annotations, first),
                        to: label_of(annotations, second),
                        allowed: super::annotations::describe_link_types(schema),
                    },
                    other => other,
                })
            }
            result => result,
        }
    }

    /// Several edits as one, without nesting a lone edit.
    pub fn group(mut edits: Vec<Edit>) -> Edit {
        if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Group(edits)
        }
    }

    /// Applies the edit and returns the edit that undoes it. On an error nothing has
    /// changed.
    pub fn apply(self, annotations: &mut Annotations) -> Result<Edit, EditError> {
        match self {
            Edit::InsertSpan { span, links } => insert_span(annotations, span, links),
            Edit::RemoveSpan(id) => {
                let (span, links) = annotations.remove_span(id)?;
                Ok(Edit::InsertSpan { span, links })
            }
            Edit::Relabel {
                id,
                label,
                attributes,
            } => relabel(annotations, id, label, attributes),
            Edit::SetAttribute { id, name, value } => set_attribute(annotations, id, name, value),
            Edit::SetNote { id, note } => {
                let span = span_mut(annotations, id)?;
                let old = std::mem::replace(&mut span.note, note);
                Ok(Edit::SetNote { id, note: old })
            }
            Edit::SetAnchor { id, anchor } => {
                let span = span_mut(annotations, id)?;
                let old = std::mem::replace(&mut span.anchor, anchor);
                Ok(Edit::SetAnchor { id, anchor: old })
            }
            Edit::AddLink(link) => add_link(annotations, link),
            Edit::RemoveLink(link) => remove_link(annotations, link),
            Edit::SetStatus(status) => {
                let old = std::mem::replace(&mut annotations.status, status);
                Ok(Edit::SetStatus(old))
            }
            Edit::Reject(rejection) => Ok(if annotations.reject(rejection.clone()) {
                Edit::Unreject(rejection)
            } else {
                // Already remembered: undoing this must not forget the earlier one.
                Edit::Group(Vec::new())
            }),
            Edit::Unreject(rejection) => Ok(if annotations.unreject(&rejection) {
                Edit::Reject(rejection)
            } else {
                Edit::Group(Vec::new())
            }),
            Edit::Group(edits) => apply_in_order(annotations, edits).map(Edit::Group),
        }
    }
}

/// Puts `span` in with `links`, unless its id is taken; the inverse takes it out.
fn insert_span(
    annotations: &mut Annotations,
    span: Span,
    links: Vec<Link>,
) -> Result<Edit, EditError> {
    let id = span.id;
    if annotations.span(id).is_some() {
        return Err(EditError::Duplicate {
            existing: id,
            start: span.start,
            end: span.end,
            label: span.label,
        });
    }
    annotations.insert_span(span);
    annotations.links.extend(links);
    annotations.links.sort();
    Ok(Edit::RemoveSpan(id))
}

/// Gives span `id` another label and attributes; the inverse gives back the old ones.
fn relabel(
    annotations: &mut Annotations,
    id: SpanId,
    label: String,
    attributes: std::collections::BTreeMap<String, String>,
) -> Result<Edit, EditError> {
    let span = span_mut(annotations, id)?;
    let old_label = std::mem::replace(&mut span.label, label);
    let old_attributes = std::mem::replace(&mut span.attributes, attributes);
    // Keep the file's order (start, end, label).
    if let Some(at) = annotations.spans.iter().position(|s| s.id == id) {
        let span = annotations.spans.remove(at);
        annotations.insert_span(span);
    }
    Ok(Edit::Relabel {
        id,
        label: old_label,
        attributes: old_attributes,
    })
}

/// Sets (or, with `None`, removes) attribute `name` of span `id`; the inverse puts
/// back the value it had.
fn set_attribute(
    annotations: &mut Annotations,
    id: SpanId,
    name: String,
    value: Option<String>,
) -> Result<Edit, EditError> {
    let span = span_mut(annotations, id)?;
    let old = match value {
        Some(value) => span.attributes.insert(name.clone(), value),
        None => span.attributes.remove(&name),
    };
    Ok(Edit::SetAttribute {
        id,
        name,
        value: old,
    })
}

/// Draws `link` between two spans that are there; the inverse takes it away.
fn add_link(annotations: &mut Annotations, link: Link) -> Result<Edit, EditError> {
    if annotations.span(link.from).is_none() {
        return Err(EditError::NoSuchSpan(link.from));
    }
    if annotations.span(link.to).is_none() {
        return Err(EditError::NoSuchSpan(link.to));
    }
    annotations.links.push(link.clone());
    annotations.links.sort();
    Ok(Edit::RemoveLink(link))
}

/// Takes `link` away; the inverse draws it again.
fn remove_link(annotations: &mut Annotations, link: Link) -> Result<Edit, EditError> {
    let at = annotations
        .links
        .iter()
        .position(|l| *l == link)
        .ok_or(EditError::NoSuchLink {
            from: link.from,
            to: link.to,
        })?;
    annotations.links.remove(at);
    Ok(Edit::AddLink(link))
}

/// Applies `edits` in order and returns their inverses in the order that undoes
/// them: the one step of undo a group of edits is, for annotations and for gold.
pub fn apply_in_order<E: Reversible>(
    target: &mut E::Target,
    edits: Vec<E>,
) -> Result<Vec<E>, E::Error> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply_to(target) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                // Roll back what was done so an error leaves no trace.
                for inverse in inverses.into_iter().rev() {
                    let _ = inverse.apply_to(target);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

fn label_of(annotations: &Annotations, id: SpanId) -> String {
    annotations
        .span(id)
        .map_or_else(String::new, |s| s.label.clone())
}

fn span_mut(annotations: &mut Annotations, id: SpanId) -> Result<&mut Span, EditError> {
    annotations
        .spans
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or(EditError::NoSuchSpan(id))
}

/// A change that can be applied to its target and, applied, gives the change that
/// undoes it: an [`Edit`] of annotations, or in review a change of the gold standard.
pub trait Reversible: Clone {
    /// What it changes.
    type Target;
    /// Why it could not be applied (nothing changed then).
    type Error;
    /// Applies the change and returns its inverse.
    fn apply_to(self, target: &mut Self::Target) -> Result<Self, Self::Error>;
}

impl Reversible for Edit {
    type Target = Annotations;
    type Error = EditError;
    fn apply_to(self, target: &mut Annotations) -> Result<Edit, EditError> {
        self.apply(target)
    }
}

/// Undo and redo over reversible changes: one document's annotations (the default),
/// or its gold standard in review. Kept per document by the window, so it survives
/// switching documents within a session.
#[derive(Debug, Clone)]
pub struct History<E = Edit> {
    undo: Vec<E>,
    redo: Vec<E>,
}

impl<E> Default for History<E> {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<E: Reversible> History<E> {
    /// Applies `edit` and remembers how to undo it; a new edit clears redo.
    pub fn apply(&mut self, target: &mut E::Target, edit: E) -> Result<(), E::Error> {
        let inverse = edit.apply_to(target)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; false when there is nothing to undo.
    pub fn undo(&mut self, target: &mut E::Target) -> Result<bool, E::Error> {
        Ok(self.undo_edit(target)?.is_some())
    }

    /// Redoes the last undone edit; false when there is nothing to redo.
    pub fn redo(&mut self, target: &mut E::Target) -> Result<bool, E::Error> {
        Ok(self.redo_edit(target)?.is_some())
    }

    /// Undoes the last edit and returns the edit that was applied to do so, which
    /// brings a copy of the target along the same way; `None` when there was nothing
    /// to undo.
    pub fn undo_edit(&mut self, target: &mut E::Target) -> Result<Option<E>, E::Error> {
        Self::step(&mut self.undo, &mut self.redo, target)
    }

    /// Redoes the last undone edit and returns the edit that was applied; `None` when
    /// there was nothing to redo.
    pub fn redo_edit(&mut self, target: &mut E::Target) -> Result<Option<E>, E::Error> {
        Self::step(&mut self.redo, &mut self.undo, target)
    }

    fn step(
        from: &mut Vec<E>,
        to: &mut Vec<E>,
        target: &mut E::Target,
    ) -> Result<Option<E>, E::Error> {
        let Some(edit) = from.pop() else {
            return Ok(None);
        };
        match edit.clone().apply_to(target) {
            Ok(inverse) => {
                to.push(inverse);
                Ok(Some(edit))
            }
            Err(err) => {
                from.push(edit);
                Err(err)
            }
        }
    }

    /// The edit an undo would apply, without applying it.
    pub fn next_undo(&self) -> Option<&E> {
        self.undo.last()
    }

    /// The edit a redo would apply, without applying it.
    pub fn next_redo(&self) -> Option<&E> {
        self.redo.last()
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
