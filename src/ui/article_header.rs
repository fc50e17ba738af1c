//! The lines above the article: its title with dateline, source and date, the photo
//! caption kept at import, and in review mode a mark that what is shown is gold.

use super::text_view::display_order;
use crate::model::ArticleMeta;
use egui::{RichText, Ui};

/// Draws the header of the article `meta` describes, then a separator.
pub fn article_header(ui: &mut Ui, meta: &ArticleMeta, reviewing: bool) {
    ui.horizontal_wrapped(|ui| {
        if reviewing {
            ui.label(
                RichText::new("Review · gold")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
        }
        ui.strong(display_order(&meta.title));
        let place = [
            meta.dateline.as_deref(),
            meta.source.as_deref(),
            meta.date.as_deref(),
        ];
        let place: Vec<&str> = place.into_iter().flatten().collect();
        if !place.is_empty() {
            ui.weak(place.join(" · "));
        }
    });
    // The photo caption: part of what the reader saw, but not the article's text (it
    // cannot be tagged).
    if let Some(caption) = meta.caption.as_deref().filter(|c| !c.trim().is_empty()) {
        ui.add(
            egui::Label::new(
                RichText::new(format!("Caption: {}", display_order(caption)))
                    .italics()
                    .weak(),
            )
            .wrap(),
        );
    }
    ui.separator();
}
