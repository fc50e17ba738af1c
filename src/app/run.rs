//! Carrying out commands: the one place where what the user asked for happens.

use super::{App, DEFAULT_SIZE, LinkOffer, MAX_SIZE, MIN_SIZE};
use crate::formats::NewLabels;
use crate::model::{Annotations, CharOffset, Document, Edit, EditError, NewSpan, Schema, SpanId};
use crate::session::RegistryChange;
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
            Command::Label(label) => self.label(&label),
            Command::CycleLabel => self.cycle_label(),
            Command::DeleteSpan => self.delete_selected(),
            Command::StartLink => self.start_link(),
            Command::SelectLink(link) => self.select_link(link),
            Command::AcceptLinkOffer => self.accept_link_offer(),
            Command::Polarity(value) => self.set_polarity(value),
            Command::EditNote => self.edit_note(),
            Command::SetNote(id, note) => self.apply(Edit::SetNote { id, note }),
            Command::SelectSpan(id) if self.linking.is_some() => self.finish_link(id),
            Command::SelectSpan(id) => self.select_span_at(id),
            Command::Caret { motion, extend } => self.move_caret(motion, extend),
            Command::NextSpan => self.step_span(true),
            Command::PreviousSpan => self.step_span(false),
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
    pub(super) fn change_registry(&mut self, change: &RegistryChange) -> Option<String> {
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

    /// Links two spans, in the direction the schema allows; says what was linked.
    pub(super) fn link(&mut self, first: SpanId, second: SpanId) {
        let before = self.messages.len();
        self.edit(|annotations, _, schema| Edit::link_between(annotations, schema, first, second));
        if self.messages.len() == before
            && let Some(text) = self.describe_link(first, second)
        {
            self.tell_here(format!("Linked {text}."));
        }
    }

    /// `“Iran” —holds→ “warned”` for the link the schema has between two spans.
    pub(super) fn describe_link(&self, first: SpanId, second: SpanId) -> Option<String> {
        let ws = self.workspace.as_ref()?;
        let annotations = self.shown_annotations()?;
        let (a, b) = (annotations.span(first)?, annotations.span(second)?);
        let schema = ws.schema();
        let (from, to, kind) = match schema.link_type_between(&a.label, &b.label) {
            Some(t) => (a, b, t),
            None => (b, a, schema.link_type_between(&b.label, &a.label)?),
        };
        Some(format!("“{}” —{}→ “{}”", from.text, kind.name, to.text))
    }

    pub(super) fn cancel_linking(&mut self) {
        self.linking = None;
        self.offer = None;
        self.view.set_link_mode(false);
    }

    /// Applies an edit made without looking at the annotations.
    pub(super) fn apply(&mut self, edit: Edit) {
        self.edit(|_, _, _| Ok::<_, EditError>(edit));
    }

    /// Applies an edit to what the view shows — the annotator's annotations, or gold in
    /// review mode — telling the user when it is refused. `make` sees the annotations,
    /// the article and the schema.
    pub(super) fn edit<E: std::fmt::Display + From<EditError>>(
        &mut self,
        make: impl FnOnce(&Annotations, &Document, &Schema) -> Result<Edit, E>,
    ) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if ws.review().is_some() {
            let settles = self.review_editing.take();
            let outcome = ws.with_review(|review, project, schema| {
                let edit = make(&review.gold().annotations, review.document(), schema)
                    .map_err(|e| e.to_string())?;
                review
                    .edit(project, edit, settles)
                    .map_err(|e| e.to_string())
            });
            if let Some(review) = ws.review() {
                self.view.forget_missing(&review.gold().annotations);
            }
            if let Some(Err(message)) = outcome {
                self.complain_here(message);
            }
            return;
        }
        if ws.current().is_none() {
            self.tell("Open a document first.");
            return;
        }
        let result = ws.edit(|open, schema| make(open.annotations(), open.document(), schema));
        if let Some(open) = ws.current() {
            self.view.forget_missing(open.annotations());
        }
        if let Err(err) = result {
            self.complain_here(err.to_string());
        }
    }

    pub(super) fn label(&mut self, label: &str) {
        if let Some((start, end)) = self.view.selection() {
            let label = label.to_owned();
            let new = NewSpan::new(start, end, &label);
            let before = self.messages.len();
            self.edit(|annotations, document, schema| {
                Edit::tag(annotations, document, schema, new)
            });
            if self.messages.len() == before {
                // The new span becomes the selection: polarity, note or relabel next.
                let id = self
                    .shown_annotations()
                    .and_then(|a| a.at_place(start, end, &label))
                    .map(|s| s.id);
                self.view.select_span(id, None);
                self.search.current = None;
                // An actor then its stance (or a stance then its claim): offer the link.
                self.offer = self.last_tagged.zip(id).and_then(|(first, second)| {
                    let text = self.describe_link(first, second)?;
                    Some(LinkOffer {
                        first,
                        second,
                        text,
                    })
                });
                self.last_tagged = id;
            }
        } else if let Some(id) = self.view.selected_span() {
            let label = label.to_owned();
            self.edit(|annotations, document, schema| {
                Edit::relabel(annotations, document, schema, id, &label)
            });
        } else {
            self.tell_here("Select text first: drag over words (or double-click one), then press the label key.");
        }
    }

    pub(super) fn cycle_label(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let Some(span) = self
            .shown_annotations()
            .and_then(|a| self.view.selected_span().and_then(|id| a.span(id)))
        else {
            self.tell_here("Select a span first to change its label.");
            return;
        };
        let names = ws.schema().label_names();
        let here = names.iter().position(|n| *n == span.label).unwrap_or(0);
        if let Some(next) = names.get((here + 1) % names.len().max(1)) {
            let next = (*next).to_owned();
            self.label(&next);
        }
    }

    /// A caret key, in the document the view shows (gold's in review mode).
    fn move_caret(&mut self, motion: crate::ui::text_view::CaretMove, extend: bool) {
        let Some(ws) = &self.workspace else { return };
        let document = match ws.review() {
            Some(review) => review.document(),
            None => match ws.current() {
                Some(open) => open.document(),
                None => return,
            },
        };
        self.view.move_caret(document, motion, extend);
    }

    pub(super) fn step_span(&mut self, forward: bool) {
        let Some(annotations) = self.shown_annotations() else {
            return;
        };
        let spans = &annotations.spans;
        if spans.is_empty() {
            self.tell_here("This document has no spans yet.");
            return;
        }
        let here = self
            .view
            .selected_span()
            .and_then(|id| spans.iter().position(|s| s.id == id));
        let next = match (here, forward) {
            (Some(i), true) => (i + 1) % spans.len(),
            (Some(i), false) => (i + spans.len() - 1) % spans.len(),
            (None, true) => {
                let from = self.view.selection().map_or(CharOffset(0), |s| s.0);
                spans.iter().position(|s| s.start >= from).unwrap_or(0)
            }
            (None, false) => spans.len() - 1,
        };
        let span = &spans[next];
        let (id, at) = (span.id, span.start);
        self.view.select_span(Some(id), Some(at));
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        self.cancel_linking();
        self.forget_here();
        let Some(ws) = &mut self.workspace else {
            return;
        };
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
        if let Some(annotations) = self.shown_annotations() {
            let annotations = annotations.clone();
            self.view.forget_missing(&annotations);
        }
        match result {
            Ok(true) => {}
            Ok(false) => self.tell_here(if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            }),
            Err(err) => self.complain_here(err.to_string()),
        }
    }
}
