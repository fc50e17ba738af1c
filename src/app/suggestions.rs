//! Suggestions in the window: what the recommenders learnt (`learning.rs`) offers in
//! the document in view (made when it opens, and kept up as the annotator accepts,
//! turns down or tags) together with what is kept in the project (a model's
//! predictions imported with `--as-suggestions`, or made ahead by `claimspan suggest
//! --annotator`), those below the threshold withheld; and the commands that accept,
//! turn down and step through them, and offer a link after an accept.

use super::App;
use crate::model::DocumentId;
use crate::session::Task;
use crate::session::suggestions::{Offered, accept, accept_all_above, reject};
use crate::suggest::{
    LinkSuggester, ProjectEvaluation, Recommender, StringMatcher, Suggestion, Switch, Tagger,
    Trained, stored_for, undecided,
};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The longest document, in chars, the window runs the tagger on as it opens.
const TAGGED_IN_WINDOW: usize = 500_000;

/// The suggestions of one project: the matcher (being trained, or trained), and
/// what it offers in the document in view.
#[derive(Default)]
pub(super) struct Suggesting {
    pub(super) root: Option<PathBuf>,
    pub(super) trainer: Option<Task<(Result<Trained, String>, u64)>>,
    /// Colleagues' work as it was when training started ([`colleagues_work`]).
    pub(super) colleagues: Option<u64>,
    /// Colleagues' work being looked at, and when it was last.
    pub(super) watch: Option<Task<u64>>,
    pub(super) watched: Option<Instant>,
    /// How often it is looked at.
    pub(super) every: Duration,
    pub(super) matcher: Option<Arc<StringMatcher>>,
    pub(super) tagger: Option<Arc<Tagger>>,
    /// Where the partners of stances stood in the done documents: links offered
    /// after a suggestion is accepted.
    pub(super) links: Option<LinkSuggester>,
    /// How good each recommender is, measured when it was trained; `Err` says why it
    /// could not be (nothing done yet).
    pub(super) quality: Option<Result<ProjectEvaluation, String>>,
    /// The Review → Suggestions window is open.
    pub(super) open: bool,
    /// The document, the generation of its annotations the offer was last fitted
    /// to, and the offer.
    pub(super) offered: Option<(DocumentId, u64, Offered)>,
    /// How many spans and rejections the annotations had then: fewer now (an
    /// undo, a delete) may give back what was settled, so the offer is made again.
    pub(super) counts: (usize, usize),
    /// How many of the annotator's documents were done when training started: a
    /// document marked done (or back) is learnt from by training again.
    pub(super) done: usize,
    /// The document in view and its generation when the done count was taken.
    pub(super) seen: Option<(DocumentId, u64)>,
    /// The suggestions kept in the project for the document in view, read when it
    /// opens.
    pub(super) stored: Option<(DocumentId, Vec<Suggestion>)>,
}

impl Suggesting {
    /// Whether `recommender` is offered at `threshold`: not when it was measured
    /// below it.
    fn switch(&self, recommender: &str, threshold: f64) -> Switch {
        match &self.quality {
            Some(Ok(report)) => report.switch(recommender, threshold),
            // Not measured yet (still learning, or nothing done): as the report
            // would say of a recommender it has no measure of.
            _ => Switch::unmeasured(recommender),
        }
    }

    /// The recommenders off at `threshold`, each with its measure.
    fn withheld(&self, threshold: f64) -> Vec<String> {
        let Some(Ok(report)) = &self.quality else {
            return Vec::new();
        };
        report
            .recommenders()
            .into_iter()
            .filter_map(|r| {
                let switch = report.switch(r, threshold);
                (!switch.is_on()).then(|| format!("{r} is {}", switch.describe(threshold)))
            })
            .collect()
    }

    /// What is offered in the document in view.
    pub(super) fn offered(&self) -> Option<&Offered> {
        self.offered.as_ref().map(|(_, _, o)| o)
    }
}

impl App {
    /// Each frame: takes in a trained matcher, and fits the offer to the document in
    /// view — made afresh for another document, settled ones dropped after an edit.
    pub(super) fn follow_suggestions(&mut self) {
        self.keep_learning();
        let Some(ws) = &self.workspace else {
            self.suggesting.offered = None;
            return;
        };
        let (Some(open), None) = (ws.current(), ws.review()) else {
            self.suggesting.offered = None;
            return;
        };
        let id = open.document().id();
        if self
            .suggesting
            .stored
            .as_ref()
            .is_none_or(|(was, _)| was != id)
        {
            // The window's own matcher is fresher than what it stored ahead.
            let (stored, problems) =
                stored_for(ws.project(), open.document(), &crate::suggest::stored::LIVE);
            self.suggesting.stored = Some((id.clone(), stored));
            self.suggesting.offered = None;
            if let Some(problem) = problems.first() {
                let problem = problem.clone();
                self.tell(problem);
                return;
            }
        }
        let matcher = self.suggesting.matcher.as_ref();
        let stored = self.suggesting.stored.as_ref().map(|(_, s)| s.as_slice());
        let generation = open.generation();
        let annotations = open.annotations();
        let counts = (annotations.spans.len(), annotations.rejected.len());
        let fewer = counts.0 < self.suggesting.counts.0 || counts.1 < self.suggesting.counts.1;
        self.suggesting.counts = counts;
        match &mut self.suggesting.offered {
            Some((was, at, offered)) if was == id && !(fewer && *at != generation) => {
                if *at != generation {
                    offered.forget_settled(annotations);
                    *at = generation;
                }
            }
            _ => {
                let mut items = matcher
                    .map(|m| m.suggest_new(open.document(), annotations))
                    .unwrap_or_default();
                // The tagger takes some 70 ns a char: a book-length document would
                // stall the frame, so there it is left to `claimspan suggest`.
                let small = open.document().char_len() <= TAGGED_IN_WINDOW;
                if let Some(tagger) = self.suggesting.tagger.as_ref().filter(|_| small) {
                    items.extend(tagger.suggest_new(open.document(), annotations));
                }
                items.extend(undecided(stored.unwrap_or_default().to_vec(), annotations));
                // A recommender measured below the threshold is off until it
                // improves; the panel says which and why.
                let threshold = self.prefs.suggestion_threshold;
                items.retain(|s| self.suggesting.switch(&s.recommender, threshold).is_on());
                let offered = Offered::withholding(items, self.suggesting.withheld(threshold));
                self.suggesting.offered = Some((id.clone(), generation, offered));
            }
        }
    }

    /// What is offered in the document in view.
    pub fn offered(&self) -> Option<&Offered> {
        self.suggesting.offered()
    }

    /// Opens the Suggestions window, or closes it.
    pub(super) fn show_suggestions(&mut self) {
        if self.workspace.is_none() {
            self.tell("Open a project first.");
            return;
        }
        self.suggesting.open = !self.suggesting.open;
    }

    /// Offers a recommender only when its F1 reaches `percent` / 100.
    pub(super) fn set_suggestion_threshold(&mut self, percent: u8) {
        self.prefs.suggestion_threshold = f64::from(percent.min(100)) / 100.0;
        self.suggesting.offered = None;
    }

    /// Draws the Suggestions window when it is open.
    pub(super) fn draw_suggestions_window(
        &mut self,
        ctx: &egui::Context,
        commands: &mut Vec<crate::ui::Command>,
    ) {
        if !self.suggesting.open {
            return;
        }
        let shown = crate::ui::suggestions_view::SuggestionsShown {
            quality: self.suggesting.quality.as_ref(),
            learning: self.suggesting.trainer.is_some(),
            threshold: self.prefs.suggestion_threshold,
        };
        crate::ui::suggestions_view::suggestions_window(
            ctx,
            &shown,
            &mut self.suggesting.open,
            commands,
        );
    }

    /// Looks at the next (or previous) suggestion, selecting its text.
    pub(super) fn step_suggestion(&mut self, forward: bool) {
        let Some((_, _, offered)) = &mut self.suggesting.offered else {
            self.tell("No suggestions here.");
            return;
        };
        let n = offered.items().len();
        let Some(s) = offered.step(forward).cloned() else {
            self.tell("No suggestions left in this document.");
            return;
        };
        let at = offered.current_index().map_or(0, |i| i + 1);
        self.select_text(s.start, s.end);
        let (accept, reject) = (
            self.key_of(&crate::ui::Command::AcceptSuggestion),
            self.key_of(&crate::ui::Command::RejectSuggestion),
        );
        self.tell_here(format!(
            "Suggestion {at} of {n}: “{}” as {} (score {:.2}, from {}) — {accept} accepts, {reject} turns it down.",
            s.text, s.label, s.score, s.recommender
        ));
    }

    /// Accepts the suggestion looked at (the first, if none is).
    pub(super) fn accept_suggestion(&mut self) {
        let Some(s) = self.looked_at() else {
            return;
        };
        self.edit(|annotations, document, schema| accept(&s, annotations, document, schema));
        self.after_deciding();
        self.offer_suggested_link(&s);
    }

    /// After `accepted` became a span: the link it most likely has to a span already
    /// there (its stance's actor or claim, by where they stood in the done
    /// documents), offered as a link typed after tagging is, for Enter to make.
    fn offer_suggested_link(&mut self, accepted: &Suggestion) {
        let (Some(links), Some(ws)) = (&self.suggesting.links, &self.workspace) else {
            return;
        };
        let Some(open) = ws.current() else {
            return;
        };
        let annotations = open.annotations();
        let Some(id) = annotations
            .spans
            .iter()
            .find(|s| {
                (s.start, s.end, s.label.as_str())
                    == (accepted.start, accepted.end, accepted.label.as_str())
            })
            .map(|s| s.id)
        else {
            return;
        };
        let best = links
            .suggest(open.document(), annotations)
            .into_iter()
            .filter(|l| l.from == id || l.to == id)
            .max_by(|a, b| a.score.total_cmp(&b.score));
        let Some(link) = best else {
            return;
        };
        let offered = self
            .editor
            .offer_link(ws, link.from, link.to)
            .map(|o| o.text.clone());
        if let Some(text) = offered {
            let enter = self.key_of(&crate::ui::Command::AcceptLinkOffer);
            self.tell_here(format!(
                "{enter} links {text} (suggested, {:.2}).",
                link.score
            ));
        }
    }

    /// Turns down the suggestion looked at (the first, if none is).
    pub(super) fn reject_suggestion(&mut self) {
        let Some(s) = self.looked_at() else {
            return;
        };
        self.apply(reject(&s));
        self.after_deciding();
    }

    /// Accepts every suggestion scored at least `percent` / 100, as one step of undo.
    pub(super) fn accept_suggestions_above(&mut self, percent: u8) {
        let Some((_, _, offered)) = &self.suggesting.offered else {
            self.tell("No suggestions here.");
            return;
        };
        let items = offered.items().to_vec();
        let least = f32::from(percent) / 100.0;
        let mut count = 0;
        self.edit(|annotations, document, schema| {
            let (edit, n) = accept_all_above(&items, least, annotations, document, schema);
            count = n;
            Ok::<_, crate::model::EditError>(edit)
        });
        self.tell_here(format!(
            "Accepted {count} suggestion(s) scored {least:.2} or more; undo takes them all back."
        ));
        self.follow_suggestions();
    }

    /// The suggestion to decide: the one looked at, else the first.
    fn looked_at(&mut self) -> Option<crate::suggest::Suggestion> {
        let offered = match &mut self.suggesting.offered {
            Some((_, _, offered)) => offered,
            None => {
                self.tell("No suggestions here.");
                return None;
            }
        };
        if offered.current().is_none() {
            offered.step(true);
        }
        let s = offered.current().cloned();
        if s.is_none() {
            self.tell("No suggestions left in this document.");
        }
        s
    }

    /// After a decision: the offer follows the annotations and the next is looked at.
    fn after_deciding(&mut self) {
        self.follow_suggestions();
        let next = self
            .suggesting
            .offered
            .as_ref()
            .and_then(|(_, _, o)| o.current().cloned());
        match next {
            Some(s) => self.select_text(s.start, s.end),
            None => self.tell_here("That was the last suggestion in this document."),
        }
    }
}
