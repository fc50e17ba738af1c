//! Ctrl+F: find text in the document, step through the hits, tag one directly (the
//! current hit is the selection, so a label key tags it).

use super::command::Command;
use super::command_table::key_hint;
use crate::model::DocumentId;
use crate::session::{Hit, OpenDocument, find_all};
use egui::{RichText, Ui};

/// The search bar's state.
#[derive(Debug, Default)]
pub struct SearchBar {
    /// Shown at all.
    pub open: bool,
    /// What to find.
    pub query: String,
    /// Only whole words.
    pub whole_words: bool,
    /// Hits in the current document.
    pub hits: Vec<Hit>,
    /// The hit last stepped to.
    pub current: Option<usize>,
    /// Give the query field the keyboard on the next frame.
    pub focus: bool,
    searched: Option<(DocumentId, String, bool)>,
}

impl SearchBar {
    /// Finds the hits again when the query, option or document changed.
    pub fn refresh(&mut self, open: Option<&OpenDocument>) {
        let Some(open) = open.filter(|_| self.open) else {
            self.hits.clear();
            self.current = None;
            self.searched = None;
            return;
        };
        let key = (
            open.document().id().clone(),
            self.query.clone(),
            self.whole_words,
        );
        if self.searched.as_ref() != Some(&key) {
            self.hits = find_all(open.document().text(), &self.query, self.whole_words);
            self.current = None;
            self.searched = Some(key);
        }
    }

    /// Steps to the next (or previous) hit, wrapping around; returns it.
    pub fn step(&mut self, forward: bool) -> Option<Hit> {
        if self.hits.is_empty() {
            return None;
        }
        let n = self.hits.len();
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(next);
        self.hits.get(next).copied()
    }

    /// Draws the bar.
    pub fn show(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        // In a narrow window the bar wraps before a widget that does not fit, never
        // inside one, and the close button stays on screen.
        ui.horizontal_wrapped(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label("Find:");
            let response = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id_salt("search-query")
                    .hint_text("text in this document")
                    .desired_width(260.0_f32.min(ui.available_width() - 8.0).max(80.0)),
            );
            if self.focus {
                response.request_focus();
                self.focus = false;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                commands.push(if back {
                    Command::FindPrevious
                } else {
                    Command::FindNext
                });
            }
            ui.checkbox(&mut self.whole_words, "Whole words");
            if ui
                .button("▲")
                .on_hover_text(format!(
                    "Previous hit ({})",
                    key_hint(ui, &Command::FindPrevious)
                ))
                .clicked()
            {
                commands.push(Command::FindPrevious);
            }
            if ui
                .button("▼")
                .on_hover_text(format!("Next hit ({})", key_hint(ui, &Command::FindNext)))
                .clicked()
            {
                commands.push(Command::FindNext);
            }
            let count = match (self.current, self.hits.len()) {
                (_, 0) if self.query.trim().is_empty() => String::new(),
                (_, 0) => "no hits".to_owned(),
                (Some(i), n) => format!("{} of {n}", i + 1),
                (None, n) => format!("{n} hits"),
            };
            ui.label(count);
            if ui.button("✕").on_hover_text("Close (Esc)").clicked() {
                commands.push(Command::Escape);
            }
        });
        // On a line of its own, where a narrow panel never cuts it.
        if self.current.is_some() {
            ui.add(
                egui::Label::new(RichText::new("Press a label key to tag this hit.").weak()).wrap(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_wrap_around() {
        let mut bar = SearchBar {
            hits: find_all("oil and Oil and OIL", "oil", false),
            ..SearchBar::default()
        };
        assert_eq!(bar.step(true).unwrap().start.0, 0);
        assert_eq!(bar.step(true).unwrap().start.0, 8);
        assert_eq!(bar.step(true).unwrap().start.0, 16);
        assert_eq!(bar.step(true).unwrap().start.0, 0);
        assert_eq!(bar.step(false).unwrap().start.0, 16);
    }
}
