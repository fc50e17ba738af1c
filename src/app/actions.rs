//! What the commands of `run.rs` do when it takes more than a line: one method per
//! command, so that `App::run` stays a dispatch.

use super::App;
use crate::model::AnnotatorName;
use crate::model::{CategoryId, DocumentId, Edit, EntityId, EntityKind, SpanId, Status};
use crate::session::{EntryId, RegistryChange, Workspace};
use crate::ui::Command;
use crate::ui::dialogs::Dialog;

impl App {
    /// Asks for the annotator's name again.
    pub(super) fn change_annotator(&mut self) {
        self.dialog = Some(Dialog::AskName {
            draft: self.prefs.annotator.clone().unwrap_or_default(),
            error: None,
            then: None,
            can_cancel: self.prefs.annotator.is_some(),
        });
    }

    /// Annotates under `name` from now on, reopening the project to show their work.
    pub(super) fn set_annotator(&mut self, name: AnnotatorName) {
        let changed = self.prefs.annotator.as_deref() != Some(name.as_str());
        self.prefs.annotator = Some(name.as_str().to_owned());
        // Reopen so the documents show this annotator's work.
        if changed
            && let Some(root) = self
                .workspace
                .as_ref()
                .map(|w| w.project().root().to_owned())
        {
            self.open_project(&root);
        }
    }

    /// Opens the note editor for the selected span.
    pub(super) fn edit_note(&mut self) {
        let Some(annotations) = self.shown_annotations() else {
            return;
        };
        match self
            .editor
            .selection()
            .span()
            .and_then(|id| annotations.span(id))
        {
            Some(span) => {
                self.dialog = Some(Dialog::Note {
                    span: span.id,
                    draft: span.note.clone(),
                });
            }
            None => self.tell_here("Select a span first to write a note on it."),
        }
    }

    /// Marks the open document done, or back in progress; in review mode its gold
    /// (reviewed, which `--status done` exports).
    pub(super) fn toggle_done(&mut self) {
        // In review mode that is gold: marking it done marks it reviewed.
        let Some(shown) = self.shown_annotations() else {
            return;
        };
        let next = if shown.status == Status::Done {
            Status::InProgress
        } else {
            Status::Done
        };
        self.run(Command::SetStatus(next));
    }

    /// Opens the search bar with the keyboard in it.
    pub(super) fn open_search(&mut self) {
        self.search.open = true;
        self.search.focus = true;
    }

    /// Switches between light and dark.
    pub(super) fn toggle_theme(&mut self) {
        self.prefs.dark = !self.prefs.dark;
        self.apply_theme();
    }

    /// Gives actor span `span` the registry entity `entity`, or none.
    pub(super) fn assign_entity(&mut self, span: SpanId, entity: Option<EntityId>) {
        let Some(ws) = &self.workspace else { return };
        let registry = ws.registry().clone();
        self.edit(|annotations, _, schema| {
            Edit::assign_entity(annotations, schema, &registry, span, entity.as_ref())
        });
    }

    /// Gives claim span `span` the registry category `category`, or none.
    pub(super) fn assign_category(&mut self, span: SpanId, category: Option<CategoryId>) {
        let Some(ws) = &self.workspace else { return };
        let registry = ws.registry().clone();
        self.edit(|annotations, _, schema| {
            Edit::assign_category(annotations, schema, &registry, span, category.as_ref())
        });
    }

    /// Adds the span's text as a new entity of `kind` and assigns it.
    pub(super) fn new_entity_for(&mut self, span: SpanId, kind: EntityKind) {
        let Some(text) = self
            .shown_annotations()
            .and_then(|a| a.span(span))
            .map(|s| s.text.trim().to_owned())
        else {
            return;
        };
        if let Some(EntryId::Entity(id)) =
            self.change_registry(&RegistryChange::AddEntity { name: text, kind })
        {
            self.run(Command::AssignEntity(span, Some(id)));
        }
    }

    /// Takes the version on disk of a document changed under us.
    pub(super) fn reload_theirs(&mut self, id: DocumentId) {
        if let Some(ws) = &mut self.workspace
            && let Err(err) = ws.reload(&id)
        {
            self.complain(err.to_string());
        }
    }

    /// Merges a document changed under us: their version with our edits on it; what
    /// no longer applies is listed in a report.
    pub(super) fn merge_theirs(&mut self, id: DocumentId) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match ws.merge(&id) {
            Ok(out) => {
                self.editor.forget_missing(ws);
                let title = self.title_of(&id);
                let summary = format!(
                    "Merged {title}: their version with your edits on it ({} applied again, {} already there).",
                    out.applied.len(),
                    out.already
                );
                if out.not_applied.is_empty() {
                    self.tell(summary);
                } else {
                    let mut text = format!(
                        "{summary}\n\n{} of your edits no longer apply to their version and were not made:\n",
                        out.not_applied.len()
                    );
                    for line in &out.not_applied {
                        text.push_str(&format!("\n• {line}"));
                    }
                    self.tell(format!(
                        "{summary} {} edits no longer apply; see the list.",
                        out.not_applied.len()
                    ));
                    self.dialog = Some(Dialog::Report {
                        title: "Merged: some edits no longer apply".into(),
                        text,
                    });
                }
            }
            Err(err) => self.complain(err.to_string()),
        }
    }

    /// Keeps our version of a document changed under us.
    pub(super) fn keep_mine(&mut self, id: DocumentId) {
        if let Some(ws) = &mut self.workspace {
            ws.keep_mine(&id);
        }
    }

    /// Selects the next (or previous) search hit, or says there is none.
    pub(super) fn find_step(&mut self, forward: bool) {
        self.search.open = true;
        self.search
            .refresh(self.workspace.as_ref().and_then(Workspace::current));
        match self.search.step(forward) {
            Some(hit) => self.select_text(hit.start, hit.end),
            None if !self.search.query.trim().is_empty() => {
                self.tell_here(format!(
                    "“{}” is not in this document.",
                    self.search.query.trim()
                ));
            }
            None => self.search.focus = true,
        }
    }

    /// Saves everything and closes the window.
    pub(super) fn close_window(&mut self) {
        self.flush();
        self.quit = true;
        self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}
