//! One annotator's work on one document: spans, links and status, and the only
//! functions that change them, so each edit is checked the same way wherever it
//! comes from (keyboard, import, adjudication).

use super::document::Document;
use super::ids::{AnnotatorName, DocumentId};
use super::offsets::CharOffset;
use super::schema::Schema;
use super::span::{Link, Span, SpanId};
use super::text::TextHash;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

mod beside;
mod check;
mod free_ids;
pub use free_ids::FreeIds;

/// How far an annotator has got with a document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Status {
    /// Not started.
    #[default]
    Todo,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
}

impl Status {
    /// Every status, in working order.
    pub const ALL: [Status; 3] = [Status::Todo, Status::InProgress, Status::Done];

    /// The status as a key in JSON output: `todo`, `in_progress`, `done`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in_progress",
            Status::Done => "done",
        }
    }

    /// The status in the user's words.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in progress",
            Status::Done => "done",
        }
    }
}

/// A span about to be added: where, which label, and optional attributes and note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewSpan {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// Label name.
    pub label: String,
    /// Attribute values.
    pub attributes: BTreeMap<String, String>,
    /// Note.
    pub note: String,
}

impl NewSpan {
    /// A span of `label` from `start` to `end`, without attributes or note.
    pub fn new(start: CharOffset, end: CharOffset, label: &str) -> Self {
        Self {
            start,
            end,
            label: label.to_owned(),
            ..Self::default()
        }
    }
}

/// Why an edit was refused. Each message says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// The span would run past the article.
    #[error("{start}..{end} runs past the end of the article ({len} characters); fix the offsets")]
    OutOfRange {
        /// Start asked for.
        start: CharOffset,
        /// End asked for.
        end: CharOffset,
        /// Article length in chars.
        len: usize,
    },
    /// End before start.
    #[error("{start}..{end} ends before it starts; swap or fix the offsets")]
    Inverted {
        /// Start asked for.
        start: CharOffset,
        /// End asked for.
        end: CharOffset,
    },
    /// Start equals end.
    #[error("{start}..{start} covers no text; select at least one character")]
    Empty {
        /// Where.
        start: CharOffset,
    },
    /// The label is not in the schema.
    #[error(
        "the label “{label}” is not in the project's schema ({known}); add it to claimspan.ron or use one of those"
    )]
    UnknownLabel {
        /// The label asked for.
        label: String,
        /// The labels there are, comma separated.
        known: String,
    },
    /// The attribute is not defined for the label.
    #[error(
        "“{label}” spans have no attribute “{attribute}”; add it to the schema or leave it out"
    )]
    UnknownAttribute {
        /// The span's label.
        label: String,
        /// The attribute.
        attribute: String,
    },
    /// The value is not one the attribute allows.
    #[error("“{value}” is not a value of {attribute} (allowed: {allowed})")]
    BadAttributeValue {
        /// The attribute.
        attribute: String,
        /// The value given.
        value: String,
        /// The allowed values, comma separated.
        allowed: String,
    },
    /// The same start, end and label exist already.
    #[error("span {existing} already tags {start}..{end} as “{label}”")]
    Duplicate {
        /// The span that is there.
        existing: SpanId,
        /// Start.
        start: CharOffset,
        /// End.
        end: CharOffset,
        /// Label.
        label: String,
    },
    /// The span's stored text is not what the article has at its offsets.
    #[error(
        "{start}..{end} is “{actual}” in the article, not “{said}”; the offsets may count in another unit (UTF-16, bytes) or miss a line break"
    )]
    TextMismatch {
        /// Start.
        start: CharOffset,
        /// End.
        end: CharOffset,
        /// The text the span said it covers.
        said: String,
        /// The text at those offsets.
        actual: String,
    },
    /// No span with that id.
    #[error("there is no span {0}")]
    NoSuchSpan(SpanId),
    /// No such link.
    #[error("there is no link from span {from} to span {to}")]
    NoSuchLink {
        /// From.
        from: SpanId,
        /// To.
        to: SpanId,
    },
    /// The schema has no link type between these labels.
    #[error("a “{from}” span cannot be linked to a “{to}” span; the schema allows {allowed}")]
    LinkNotAllowed {
        /// Label of the first span.
        from: String,
        /// Label of the second.
        to: String,
        /// The link types there are, described.
        allowed: String,
    },
    /// The link exists already.
    #[error("span {from} is already linked to span {to}")]
    DuplicateLink {
        /// From.
        from: SpanId,
        /// To.
        to: SpanId,
    },
}

/// One annotator's spans, links and status on one document:
/// `annotations/<annotator>/<document>.ron`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotations {
    /// The document annotated.
    pub document: DocumentId,
    /// Hash of the article text the offsets refer to.
    pub text_hash: TextHash,
    /// Who annotated.
    pub annotator: AnnotatorName,
    /// How far they got.
    pub status: Status,
    /// Spans, ordered by start, then end, then label.
    pub spans: Vec<Span>,
    /// Links between spans.
    pub links: Vec<Link>,
    /// Suggestions turned down, by place and label: never offered there again.
    pub rejected: Vec<crate::model::Rejection>,
}

impl Annotations {
    /// An empty set for `annotator` on `document`.
    pub fn new(document: &Document, annotator: AnnotatorName) -> Self {
        Self {
            document: document.id().clone(),
            text_hash: document.hash().clone(),
            annotator,
            status: Status::Todo,
            spans: Vec::new(),
            links: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// True when the annotator did something here: coded it ([`Self::is_coded`]) or
    /// turned a suggestion down. A file without any (left by an edit and its undo,
    /// or by an older version) is removed rather than written.
    pub fn has_work(&self) -> bool {
        self.is_coded() || !self.rejected.is_empty()
    }

    /// True when the annotator coded the document: a span, a link, or a status past
    /// To do. Only these count the document as theirs in agreement; suggestions
    /// turned down alone do not.
    pub fn is_coded(&self) -> bool {
        !self.spans.is_empty() || !self.links.is_empty() || self.status != Status::Todo
    }

    /// The span with id `id`.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// The span with exactly this place and label, if there is one: a second one would
    /// be a duplicate.
    pub fn at_place(&self, start: CharOffset, end: CharOffset, label: &str) -> Option<&Span> {
        self.spans
            .iter()
            .find(|s| s.start == start && s.end == end && s.label == label)
    }

    /// Counts spans by label.
    pub fn count_by_label(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for span in &self.spans {
            *counts.entry(span.label.as_str()).or_insert(0) += 1;
        }
        counts
    }

    /// The id the next new span gets: one more than any used, so ids are never reused
    /// within a file and links never point at a different span after an undo. When
    /// a span already has `u32::MAX` (a file written by hand or by another tool), the
    /// lowest free id instead: never a wrap to 0, never an id in use. To make several
    /// ids at once, use [`FreeIds`].
    pub fn next_id(&self) -> SpanId {
        match self.spans.iter().map(|s| s.id.0).max() {
            None => SpanId(1),
            Some(max) => match max.checked_add(1) {
                Some(next) => SpanId(next),
                // Unreachable in practice: it needs u32::MAX spans in memory.
                None => self.free_ids().take().unwrap_or(SpanId(max)),
            },
        }
    }

    /// Ids for new spans, none of them used here (see [`Annotations::next_id`]).
    pub fn free_ids(&self) -> FreeIds {
        FreeIds::new(self.spans.iter().map(|s| s.id))
    }

    /// Adds a span after checking it against the text and schema. A document that was
    /// not started is marked in progress.
    pub fn add_span(
        &mut self,
        document: &Document,
        schema: &Schema,
        new: NewSpan,
    ) -> Result<SpanId, EditError> {
        let span = self.prepare_span(document, schema, new)?;
        Ok(self.add_prepared(span))
    }

    /// Adds a span prepared and checked; a document that was not started is marked in
    /// progress.
    pub(super) fn add_prepared(&mut self, span: Span) -> SpanId {
        let id = span.id;
        self.insert_span(span);
        if self.status == Status::Todo {
            self.status = Status::InProgress;
        }
        id
    }

    /// The span `new` would become, with its id and text, after checking it against
    /// the text, the schema and the spans there are; nothing changes.
    pub fn prepare_span(
        &self,
        document: &Document,
        schema: &Schema,
        new: NewSpan,
    ) -> Result<Span, EditError> {
        self.prepare_unless(document, schema, new, |_, _| true)
    }

    /// [`Annotations::prepare_span`], where a span of the same place and label is a
    /// duplicate only when `same` says so too.
    pub(super) fn prepare_unless(
        &self,
        document: &Document,
        schema: &Schema,
        new: NewSpan,
        same: impl Fn(&Span, &NewSpan) -> bool,
    ) -> Result<Span, EditError> {
        check_span(
            document,
            schema,
            new.start,
            new.end,
            &new.label,
            &new.attributes,
        )?;
        if let Some(existing) = self.spans.iter().find(|s| {
            s.start == new.start && s.end == new.end && s.label == new.label && same(s, &new)
        }) {
            return Err(EditError::Duplicate {
                existing: existing.id,
                start: new.start,
                end: new.end,
                label: new.label,
            });
        }
        self.make_span(document, new)
    }

    /// The span `new` becomes, checks done.
    fn make_span(&self, document: &Document, new: NewSpan) -> Result<Span, EditError> {
        let text = document
            .slice(new.start, new.end)
            .unwrap_or_default()
            .to_owned();
        Ok(Span {
            id: self.next_id(),
            start: new.start,
            end: new.end,
            label: new.label,
            text,
            attributes: new.attributes,
            note: new.note,
            anchor: None,
        })
    }

    /// Puts a span back in its ordered place (used by add and by undo).
    pub fn insert_span(&mut self, span: Span) {
        let at = self
            .spans
            .partition_point(|s| (s.start, s.end, &s.label) <= (span.start, span.end, &span.label));
        self.spans.insert(at, span);
    }

    /// Removes a span and every link that touches it; returns both so they can be
    /// restored.
    pub fn remove_span(&mut self, id: SpanId) -> Result<(Span, Vec<Link>), EditError> {
        let at = self
            .spans
            .iter()
            .position(|s| s.id == id)
            .ok_or(EditError::NoSuchSpan(id))?;
        let span = self.spans.remove(at);
        let (gone, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut self.links)
            .into_iter()
            .partition(|l| l.from == id || l.to == id);
        self.links = kept;
        Ok((span, gone))
    }

    /// Links two spans with the link type the schema has for their labels.
    pub fn add_link(
        &mut self,
        schema: &Schema,
        from: SpanId,
        to: SpanId,
    ) -> Result<Link, EditError> {
        let link = self.prepare_link(schema, from, to)?;
        self.links.push(link.clone());
        self.links.sort();
        Ok(link)
    }

    /// The link between two spans the schema allows, checked; nothing changes.
    pub fn prepare_link(
        &self,
        schema: &Schema,
        from: SpanId,
        to: SpanId,
    ) -> Result<Link, EditError> {
        let from_label = &self.span(from).ok_or(EditError::NoSuchSpan(from))?.label;
        let to_label = &self.span(to).ok_or(EditError::NoSuchSpan(to))?.label;
        let link_type = schema
            .link_type_between(from_label, to_label)
            .ok_or_else(|| EditError::LinkNotAllowed {
                from: from_label.clone(),
                to: to_label.clone(),
                allowed: describe_link_types(schema),
            })?;
        if self.links.iter().any(|l| l.from == from && l.to == to) {
            return Err(EditError::DuplicateLink { from, to });
        }
        Ok(Link {
            from,
            to,
            label: link_type.name.clone(),
        })
    }
}

/// Checks one span's offsets, label and attributes. An attribute must be defined for
/// the label and take one of its values, or any non-empty value when the schema lists
/// none (a free attribute, such as `entity`).
pub fn check_span(
    document: &Document,
    schema: &Schema,
    start: CharOffset,
    end: CharOffset,
    label: &str,
    attributes: &BTreeMap<String, String>,
) -> Result<(), EditError> {
    if end < start {
        return Err(EditError::Inverted { start, end });
    }
    if end.0 > document.char_len() {
        return Err(EditError::OutOfRange {
            start,
            end,
            len: document.char_len(),
        });
    }
    if start == end {
        return Err(EditError::Empty { start });
    }
    let label_def = schema.label(label).ok_or_else(|| EditError::UnknownLabel {
        label: label.to_owned(),
        known: schema.label_names().join(", "),
    })?;
    for (name, value) in attributes {
        // Where an accepted suggestion came from, and a prediction's score, go on
        // any label without the schema naming them: they are the tool's record, not
        // the annotator's coding.
        if crate::model::is_tool_attribute(name) {
            continue;
        }
        let def = label_def
            .attributes
            .iter()
            .find(|a| &a.name == name)
            .ok_or_else(|| EditError::UnknownAttribute {
                label: label.to_owned(),
                attribute: name.clone(),
            })?;
        if !def.allows(value) {
            return Err(EditError::BadAttributeValue {
                attribute: name.clone(),
                value: value.clone(),
                allowed: def.describe_values(),
            });
        }
    }
    Ok(())
}

/// The link types of a schema in words, for messages: “actor —holds→ stance, …”.
pub(crate) fn describe_link_types(schema: &Schema) -> String {
    if schema.link_types.is_empty() {
        return "no links".into();
    }
    schema
        .link_types
        .iter()
        .map(|t| format!("{} —{}→ {}", t.from, t.name, t.to))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[path = "annotations_tests.rs"]
mod tests;
