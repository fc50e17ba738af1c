//! The editing model of the document in view, in plain Rust: what is selected, the
//! link being made or offered, the span tagged last and review mode's own version of
//! a disagreement. Tagging, relabelling, cycling, linking, offering, stepping and
//! undoing are calls on [`Editor`] that return an [`Outcome`]; the window turns keys
//! and clicks into those calls, then shows the outcome (a message, a scroll) and draws.
//! So everything a key does to annotations is tested here, without a screen.

use super::Workspace;
use crate::model::{
    Annotations, CharOffset, Document, DocumentId, Edit, EditError, Link, NewSpan, Schema, Snap,
    SpanId, schema::POLARITY, snap,
};
use std::fmt::Display;

/// What is selected in the article: some text (what a label key tags), a span (what a
/// label key relabels, Delete removes, a link starts from) or a link — one at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    text: Option<(CharOffset, CharOffset)>,
    span: Option<SpanId>,
    link: Option<Link>,
}

impl Selection {
    /// The selected text, if any.
    pub fn text(&self) -> Option<(CharOffset, CharOffset)> {
        self.text
    }

    /// The selected span, if any.
    pub fn span(&self) -> Option<SpanId> {
        self.span
    }

    /// The selected link, if any.
    pub fn link(&self) -> Option<&Link> {
        self.link.as_ref()
    }

    /// Selects text (a drag, a double-click, a search hit), or nothing.
    pub fn select_text(&mut self, text: Option<(CharOffset, CharOffset)>) {
        *self = Selection {
            text,
            ..Selection::default()
        };
    }

    /// Selects a span, or nothing.
    pub fn select_span(&mut self, span: Option<SpanId>) {
        *self = Selection {
            span,
            ..Selection::default()
        };
    }

    /// Selects a link.
    pub fn select_link(&mut self, link: Link) {
        *self = Selection {
            link: Some(link),
            ..Selection::default()
        };
    }

    /// Selects nothing.
    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    /// Forgets a selected span or link that no longer exists (after an undo, a delete,
    /// a colleague's version read from disk).
    pub fn forget_missing(&mut self, annotations: &Annotations) {
        if self.span.is_some_and(|id| annotations.span(id).is_none()) {
            self.span = None;
        }
        if self
            .link
            .as_ref()
            .is_some_and(|l| !annotations.links.contains(l))
        {
            self.link = None;
        }
    }
}

/// Two spans tagged one after the other that the schema lets link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOffer {
    /// The span tagged first.
    pub first: SpanId,
    /// The span tagged just now.
    pub second: SpanId,
    /// The offer in words: “Iran” —holds→ “warned”.
    pub text: String,
}

/// What a call on the [`Editor`] did, for the window to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to do (no link offered, nothing open).
    Nothing,
    /// The edit was made.
    Edited,
    /// The selected text was tagged; the new span is selected. A link to the span
    /// tagged before may be offered ([`Editor::offer`]).
    Tagged(SpanId),
    /// The selected span has a new label.
    Relabelled(SpanId),
    /// Two spans were linked: the link in words, where it can be said.
    Linked(Option<String>),
    /// A link is started from this span; the next span clicked is its other end.
    Linking(SpanId),
    /// A span or link is selected; `reveal` is where to scroll unless it is on screen.
    Selected {
        /// The char to bring into view, if any.
        reveal: Option<CharOffset>,
    },
    /// Review mode: the text of a disagreement is selected, for the reviewer to tag
    /// their own version of it.
    EditingDisagreement {
        /// The selected text's start and end.
        text: (CharOffset, CharOffset),
    },
    /// The call needs something first; the window says what, with the keys.
    Refused(Refusal),
    /// The edit was refused, in a sentence naming why.
    Failed(String),
}

/// What a call was missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No document is open.
    NoDocument,
    /// No text is selected to tag.
    NoText,
    /// No span is selected for what was asked.
    NoSpan(NeedsSpan),
    /// The document has no spans to step through.
    NoSpans,
    /// There is nothing to undo.
    NothingToUndo,
    /// There is nothing to redo.
    NothingToRedo,
    /// Review mode: no disagreement is chosen here.
    NoDisagreement,
}

/// What a selected span was needed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedsSpan {
    /// Changing its label.
    Relabel,
    /// Starting a link from it.
    Link,
    /// Setting a stance's polarity.
    Polarity,
}

/// The editing state of the document in view, and every edit a key or click makes.
#[derive(Debug, Default)]
pub struct Editor {
    selection: Selection,
    /// The span a link starts from, waiting for the other end.
    linking: Option<SpanId>,
    offer: Option<LinkOffer>,
    /// The span tagged last in this document, for offering a link to the next one.
    last_tagged: Option<SpanId>,
    /// Review mode: the disagreement whose text is selected, so the next tag is the
    /// reviewer's own version of it.
    disagreement: Option<usize>,
    /// The document all of this is about.
    document: Option<DocumentId>,
    /// The version of the shown annotations the selection was last checked against.
    version: Option<(bool, u64)>,
}

impl Editor {
    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// What is selected, for the view to change by drag, click and caret keys.
    pub fn selection_mut(&mut self) -> &mut Selection {
        &mut self.selection
    }

    /// The span a link is being made from, if any.
    pub fn linking(&self) -> Option<SpanId> {
        self.linking
    }

    /// The link offered after tagging two spans one after the other, if any.
    pub fn offer(&self) -> Option<&LinkOffer> {
        self.offer.as_ref()
    }

    /// Another document is in view (or the same one opened again): nothing of the
    /// last one stays selected or offered.
    pub fn document_changed(&mut self) {
        let (document, version) = (self.document.take(), self.version);
        *self = Editor {
            document,
            version,
            ..Editor::default()
        };
    }

    /// Follows what is shown, however it changed: another document in view (a click
    /// in the list, review mode moving on) is [`Editor::document_changed`]; annotations
    /// changed by anything (a colleague's file read again, a review decision, an
    /// undo) drop a selected span or link they no longer have, so no key acts on a
    /// span that is gone. Cheap enough for every frame: it compares an id and a count.
    pub fn follow(&mut self, ws: Option<&Workspace>) {
        let shown = ws.and_then(Workspace::shown_document).map(Document::id);
        if self.document.as_ref() != shown {
            let shown = shown.cloned();
            self.document_changed();
            self.document = shown;
        }
        let version = ws.and_then(Workspace::shown_version);
        if self.version != version {
            self.version = version;
            if let Some(ws) = ws {
                self.forget_missing(ws);
            }
        }
    }

    /// Review mode moved to another disagreement, or ended: the selection and the
    /// version being edited go.
    pub fn review_moved(&mut self) {
        self.disagreement = None;
        self.cancel_linking();
        self.selection.clear();
    }

    /// Gives up the link being made or offered.
    pub fn cancel_linking(&mut self) {
        self.linking = None;
        self.offer = None;
    }

    /// Esc: gives up the link and the selection. Returns whether text was selected.
    pub fn escape(&mut self) -> bool {
        let had_text = self.selection.text.is_some();
        self.cancel_linking();
        self.selection.clear();
        had_text
    }

    /// Forgets a selection the shown annotations no longer have.
    pub fn forget_missing(&mut self, ws: &Workspace) {
        if let Some(annotations) = ws.shown_annotations() {
            self.selection.forget_missing(annotations);
        }
    }

    /// Applies an edit to what is shown — the annotator's annotations, or gold in
    /// review mode (as the reviewer's version of the disagreement being edited, if
    /// any). `make` sees the annotations, the article and the schema.
    pub fn edit<E: Display + From<EditError>>(
        &mut self,
        ws: &mut Workspace,
        make: impl FnOnce(&Annotations, &Document, &Schema) -> Result<Edit, E>,
    ) -> Outcome {
        let result = if ws.review().is_some() {
            let settles = self.disagreement.take();
            ws.with_review(|review, project, schema| {
                let edit = make(&review.gold().annotations, review.document(), schema)
                    .map_err(|e| e.to_string())?;
                review
                    .edit(project, edit, settles)
                    .map_err(|e| e.to_string())
            })
            .unwrap_or(Ok(()))
        } else if ws.current().is_none() {
            return Outcome::Refused(Refusal::NoDocument);
        } else {
            ws.edit(|open, schema| make(open.annotations(), open.document(), schema))
                .map_err(|e| e.to_string())
        };
        self.forget_missing(ws);
        match result {
            Ok(()) => Outcome::Edited,
            Err(message) => Outcome::Failed(message),
        }
    }

    /// A label key: tags the selected text (then offers a link to the span tagged just
    /// before, where the schema has one), or relabels the selected span.
    pub fn tag(&mut self, ws: &mut Workspace, label: &str) -> Outcome {
        if let Some((start, end)) = self.selection.text {
            let new = NewSpan::new(start, end, label);
            let outcome = self.edit(ws, |annotations, document, schema| {
                Edit::tag(annotations, document, schema, new)
            });
            if outcome != Outcome::Edited {
                return outcome;
            }
            let Some(id) = ws
                .shown_annotations()
                .and_then(|a| a.at_place(start, end, label))
                .map(|s| s.id)
            else {
                return outcome;
            };
            // The new span becomes the selection: polarity, note or relabel next.
            self.selection.select_span(Some(id));
            // An actor then its stance (or a stance then its claim): offer the link.
            self.offer = self.last_tagged.and_then(|first| {
                Some(LinkOffer {
                    first,
                    second: id,
                    text: describe_link(ws, first, id)?,
                })
            });
            self.last_tagged = Some(id);
            Outcome::Tagged(id)
        } else if let Some(id) = self.selection.span {
            match self.edit(ws, |annotations, document, schema| {
                Edit::relabel(annotations, document, schema, id, label)
            }) {
                Outcome::Edited => Outcome::Relabelled(id),
                other => other,
            }
        } else {
            Outcome::Refused(Refusal::NoText)
        }
    }

    /// Gives the selected span the schema's next label.
    pub fn cycle(&mut self, ws: &mut Workspace) -> Outcome {
        let Some(span) = ws
            .shown_annotations()
            .and_then(|a| self.selection.span.and_then(|id| a.span(id)))
        else {
            return Outcome::Refused(Refusal::NoSpan(NeedsSpan::Relabel));
        };
        let names = ws.schema().label_names();
        let here = names.iter().position(|n| *n == span.label).unwrap_or(0);
        match names.get((here + 1) % names.len().max(1)) {
            Some(next) => {
                let next = (*next).to_owned();
                self.tag(ws, &next)
            }
            None => Outcome::Nothing,
        }
    }

    /// Starts a link from the selected span.
    pub fn start_link(&mut self) -> Outcome {
        match self.selection.span {
            Some(id) => {
                self.linking = Some(id);
                self.offer = None;
                Outcome::Linking(id)
            }
            None => Outcome::Refused(Refusal::NoSpan(NeedsSpan::Link)),
        }
    }

    /// A click on span `id` (or its row): the other end of the link being made, else
    /// a selection.
    pub fn click_span(&mut self, ws: &mut Workspace, id: SpanId) -> Outcome {
        if let Some(from) = self.linking.take() {
            let outcome = if from == id {
                Outcome::Nothing
            } else {
                self.link(ws, from, id)
            };
            self.selection.select_span(Some(id));
            return match outcome {
                Outcome::Nothing => Outcome::Selected { reveal: None },
                other => other,
            };
        }
        let reveal = ws
            .shown_annotations()
            .and_then(|a| a.span(id))
            .map(|s| s.start);
        self.selection.select_span(Some(id));
        Outcome::Selected { reveal }
    }

    /// Selects a link and brings its first end into view.
    pub fn select_link(&mut self, ws: &Workspace, link: Link) -> Outcome {
        let reveal = ws
            .shown_annotations()
            .and_then(|a| a.span(link.from))
            .map(|s| s.start);
        self.selection.select_link(link);
        Outcome::Selected { reveal }
    }

    /// Links two spans, in the direction the schema allows.
    pub fn link(&mut self, ws: &mut Workspace, first: SpanId, second: SpanId) -> Outcome {
        match self.edit(ws, |annotations, _, schema| {
            Edit::link_between(annotations, schema, first, second)
        }) {
            Outcome::Edited => Outcome::Linked(describe_link(ws, first, second)),
            other => other,
        }
    }

    /// Offers the link between `first` and `second` (a suggested one), in whichever
    /// direction the schema allows; nothing when it allows neither.
    pub fn offer_link(
        &mut self,
        ws: &Workspace,
        first: SpanId,
        second: SpanId,
    ) -> Option<&LinkOffer> {
        let text = describe_link(ws, first, second)?;
        self.offer = Some(LinkOffer {
            first,
            second,
            text,
        });
        self.offer.as_ref()
    }

    /// Makes the link offered after tagging two spans.
    pub fn accept_offer(&mut self, ws: &mut Workspace) -> Outcome {
        match self.offer.take() {
            Some(offer) => self.link(ws, offer.first, offer.second),
            None => Outcome::Nothing,
        }
    }

    /// Deletes the selected link, else the selected span.
    pub fn delete(&mut self, ws: &mut Workspace) -> Outcome {
        let edit = if let Some(link) = self.selection.link.clone() {
            Edit::RemoveLink(link)
        } else if let Some(id) = self.selection.span {
            Edit::RemoveSpan(id)
        } else {
            return Outcome::Nothing;
        };
        let outcome = self.edit(ws, |_, _, _| Ok::<_, EditError>(edit));
        if outcome == Outcome::Edited {
            self.selection.clear();
        }
        outcome
    }

    /// Sets the selected stance's polarity.
    pub fn set_polarity(&mut self, ws: &mut Workspace, value: &str) -> Outcome {
        let Some(id) = self.selection.span else {
            return Outcome::Refused(Refusal::NoSpan(NeedsSpan::Polarity));
        };
        self.edit(ws, |annotations, _, schema| {
            Edit::set_attribute(annotations, schema, id, POLARITY, Some(value))
        })
    }

    /// Tab or Shift+Tab: selects the next (or previous) span, from the selected span
    /// or the selected text.
    pub fn step_span(&mut self, ws: &Workspace, forward: bool) -> Outcome {
        let Some(annotations) = ws.shown_annotations() else {
            return Outcome::Nothing;
        };
        let spans = &annotations.spans;
        if spans.is_empty() {
            return Outcome::Refused(Refusal::NoSpans);
        }
        let here = self
            .selection
            .span
            .and_then(|id| spans.iter().position(|s| s.id == id));
        let next = match (here, forward) {
            (Some(i), true) => (i + 1) % spans.len(),
            (Some(i), false) => (i + spans.len() - 1) % spans.len(),
            (None, true) => {
                let from = self.selection.text.map_or(CharOffset(0), |s| s.0);
                spans.iter().position(|s| s.start >= from).unwrap_or(0)
            }
            (None, false) => spans.len() - 1,
        };
        let span = &spans[next];
        self.selection.select_span(Some(span.id));
        Outcome::Selected {
            reveal: Some(span.start),
        }
    }

    /// Undoes (or redoes) the last edit of what is shown: the annotator's, or the
    /// reviewer's decisions in review mode.
    pub fn undo_redo(&mut self, ws: &mut Workspace, undo: bool) -> Outcome {
        self.cancel_linking();
        let result = match ws.with_review(|review, project, _| {
            if undo {
                review.undo(project)
            } else {
                review.redo(project)
            }
        }) {
            Some(result) => result.map_err(|e| e.to_string()),
            None => if undo { ws.undo() } else { ws.redo() }.map_err(|e| e.to_string()),
        };
        self.forget_missing(ws);
        match result {
            Ok(true) => Outcome::Edited,
            Ok(false) if undo => Outcome::Refused(Refusal::NothingToUndo),
            Ok(false) => Outcome::Refused(Refusal::NothingToRedo),
            Err(message) => Outcome::Failed(message),
        }
    }

    /// Review mode: selects the current disagreement's text, snapped to words, so the
    /// next label key tags the reviewer's own version of it.
    pub fn edit_disagreement(&mut self, ws: &Workspace) -> Outcome {
        let Some(review) = ws.review() else {
            return Outcome::Nothing;
        };
        let Some(i) = review.current() else {
            return Outcome::Refused(Refusal::NoDisagreement);
        };
        let place = &review.disagreements()[i];
        match snap(review.document(), place.start, place.end, Snap::Words) {
            Some(text) => {
                self.selection.select_text(Some(text));
                self.disagreement = Some(i);
                Outcome::EditingDisagreement { text }
            }
            None => Outcome::Nothing,
        }
    }
}

/// `“Iran” —holds→ “warned”` for the link the schema has between two shown spans, in
/// whichever direction it allows.
pub fn describe_link(ws: &Workspace, first: SpanId, second: SpanId) -> Option<String> {
    let annotations = ws.shown_annotations()?;
    let (a, b) = (annotations.span(first)?, annotations.span(second)?);
    let schema = ws.schema();
    let (from, to, kind) = match schema.link_type_between(&a.label, &b.label) {
        Some(t) => (a, b, t),
        None => (b, a, schema.link_type_between(&b.label, &a.label)?),
    };
    Some(format!("“{}” —{}→ “{}”", from.text, kind.name, to.text))
}

#[cfg(test)]
#[path = "editing_tests.rs"]
mod tests;
