//! The Statements tab: every statement of the document as a row — actor, polarity,
//! claim — built from the links, with what an incomplete one lacks, so the analyst
//! sees at a glance what is left to link.

use super::command::Command;
use super::span_list::truncate as short;
use crate::model::{
    Annotations, DocumentId, DocumentStatements, Polarity, Registry, Schema, Span, SpanId,
    Statement,
};
use crate::session::OpenDocument;
use crate::session::Selection;
use egui::{Color32, RichText, Ui};

/// The tab's state: the statements, rebuilt only when the annotations change.
#[derive(Debug, Default)]
pub struct StatementsPanel {
    built_for: Option<(DocumentId, u64)>,
    statements: Option<DocumentStatements>,
}

impl StatementsPanel {
    fn rebuild(&mut self, open: &OpenDocument, schema: &Schema) -> &DocumentStatements {
        let key = (open.document().id().clone(), open.generation());
        if self.built_for.as_ref() != Some(&key) {
            self.built_for = Some(key);
            self.statements = None;
        }
        self.statements
            .get_or_insert_with(|| DocumentStatements::build(open.annotations(), schema))
    }

    /// Draws the tab.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        open: &OpenDocument,
        schema: &Schema,
        registry: &Registry,
        selected: &Selection,
        commands: &mut Vec<Command>,
    ) {
        let annotations = open.annotations();
        let built = self.rebuild(open, schema);
        let complete = built.complete().count();
        let incomplete = built.statements.len() - complete;
        ui.label(format!(
            "{complete} complete, {incomplete} incomplete statement{}",
            if built.statements.len() == 1 { "" } else { "s" }
        ));
        if built.statements.is_empty() {
            let key = |c: &Command| super::command_table::key_hint(ui, c);
            ui.weak(format!(
                "A statement is an actor —holds→ stance —about→ claim. Tag them one after \
                 the other and press {} to link, or select a span, press {} and click the \
                 other.",
                key(&Command::AcceptLinkOffer),
                key(&Command::StartLink)
            ));
        }
        let warn = ui.visuals().warn_fg_color;
        egui::ScrollArea::vertical()
            .id_salt("statements")
            .auto_shrink(false)
            .show(ui, |ui| {
                for (n, statement) in built.statements.iter().enumerate() {
                    let chosen = selected.span().is_some_and(|id| {
                        id == statement.stance
                            || Some(id) == statement.actor
                            || Some(id) == statement.claim
                    });
                    ui.push_id(n, |ui| {
                        statement_card(ui, statement, annotations, registry, chosen, commands);
                    });
                }
                loose(
                    ui,
                    "Actors in no statement",
                    &built.unlinked_actors,
                    annotations,
                    commands,
                );
                loose(
                    ui,
                    "Claims in no statement",
                    &built.unlinked_claims,
                    annotations,
                    commands,
                );
                for ignored in &built.ignored_links {
                    ui.colored_label(warn, ignored.to_string());
                }
            });
    }
}

/// One statement as a card: its actor with entity, the stance with its polarity mark,
/// its claim with category; each a link that selects the span. `chosen` when the
/// selected span is one of them.
fn statement_card(
    ui: &mut Ui,
    statement: &Statement,
    annotations: &Annotations,
    registry: &Registry,
    chosen: bool,
    commands: &mut Vec<Command>,
) {
    let warn = ui.visuals().warn_fg_color;
    let (stance, actor, claim) = statement.spans(annotations);
    let frame = egui::Frame::group(ui.style()).fill(if chosen {
        ui.visuals().selection.bg_fill.gamma_multiply(0.4)
    } else {
        Color32::TRANSPARENT
    });
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        part(
            ui,
            actor,
            "no actor",
            warn,
            |s| registry.entity_of(s).map(|e| e.name.clone()),
            commands,
        );
        ui.horizontal(|ui| {
            ui.label(polarity_mark(statement.polarity.as_ref()));
            let text = stance.map_or("", |s| s.text.as_str());
            if ui
                .link(RichText::new(short(text, 40)).italics())
                .on_hover_text("Select the stance")
                .clicked()
            {
                commands.push(Command::SelectSpan(statement.stance));
            }
        });
        part(
            ui,
            claim,
            "no claim",
            warn,
            |s| registry.category_of(s).map(|c| c.name.clone()),
            commands,
        );
    });
}

/// One end of a statement: the span's text and its entity or category, or what is
/// missing.
fn part(
    ui: &mut Ui,
    span: Option<&Span>,
    missing: &str,
    warn: Color32,
    assigned: impl Fn(&Span) -> Option<String>,
    commands: &mut Vec<Command>,
) {
    match span {
        Some(span) => {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .link(short(&span.text, 48))
                    .on_hover_text("Select this span")
                    .clicked()
                {
                    commands.push(Command::SelectSpan(span.id));
                }
                if let Some(name) = assigned(span) {
                    ui.weak(format!("· {name}"));
                }
            });
        }
        None => {
            ui.colored_label(warn, format!("— {missing} —"));
        }
    }
}

fn loose(
    ui: &mut Ui,
    title: &str,
    ids: &[SpanId],
    annotations: &crate::model::Annotations,
    commands: &mut Vec<Command>,
) {
    if ids.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{title} ({})", ids.len())).strong());
    for id in ids {
        if let Some(span) = annotations.span(*id)
            && ui.link(short(&span.text, 48)).clicked()
        {
            commands.push(Command::SelectSpan(*id));
        }
    }
}

/// `+`, `−`, `0`, or `?` when the stance has no polarity yet.
fn polarity_mark(polarity: Option<&Polarity>) -> RichText {
    match polarity {
        Some(Polarity::Support) => {
            RichText::new("+ support").color(Color32::from_rgb(0, 0x9E, 0x73))
        }
        Some(Polarity::Oppose) => RichText::new("− oppose").color(Color32::from_rgb(0xD5, 0x5E, 0)),
        Some(Polarity::Neutral) => RichText::new("0 neutral"),
        Some(Polarity::Other(value)) => RichText::new(value.as_str()),
        None => RichText::new("? no polarity").weak(),
    }
}
