//! The Suggestions window (Review → Suggestions…): each recommender's precision,
//! recall and F1 per label, cross-validated over the done documents as `claimspan
//! suggest --evaluate` prints them, whether it is offered, and the threshold that
//! turns one off.

use super::command::{Command, ReviewCommand};
use crate::suggest::evaluate::Evaluated;
use crate::suggest::project::{COLUMNS, cells};
use crate::suggest::{ProjectEvaluation, strings, tagger};
use egui::{RichText, Ui};

/// What the window shows.
pub struct SuggestionsShown<'a> {
    /// The last measure, or why there is none; `None` before the first.
    pub quality: Option<&'a Result<ProjectEvaluation, String>>,
    /// Learning and measuring is under way.
    pub learning: bool,
    /// The F1 a recommender must reach to be offered.
    pub threshold: f64,
}

/// Draws the window; `open` is cleared when the user closes it.
pub fn suggestions_window(
    ctx: &egui::Context,
    shown: &SuggestionsShown<'_>,
    open: &mut bool,
    commands: &mut Vec<Command>,
) {
    egui::Window::new("Suggestions")
        .open(open)
        .default_size([720.0, 480.0])
        .vscroll(true)
        .show(ctx, |ui| {
            controls(ui, shown, commands);
            ui.separator();
            match shown.quality {
                None => {
                    ui.label("Measuring the recommenders…");
                }
                Some(Err(why)) => {
                    ui.label(format!("Not measured: {why}."));
                }
                Some(Ok(report)) => measured(ui, report, shown.threshold),
            }
        });
}

/// The threshold and the button that measures again.
fn controls(ui: &mut Ui, shown: &SuggestionsShown<'_>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Offer a recommender when its F1 is at least");
        let mut threshold = shown.threshold;
        let slider = ui
            .add(egui::Slider::new(&mut threshold, 0.0..=1.0).step_by(0.05))
            .labelled_by(label.id);
        if slider.changed() {
            commands.push(Command::SetSuggestionThreshold(
                (threshold * 100.0).round() as u8
            ));
        }
        let button = ui.add_enabled(
            !shown.learning,
            egui::Button::new("Learn and measure again"),
        );
        if button.clicked() {
            commands.push(Command::Review(ReviewCommand::MeasureSuggestions));
        }
        if shown.learning {
            ui.spinner();
        }
    });
}

/// Each recommender: whether it is offered, what it needs, and its table.
fn measured(ui: &mut Ui, report: &ProjectEvaluation, threshold: f64) {
    ui.label(format!(
        "Measured on {} done document{} ({}): each recommender learns from the others' and suggests in the ones held out. P: suggestions that were annotated; R: annotated spans that were suggested; exact start, end and label.",
        report.documents,
        if report.documents == 1 { "" } else { "s" },
        report.source
    ));
    if let Some(why) = &report.not_cross_validated {
        ui.weak(format!("Not cross-validated: {why}."));
    }
    for name in report.recommenders() {
        ui.add_space(8.0);
        let switch = report.switch(name, threshold);
        ui.label(RichText::new(format!("{name}: {}", switch.describe(threshold))).strong());
        ui.weak(needs(name));
        egui::Grid::new(("suggestion quality", name))
            .striped(true)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                // The recommender's name is the heading above.
                for column in &COLUMNS[1..] {
                    ui.label(RichText::new(*column).strong());
                }
                ui.end_row();
                for e in report.evaluations.iter().filter(|e| e.recommender == name) {
                    for scores in e.labels.iter().chain([&e.overall]) {
                        let row = cells(e, scores);
                        for (i, cell) in row.iter().enumerate().skip(1) {
                            let text = RichText::new(cell);
                            // The honest F1 over all labels decides.
                            let deciding = i == 5
                                && scores.label == "all"
                                && !matches!(e.evaluated, Evaluated::OnTrainingData);
                            ui.label(if deciding { text.strong() } else { text });
                        }
                        ui.end_row();
                    }
                }
            });
    }
}

/// What a recommender needs to be useful, in a sentence.
fn needs(recommender: &str) -> &'static str {
    if recommender == strings::NAME {
        "Finds again every name and phrase tagged in a done document, and the registry's names: useful once the same actors and phrases recur across articles."
    } else if recommender == tagger::NAME {
        "Learns spans from the words around them (a name never tagged, where names like it were): useful once some tens of documents are done and tagged alike."
    } else {
        "Suggestions made elsewhere (a model's predictions imported with --as-suggestions), measured as they are on the done documents they cover."
    }
}
