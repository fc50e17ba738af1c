//! Review mode's commands: choosing annotators, stepping through disagreements,
//! deciding them into gold, notes, and the project's agreement.

use super::App;
use crate::model::{AnnotatorName, DocumentId};
use crate::review::Decision;
use crate::session::{ReviewSessionError, Workspace};
use crate::ui::command::{Command, ReviewChoice, ReviewCommand};
use crate::ui::dialogs::Dialog;

impl App {
    /// Carries out one review-mode command.
    pub(super) fn run_review(&mut self, command: ReviewCommand) {
        match command {
            ReviewCommand::Toggle => self.toggle_review(),
            ReviewCommand::StartDialog => self.ask_review(),
            ReviewCommand::Start(document, annotators) => {
                self.start_review(&document, &annotators);
            }
            ReviewCommand::End => self.end_review(),
            ReviewCommand::Next => self.step_disagreement(true),
            ReviewCommand::Previous => self.step_disagreement(false),
            ReviewCommand::Select(i) => {
                let place = self.with_review(|review, _, _| {
                    review.select(i);
                    Ok(current_place(review))
                });
                self.look_at(place);
            }
            ReviewCommand::Decide(choice) => self.decide(choice),
            ReviewCommand::AcceptAgreed => {
                if let Some(added) = self.with_review(|r, p, s| r.accept_agreed(p, s)) {
                    self.tell_here(format!("{added} agreed spans went into gold."));
                }
            }
            ReviewCommand::Restore(place) => {
                self.with_review(|r, p, s| r.restore(p, s, &place));
            }
            ReviewCommand::Edit => self.editing(|editor, ws| editor.edit_disagreement(ws)),
            ReviewCommand::NoteDialog => self.ask_review_note(),
            ReviewCommand::SetNote(text) => {
                self.with_review(|review, project, _| review.note(project, &text));
            }
            ReviewCommand::ReloadGold => self.reload_gold(),
            ReviewCommand::KeepMine => {
                self.with_review(|review, project, _| review.keep_mine(project));
            }
            ReviewCommand::ShowAgreement => self.start_agreement(),
            ReviewCommand::ShowNetwork => self.show_network(),
            ReviewCommand::DrawNetwork => self.draw_network(),
            ReviewCommand::ShowSuggestions => self.show_suggestions(),
            ReviewCommand::MeasureSuggestions => self.measure_suggestions(),
            ReviewCommand::MeasureAgreement(annotators, counted) => {
                self.agreement_choice.annotators = annotators;
                self.agreement_choice.counted = counted;
                self.start_agreement();
            }
        }
    }

    /// Starts review mode (asking whom to compare), or ends it.
    fn toggle_review(&mut self) {
        let reviewing = self
            .workspace
            .as_ref()
            .is_some_and(|ws| ws.review().is_some());
        self.run_review(if reviewing {
            ReviewCommand::End
        } else {
            ReviewCommand::StartDialog
        });
    }

    /// Leaves review mode for the annotator's own work.
    fn end_review(&mut self) {
        self.forget_here();
        if let Some(ws) = &mut self.workspace {
            ws.end_review();
        }
        self.editor.review_moved();
        self.view.forget_caret_anchor();
    }

    /// Moves to the next (or previous) open disagreement.
    fn step_disagreement(&mut self, forward: bool) {
        let place = self.with_review(|review, _, _| {
            review.step(forward);
            Ok(current_place(review))
        });
        self.look_at(place);
    }

    /// Decides the current disagreement, then looks at the next one.
    fn decide(&mut self, choice: ReviewChoice) {
        let place = self.with_review(|review, project, schema| {
            let decision = match choice {
                ReviewChoice::Annotator(n) => match review.annotators().get(n) {
                    Some(name) => Decision::Annotator((*name).clone()),
                    None => return Ok(None),
                },
                ReviewChoice::All => Decision::All,
                ReviewChoice::Reject => Decision::Reject,
            };
            review.decide(project, schema, &decision)?;
            Ok(current_place(review))
        });
        self.look_at(place);
    }

    /// Opens the note of the current disagreement's place, or says there is none.
    fn ask_review_note(&mut self) {
        let Some(review) = self.workspace.as_ref().and_then(Workspace::review) else {
            return;
        };
        if review.current().is_none() {
            let next = self.key_of(&Command::Review(ReviewCommand::Next));
            self.tell_here(format!(
                "There is no disagreement to note; press {next} for the next one."
            ));
            return;
        }
        self.dialog = Some(Dialog::ReviewNote {
            draft: review.current_note().unwrap_or_default().to_owned(),
        });
    }

    /// Takes the gold file as it is on disk now.
    fn reload_gold(&mut self) {
        if let Some(ws) = &mut self.workspace
            && let Some(Err(err)) = ws.with_review(|review, project, _| review.reload(project))
        {
            self.complain(err.to_string());
        }
    }

    /// Does something to the review, telling the user what went wrong; a gold file
    /// changed on disk opens the dialog that lets them choose.
    fn with_review<R>(
        &mut self,
        act: impl FnOnce(
            &mut crate::session::ReviewSession,
            &mut crate::store::Project,
            &crate::model::Schema,
        ) -> Result<R, ReviewSessionError>,
    ) -> Option<R> {
        let ws = self.workspace.as_mut()?;
        let document = ws.review()?.document().id().clone();
        let path = ws.project().gold_path(&document);
        match ws.with_review(act)? {
            Ok(value) => Some(value),
            Err(ReviewSessionError::Save(crate::store::project::SaveError::ChangedOnDisk {
                ..
            })) => {
                self.dialog = Some(Dialog::ChangedOnDisk {
                    document,
                    path,
                    gold: true,
                });
                None
            }
            Err(err) => {
                self.complain(err.to_string());
                None
            }
        }
    }

    /// Brings a disagreement's place into view.
    fn look_at(&mut self, place: Option<Option<crate::model::CharOffset>>) {
        self.editor.review_moved();
        self.view.forget_caret_anchor();
        if let Some(Some(at)) = place {
            self.view.scroll_to_char(at);
        }
    }

    fn ask_review(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let Some(id) = ws.current_id().cloned() else {
            self.tell("Open a document first, then review it.");
            return;
        };
        let choices: Vec<(AnnotatorName, bool)> = ws
            .project()
            .annotators()
            .filter(|a| ws.project().has_annotations(a, &id))
            .map(|a| (a.clone(), true))
            .collect();
        if choices.len() < 2 {
            self.tell(format!(
                "{} has work of fewer than two annotators; review needs at least two.",
                id
            ));
            return;
        }
        self.dialog = Some(Dialog::StartReview {
            document: id,
            choices,
        });
    }

    /// Starts review mode on `document`; leaves it with a message when fewer than two
    /// of `annotators` annotated it.
    pub(super) fn start_review(&mut self, document: &DocumentId, annotators: &[AnnotatorName]) {
        if self.workspace.is_none() {
            return;
        }
        self.forget_here();
        // The annotators' files are read from disk: ours must be there first.
        self.flush();
        let Some(ws) = self.workspace.as_mut() else {
            return;
        };
        let outcome = ws
            .start_review(document, annotators)
            .map(|()| ws.review().and_then(current_place));
        if outcome.is_err() {
            ws.end_review();
        }
        match outcome {
            Ok(place) => {
                self.list.reveal_current = true;
                self.look_at(Some(place));
            }
            Err(err) => self.complain(err.to_string()),
        }
    }
}

/// Where the current disagreement starts.
fn current_place(review: &crate::session::ReviewSession) -> Option<crate::model::CharOffset> {
    review
        .current()
        .and_then(|i| review.disagreements().get(i))
        .map(|d| d.start)
}
