//! The Spans tab's row of suggestions: how many are offered in the document, the
//! keys that decide them, and accepting all above a score.

use super::command::Command;
use super::command_table::key_hint;
use crate::session::suggestions::Offered;
use egui::Ui;

/// Draws the row for `offered`; `least` is the score accept-all starts from, kept
/// by the panel between frames.
pub fn suggestion_row(
    ui: &mut Ui,
    offered: &Offered,
    least: &mut f32,
    commands: &mut Vec<Command>,
) {
    let n = offered.items().len();
    if !offered.withheld().is_empty() {
        ui.weak(format!(
            "Not offered: {} — see Review → Suggestions…",
            offered.withheld().join("; ")
        ));
    }
    if n == 0 {
        if !offered.withheld().is_empty() {
            ui.separator();
        }
        return;
    }
    let (next, accept, reject) = (
        key_hint(ui, &Command::NextSuggestion),
        key_hint(ui, &Command::AcceptSuggestion),
        key_hint(ui, &Command::RejectSuggestion),
    );
    // Plain labels wrap to the panel's width and a short row follows, so a narrow
    // panel stays narrow.
    let plural = if n == 1 { "" } else { "s" };
    ui.label(format!(
        "{n} suggestion{plural} (dashed): {next} next, {accept} accepts, {reject} turns down."
    ));
    let label = ui.label(format!("Accept all scored at least {least:.2}:"));
    let above = offered.items().iter().filter(|s| s.score >= *least).count();
    ui.horizontal(|ui| {
        ui.spacing_mut().slider_width = 70.0;
        ui.add(
            egui::Slider::new(least, 0.0..=1.0)
                .step_by(0.05)
                .show_value(false),
        )
        .labelled_by(label.id);
        let button = ui.add_enabled(above > 0, egui::Button::new(format!("Accept {above}")));
        if button.clicked() {
            commands.push(Command::AcceptSuggestionsAbove(
                (*least * 100.0).round() as u8
            ));
        }
    });
    ui.separator();
}
