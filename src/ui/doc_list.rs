//! The document list: progress, a filter by text and status, and one row per
//! document with its title, date, status and span count.

use super::command::Command;
use super::text_view::display_fitting;
use crate::model::{DocumentId, Status};
use crate::session::{DocumentRow, Workspace};
use egui::{RichText, Ui};

/// What the list is filtered by; kept across frames.
#[derive(Debug, Default)]
pub struct DocList {
    /// Text a title or id must contain (any case).
    pub filter: String,
    /// Only documents of this status.
    pub status: Option<Status>,
    /// Scroll the current document into view on the next frame.
    pub reveal_current: bool,
}

/// The status a row shows: its gold's while reviewing (no gold yet is to do), else
/// the annotator's own.
fn shown_status(row: &DocumentRow, reviewing: bool) -> Status {
    if reviewing {
        row.gold.map_or(Status::Todo, |g| g.status)
    } else {
        row.status
    }
}

impl DocList {
    /// True when a row passes the filter.
    fn keeps(&self, row: &DocumentRow, needle: &str, reviewing: bool) -> bool {
        self.status
            .is_none_or(|s| s == shown_status(row, reviewing))
            && (needle.is_empty()
                || row.title.to_lowercase().contains(needle)
                || row.id.as_str().contains(needle))
    }

    /// The documents in list order after filtering: what next/previous walk through.
    pub fn order(&self, workspace: &Workspace) -> Vec<DocumentId> {
        self.shown(workspace.rows(), workspace.review().is_some())
            .into_iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// The rows the filter keeps, in list order. Borrowed, so drawing a frame of a
    /// 10,000-document list copies no ids and looks no row up.
    fn shown<'a>(&self, rows: &'a [DocumentRow], reviewing: bool) -> Vec<&'a DocumentRow> {
        let needle = self.filter.to_lowercase();
        rows.iter()
            .filter(|r| self.keeps(r, &needle, reviewing))
            .collect()
    }

    /// Draws the panel's contents.
    pub fn show(&mut self, ui: &mut Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
        let rows = workspace.rows();
        let reviewing = workspace.review().is_some();
        progress(ui, rows, reviewing);
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text("Filter by title")
                .desired_width(f32::INFINITY),
        );
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.status, None, "All");
            for status in Status::ALL {
                ui.selectable_value(&mut self.status, Some(status), status_name(status));
            }
        });
        ui.separator();
        let shown = self.shown(rows, reviewing);
        let current = workspace.current_id();
        // Two lines a row (the title's button, then date and count in a row of their
        // own, as tall as a widget), so the list can be virtualised.
        let body = ui.text_style_height(&egui::TextStyle::Body);
        let row_height = body
            + ui.spacing().button_padding.y * 2.0
            + ui.spacing().item_spacing.y
            + body.max(ui.spacing().interact_size.y);
        let mut area = egui::ScrollArea::vertical()
            .id_salt("doc-list")
            .auto_shrink(false);
        if self.reveal_current {
            self.reveal_current = false;
            if let Some(i) = shown.iter().position(|r| Some(&r.id) == current) {
                let step = row_height + ui.spacing().item_spacing.y;
                let offset = i as f32 * step - ui.available_height() / 2.0;
                area = area.vertical_scroll_offset(offset.max(0.0));
            }
        }
        area.show_rows(ui, row_height, shown.len(), |ui, range| {
            for row in &shown[range] {
                let id = &row.id;
                let selected = current == Some(id);
                let response = ui
                    .push_id(id.as_str(), |ui| document_row(ui, row, reviewing, selected))
                    .inner;
                if response.clicked() && !selected {
                    commands.push(Command::OpenDocument(id.clone()));
                }
            }
        });
    }
}

/// The word a user reads for a status.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Todo => "To do",
        Status::InProgress => "In progress",
        Status::Done => "Done",
    }
}

/// How far a gold standard got, in the reviewer's words.
fn gold_state(status: Status) -> &'static str {
    match status {
        Status::Done => "reviewed",
        Status::InProgress | Status::Todo => "in review",
    }
}

fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Todo => "○",
        Status::InProgress => "◐",
        Status::Done => "●",
    }
}

/// A row's status mark and title, cut to the row's width at the title's end as it
/// reads, also when it reads right to left.
fn title_line(ui: &Ui, row: &DocumentRow, reviewing: bool) -> String {
    let mark = status_mark(shown_status(row, reviewing));
    let font = egui::TextStyle::Button.resolve(ui.style());
    let room = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
    let width_of = |title: &str| {
        ui.painter()
            .layout_no_wrap(
                format!("{mark} {title}"),
                font.clone(),
                egui::Color32::PLACEHOLDER,
            )
            .size()
            .x
    };
    format!("{mark} {}", display_fitting(&row.title, room, width_of))
}

/// The heading, how many documents are done (reviewed, in review mode) and a bar.
fn progress(ui: &mut Ui, rows: &[DocumentRow], reviewing: bool) {
    let done = rows
        .iter()
        .filter(|r| shown_status(r, reviewing) == Status::Done)
        .count();
    ui.heading("Documents");
    ui.label(if reviewing {
        format!("{done} of {} reviewed (gold)", rows.len())
    } else {
        format!("{done} of {} done", rows.len())
    });
    let fraction = if rows.is_empty() {
        0.0
    } else {
        done as f32 / rows.len() as f32
    };
    ui.add(egui::ProgressBar::new(fraction).desired_height(6.0));
    ui.add_space(4.0);
}

/// One row: the title as a button, and under it the date with the span count (gold's
/// state and count in review mode).
fn document_row(ui: &mut Ui, row: &DocumentRow, reviewing: bool, selected: bool) -> egui::Response {
    let title = RichText::new(title_line(ui, row, reviewing));
    let date = row.date.as_deref().unwrap_or("no date");
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let info = match (reviewing, row.gold) {
        (false, _) => format!("{date}  ·  {} span{}", row.spans, plural(row.spans)),
        (true, None) => format!("{date}  ·  no gold yet"),
        (true, Some(gold)) => format!(
            "{date}  ·  gold {}, {} span{}",
            gold_state(gold.status),
            gold.spans,
            plural(gold.spans)
        ),
    };
    let r = ui
        .add(
            egui::Button::selectable(selected, title)
                .truncate()
                .min_size(egui::vec2(ui.available_width(), 0.0)),
        )
        .on_hover_text(format!("{}\n{}", row.title, row.id.as_str()));
    // Under the title, where the button's text begins.
    ui.horizontal(|ui| {
        ui.add_space(ui.spacing().button_padding.x);
        ui.label(RichText::new(info).weak());
    });
    r
}
