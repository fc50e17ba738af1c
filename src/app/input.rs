//! What the user gave the window this frame besides clicks on widgets: files dropped
//! on it, and keys — read through the command table, most specific first, label keys
//! from the schema, the search bar's and review mode's keys only where they apply.

use super::App;
use crate::ui::command::Command;
use crate::ui::command_table::{Scope, key_named, keys_of};
use egui::{Modifiers, Ui};
use std::path::PathBuf;

impl App {
    /// Files dropped on the window: imported into the open project, else the first
    /// one opened (a project folder, or articles for a new project).
    pub(super) fn read_dropped_files(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        if self.workspace.is_some() {
            commands.push(Command::Import(dropped));
        } else if let Some(first) = dropped.into_iter().next() {
            commands.push(Command::OpenPath(first));
        }
    }

    /// The keys of this frame as commands; none while a menu or list is open.
    pub(super) fn read_keys(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        // An open menu or list has the keys: Esc closes it and nothing else.
        if egui::Popup::is_any_open(ui.ctx()) {
            return;
        }
        let typing = ui.ctx().egui_wants_keyboard_input();
        let reviewing = self
            .workspace
            .as_ref()
            .is_some_and(|ws| ws.review().is_some());
        // In review mode letters decide disagreements; digits still tag into gold.
        let label_keys: Vec<(egui::Key, String)> = self
            .workspace
            .as_ref()
            .map(|ws| {
                ws.schema()
                    .labels
                    .iter()
                    .flat_map(|l| {
                        l.keys
                            .iter()
                            .filter(|k| !reviewing || k.chars().all(|c| c.is_ascii_digit()))
                            .filter_map(|k| key_named(k).map(|key| (key, l.name.clone())))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let finding =
            self.search.open && self.search.current.is_some() && self.editor.offer().is_none();
        // A widget reached with Tab (a slider) takes the arrow keys, as a keyboard
        // user expects; clicks give no widget the focus, so the caret keeps them
        // otherwise.
        let widget_focused = ui.memory(|m| m.focused().is_some());
        let before = commands.len();
        ui.input_mut(|input| {
            let mut read = |scope: Scope| {
                for (modifiers, key, command) in keys_of(scope) {
                    if widget_focused && is_arrow(*key) {
                        continue;
                    }
                    if input.consume_key(*modifiers, *key) {
                        commands.push(command.clone());
                    }
                }
            };
            read(Scope::Global);
            if typing {
                return;
            }
            // The search bar's keys before review mode's before the plain ones: Enter
            // steps through hits while there are some.
            if finding {
                read(Scope::Find);
            }
            if reviewing {
                read(Scope::Review);
            }
            read(Scope::Plain);
            for (key, label) in label_keys {
                if input.consume_key(Modifiers::NONE, key) {
                    commands.push(Command::Label(label));
                }
            }
        });
        if !typing && commands.len() > before {
            // Tab walks spans here, not the focus through the widgets.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
    }
}

/// The four arrow keys.
fn is_arrow(key: egui::Key) -> bool {
    use egui::Key::{ArrowDown, ArrowLeft, ArrowRight, ArrowUp};
    matches!(key, ArrowLeft | ArrowRight | ArrowUp | ArrowDown)
}
