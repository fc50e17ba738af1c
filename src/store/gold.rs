//! Gold files: the adjudicated annotations of a document, plus what review keeps
//! beside them.
//!
//! `gold/<id>.ron` has the shape of an annotation file (annotator `gold`) and, as
//! optional fields that an older claimspan skips, the review's bookkeeping: which
//! annotators had each gold span, which spans a person adjudicated by hand (a merge
//! never overwrites those), the disagreements a merge left for a person to settle,
//! and review notes. A gold file without them is still format 1 and reads as before.
//!
//! The types here are plain data; the review layer (`review::merge`,
//! `review::adjudicate`) computes them and this module only reads and writes them.

use super::atomic::remove_leftovers;
use super::error::StoreError;
use super::project::{FileStamp, GOLD, IfOnDisk, Project, SaveError, check_place, ron_text};
use super::ron_file::{FORMAT, Versioned, read_ron};
use crate::model::{
    Annotations, AnnotatorName, CharOffset, Document, DocumentId, Link, Reanchored, Rejection,
    Span, SpanId, Status, TextHash, place_of_text, reanchor,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod by_hand;
pub mod disk;
mod overruled;

pub use by_hand::AsMerged;
use by_hand::{carry_review, follow_moves};
pub use disk::{GoldWrites, replace_if_unchanged};
pub use overruled::Overruled;

/// A document's gold standard: the adjudicated annotations and the review's
/// bookkeeping about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    /// The adjudicated spans and links (annotator [`AnnotatorName::gold`]).
    pub annotations: Annotations,
    /// Provenance, hand-adjudicated spans, open and settled disagreements, notes.
    pub review: GoldReview,
}

impl Gold {
    /// An empty gold standard for `document`.
    pub fn new(document: &Document) -> Self {
        Self {
            annotations: Annotations::new(document, AnnotatorName::gold()),
            review: GoldReview::default(),
        }
    }

    /// The disagreements still waiting for a decision, with their index in
    /// [`GoldReview::disagreements`] (the index adjudication refers to).
    pub fn open_disagreements(&self) -> impl Iterator<Item = (usize, &Disagreement)> {
        self.review
            .disagreements
            .iter()
            .enumerate()
            .filter(|(_, c)| c.settled.is_none())
    }

    /// True when a person adjudicated span `id` (it was accepted, edited or made in
    /// review); a merge keeps such spans as they are. Spans without provenance were
    /// not written by a merge, so they count as adjudicated by hand too.
    pub fn is_by_hand(&self, id: SpanId) -> bool {
        self.review.by_hand.contains(&id) || !self.review.provenance.contains_key(&id)
    }
}

/// What review keeps about a gold standard besides its spans and links.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldReview {
    /// For each gold span, the annotators whose annotations had exactly that span
    /// (place, label and attributes); empty for a span a reviewer made.
    pub provenance: BTreeMap<SpanId, Vec<AnnotatorName>>,
    /// Gold spans a person adjudicated; a merge never overwrites or removes them.
    pub by_hand: BTreeSet<SpanId>,
    /// Disagreements among the annotators that a merge could not settle, in text
    /// order; settled ones stay, with their resolution, so a later merge does not
    /// raise them again.
    pub disagreements: Vec<Disagreement>,
    /// Reviewers' notes on places of disagreement.
    pub notes: Vec<ReviewNote>,
    /// Places and labels a reviewer took out of gold or relabelled; a merge does not
    /// accept them again, however many annotators have them.
    pub overruled: BTreeSet<Overruled>,
    /// Each span the last merge wrote, as it wrote it. A gold span that differs from
    /// this, or is gone, was changed by a person outside claimspan (in an editor);
    /// see [`Gold::notice_edits_by_hand`].
    pub as_merged: BTreeMap<SpanId, AsMerged>,
}

impl GoldReview {
    /// Moves the review's places — disagreements' candidates, the notes on them,
    /// overruled places — to where their text now is, after the article's text
    /// changed (a checkout that turned `\n` into `\r\n`), by the rule spans follow
    /// ([`place_of_text`]): a place whose text still stands there stays, one whose
    /// text occurs once elsewhere moves, any other stays where it was. So a merge
    /// after such a change neither reopens a settled disagreement nor brings back what a
    /// reviewer took out.
    pub fn follow_text(&mut self, document: &Document) {
        for disagreement in &mut self.disagreements {
            let (old_start, old_end) = (disagreement.start, disagreement.end);
            for c in &mut disagreement.candidates {
                if let Ok((start, end)) = place_of_text(document, c.start, c.end, &c.text) {
                    (c.start, c.end) = (start, end);
                }
            }
            disagreement.start = disagreement
                .candidates
                .iter()
                .map(|c| c.start)
                .min()
                .unwrap_or(old_start);
            disagreement.end = disagreement
                .candidates
                .iter()
                .map(|c| c.end)
                .max()
                .unwrap_or(old_end);
            for note in &mut self.notes {
                if (note.start, note.end) == (old_start, old_end) {
                    (note.start, note.end) = (disagreement.start, disagreement.end);
                }
            }
        }
        self.overruled = std::mem::take(&mut self.overruled)
            .into_iter()
            .map(|mut o| {
                if !o.text.is_empty()
                    && let Ok((start, end)) = place_of_text(document, o.start, o.end, &o.text)
                {
                    (o.start, o.end) = (start, end);
                }
                o
            })
            .collect();
    }

    /// True when there is nothing to write beyond the annotations.
    pub fn is_empty(&self) -> bool {
        self.provenance.is_empty()
            && self.by_hand.is_empty()
            && self.disagreements.is_empty()
            && self.notes.is_empty()
            && self.overruled.is_empty()
            && self.as_merged.is_empty()
    }
}

/// A place where annotators tagged differently: the versions they made (candidates)
/// and who made none of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// What kind of difference it is.
    pub kind: DisagreementKind,
    /// First char of the first candidate.
    pub start: CharOffset,
    /// One past the last char of the last-ending candidate.
    pub end: CharOffset,
    /// The distinct versions, ordered by place, label and attributes.
    pub candidates: Vec<Candidate>,
    /// Annotators (of this document) who tagged none of the candidates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lacking: Vec<AnnotatorName>,
    /// How a reviewer settled it; `None` while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<Resolution>,
}

impl Disagreement {
    /// The candidates `annotator` made, by index: usually one, more when they tagged
    /// two overlapping spans.
    pub fn candidates_of(&self, annotator: &AnnotatorName) -> Vec<usize> {
        self.candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.annotators.contains(annotator))
            .map(|(i, _)| i)
            .collect()
    }

    /// True when both have the same kind, candidates and lacking annotators, whatever
    /// their resolution: the same disagreement found again.
    pub fn same_as(&self, other: &Disagreement) -> bool {
        self.kind == other.kind
            && self.candidates == other.candidates
            && self.lacking == other.lacking
    }
}

/// One version of a span in a disagreement, and the annotators who made it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Candidate {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// Label.
    pub label: String,
    /// The text it covers.
    pub text: String,
    /// Attribute values, such as a stance's polarity.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Who tagged exactly this, in the order the annotators were given.
    pub annotators: Vec<AnnotatorName>,
}

impl Candidate {
    /// This version as a gold span with id `id`, its text taken from `document`
    /// (the candidate's own where the article no longer has the place).
    pub fn to_span(&self, id: SpanId, document: &Document) -> Span {
        Span {
            id,
            start: self.start,
            end: self.end,
            label: self.label.clone(),
            text: document
                .slice(self.start, self.end)
                .map_or_else(|| self.text.clone(), str::to_owned),
            attributes: self.attributes.clone(),
            note: String::new(),
            anchor: None,
        }
    }

    /// True when `span` is this version: same place, label and attributes.
    pub fn is(&self, span: &Span) -> bool {
        span.start == self.start
            && span.end == self.end
            && span.label == self.label
            && span.attributes == self.attributes
    }
}

/// The kinds of disagreement a reviewer sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DisagreementKind {
    /// Only some annotators tagged it; the others tagged nothing there.
    Missing,
    /// The same place has different labels.
    Label,
    /// The same label on overlapping places whose edges differ.
    Edges,
    /// Both labels and edges differ.
    LabelAndEdges,
    /// Same place and label, different attributes (a stance's polarity).
    Attributes,
}

impl DisagreementKind {
    /// The kind in the user's words, for tables and lists.
    pub fn as_str(self) -> &'static str {
        match self {
            DisagreementKind::Missing => "only some annotators have it",
            DisagreementKind::Label => "labels differ",
            DisagreementKind::Edges => "edges differ",
            DisagreementKind::LabelAndEdges => "labels and edges differ",
            DisagreementKind::Attributes => "attributes differ",
        }
    }
}

/// How a reviewer settled a disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    /// These candidates (by index) went into gold, the others not.
    Accepted(Vec<usize>),
    /// None of the candidates went into gold.
    Rejected,
    /// The reviewer tagged their own version.
    Edited,
}

/// A reviewer's note on a place of disagreement, kept across merges.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReviewNote {
    /// First char of the place.
    pub start: CharOffset,
    /// One past its last char.
    pub end: CharOffset,
    /// The note.
    pub text: String,
}

/// `gold/<id>.ron` as read: an annotation file with the review's optional fields.
#[derive(Debug, Clone, Deserialize)]
struct GoldFile {
    format: u32,
    document: DocumentId,
    text_hash: TextHash,
    annotator: AnnotatorName,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    rejected: Vec<Rejection>,
    #[serde(default)]
    provenance: BTreeMap<SpanId, Vec<AnnotatorName>>,
    #[serde(default)]
    by_hand: BTreeSet<SpanId>,
    // The file keeps the key earlier versions wrote and read, so a colleague on an
    // older claimspan never reads a gold file without its disagreements (and saves it
    // back without them); the code and the window say “disagreement” for it.
    #[serde(default, rename = "conflicts")]
    disagreements: Vec<Disagreement>,
    #[serde(default)]
    notes: Vec<ReviewNote>,
    #[serde(default)]
    overruled: BTreeSet<Overruled>,
    #[serde(default)]
    as_merged: BTreeMap<SpanId, AsMerged>,
}

impl Versioned for GoldFile {
    fn format(&self) -> u32 {
        self.format
    }
}

impl From<GoldFile> for Gold {
    fn from(f: GoldFile) -> Self {
        Self {
            annotations: Annotations {
                document: f.document,
                text_hash: f.text_hash,
                annotator: f.annotator,
                status: f.status,
                spans: f.spans,
                links: f.links,
                rejected: f.rejected,
            },
            review: GoldReview {
                provenance: f.provenance,
                by_hand: f.by_hand,
                disagreements: f.disagreements,
                notes: f.notes,
                overruled: f.overruled,
                as_merged: f.as_merged,
            },
        }
    }
}

/// The same file as written, borrowing the gold standard.
#[derive(Serialize)]
struct GoldFileOut<'a> {
    format: u32,
    document: &'a DocumentId,
    text_hash: &'a TextHash,
    annotator: &'a AnnotatorName,
    status: Status,
    spans: &'a [Span],
    links: &'a [Link],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rejected: &'a [Rejection],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    provenance: &'a BTreeMap<SpanId, Vec<AnnotatorName>>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    by_hand: &'a BTreeSet<SpanId>,
    #[serde(skip_serializing_if = "<[_]>::is_empty", rename = "conflicts")]
    disagreements: &'a [Disagreement],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [ReviewNote],
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    overruled: &'a BTreeSet<Overruled>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    as_merged: &'a BTreeMap<SpanId, AsMerged>,
}

impl<'a> From<&'a Gold> for GoldFileOut<'a> {
    fn from(g: &'a Gold) -> Self {
        let a = &g.annotations;
        Self {
            format: FORMAT,
            document: &a.document,
            text_hash: &a.text_hash,
            annotator: &a.annotator,
            status: a.status,
            spans: &a.spans,
            links: &a.links,
            rejected: &a.rejected,
            provenance: &g.review.provenance,
            by_hand: &g.review.by_hand,
            disagreements: &g.review.disagreements,
            notes: &g.review.notes,
            overruled: &g.review.overruled,
            as_merged: &g.review.as_merged,
        }
    }
}

/// A gold standard as loaded, with what re-anchoring changed and the file's stamp.
#[derive(Debug, Clone)]
pub struct LoadedGold {
    /// The gold standard, its spans fitted to the current article text.
    pub gold: Gold,
    /// Spans moved or flagged because the article changed since they were made.
    pub reanchored: Vec<Reanchored>,
    /// The file's stamp when read; `None` when there was no gold file yet.
    pub stamp: Option<FileStamp>,
}

/// Reads a gold file as it is on disk.
pub fn read_gold_file(path: &Path) -> Result<Gold, StoreError> {
    let file: GoldFile = read_ron(path)?;
    Ok(Gold::from(file))
}

/// The text of a gold file for `gold`.
fn gold_text(path: &Path, gold: &Gold) -> Result<String, StoreError> {
    ron_text(path, &GoldFileOut::from(gold))
}

impl Project {
    /// Reads the gold standard of `document` with its review fields, or an empty one
    /// when there is no gold file yet; spans are re-anchored as an annotator's are.
    pub fn load_gold_review(&self, document: &Document) -> Result<LoadedGold, StoreError> {
        let path = self.gold_path(document.id());
        let stamp = FileStamp::of(&path);
        if stamp.is_none() {
            return Ok(LoadedGold {
                gold: Gold::new(document),
                reanchored: Vec::new(),
                stamp,
            });
        }
        let mut gold = read_gold_file(&path)?;
        check_place(
            &path,
            "document",
            gold.annotations.document.as_str(),
            document.id().as_str(),
        )?;
        check_place(
            &path,
            "annotator",
            gold.annotations.annotator.as_str(),
            AnnotatorName::gold().as_str(),
        )?;
        // Compared with the merge's record before re-anchoring moves anything, as
        // both were made on the text the file was written for.
        gold.notice_edits_by_hand();
        let text_changed = &gold.annotations.text_hash != document.hash();
        let reanchored = reanchor(&mut gold.annotations, document);
        follow_moves(&mut gold, &reanchored);
        if text_changed {
            gold.review.follow_text(document);
        }
        Ok(LoadedGold {
            gold,
            reanchored,
            stamp,
        })
    }

    /// Writes a gold standard with its review fields atomically and durably, as
    /// [`Project::save_annotations`] does for an annotator. With
    /// [`IfOnDisk::Unchanged`] the file's stamp is compared at the last moment, after
    /// the new content is written and just before it replaces the file (see
    /// [`disk`] for the window that remains).
    pub fn save_gold_review(
        &mut self,
        gold: &Gold,
        if_on_disk: IfOnDisk,
    ) -> Result<FileStamp, SaveError> {
        let path = self.gold_path(&gold.annotations.document);
        let text = gold_text(&path, gold)?;
        replace_if_unchanged(&path, text.as_bytes(), if_on_disk, true)?;
        self.note_gold(&gold.annotations.document);
        stamp_after_write(&path)
    }

    /// Writes a gold standard into `writes` (durable when they are finished), for
    /// merges that write thousands of files, comparing the stamp at the last moment
    /// as [`Project::save_gold_review`] does. Takes `&self` so several threads can
    /// write at once; call [`Project::note_gold`] afterwards.
    pub fn write_gold_review(
        &self,
        gold: &Gold,
        if_on_disk: IfOnDisk,
        writes: &mut GoldWrites,
    ) -> Result<(), SaveError> {
        let path = self.gold_path(&gold.annotations.document);
        let text = gold_text(&path, gold)?;
        writes.write(&path, text.as_bytes(), if_on_disk)
    }

    /// Removes the temporary files that killed merges or reviews left in `gold/`;
    /// returns how many. A merge calls it before it writes.
    pub fn clear_gold_leftovers(&self) -> usize {
        remove_leftovers(&self.root().join(GOLD))
    }
}

/// Writes plain gold annotations (`Project::save_gold`) without losing the review
/// fields already in the file: they are kept for the spans that remain, and every span
/// that is new or whose place, label or attributes changed counts as adjudicated by
/// hand, so a later merge does not overwrite a reviewer's edit.
pub(super) fn save_plain_gold(
    path: &Path,
    annotations: &Annotations,
    if_on_disk: IfOnDisk,
) -> Result<FileStamp, SaveError> {
    check_unchanged(path, if_on_disk)?;
    let before = if path.is_file() {
        Some(read_gold_file(path)?)
    } else {
        None
    };
    let review = match before {
        None => GoldReview::default(),
        Some(mut before) => {
            before.notice_edits_by_hand();
            carry_review(&before, annotations)
        }
    };
    let gold = Gold {
        annotations: annotations.clone(),
        review,
    };
    let text = gold_text(path, &gold)?;
    replace_if_unchanged(path, text.as_bytes(), if_on_disk, true)?;
    stamp_after_write(path)
}

fn check_unchanged(path: &Path, if_on_disk: IfOnDisk) -> Result<(), SaveError> {
    if let IfOnDisk::Unchanged(expected) = if_on_disk
        && FileStamp::of(path) != expected
    {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    Ok(())
}

fn stamp_after_write(path: &Path) -> Result<FileStamp, SaveError> {
    FileStamp::of(path).ok_or_else(|| {
        SaveError::Store(StoreError::io(
            "read back",
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ))
    })
}

#[cfg(test)]
mod tests;
