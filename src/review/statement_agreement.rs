//! Statement-level agreement between two annotators on one document.
//!
//! Two statements match when their [`StatementKey`]s are equal: the same actor
//! (entity, or the same words when there is none), the same polarity and the same
//! claim (category, or the same words). Span offsets do not matter: annotators who
//! mark “the foreign minister” and “foreign minister” for the same entity agree on
//! the statement. Each statement matches at most one of the other side, so an actor
//! who says the same thing twice must be found twice.
//!
//! Only complete statements (with actor and claim) are compared; incomplete ones are
//! counted per side, as they are unfinished work rather than a different reading.

use crate::model::StatementKey;
use crate::model::{Annotations, DocumentStatements, Registry, Schema, Statement};
use std::collections::HashMap;
use std::ops::AddAssign;

/// Matched and unmatched statement counts, summed over documents for a project total
/// (micro-averaged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatementCounts {
    /// Statements both annotators have.
    pub matched: usize,
    /// Statements only the first annotator (A) has.
    pub only_a: usize,
    /// Statements only the second annotator (B) has.
    pub only_b: usize,
}

impl StatementCounts {
    /// B's statements that A has too, with A as the reference: matched / (matched +
    /// only B). `None` when B has none.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.matched + self.only_b)
    }

    /// A's statements that B found: matched / (matched + only A). `None` when A has
    /// none.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.matched + self.only_a)
    }

    /// The harmonic mean of the two, 2·matched / (2·matched + only A + only B); the
    /// same whichever annotator is A. `None` when neither has a statement.
    pub fn f1(&self) -> Option<f64> {
        ratio(
            2 * self.matched,
            2 * self.matched + self.only_a + self.only_b,
        )
    }
}

impl AddAssign for StatementCounts {
    fn add_assign(&mut self, other: Self) {
        self.matched += other.matched;
        self.only_a += other.only_a;
        self.only_b += other.only_b;
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A statement one annotator has and the other does not, for review mode to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The statement; its span ids refer to that annotator's annotations.
    pub statement: Statement,
    /// What it says.
    pub key: StatementKey,
}

/// How two annotators' statements on one document compare.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatementAgreement {
    /// The counts behind precision, recall and F1.
    pub counts: StatementCounts,
    /// Matched pairs: A's statement, then B's.
    pub matched: Vec<(Statement, Statement)>,
    /// A's statements that B lacks, in A's document order.
    pub only_a: Vec<Unmatched>,
    /// B's statements that A lacks, in B's document order.
    pub only_b: Vec<Unmatched>,
    /// A's incomplete statements, not compared.
    pub incomplete_a: usize,
    /// B's incomplete statements, not compared.
    pub incomplete_b: usize,
}

/// Compares A's and B's statements on one document (both annotations of the same
/// document, under one schema and registry).
pub fn compare_statements(
    a: &Annotations,
    b: &Annotations,
    schema: &Schema,
    registry: &Registry,
) -> StatementAgreement {
    let built_a = DocumentStatements::build(a, schema);
    let built_b = DocumentStatements::build(b, schema);
    let keyed = |built: &DocumentStatements, annotations: &Annotations| -> Vec<Unmatched> {
        built
            .complete()
            .map(|s| Unmatched {
                statement: s.clone(),
                key: StatementKey::of(s, annotations, registry),
            })
            .collect()
    };
    let from_a = keyed(&built_a, a);
    let from_b = keyed(&built_b, b);
    // B's statements by key, each list in document order, taken from the front so
    // that matching pairs up the first with the first.
    let mut waiting: HashMap<&StatementKey, std::collections::VecDeque<usize>> = HashMap::new();
    for (i, s) in from_b.iter().enumerate() {
        waiting.entry(&s.key).or_default().push_back(i);
    }
    let mut taken = vec![false; from_b.len()];
    let mut result = StatementAgreement {
        incomplete_a: built_a.incomplete().count(),
        incomplete_b: built_b.incomplete().count(),
        ..StatementAgreement::default()
    };
    for s in &from_a {
        match waiting.get_mut(&s.key).and_then(|q| q.pop_front()) {
            Some(j) => {
                taken[j] = true;
                result
                    .matched
                    .push((s.statement.clone(), from_b[j].statement.clone()));
            }
            None => result.only_a.push(s.clone()),
        }
    }
    result.only_b = from_b
        .iter()
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .map(|(s, _)| s.clone())
        .collect();
    result.counts = StatementCounts {
        matched: result.matched.len(),
        only_a: result.only_a.len(),
        only_b: result.only_b.len(),
    };
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{CATEGORY, ENTITY, POLARITY};
    use crate::model::{AnnotatorName, CharOffset, Document, EntityKind, NewSpan, SpanId};

    const TEXT: &str = "Tehran’s foreign ministry rejected new oil sanctions, and Iran’s \
                        foreign ministry again rejected new oil sanctions. Riyadh backed the truce.";

    /// A phrase, which occurrence of it, and an attribute to set.
    type Part<'a> = (&'a str, usize, Option<(&'a str, &'a str)>);

    struct Tagger {
        d: Document,
        a: Annotations,
    }

    impl Tagger {
        fn new(who: &str) -> Self {
            let d = Document::from_text(TEXT);
            let a = Annotations::new(&d, AnnotatorName::new(who).unwrap());
            Self { d, a }
        }

        /// Tags the `nth` (from 0) occurrence of `phrase`.
        fn tag(
            &mut self,
            phrase: &str,
            nth: usize,
            label: &str,
            attr: Option<(&str, &str)>,
        ) -> SpanId {
            let byte = TEXT.match_indices(phrase).nth(nth).unwrap().0;
            let start = TEXT[..byte].chars().count();
            let mut new = NewSpan::new(
                CharOffset(start),
                CharOffset(start + phrase.chars().count()),
                label,
            );
            if let Some((k, v)) = attr {
                new.attributes.insert(k.into(), v.into());
            }
            self.a.add_span(&self.d, &Schema::default(), new).unwrap()
        }

        fn statement(&mut self, parts: [Part<'_>; 3]) {
            let actor = self.tag(parts[0].0, parts[0].1, "actor", parts[0].2);
            let stance = self.tag(parts[1].0, parts[1].1, "stance", parts[1].2);
            let claim = self.tag(parts[2].0, parts[2].1, "claim", parts[2].2);
            let schema = Schema::default();
            self.a.add_link(&schema, actor, stance).unwrap();
            self.a.add_link(&schema, stance, claim).unwrap();
        }
    }

    fn registry() -> Registry {
        let mut r = Registry::default();
        r.add_entity("Iran Foreign Ministry", EntityKind::Organisation)
            .unwrap();
        r.add_category("Oil sanctions", None).unwrap();
        r
    }

    const OPPOSE: Option<(&str, &str)> = Some((POLARITY, "oppose"));
    const SUPPORT: Option<(&str, &str)> = Some((POLARITY, "support"));
    const MINISTRY: Option<(&str, &str)> = Some((ENTITY, "iran-foreign-ministry"));
    const OIL: Option<(&str, &str)> = Some((CATEGORY, "oil-sanctions"));

    #[test]
    fn same_entity_polarity_and_category_match_whatever_the_words() {
        let mut alice = Tagger::new("alice");
        alice.statement([
            ("Tehran’s foreign ministry", 0, MINISTRY),
            ("rejected", 0, OPPOSE),
            ("new oil sanctions", 0, OIL),
        ]);
        alice.statement([
            ("Riyadh", 0, None),
            ("backed", 0, SUPPORT),
            ("the truce", 0, None),
        ]);
        let mut bob = Tagger::new("bob");
        // Other words, same entity and category: a match.
        bob.statement([
            ("foreign ministry", 0, MINISTRY),
            ("rejected", 0, OPPOSE),
            ("oil sanctions", 0, OIL),
        ]);
        // Same text without registry entries, opposite polarity: no match.
        bob.statement([
            ("Riyadh", 0, None),
            ("backed", 0, OPPOSE),
            ("the truce", 0, None),
        ]);
        // A stance without a claim is not compared.
        let stance = bob.tag("rejected", 1, "stance", OPPOSE);
        let _ = stance;
        let r = registry();
        let result = compare_statements(&alice.a, &bob.a, &Schema::default(), &r);
        assert_eq!(
            result.counts,
            StatementCounts {
                matched: 1,
                only_a: 1,
                only_b: 1
            }
        );
        assert_eq!(
            result.only_a[0].key.to_string(),
            "“riyadh” —support→ “the truce”"
        );
        assert_eq!(
            result.only_b[0].key.to_string(),
            "“riyadh” —oppose→ “the truce”"
        );
        assert_eq!((result.incomplete_a, result.incomplete_b), (0, 1));
        assert_eq!(result.counts.precision(), Some(0.5));
        assert_eq!(result.counts.recall(), Some(0.5));
        assert_eq!(result.counts.f1(), Some(0.5));
    }

    #[test]
    fn a_statement_made_twice_must_be_found_twice() {
        let mut alice = Tagger::new("alice");
        for nth in [0, 1] {
            alice.statement([
                ("foreign ministry", nth, MINISTRY),
                ("rejected", nth, OPPOSE),
                ("new oil sanctions", nth, OIL),
            ]);
        }
        let mut bob = Tagger::new("bob");
        bob.statement([
            ("foreign ministry", 1, MINISTRY),
            ("rejected", 1, OPPOSE),
            ("new oil sanctions", 1, OIL),
        ]);
        let r = registry();
        let result = compare_statements(&alice.a, &bob.a, &Schema::default(), &r);
        assert_eq!(
            result.counts,
            StatementCounts {
                matched: 1,
                only_a: 1,
                only_b: 0
            }
        );
        assert_eq!(result.counts.precision(), Some(1.0));
        assert_eq!(result.counts.recall(), Some(0.5));
        let f1 = result.counts.f1().unwrap();
        assert!((f1 - 2.0 / 3.0).abs() < 1e-12, "{f1}");
        // The first of A's is paired with B's one; the second is left over.
        assert_eq!(
            result.only_a[0].statement.stance,
            alice
                .a
                .spans
                .iter()
                .filter(|s| s.label == "stance")
                .nth(1)
                .unwrap()
                .id
        );
    }

    #[test]
    fn nothing_to_compare_has_no_score_and_totals_add_up() {
        let alice = Tagger::new("alice");
        let bob = Tagger::new("bob");
        let result = compare_statements(&alice.a, &bob.a, &Schema::default(), &registry());
        assert_eq!(result.counts, StatementCounts::default());
        assert_eq!(result.counts.f1(), None);
        assert_eq!(result.counts.precision(), None);
        let mut total = StatementCounts::default();
        total += StatementCounts {
            matched: 2,
            only_a: 1,
            only_b: 0,
        };
        total += StatementCounts {
            matched: 0,
            only_a: 0,
            only_b: 3,
        };
        assert_eq!(
            total,
            StatementCounts {
                matched: 2,
                only_a: 1,
                only_b: 3
            }
        );
        assert_eq!(total.f1(), Some(4.0 / 8.0));
    }
}
