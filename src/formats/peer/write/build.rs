//! One annotator's set from a peer file made into claimspan's annotations: each
//! span placed on the stored text, each relation given a link type of the schema,
//! every repair counted and every problem named, nothing written.

use super::Repairs;
use crate::formats::import::Counted;
use crate::formats::peer::fit::{Fitter, Fix};
use crate::formats::peer::{PeerLink, PeerRecord, PeerSet, PeerSpan};
use crate::model::{
    Annotations, AnnotatorName, ArticleMeta, Document, EditError, Link, NewSpan, Schema, SpanId,
    Status,
};
use std::collections::HashMap;

/// One set's annotations, or every problem with its spans and links.
pub(super) fn build(
    schema: &Schema,
    meta: &ArticleMeta,
    record: &PeerRecord,
    set: &PeerSet,
    annotator: AnnotatorName,
    repairs: &mut Repairs,
) -> Result<Annotations, Vec<String>> {
    let document = Document::new(meta.clone(), record.article.text.clone());
    let mut fitter = Fitter::new(&record.raw_text, &record.article.text, record.unit);
    let mut builder = Builder {
        schema,
        annotations: Annotations::new(&document, annotator),
        document: &document,
        ids: HashMap::new(),
        problems: Vec::new(),
        repairs,
    };
    for span in &set.spans {
        builder.add_span(&mut fitter, span);
    }
    for link in &set.links {
        builder.add_link(link);
    }
    let Builder {
        mut annotations,
        problems,
        ..
    } = builder;
    annotations.links.sort();
    // Work that comes from another tool is finished work unless the file says not.
    annotations.status = set.status.unwrap_or(Status::Done);
    if problems.is_empty() {
        Ok(annotations)
    } else {
        Err(problems)
    }
}

/// The annotations of one set as its spans and links are added.
struct Builder<'a> {
    /// What labels and link types there are.
    schema: &'a Schema,
    /// The article the spans are placed on.
    document: &'a Document,
    /// What has been added so far.
    annotations: Annotations,
    /// The span each of the file's span keys became, for its relations.
    ids: HashMap<&'a str, SpanId>,
    /// Every span or link that cannot be imported, with its place in the file.
    problems: Vec<String>,
    /// What was repaired or left out, counted for the report.
    repairs: &'a mut Repairs,
}

impl<'a> Builder<'a> {
    /// Counts one more repair of `of` described by `how`.
    fn repaired(&mut self, of: Counted, how: String) {
        *self.repairs.entry((of, how)).or_insert(0) += 1;
    }

    /// Places `span` on the text and adds it; the same span twice is kept once.
    fn add_span(&mut self, fitter: &mut Fitter<'_>, span: &'a PeerSpan) {
        let place = format!("span {} ({}..{})", span.key, span.start, span.end);
        let placed = match fitter.place(span) {
            Ok(placed) => placed,
            Err(why) => {
                self.problems.push(format!("{place}: {why}"));
                return;
            }
        };
        if placed.fix != Fix::AsGiven {
            self.repaired(Counted::Spans, placed.fix.describe());
        }
        if span.discontinuous {
            self.repaired(Counted::Spans, "discontinuous (in fragments), joined into one span that covers the gaps between them, since claimspan's spans are continuous; check them".into());
        }
        let new = NewSpan {
            start: placed.start,
            end: placed.end,
            label: span.label.clone(),
            attributes: span.attributes.clone(),
            note: span.note.clone(),
        };
        match self
            .annotations
            .add_span_beside(self.document, self.schema, new)
        {
            Ok(id) => {
                self.ids.insert(&span.key, id);
            }
            Err(EditError::Duplicate { existing, .. }) => {
                // The same span twice carries nothing more; links to either reach it.
                self.repaired(
                    Counted::Spans,
                    "identical duplicate spans, kept once".into(),
                );
                self.ids.insert(&span.key, existing);
            }
            Err(e) => self.problems.push(format!("{place}: {e}")),
        }
    }

    /// Adds the relation `link` between two spans added before, as the schema's
    /// link type of its name (or, unnamed, the one between their labels).
    fn add_link(&mut self, link: &PeerLink) {
        let place = format!("relation {} → {}", link.from, link.to);
        let (Some(&from), Some(&to)) = (
            self.ids.get(link.from.as_str()),
            self.ids.get(link.to.as_str()),
        ) else {
            if self.problems.is_empty() {
                self.problems.push(format!(
                    "{place}: it refers to a span that is not in this document; fix or remove it"
                ));
            }
            return;
        };
        let label_of = |id| {
            self.annotations
                .span(id)
                .map(|s| s.label.clone())
                .unwrap_or_default()
        };
        let (from_label, to_label) = (label_of(from), label_of(to));
        let schema = self.schema;
        let link_type = if link.label.is_empty() {
            schema.link_type_between(&from_label, &to_label)
        } else {
            schema.link_type_for(&link.label, &from_label, &to_label)
        };
        match link_type {
            Some(t) => self.add_typed_link(from, to, &t.name),
            None if schema.link_type(&link.label).is_some() => self.problems.push(format!(
                "{place}: “{}” links {} in the schema, not {from_label} → {to_label}; fix the relation, or import with --add-labels to allow it",
                link.label,
                schema.link_pairs(&link.label)
            )),
            None => self.problems.push(format!(
                "{place}: it has no type and the schema has no link from {from_label} to {to_label}; give it a type"
            )),
        }
    }

    /// Links `from` → `to` as `label`, unless the two are linked already.
    fn add_typed_link(&mut self, from: SpanId, to: SpanId, label: &str) {
        let kept = self
            .annotations
            .links
            .iter()
            .find(|l| l.from == from && l.to == to)
            .map(|l| l.label.clone());
        match kept {
            None => self.annotations.links.push(Link {
                from,
                to,
                label: label.to_owned(),
            }),
            Some(kept) if kept != label => {
                // claimspan has one link from a span to another; the file's
                // second one is named in the report, not dropped unsaid.
                self.repaired(
                    Counted::Links,
                    format!(
                        "of another type between two spans already linked, left out (claimspan has one link per pair; kept “{kept}”)"
                    ),
                );
            }
            Some(_) => {}
        }
    }
}
