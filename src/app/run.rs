//! Carrying out commands: the one place where what the user asked for happens.

use super::{App, DEFAULT_SIZE, MAX_SIZE, MIN_SIZE};
use crate::formats::NewLabels;
use crate::model::Edit;
use crate::session::{Editor, EntryId, RegistryChange};
use crate::store::Project;
use crate::ui::Command;
use crate::ui::side_panel::SideTab;
use std::path::PathBuf;

impl App {
    /// Carries out one command.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::OpenProjectDialog => self.open_project_dialog(),
            Command::NewProjectDialog => self.new_project_dialog(),
            Command::ImportDialog => self.import_dialog(),
            Command::ImportFolderDialog => self.import_folder_dialog(),
            Command::OpenSample => self.open_sample(),
            Command::TypePath(purpose) => self.type_path(purpose, None),
            Command::UsePaths(purpose, paths) => self.use_paths(purpose, paths),
            Command::OpenPath(path) => self.open_path(&path),
            Command::NewProject(dir) => match Project::init(&dir) {
                Ok(_) => self.open_project(&dir),
                Err(err) => self.complain(err.to_string()),
            },
            Command::Import(paths) => self.start_import(paths, NewLabels::Refuse),
            Command::ImportAddingLabels(paths) => self.start_import(paths, NewLabels::Add),
            Command::ExportDialog => self.open_export_form(),
            Command::ChangeAnnotator => self.change_annotator(),
            Command::SetAnnotator(name) => self.set_annotator(name),
            Command::OpenDocument(id) => self.open_document(&id),
            Command::NextDocument => self.step_document(1),
            Command::PreviousDocument => self.step_document(-1),
            Command::Label(label) => self.editing(|editor, ws| editor.tag(ws, &label)),
            Command::CycleLabel => self.editing(Editor::cycle),
            Command::DeleteSpan => self.editing(Editor::delete),
            Command::StartLink => self.editing(|editor, _| editor.start_link()),
            Command::SelectLink(link) => self.select_link(link),
            Command::AcceptLinkOffer => {
                // Enter takes the link offered; with none, the suggestion looked at.
                if self.link_offer().is_none()
                    && self.offered().is_some_and(|o| o.current().is_some())
                {
                    self.accept_suggestion();
                } else {
                    self.editing(Editor::accept_offer);
                }
            }
            Command::Polarity(value) => self.editing(|editor, ws| editor.set_polarity(ws, value)),
            Command::EditNote => self.edit_note(),
            Command::SetNote(id, note) => self.apply(Edit::SetNote { id, note }),
            Command::SelectSpan(id) => self.click_span(id),
            Command::AcceptSuggestion => self.accept_suggestion(),
            Command::RejectSuggestion => self.reject_suggestion(),
            Command::NextSuggestion => self.step_suggestion(true),
            Command::PreviousSuggestion => self.step_suggestion(false),
            Command::AcceptSuggestionsAbove(percent) => self.accept_suggestions_above(percent),
            Command::SetSuggestionThreshold(percent) => self.set_suggestion_threshold(percent),
            Command::ShowPlace {
                document,
                start,
                end,
            } => self.show_place(&document, start, end),
            Command::Caret { motion, extend } => self.move_caret(motion, extend),
            Command::NextSpan => self.editing(|editor, ws| editor.step_span(ws, true)),
            Command::PreviousSpan => self.editing(|editor, ws| editor.step_span(ws, false)),
            Command::Escape => self.escape(),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::ToggleDone => self.toggle_done(),
            Command::SetStatus(status) => self.apply(Edit::SetStatus(status)),
            Command::Find => self.open_search(),
            Command::FindNext => self.find_step(true),
            Command::FindPrevious => self.find_step(false),
            Command::ZoomIn => self.prefs.font_size = (self.prefs.font_size + 1.0).min(MAX_SIZE),
            Command::ZoomOut => self.prefs.font_size = (self.prefs.font_size - 1.0).max(MIN_SIZE),
            Command::ZoomReset => self.prefs.font_size = DEFAULT_SIZE,
            Command::ToggleSerif => self.prefs.serif = !self.prefs.serif,
            Command::ToggleTheme => self.toggle_theme(),
            Command::ToggleHelp => self.help = !self.help,
            Command::ToggleDocList => self.list_choice = Some(!self.shows_list()),
            Command::ShowGuidelines => self.side.tab = SideTab::Guidelines,
            Command::ShowTab(tab) => self.side.tab = tab,
            Command::AssignEntity(span, entity) => self.assign_entity(span, entity),
            Command::AssignCategory(span, category) => self.assign_category(span, category),
            Command::ChangeRegistry(change) => {
                self.change_registry(&change);
            }
            Command::NewEntityFor(span, kind) => self.new_entity_for(span, kind),
            Command::ReloadTheirs(id) => self.reload_theirs(id),
            Command::KeepMine(id) => self.keep_mine(id),
            Command::MergeTheirs(id) => self.merge_theirs(id),
            Command::Review(review) => self.run_review(review),
            Command::Quit => self.close_window(),
        }
    }

    /// Changes the entities and categories; returns the id of what was added.
    pub(super) fn change_registry(&mut self, change: &RegistryChange) -> Option<EntryId> {
        let ws = self.workspace.as_mut()?;
        match ws.change_registry(change) {
            Ok(id) => id,
            Err(err) => {
                self.complain(err.to_string());
                None
            }
        }
    }

    /// Imports into the open project, or with none open, makes a project of them.
    pub(super) fn import_or_open(&mut self, paths: Vec<PathBuf>) {
        if self.workspace.is_some() {
            self.run(Command::Import(paths));
        } else if let Some(first) = paths.into_iter().next() {
            self.run(Command::OpenPath(first));
        }
    }
}
