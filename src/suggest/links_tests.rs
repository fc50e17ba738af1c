//! Tests of link suggestions.

use super::*;
use crate::model::{AnnotatorName, NewSpan, Status};
use crate::suggest::test_docs::{doc, place};

/// `document` with `spans` (phrase, its occurrence, label) tagged, and `links`
/// between them by their index in `spans`.
fn coded(
    document: &Document,
    spans: &[(&str, usize, &str)],
    links: &[(usize, usize)],
) -> Annotations {
    let schema = Schema::default();
    let mut a = Annotations::new(document, AnnotatorName::new("alice").unwrap());
    let ids: Vec<SpanId> = spans
        .iter()
        .map(|&(phrase, nth, label)| {
            let (s, e) = place(document, phrase, nth);
            a.add_span(
                document,
                &schema,
                NewSpan::new(CharOffset(s), CharOffset(e), label),
            )
            .unwrap()
        })
        .collect();
    for &(from, to) in links {
        a.add_link(&schema, ids[from], ids[to]).unwrap();
    }
    a.status = Status::Done;
    a
}

fn trained(examples: &[(Document, Annotations)]) -> LinkSuggester {
    let mut suggester = LinkSuggester::new(&Schema::default());
    let sets: Vec<Vec<Annotations>> = examples.iter().map(|(_, a)| vec![a.clone()]).collect();
    let examples: Vec<Example<'_>> = examples
        .iter()
        .zip(&sets)
        .map(|((document, _), annotations)| Example {
            document,
            annotations,
        })
        .collect();
    suggester.train(&examples);
    suggester
}

/// The suggestions as (from text, label, to text).
fn said(annotations: &Annotations, suggested: &[LinkSuggestion]) -> Vec<(String, String, String)> {
    suggested
        .iter()
        .map(|s| {
            (
                annotations.span(s.from).unwrap().text.clone(),
                s.label.clone(),
                annotations.span(s.to).unwrap().text.clone(),
            )
        })
        .collect()
}

#[test]
fn a_tagged_statement_gets_its_two_links_offered_from_the_nearest_partners() {
    let learnt = doc("a", "Iran rejected the plan. Talks resumed later.");
    let learnt_coded = coded(
        &learnt,
        &[
            ("Iran", 0, "actor"),
            ("rejected", 0, "stance"),
            ("the plan", 0, "claim"),
        ],
        &[(0, 1), (1, 2)],
    );
    let suggester = trained(&[(learnt, learnt_coded)]);
    let new = doc(
        "b",
        "Kuwait watched. Iraq’s minister backed the deal and Qatar the levy. Oman said no.",
    );
    let tagged = coded(
        &new,
        &[
            ("Kuwait", 0, "actor"),
            ("Iraq’s minister", 0, "actor"),
            ("backed", 0, "stance"),
            ("the deal", 0, "claim"),
            ("the levy", 0, "claim"),
            ("Oman", 0, "actor"),
        ],
        &[],
    );
    let suggested = suggester.suggest(&new, &tagged);
    assert_eq!(
        said(&tagged, &suggested),
        [
            ("Iraq’s minister".into(), "holds".into(), "backed".into()),
            ("backed".into(), "about".into(), "the deal".into()),
        ],
        "the nearest in the sentence, on the side learnt; Kuwait and Oman are in others"
    );
    assert!(suggested.iter().all(|s| s.score == 1.0));
}

#[test]
fn the_side_is_learnt_and_a_linked_stance_is_left_alone() {
    // Quotes first: the speaker comes after the stance.
    let learnt = doc(
        "a",
        "Sanctions will fail, warned Kamali. Sanctions work, said Haddad.",
    );
    let learnt_coded = coded(
        &learnt,
        &[
            ("warned", 0, "stance"),
            ("Kamali", 0, "actor"),
            ("said", 0, "stance"),
            ("Haddad", 0, "actor"),
        ],
        &[(1, 0), (3, 2)],
    );
    let suggester = trained(&[(learnt, learnt_coded)]);
    let new = doc("b", "Amiri spoke first. Talks will go on, insisted Sadr.");
    let tagged = coded(
        &new,
        &[
            ("Amiri", 0, "actor"),
            ("insisted", 0, "stance"),
            ("Sadr", 0, "actor"),
        ],
        &[],
    );
    let suggested = suggester.suggest(&new, &tagged);
    assert_eq!(
        said(&tagged, &suggested),
        [("Sadr".into(), "holds".into(), "insisted".into())]
    );
    // Linked already: nothing more to offer; `about` was never seen linked.
    let linked = coded(
        &new,
        &[
            ("Amiri", 0, "actor"),
            ("insisted", 0, "stance"),
            ("Sadr", 0, "actor"),
        ],
        &[(2, 1)],
    );
    assert!(suggester.suggest(&new, &linked).is_empty());
}

#[test]
fn nothing_learnt_suggests_nothing() {
    let suggester = LinkSuggester::new(&Schema::default());
    let new = doc("b", "Iraq backed the deal.");
    let tagged = coded(
        &new,
        &[
            ("Iraq", 0, "actor"),
            ("backed", 0, "stance"),
            ("the deal", 0, "claim"),
        ],
        &[],
    );
    assert!(suggester.suggest(&new, &tagged).is_empty());
}
