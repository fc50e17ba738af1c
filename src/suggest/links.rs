//! Link suggestions: `holds` (an actor and the stance of its clause) and `about` (a
//! stance and the claim it governs), from where the partners of the project's linked
//! statements were.
//!
//! Every link type that has the stance label at one end is learnt as a side: in how
//! many of the done documents' links of that type the partner (the actor for
//! `holds`, the claim for `about`) stood before the stance, and how many were inside
//! one sentence. A stance without a link of that type is then offered the nearest
//! span of the partner's label in its sentence, on the side learnt (the other side
//! when that one has none). Its score is the share of learnt links that were in one
//! sentence on that side. A link type never seen linked is not suggested.
//!
//! So once an actor, a stance and a claim are tagged (or accepted), the statement's
//! two links are offered in turn, each accepted with a key.

use super::Example;
use crate::model::tokens::sentences;
use crate::model::{Annotations, CharOffset, Document, Schema, Span, SpanId, StatementLabels};

/// A link offered between two spans the annotations have.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSuggestion {
    /// The span it starts at.
    pub from: SpanId,
    /// The span it ends at.
    pub to: SpanId,
    /// The link type.
    pub label: String,
    /// The share of learnt links that were like it, from 0 to 1.
    pub score: f32,
}

/// What was learnt of one link type.
#[derive(Debug, Clone, PartialEq)]
struct Side {
    link: String,
    /// The partner's label.
    partner: String,
    /// True when the stance is where the link starts (`about`).
    stance_first: bool,
    /// Links learnt.
    seen: u32,
    /// Of them, with the partner before the stance, inside one sentence.
    before: u32,
    /// Of them, with the partner after the stance, inside one sentence.
    after: u32,
}

/// Learns where the partners of stances stand; see the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSuggester {
    stance: String,
    sides: Vec<Side>,
}

impl LinkSuggester {
    /// A suggester for the link types of `schema` that have the stance label at one
    /// end; it suggests nothing until trained.
    pub fn new(schema: &Schema) -> Self {
        let stance = StatementLabels::of(schema).stance;
        let sides = schema
            .link_types
            .iter()
            .filter_map(|t| {
                let (partner, stance_first) = if t.to == stance {
                    (t.from.clone(), false)
                } else if t.from == stance {
                    (t.to.clone(), true)
                } else {
                    return None;
                };
                Some(Side {
                    link: t.name.clone(),
                    partner,
                    stance_first,
                    seen: 0,
                    before: 0,
                    after: 0,
                })
            })
            .collect();
        Self { stance, sides }
    }

    /// Learns from the links of `examples`, forgetting what it learnt before.
    pub fn train(&mut self, examples: &[Example<'_>]) {
        for side in &mut self.sides {
            side.seen = 0;
            side.before = 0;
            side.after = 0;
        }
        for example in examples {
            let bounds = sentences(example.document.text());
            for annotations in example.annotations {
                for link in &annotations.links {
                    let (Some(from), Some(to)) =
                        (annotations.span(link.from), annotations.span(link.to))
                    else {
                        continue;
                    };
                    let Some(side) = self.sides.iter_mut().find(|s| {
                        s.link == link.label
                            && (if s.stance_first {
                                &to.label
                            } else {
                                &from.label
                            }) == &s.partner
                    }) else {
                        continue;
                    };
                    let (stance, partner) = if side.stance_first {
                        (from, to)
                    } else {
                        (to, from)
                    };
                    side.seen += 1;
                    if sentence_of(&bounds, stance) == sentence_of(&bounds, partner) {
                        if partner.start < stance.start {
                            side.before += 1;
                        } else {
                            side.after += 1;
                        }
                    }
                }
            }
        }
    }

    /// The links offered in `annotations` of `document`: for each stance without a
    /// link of a learnt type, the nearest partner in its sentence. A stance that has
    /// such a link is left alone, as is a partner another stance's link of the type
    /// already has on the same side (an actor may hold several stances; a claim is
    /// the object of several): only the stance end is one to one.
    pub fn suggest(&self, document: &Document, annotations: &Annotations) -> Vec<LinkSuggestion> {
        let bounds = sentences(document.text());
        let mut out = Vec::new();
        for side in self.sides.iter().filter(|s| s.seen > 0) {
            let partners: Vec<&Span> = annotations
                .spans
                .iter()
                .filter(|s| s.label == side.partner)
                .collect();
            for stance in annotations.spans.iter().filter(|s| s.label == self.stance) {
                let linked = annotations.links.iter().any(|l| {
                    l.label == side.link
                        && (if side.stance_first { l.from } else { l.to }) == stance.id
                });
                if linked {
                    continue;
                }
                let here = sentence_of(&bounds, stance);
                let nearest = |before: bool| {
                    partners
                        .iter()
                        .filter(|p| sentence_of(&bounds, p) == here && p.id != stance.id)
                        .filter(|p| (p.start < stance.start) == before)
                        .min_by_key(|p| p.start.0.abs_diff(stance.start.0))
                        .copied()
                };
                let prefer_before = side.before >= side.after;
                let (partner, count) = match nearest(prefer_before) {
                    Some(p) => (p, side.before.max(side.after)),
                    None => match nearest(!prefer_before) {
                        Some(p) => (p, side.before.min(side.after)),
                        None => continue,
                    },
                };
                if count == 0 {
                    continue;
                }
                let (from, to) = if side.stance_first {
                    (stance.id, partner.id)
                } else {
                    (partner.id, stance.id)
                };
                out.push(LinkSuggestion {
                    from,
                    to,
                    label: side.link.clone(),
                    score: count as f32 / side.seen as f32,
                });
            }
        }
        out
    }
}

/// The sentence (its index) a span starts in.
fn sentence_of(bounds: &[(CharOffset, CharOffset)], span: &Span) -> usize {
    bounds.partition_point(|(_, end)| *end <= span.start)
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
