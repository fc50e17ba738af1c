//! The window's half of editing: each editing command is a call on the session's
//! [`Editor`], and its [`Outcome`] is shown here — a message naming the keys from the
//! command table, a scroll, the caret after a selection made by other means.

use super::App;
use crate::model::{Annotations, CharOffset, Document, Edit, EditError, Link, Schema, SpanId};
use crate::session::{Editor, NeedsSpan, Outcome, Refusal, Workspace};
use crate::ui::command::{Command, ReviewCommand};
use crate::ui::command_table::label_keys;
use crate::ui::text_view::CaretMove;
use std::fmt::Display;

impl App {
    /// Does `act` with the editor and the workspace, then shows what came of it.
    pub(super) fn editing(&mut self, act: impl FnOnce(&mut Editor, &mut Workspace) -> Outcome) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let outcome = act(&mut self.editor, ws);
        self.show_outcome(outcome);
    }

    /// Applies an edit to what the view shows, telling the user when it is refused.
    pub(super) fn edit<E: Display + From<EditError>>(
        &mut self,
        make: impl FnOnce(&Annotations, &Document, &Schema) -> Result<Edit, E>,
    ) {
        self.editing(|editor, ws| editor.edit(ws, make));
    }

    /// Applies an edit made without looking at the annotations.
    pub(super) fn apply(&mut self, edit: Edit) {
        self.edit(|_, _, _| Ok::<_, EditError>(edit));
    }

    /// Selects text chosen by other means than the view (a search hit; a test), puts
    /// the caret at its end and brings it into view.
    pub fn select_text(&mut self, start: CharOffset, end: CharOffset) {
        self.editor.selection_mut().select_text(Some((start, end)));
        self.view.show_selected_text((start, end));
    }

    /// A click on a span (or its row in a list): the end of a link, else a selection.
    pub(super) fn click_span(&mut self, id: SpanId) {
        self.editing(|editor, ws| editor.click_span(ws, id));
    }

    /// Selects `link` and scrolls to its first end.
    pub(super) fn select_link(&mut self, link: Link) {
        self.editing(|editor, ws| editor.select_link(ws, link));
    }

    /// Undoes or redoes; the messages about the document as it was go first.
    pub(super) fn undo_redo(&mut self, undo: bool) {
        self.forget_here();
        self.editing(|editor, ws| editor.undo_redo(ws, undo));
    }

    /// Drops the link being made and the selection; closes an empty search.
    pub(super) fn escape(&mut self) {
        let had_text = self.editor.escape();
        self.view.forget_caret_anchor();
        if self.search.open && !had_text {
            self.search.open = false;
        }
        self.search.current = None;
    }

    /// A caret key, in the document the view shows (gold's in review mode).
    pub(super) fn move_caret(&mut self, motion: CaretMove, extend: bool) {
        let Some(document) = self.workspace.as_ref().and_then(Workspace::shown_document) else {
            return;
        };
        self.view
            .move_caret(document, self.editor.selection_mut(), motion, extend);
    }

    /// Shows what an editing call did.
    fn show_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Nothing | Outcome::Edited | Outcome::Relabelled(_) | Outcome::Linking(_) => {}
            Outcome::Tagged(_) => self.search.current = None,
            Outcome::Linked(text) => {
                if let Some(text) = text {
                    self.tell_here(format!("Linked {text}."));
                }
            }
            Outcome::Selected { reveal } => {
                if let Some(at) = reveal {
                    self.view.reveal(at);
                }
            }
            Outcome::EditingDisagreement { text } => {
                self.view.show_selected_text(text);
                let keys = self
                    .workspace
                    .as_ref()
                    .map(|ws| label_keys(ws.schema()))
                    .unwrap_or_default();
                self.tell_here(format!(
                    "Tag your own version: adjust the selection if needed, then press {keys}."
                ));
            }
            Outcome::Refused(refusal) => {
                let sentence = self.refusal_sentence(refusal);
                // With no document there is no "here" for the message to go with.
                if refusal == Refusal::NoDocument {
                    self.tell(sentence);
                } else {
                    self.tell_here(sentence);
                }
            }
            Outcome::Failed(message) => self.complain_here(message),
        }
    }

    /// What to do first, in a sentence naming the keys.
    fn refusal_sentence(&self, refusal: Refusal) -> String {
        let tab = self.key_of(&Command::NextSpan);
        match refusal {
            Refusal::NoDocument => "Open a document first.".into(),
            Refusal::NoText => {
                "Select text first: drag over words (or double-click one), then press the label key."
                    .into()
            }
            Refusal::NoSpan(NeedsSpan::Relabel) => "Select a span first to change its label.".into(),
            Refusal::NoSpan(NeedsSpan::Link) => {
                let link = self.key_of(&Command::StartLink);
                format!(
                    "Select a span first (click it, or {tab} to it), then press {link} and click the span to link it to."
                )
            }
            Refusal::NoSpan(NeedsSpan::Polarity) => {
                format!("Select a stance span first (click it, or {tab} to it).")
            }
            Refusal::NoSpans => "This document has no spans yet.".into(),
            Refusal::NothingToUndo => "Nothing to undo.".into(),
            Refusal::NothingToRedo => "Nothing to redo.".into(),
            Refusal::NoDisagreement => {
                let next = self.key_of(&Command::Review(ReviewCommand::Next));
                format!("There is no disagreement to edit here; press {next} for the next one.")
            }
        }
    }
}
