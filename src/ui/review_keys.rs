//! The palette's row in review mode: the keys that step through disagreements and
//! decide them, each a button, the annotators' named by their lane letter and colour.

use super::command::{Command, ReviewChoice, ReviewCommand};
use super::command_table::{key_hint, shortcut_of};
use super::theme::{annotator_color, annotator_letter};
use egui::{Button, RichText, Ui};

/// Draws the review keys for the annotators `names`, in lane order.
pub fn review_buttons(ui: &mut Ui, names: &[&str], commands: &mut Vec<Command>) {
    ui.separator();
    ui.label("Review:");
    let key = key_hint;
    for (command, what) in [
        (ReviewCommand::Previous, "previous"),
        (ReviewCommand::Next, "next"),
    ] {
        let command = Command::Review(command);
        let text = format!("{} {what}", key(ui, &command));
        if ui.button(text).clicked() {
            commands.push(command);
        }
    }
    for (n, who) in names.iter().enumerate() {
        let command = Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(n)));
        // Past the last annotator with a key, the button still takes their version.
        let text = if shortcut_of(&command).is_some() {
            format!("{} {who}", key(ui, &command))
        } else {
            format!("{} {who}", annotator_letter(n))
        };
        if ui
            .add(Button::new(RichText::new(text).color(annotator_color(n))))
            .on_hover_text(format!("Take {who}'s version"))
            .clicked()
        {
            commands.push(command);
        }
    }
    for (choice, what, hover) in [
        (ReviewChoice::All, "both", "Take every version"),
        (ReviewChoice::Reject, "none", "Take none of them"),
    ] {
        let command = Command::Review(ReviewCommand::Decide(choice));
        let text = format!("{} {what}", key(ui, &command));
        if ui.button(text).on_hover_text(hover).clicked() {
            commands.push(command);
        }
    }
    let edit = Command::Review(ReviewCommand::Edit);
    if ui
        .button(format!("{} edit", key(ui, &edit)))
        .on_hover_text("Select the place, then tag your own version with a label key")
        .clicked()
    {
        commands.push(edit);
    }
}
