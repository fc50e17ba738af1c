//! Which annotators and documents to compare: by default every annotator and every
//! document they share, or those named on the command line.

use super::error::ReviewError;
use crate::model::{AnnotatorName, DocumentId};
use std::collections::{BTreeMap, BTreeSet};

/// The annotators and documents chosen for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The annotators, in the order given (or by name).
    pub annotators: Vec<AnnotatorName>,
    /// Documents with the annotators who annotated them (indices into
    /// `annotators`), by id; each has at least `min_coders` of them.
    pub documents: Vec<(DocumentId, Vec<usize>)>,
}

impl Selection {
    /// Documents every chosen annotator annotated: the ones span F1, κ and the
    /// per-document list are computed over.
    pub fn shared(&self) -> impl Iterator<Item = &DocumentId> {
        self.documents
            .iter()
            .filter(|(_, who)| who.len() == self.annotators.len())
            .map(|(id, _)| id)
    }
}

/// Chooses annotators and documents from `annotated` (each annotator's documents,
/// only those with an article). `annotators` and `documents` are what the user named,
/// if anything. A document is taken when at least `min_coders` of the chosen
/// annotators annotated it (2 for agreement: each pair is compared on the documents
/// both annotated, α on those some skipped; 1 for a merge). Agreement needs two
/// annotators or more (`need_shared`), not a document all of them share.
pub fn select(
    annotated: &BTreeMap<AnnotatorName, BTreeSet<DocumentId>>,
    annotators: Option<&[AnnotatorName]>,
    documents: Option<&[DocumentId]>,
    min_coders: usize,
    need_shared: bool,
) -> Result<Selection, ReviewError> {
    let chosen = chosen_annotators(annotated, annotators)?;
    if need_shared && chosen.len() < 2 {
        let found = match chosen.as_slice() {
            [] => "no annotators".to_owned(),
            [one] if annotators.is_none() => format!("only {one}"),
            _ => format!("only {} chosen", list_or_none(chosen.iter())),
        };
        return Err(ReviewError::TooFewAnnotators { found });
    }
    let empty = BTreeSet::new();
    let coders = Coders {
        chosen: &chosen,
        sets: chosen
            .iter()
            .map(|a| annotated.get(a).unwrap_or(&empty))
            .collect(),
    };
    let picked = match documents {
        Some(ids) => coders.named_documents(ids, min_coders)?,
        None => coders.all_documents(min_coders),
    };
    if picked.is_empty() {
        return Err(ReviewError::NoSharedDocuments {
            wanted: coders.wanted(min_coders),
            have: coders.have(),
        });
    }
    Ok(Selection {
        annotators: chosen,
        documents: picked,
    })
}

/// The annotators named, each once and in the order given, or else everyone who
/// annotated a document.
fn chosen_annotators(
    annotated: &BTreeMap<AnnotatorName, BTreeSet<DocumentId>>,
    annotators: Option<&[AnnotatorName]>,
) -> Result<Vec<AnnotatorName>, ReviewError> {
    let Some(names) = annotators else {
        // Someone with a folder but no file (their edits all undone) is no annotator.
        return Ok(annotated
            .iter()
            .filter(|(_, documents)| !documents.is_empty())
            .map(|(name, _)| name.clone())
            .collect());
    };
    let mut chosen: Vec<AnnotatorName> = Vec::new();
    for name in names {
        if !annotated.contains_key(name) {
            return Err(ReviewError::UnknownAnnotator {
                name: name.to_string(),
                known: list_or_none(annotated.keys()),
            });
        }
        if !chosen.contains(name) {
            chosen.push(name.clone());
        }
    }
    Ok(chosen)
}

/// The chosen annotators with the documents each annotated.
struct Coders<'a> {
    /// The annotators, in the selection's order.
    chosen: &'a [AnnotatorName],
    /// Each one's documents.
    sets: Vec<&'a BTreeSet<DocumentId>>,
}

impl Coders<'_> {
    /// Who of the chosen annotated `id`, as indices into `chosen`.
    fn of(&self, id: &DocumentId) -> Vec<usize> {
        (0..self.chosen.len())
            .filter(|&i| self.sets[i].contains(id))
            .collect()
    }

    /// The documents named, each with its annotators; refused where fewer than
    /// `min_coders` of the chosen annotated one.
    fn named_documents(
        &self,
        ids: &[DocumentId],
        min_coders: usize,
    ) -> Result<Vec<(DocumentId, Vec<usize>)>, ReviewError> {
        let chosen = self.chosen;
        let mut picked = Vec::new();
        for id in ids {
            let who = self.of(id);
            if who.len() < min_coders.max(1) {
                return Err(ReviewError::DocumentNotShared {
                    document: id.to_string(),
                    have: match who.as_slice() {
                        [] => "none of them".to_owned(),
                        [one] => format!("only {}", chosen[*one]),
                        _ => list_or_none(who.iter().map(|&i| &chosen[i])),
                    },
                    wanted: self.wanted(min_coders),
                });
            }
            picked.push((id.clone(), who));
        }
        picked.sort();
        picked.dedup();
        Ok(picked)
    }

    /// Every document at least `min_coders` of the chosen annotated, by id.
    fn all_documents(&self, min_coders: usize) -> Vec<(DocumentId, Vec<usize>)> {
        let all: BTreeSet<&DocumentId> = self.sets.iter().flat_map(|s| s.iter()).collect();
        all.into_iter()
            .map(|id| (id.clone(), self.of(id)))
            .filter(|(_, who)| who.len() >= min_coders.max(1))
            .collect()
    }

    /// Who a document needs to be annotated by, in words.
    fn wanted(&self, min: usize) -> String {
        let chosen = self.chosen;
        if min >= chosen.len() {
            if chosen.len() == 2 {
                format!("both {} and {}", chosen[0], chosen[1])
            } else {
                format!("all of {}", list_or_none(chosen.iter()))
            }
        } else if min == 1 {
            format!("any of {}", list_or_none(chosen.iter()))
        } else {
            format!("at least {min} of {}", list_or_none(chosen.iter()))
        }
    }

    /// How many documents each annotator has, in words.
    fn have(&self) -> String {
        self.chosen
            .iter()
            .zip(&self.sets)
            .map(|(a, s)| format!("{a}: {}", plural(s.len(), "document")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The names joined by commas, or `none`.
fn list_or_none<'a>(names: impl Iterator<Item = &'a AnnotatorName>) -> String {
    let names: Vec<&str> = names.map(AnnotatorName::as_str).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// `n` of `what`, in the plural unless one.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str) -> AnnotatorName {
        AnnotatorName::new(n).unwrap()
    }

    fn doc(d: &str) -> DocumentId {
        DocumentId::new(d).unwrap()
    }

    fn project(work: &[(&str, &[&str])]) -> BTreeMap<AnnotatorName, BTreeSet<DocumentId>> {
        work.iter()
            .map(|(a, ds)| (name(a), ds.iter().map(|d| doc(d)).collect()))
            .collect()
    }

    #[test]
    fn shared_and_partly_shared_documents() {
        let p = project(&[
            ("alice", &["d1", "d2", "d3"]),
            ("bob", &["d1", "d2"]),
            ("carol", &["d2", "d3", "d4"]),
        ]);
        let s = select(&p, None, None, 2, true).unwrap();
        assert_eq!(s.shared().collect::<Vec<_>>(), [&doc("d2")]);
        assert_eq!(
            s.documents,
            [
                (doc("d1"), vec![0, 1]),
                (doc("d2"), vec![0, 1, 2]),
                (doc("d3"), vec![0, 2])
            ]
        );
        let two = [name("bob"), name("alice")];
        let s = select(&p, Some(&two), None, 2, true).unwrap();
        assert_eq!(s.shared().count(), 2);
        assert_eq!(s.annotators, two);
    }

    #[test]
    fn annotators_who_share_no_document_all_together_are_still_compared() {
        let p = project(&[
            ("alice", &["d1", "d3"]),
            ("bob", &["d1", "d2"]),
            ("carol", &["d2", "d3"]),
        ]);
        let s = select(&p, None, None, 2, true).unwrap();
        assert_eq!(s.shared().count(), 0);
        assert_eq!(s.documents.len(), 3);
        // An annotator with no document is not chosen by default.
        let mut p = p;
        p.insert(name("dave"), BTreeSet::new());
        assert_eq!(select(&p, None, None, 2, true).unwrap().annotators.len(), 3);
    }

    #[test]
    fn errors_say_who_and_what_exists() {
        let p = project(&[("alice", &["d1"]), ("bob", &["d2"])]);
        let err = select(&p, None, None, 2, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no document is annotated by both alice and bob (alice: 1 document, bob: 1 document); choose annotators who share documents with --annotators, or have them annotate the same articles"
        );
        let err = select(&p, Some(&[name("alice"), name("eve")]), None, 2, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "there is no annotator “eve” in the project (annotators: alice, bob); check the spelling in --annotators"
        );
        let solo = project(&[("alice", &["d1"])]);
        assert_eq!(
            select(&solo, None, None, 2, true).unwrap_err().to_string(),
            "agreement needs at least two annotators, but the project has only alice; have a second person annotate the same articles (annotations/<name>/)"
        );
        let err = select(&p, None, Some(&[doc("d1")]), 2, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "document “d1” is annotated by only alice, not by both alice and bob; leave it out of --docs or choose other --annotators"
        );
        // A merge takes documents anyone annotated.
        let s = select(&p, None, None, 1, false).unwrap();
        assert_eq!(s.documents.len(), 2);
    }
}
