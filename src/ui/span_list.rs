//! The Spans tab: the document's spans grouped by label (a click scrolls to one) and
//! its links (a click selects one, Delete removes it).

use super::command::Command;
use super::text_view::display_order;
use super::theme::label_color;
use crate::model::{Annotations, DocumentId, Schema, SpanId};
use crate::session::OpenDocument;
use crate::session::Selection;
use egui::{RichText, Ui};
use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Entry {
    Header {
        label: String,
        count: usize,
    },
    Span(usize),
    LinksHeader(usize),
    /// A link by its place in the links, with the places of its two spans.
    Link {
        link: usize,
        from: usize,
        to: usize,
    },
}

/// The grouped list, rebuilt only when the spans change.
#[derive(Debug, Default)]
pub struct SpanList {
    built_for: Option<(DocumentId, u64)>,
    entries: Vec<Entry>,
}

impl SpanList {
    fn rebuild(&mut self, open: &OpenDocument, schema: &Schema) {
        let key = (open.document().id().clone(), open.generation());
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        self.built_for = Some(key);
        self.entries.clear();
        let spans = &open.annotations().spans;
        let mut groups: Vec<(&str, Vec<usize>)> = schema
            .labels
            .iter()
            .map(|l| (l.name.as_str(), Vec::new()))
            .collect();
        // One pass however many spans; labels no longer in the schema still show,
        // after the known ones.
        for (i, span) in spans.iter().enumerate() {
            match groups
                .iter_mut()
                .find(|(label, _)| same_label(label, &span.label))
            {
                Some((_, members)) => members.push(i),
                None => groups.push((span.label.as_str(), vec![i])),
            }
        }
        for (label, members) in groups {
            if members.is_empty() {
                continue;
            }
            self.entries.push(Entry::Header {
                label: label.to_owned(),
                count: members.len(),
            });
            self.entries.extend(members.into_iter().map(Entry::Span));
        }
        let links = &open.annotations().links;
        if !links.is_empty() {
            let place: HashMap<SpanId, usize> =
                spans.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
            self.entries.push(Entry::LinksHeader(links.len()));
            for (n, link) in links.iter().enumerate() {
                if let (Some(&from), Some(&to)) = (place.get(&link.from), place.get(&link.to)) {
                    self.entries.push(Entry::Link { link: n, from, to });
                }
            }
        }
    }

    /// Draws the list.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        open: &OpenDocument,
        schema: &Schema,
        selected: &Selection,
        commands: &mut Vec<Command>,
    ) {
        self.rebuild(open, schema);
        if self.entries.is_empty() {
            ui.weak(format!(
                "No spans yet. Drag over text, then press {}.",
                super::command_table::label_keys(schema)
            ));
            return;
        }
        let annotations = open.annotations();
        // Every row as tall as a selectable label, so the list can be virtualised.
        let row_height =
            ui.text_style_height(&egui::TextStyle::Body) + 2.0 * ui.spacing().button_padding.y;
        egui::ScrollArea::vertical()
            .id_salt("span-list")
            .auto_shrink(false)
            .show_rows(ui, row_height, self.entries.len(), |ui, range| {
                for entry in &self.entries[range] {
                    ui.horizontal(|ui| {
                        ui.set_min_height(row_height);
                        entry_row(ui, entry, annotations, schema, selected, commands);
                    });
                }
            });
    }
}

/// One span as a line of the list: its text, polarity, and marks for a note and for a
/// span the article moved under.
fn span_line(span: &crate::model::Span) -> String {
    let mut text = truncate(&span.text, 48);
    if let Some(p) = span.attributes.get(crate::model::schema::POLARITY) {
        text.push_str(&format!("  [{p}]"));
    }
    if !span.note.is_empty() {
        text.push_str("  ✎");
    }
    if span.anchor.is_some() {
        text.push_str("  ⚠");
    }
    text
}

/// Label equality with a cheap first look: a document can hold 100,000 spans and
/// the list is regrouped after every edit.
fn same_label(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// At most `max` chars of `text`, with `…` when cut, in the order a reader sees them
/// (right-to-left words reordered for egui's label).
pub(super) fn truncate(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    display_order(&out).into_owned()
}

/// One row of the list: a label's heading, a span, the links' heading or a link;
/// a click on a span or link selects it.
fn entry_row(
    ui: &mut Ui,
    entry: &Entry,
    annotations: &Annotations,
    schema: &Schema,
    selected: &Selection,
    commands: &mut Vec<Command>,
) {
    let spans = &annotations.spans;
    match entry {
        Entry::Header { label, count } => {
            let color = schema
                .label(label)
                .map_or(egui::Color32::GRAY, |l| label_color(&l.color));
            ui.label(
                RichText::new(format!("{label} ({count})"))
                    .strong()
                    .color(color),
            );
        }
        Entry::Span(i) => {
            let span = &spans[*i];
            let r = ui
                .add(
                    egui::Button::selectable(selected.span() == Some(span.id), span_line(span))
                        .truncate(),
                )
                .on_hover_text(super::text_view::describe(span));
            if r.clicked() {
                commands.push(Command::SelectSpan(span.id));
            }
        }
        Entry::LinksHeader(count) => {
            ui.label(RichText::new(format!("links ({count})")).strong());
        }
        Entry::Link { link, from, to } => {
            let link = &annotations.links[*link];
            let text = format!(
                "“{}” —{}→ “{}”",
                truncate(&spans[*from].text, 20),
                link.label,
                truncate(&spans[*to].text, 20)
            );
            let r = ui
                .add(egui::Button::selectable(selected.link() == Some(link), text).truncate())
                .on_hover_text("Click to select; Delete removes it");
            if r.clicked() {
                commands.push(Command::SelectLink(link.clone()));
            }
        }
    }
}
