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
        let links = StatementLinks::read(annotations, schema, &labels);
        let linked_actors: BTreeSet<SpanId> = links.holders.values().flatten().copied().collect();
        let linked_claims: BTreeSet<SpanId> = links.claims.values().flatten().copied().collect();
        let unlinked = |label: &str, linked: &BTreeSet<SpanId>| -> Vec<SpanId> {
            annotations
                .spans
                .iter()
                .filter(|s| s.label == label && !linked.contains(&s.id))
                .map(|s| s.id)
                .collect()
        };
        Self {
            statements: links.statements(annotations, &labels),
            unlinked_actors: unlinked(&labels.actor, &linked_actors),
            unlinked_claims: unlinked(&labels.claim, &linked_claims),
            ignored_links: links.ignored,
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

/// The `holds` and `about` links of one annotator's document, each stance's
/// holders and claims in document order.
struct StatementLinks {
    /// Each stance's actors.
    holders: BTreeMap<SpanId, Vec<SpanId>>,
    /// Each stance's claims.
    claims: BTreeMap<SpanId, Vec<SpanId>>,
    /// Links not used, and why.
    ignored: Vec<IgnoredLink>,
}

impl StatementLinks {
    /// Sorts the links of `annotations` (each counted once) into holders, claims
    /// and links that make no statement.
    fn read(annotations: &Annotations, schema: &Schema, labels: &StatementLabels) -> Self {
        let mut links = StatementLinks {
            holders: BTreeMap::new(),
            claims: BTreeMap::new(),
            ignored: Vec::new(),
        };
        let mut seen = BTreeSet::new();
        for link in &annotations.links {
            if !seen.insert((link.from, link.to, link.label.as_str())) {
                continue;
            }
            let (from, to) = match fitting_ends(annotations, schema, link) {
                Ok(ends) => ends,
                Err(reason) => {
                    links.ignored.push(IgnoredLink {
                        link: link.clone(),
                        reason,
                    });
                    continue;
                }
            };
            // Only the two statement link types make statements; other link types a
            // project defines (coreference, say) are valid but play no part here.
            if link.label == HOLDS && to.label == labels.stance && from.label == labels.actor {
                links.holders.entry(to.id).or_default().push(from.id);
            } else if link.label == ABOUT && from.label == labels.stance && to.label == labels.claim
            {
                links.claims.entry(from.id).or_default().push(to.id);
            }
        }
        let position: HashMap<SpanId, usize> = annotations
            .spans
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let in_order = |ids: &mut Vec<SpanId>| {
            ids.sort_by_key(|id| position.get(id).copied().unwrap_or(usize::MAX));
        };
        links.holders.values_mut().for_each(in_order);
        links.claims.values_mut().for_each(in_order);
        links
    }

    /// One statement for each holder × claim of each stance (a missing one as
    /// `None`), stances in document order.
    fn statements(&self, annotations: &Annotations, labels: &StatementLabels) -> Vec<Statement> {
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
            for actor in of(&self.holders) {
                for claim in of(&self.claims) {
                    statements.push(Statement {
                        stance: stance.id,
                        actor,
                        claim,
                        polarity: polarity.clone(),
                    });
                }
            }
        }
        statements
    }
}

/// The two spans `link` joins, when its type is in the schema, both are there and
/// their labels are the ones its type joins; else why it is left out.
fn fitting_ends<'a>(
    annotations: &'a Annotations,
    schema: &Schema,
    link: &Link,
) -> Result<(&'a Span, &'a Span), IgnoredReason> {
    let Some(link_type) = schema.link_type(&link.label) else {
        return Err(IgnoredReason::UnknownType);
    };
    let (from, to) = match (annotations.span(link.from), annotations.span(link.to)) {
        (Some(from), Some(to)) => (from, to),
        (None, _) => return Err(IgnoredReason::MissingSpan(link.from)),
        (_, None) => return Err(IgnoredReason::MissingSpan(link.to)),
    };
    if from.label != link_type.from || to.label != link_type.to {
        return Err(IgnoredReason::WrongLabels {
            from: link_type.from.clone(),
            to: link_type.to.clone(),
        });
    }
    Ok((from, to))
}

#[cfg(test)]
#[path = "statement_tests.rs"]
mod tests;
