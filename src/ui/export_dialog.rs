//! The Export… dialog: the choices of `claimspan export` as a form, every format
//! included (the statements table and the network too). It only builds the
//! [`ExportRequest`]; the export itself runs as a task through the same
//! [`crate::formats::run_export`] as the command line's.

use crate::formats::export::{ExportFormat, SplitSpec};
use crate::formats::{
    ExportFailed, ExportKind, ExportRequest, OffsetUnit, SelectError, Selection, StatusFilter,
    date_window,
};
use crate::model::AnnotatorName;
use crate::store::Project;
use egui::{ComboBox, DragValue, Id, Modal, RichText, Ui};
use std::path::{Path, PathBuf};

/// What the form asks for after a frame.
pub enum FormReply {
    /// Keep showing it.
    Open,
    /// The user cancelled.
    Cancel,
    /// Export as asked.
    Start(Box<ExportRequest>),
}

/// The form's state between frames.
#[derive(Debug, Clone)]
pub struct ExportForm {
    kind: ExportKind,
    out: String,
    /// The path was typed or chosen, so a change of format leaves it alone.
    out_chosen: bool,
    project_dir: PathBuf,
    project_name: String,
    whose: super::whose::Whose,
    all_statuses: bool,
    /// The first and last day, as typed; empty is an open end.
    from: String,
    to: String,
    /// Keep the `origin` of spans accepted from suggestions.
    origin: bool,
    network: super::export_network::NetworkChoices,
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
        let mut form = Self {
            kind: ExportKind::Data(ExportFormat::Jsonl),
            out: String::new(),
            out_chosen: false,
            project_dir: project.root().to_owned(),
            project_name: project.config().name.clone(),
            whose: super::whose::Whose::new(project, me, true),
            all_statuses: false,
            from: String::new(),
            to: String::new(),
            origin: false,
            network: Default::default(),
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
        let split = self.split && self.kind.format().is_some();
        let name = match self.kind {
            ExportKind::Statements => format!("{}-statements.csv", self.project_name),
            ExportKind::Network => format!("{}-network.graphml", self.project_name),
            ExportKind::Data(ExportFormat::Jsonl | ExportFormat::Doccano) if !split => {
                format!("{}-{}.jsonl", self.project_name, self.kind.name())
            }
            ExportKind::Data(ExportFormat::Conll) if !split => {
                format!("{}.conll", self.project_name)
            }
            ExportKind::Data(ExportFormat::Spacy) if !split => {
                format!("{}.spacy", self.project_name)
            }
            ExportKind::Data(ExportFormat::LabelStudio) if !split => {
                format!("{}-label-studio.json", self.project_name)
            }
            ExportKind::Data(_) => format!("{}-{}", self.project_name, self.kind.name()),
        };
        self.out = parent.join(name).display().to_string();
    }

    /// The export the form describes, or why it cannot be done.
    pub fn request(&self) -> Result<ExportRequest, String> {
        if self.out.trim().is_empty() {
            return Err("Choose where to write the export.".into());
        }
        let mut options = ExportRequest::new(self.kind, PathBuf::from(self.out.trim()));
        options.selection = Selection {
            source: self.whose.source(),
            status: if self.all_statuses {
                StatusFilter::All
            } else {
                StatusFilter::Done
            },
            dates: date_window(Some(&self.from), Some(&self.to))
                .map_err(|err| explain_selection(&err))?,
            origin: self.origin,
        };
        if self.kind == ExportKind::Network {
            options.network = self.network.options()?;
        }
        // Time windows go into a folder: the suggested file name loses its
        // extension rather than naming a folder `….graphml`.
        if options.network.window.is_some()
            && !self.out_chosen
            && options.network.format != Some(crate::formats::statements::GraphFormat::Gexf)
            && options.out.extension().is_some_and(|e| e != "gexf")
        {
            options.out = options.out.with_extension("");
        }
        if self.kind.format().is_none() {
            return Ok(options);
        }
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
                .show(ui, |ui| self.rows(ui));

            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Export").strong()).clicked() {
                    match self.request() {
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

    /// The form's rows: format and file, then whose work and which documents.
    fn rows(&mut self, ui: &mut Ui) {
        ui.label("Format");
        let before = self.kind;
        ComboBox::from_id_salt("export-format")
            .selected_text(self.kind.name())
            .show_ui(ui, |ui| {
                for kind in ExportKind::ALL {
                    ui.selectable_value(&mut self.kind, kind, kind.name());
                }
            });
        if self.kind != before {
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
        self.selection_rows(ui);
    }

    /// Whose annotations, which documents and dates, and the rows of the format.
    fn selection_rows(&mut self, ui: &mut Ui) {
        ui.label("Whose");
        self.whose.show(ui, "export-source");
        ui.end_row();

        ui.label("Documents");
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.all_statuses, false, "marked done")
                .on_hover_text("Gold counts once the reviewer marked it reviewed");
            ui.radio_value(&mut self.all_statuses, true, "all annotated");
        });
        ui.end_row();

        ui.label("Dates");
        ui.horizontal(|ui| {
            for (name, day) in [("from", &mut self.from), ("to", &mut self.to)] {
                let label = ui.label(name);
                ui.add(
                    egui::TextEdit::singleline(day)
                        .id_salt(("export-dates", name))
                        .hint_text("YYYY-MM-DD")
                        .desired_width(96.0),
                )
                .labelled_by(label.id);
            }
            ui.weak("(empty: no limit)");
        });
        ui.end_row();

        ui.label("Suggestions");
        ui.checkbox(&mut self.origin, "keep where accepted ones came from")
            .on_hover_text("Spans accepted from suggestions carry an origin attribute (suggestion:strings…); it is left out unless kept here");
        ui.end_row();

        match self.kind.format() {
            Some(format) => self.data_rows(ui, format),
            None if self.kind == ExportKind::Network => self
                .network
                .show(ui, &crate::formats::statements::NetworkMode::ALL),
            None => {}
        }
    }

    /// The rows only training data has: labels, split, offsets, tag columns.
    fn data_rows(&mut self, ui: &mut egui::Ui, format: ExportFormat) {
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
        if format.fixed_offsets() {
            self.offsets = None;
        } else {
            ui.label("Offsets");
            let default = format.default_offsets();
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
                        ui.selectable_value(&mut self.offsets, Some(unit), unit.describe());
                    }
                });
            ui.end_row();
        }

        if matches!(format, ExportFormat::Conll | ExportFormat::Hf) {
            ui.label("Tags");
            ui.checkbox(
                &mut self.flat,
                "one tag column (overlapping spans are left out, and counted)",
            );
            ui.end_row();
        }
    }

    /// A file dialog for the output: a folder for formats that write several files.
    fn pick_path(&self) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new()
            .set_title("Export to")
            .set_directory(self.project_dir.parent().unwrap_or(Path::new(".")));
        let folder = self.kind.writes_folder() || (self.split && self.kind.format().is_some());
        if folder {
            dialog.pick_folder()
        } else {
            dialog.set_file_name(file_name(&self.out)).save_file()
        }
    }
}

/// Why an export was refused, in the form's words where the command line's would
/// name its options.
pub fn explain(err: &ExportFailed) -> String {
    match err.selection() {
        Some(err) => explain_selection(err),
        None => err.to_string(),
    }
}

/// Why a choice of annotations or documents cannot be used, naming the form's fields.
fn explain_selection(err: &SelectError) -> String {
    match err {
        SelectError::NoGold { annotators } => format!(
            "The project has no gold annotations yet; choose one of the annotators ({annotators}) under “Whose”."
        ),
        SelectError::UnknownAnnotator { name, annotators } => format!(
            "“{name}” has no annotations in this project; choose one of {annotators} under “Whose”."
        ),
        SelectError::ChooseSource { annotators } => format!(
            "The project has no gold annotations and several annotators ({annotators}); choose whose to export under “Whose”."
        ),
        SelectError::OneSourceOnly { export } => format!(
            "{export} holds one set of annotations per document; choose gold or one annotator under “Whose” (everyone's go into label-studio and statements)."
        ),
        SelectError::BadDate { given } => format!(
            "“{given}” is not a date; type it as YYYY-MM-DD (for example 2018-06-14) under “Dates”, or leave the field empty."
        ),
        SelectError::BackwardsDates { from, to } => format!(
            "The dates run from {from} to {to}, which is backwards; swap them under “Dates”."
        ),
        SelectError::NoAnnotations | SelectError::Window(_) => err.to_string(),
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
    use crate::formats::Source;
    use crate::formats::statements::{NetworkMode, TimeWindow};

    #[test]
    fn the_form_builds_the_command_lines_options() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::init(&dir.path().join("demo")).unwrap();
        let mut form = ExportForm::new(&project, &AnnotatorName::new("me").unwrap());
        assert!(form.out.ends_with("demo-jsonl.jsonl"), "{}", form.out);
        let options = form.request().unwrap();
        assert_eq!(options.kind, ExportKind::Data(ExportFormat::Jsonl));
        assert_eq!(options.selection.source, Source::Auto);
        assert_eq!(options.selection.status, StatusFilter::Done);
        assert!(options.selection.dates.is_open());
        assert!(options.labels.is_none() && options.split.is_none());

        form.kind = ExportKind::Data(ExportFormat::Spacy);
        form.suggest_path();
        assert!(form.out.ends_with("demo.spacy"), "{}", form.out);
        form.split = true;
        form.suggest_path();
        assert!(form.out.ends_with("demo-spacy"), "{}", form.out);
        form.split = false;

        form.kind = ExportKind::Data(ExportFormat::Hf);
        form.suggest_path();
        assert!(form.out.ends_with("demo-hf"), "{}", form.out);
        form.labels[1].1 = false;
        form.split = true;
        form.seed = 7;
        let options = form.request().unwrap();
        assert_eq!(
            options.labels,
            Some(vec!["actor".to_owned(), "claim".to_owned()])
        );
        assert_eq!(options.seed, 7);
        assert!(options.split.is_some());

        form.fractions = [0.9, 0.9, 0.1];
        assert!(form.request().is_err(), "fractions over 1 are refused");
        for label in &mut form.labels {
            label.1 = false;
        }
        assert!(form.request().is_err());
    }

    #[test]
    fn statements_and_networks_take_dates_and_a_mode_not_labels() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::init(&dir.path().join("demo")).unwrap();
        let mut form = ExportForm::new(&project, &AnnotatorName::new("me").unwrap());
        form.kind = ExportKind::Network;
        form.suggest_path();
        assert!(form.out.ends_with("demo-network.graphml"), "{}", form.out);
        form.network.options.mode = NetworkMode::OneMode;
        form.from = "2018-06-14".into();
        // Labels unticked mean nothing to a network, so they cannot refuse it.
        for label in &mut form.labels {
            label.1 = false;
        }
        let request = form.request().unwrap();
        assert_eq!(request.network.mode, NetworkMode::OneMode);
        assert_eq!(request.network.window, None);
        form.network.window = "2w".into();
        form.network.step = "bad".into();
        let err = form.request().unwrap_err();
        assert!(err.contains("under “Windows”"), "{err}");
        form.network.step = "7d".into();
        let request = form.request().unwrap();
        assert_eq!(
            request.network.window,
            Some(TimeWindow { days: 14, step: 7 })
        );
        form.network = Default::default();
        assert!(!request.selection.dates.is_open());
        assert!(request.labels.is_none());

        form.kind = ExportKind::Statements;
        form.suggest_path();
        assert!(form.out.ends_with("demo-statements.csv"), "{}", form.out);
        form.to = "2018-06-01".into();
        let err = form.request().unwrap_err();
        assert!(
            err.contains("backwards") && err.contains("“Dates”"),
            "{err}"
        );
        form.to = "1 June".into();
        let err = form.request().unwrap_err();
        assert!(err.contains("“1 June” is not a date"), "{err}");
    }
}
