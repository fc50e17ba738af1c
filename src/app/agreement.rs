//! The project's agreement, computed in the background like `claimspan agree`.

use super::App;
use super::tasks::Running;
use crate::model::AnnotatorName;
use crate::review::{AgreementReport, agree_project};
use crate::session::Task;
use crate::store::{Counted, Project};

impl App {
    /// Computes the agreement of every annotator over the documents they share, on a
    /// thread of its own; the window opens when it is done.
    pub(super) fn start_agreement(&mut self) {
        if self.busy() {
            return;
        }
        let Some(ws) = &self.workspace else {
            self.tell("Open a project first.");
            return;
        };
        let root = ws.project().root().to_owned();
        // Those chosen who are still in the project; none left is everyone.
        let known: Vec<AnnotatorName> = ws.project().annotators().cloned().collect();
        let annotators: Vec<AnnotatorName> = self
            .agreement_choice
            .annotators
            .iter()
            .filter(|a| known.contains(a))
            .cloned()
            .collect();
        let counted = self.agreement_choice.counted;
        // What is measured is on disk: every edit of ours must be there.
        self.flush();
        let ctx = self.ctx.clone();
        let task = Task::spawn(
            "Measuring agreement",
            move || ctx.request_repaint(),
            move |_| agreement_of(&root, &annotators, counted),
        );
        self.running = Some(Running::Agreement(task));
    }
}

/// The `agree` report of the project in `root` for `annotators` (none: everyone),
/// or why there is none, in a sentence.
pub(super) fn agreement_of(
    root: &std::path::Path,
    annotators: &[AnnotatorName],
    counted: Counted,
) -> Result<AgreementReport, String> {
    let project = Project::open(root).map_err(|e| e.to_string())?;
    let registry = project
        .load_registry()
        .map(|loaded| loaded.registry)
        .unwrap_or_default();
    let chosen = (!annotators.is_empty()).then_some(annotators);
    agree_project(&project, &registry, chosen, None, counted).map_err(|e| e.to_string())
}
