//! Review mode over one document: two or more annotators' work side by side, the
//! disagreements among them, and the gold standard the reviewer builds from them.
//!
//! Every decision is a [`GoldEdit`] applied through one place ([`ReviewSession::
//! apply`]), which keeps the undo history and writes `gold/<doc>.ron` atomically, and
//! only if nobody changed it on disk since it was read.

use crate::model::Registry;
use crate::model::{Annotations, AnnotatorName, Document, DocumentId, Edit, LeftOut, Schema};
use crate::review::merge::settled::carry_settled;
use crate::review::statement_agreement::{StatementAgreement, compare_statements};
use crate::review::{
    Decision, Disagreement, Gold, GoldEdit, GoldHistory, Overruled, ReviewError, accept_agreed,
    adjudicate, align, restore,
};
use crate::store::project::{FileStamp, IfOnDisk, SaveError};
use crate::store::{Project, ProjectLock, StoreError, WhenLocked};
use thiserror::Error;

/// Why review mode could not do what was asked.
#[derive(Debug, Error)]
pub enum ReviewSessionError {
    /// Fewer than two of the chosen annotators annotated the document.
    #[error(
        "{document}: {} annotated it, and review needs at least two; choose other annotators or another document",
        if who.is_empty() { "nobody".to_owned() } else { format!("only {}", who.join(", ")) }
    )]
    TooFew {
        /// The document.
        document: DocumentId,
        /// Who did annotate it.
        who: Vec<String>,
    },
    /// Reading the document, the annotations or the gold file failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A decision could not be carried out.
    #[error(transparent)]
    Review(#[from] ReviewError),
    /// The gold file could not be written; the decision is kept and saved again.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// There is no disagreement to decide on here.
    #[error("there is no open disagreement to decide on here; go to the next one first")]
    NothingChosen,
}

/// One document under review.
#[derive(Debug)]
pub struct ReviewSession {
    document: Document,
    annotations: Vec<Annotations>,
    /// What was left out of the annotators' work as not usable as placed.
    left_out: LeftOut,
    gold: Gold,
    stamp: Option<FileStamp>,
    history: GoldHistory,
    generation: u64,
    /// The gold file changed on disk since it was read: nothing is written until the
    /// reviewer chooses.
    changed_on_disk: bool,
    /// A change not yet on disk (a save failed, or waits for the reviewer's choice).
    unsaved: bool,
    current: Option<usize>,
}

impl ReviewSession {
    /// Opens `id` for review by those of `chosen` who annotated it. Their work is
    /// read as every reader reads it: re-anchored, and without the spans that cannot
    /// be used as placed (counted in [`ReviewSession::left_out`]). The gold file's
    /// disagreements are brought up to date with the annotators' work (settled ones
    /// keep their decision, also when settled among another set of annotators);
    /// nothing is written until the reviewer decides something.
    pub fn open(
        project: &Project,
        id: &DocumentId,
        chosen: &[AnnotatorName],
    ) -> Result<Self, ReviewSessionError> {
        let compared = project.load_compared(id, chosen)?;
        let left_out = compared.all_left_out();
        let annotations: Vec<Annotations> = compared.annotations.into_iter().flatten().collect();
        if annotations.len() < 2 {
            return Err(ReviewSessionError::TooFew {
                document: id.clone(),
                who: annotations
                    .iter()
                    .map(|a| a.annotator.to_string())
                    .collect(),
            });
        }
        let loaded = project.load_gold_review(&compared.document)?;
        let mut gold = loaded.gold;
        let refs: Vec<&Annotations> = annotations.iter().collect();
        let names: Vec<AnnotatorName> = refs.iter().map(|a| a.annotator.clone()).collect();
        gold.review.disagreements = refresh_disagreements(
            &gold.review.disagreements,
            align(&refs).disagreements,
            &names,
        );
        let mut session = Self {
            document: compared.document,
            annotations,
            left_out,
            gold,
            stamp: loaded.stamp,
            history: GoldHistory::default(),
            generation: 0,
            changed_on_disk: false,
            unsaved: false,
            current: None,
        };
        session.current = session.next_open(None, true);
        Ok(session)
    }

    /// The article.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The annotators compared, in the order chosen.
    pub fn annotators(&self) -> Vec<&AnnotatorName> {
        self.annotations.iter().map(|a| &a.annotator).collect()
    }

    /// Their annotations, in the same order.
    pub fn annotations(&self) -> &[Annotations] {
        &self.annotations
    }

    /// What was left out of the annotators' work because it cannot be used as
    /// placed (their article changed, or the span breaks the schema or the text), by
    /// reason; the panel says it with [`crate::model::LeftOutReason::describe`].
    pub fn left_out(&self) -> &LeftOut {
        &self.left_out
    }

    /// The gold standard as it is now.
    pub fn gold(&self) -> &Gold {
        &self.gold
    }

    /// Changes with every decision, undo and redo.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Every disagreement, open and settled, in text order.
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.gold.review.disagreements
    }

    /// How many are still open.
    pub fn open_count(&self) -> usize {
        self.gold.open_disagreements().count()
    }

    /// The disagreement being looked at, by index.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Looks at disagreement `i`.
    pub fn select(&mut self, i: usize) {
        if i < self.gold.review.disagreements.len() {
            self.current = Some(i);
        }
    }

    /// Steps to the next (or previous) open disagreement, wrapping around; returns it.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        self.current = self.next_open(self.current, forward).or(self.current);
        self.current
    }

    fn next_open(&self, from: Option<usize>, forward: bool) -> Option<usize> {
        let n = self.gold.review.disagreements.len();
        let open = |i: usize| self.gold.review.disagreements[i].settled.is_none();
        let order: Vec<usize> = match (from, forward) {
            (None, true) => (0..n).collect(),
            (None, false) => (0..n).rev().collect(),
            (Some(i), true) => (i + 1..n).chain(0..=i.min(n.saturating_sub(1))).collect(),
            (Some(i), false) => (0..i).rev().chain((i..n).rev()).collect(),
        };
        order.into_iter().find(|&i| open(i))
    }

    /// True when the gold file changed on disk and the reviewer must choose.
    pub fn changed_on_disk(&self) -> bool {
        self.changed_on_disk
    }

    /// True when a change is not on disk yet.
    pub fn is_unsaved(&self) -> bool {
        self.unsaved
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Decides the current disagreement and moves on to the next open one.
    pub fn decide(
        &mut self,
        project: &mut Project,
        schema: &Schema,
        decision: &Decision,
    ) -> Result<(), ReviewSessionError> {
        let i = self
            .current
            .filter(|&i| self.gold.review.disagreements[i].settled.is_none())
            .ok_or(ReviewSessionError::NothingChosen)?;
        let edit = adjudicate(&self.gold, i, decision, &self.document, schema)?;
        self.apply(project, edit)?;
        self.current = self.next_open(Some(i), true).or(Some(i));
        Ok(())
    }

    /// Puts every span all annotators made alike into gold; returns how many went in.
    pub fn accept_agreed(
        &mut self,
        project: &mut Project,
        schema: &Schema,
    ) -> Result<usize, ReviewSessionError> {
        let refs: Vec<&Annotations> = self.annotations.iter().collect();
        let before = self.gold.annotations.spans.len();
        let edit = accept_agreed(&self.gold, &refs, &self.document, schema)?;
        self.apply(project, edit)?;
        Ok(self.gold.annotations.spans.len() - before)
    }

    /// Takes back the removal of `place` from gold: the annotators' agreed version
    /// goes back in, and later merges may accept it again.
    pub fn restore(
        &mut self,
        project: &mut Project,
        schema: &Schema,
        place: &Overruled,
    ) -> Result<(), ReviewSessionError> {
        let refs: Vec<&Annotations> = self.annotations.iter().collect();
        let edit = restore(&self.gold, place, &refs, &self.document, schema)?;
        self.apply(project, edit)
    }

    /// An edit of gold made by hand (a span tagged, deleted, relabelled in review).
    /// With `settles`, it is the reviewer's own version of that disagreement (“edit”),
    /// which is then settled as edited.
    pub fn edit(
        &mut self,
        project: &mut Project,
        edit: Edit,
        settles: Option<usize>,
    ) -> Result<(), ReviewSessionError> {
        let open = settles.filter(|&i| {
            self.gold
                .review
                .disagreements
                .get(i)
                .is_some_and(|c| c.settled.is_none())
        });
        let gold_edit = match open {
            Some(i) => GoldEdit::edited(i, edit, &self.gold),
            None => GoldEdit::by_hand(edit, &self.gold),
        };
        self.apply(project, gold_edit)
    }

    /// Sets (or with an empty text, removes) the review note on the current
    /// disagreement's place.
    pub fn note(&mut self, project: &mut Project, text: &str) -> Result<(), ReviewSessionError> {
        let i = self.current.ok_or(ReviewSessionError::NothingChosen)?;
        let place = &self.gold.review.disagreements[i];
        let edit = GoldEdit::Note {
            start: place.start,
            end: place.end,
            text: Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
        };
        self.apply(project, edit)
    }

    /// The review note on the current disagreement's place, if any.
    pub fn current_note(&self) -> Option<&str> {
        let place = &self.gold.review.disagreements[self.current?];
        self.gold
            .review
            .notes
            .iter()
            .find(|n| n.start == place.start && n.end == place.end)
            .map(|n| n.text.as_str())
    }

    /// Applies a change to the gold standard and writes it: the one place review
    /// edits go through.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: GoldEdit,
    ) -> Result<(), ReviewSessionError> {
        self.history.apply(&mut self.gold, edit)?;
        self.changed(project)
    }

    /// Undoes the last decision; false when there was none.
    pub fn undo(&mut self, project: &mut Project) -> Result<bool, ReviewSessionError> {
        let done = self.history.undo(&mut self.gold)?;
        if done {
            self.changed(project)?;
        }
        Ok(done)
    }

    /// Redoes the last undone decision; false when there was none.
    pub fn redo(&mut self, project: &mut Project) -> Result<bool, ReviewSessionError> {
        let done = self.history.redo(&mut self.gold)?;
        if done {
            self.changed(project)?;
        }
        Ok(done)
    }

    fn changed(&mut self, project: &mut Project) -> Result<(), ReviewSessionError> {
        self.generation += 1;
        self.unsaved = true;
        self.save(project, IfOnDisk::Unchanged(self.stamp))
    }

    fn save(
        &mut self,
        project: &mut Project,
        if_on_disk: IfOnDisk,
    ) -> Result<(), ReviewSessionError> {
        if self.changed_on_disk {
            return Ok(());
        }
        // Gold is the team's: a merge running meanwhile finishes first, and its
        // writes are then seen as a change on disk rather than overwritten.
        let _lock =
            ProjectLock::acquire(project.root(), "claimspan review", WhenLocked::Wait, |_| {})?;
        match project.save_gold_review(&self.gold, if_on_disk) {
            Ok(stamp) => {
                self.stamp = Some(stamp);
                self.unsaved = false;
                Ok(())
            }
            Err(SaveError::ChangedOnDisk { path }) => {
                self.changed_on_disk = true;
                Err(SaveError::ChangedOnDisk { path }.into())
            }
            Err(err) => Err(err.into()),
        }
    }

    /// The reviewer keeps their version of a gold file that changed on disk.
    pub fn keep_mine(&mut self, project: &mut Project) -> Result<(), ReviewSessionError> {
        self.changed_on_disk = false;
        self.save(project, IfOnDisk::Anything)
    }

    /// True when the gold file on disk is no longer the one this review read or last
    /// wrote (a colleague's review, a sync, a `git pull`), and it has not been said.
    pub fn gold_changed_under_us(&self, project: &Project) -> bool {
        !self.changed_on_disk
            && crate::store::project::FileStamp::of(&project.gold_path(self.document.id()))
                != self.stamp
    }

    /// The reviewer takes the version on disk, dropping their unsaved decisions.
    pub fn reload(&mut self, project: &Project) -> Result<(), ReviewSessionError> {
        let chosen: Vec<AnnotatorName> = self
            .annotations
            .iter()
            .map(|a| a.annotator.clone())
            .collect();
        let generation = self.generation + 1;
        *self = Self::open(project, self.document.id(), &chosen)?;
        // Caches keyed by the generation must see a change.
        self.generation = generation;
        Ok(())
    }

    /// The statements of the first two annotators compared: those only one of them
    /// has are the statement disagreements.
    pub fn statement_disagreements(
        &self,
        schema: &Schema,
        registry: &Registry,
    ) -> StatementAgreement {
        compare_statements(&self.annotations[0], &self.annotations[1], schema, registry)
    }
}

/// The disagreements found now among `annotators`, with the decisions of those
/// settled before, as a merge carries them ([`carry_settled`]): what the reviewer
/// decided stays decided, whoever is compared.
pub fn refresh_disagreements(
    before: &[Disagreement],
    now: Vec<Disagreement>,
    annotators: &[AnnotatorName],
) -> Vec<Disagreement> {
    carry_settled(before, now, annotators).disagreements
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::DisagreementKind;
    use crate::session::test_projects::{name, review_project as project};
    use crate::session::{Notice, Workspace};

    fn gold_on_disk(ws: &Workspace, id: &DocumentId) -> Gold {
        crate::store::gold::read_gold_file(&ws.project().gold_path(id)).unwrap()
    }

    #[test]
    fn deciding_accepting_agreed_and_undo_write_gold_with_provenance() {
        let (_dir, mut ws) = project();
        let id = DocumentId::new("harbour-strike-talks").unwrap();
        ws.start_review(&id, &[name("alice"), name("bob")]).unwrap();
        let review = ws.review().unwrap();
        // bob tagged “union leader Samir Haddad”, alice “Samir Haddad”.
        assert_eq!(review.disagreements().len(), 1);
        assert_eq!(review.disagreements()[0].kind, DisagreementKind::Edges);
        assert_eq!(review.current(), Some(0));
        assert!(!ws.project().gold_path(&id).exists(), "nothing written yet");

        ws.with_review(|r, p, s| r.decide(p, s, &Decision::Annotator(name("alice"))))
            .unwrap()
            .unwrap();
        let gold = gold_on_disk(&ws, &id);
        assert_eq!(gold.annotations.spans.len(), 1);
        let span = &gold.annotations.spans[0];
        assert_eq!(span.text, "Samir Haddad");
        assert_eq!(gold.review.provenance[&span.id], [name("alice")]);
        assert!(gold.review.disagreements[0].settled.is_some());
        assert_eq!(ws.review().unwrap().open_count(), 0);

        let added = ws
            .with_review(|r, p, s| r.accept_agreed(p, s))
            .unwrap()
            .unwrap();
        assert_eq!(added, 4, "the spans both made alike");
        assert_eq!(gold_on_disk(&ws, &id).annotations.spans.len(), 5);

        ws.with_review(|r, p, _| r.note(p, "edges follow the guidelines’ §2"))
            .unwrap()
            .unwrap();
        assert_eq!(gold_on_disk(&ws, &id).review.notes.len(), 1);

        // Undo the note and the agreed spans: the file follows each step.
        assert!(ws.with_review(|r, p, _| r.undo(p)).unwrap().unwrap());
        assert!(ws.with_review(|r, p, _| r.undo(p)).unwrap().unwrap());
        assert_eq!(gold_on_disk(&ws, &id).annotations.spans.len(), 1);
        assert!(gold_on_disk(&ws, &id).review.notes.is_empty());

        // Opening review again keeps the decision.
        ws.end_review();
        ws.start_review(&id, &[name("alice"), name("bob")]).unwrap();
        assert_eq!(ws.review().unwrap().open_count(), 0);
    }

    #[test]
    fn a_decision_among_three_stays_when_two_of_them_are_reviewed() {
        let (_dir, mut ws) = project();
        let id = DocumentId::new("harbour-strike-talks").unwrap();
        let three = [name("alice"), name("bob"), name("carol")];
        ws.start_review(&id, &three).unwrap();
        // Settle every disagreement the three have.
        while ws.review().unwrap().open_count() > 0 {
            ws.with_review(|r, p, s| r.decide(p, s, &Decision::Annotator(name("alice"))))
                .unwrap()
                .unwrap();
        }
        ws.end_review();
        // Without carol, alice's and bob's versions differ in who lacks them, and
        // some are gone: what was decided about them stays decided.
        ws.start_review(&id, &three[..2]).unwrap();
        assert_eq!(ws.review().unwrap().open_count(), 0);
        ws.end_review();
        ws.start_review(&id, &three).unwrap();
        assert_eq!(ws.review().unwrap().open_count(), 0);
    }

    #[test]
    fn review_needs_two_annotators_of_the_document() {
        let (_dir, mut ws) = project();
        let id = DocumentId::new("election-date-set").unwrap();
        // carol did not annotate the election story.
        let err = ws
            .start_review(&id, &[name("alice"), name("carol")])
            .unwrap_err();
        assert!(err.to_string().contains("only alice"), "{err}");
        assert!(ws.review().is_none());
    }

    #[test]
    fn a_gold_file_changed_on_disk_is_not_overwritten() {
        let (_dir, mut ws) = project();
        let id = DocumentId::new("harbour-strike-talks").unwrap();
        ws.start_review(&id, &[name("alice"), name("bob"), name("carol")])
            .unwrap();
        ws.with_review(|r, p, s| r.accept_agreed(p, s))
            .unwrap()
            .unwrap();
        let path = ws.project().gold_path(&id);
        let theirs = std::fs::read_to_string(&path).unwrap() + "\n";
        std::fs::write(&path, &theirs).unwrap();
        let result = ws
            .with_review(|r, p, s| r.decide(p, s, &Decision::Reject))
            .unwrap();
        assert!(
            matches!(result, Err(ReviewSessionError::Save(_))),
            "{result:?}"
        );
        assert!(ws.review().unwrap().changed_on_disk());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
        ws.with_review(|r, p, _| r.keep_mine(p)).unwrap().unwrap();
        assert_ne!(std::fs::read_to_string(&path).unwrap(), theirs);
    }

    #[test]
    fn a_colleagues_gold_is_read_again_while_reviewing_and_ours_is_not_taken_for_theirs() {
        let (dir, mut ws) = project();
        let id = DocumentId::new("harbour-strike-talks").unwrap();
        let everyone = [name("alice"), name("bob"), name("carol")];
        ws.start_review(&id, &everyone).unwrap();
        ws.with_review(|r, p, s| r.accept_agreed(p, s))
            .unwrap()
            .unwrap();
        // Our own decision, written by us: nothing to read again.
        assert!(ws.tick(std::time::Instant::now()).is_empty());
        let ours = ws.review().unwrap().gold().annotations.spans.len();
        // A colleague in another window rejects the open disagreement.
        let mut theirs_project = Project::open(&dir.path().join("p")).unwrap();
        let mut theirs = ReviewSession::open(&theirs_project, &id, &everyone).unwrap();
        let schema = theirs_project.schema().clone();
        theirs
            .decide(&mut theirs_project, &schema, &Decision::Reject)
            .unwrap();
        let notices = ws.tick(std::time::Instant::now());
        assert_eq!(
            notices,
            [Notice::GoldReloadedFromDisk {
                document: id.clone()
            }]
        );
        let review = ws.review().unwrap();
        assert_eq!(review.gold().annotations.spans.len(), ours);
        assert_eq!(review.open_count(), theirs.open_count());
        assert!(!review.changed_on_disk());
    }
}
