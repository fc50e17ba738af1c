//! The Export… dialog: the choices of `claimspan export` as a form. It only builds
//! the [`ExportOptions`]; the export itself runs as a task, like the command line's.

use crate::formats::export::{ExportFormat, ExportOptions, Source, SplitSpec, StatusFilter};
use crate::formats::{ExportError, OffsetUnit};
use crate::model::AnnotatorName;
use crate::store::Project;
use egui::{ComboBox, DragValue, Id, Modal, RichText};
use std::path::{Path, PathBuf};

/// What the form asks for after a frame.
pub enum FormReply {
    /// Keep showing it.
    Open,
    /// The user cancelled.
    Cancel,
    /// Export with these options.
    Start(Box<ExportOptions>),
}

/// The form's state between frames.
#[derive(Debug, Clone)]
pub struct ExportForm {
    format: ExportFormat,
    out: String,
    /// The path was typed or chosen, so a change of format leaves it alone.
    out_chosen: bool,
    project_dir: PathBuf,
    project_name: String,
    sources: Vec<(String, Source)>,
    source: usize,
    all_statuses: bool,
    labels: Vec<(String, bool)>,
    split: bool,
    fractions: [f64; 3],
    seed: u64,
    /// `None`: the format's own unit.
    offsets: Option<OffsetUnit>,
    flat: bool,
    error: Option<String>,
}

impl ExportForm {
    /// A form for `project` with the command line's defaults, except that without
    /// gold it starts on `me`'s annotations rather than asking.
    pub fn new(project: &Project, me: &AnnotatorName) -> Self {
        let mut sources = vec![("gold, else the only annotator".to_owned(), Source::Auto)];
        if project.gold().next().is_some() {
            sources.push(("gold".to_owned(), Source::Gold));
        }
        sources.extend(
            project
                .annotators()
                .map(|a| (a.as_str().to_owned(), Source::Annotator(a.clone()))),
        );
        sources.push(("everyone (Label Studio)".to_owned(), Source::All));
        let has_gold = project.gold().next().is_some();
        let source = if has_gold {
            0
        } else {
            sources
                .iter()
                .position(|(_, s)| *s == Source::Annotator(me.clone()))
                .unwrap_or(0)
        };
        let mut form = Self {
            format: ExportFormat::Jsonl,
            out: String::new(),
            out_chosen: false,
            project_dir: project.root().to_owned(),
            project_name: project.config().name.clone(),
            sources,
            source,
            all_statuses: false,
            labels: project
                .schema()
                .labels
                .iter()
                .map(|l| (l.name.clone(), true))
                .collect(),
            split: false,
            fractions: [0.8, 0.1, 0.1],
            seed: 0,
            offsets: None,
            flat: false,
            error: None,
        };
        form.suggest_path();
        form
    }

    /// A file or folder beside the project, named after it and the format, so an
    /// export never lands inside the shared project folder by default.
    fn suggest_path(&mut self) {
        if self.out_chosen {
            return;
        }
        let parent = self.project_dir.parent().unwrap_or(Path::new("."));
        let name = match self.format {
            ExportFormat::Jsonl | ExportFormat::Doccano if !self.split => {
                format!("{}-{}.jsonl", self.project_name, self.format.name())
            }
            ExportFormat::Conll if !self.split => format!("{}.conll", self.project_name),
            ExportFormat::Spacy if !self.split => format!("{}.spacy", self.project_name),
            ExportFormat::LabelStudio if !self.split => {
                format!("{}-label-studio.json", self.project_name)
            }
            _ => format!("{}-{}", self.project_name, self.format.name()),
        };
        self.out = parent.join(name).display().to_string();
    }

    /// The options the form describes, or why they cannot be used.
    pub fn options(&self) -> Result<ExportOptions, String> {
        if self.out.trim().is_empty() {
            return Err("Choose where to write the export.".into());
        }
        let mut options = ExportOptions::new(self.format, PathBuf::from(self.out.trim()));
        options.source = self
            .sources
            .get(self.source)
            .map_or(Source::Auto, |(_, s)| s.clone());
        options.status = if self.all_statuses {
            StatusFilter::All
        } else {
            StatusFilter::Done
        };
        if self.labels.iter().any(|(_, on)| !on) {
            let chosen: Vec<String> = self
                .labels
                .iter()
                .filter(|(_, on)| *on)
                .map(|(name, _)| name.clone())
                .collect();
            if chosen.is_empty() {
                return Err("Choose at least one label to export.".into());
            }
            options.labels = Some(chosen);
        }
        if self.split {
            let [train, dev, test] = self.fractions;
            let spec: SplitSpec = format!("train={train},dev={dev},test={test}").parse()?;
            options.split = Some(spec);
            options.seed = self.seed;
        }
        options.offsets = self.offsets;
        options.flat = self.flat;
        Ok(options)
    }

    /// Shows the form again with why the export could not be done.
    pub fn with_error(mut self, error: String) -> Self {
        self.error = Some(error);
        self
    }

    /// Draws the form.
    pub fn show(&mut self, ctx: &egui::Context) -> FormReply {
        let mut reply = FormReply::Open;
        let modal = Modal::new(Id::unique("export-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Export annotations");
            egui::Grid::new("export-grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Format");
                    let before = self.format;
                    ComboBox::from_id_salt("export-format")
                        .selected_text(self.format.name())
                        .show_ui(ui, |ui| {
                            for format in ExportFormat::ALL {
                                ui.selectable_value(&mut self.format, format, format.name());
                            }
                        });
                    if self.format != before {
                        self.suggest_path();
                    }
                    ui.end_row();

                    ui.label("Write to");
                    ui.horizontal(|ui| {
                        let field = ui.add(
                            egui::TextEdit::singleline(&mut self.out)
                                .id_salt("export-out")
                                .desired_width(300.0),
                        );
                        if field.changed() {
                            self.out_chosen = true;
                        }
                        if ui.button("Choose…").clicked()
                            && let Some(path) = self.pick_path()
                        {
                            self.out = path.display().to_string();
                            self.out_chosen = true;
                        }
                    });
                    ui.end_row();

                    ui.label("Whose");
                    ComboBox::from_id_salt("export-source")
                        .selected_text(
                            self.sources
                                .get(self.source)
                                .map_or("", |(name, _)| name.as_str()),
                        )
                        .show_ui(ui, |ui| {
                            for (i, (name, _)) in self.sources.iter().enumerate() {
                                ui.selectable_value(&mut self.source, i, name);
                            }
                        });
                    ui.end_row();

                    ui.label("Documents");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut self.all_statuses, false, "marked done");
                        ui.radio_value(&mut self.all_statuses, true, "all annotated");
                    });
                    ui.end_row();

                    ui.label("Labels");
                    ui.horizontal_wrapped(|ui| {
                        for (name, on) in &mut self.labels {
                            ui.checkbox(on, name.as_str());
                        }
                    });
                    ui.end_row();

                    ui.label("Split");
                    ui.horizontal(|ui| {
                        if ui.checkbox(&mut self.split, "train / dev / test").changed() {
                            self.suggest_path();
                        }
                        ui.add_enabled_ui(self.split, |ui| {
                            for fraction in &mut self.fractions {
                                ui.add(DragValue::new(fraction).range(0.0..=1.0).speed(0.01));
                            }
                            ui.label("seed");
                            ui.add(DragValue::new(&mut self.seed));
                        });
                    });
                    ui.end_row();

                    // spaCy reads chars only: no choice to offer, and none left over from
                    // another format.
                    if self.format.fixed_offsets() {
                        self.offsets = None;
                    } else {
                        ui.label("Offsets");
                        let default = self.format.default_offsets();
                        ComboBox::from_id_salt("export-offsets")
                            .selected_text(match self.offsets {
                                None => format!("{} (the format's)", default.name()),
                                Some(unit) => unit.name().to_owned(),
                            })
                            .show_ui(ui, |ui| {
                                ui.selectable_value(
                                    &mut self.offsets,
                                    None,
                                    format!("{} (the format's)", default.name()),
                                );
                                for unit in OffsetUnit::ALL {
                                    ui.selectable_value(
                                        &mut self.offsets,
                                        Some(unit),
                                        unit.describe(),
                                    );
                                }
                            });
                        ui.end_row();
                    }

                    if matches!(self.format, ExportFormat::Conll | ExportFormat::Hf) {
                        ui.label("Tags");
                        ui.checkbox(
                            &mut self.flat,
                            "one tag column (overlapping spans are left out, and counted)",
                        );
                        ui.end_row();
                    }
                });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Export").strong()).clicked() {
                    match self.options() {
                        Ok(options) => reply = FormReply::Start(Box::new(options)),
                        Err(error) => self.error = Some(error),
                    }
                }
                if ui.button("Cancel").clicked() {
                    reply = FormReply::Cancel;
                }
            });
        });
        if modal.should_close() && matches!(reply, FormReply::Open) {
            reply = FormReply::Cancel;
        }
        reply
    }

    /// A file dialog for the output: a folder for formats that write several files.
    fn pick_path(&self) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new()
            .set_title("Export to")
            .set_directory(self.project_dir.parent().unwrap_or(Path::new(".")));
        let folder = self.split || matches!(self.format, ExportFormat::Brat | ExportFormat::Hf);
        if folder {
            dialog.pick_folder()
        } else {
            dialog.set_file_name(file_name(&self.out)).save_file()
        }
    }
}

/// Why an export was refused, in the form's words where the command line's would
/// name its options.
pub fn explain(err: &ExportError) -> String {
    match err {
        ExportError::NoGold { annotators } => format!(
            "The project has no gold annotations yet; choose one of the annotators ({annotators}) under “Whose”."
        ),
        ExportError::UnknownAnnotator { name, annotators } => format!(
            "“{name}” has no annotations in this project; choose one of {annotators} under “Whose”."
        ),
        ExportError::ChooseSource { annotators } => format!(
            "The project has no gold annotations and several annotators ({annotators}); choose whose to export under “Whose”."
        ),
        ExportError::AllNeedsLabelStudio { format } => format!(
            "{format} holds one annotator's spans per document; choose one annotator or gold under “Whose”, or the label-studio format."
        ),
        other => other.to_string(),
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_builds_the_command_lines_options() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::init(&dir.path().join("demo")).unwrap();
        let mut form = ExportForm::new(&project, &AnnotatorName::new("me").unwrap());
        assert!(form.out.ends_with("demo-jsonl.jsonl"), "{}", form.out);
        let options = form.options().unwrap();
        assert_eq!(options.format, ExportFormat::Jsonl);
        assert_eq!(options.source, Source::Auto);
        assert_eq!(options.status, StatusFilter::Done);
        assert!(options.labels.is_none() && options.split.is_none());

        form.format = ExportFormat::Spacy;
        form.suggest_path();
        assert!(form.out.ends_with("demo.spacy"), "{}", form.out);
        form.split = true;
        form.suggest_path();
        assert!(form.out.ends_with("demo-spacy"), "{}", form.out);
        form.split = false;

        form.format = ExportFormat::Hf;
        form.suggest_path();
        assert!(form.out.ends_with("demo-hf"), "{}", form.out);
        form.labels[1].1 = false;
        form.split = true;
        form.seed = 7;
        let options = form.options().unwrap();
        assert_eq!(
            options.labels,
            Some(vec!["actor".to_owned(), "claim".to_owned()])
        );
        assert_eq!(options.seed, 7);
        assert!(options.split.is_some());

        form.fractions = [0.9, 0.9, 0.1];
        assert!(form.options().is_err(), "fractions over 1 are refused");
        for label in &mut form.labels {
            label.1 = false;
        }
        assert!(form.options().is_err());
    }
}
