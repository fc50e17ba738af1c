//! Modal dialogs (the annotator's name, a note, a file changed on disk, the keyboard
//! help) and the welcome screen.

use super::command::{Command, ReviewCommand};
use super::command_table::help_lines;
use super::path_dialog::{PathPurpose, type_path};
use crate::model::{AnnotatorName, DocumentId, Schema, SpanId};
use egui::{Id, Key, Modal, RichText, Ui};
use std::path::{Path, PathBuf};

/// A dialog waiting for the user.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// Who is annotating; asked once, then remembered.
    AskName {
        /// The name as typed.
        draft: String,
        /// Why the last try was refused.
        error: Option<String>,
        /// What to do once the name is known.
        then: Option<Box<Command>>,
        /// A name is known already (the user is changing it), so the dialog can be
        /// cancelled; on first start a name must be given.
        can_cancel: bool,
    },
    /// A path typed by hand, where no file chooser is available.
    TypePath {
        /// What it is for.
        purpose: PathPurpose,
        /// The path as typed.
        draft: String,
        /// Why the last one was refused.
        error: Option<String>,
    },
    /// A note on a span.
    Note {
        /// The span.
        span: SpanId,
        /// The note as typed.
        draft: String,
    },
    /// Which annotators to compare in review mode.
    StartReview {
        /// The document.
        document: DocumentId,
        /// Everyone who annotated it, and whether they are chosen.
        choices: Vec<(AnnotatorName, bool)>,
    },
    /// A reviewer's note on the current disagreement.
    ReviewNote {
        /// The note as typed.
        draft: String,
    },
    /// Files an import refused because they bring labels the schema lacks.
    AddLabels {
        /// The files.
        paths: Vec<PathBuf>,
        /// What they bring, in words.
        what: Vec<String>,
    },
    /// What a finished export or import did, to read at leisure.
    Report {
        /// The dialog's title.
        title: String,
        /// The report.
        text: String,
    },
    /// The annotation file changed on disk since it was loaded.
    ChangedOnDisk {
        /// The document.
        document: DocumentId,
        /// The file.
        path: PathBuf,
        /// The file is the document's gold standard, being reviewed.
        gold: bool,
    },
}

/// What a dialog asks for after this frame.
pub enum Reply {
    /// Stay open.
    Open,
    /// Close, running these commands.
    Close(Vec<Command>),
}

impl Dialog {
    /// Draws the dialog.
    pub fn show(&mut self, ctx: &egui::Context) -> Reply {
        let mut reply = Reply::Open;
        let modal = Modal::new(Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            match self {
                Dialog::AskName {
                    draft,
                    error,
                    then,
                    can_cancel,
                } => ask_name(ui, draft, error, then, *can_cancel, &mut reply),
                Dialog::TypePath {
                    purpose,
                    draft,
                    error,
                } => type_path(ui, *purpose, draft, error, &mut reply),
                Dialog::Note { span, draft } => span_note(ui, span, draft, &mut reply),
                Dialog::StartReview { document, choices } => {
                    start_review(ui, document, choices, &mut reply)
                }
                Dialog::ReviewNote { draft } => review_note(ui, draft, &mut reply),
                Dialog::AddLabels { paths, what } => add_labels(ui, paths, what, &mut reply),
                Dialog::Report { title, text } => report(ui, title, text, &mut reply),
                Dialog::ChangedOnDisk {
                    document,
                    path,
                    gold,
                } => changed_on_disk(ui, document, path, *gold, &mut reply),
            }
        });
        // Esc or a click outside cancels, except where a choice must be made.
        let must_choose = match self {
            Dialog::ChangedOnDisk { .. } => true,
            Dialog::AskName { can_cancel, .. } => !*can_cancel,
            _ => false,
        };
        if modal.should_close() && !must_choose {
            reply = Reply::Close(Vec::new());
        }
        reply
    }
}

/// Who is annotating: the name, refused with the reason until it is one.
fn ask_name(
    ui: &mut Ui,
    draft: &mut String,
    error: &mut Option<String>,
    then: &mut Option<Box<Command>>,
    can_cancel: bool,
    reply: &mut Reply,
) {
    ui.heading("Who is annotating?");
    ui.label(
        "Your name or initials go on every annotation you make, so that \
             colleagues' work can be compared. You are asked once.",
    );
    let field = ui.add(
        egui::TextEdit::singleline(draft)
            .id_salt("annotator-name")
            .hint_text("e.g. alice"),
    );
    let enter = super::field_entered(ui, &field, error.as_deref());
    ui.horizontal(|ui| {
        if ui.button("Continue").clicked() || enter {
            match AnnotatorName::new(draft.trim()) {
                Ok(name) => {
                    let mut commands = vec![Command::SetAnnotator(name)];
                    commands.extend(then.take().map(|c| *c));
                    *reply = Reply::Close(commands);
                }
                Err(e) => *error = Some(e.to_string()),
            }
        }
        if can_cancel
            && ui
                .button("Cancel")
                .on_hover_text("Keep annotating under the name you had (Esc)")
                .clicked()
        {
            *reply = Reply::Close(Vec::new());
        }
    });
}

/// The note on a span.
fn span_note(ui: &mut Ui, span: &SpanId, draft: &mut String, reply: &mut Reply) {
    ui.heading("Note on this span");
    let field = ui.add(
        egui::TextEdit::multiline(draft)
            .id_salt("note")
            .desired_rows(4)
            .hint_text("Why you coded it this way, doubts for the reviewer…"),
    );
    super::keep_focus(&field);
    ui.weak("Ctrl+Enter saves, Esc cancels.");
    let save = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter));
    ui.horizontal(|ui| {
        if ui.button("Save note").clicked() || save {
            *reply = Reply::Close(vec![Command::SetNote(*span, draft.trim().to_owned())]);
        }
        if ui.button("Cancel").clicked() {
            *reply = Reply::Close(Vec::new());
        }
    });
}

/// The annotators to review a document with.
fn start_review(
    ui: &mut Ui,
    document: &DocumentId,
    choices: &mut [(AnnotatorName, bool)],
    reply: &mut Reply,
) {
    // Taken before the checkboxes see it: Enter starts, it never toggles.
    let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter));
    ui.heading("Review this document");
    ui.label(
        "Compare the work of two or more annotators and settle their \
             disagreements into the gold standard.",
    );
    for (name, on) in choices.iter_mut() {
        ui.checkbox(on, name.as_str());
    }
    let chosen: Vec<AnnotatorName> = choices
        .iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| n.clone())
        .collect();
    ui.horizontal(|ui| {
        let ready = chosen.len() >= 2;
        let start = ui
            .add_enabled(ready, egui::Button::new("Start review"))
            .on_hover_text("Enter")
            .on_disabled_hover_text("Choose at least two annotators")
            .clicked();
        if start || (enter && ready) {
            *reply = Reply::Close(vec![Command::Review(ReviewCommand::Start(
                document.clone(),
                chosen.clone(),
            ))]);
        }
        if ui.button("Cancel").clicked() {
            *reply = Reply::Close(Vec::new());
        }
    });
}

/// The note on a disagreement.
fn review_note(ui: &mut Ui, draft: &mut String, reply: &mut Reply) {
    ui.heading("Review note");
    let field = ui.add(
        egui::TextEdit::multiline(draft)
            .id_salt("review-note")
            .desired_rows(3)
            .hint_text("Why it was decided this way; kept in the gold file"),
    );
    super::keep_focus(&field);
    let save = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter));
    ui.horizontal(|ui| {
        if ui.button("Save note").clicked() || save {
            *reply = Reply::Close(vec![Command::Review(ReviewCommand::SetNote(draft.clone()))]);
        }
        if ui.button("Cancel").clicked() {
            *reply = Reply::Close(Vec::new());
        }
    });
}

/// The labels an import brings, to add or not.
fn add_labels(ui: &mut Ui, paths: &[PathBuf], what: &[String], reply: &mut Reply) {
    ui.heading("New labels");
    ui.label(
        "These files use labels, attributes or link types the project's \
             schema does not have, so they were not imported:",
    );
    for line in what.iter() {
        ui.label(RichText::new(line.as_str()).monospace());
    }
    ui.label("Add them to the schema (claimspan.ron) and import the files?");
    ui.horizontal(|ui| {
        if ui.button("Add and import").clicked() {
            *reply = Reply::Close(vec![Command::ImportAddingLabels(paths.to_vec())]);
        }
        if ui.button("Not now").clicked() {
            *reply = Reply::Close(Vec::new());
        }
    });
}

/// A report to read.
fn report(ui: &mut Ui, title: &str, text: &str, reply: &mut Reply) {
    ui.heading(title);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace()).wrap());
        });
    if ui.button("Close").clicked() {
        *reply = Reply::Close(Vec::new());
    }
}

/// A file changed under us: theirs or mine.
fn changed_on_disk(ui: &mut Ui, document: &DocumentId, path: &Path, gold: bool, reply: &mut Reply) {
    ui.heading("Changed on disk");
    ui.label(format!(
        "{} was changed by someone else (another window, a sync or a git pull) \
             after you opened and edited it.",
        path.display()
    ));
    if !gold {
        ui.label("Merge keeps both: their version with your edits since you opened it made again on it; any that no longer apply are listed.");
    }
    ui.horizontal(|ui| {
        if !gold
            && ui
                .button("Merge")
                .on_hover_text("Their version with your edits on it")
                .clicked()
        {
            *reply = Reply::Close(vec![Command::MergeTheirs(document.clone())]);
        }
        if ui
            .button("Reload theirs")
            .on_hover_text("Drop your edits to this document since you opened it")
            .clicked()
        {
            *reply = Reply::Close(vec![if gold {
                Command::Review(ReviewCommand::ReloadGold)
            } else {
                Command::ReloadTheirs(document.clone())
            }]);
        }
        if ui
            .button("Keep mine")
            .on_hover_text("Overwrite the file with your version")
            .clicked()
        {
            *reply = Reply::Close(vec![if gold {
                Command::Review(ReviewCommand::KeepMine)
            } else {
                Command::KeepMine(document.clone())
            }]);
        }
    });
}

/// The keyboard help over the window. Returns false when it should close.
pub fn show_help(ctx: &egui::Context, schema: Option<&Schema>) -> bool {
    let modal = Modal::new(Id::unique("help")).show(ctx, |ui| {
        // The dialog fits a narrow window; long lines wrap inside it.
        let width = (ctx.content_rect().width() - 80.0).clamp(320.0, 640.0);
        ui.set_max_width(width);
        ui.heading("Keyboard");
        let (review, anywhere): (Vec<_>, Vec<_>) = help_lines(|s| ctx.format_shortcut(s))
            .into_iter()
            .partition(|l| l.review);
        let row = |ui: &mut Ui, keys: String, does: String| {
            ui.label(RichText::new(keys).monospace());
            ui.add(egui::Label::new(does).wrap());
            ui.end_row();
        };
        let grid = |salt: &str| {
            egui::Grid::new(salt)
                .striped(true)
                .num_columns(2)
                .max_col_width(width - 150.0)
        };
        egui::ScrollArea::vertical()
            .max_height((ctx.content_rect().height() - 160.0).max(200.0))
            .show(ui, |ui| {
                grid("help-grid").show(ui, |ui| {
                    for label in schema.map(|s| s.labels.as_slice()).unwrap_or_default() {
                        row(
                            ui,
                            label.keys.join(" / ").to_uppercase(),
                            format!(
                                "Tag the selection as {0}, or make the selected span {0}",
                                label.name
                            ),
                        );
                    }
                    for line in anywhere {
                        row(ui, line.keys, line.does);
                    }
                });
                if !review.is_empty() {
                    ui.add_space(8.0);
                    ui.strong("In review mode");
                    grid("help-review-grid").show(ui, |ui| {
                        for line in review {
                            row(ui, line.keys, line.does);
                        }
                    });
                }
            });
        ui.button("Close").clicked()
    });
    !(modal.inner || modal.should_close())
}

/// The first screen: open, create, import, or try the sample.
pub fn show_welcome(ui: &mut Ui, path_draft: &mut String, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading(RichText::new("claimspan").size(32.0));
        ui.label("Tag actors, stances and claims in the news.");
        ui.add_space(24.0);
        let wide = egui::vec2(240.0, 32.0);
        if ui
            .add_sized(wide, egui::Button::new("Open project…"))
            .clicked()
        {
            commands.push(Command::OpenProjectDialog);
        }
        if ui
            .add_sized(wide, egui::Button::new("New project…"))
            .clicked()
        {
            commands.push(Command::NewProjectDialog);
        }
        if ui
            .add_sized(wide, egui::Button::new("Import articles…"))
            .clicked()
        {
            commands.push(Command::ImportDialog);
        }
        if ui
            .add_sized(wide, egui::Button::new("Open sample project"))
            .clicked()
        {
            commands.push(Command::OpenSample);
        }
        ui.add_space(24.0);
        ui.label("…or type the path of a project folder, an article file or a folder of articles:");
        // A row does not centre itself inside a centred column: give it its width.
        let row_width = 360.0 + 60.0;
        let indent = ((ui.available_width() - row_width) / 2.0).max(0.0);
        ui.horizontal(|ui| {
            ui.add_space(indent);
            let field = ui.add(
                egui::TextEdit::singleline(path_draft)
                    .id_salt("welcome-path")
                    .hint_text("/home/me/claims-project")
                    .desired_width(360.0),
            );
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (ui.button("Open").clicked() || enter) && !path_draft.trim().is_empty() {
                commands.push(Command::OpenPath(PathBuf::from(path_draft.trim())));
            }
        });
        ui.add_space(12.0);
        ui.weak("You can also drop article files on this window. F1 shows every shortcut.");
    });
}
