//! Statements: who takes which stance on which claim, built from one document's
//! spans and links.
//!
//! A statement is a stance span with the actor that holds it (a `holds` link
//! actor → stance) and the claim it is about (an `about` link stance → claim), as in
//! “the foreign minister (actor) rejected (stance: oppose) new sanctions (claim)”.
//! Statements are not stored: they follow from the links, so they can never disagree
//! with them. A stance with two holders or two claims gives one statement per
//! (holder, claim) pair, which is how political-claims analysis counts them; a stance
//! without a holder or without a claim still gives a statement, marked incomplete, so
//! the analyst sees what is missing.

use super::annotations::Annotations;
use super::schema::{ABOUT, HOLDS, POLARITY, Schema};
use super::span::{Link, Span, SpanId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// Which labels play the actor, stance and claim parts of a statement in a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLabels {
    /// The label of holders: where the `holds` link type starts.
    pub actor: String,
    /// The label of stances: where `holds` ends and `about` starts.
    pub stance: String,
    /// The label of claims: where `about` ends.
    pub claim: String,
}

impl StatementLabels {
    /// The labels the schema's `holds` and `about` link types join; `actor`, `stance`
    /// and `claim` where a link type is missing. A project that renamed its labels
    /// (`speaker` —holds→ stance) still gets its statements.
    pub fn of(schema: &Schema) -> Self {
        let holds = schema.link_type(HOLDS);
        let about = schema.link_type(ABOUT);
        let name = |found: Option<&String>, default: &str| {
            found.cloned().unwrap_or_else(|| default.to_owned())
        };
        Self {
            actor: name(holds.map(|t| &t.from), "actor"),
            stance: name(
                holds.map(|t| &t.to).or_else(|| about.map(|t| &t.from)),
                "stance",
            ),
            claim: name(about.map(|t| &t.to), "claim"),
        }
    }
}

/// For or against: a stance's `polarity` attribute.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Polarity {
    /// `support`.
    Support,
    /// `oppose`.
    Oppose,
    /// `neutral`.
    Neutral,
    /// A value a project added to its schema, kept as written.
    Other(String),
}

impl Polarity {
    /// The polarity an attribute value names.
    pub fn from_value(value: &str) -> Self {
        match value {
            "support" => Polarity::Support,
            "oppose" => Polarity::Oppose,
            "neutral" => Polarity::Neutral,
            other => Polarity::Other(other.to_owned()),
        }
    }

    /// The polarity of a stance span, if it has one.
    pub fn of(span: &Span) -> Option<Self> {
        span.attributes
            .get(POLARITY)
            .map(|v| Polarity::from_value(v))
    }

    /// The value as stored: `support`, `oppose`, `neutral` or the project's own.
    pub fn as_str(&self) -> &str {
        match self {
            Polarity::Support => "support",
            Polarity::Oppose => "oppose",
            Polarity::Neutral => "neutral",
            Polarity::Other(value) => value,
        }
    }
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One statement: a stance with at most one holder and one claim. The ids refer to
/// the spans of the annotations it was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The stance span.
    pub stance: SpanId,
    /// The actor span that holds it, if one is linked.
    pub actor: Option<SpanId>,
    /// The claim span it is about, if one is linked.
    pub claim: Option<SpanId>,
    /// The stance's polarity, if set.
    pub polarity: Option<Polarity>,
}

impl Statement {
    /// True when it has both an actor and a claim. A missing polarity does not make a
    /// statement incomplete (it still says who and what) but shows in
    /// [`Statement::missing`].
    pub fn is_complete(&self) -> bool {
        self.actor.is_some() && self.claim.is_some()
    }

    /// What the statement lacks, for the statements panel and exports.
    pub fn missing(&self) -> Missing {
        Missing {
            actor: self.actor.is_none(),
            claim: self.claim.is_none(),
            polarity: self.polarity.is_none(),
        }
    }

    /// The spans of its parts in `annotations`: stance, actor, claim.
    pub fn spans<'a>(
        &self,
        annotations: &'a Annotations,
    ) -> (Option<&'a Span>, Option<&'a Span>, Option<&'a Span>) {
        (
            annotations.span(self.stance),
            self.actor.and_then(|id| annotations.span(id)),
            self.claim.and_then(|id| annotations.span(id)),
        )
    }
}

/// The parts a statement lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Missing {
    /// No actor holds the stance.
    pub actor: bool,
    /// The stance is about no claim.
    pub claim: bool,
    /// The stance has no polarity.
    pub polarity: bool,
}

impl Missing {
    /// True when nothing is missing.
    pub fn is_empty(&self) -> bool {
        !(self.actor || self.claim || self.polarity)
    }

    /// The missing parts' names, in the order actor, polarity, claim.
    pub fn names(&self) -> Vec<&'static str> {
        [
            (self.actor, "actor"),
            (self.polarity, "polarity"),
            (self.claim, "claim"),
        ]
        .into_iter()
        .filter(|(missing, _)| *missing)
        .map(|(_, name)| name)
        .collect()
    }
}

impl fmt::Display for Missing {
    /// `no actor, no claim`; empty when nothing is missing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.names().iter().map(|n| format!("no {n}")).collect();
        f.write_str(&parts.join(", "))
    }
}

/// Why a link was not used to build statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoredReason {
    /// The schema has no link type of that name.
    UnknownType,
    /// The link type joins other labels than the spans have.
    WrongLabels {
        /// The label the link type starts at.
        from: String,
        /// The label it ends at.
        to: String,
    },
    /// One end is a span that does not exist.
    MissingSpan(SpanId),
}

/// A link left out of the statements, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredLink {
    /// The link as stored.
    pub link: Link,
    /// Why it was left out.
    pub reason: IgnoredReason,
}

impl fmt::Display for IgnoredLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Link { from, to, label } = &self.link;
        match &self.reason {
            IgnoredReason::UnknownType => write!(
                f,
                "link {from}→{to}: the schema has no link type “{label}”; it is left out of the statements"
            ),
            IgnoredReason::WrongLabels { from: a, to: b } => write!(
                f,
                "link {from}→{to}: “{label}” joins {a} to {b}, which these spans are not; it is left out of the statements"
            ),
            IgnoredReason::MissingSpan(id) => write!(
                f,
                "link {from}→{to}: span {id} does not exist; it is left out of the statements"
            ),
        }
    }
}

/// Every statement of one annotator's annotations of one document, with what did not
/// fit into one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentStatements {
    /// Statements in document order of their stance; for one stance, by holder, then
    /// by claim, each in document order.
    pub statements: Vec<Statement>,
    /// Actor spans that hold no stance, in document order.
    pub unlinked_actors: Vec<SpanId>,
    /// Claim spans no stance is about, in document order.
    pub unlinked_claims: Vec<SpanId>,
    /// Links not used: unknown to the schema, between the wrong labels, or to a span
    /// that is gone.
    pub ignored_links: Vec<IgnoredLink>,
}

impl DocumentStatements {
    /// Builds the statements of `annotations` from their spans and their `holds` and
    /// `about` links, as `schema` defines them.
    pub fn build(annotations: &Annotations, schema: &Schema) -> Self {
        let labels = StatementLabels::of(schema);
        let position: HashMap<SpanId, usize> = annotations
            .spans
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let mut holders: BTreeMap<SpanId, Vec<SpanId>> = BTreeMap::new();
        let mut claims: BTreeMap<SpanId, Vec<SpanId>> = BTreeMap::new();
        let mut ignored_links = Vec::new();
        let mut seen = BTreeSet::new();
        for link in &annotations.links {
            if !seen.insert((link.from, link.to, link.label.as_str())) {
                continue;
            }
            let ignore = |reason| IgnoredLink {
                link: link.clone(),
                reason,
            };
            let Some(link_type) = schema.link_type(&link.label) else {
                ignored_links.push(ignore(IgnoredReason::UnknownType));
                continue;
            };
            let (from, to) = match (annotations.span(link.from), annotations.span(link.to)) {
                (Some(from), Some(to)) => (from, to),
                (None, _) => {
                    ignored_links.push(ignore(IgnoredReason::MissingSpan(link.from)));
                    continue;
                }
                (_, None) => {
                    ignored_links.push(ignore(IgnoredReason::MissingSpan(link.to)));
                    continue;
                }
            };
            if from.label != link_type.from || to.label != link_type.to {
                ignored_links.push(ignore(IgnoredReason::WrongLabels {
                    from: link_type.from.clone(),
                    to: link_type.to.clone(),
                }));
                continue;
            }
            // Only the two statement link types make statements; other link types a
            // project defines (coreference, say) are valid but play no part here.
            if link.label == HOLDS && to.label == labels.stance && from.label == labels.actor {
                holders.entry(to.id).or_default().push(from.id);
            } else if link.label == ABOUT && from.label == labels.stance && to.label == labels.claim
            {
                claims.entry(from.id).or_default().push(to.id);
            }
        }
        let in_order = |ids: &mut Vec<SpanId>| {
            ids.sort_by_key(|id| position.get(id).copied().unwrap_or(usize::MAX));
        };
        holders.values_mut().for_each(in_order);
        claims.values_mut().for_each(in_order);

        let mut statements = Vec::new();
        for stance in annotations
            .spans
            .iter()
            .filter(|s| s.label == labels.stance)
        {
            let polarity = Polarity::of(stance);
            let of = |map: &BTreeMap<SpanId, Vec<SpanId>>| -> Vec<Option<SpanId>> {
                match map.get(&stance.id) {
                    Some(ids) => ids.iter().copied().map(Some).collect(),
                    None => vec![None],
                }
            };
            for actor in of(&holders) {
                for claim in of(&claims) {
                    statements.push(Statement {
                        stance: stance.id,
                        actor,
                        claim,
                        polarity: polarity.clone(),
                    });
                }
            }
        }
        let linked_actors: BTreeSet<SpanId> = holders.values().flatten().copied().collect();
        let linked_claims: BTreeSet<SpanId> = claims.values().flatten().copied().collect();
        let unlinked = |label: &str, linked: &BTreeSet<SpanId>| -> Vec<SpanId> {
            annotations
                .spans
                .iter()
                .filter(|s| s.label == label && !linked.contains(&s.id))
                .map(|s| s.id)
                .collect()
        };
        Self {
            statements,
            unlinked_actors: unlinked(&labels.actor, &linked_actors),
            unlinked_claims: unlinked(&labels.claim, &linked_claims),
            ignored_links,
        }
    }

    /// The statements with both an actor and a claim.
    pub fn complete(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| s.is_complete())
    }

    /// The statements that lack an actor or a claim.
    pub fn incomplete(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| !s.is_complete())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotatorName, CharOffset, Document, NewSpan};

    /// Tags each `(phrase, label)` at the phrase's first place in `text`; a stance's
    /// label may carry its polarity as `stance:oppose`.
    fn tagged(text: &str, parts: &[(&str, &str)]) -> (Annotations, Vec<SpanId>) {
        let d = Document::from_text(text);
        let schema = Schema::default();
        let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
        let mut ids = Vec::new();
        for (phrase, label) in parts {
            let byte = text.find(phrase).unwrap();
            let start = text[..byte].chars().count();
            let end = start + phrase.chars().count();
            let (label, polarity) = label.split_once(':').unwrap_or((label, ""));
            let mut new = NewSpan::new(CharOffset(start), CharOffset(end), label);
            if !polarity.is_empty() {
                new.attributes.insert(POLARITY.into(), polarity.into());
            }
            ids.push(a.add_span(&d, &schema, new).unwrap());
        }
        (a, ids)
    }

    fn link(a: &mut Annotations, from: SpanId, to: SpanId) {
        a.add_link(&Schema::default(), from, to).unwrap();
    }

    fn statement(
        stance: SpanId,
        actor: Option<SpanId>,
        claim: Option<SpanId>,
        polarity: Option<Polarity>,
    ) -> Statement {
        Statement {
            stance,
            actor,
            claim,
            polarity,
        }
    }

    #[test]
    fn a_chain_is_one_complete_statement() {
        let (mut a, ids) = tagged(
            "The foreign minister rejected new sanctions on oil exports.",
            &[
                ("foreign minister", "actor"),
                ("rejected", "stance:oppose"),
                ("new sanctions on oil exports", "claim"),
            ],
        );
        link(&mut a, ids[0], ids[1]);
        link(&mut a, ids[1], ids[2]);
        let built = DocumentStatements::build(&a, &Schema::default());
        assert_eq!(
            built.statements,
            [statement(
                ids[1],
                Some(ids[0]),
                Some(ids[2]),
                Some(Polarity::Oppose)
            )]
        );
        assert!(built.statements[0].is_complete());
        assert!(built.statements[0].missing().is_empty());
        assert!(built.unlinked_actors.is_empty() && built.unlinked_claims.is_empty());
        assert!(built.ignored_links.is_empty());
        let (stance, actor, claim) = built.statements[0].spans(&a);
        assert_eq!(
            (stance.unwrap().text.as_str(), actor.unwrap().text.as_str()),
            ("rejected", "foreign minister")
        );
        assert_eq!(claim.unwrap().text, "new sanctions on oil exports");
    }

    #[test]
    fn missing_parts_give_incomplete_statements_that_say_what_is_missing() {
        let (mut a, ids) = tagged(
            "Tehran welcomed talks. Riyadh opposed a deal. Critics said the truce would fail. Oil prices rose.",
            &[
                ("Tehran", "actor"),
                ("welcomed", "stance:support"),
                ("opposed", "stance:oppose"),
                ("a deal", "claim"),
                ("said", "stance"),
                ("Oil prices", "actor"),
                ("the truce would fail", "claim"),
            ],
        );
        link(&mut a, ids[0], ids[1]); // Tehran holds welcomed, about nothing
        link(&mut a, ids[2], ids[3]); // opposed a deal, held by no one
        let built = DocumentStatements::build(&a, &Schema::default());
        assert_eq!(
            built.statements,
            [
                statement(ids[1], Some(ids[0]), None, Some(Polarity::Support)),
                statement(ids[2], None, Some(ids[3]), Some(Polarity::Oppose)),
                statement(ids[4], None, None, None),
            ]
        );
        assert_eq!(built.complete().count(), 0);
        assert_eq!(built.incomplete().count(), 3);
        let missing: Vec<String> = built
            .statements
            .iter()
            .map(|s| s.missing().to_string())
            .collect();
        assert_eq!(
            missing,
            ["no claim", "no actor", "no actor, no polarity, no claim"]
        );
        assert_eq!(built.unlinked_actors, [ids[5]]);
        assert_eq!(built.unlinked_claims, [ids[6]]);
    }

    #[test]
    fn two_holders_and_two_claims_give_one_statement_per_pair() {
        let (mut a, ids) = tagged(
            "Iran and Iraq rejected the sanctions and the embargo.",
            &[
                ("Iran", "actor"),
                ("Iraq", "actor"),
                ("rejected", "stance:oppose"),
                ("the sanctions", "claim"),
                ("the embargo", "claim"),
            ],
        );
        // Linked out of document order: the statements still come in it.
        link(&mut a, ids[1], ids[2]);
        link(&mut a, ids[0], ids[2]);
        link(&mut a, ids[2], ids[4]);
        link(&mut a, ids[2], ids[3]);
        let built = DocumentStatements::build(&a, &Schema::default());
        let pairs: Vec<(Option<SpanId>, Option<SpanId>)> = built
            .statements
            .iter()
            .map(|s| (s.actor, s.claim))
            .collect();
        assert_eq!(
            pairs,
            [
                (Some(ids[0]), Some(ids[3])),
                (Some(ids[0]), Some(ids[4])),
                (Some(ids[1]), Some(ids[3])),
                (Some(ids[1]), Some(ids[4])),
            ]
        );
        assert!(built.statements.iter().all(|s| s.stance == ids[2]));
    }

    #[test]
    fn a_claim_shared_by_two_stances_is_in_both_statements() {
        let (mut a, ids) = tagged(
            "Qatar backed the truce while Bahrain condemned it as a ploy.",
            &[
                ("Qatar", "actor"),
                ("backed", "stance:support"),
                ("the truce", "claim"),
                ("Bahrain", "actor"),
                ("condemned", "stance:oppose"),
            ],
        );
        link(&mut a, ids[0], ids[1]);
        link(&mut a, ids[1], ids[2]);
        link(&mut a, ids[3], ids[4]);
        link(&mut a, ids[4], ids[2]);
        let built = DocumentStatements::build(&a, &Schema::default());
        assert_eq!(
            built.statements,
            [
                statement(ids[1], Some(ids[0]), Some(ids[2]), Some(Polarity::Support)),
                statement(ids[4], Some(ids[3]), Some(ids[2]), Some(Polarity::Oppose)),
            ]
        );
    }

    #[test]
    fn links_the_schema_does_not_know_are_left_out_and_named() {
        let (mut a, ids) = tagged(
            "Oman urged restraint on the border.",
            &[
                ("Oman", "actor"),
                ("urged", "stance:support"),
                ("restraint on the border", "claim"),
            ],
        );
        let raw = |from: SpanId, to: SpanId, label: &str| Link {
            from,
            to,
            label: label.into(),
        };
        a.links = vec![
            raw(ids[0], ids[1], "supports"),  // not a link type
            raw(ids[1], ids[0], "holds"),     // backwards
            raw(ids[1], SpanId(99), "about"), // to a span that is gone
            raw(ids[1], ids[2], "about"),     // fine
            raw(ids[1], ids[2], "about"),     // the same again, hand-edited
        ];
        let built = DocumentStatements::build(&a, &Schema::default());
        assert_eq!(
            built.statements,
            [statement(
                ids[1],
                None,
                Some(ids[2]),
                Some(Polarity::Support)
            )]
        );
        assert_eq!(built.unlinked_actors, [ids[0]]);
        let reasons: Vec<String> = built
            .ignored_links
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            reasons,
            [
                "link 1→2: the schema has no link type “supports”; it is left out of the statements",
                "link 2→1: “holds” joins actor to stance, which these spans are not; it is left out of the statements",
                "link 2→99: span 99 does not exist; it is left out of the statements",
            ]
        );
    }

    proptest::proptest! {
        /// Whatever spans and links there are, each stance makes max(1, holders) ×
        /// max(1, claims) statements, each statement's parts are linked as it says,
        /// and every actor is either a holder or listed as unlinked.
        #[test]
        fn statements_account_for_every_stance_and_actor(
            spans in proptest::collection::vec((0usize..40, 1usize..6, 0usize..3), 1..20),
            links in proptest::collection::vec((0usize..20, 0usize..20), 0..30),
        ) {
            let text = "abcdefghij klmnopqrst uvwxyzabcd efghijklmn";
            let d = Document::from_text(text);
            let schema = Schema::default();
            let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
            for (start, len, label) in spans {
                let label = ["actor", "stance", "claim"][label];
                let _ = a.add_span(&d, &schema, NewSpan::new(CharOffset(start), CharOffset(start + len), label));
            }
            let ids: Vec<SpanId> = a.spans.iter().map(|s| s.id).collect();
            for (from, to) in links {
                if let (Some(&from), Some(&to)) = (ids.get(from), ids.get(to)) {
                    let _ = a.add_link(&schema, from, to);
                }
            }
            let built = DocumentStatements::build(&a, &schema);
            let linked = |from: SpanId, to: SpanId| a.links.iter().any(|l| l.from == from && l.to == to);
            for stance in a.spans.iter().filter(|s| s.label == "stance") {
                let holders = a.spans.iter().filter(|s| s.label == "actor" && linked(s.id, stance.id)).count();
                let claims = a.spans.iter().filter(|s| s.label == "claim" && linked(stance.id, s.id)).count();
                let made = built.statements.iter().filter(|s| s.stance == stance.id).count();
                proptest::prop_assert_eq!(made, holders.max(1) * claims.max(1));
            }
            for s in &built.statements {
                proptest::prop_assert!(s.actor.is_none_or(|actor| linked(actor, s.stance)));
                proptest::prop_assert!(s.claim.is_none_or(|claim| linked(s.stance, claim)));
            }
            for actor in a.spans.iter().filter(|s| s.label == "actor") {
                let holds = built.statements.iter().any(|s| s.actor == Some(actor.id));
                proptest::prop_assert_eq!(holds, !built.unlinked_actors.contains(&actor.id));
            }
            proptest::prop_assert!(built.ignored_links.is_empty());
        }
    }

    #[test]
    fn renamed_labels_follow_the_link_types_and_other_polarities_are_kept() {
        let mut schema = Schema::default();
        schema.labels[0].name = "speaker".into();
        schema.link_types[0].from = "speaker".into();
        schema.labels[1].attributes[0].values.push("mixed".into());
        let labels = StatementLabels::of(&schema);
        assert_eq!(
            (
                labels.actor.as_str(),
                labels.stance.as_str(),
                labels.claim.as_str()
            ),
            ("speaker", "stance", "claim")
        );
        let text = "The envoy hedged on the ceasefire.";
        let d = Document::from_text(text);
        let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
        let speaker = a
            .add_span(
                &d,
                &schema,
                NewSpan::new(CharOffset(4), CharOffset(9), "speaker"),
            )
            .unwrap();
        let mut hedged = NewSpan::new(CharOffset(10), CharOffset(16), "stance");
        hedged.attributes.insert(POLARITY.into(), "mixed".into());
        let stance = a.add_span(&d, &schema, hedged).unwrap();
        a.add_link(&schema, speaker, stance).unwrap();
        let built = DocumentStatements::build(&a, &schema);
        assert_eq!(
            built.statements,
            [statement(
                stance,
                Some(speaker),
                None,
                Some(Polarity::Other("mixed".into()))
            )]
        );
        assert_eq!(
            built.statements[0].polarity.as_ref().unwrap().as_str(),
            "mixed"
        );
    }
}
