//! Agreement on worked examples, and properties of the measures on random annotations.

use super::*;
use crate::review::align::tests::{TEXT, coded};
use proptest::prelude::*;

fn doc(id: &str) -> DocumentId {
    DocumentId::new(id).unwrap()
}

fn names(n: &[&str]) -> Vec<AnnotatorName> {
    n.iter().map(|a| AnnotatorName::new(a).unwrap()).collect()
}

const LABELS: [&str; 3] = ["actor", "stance", "claim"];

#[test]
fn two_annotators_by_hand() {
    // Tokens of TEXT: Iran ’s foreign minister Javad Zarif rejected new sanctions
    // on oil exports on Monday . — 15, with “Iran’s” cut at 4 by alice's actor.
    let alice = coded("alice", &[(0, 4, "actor", None), (24, 35, "actor", None)]);
    let bob = coded("bob", &[(0, 4, "actor", None), (24, 29, "actor", None)]);
    let mut agreement = Agreement::new(names(&["alice", "bob"]), &LABELS);
    agreement.add(&doc("d"), TEXT, &[Some(&alice), Some(&bob)]);
    let report = agreement.report();
    assert_eq!((report.documents, report.tokens), (1, 15));
    let actor = &report.pairs[0].labels["actor"];
    assert_eq!(
        (actor.exact.matched, actor.exact.only_a, actor.exact.only_b),
        (1, 1, 1)
    );
    assert_eq!(actor.exact.f1, Some(0.5));
    assert_eq!(actor.overlap.f1, Some(1.0));
    // Tokens inside an actor: alice Iran, Javad, Zarif; bob Iran, Javad.
    // Table: both 2, alice only 1, neither 12. A_o = 14/15,
    // A_e = (3/15)(2/15) + (12/15)(13/15) = 162/225; κ = (14/15 − 162/225) / (63/225).
    let kappa = (14.0 / 15.0 - 162.0 / 225.0) / (63.0 / 225.0);
    assert!((actor.cohen_kappa.unwrap() - kappa).abs() < 1e-12);
    // Labels nobody used: κ, F1, P and R undefined, never a perfect 1.
    let claim = &report.pairs[0].labels["claim"];
    assert_eq!((claim.cohen_kappa, claim.exact.f1), (None, None));
    assert_eq!((claim.exact.precision, claim.overlap.recall), (None, None));
    // No statements either: statement F1 is undefined, not 1.
    assert_eq!(report.pairs[0].statements.f1, None);
    assert_eq!((report.pairs[0].documents, report.pairs[0].tokens), (1, 15));
    assert_eq!(report.labels["actor"].fleiss_kappa, None, "two annotators");
    assert!(report.labels["actor"].krippendorff_alpha.unwrap() > 0.7);
    assert_eq!(report.per_document[0].exact_f1, Some(0.5));
    let table = report.to_table();
    assert!(
        table.contains("alice / bob on 1 document (15 tokens)"),
        "{table}"
    );
    assert!(table.starts_with("Agreement of alice, bob: 1 document shared by all (15 tokens)"));
    let claim_row = table
        .lines()
        .find(|l| l.starts_with("alice / bob") && l.contains(" claim "))
        .unwrap();
    assert!(
        claim_row.contains('—') && !claim_row.contains("1.000"),
        "{claim_row}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["pairs"][0]["labels"]["claim"]["exact"]["f1"].is_null());
}

#[test]
fn three_annotators_who_share_no_document_are_compared_pair_by_pair() {
    // alice and bob share d1, bob and carol d2, alice and carol d3; nobody has all.
    let alice = coded("alice", &[(0, 4, "actor", None)]);
    let other = coded("x", &[(24, 35, "actor", None)]);
    let mut agreement = Agreement::new(names(&["alice", "bob", "carol"]), &LABELS);
    agreement.add(&doc("d1"), TEXT, &[Some(&alice), Some(&alice), None]);
    agreement.add(&doc("d2"), TEXT, &[None, Some(&alice), Some(&other)]);
    agreement.add(&doc("d3"), TEXT, &[Some(&alice), None, Some(&alice)]);
    agreement.add(&doc("d4"), TEXT, &[Some(&alice), None, None]);
    let report = agreement.report();
    assert_eq!(report.documents, 0, "no document is shared by all three");
    assert_eq!(report.alpha_documents, 3);
    let by_pair: Vec<(&str, &str, usize, Option<f64>)> = report
        .pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str(), p.documents, p.overall.exact.f1))
        .collect();
    assert_eq!(
        by_pair,
        [
            ("alice", "bob", 1, Some(1.0)),
            ("alice", "carol", 1, Some(1.0)),
            ("bob", "carol", 1, Some(0.0)),
        ]
    );
    assert_eq!(report.pairs[0].overall.cohen_kappa, Some(1.0));
    assert!(report.overall.krippendorff_alpha.is_some());
    assert_eq!(
        report.overall.fleiss_kappa, None,
        "Fleiss' κ needs all three"
    );
    // Every document two annotated is listed, the disagreeing one first.
    let docs: Vec<&str> = report
        .per_document
        .iter()
        .map(|d| d.document.as_str())
        .collect();
    assert_eq!(docs, ["d2", "d1", "d3"]);
}

#[test]
fn a_skipped_document_is_missing_for_alpha_and_left_out_of_f1() {
    let alice = coded("alice", &[(0, 4, "actor", None)]);
    let bob = coded("bob", &[(0, 4, "actor", None)]);
    let carol = coded("carol", &[(24, 35, "actor", None)]);
    let mut agreement = Agreement::new(names(&["alice", "bob", "carol"]), &LABELS);
    agreement.add(&doc("all"), TEXT, &[Some(&alice), Some(&bob), Some(&alice)]);
    agreement.add(&doc("two"), TEXT, &[Some(&alice), None, Some(&carol)]);
    agreement.add(&doc("one"), TEXT, &[None, Some(&bob), None]);
    let report = agreement.report();
    assert_eq!(report.documents, 1);
    assert_eq!(report.alpha_documents, 2);
    assert_eq!(report.per_document.len(), 2);
    // alice and carol are compared on both documents they annotated.
    assert_eq!(report.pairs[1].documents, 2);
    assert_eq!(report.pairs.len(), 3);
    // Identical annotators on the shared document: everything perfect there.
    assert_eq!(report.labels["actor"].fleiss_kappa, Some(1.0));
    assert!(report.labels["actor"].krippendorff_alpha.unwrap() < 1.0);
}

#[test]
fn combining_parts_gives_the_same_report_as_one_pass_even_with_new_labels() {
    let alice = coded("alice", &[(0, 4, "actor", None), (24, 35, "claim", None)]);
    let mut bob = coded("bob", &[(0, 4, "actor", None), (24, 29, "claim", None)]);
    bob.spans[0].label = "speaker".into();
    let docs = ["d1", "d2", "d3"];
    let mut one = Agreement::new(names(&["alice", "bob"]), &LABELS);
    let mut parts = Vec::new();
    for (i, id) in docs.iter().enumerate() {
        let (a, b) = if i == 1 {
            (&bob, &alice)
        } else {
            (&alice, &alice)
        };
        one.add(&doc(id), TEXT, &[Some(a), Some(b)]);
        let mut part = Agreement::new(names(&["alice", "bob"]), &LABELS);
        part.add(&doc(id), TEXT, &[Some(a), Some(b)]);
        parts.push(part);
    }
    parts.reverse();
    let combined = Agreement::combine(parts).unwrap().report();
    let one = one.report();
    assert_eq!(combined.labels, one.labels);
    assert_eq!(combined.pairs, one.pairs);
    assert_eq!(combined.overall, one.overall);
    assert_eq!(combined.per_document, one.per_document);
    assert!(one.labels.contains_key("speaker"));
}

fn annotations_strategy(name: &'static str) -> impl Strategy<Value = Annotations> {
    proptest::collection::vec((0usize..80, 1usize..12, 0usize..3), 0..8).prop_map(move |v| {
        let spans: Vec<(usize, usize, &str, Option<&str>)> = v
            .into_iter()
            .map(|(s, l, k)| (s, (s + l).min(TEXT.chars().count()), LABELS[k], None))
            .filter(|(s, e, _, _)| s < e)
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let spans: Vec<_> = spans
            .into_iter()
            .filter(|(s, e, l, _)| seen.insert((*s, *e, *l)))
            .collect();
        coded(name, &spans)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn measures_in_range_symmetric_and_perfect_for_identical_annotators(
        a in annotations_strategy("alice"),
        b in annotations_strategy("bob"),
    ) {
        let mut ab = Agreement::new(names(&["alice", "bob"]), &LABELS);
        ab.add(&doc("d"), TEXT, &[Some(&a), Some(&b)]);
        let mut ba = Agreement::new(names(&["bob", "alice"]), &LABELS);
        ba.add(&doc("d"), TEXT, &[Some(&b), Some(&a)]);
        let (ab, ba) = (ab.report(), ba.report());
        for label in LABELS {
            let x = &ab.pairs[0].labels[label];
            let y = &ba.pairs[0].labels[label];
            prop_assert_eq!(x.exact.f1, y.exact.f1);
            prop_assert_eq!(x.overlap.f1, y.overlap.f1);
            prop_assert_eq!(x.exact.precision, y.exact.recall);
            for v in [x.exact.f1, x.overlap.f1, x.exact.precision, x.exact.recall].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&v));
            }
            let close = |p: Option<f64>, q: Option<f64>| match (p, q) {
                (Some(p), Some(q)) => (p - q).abs() < 1e-9,
                (p, q) => p == q,
            };
            prop_assert!(close(x.cohen_kappa, y.cohen_kappa));
            prop_assert!(close(ab.labels[label].krippendorff_alpha, ba.labels[label].krippendorff_alpha));
            for k in [x.cohen_kappa, ab.labels[label].krippendorff_alpha].into_iter().flatten() {
                prop_assert!((-1.0..=1.0 + 1e-12).contains(&k), "{}", k);
            }
        }
        let mut same = Agreement::new(names(&["alice", "bob", "carol"]), &LABELS);
        same.add(&doc("d"), TEXT, &[Some(&a), Some(&a), Some(&a)]);
        let same = same.report();
        for label in LABELS {
            let p = &same.pairs[0].labels[label];
            let used = a.spans.iter().any(|s| s.label == label);
            // Perfect where the label was used; undefined where nobody used it.
            prop_assert_eq!(p.exact.f1, used.then_some(1.0));
            prop_assert_eq!(p.overlap.f1, used.then_some(1.0));
            for k in [p.cohen_kappa, same.labels[label].krippendorff_alpha, same.labels[label].fleiss_kappa].into_iter().flatten() {
                prop_assert!((k - 1.0).abs() < 1e-12);
            }
        }
        prop_assert_eq!(same.per_document[0].exact_f1, (!a.spans.is_empty()).then_some(1.0));
    }
}
