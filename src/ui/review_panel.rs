//! The right panel in review mode: who is compared (one lane each), the
//! disagreements to step through with N / P and decide with one key each, and the
//! statements only one of the first two annotators has.

use super::command::{Command, ReviewChoice, ReviewCommand};
use super::command_table::{key_hint as key, label_keys, shortcut_of};
use super::span_list::truncate;
use super::theme::{annotator_color, annotator_letter};
use crate::model::{Registry, Schema};
use crate::review::statement_agreement::Unmatched;
use crate::review::{Candidate, Disagreement, Resolution};
use crate::session::ReviewSession;
use egui::{Color32, RichText, Ui};

/// The key that takes annotator `n`'s version, empty past the last one with a key.
fn annotator_key(ui: &Ui, n: usize) -> String {
    let command = Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(n)));
    if shortcut_of(&command).is_some() {
        key(ui, &command)
    } else {
        String::new()
    }
}

/// A button named by its key and what it does.
fn key_button(ui: &mut Ui, command: Command, what: &str, hover: &str, commands: &mut Vec<Command>) {
    let mut button = ui.button(format!("{}: {what}", key(ui, &command)));
    if !hover.is_empty() {
        button = button.on_hover_text(hover);
    }
    if button.clicked() {
        commands.push(command);
    }
}

/// Draws the panel.
pub fn review_panel(
    ui: &mut Ui,
    review: &ReviewSession,
    schema: &Schema,
    registry: &Registry,
    commands: &mut Vec<Command>,
) {
    header(ui, review, commands);
    lanes_legend(ui, review);
    let total = review.disagreements().len();
    let open = review.open_count();
    let spans = review.gold().annotations.spans.len();
    ui.label(format!(
        "{open} of {total} disagreement{} open; gold has {spans} span{}",
        if total == 1 { "" } else { "s" },
        if spans == 1 { "" } else { "s" }
    ));
    let accept = Command::Review(ReviewCommand::AcceptAgreed);
    if ui
        .button(format!("Accept all agreed ({})", key(ui, &accept)))
        .on_hover_text("Put every span all annotators made alike into gold")
        .clicked()
    {
        commands.push(accept);
    }
    taken_out(ui, review, commands);
    ui.separator();
    disagreement_list(ui, review, schema, registry, commands);
}

/// The heading with the buttons that leave review mode and mark gold reviewed.
fn header(ui: &mut Ui, review: &ReviewSession, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Review");
        if ui
            .button("Leave review")
            .on_hover_text(format!(
                "Back to annotating ({})",
                key(ui, &Command::Review(ReviewCommand::Toggle))
            ))
            .clicked()
        {
            commands.push(Command::Review(ReviewCommand::End));
        }
        // Gold is training data (`--status done`) once the reviewer says so.
        let reviewed = review.gold().annotations.status == crate::model::Status::Done;
        let (text, hover) = if reviewed {
            ("✔ Reviewed", "Exported as done; click to reopen")
        } else {
            (
                "Mark reviewed",
                "Done with this document: its gold goes into exports of done documents",
            )
        };
        if ui
            .selectable_label(reviewed, text)
            .on_hover_text(format!("{hover} ({})", key(ui, &Command::ToggleDone)))
            .clicked()
        {
            commands.push(Command::ToggleDone);
        }
    });
}

/// Which lane under the text is whose: the letter the margin shows, in its colour.
fn lanes_legend(ui: &mut Ui, review: &ReviewSession) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Lanes under the text:");
        for (n, who) in review.annotators().iter().enumerate() {
            // The key that takes this annotator's version is the same letter where
            // there is one.
            let letter = annotator_letter(n);
            let key = annotator_key(ui, n);
            let hover = if key.is_empty() {
                format!("Lane {letter}: {who}'s spans")
            } else {
                format!("Lane {letter}: {who}'s spans; {key} takes their version")
            };
            // One annotator's lane stays on one line in a narrow panel.
            ui.add(
                egui::Label::new(
                    RichText::new(format!("▬ {letter} {who}"))
                        .strong()
                        .color(annotator_color(n)),
                )
                .extend(),
            )
            .on_hover_text(hover);
        }
    });
}

/// Every disagreement with its mark, the current one opened with its choices; then
/// the statements only one annotator made.
fn disagreement_list(
    ui: &mut Ui,
    review: &ReviewSession,
    schema: &Schema,
    registry: &Registry,
    commands: &mut Vec<Command>,
) {
    let statements = review.statement_disagreements(schema, registry);
    egui::ScrollArea::vertical()
        .id_salt("disagreements")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (i, d) in review.disagreements().iter().enumerate() {
                let current = review.current() == Some(i);
                let mark = match &d.settled {
                    None => "●",
                    Some(Resolution::Rejected) => "✗",
                    Some(_) => "✓",
                };
                let title = format!("{mark} {} — “{}”", d.kind.as_str(), snippet(review, d));
                let row = ui.selectable_label(current, title);
                if row.clicked() {
                    commands.push(Command::Review(ReviewCommand::Select(i)));
                }
                if current {
                    decision(ui, review, d, schema, commands);
                    row.scroll_to_me(None);
                }
            }
            let names = review.annotators();
            if names.len() >= 2 && !(statements.only_a.is_empty() && statements.only_b.is_empty()) {
                ui.separator();
                ui.label(RichText::new("Statement disagreements").strong());
                unmatched(ui, names[0].as_str(), &statements.only_a);
                unmatched(ui, names[1].as_str(), &statements.only_b);
            }
        });
}

/// What reviewers took out of gold, so an agreed span missing from gold has its
/// reason on screen and can be put back.
fn taken_out(ui: &mut Ui, review: &ReviewSession, commands: &mut Vec<Command>) {
    let overruled = &review.gold().review.overruled;
    if overruled.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Taken out of gold ({})", overruled.len()))
        .id_salt("taken-out")
        .show(ui, |ui| {
            ui.weak("Merges and “accept all agreed” leave these out.");
            for place in overruled {
                let text = review
                    .document()
                    .slice(place.start, place.end)
                    .unwrap_or_default();
                ui.horizontal(|ui| {
                    if ui
                        .small_button("Restore")
                        .on_hover_text("Put the annotators' version back into gold")
                        .clicked()
                    {
                        commands.push(Command::Review(ReviewCommand::Restore(place.clone())));
                    }
                    ui.label(format!("{} “{}”", place.label, truncate(text, 40)));
                });
            }
        });
}

/// The current disagreement's versions and the keys that decide it.
fn decision(
    ui: &mut Ui,
    review: &ReviewSession,
    d: &Disagreement,
    schema: &Schema,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        for candidate in &d.candidates {
            ui.label(candidate_line(candidate));
        }
        if !d.lacking.is_empty() {
            let names: Vec<&str> = d.lacking.iter().map(|a| a.as_str()).collect();
            ui.weak(format!("{} tagged nothing here", names.join(", ")));
        }
        if let Some(note) = review.current_note() {
            ui.label(RichText::new(format!("note: {note}")).italics());
        }
        if d.settled.is_some() {
            ui.weak(format!(
                "Decided; {} undoes the decision.",
                key(ui, &Command::Undo)
            ));
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for (n, who) in review.annotators().iter().enumerate() {
                let command = Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(n)));
                if shortcut_of(&command).is_some() {
                    key_button(ui, command, &format!("{who}'s"), "", commands);
                }
            }
            let all = Command::Review(ReviewCommand::Decide(ReviewChoice::All));
            key_button(ui, all, "both", "Take every version", commands);
            let none = Command::Review(ReviewCommand::Decide(ReviewChoice::Reject));
            key_button(ui, none, "reject", "Take none", commands);
            let hover = format!(
                "Select the place; tag your own version with {}",
                label_keys(schema)
            );
            key_button(
                ui,
                Command::Review(ReviewCommand::Edit),
                "edit",
                &hover,
                commands,
            );
            key_button(
                ui,
                Command::Review(ReviewCommand::NoteDialog),
                "note",
                "",
                commands,
            );
        });
    });
}

fn candidate_line(c: &Candidate) -> String {
    let who: Vec<&str> = c.annotators.iter().map(|a| a.as_str()).collect();
    let values: Vec<&str> = c.attributes.values().map(String::as_str).collect();
    let label = if values.is_empty() {
        c.label.clone()
    } else {
        format!("{} ({})", c.label, values.join(", "))
    };
    format!("{}: {label} “{}”", who.join(", "), truncate(&c.text, 60))
}

fn snippet(review: &ReviewSession, d: &Disagreement) -> String {
    let text = review.document().slice(d.start, d.end).unwrap_or_default();
    truncate(text, 40)
}

fn unmatched(ui: &mut Ui, who: &str, only: &[Unmatched]) {
    for statement in only {
        ui.label(
            RichText::new(format!("only {who}: {}", statement.key))
                .color(Color32::from_rgb(0xD5, 0x5E, 0x00)),
        );
    }
}
