//! The menu bar, the label palette and the status bar. Menus and buttons emit the
//! same [`Command`]s as the shortcuts they show.

use super::command::{Command, ReviewCommand};
use super::command_table::{key_hint, shortcut_of, text_of};
use super::side_panel::SideTab;
use super::theme::label_color;
use crate::model::schema::{CATEGORY, ENTITY, POLARITY};
use crate::model::{Registry, Schema, Span, Status};
use egui::{Button, RichText, Ui};

/// A menu item named as the command table names `command`.
fn item(ui: &mut Ui, command: Command, enabled: bool, commands: &mut Vec<Command>) {
    let text = text_of(&command);
    item_named(ui, text, command, enabled, commands);
}

/// A menu item whose name follows the state (“Dark theme” / “Light theme”).
fn item_named(
    ui: &mut Ui,
    text: &str,
    command: Command,
    enabled: bool,
    commands: &mut Vec<Command>,
) {
    let mut button = Button::new(text);
    if let Some(shortcut) = shortcut_of(&command) {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(command);
        ui.close();
    }
}

/// What the menus need to know to grey out what cannot be done now.
pub struct MenuState {
    /// A project is open.
    pub project: bool,
    /// A document is open.
    pub document: bool,
    /// Review mode is on.
    pub reviewing: bool,
    /// Undo has something to undo.
    pub can_undo: bool,
    /// Redo has something to redo.
    pub can_redo: bool,
    /// A span is selected.
    pub span_selected: bool,
    /// A link is selected.
    pub link_selected: bool,
    /// Article text in serif.
    pub serif: bool,
    /// Dark theme.
    pub dark: bool,
    /// The document list is shown, not folded away.
    pub list_shown: bool,
}

/// The menu bar.
pub fn menu_bar(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, state, commands));
        ui.menu_button("Edit", |ui| edit_menu(ui, state, commands));
        ui.menu_button("View", |ui| view_menu(ui, state, commands));
        ui.menu_button("Go", |ui| go_menu(ui, state, commands));
        ui.menu_button("Review", |ui| review_menu(ui, state, commands));
        ui.menu_button("Help", |ui| {
            item(ui, Command::ToggleHelp, true, commands);
        });
    });
}

/// The File menu.
fn file_menu(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    item(ui, Command::OpenProjectDialog, true, commands);
    item(ui, Command::NewProjectDialog, true, commands);
    item(ui, Command::ImportDialog, true, commands);
    item(ui, Command::ImportFolderDialog, true, commands);
    item(ui, Command::ExportDialog, state.project, commands);
    item(ui, Command::OpenSample, true, commands);
    ui.separator();
    item(ui, Command::ChangeAnnotator, true, commands);
    ui.separator();
    item(ui, Command::Quit, true, commands);
}

/// The Edit menu.
fn edit_menu(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    item(ui, Command::Undo, state.can_undo, commands);
    item(ui, Command::Redo, state.can_redo, commands);
    ui.separator();
    item_named(
        ui,
        if state.link_selected {
            "Delete link"
        } else {
            "Delete span"
        },
        Command::DeleteSpan,
        state.span_selected || state.link_selected,
        commands,
    );
    item(ui, Command::StartLink, state.span_selected, commands);
    item(ui, Command::CycleLabel, state.span_selected, commands);
    item(ui, Command::EditNote, state.span_selected, commands);
    ui.separator();
    item(ui, Command::Find, state.document, commands);
    item(ui, Command::ToggleDone, state.document, commands);
}

/// The View menu.
fn view_menu(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    item(ui, Command::ZoomIn, true, commands);
    item(ui, Command::ZoomOut, true, commands);
    item(ui, Command::ZoomReset, true, commands);
    ui.separator();
    let font = if state.serif {
        "Sans-serif text"
    } else {
        "Serif text"
    };
    item_named(ui, font, Command::ToggleSerif, true, commands);
    let theme = if state.dark {
        "Light theme"
    } else {
        "Dark theme"
    };
    item_named(ui, theme, Command::ToggleTheme, true, commands);
    let list = if state.list_shown {
        "Fold document list"
    } else {
        "Show document list"
    };
    item_named(ui, list, Command::ToggleDocList, state.project, commands);
    item(ui, Command::ShowGuidelines, state.project, commands);
}

/// The Go menu.
fn go_menu(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    item(ui, Command::NextDocument, state.project, commands);
    item(ui, Command::PreviousDocument, state.project, commands);
    item(ui, Command::NextSpan, state.document, commands);
    item(ui, Command::PreviousSpan, state.document, commands);
}

/// The Review menu.
fn review_menu(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    item_named(
        ui,
        if state.reviewing {
            "Leave review"
        } else {
            "Review this document…"
        },
        Command::Review(ReviewCommand::Toggle),
        state.document,
        commands,
    );
    item(
        ui,
        Command::Review(ReviewCommand::Next),
        state.reviewing,
        commands,
    );
    item(
        ui,
        Command::Review(ReviewCommand::Previous),
        state.reviewing,
        commands,
    );
    item(
        ui,
        Command::Review(ReviewCommand::AcceptAgreed),
        state.reviewing,
        commands,
    );
    ui.separator();
    item(
        ui,
        Command::Review(ReviewCommand::ShowAgreement),
        state.project,
        commands,
    );
    item(
        ui,
        Command::Review(ReviewCommand::ShowNetwork),
        state.project,
        commands,
    );
    item(
        ui,
        Command::Review(ReviewCommand::ShowSuggestions),
        state.project,
        commands,
    );
}

/// A question the palette row asks while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// K was pressed on this span's text: the next click picks the other end.
    Linking {
        /// The text of the span the link starts from.
        from: String,
    },
    /// Two spans tagged one after the other can be linked.
    Offer {
        /// The link in words.
        text: String,
    },
}

/// A pending link question, floating at the top of the article so that nothing
/// below it moves.
pub fn prompt_bar(ui: &Ui, over: egui::Rect, prompt: &Prompt, commands: &mut Vec<Command>) {
    egui::Area::new(egui::Id::unique("link-prompt"))
        .order(egui::Order::Foreground)
        .fixed_pos(over.center_top() + egui::vec2(0.0, 6.0))
        .pivot(egui::Align2::CENTER_TOP)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| match prompt {
                    Prompt::Linking { from } => {
                        ui.label(
                            RichText::new(format!("Link “{from}” to… click the other span"))
                                .strong(),
                        );
                        if ui.small_button("Cancel (Esc)").clicked() {
                            commands.push(Command::Escape);
                        }
                    }
                    Prompt::Offer { text } => {
                        ui.label(format!("Link {text}?"));
                        if ui.small_button("Link (Enter)").clicked() {
                            commands.push(Command::AcceptLinkOffer);
                        }
                        if ui.small_button("No (Esc)").clicked() {
                            commands.push(Command::Escape);
                        }
                    }
                });
            });
        });
}

/// Longest entity or category name shown on its palette button; the whole name is in
/// the Entities tab.
const ASSIGNED_CHARS: usize = 24;

/// What the palette shows.
#[derive(Clone, Copy)]
pub struct PaletteState<'a> {
    /// The project's labels.
    pub schema: &'a Schema,
    /// Entities and categories, for the selected span's.
    pub registry: &'a Registry,
    /// The selected span, if any.
    pub selected: Option<&'a Span>,
    /// The document's status (gold's in review mode).
    pub status: Option<Status>,
    /// Whether the document list is shown.
    pub list_shown: bool,
    /// In review mode, the annotators compared, in lane order.
    pub reviewing: Option<&'a [&'a str]>,
}

/// The label palette and, for a selected span, its polarity and the document status;
/// first, the button that shows or folds the document list.
///
/// Every button keeps its text on one line: in a narrow window the palette wraps
/// before a button that does not fit, never inside one.
pub fn palette(ui: &mut Ui, shown: &PaletteState<'_>, commands: &mut Vec<Command>) {
    let PaletteState {
        schema,
        registry,
        selected,
        status,
        list_shown,
        reviewing,
    } = *shown;
    // The status button is drawn first, on the right; the rest wraps in what is left.
    let (_, toggle_done) = egui::containers::Sides::new().shrink_left().show(
        ui,
        |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                list_toggle(ui, list_shown, commands);
                label_buttons(ui, schema, selected, reviewing.is_some(), commands);
                if let Some(span) = selected {
                    polarity_buttons(ui, schema, span, commands);
                    assigned_button(ui, schema, registry, span, commands);
                }
                if let Some(names) = reviewing {
                    super::review_keys::review_buttons(ui, names, commands);
                }
            });
        },
        |ui| {
            let status = status?;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            let done = status == Status::Done;
            let text = if done { "✔ Done" } else { "Mark done" };
            let clicked = ui
                .add(Button::new(text).selected(done))
                .on_hover_text(key_hint(ui, &Command::ToggleDone))
                .clicked();
            clicked.then_some(Command::ToggleDone)
        },
    );
    commands.extend(toggle_done);
}

fn list_toggle(ui: &mut Ui, shown: bool, commands: &mut Vec<Command>) {
    let key = key_hint(ui, &Command::ToggleDocList);
    let hint = if shown {
        format!("Fold the document list away ({key})")
    } else {
        format!("Show the document list ({key})")
    };
    if ui
        .add(Button::new("☰ Documents").selected(shown))
        .on_hover_text(hint)
        .clicked()
    {
        commands.push(Command::ToggleDocList);
    }
    ui.separator();
}

fn label_buttons(
    ui: &mut Ui,
    schema: &Schema,
    selected: Option<&Span>,
    reviewing: bool,
    commands: &mut Vec<Command>,
) {
    ui.label(if selected.is_some() {
        "Relabel:"
    } else {
        "Tag:"
    });
    for label in &schema.labels {
        let color = label_color(&label.color);
        // In review mode letters decide disagreements: only digits tag.
        let keys: Vec<&str> = label
            .keys
            .iter()
            .map(String::as_str)
            .filter(|k| !reviewing || k.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let keys = keys.join("/").to_uppercase();
        let text = RichText::new(format!("{keys}  {}", label.name))
            .color(color)
            .strong();
        let active = selected.is_some_and(|s| s.label == label.name);
        if ui
            .add(Button::new(text).selected(active))
            .on_hover_text(format!("Tag the selected text as {} ({keys})", label.name))
            .clicked()
        {
            commands.push(Command::Label(label.name.clone()));
        }
    }
}

fn polarity_buttons(ui: &mut Ui, schema: &Schema, span: &Span, commands: &mut Vec<Command>) {
    let Some(def) = schema.label(&span.label) else {
        return;
    };
    if !def.attributes.iter().any(|a| a.name == POLARITY) {
        return;
    }
    ui.separator();
    ui.label("Polarity:");
    let now = span.attributes.get(POLARITY).map(String::as_str);
    for (value, key) in [("support", "+"), ("oppose", "−"), ("neutral", "0")] {
        if ui
            .add(Button::new(format!("{key} {value}")).selected(now == Some(value)))
            .clicked()
        {
            commands.push(Command::Polarity(value));
        }
    }
}

fn assigned_button(
    ui: &mut Ui,
    schema: &Schema,
    registry: &Registry,
    span: &Span,
    commands: &mut Vec<Command>,
) {
    let assigned = match schema.label(&span.label) {
        Some(def) if def.attributes.iter().any(|a| a.name == ENTITY) => {
            Some(("Entity", registry.entity_of(span).map(|e| e.name.as_str())))
        }
        Some(def) if def.attributes.iter().any(|a| a.name == CATEGORY) => Some((
            "Category",
            registry.category_of(span).map(|c| c.name.as_str()),
        )),
        _ => None,
    };
    let Some((what, name)) = assigned else {
        return;
    };
    ui.separator();
    let text = format!("{what}: {}", shortened(name.unwrap_or("none")));
    if ui
        .button(text)
        .on_hover_text(format!("Choose the {} (E)", what.to_lowercase()))
        .clicked()
    {
        commands.push(Command::ShowTab(SideTab::Entities));
    }
}

/// `name`, cut to [`ASSIGNED_CHARS`] with an ellipsis, so one button never takes a
/// whole row.
fn shortened(name: &str) -> String {
    match name.char_indices().nth(ASSIGNED_CHARS) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name.to_owned(),
    }
}

/// One message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to tell the user, as a sentence.
    pub text: String,
    /// An error rather than information.
    pub error: bool,
    /// It describes the document as it is now (a link made, an edit refused, a hint
    /// on what to select), so it goes when that changes: an undo, another document,
    /// review mode entered or left. Otherwise it is about the project and stays.
    pub here: bool,
}

/// The status bar: a running task, the latest message, and the save state on the
/// right.
///
/// `task` is a background task's `(what, done, total)`, shown with a progress bar.
pub fn status_bar(
    ui: &mut Ui,
    messages: &mut Vec<Message>,
    save_state: &str,
    annotator: &str,
    task: Option<(&str, usize, usize)>,
) {
    ui.horizontal(|ui| {
        if let Some((what, done, total)) = task {
            let bar = if total == 0 {
                egui::ProgressBar::new(0.0).animate(true)
            } else {
                egui::ProgressBar::new(done as f32 / total as f32)
            };
            ui.add(
                bar.desired_width(140.0)
                    .text(format!("{what}… {done} of {total}")),
            );
            ui.separator();
        }
        if let Some(last) = messages.last() {
            let color = if last.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(color, &last.text);
            if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
                messages.pop();
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(save_state);
            if !annotator.is_empty() {
                ui.separator();
                ui.label(format!("annotator: {annotator}"));
            }
        });
    });
}
