//! Exports and imports run as background tasks, with their progress in the status
//! bar, so the analyst can go on reading while a large project is written out.

use super::App;
use crate::formats::{
    ExportDone, ExportError, ExportFailed, ExportRequest, ImportError, ImportOptions, ImportReport,
    NewLabels, Outcome, import_paths_with, run_export,
};
use crate::review::AgreementReport;
use crate::session::Task;
use crate::session::network::NetworkScene;
use crate::store::{Project, ProjectLock, StoreError, WhenLocked};
use crate::ui::dialogs::Dialog;
use crate::ui::export_dialog::{ExportForm, FormReply, explain};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Work running in the background, and what it is.
pub(super) enum Running {
    /// An export.
    Export(Task<Result<ExportDone, ExportFailed>>),
    /// An import.
    Import(Task<Result<ImportReport, StoreError>>),
    /// The project's agreement.
    Agreement(Task<Result<AgreementReport, String>>),
    /// A network being drawn.
    Network(Task<Result<NetworkScene, String>>),
}

impl Running {
    /// What it is doing and how far it got: `(what, done, total)`.
    pub(super) fn progress(&self) -> (&str, usize, usize) {
        let (what, (done, total)) = match self {
            Running::Export(task) => (task.what(), task.progress()),
            Running::Import(task) => (task.what(), task.progress()),
            Running::Agreement(task) => (task.what(), task.progress()),
            Running::Network(task) => (task.what(), task.progress()),
        };
        (what, done, total)
    }
}

impl App {
    pub(super) fn open_export_form(&mut self) {
        match &self.workspace {
            Some(ws) => {
                self.export_form = Some(ExportForm::new(ws.project(), ws.annotator()));
            }
            None => self.tell("Open a project first, then export it."),
        }
    }

    /// Draws the Export… form when it is open and starts the export it asks for.
    pub(super) fn draw_export_form(&mut self, ctx: &egui::Context) {
        let Some(form) = &mut self.export_form else {
            return;
        };
        match form.show(ctx) {
            FormReply::Open => {}
            FormReply::Cancel => self.export_form = None,
            FormReply::Start(request) => {
                // Kept, to show again with the reason if the export is refused.
                self.last_export_form = self.export_form.take();
                self.start_export(*request);
            }
        }
    }

    /// True, and said, when a task is running: one runs at a time.
    pub(super) fn busy(&mut self) -> bool {
        if let Some(running) = &self.running {
            let what = running.progress().0.to_owned();
            self.tell(format!("{what} is still going on; wait for it to finish."));
            return true;
        }
        false
    }

    /// Exports what is on disk after saving every edit, on a thread of its own.
    pub(super) fn start_export(&mut self, request: ExportRequest) {
        if self.busy() {
            return;
        }
        let Some(ws) = &self.workspace else {
            return;
        };
        let root = ws.project().root().to_owned();
        self.flush();
        let ctx = self.ctx.clone();
        let task = Task::spawn(
            "Exporting",
            move || ctx.request_repaint(),
            move |report| {
                let project = Project::open(&root).map_err(ExportError::Store)?;
                run_export(&project, &request, report)
            },
        );
        self.running = Some(Running::Export(task));
    }

    /// Imports files and folders into the project on a thread of its own; the list
    /// is read again when it is done.
    pub(super) fn start_import(&mut self, paths: Vec<PathBuf>, labels: NewLabels) {
        if self.busy() {
            return;
        }
        let Some(ws) = &self.workspace else {
            return;
        };
        let root = ws.project().root().to_owned();
        let options = ImportOptions {
            annotator: Some(ws.annotator().clone()),
            ..ImportOptions::default()
        };
        let ctx = self.ctx.clone();
        let task = Task::spawn(
            "Importing",
            move || ctx.request_repaint(),
            move |report| {
                // Articles and the schema are the team's: one writer at a time, and
                // the project read after the lock is taken, so the other's work is seen.
                let _lock =
                    ProjectLock::acquire(&root, "claimspan import", WhenLocked::Wait, |_| {})?;
                let mut project = Project::open(&root)?;
                import_paths_with(&mut project, &paths, &options, labels, report)
            },
        );
        self.running = Some(Running::Import(task));
    }

    /// Takes in the result of the running task, if it has finished.
    pub(super) fn poll_task(&mut self) {
        let finished = match &self.running {
            None => return,
            Some(Running::Export(task)) => task.poll().map(Finished::Export),
            Some(Running::Import(task)) => task.poll().map(Finished::Import),
            Some(Running::Agreement(task)) => task.poll().map(Finished::Agreement),
            Some(Running::Network(task)) => task.poll().map(Finished::Network),
        };
        if let Some(finished) = finished {
            self.running = None;
            self.finish(finished);
        }
    }

    /// Waits up to `timeout` for the running task and takes in its result: for tests,
    /// and before the window closes.
    pub fn wait_for_task(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.running.is_some() && Instant::now() < deadline {
            self.poll_task();
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn finish(&mut self, finished: Finished) {
        match finished {
            Finished::Export(Ok(Ok(report))) => {
                let complete = report.is_complete();
                self.tell(format!(
                    "{}{}.",
                    report.summary(),
                    if complete {
                        ""
                    } else {
                        "; some files could not be read and were left out"
                    }
                ));
                // The command line exits 1 for such an export; the window must not
                // call it finished either.
                self.dialog = Some(Dialog::Report {
                    title: if complete {
                        "Export finished".into()
                    } else {
                        "Export incomplete: files left out".into()
                    },
                    text: if report.not_done() > 0 {
                        format!(
                            "{report}\nTo export those not marked done too, choose “all annotated” under Documents."
                        )
                    } else {
                        report.to_string()
                    },
                });
            }
            Finished::Export(Ok(Err(err))) => {
                let text = explain(&err);
                match self.last_export_form.take() {
                    Some(form) => self.export_form = Some(form.with_error(text)),
                    None => self.complain(text),
                }
            }
            Finished::Import(Ok(Ok(report))) => self.imported(&report),
            Finished::Import(Ok(Err(err))) => self.complain(err.to_string()),
            Finished::Agreement(Ok(Ok(report))) => {
                self.agreement = Some(report);
                self.agreement_open = true;
            }
            Finished::Agreement(Ok(Err(message))) => self.complain(message),
            Finished::Network(Ok(scene)) => self.network_drawn(scene),
            Finished::Export(Err(()))
            | Finished::Import(Err(()))
            | Finished::Agreement(Err(()))
            | Finished::Network(Err(())) => self.complain(
                "The task stopped without a result (the system may be out of threads or memory); nothing was changed by it. Try again.",
            ),
        }
    }

    fn imported(&mut self, report: &ImportReport) {
        if let Some(ws) = &mut self.workspace
            && let Err(err) = ws.reload_project()
        {
            self.complain(err.to_string());
        }
        self.tell(format!("Import: {}.", report.summary()));
        let mut new_labels: (Vec<PathBuf>, Vec<String>) = (Vec::new(), Vec::new());
        for outcome in &report.outcomes {
            match outcome {
                Outcome::Refused(ImportError::UnknownLabels { path, what }) => {
                    new_labels.0.push(path.clone());
                    new_labels.1.push(format!("{}: {what}", file_name(path)));
                }
                Outcome::Refused(err) => self.complain(err.to_string()),
                _ => {}
            }
        }
        let lines: Vec<String> = report.outcomes.iter().map(ToString::to_string).collect();
        if !new_labels.0.is_empty() {
            self.dialog = Some(Dialog::AddLabels {
                paths: new_labels.0,
                what: new_labels.1,
            });
        } else if report.outcomes.len() > 1 {
            self.dialog = Some(Dialog::Report {
                title: "Import finished".into(),
                text: lines.join("\n"),
            });
        }
        let nothing_open = self
            .workspace
            .as_ref()
            .is_some_and(|ws| ws.current().is_none());
        if nothing_open {
            self.step_document(1);
        }
    }
}

/// A task's end: its result, or `Err(())` when the thread gave none.
enum Finished {
    Export(Result<Result<ExportDone, ExportFailed>, ()>),
    Import(Result<Result<ImportReport, StoreError>, ()>),
    Agreement(Result<Result<AgreementReport, String>, ()>),
    Network(Result<Result<NetworkScene, String>, ()>),
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
