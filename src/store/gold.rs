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

use super::atomic::WriteBatch;
use super::error::StoreError;
use super::project::{FileStamp, IfOnDisk, Project, SaveError, check_place, ron_text};
use super::ron_file::{FORMAT, Versioned, read_ron};
use super::write_atomic;
use crate::model::{
    Annotations, AnnotatorName, CharOffset, Document, DocumentId, Link, Reanchored, Span, SpanId,
    Status, TextHash, reanchor,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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
    /// [`GoldReview::conflicts`] (the index adjudication refers to).
    pub fn open_conflicts(&self) -> impl Iterator<Item = (usize, &Disagreement)> {
        self.review
            .conflicts
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
    pub conflicts: Vec<Disagreement>,
    /// Reviewers' notes on places of disagreement.
    pub notes: Vec<ReviewNote>,
    /// Places and labels a reviewer took out of gold or relabelled; a merge does not
    /// accept them again, however many annotators have them.
    pub overruled: BTreeSet<Overruled>,
}

/// A span's place and label that a reviewer removed from gold (or gave another
/// label), kept so that the next merge does not bring it back.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Overruled {
    /// First char.
    pub start: CharOffset,
    /// One past the last char.
    pub end: CharOffset,
    /// The label it had.
    pub label: String,
}

impl Overruled {
    /// The place and label of `span`.
    pub fn of(span: &Span) -> Self {
        Self::at(span.start, span.end, &span.label)
    }

    /// The place `start..end` with `label`.
    pub fn at(start: CharOffset, end: CharOffset, label: &str) -> Self {
        Self {
            start,
            end,
            label: label.to_owned(),
        }
    }
}

impl GoldReview {
    /// True when there is nothing to write beyond the annotations.
    pub fn is_empty(&self) -> bool {
        self.provenance.is_empty()
            && self.by_hand.is_empty()
            && self.conflicts.is_empty()
            && self.notes.is_empty()
            && self.overruled.is_empty()
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
    provenance: BTreeMap<SpanId, Vec<AnnotatorName>>,
    #[serde(default)]
    by_hand: BTreeSet<SpanId>,
    #[serde(default)]
    conflicts: Vec<Disagreement>,
    #[serde(default)]
    notes: Vec<ReviewNote>,
    #[serde(default)]
    overruled: BTreeSet<Overruled>,
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
            },
            review: GoldReview {
                provenance: f.provenance,
                by_hand: f.by_hand,
                conflicts: f.conflicts,
                notes: f.notes,
                overruled: f.overruled,
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
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    provenance: &'a BTreeMap<SpanId, Vec<AnnotatorName>>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    by_hand: &'a BTreeSet<SpanId>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    conflicts: &'a [Disagreement],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [ReviewNote],
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    overruled: &'a BTreeSet<Overruled>,
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
            provenance: &g.review.provenance,
            by_hand: &g.review.by_hand,
            conflicts: &g.review.conflicts,
            notes: &g.review.notes,
            overruled: &g.review.overruled,
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
        let reanchored = reanchor(&mut gold.annotations, document);
        Ok(LoadedGold {
            gold,
            reanchored,
            stamp,
        })
    }

    /// Writes a gold standard with its review fields atomically and durably, as
    /// [`Project::save_annotations`] does for an annotator.
    pub fn save_gold_review(
        &mut self,
        gold: &Gold,
        if_on_disk: IfOnDisk,
    ) -> Result<FileStamp, SaveError> {
        let path = self.gold_path(&gold.annotations.document);
        check_unchanged(&path, if_on_disk)?;
        write_atomic(&path, gold_text(&path, gold)?.as_bytes())?;
        self.note_gold(&gold.annotations.document);
        stamp_after_write(&path)
    }

    /// Writes a gold standard into `batch` (durable when the batch is finished), for
    /// merges that write thousands of files. Takes `&self` so several threads can
    /// write at once; call [`Project::note_gold`] afterwards.
    pub fn write_gold_review(
        &self,
        gold: &Gold,
        if_on_disk: IfOnDisk,
        batch: &mut WriteBatch,
    ) -> Result<(), SaveError> {
        let path = self.gold_path(&gold.annotations.document);
        check_unchanged(&path, if_on_disk)?;
        batch.write(&path, gold_text(&path, gold)?.as_bytes())?;
        Ok(())
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
        Some(before) => carry_review(&before, annotations),
    };
    let gold = Gold {
        annotations: annotations.clone(),
        review,
    };
    write_atomic(path, gold_text(path, &gold)?.as_bytes())?;
    stamp_after_write(path)
}

/// The review fields of `before` for the spans of `after`; new and changed spans
/// become hand-adjudicated, and the places of spans removed or relabelled are
/// overruled.
fn carry_review(before: &Gold, after: &Annotations) -> GoldReview {
    let mut review = before.review.clone();
    for old in &before.annotations.spans {
        let kept = after.span(old.id).is_some_and(|new| {
            (new.start, new.end, &new.label) == (old.start, old.end, &old.label)
        });
        if !kept {
            review.overruled.insert(Overruled::of(old));
        }
    }
    let ids: BTreeSet<SpanId> = after.spans.iter().map(|s| s.id).collect();
    review.provenance.retain(|id, _| ids.contains(id));
    review.by_hand.retain(|id| ids.contains(id));
    for span in &after.spans {
        let unchanged = before.annotations.span(span.id).is_some_and(|old| {
            (old.start, old.end, &old.label, &old.attributes)
                == (span.start, span.end, &span.label, &span.attributes)
        });
        if !unchanged {
            review.by_hand.insert(span.id);
        }
    }
    review
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
mod tests {
    use super::*;
    use crate::model::NewSpan;
    use std::fs;

    fn project_with(text: &str) -> (tempfile::TempDir, Project, Document) {
        let (dir, project, id) = crate::store::project::tests::project_with(text);
        let document = project.load_document(&id).unwrap();
        (dir, project, document)
    }

    fn name(n: &str) -> AnnotatorName {
        AnnotatorName::new(n).unwrap()
    }

    fn span(start: usize, end: usize, label: &str) -> NewSpan {
        NewSpan::new(CharOffset(start), CharOffset(end), label)
    }

    #[test]
    fn review_fields_round_trip_and_an_old_gold_file_still_reads() {
        let (_dir, mut project, document) = project_with("Iran’s minister rejected sanctions.");
        let schema = project.schema().clone();
        // A gold file as the core wrote it, without review fields.
        let mut plain = Annotations::new(&document, AnnotatorName::gold());
        let hand = plain
            .add_span(&document, &schema, span(0, 4, "actor"))
            .unwrap();
        project.save_gold(&plain, IfOnDisk::Anything).unwrap();
        let old = project.load_gold_review(&document).unwrap().gold;
        assert_eq!(old.annotations, plain);
        assert!(old.is_by_hand(hand), "no provenance: made by hand");

        let mut gold = old.clone();
        let merged = gold
            .annotations
            .add_span(&document, &schema, span(7, 15, "actor"))
            .unwrap();
        gold.review
            .provenance
            .insert(merged, vec![name("alice"), name("bob")]);
        gold.review.provenance.insert(hand, vec![]);
        gold.review.by_hand.insert(hand);
        gold.review.conflicts.push(Disagreement {
            kind: DisagreementKind::Edges,
            start: CharOffset(16),
            end: CharOffset(34),
            candidates: vec![Candidate {
                start: CharOffset(16),
                end: CharOffset(24),
                label: "stance".into(),
                text: "rejected".into(),
                attributes: [("polarity".to_owned(), "oppose".to_owned())].into(),
                annotators: vec![name("alice")],
            }],
            lacking: vec![name("bob")],
            settled: Some(Resolution::Accepted(vec![0])),
        });
        gold.review.notes.push(ReviewNote {
            start: CharOffset(16),
            end: CharOffset(34),
            text: "ask about “rejected”".into(),
        });
        project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();
        let back = project.load_gold_review(&document).unwrap();
        assert_eq!(back.gold, gold);
        assert!(!back.gold.is_by_hand(merged) && back.gold.is_by_hand(hand));
        // The plain reader still reads it, and it is still format 1.
        let text = fs::read_to_string(project.gold_path(document.id())).unwrap();
        assert!(text.starts_with("(\n    format: 1,\n"), "{text}");
        assert!(
            text.contains("        2: [\"alice\", \"bob\"],\n"),
            "one provenance entry a line: {text}"
        );
        assert_eq!(
            project.load_gold(&document).unwrap().annotations,
            gold.annotations
        );
    }

    #[test]
    fn plain_gold_saves_keep_review_fields_and_mark_edits_by_hand() {
        let (_dir, mut project, document) = project_with("Iran’s minister rejected sanctions.");
        let schema = project.schema().clone();
        let mut gold = Gold::new(&document);
        let a = gold
            .annotations
            .add_span(&document, &schema, span(0, 4, "actor"))
            .unwrap();
        let b = gold
            .annotations
            .add_span(&document, &schema, span(7, 15, "actor"))
            .unwrap();
        gold.review.provenance.insert(a, vec![name("alice")]);
        gold.review.provenance.insert(b, vec![name("alice")]);
        project.save_gold_review(&gold, IfOnDisk::Anything).unwrap();

        // The window edits gold as plain annotations: relabels b, removes a, adds c.
        let mut plain = project.load_gold(&document).unwrap().annotations;
        plain.spans.iter_mut().find(|s| s.id == b).unwrap().label = "claim".into();
        plain.remove_span(a).unwrap();
        let c = plain
            .add_span(&document, &schema, span(16, 24, "stance"))
            .unwrap();
        project.save_gold(&plain, IfOnDisk::Anything).unwrap();
        let back = project.load_gold_review(&document).unwrap().gold;
        assert_eq!(back.annotations, plain);
        assert_eq!(back.review.provenance.keys().collect::<Vec<_>>(), [&b]);
        assert_eq!(back.review.by_hand.iter().collect::<Vec<_>>(), [&b, &c]);
        // The removed span's and the relabelled span's old places are overruled, and
        // that survives the file.
        let overruled: Vec<(usize, usize, &str)> = back
            .review
            .overruled
            .iter()
            .map(|o| (o.start.0, o.end.0, o.label.as_str()))
            .collect();
        assert_eq!(overruled, [(0, 4, "actor"), (7, 15, "actor")]);
    }
}
