//! Suggestions an annotator turned down: a place, a label and the text there, kept
//! in the annotator's file so the same suggestion is never offered at that place
//! again — by any recommender, after a reload, on another machine.
//!
//! A rejection is not an annotation: no export, agreement or statement reads it.
//! When the article's text changes it follows its text like a span (where its text
//! still stands, or the one place it occurs now) and is let go where it has no one
//! place, as being offered a suggestion again costs a key press, and a person would
//! have nothing to do with a rejection flagged for placing.

use super::annotations::Annotations;
use super::document::Document;
use super::offsets::CharOffset;
use serde::{Deserialize, Serialize};

/// The attribute an accepted suggestion carries: where it came from, as
/// `suggestion:<recommender>` (`suggestion:strings`), kept on disk and left out of
/// exports unless asked for.
pub const ORIGIN: &str = "origin";

/// The attribute a prediction read from a file carries its score in (a JSONL span's
/// `"score"`, a Label Studio result's), on its way to a suggestion. It goes on any
/// label, as [`ORIGIN`] does, and is dropped when spans are imported as annotations:
/// a model's confidence is not an annotator's coding.
pub const SCORE: &str = "score";

/// True for the attributes the tool writes itself, which the schema need not name.
pub fn is_tool_attribute(name: &str) -> bool {
    name == ORIGIN || name == SCORE
}

/// A suggestion turned down at a place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejection {
    /// Where the suggestion started, in chars.
    pub start: CharOffset,
    /// Where it ended.
    pub end: CharOffset,
    /// The label it offered.
    pub label: String,
    /// The text there, so the rejection can follow a changed article.
    pub text: String,
}

impl Annotations {
    /// True when a suggestion of `label` from `start` to `end` was turned down.
    pub fn is_rejected(&self, start: CharOffset, end: CharOffset, label: &str) -> bool {
        self.rejected
            .binary_search_by(|r| (r.start, r.end, r.label.as_str()).cmp(&(start, end, label)))
            .is_ok()
    }

    /// Remembers `rejection`; false when it was already remembered.
    pub fn reject(&mut self, rejection: Rejection) -> bool {
        match self
            .rejected
            .binary_search_by(|r| key(r).cmp(&key(&rejection)))
        {
            Ok(_) => false,
            Err(at) => {
                self.rejected.insert(at, rejection);
                true
            }
        }
    }

    /// Forgets `rejection`; false when it was not remembered.
    pub fn unreject(&mut self, rejection: &Rejection) -> bool {
        match self
            .rejected
            .binary_search_by(|r| key(r).cmp(&key(rejection)))
        {
            Ok(at) => {
                self.rejected.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// Rejections read from a file, in order and once each.
    pub(crate) fn tidy_rejections(&mut self) {
        self.rejected.sort_by(|a, b| key(a).cmp(&key(b)));
        self.rejected.dedup_by(|a, b| key(a) == key(b));
    }
}

/// The order rejections are kept in: place, then label. The text follows the place.
fn key(r: &Rejection) -> (CharOffset, CharOffset, &str) {
    (r.start, r.end, r.label.as_str())
}

/// Moves `annotations`' rejections to where their text stands in `document` now,
/// letting go of those whose text has no one place; returns how many were let go.
pub fn follow_rejections(annotations: &mut Annotations, document: &Document) -> usize {
    let before = annotations.rejected.len();
    let rejected = std::mem::take(&mut annotations.rejected);
    annotations.rejected = rejected
        .into_iter()
        .filter_map(|mut r| {
            let (start, end) = super::place_of_text(document, r.start, r.end, &r.text).ok()?;
            (r.start, r.end) = (start, end);
            Some(r)
        })
        .collect();
    annotations.tidy_rejections();
    before - annotations.rejected.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnnotatorName;

    fn rejection(d: &Document, text: &str, label: &str) -> Rejection {
        let byte = d.text().find(text).unwrap();
        let start = d.text()[..byte].chars().count();
        Rejection {
            start: CharOffset(start),
            end: CharOffset(start + text.chars().count()),
            label: label.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_rejection_is_remembered_once_and_forgotten_on_asking() {
        let d = Document::from_text("Iran’s foreign ministry warned on Sunday.");
        let mut a = Annotations::new(&d, AnnotatorName::new("amal").unwrap());
        let r = rejection(&d, "foreign ministry", "actor");
        assert!(!a.is_rejected(r.start, r.end, "actor"));
        assert!(a.reject(r.clone()));
        assert!(!a.reject(r.clone()));
        assert_eq!(a.rejected.len(), 1);
        assert!(a.is_rejected(r.start, r.end, "actor"));
        // Another label at the same place is another suggestion.
        assert!(!a.is_rejected(r.start, r.end, "claim"));
        assert!(a.reject(rejection(&d, "Iran’s", "actor")));
        assert_eq!(a.rejected[0].text, "Iran’s", "kept in order of place");
        assert!(a.unreject(&r));
        assert!(!a.unreject(&r));
        assert!(!a.is_rejected(r.start, r.end, "actor"));
        assert!(a.has_work(), "a rejection is work to keep");
    }

    #[test]
    fn rejections_follow_their_text_and_are_let_go_without_one_place() {
        let old = Document::from_text("Hardliners rejected talks. The bloc said no.");
        let mut a = Annotations::new(&old, AnnotatorName::new("amal").unwrap());
        a.reject(rejection(&old, "talks", "claim"));
        a.reject(rejection(&old, "bloc", "actor"));
        a.reject(rejection(&old, "said", "stance"));
        // Text put before all three; “bloc” now occurs twice.
        let new = Document::from_text(
            "Update: the bloc met. Hardliners rejected talks. The bloc said no.",
        );
        assert_eq!(follow_rejections(&mut a, &new), 1);
        let texts: Vec<&str> = a.rejected.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["talks", "said"]);
        for r in &a.rejected {
            assert_eq!(new.slice(r.start, r.end), Some(r.text.as_str()));
        }
    }

    #[test]
    fn a_rejection_is_an_edit_undone_and_made_again_on_their_version() {
        use crate::model::{Edit, History, reapply};
        let d = Document::from_text("The bloc rejected the draft deal.");
        let mut mine = Annotations::new(&d, AnnotatorName::new("amal").unwrap());
        let theirs_before = mine.clone();
        let r = rejection(&d, "the draft deal", "claim");
        let mut history = History::default();
        history.apply(&mut mine, Edit::Reject(r.clone())).unwrap();
        assert!(mine.is_rejected(r.start, r.end, "claim"));
        // Turned down twice: undoing the second leaves the first.
        history.apply(&mut mine, Edit::Reject(r.clone())).unwrap();
        assert!(history.undo(&mut mine).unwrap());
        assert!(mine.is_rejected(r.start, r.end, "claim"));
        assert!(history.undo(&mut mine).unwrap());
        assert!(mine.rejected.is_empty());
        assert!(history.redo(&mut mine).unwrap());
        assert_eq!(mine.rejected, std::slice::from_ref(&r));

        // Made again on a colleague's version of the file, once.
        let mut theirs = theirs_before;
        let edits = vec![Edit::Reject(r.clone())];
        let out = reapply(edits.clone(), &mut theirs, &mine, &Default::default());
        assert_eq!((out.applied.len(), out.already), (1, 0));
        assert_eq!(theirs.rejected, std::slice::from_ref(&r));
        let again = reapply(edits, &mut theirs, &mine, &Default::default());
        assert_eq!((again.applied.len(), again.already), (0, 1));
    }

    #[test]
    fn origin_goes_on_any_label_without_the_schema_naming_it() {
        use crate::model::{NewSpan, Schema};
        let d = Document::from_text("The bloc rejected the draft deal.");
        let mut a = Annotations::new(&d, AnnotatorName::new("amal").unwrap());
        let schema = Schema::default();
        for (start, end, label) in [(4, 8, "actor"), (9, 17, "stance"), (18, 32, "claim")] {
            let mut new = NewSpan::new(CharOffset(start), CharOffset(end), label);
            new.attributes
                .insert(ORIGIN.into(), "suggestion:strings".into());
            a.add_span(&d, &schema, new).unwrap();
        }
        assert!(
            a.check(&d, &schema).is_empty(),
            "{:?}",
            a.check(&d, &schema)
        );
        let mut other = NewSpan::new(CharOffset(4), CharOffset(8), "actor");
        other.attributes.insert("origins".into(), "x".into());
        assert!(a.add_span(&d, &schema, other).is_err());
    }
}
