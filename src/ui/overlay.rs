//! Review mode's lanes under the text: one lane per annotator, in the annotator's
//! colour and named by their letter in the margin, each of their spans a bar — thin
//! and faint where everyone agrees, thick where they disagree — so the reviewer sees
//! at a glance who tagged what (the tooltip says which label).

use super::theme::{annotator_color, annotator_letter};
use crate::model::Span;
use crate::review::Disagreement;
use crate::session::ReviewSession;
use egui::Color32;

/// One annotator's spans as marks in their lane.
#[derive(Debug, Clone)]
pub struct Lane {
    /// The annotator.
    pub who: String,
    /// The lane's letter in the margin, `A` for the first annotator (whose version
    /// the A key takes).
    pub letter: char,
    /// The annotator's colour.
    pub color: Color32,
    /// Their spans, ordered by start.
    pub marks: Vec<Mark>,
}

/// One span in a lane.
#[derive(Debug, Clone)]
pub struct Mark {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Part of an open disagreement: drawn loud.
    pub loud: bool,
    /// `actor`, `stance (oppose)`…, for the tooltip.
    pub what: String,
}

/// The lanes of every annotator under review, and the place being looked at.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// One lane per annotator, in the order chosen.
    pub lanes: Vec<Lane>,
    /// The current disagreement's place, in chars.
    pub focus: Option<(usize, usize)>,
}

impl Overlay {
    /// The lanes of a review session as it is now.
    pub fn of(review: &ReviewSession) -> Self {
        let open: Vec<&Disagreement> = review
            .disagreements()
            .iter()
            .filter(|d| d.settled.is_none())
            .collect();
        let lanes = review
            .annotations()
            .iter()
            .enumerate()
            .map(|(n, annotations)| Lane {
                who: annotations.annotator.to_string(),
                letter: annotator_letter(n),
                color: annotator_color(n),
                marks: annotations
                    .spans
                    .iter()
                    .map(|span| Mark {
                        start: span.start.0,
                        end: span.end.0,
                        loud: open.iter().any(|d| {
                            d.candidates.iter().any(|c| {
                                c.is(span) && c.annotators.contains(&annotations.annotator)
                            })
                        }),
                        what: what(span),
                    })
                    .collect(),
            })
            .collect();
        let focus = review
            .current()
            .and_then(|i| review.disagreements().get(i))
            .map(|d| (d.start.0, d.end.0));
        Self { lanes, focus }
    }

    /// What each annotator tagged at char `at`, one line each, for the tooltip.
    pub fn describe_at(&self, at: usize) -> Vec<String> {
        self.lanes
            .iter()
            .map(|lane| {
                let here: Vec<&str> = lane
                    .marks
                    .iter()
                    .filter(|m| m.start <= at && at < m.end)
                    .map(|m| m.what.as_str())
                    .collect();
                if here.is_empty() {
                    format!("{}: —", lane.who)
                } else {
                    format!("{}: {}", lane.who, here.join(", "))
                }
            })
            .collect()
    }
}

fn what(span: &Span) -> String {
    let values: Vec<&str> = span.attributes.values().map(String::as_str).collect();
    if values.is_empty() {
        span.label.clone()
    } else {
        format!("{} ({})", span.label, values.join(", "))
    }
}
