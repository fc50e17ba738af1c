//! The mouse over the article: a drag selects the logical range between the chars
//! under its two ends (snapped to words, or exact with Alt), a double-click selects
//! the word, a click selects the innermost span or places the caret, hovering shows
//! what is tagged there. Every position goes through the paragraph's map.

use super::layout::ParaLayout;
use super::paragraphs::innermost_span_at;
use super::{Shown, TextView, describe};
use crate::model::{CharOffset, Snap, Span, snap};
use crate::session::Selection;
use crate::ui::command::Command;
use crate::ui::overlay::Overlay;
use egui::{CursorIcon, Pos2, Ui, vec2};
use std::ops::Range;
use std::sync::Arc;

/// What is under the pointer: the grapheme's chars and the nearest place between
/// chars, in chars of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Anchor {
    /// The grapheme under the pointer (empty on an empty line).
    pub cluster: Range<usize>,
    /// The place between chars nearest to it.
    pub caret: usize,
}

/// One frame's interaction inputs.
pub(super) struct Frame<'a> {
    pub response: &'a egui::Response,
    pub shown: &'a [(usize, Arc<ParaLayout>)],
    pub origin: Pos2,
    pub alt: bool,
    pub overlay: Option<&'a Overlay>,
    /// A link is being made: a click on a span is its other end.
    pub linking: bool,
    /// The suggestions offered, in text order: a hover names those under the
    /// pointer with their score.
    pub offers: &'a [crate::suggest::Suggestion],
}

impl TextView {
    /// What is under `pos`, in the paragraphs laid out this frame.
    fn anchor_at(&self, frame: &Frame<'_>, pos: Pos2) -> Option<Anchor> {
        let i = self.paragraph_at_y(pos.y - frame.origin.y);
        let (_, layout) = frame.shown.iter().find(|(j, _)| *j == i)?;
        let p = self.paragraphs[i];
        let local = (pos - (frame.origin + vec2(0.0, self.tops[i]))).to_pos2();
        let cluster = layout.map.cluster_at(local)?;
        let caret = layout.map.caret_at(local)?;
        Some(Anchor {
            cluster: p.start + cluster.start..p.start + cluster.end,
            caret: p.start + caret,
        })
    }

    /// The selection a drag from `from` to `to` makes.
    fn dragged(
        &self,
        open: &Shown<'_>,
        from: &Anchor,
        to: &Anchor,
        alt: bool,
    ) -> Option<(CharOffset, CharOffset)> {
        if alt {
            return snap(
                open.document,
                CharOffset(from.caret),
                CharOffset(to.caret),
                Snap::Exact,
            );
        }
        let start = from.cluster.start.min(to.cluster.start);
        let end = from.cluster.end.max(to.cluster.end);
        snap(
            open.document,
            CharOffset(start),
            CharOffset(end),
            Snap::Words,
        )
    }

    pub(super) fn interact(
        &mut self,
        ui: &Ui,
        open: &Shown<'_>,
        frame: &Frame<'_>,
        selection: &mut Selection,
        commands: &mut Vec<Command>,
    ) {
        let response = frame.response;
        let at = |pos: Option<Pos2>| pos.and_then(|p| self.anchor_at(frame, p));
        let pressed = at(response.interact_pointer_pos());
        // A drag is recognised only after the pointer moved a little: it starts where the
        // button went down, not where the drag was noticed.
        let origin = at(ui.input(|i| i.pointer.press_origin()));
        let hovered = at(response.hover_pos());

        if response.drag_started() {
            self.drag_anchor = origin.or_else(|| pressed.clone());
        }
        if response.dragged()
            && let (Some(anchor), Some(pos)) = (&self.drag_anchor, response.interact_pointer_pos())
        {
            if let Some(here) = &pressed {
                selection.select_text(self.dragged(open, anchor, here, frame.alt));
                self.caret.place(here.caret);
            }
            drag_scroll(ui, pos);
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.double_clicked() {
            if let Some(here) = &pressed {
                let word = CharOffset(here.cluster.start);
                selection.select_text(snap(open.document, word, word, Snap::Words));
                if let Some((_, end)) = selection.text() {
                    self.caret.place(end.0);
                }
            }
        } else if response.clicked()
            && let Some(here) = &pressed
        {
            self.click(open, here, frame.linking, selection, commands);
        }
        if self.drag_anchor.is_none()
            && let Some(here) = hovered
        {
            self.hover(ui, open, frame, here.cluster.start);
        }
    }

    /// A click: the innermost span there, or the caret there.
    fn click(
        &mut self,
        open: &Shown<'_>,
        here: &Anchor,
        linking: bool,
        selection: &mut Selection,
        commands: &mut Vec<Command>,
    ) {
        let at = here.cluster.start;
        let spans = &open.annotations.spans;
        let candidates = self
            .placement
            .of(self.paragraph_at_char(at))
            .iter()
            .map(|p| &spans[p.index as usize]);
        match innermost_span_at(candidates, at) {
            Some(span) => commands.push(Command::SelectSpan(span.id)),
            // A click beside the spans while linking gives up the link.
            None if linking => commands.push(Command::Escape),
            None => {
                selection.clear();
                self.caret.anchor = None;
                self.caret.place(here.caret);
            }
        }
    }

    /// The pointer's shape and the tooltip of what is tagged at char `at`.
    fn hover(&self, ui: &Ui, open: &Shown<'_>, frame: &Frame<'_>, at: usize) {
        let (response, overlay) = (frame.response, frame.overlay);
        // Only the spans of the paragraph under the pointer: a book-length article
        // has too many to scan every frame.
        let spans = &open.annotations.spans;
        let here: Vec<&Span> = self
            .placement
            .of(self.paragraph_at_char(at))
            .iter()
            .map(|p| &spans[p.index as usize])
            .filter(|s| s.start.0 <= at && at < s.end.0)
            .collect();
        let mut tip: Vec<String> = here.iter().map(|s| describe(s)).collect();
        tip.extend(suggested_at(frame.offers, at));
        if let Some(overlay) = overlay {
            let lanes = overlay.describe_at(at);
            if lanes.iter().any(|l| !l.ends_with('—')) {
                if !tip.is_empty() {
                    tip.insert(0, "gold:".into());
                }
                tip.extend(lanes);
            }
        }
        ui.ctx()
            .set_cursor_icon(match (here.is_empty(), frame.linking) {
                (true, _) => CursorIcon::Text,
                (false, true) => CursorIcon::Crosshair,
                (false, false) => CursorIcon::PointingHand,
            });
        if !tip.is_empty() {
            response.clone().on_hover_text_at_pointer(tip.join("\n"));
        }
    }
}

/// The suggestions covering char `at`, described with their label, score and
/// source. Offers are in text order, so only those starting before `at` are looked
/// at, nearest first, a few dozen at most: a long document has thousands.
fn suggested_at(offers: &[crate::suggest::Suggestion], at: usize) -> Vec<String> {
    let before = offers.partition_point(|s| s.start.0 <= at);
    let mut tip: Vec<String> = offers[..before]
        .iter()
        .rev()
        .take(32)
        .filter(|s| at < s.end.0)
        .map(|s| {
            format!(
                "suggested {} (score {:.2}, from {}): “{}”",
                s.label, s.score, s.recommender, s.text
            )
        })
        .collect();
    tip.reverse();
    tip
}

/// Dragging past the edge scrolls, so a selection can run over many screens.
fn drag_scroll(ui: &Ui, pos: Pos2) {
    let clip = ui.clip_rect();
    let delta = if pos.y < clip.top() + 12.0 {
        12.0
    } else if pos.y > clip.bottom() - 12.0 {
        -12.0
    } else {
        0.0
    };
    if delta != 0.0 {
        ui.scroll_with_delta(vec2(0.0, delta));
        ui.ctx().request_repaint();
    }
}
