//! Re-applying one's own edits to someone else's version of the same annotations:
//! the *merge* choice when a file changed on disk under the window (another window,
//! a sync, a `git pull`). Edits are values, so "their file with my edits since I
//! loaded it" is their annotations with those values applied again, in order.
//!
//! Two versions number their new spans independently, so a span I added may carry an
//! id their version already uses for another span: it gets a fresh id, and every later
//! edit that names it follows. A span both versions tagged at the same place with the
//! same label is one span. An edit whose target is gone from their version (a note on
//! a span they deleted) no longer applies; it is listed, never dropped in silence.

use super::annotations::Annotations;
use super::edit::Edit;
use super::offsets::CharOffset;
use super::span::{Link, Span, SpanId};
use std::collections::HashMap;

/// Where a span stands: its first char and one past its last. A span never moves, so
/// its place tells one span from another that was given the same id.
pub type Place = (CharOffset, CharOffset);

/// What became of my edits on their version.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reapplied {
    /// The edits as applied to their version (ids as they are there), in order: what
    /// a later save or another merge starts from.
    pub applied: Vec<Edit>,
    /// Edits whose effect their version already had (the same span tagged, the same
    /// link made or removed): nothing to do, nothing lost.
    pub already: usize,
    /// Edits that no longer apply, one sentence each, naming the span.
    pub not_applied: Vec<String>,
}

/// Applies `edits` (made on my version, oldest first) to `theirs`. `mine` is my
/// version as it is now and `removed` the places of the spans those edits removed, as
/// they were: together they tell which span an edit means, so an id their version gave
/// to another span is never mistaken for mine.
pub fn reapply(
    edits: Vec<Edit>,
    theirs: &mut Annotations,
    mine: &Annotations,
    removed: &HashMap<SpanId, Place>,
) -> Reapplied {
    let mut run = Run {
        ids: HashMap::new(),
        placed: HashMap::new(),
        mine,
        removed,
        out: Reapplied::default(),
    };
    for edit in edits {
        run.one(edit, theirs);
    }
    run.out
}

struct Run<'a> {
    /// My span ids to theirs, where they differ.
    ids: HashMap<SpanId, SpanId>,
    /// Places of the spans my edits inserted so far, by my id.
    placed: HashMap<SpanId, Place>,
    mine: &'a Annotations,
    removed: &'a HashMap<SpanId, Place>,
    out: Reapplied,
}

impl Run<'_> {
    /// Where my span `id` stands, as far as my version tells.
    fn place(&self, id: SpanId) -> Option<Place> {
        self.placed
            .get(&id)
            .or_else(|| self.removed.get(&id))
            .copied()
            .or_else(|| self.mine.span(id).map(|s| (s.start, s.end)))
    }

    /// The id in their version of my span `id`, or `None` when it is not there: the
    /// same id at the same place, or else the one span they have at that place.
    fn target(&self, id: SpanId, theirs: &Annotations) -> Option<SpanId> {
        if let Some(there) = self.ids.get(&id) {
            return theirs.span(*there).map(|s| s.id);
        }
        let Some(place) = self.place(id) else {
            return theirs.span(id).map(|s| s.id);
        };
        if theirs.span(id).is_some_and(|s| (s.start, s.end) == place) {
            return Some(id);
        }
        let mut at_place = theirs.spans.iter().filter(|s| (s.start, s.end) == place);
        match (at_place.next(), at_place.next()) {
            (Some(only), None) => Some(only.id),
            _ => None,
        }
    }

    /// “Iran” (actor), for the sentences: my span `id`.
    fn name(&self, id: SpanId, theirs: &Annotations) -> String {
        let span = self
            .mine
            .span(id)
            .or_else(|| self.target(id, theirs).and_then(|t| theirs.span(t)))
            .map(|s| format!("“{}” ({})", s.text, s.label));
        span.unwrap_or_else(|| format!("span {id}"))
    }

    /// Applies my `edit` again on their version, or says why it cannot be.
    fn one(&mut self, edit: Edit, theirs: &mut Annotations) {
        match edit {
            Edit::Group(edits) => {
                // Each part on its own: a relabel whose link they removed still
                // relabels.
                for edit in edits {
                    self.one(edit, theirs);
                }
            }
            Edit::InsertSpan { span, links } => self.insert(span, links, theirs),
            Edit::RemoveSpan(id) => match self.target(id, theirs) {
                None => self.out.already += 1,
                Some(there) => self.push(Edit::RemoveSpan(there), theirs),
            },
            Edit::Relabel {
                id,
                label,
                attributes,
            } => {
                let what = format!("relabelling as {label}");
                self.on_span(id, theirs, &what, |id| Edit::Relabel {
                    id,
                    label,
                    attributes,
                });
            }
            Edit::SetAttribute { id, name, value } => {
                let what = match &value {
                    Some(value) => format!("setting {name} to {value}"),
                    None => format!("clearing {name}"),
                };
                self.on_span(id, theirs, &what, |id| Edit::SetAttribute {
                    id,
                    name,
                    value,
                });
            }
            Edit::SetNote { id, note } => {
                self.on_span(id, theirs, "the note", |id| Edit::SetNote { id, note });
            }
            Edit::SetAnchor { id, anchor } => {
                self.on_span(id, theirs, "the re-anchoring flag", |id| Edit::SetAnchor {
                    id,
                    anchor,
                });
            }
            Edit::AddLink(link) => self.add_link(link, theirs),
            Edit::RemoveLink(link) => self.remove_link(link, theirs),
            Edit::SetStatus(status) => self.push(Edit::SetStatus(status), theirs),
            // A rejection is of a place, not of a span: it holds in their version
            // as in mine, unless theirs already says the same.
            Edit::Reject(rejection) => {
                if theirs.is_rejected(rejection.start, rejection.end, &rejection.label) {
                    self.out.already += 1;
                } else {
                    self.push(Edit::Reject(rejection), theirs);
                }
            }
            Edit::Unreject(rejection) => {
                if theirs.is_rejected(rejection.start, rejection.end, &rejection.label) {
                    self.push(Edit::Unreject(rejection), theirs);
                } else {
                    self.out.already += 1;
                }
            }
        }
    }

    /// My link between the two spans as they are in their version, unless they
    /// drew it too; listed where a span of it is gone.
    fn add_link(&mut self, link: Link, theirs: &mut Annotations) {
        match (self.target(link.from, theirs), self.target(link.to, theirs)) {
            (Some(from), Some(to)) => {
                let there = Link { from, to, ..link };
                if theirs.links.contains(&there) {
                    self.out.already += 1;
                } else {
                    self.push(Edit::AddLink(there), theirs);
                }
            }
            _ => self.out.not_applied.push(format!(
                "The link {} —{}→ {}: a span of it is no longer in their version.",
                self.name(link.from, theirs),
                link.label,
                self.name(link.to, theirs)
            )),
        }
    }

    /// Takes my removed link out of their version, where they still have it.
    fn remove_link(&mut self, link: Link, theirs: &mut Annotations) {
        let there = self
            .target(link.from, theirs)
            .zip(self.target(link.to, theirs))
            .map(|(from, to)| Link {
                from,
                to,
                ..link.clone()
            })
            .filter(|l| theirs.links.contains(l));
        match there {
            Some(there) => self.push(Edit::RemoveLink(there), theirs),
            None => self.out.already += 1,
        }
    }

    /// My new (or restored) span in their version: once where they tagged it too,
    /// with a fresh id where theirs uses mine for another span.
    fn insert(&mut self, mut span: Span, links: Vec<Link>, theirs: &mut Annotations) {
        let mine = span.id;
        self.placed.insert(mine, (span.start, span.end));
        self.ids.remove(&mine);
        if let Some(same) = theirs.at_place(span.start, span.end, &span.label) {
            // They tagged it too: one span, theirs.
            if same.id != mine {
                self.ids.insert(mine, same.id);
            }
            self.out.already += 1;
            return;
        }
        if theirs
            .span(mine)
            .is_some_and(|s| (s.start, s.end) == (span.start, span.end))
        {
            // My span, with my id and place, which they changed (relabelled, most
            // often, from the file I saved): theirs is the later word on it.
            self.out.already += 1;
            return;
        }
        if theirs.span(mine).is_some() {
            let fresh = theirs.next_id();
            self.ids.insert(mine, fresh);
            span.id = fresh;
        }
        // Links restored with a span (an undone delete) whose other end is gone are
        // left out, and said.
        let mut kept = Vec::new();
        for link in links {
            let end = |id: SpanId| {
                if id == mine {
                    Some(span.id)
                } else {
                    self.target(id, theirs)
                }
            };
            match (end(link.from), end(link.to)) {
                (Some(from), Some(to)) => kept.push(Link { from, to, ..link }),
                _ => {
                    let other = if link.from == mine {
                        link.to
                    } else {
                        link.from
                    };
                    self.out.not_applied.push(format!(
                        "The link between “{}” ({}) and {}: the other span is no longer in their version.",
                        span.text,
                        span.label,
                        self.name(other, theirs)
                    ));
                }
            }
        }
        self.push(Edit::InsertSpan { span, links: kept }, theirs);
    }

    /// Applies the edit `make` gives for my span `mine` as it is in their version,
    /// saying so when the span is gone from it.
    fn on_span(
        &mut self,
        mine: SpanId,
        theirs: &mut Annotations,
        what: &str,
        make: impl FnOnce(SpanId) -> Edit,
    ) {
        match self.target(mine, theirs) {
            Some(there) => self.push(make(there), theirs),
            None => {
                let name = self.name(mine, theirs);
                self.out.not_applied.push(format!(
                    "{} of {name}: the span is no longer in their version.",
                    capitalised(what)
                ));
            }
        }
    }

    fn push(&mut self, edit: Edit, theirs: &mut Annotations) {
        let copy = edit.clone();
        match edit.apply(theirs) {
            Ok(_) => self.out.applied.push(copy),
            Err(err) => self
                .out
                .not_applied
                .push(format!("An edit that no longer applies: {err}.")),
        }
    }
}

fn capitalised(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[path = "reapply_tests.rs"]
mod tests;
