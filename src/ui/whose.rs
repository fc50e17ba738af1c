//! The “Whose” choice of the Export… form and the Network view: gold, one
//! annotator, or (for the formats that hold several) everyone.

use crate::formats::Source;
use crate::model::AnnotatorName;
use crate::store::Project;
use egui::{ComboBox, Ui};

/// Whose annotations a form reads, among those the project has.
#[derive(Debug, Clone)]
pub struct Whose {
    sources: Vec<(String, Source)>,
    chosen: usize,
}

impl Whose {
    /// The project's choices: gold-else-the-only-annotator, gold where there is
    /// any, each annotator, and with `everyone` gold and everyone together. It
    /// starts on gold where there is some, else on `me`'s annotations.
    pub fn new(project: &Project, me: &AnnotatorName, everyone: bool) -> Self {
        let has_gold = project.gold().next().is_some();
        let mut sources = vec![("gold, else the only annotator".to_owned(), Source::Auto)];
        if has_gold {
            sources.push(("gold".to_owned(), Source::Gold));
        }
        sources.extend(
            project
                .annotators()
                .map(|a| (a.as_str().to_owned(), Source::Annotator(a.clone()))),
        );
        if everyone {
            sources.push((
                "gold and everyone (Label Studio, statements)".to_owned(),
                Source::All,
            ));
        }
        let chosen = if has_gold {
            0
        } else {
            sources
                .iter()
                .position(|(_, s)| *s == Source::Annotator(me.clone()))
                .unwrap_or(0)
        };
        Self { sources, chosen }
    }

    /// The source chosen.
    pub fn source(&self) -> Source {
        self.sources
            .get(self.chosen)
            .map_or(Source::Auto, |(_, s)| s.clone())
    }

    /// Chooses `source` where the project has it.
    pub fn choose(&mut self, source: &Source) {
        if let Some(i) = self.sources.iter().position(|(_, s)| s == source) {
            self.chosen = i;
        }
    }

    /// The choice as a drop-down; `id` tells it from another form's.
    pub fn show(&mut self, ui: &mut Ui, id: &str) {
        ComboBox::from_id_salt(id)
            .selected_text(
                self.sources
                    .get(self.chosen)
                    .map_or("", |(name, _)| name.as_str()),
            )
            .show_ui(ui, |ui| {
                for (i, (name, _)) in self.sources.iter().enumerate() {
                    ui.selectable_value(&mut self.chosen, i, name);
                }
            });
    }
}
