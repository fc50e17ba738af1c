//! The Export… form's network rows: DNA's options (mode, nodes, qualifier,
//! normalisation, duplicates) and time windows, offering for each mode only what
//! DNA defines for it, so the form cannot ask for a combination the export refuses.

use crate::formats::statements::{
    Duplicates, NetworkMode, NetworkOptions, Nodes, Normalize, Qualifier, TimeWindow,
};
use egui::{ComboBox, Ui};

/// The network choices as the form holds them.
#[derive(Debug, Clone, Default)]
pub struct NetworkChoices {
    /// Mode, nodes, qualifier, normalisation, duplicates.
    pub options: NetworkOptions,
    /// The window's length as typed (`30d`, `4w`); empty for one network.
    pub window: String,
    /// How far apart windows start, as typed; empty for the window's length.
    pub step: String,
}

const DUPLICATES: [Duplicates; 6] = [
    Duplicates::Include,
    Duplicates::Document,
    Duplicates::Week,
    Duplicates::Month,
    Duplicates::Year,
    Duplicates::All,
];

impl NetworkChoices {
    /// The qualifiers DNA defines for the mode chosen.
    fn qualifiers(&self) -> &'static [Qualifier] {
        match self.options.mode {
            NetworkMode::OneMode => &[
                Qualifier::Congruence,
                Qualifier::Conflict,
                Qualifier::Subtract,
                Qualifier::Ignore,
            ],
            _ => &[Qualifier::Ignore, Qualifier::Subtract, Qualifier::Combine],
        }
    }

    /// The normalisations DNA defines for the mode chosen.
    fn normalisations(&self) -> &'static [Normalize] {
        match self.options.mode {
            NetworkMode::OneMode => &[
                Normalize::No,
                Normalize::Average,
                Normalize::Jaccard,
                Normalize::Cosine,
            ],
            _ => &[Normalize::No, Normalize::Activity, Normalize::Prominence],
        }
    }

    /// The rows of a two-column grid: Network (one of `modes`), then what the
    /// mode takes.
    pub fn show(&mut self, ui: &mut Ui, modes: &[NetworkMode]) {
        ui.label("Network");
        let before = self.options.mode;
        ComboBox::from_id_salt("export-mode")
            .selected_text(self.options.mode.name())
            .show_ui(ui, |ui| {
                for &mode in modes {
                    ui.selectable_value(&mut self.options.mode, mode, mode.name());
                }
            });
        ui.end_row();
        if self.options.mode != before {
            // What one mode takes, another may not: back to the mode's defaults.
            self.options.qualifier = None;
            self.options.normalize = Normalize::No;
        }
        if self.options.mode != NetworkMode::EventList {
            self.network_rows(ui);
        }
        ui.label("Duplicates");
        ComboBox::from_id_salt("export-duplicates")
            .selected_text(self.options.duplicates.name())
            .show_ui(ui, |ui| {
                for d in DUPLICATES {
                    ui.selectable_value(&mut self.options.duplicates, d, d.name());
                }
            });
        ui.end_row();
    }

    fn network_rows(&mut self, ui: &mut Ui) {
        if self.options.mode == NetworkMode::OneMode {
            ui.label("Nodes");
            ui.horizontal(|ui| {
                ui.radio_value(&mut self.options.nodes, Nodes::Actors, "actors");
                ui.radio_value(&mut self.options.nodes, Nodes::Claims, "claims");
            });
            ui.end_row();
        }
        ui.label("Qualifier");
        let mut qualifier = self.options.qualifier();
        ComboBox::from_id_salt("export-qualifier")
            .selected_text(qualifier.name())
            .show_ui(ui, |ui| {
                for q in self.qualifiers() {
                    ui.selectable_value(&mut qualifier, *q, q.name());
                }
            });
        self.options.qualifier = Some(qualifier);
        ui.end_row();
        ui.label("Normalise");
        ComboBox::from_id_salt("export-normalize")
            .selected_text(self.options.normalize.name())
            .show_ui(ui, |ui| {
                for n in self.normalisations() {
                    ui.selectable_value(&mut self.options.normalize, *n, n.name());
                }
            });
        ui.end_row();
        ui.label("Windows");
        ui.horizontal(|ui| {
            for (text, name, hint) in [
                (&mut self.window, "of", "30d"),
                (&mut self.step, "every", "7d"),
            ] {
                let label = ui.label(name);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .id_salt(("export-window", name))
                        .hint_text(hint)
                        .desired_width(48.0),
                )
                .labelled_by(label.id);
            }
            ui.weak("(empty: one network)");
        });
        ui.end_row();
    }

    /// The options to export with, or a sentence naming the field to mend.
    pub fn options(&self) -> Result<NetworkOptions, String> {
        let mut options = self.options;
        let (window, step) = (self.window.trim(), self.step.trim());
        options.window = if window.is_empty() || options.mode == NetworkMode::EventList {
            None
        } else {
            let step = (!step.is_empty()).then_some(step);
            Some(TimeWindow::new(window, step).map_err(|e| format!("{e} (under “Windows”)"))?)
        };
        options.check()?;
        Ok(options)
    }
}
