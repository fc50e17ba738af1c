//! Checking annotations read from disk against their article and the schema: what
//! `claimspan validate` lists, one problem per span or link.

use super::{Annotations, check_span, describe_link_types};
use crate::model::document::Document;
use crate::model::offsets::CharOffset;
use crate::model::schema::Schema;
use crate::model::span::{Link, SpanId, SpanProblem};
use std::collections::{BTreeMap, BTreeSet};

impl Annotations {
    /// Everything wrong with these annotations against their article and the schema:
    /// offsets, stored text, labels, attributes, duplicates and links. Empty when all
    /// is well. The text hash is the caller's to compare.
    pub fn check(&self, document: &Document, schema: &Schema) -> Vec<SpanProblem> {
        let mut problems = self.span_problems(document, schema);
        for link in &self.links {
            if let Some(message) = self.link_problem(schema, link) {
                problems.push(SpanProblem {
                    place: format!("link {}→{}", link.from, link.to),
                    message,
                });
            }
        }
        problems
    }

    /// What is wrong with each span: its id, offsets, stored text, label,
    /// attributes, a duplicate, a flag left by re-anchoring.
    fn span_problems(&self, document: &Document, schema: &Schema) -> Vec<SpanProblem> {
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        type Place<'a> = (
            CharOffset,
            CharOffset,
            &'a str,
            &'a BTreeMap<String, String>,
        );
        let mut seen: BTreeMap<Place<'_>, SpanId> = BTreeMap::new();
        for span in &self.spans {
            let place = format!("span {} ({}..{})", span.id, span.start, span.end);
            let mut problem = |message: String| {
                problems.push(SpanProblem {
                    place: place.clone(),
                    message,
                })
            };
            if !ids.insert(span.id) {
                problem("another span has the same id; give each span its own id".into());
            }
            match check_span(
                document,
                schema,
                span.start,
                span.end,
                &span.label,
                &span.attributes,
            ) {
                Err(err) => problem(err.to_string()),
                Ok(()) => {
                    let actual = document.slice(span.start, span.end).unwrap_or_default();
                    if actual != span.text && span.anchor.is_none() {
                        problem(format!(
                            "the article has “{}” there but the span says “{}”; fix the offsets or the text",
                            shorten(actual),
                            shorten(&span.text)
                        ));
                    }
                }
            }
            // Same place and label with other attributes is two annotations (see
            // `add_span_beside`); with the same attributes too, one of them is extra.
            if let Some(first) = seen.insert(
                (span.start, span.end, &span.label, &span.attributes),
                span.id,
            ) {
                problem(format!(
                    "duplicates span {first} (same place, label and attributes); delete one"
                ));
            }
            if let Some(flag) = &span.anchor {
                problem(format!(
                    "flagged after the article changed ({flag:?}); check it and clear the flag"
                ));
            }
        }
        problems
    }

    /// What is wrong with `link`, if anything: a span it names is gone, or the
    /// schema has no such link type between the two spans' labels.
    fn link_problem(&self, schema: &Schema, link: &Link) -> Option<String> {
        let (Some(from), Some(to)) = (self.span(link.from), self.span(link.to)) else {
            return Some("it refers to a span that does not exist; delete the link".into());
        };
        if schema
            .link_type_for(&link.label, &from.label, &to.label)
            .is_some()
        {
            return None;
        }
        Some(match schema.link_type(&link.label) {
            None => format!(
                "the link type “{}” is not in the schema ({})",
                link.label,
                describe_link_types(schema)
            ),
            Some(t) => format!(
                "“{}” links {}, not {} to {}",
                t.name,
                schema.link_pairs(&t.name).replace(" → ", " to "),
                from.label,
                to.label
            ),
        })
    }
}

/// At most 40 chars of `text`, for messages.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_owned()
    } else {
        let head: String = text.chars().take(39).collect();
        format!("{head}…")
    }
}
