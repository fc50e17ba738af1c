//! Painting a laid-out paragraph: span fills, search hits, the selection and review
//! focus behind the text, then the text, then underline lanes, suggestions' dashed
//! outlines and review lanes; the
//! link arcs and the caret over everything. Every rect comes from the paragraph's
//! map, so a span across a change of direction is drawn as the several rects it
//! covers on screen.

use super::layout::ParaLayout;
use super::paragraphs::{Paragraph, Placed};
use super::{Hits, LANES, MARGIN, Shown, TextStyle, TextView};
use crate::model::{Annotations, CharOffset, Schema, Span, SpanId};
use crate::session::Selection;
use crate::ui::link_arcs::{Endpoint, paint_link};
use crate::ui::overlay::Overlay;
use crate::ui::theme::{focus_fill, hit_fill, label_color, span_fill};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// Everything a paragraph's painting needs besides the paragraph.
#[derive(Clone, Copy)]
pub(super) struct Paint<'a> {
    pub schema: &'a Schema,
    pub style: TextStyle,
    pub hits: Hits<'a>,
    pub offers: super::Offers<'a>,
    pub overlay: Option<&'a Overlay>,
    pub selection: Option<(CharOffset, CharOffset)>,
    pub selected_span: Option<SpanId>,
}

fn color_of(schema: &Schema, span: &Span) -> Color32 {
    schema
        .label(&span.label)
        .map_or(Color32::GRAY, |l| label_color(&l.color))
}

/// One paragraph at `top_left` with the spans `placed` in it.
pub(super) fn paragraph(
    painter: &Painter,
    annotations: &Annotations,
    placed: &[Placed],
    p: &Paragraph,
    layout: &ParaLayout,
    top_left: Pos2,
    paint: &Paint<'_>,
) {
    let rects = |start: usize, end: usize| {
        let (s, e) = (
            start.clamp(p.start, p.end) - p.start,
            end.clamp(p.start, p.end) - p.start,
        );
        layout
            .map
            .rects(s, e)
            .map(move |r| r.translate(top_left.to_vec2()))
    };
    backgrounds(painter, annotations, placed, p, paint, &rects);
    for piece in &layout.pieces {
        painter.galley(
            top_left + piece.at,
            piece.galley.clone(),
            Color32::PLACEHOLDER,
        );
    }
    let size = paint.style.size;
    let lane_gap = (size * 0.16).max(2.5);
    for placed in placed {
        let span = &annotations.spans[placed.index as usize];
        let color = color_of(paint.schema, span);
        let lane = placed.lane as f32;
        for r in rects(span.start.0, span.end.0) {
            // The glyphs sit in the middle of a tall row; lanes fill the space below.
            let y = r.center().y + size * 0.55 + lane * lane_gap;
            // A thin rect rather than a line: four vertices, no feathered path.
            painter.rect_filled(
                Rect::from_min_max(pos2(r.left(), y - 1.0), pos2(r.right(), y + 1.0)),
                0.0,
                color,
            );
        }
    }
    offers(painter, p, paint, &rects);
    if let Some(overlay) = paint.overlay {
        let margin_x = top_left.x - MARGIN + 2.0;
        review_lanes(painter, margin_x, overlay, p, size, lane_gap, &rects);
    }
}

/// Suggestions in this paragraph: a dashed outline in their label's colour, so they
/// are never taken for spans (which are filled and underlined); the one looked at
/// solid, with its label and score above it.
fn offers<I: Iterator<Item = Rect>>(
    painter: &Painter,
    p: &Paragraph,
    paint: &Paint<'_>,
    rects: &impl Fn(usize, usize) -> I,
) {
    let offers = paint.offers;
    let first = offers.all.partition_point(|s| s.end.0 <= p.start);
    for (n, s) in offers.all[first..]
        .iter()
        .enumerate()
        .take_while(|(_, s)| s.start.0 < p.end.max(p.start + 1))
    {
        let color = paint
            .schema
            .label(&s.label)
            .map_or(Color32::GRAY, |l| label_color(&l.color));
        let current = offers.current == Some(first + n);
        let mut first_rect = None;
        for r in rects(s.start.0, s.end.0) {
            let r = r.expand(1.5);
            first_rect.get_or_insert(r);
            if current {
                painter.rect_stroke(r, 2.0, Stroke::new(2.0, color), egui::StrokeKind::Outside);
            } else {
                let corners = [
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                    r.left_top(),
                ];
                for dash in Shape::dashed_line(&corners, Stroke::new(1.2, color), 4.0, 3.0) {
                    painter.add(dash);
                }
            }
        }
        if let (true, Some(r)) = (current, first_rect) {
            let tag = format!("{} {:.2}?", s.label, s.score);
            let font = FontId::proportional((paint.style.size * 0.6).max(9.0));
            painter.text(
                r.left_top() - vec2(0.0, 1.0),
                Align2::LEFT_BOTTOM,
                tag,
                font,
                color,
            );
        }
    }
}

/// Span fills, search hits, the selection and the review focus, behind the text.
fn backgrounds<I: Iterator<Item = Rect>>(
    painter: &Painter,
    annotations: &Annotations,
    placed: &[Placed],
    p: &Paragraph,
    paint: &Paint<'_>,
    rects: &impl Fn(usize, usize) -> I,
) {
    for placed in placed {
        let span = &annotations.spans[placed.index as usize];
        let color = color_of(paint.schema, span);
        let selected = paint.selected_span == Some(span.id);
        for r in rects(span.start.0, span.end.0) {
            // Square corners: a rounded rect costs a tessellated path, and a dense
            // article has hundreds of spans on screen.
            painter.rect_filled(r, 0.0, span_fill(color, paint.style.dark, selected));
            if selected {
                painter.rect_stroke(
                    r.expand(1.0),
                    2.0,
                    Stroke::new(1.5, color),
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
    let hits = paint.hits;
    let first_hit = hits.all.partition_point(|h| h.end.0 <= p.start);
    for (n, hit) in hits.all[first_hit..]
        .iter()
        .enumerate()
        .take_while(|(_, h)| h.start.0 < p.end.max(p.start + 1))
    {
        let current = hits.current == Some(first_hit + n);
        for r in rects(hit.start.0, hit.end.0) {
            painter.rect_filled(r, 0.0, hit_fill(current));
        }
    }
    if let Some((start, end)) = paint.selection
        && start.0 < p.end
        && end.0 > p.start
    {
        let fill = painter.ctx().global_style().visuals.selection.bg_fill;
        for r in rects(start.0, end.0) {
            painter.rect_filled(r, 0.0, fill.gamma_multiply(0.6));
        }
    }
    if let Some((start, end)) = paint.overlay.and_then(|o| o.focus)
        && start < p.end.max(p.start + 1)
        && end > p.start
    {
        for r in rects(start, end) {
            painter.rect_filled(r, 0.0, focus_fill(paint.style.dark));
        }
    }
}

/// Annotators' lanes below the spans' own: quiet where they agree, loud where they
/// do not.
fn review_lanes<I: Iterator<Item = Rect>>(
    painter: &Painter,
    margin_x: f32,
    overlay: &Overlay,
    p: &Paragraph,
    size: f32,
    lane_gap: f32,
    rects: &impl Fn(usize, usize) -> I,
) {
    // Letters a little taller than the lanes are apart: lanes with a mark on the same
    // line are rare enough that their letters rarely touch.
    let font = FontId::monospace((review_lane_step(size) * 1.25).max(9.0));
    for (n, lane) in overlay.lanes.iter().enumerate() {
        let offset = size * 0.55
            + (LANES as f32 + 0.5) * lane_gap
            + (n as f32 + 0.5) * review_lane_step(size);
        // The rows of this paragraph the lane has a mark on, for its letter.
        let mut rows: Vec<f32> = Vec::new();
        for mark in lane
            .marks
            .iter()
            .filter(|m| m.start < p.end && m.end > p.start)
        {
            let (half, color) = if mark.loud {
                (2.0, lane.color)
            } else {
                (0.75, lane.color.gamma_multiply(0.5))
            };
            for r in rects(mark.start, mark.end) {
                let y = r.center().y + offset;
                painter.rect_filled(
                    Rect::from_min_max(pos2(r.left(), y - half), pos2(r.right(), y + half)),
                    0.0,
                    color,
                );
                if !rows.iter().any(|&row| (row - y).abs() < 1.0) {
                    rows.push(y);
                }
            }
        }
        for y in rows {
            painter.text(
                pos2(margin_x, y),
                Align2::LEFT_CENTER,
                lane.letter,
                font.clone(),
                lane.color,
            );
        }
    }
}

/// How far apart review lanes are: room for the letter naming each in the margin.
pub(super) fn review_lane_step(size: f32) -> f32 {
    (size * 0.5).max(8.0)
}

impl TextView {
    /// Arcs for the links of the selected span and for the selected link.
    pub(super) fn paint_links(
        &self,
        painter: &Painter,
        open: &Shown<'_>,
        style: TextStyle,
        selection: &Selection,
    ) {
        let annotations = open.annotations;
        let links = annotations.links.iter().filter(|l| {
            selection
                .span()
                .is_some_and(|id| l.from == id || l.to == id)
                || selection.link() == Some(*l)
        });
        let visuals = &painter.ctx().global_style().visuals;
        let font = FontId::proportional((style.size * 0.6).max(10.0));
        for link in links {
            let (Some(from), Some(to)) = (annotations.span(link.from), annotations.span(link.to))
            else {
                continue;
            };
            let color = if selection.link() == Some(link) {
                visuals.selection.stroke.color
            } else {
                visuals.text_color()
            };
            paint_link(
                painter,
                self.endpoint(from),
                self.endpoint(to),
                &link.label,
                color,
                painter.clip_rect(),
                &font,
            );
        }
    }

    /// Where a span is drawn (its first rect), or which way it is off screen.
    fn endpoint(&self, span: &Span) -> Endpoint {
        let i = self
            .paragraphs
            .partition_point(|p| p.end <= span.start.0)
            .min(self.paragraphs.len().saturating_sub(1));
        let Some((_, layout, top_left)) = self.last_layout.iter().find(|(j, _, _)| *j == i) else {
            return if self
                .last_layout
                .first()
                .is_some_and(|(first, _, _)| i < *first)
            {
                Endpoint::Above
            } else {
                Endpoint::Below
            };
        };
        let p = self.paragraphs[i];
        let (s, e) = (
            span.start.0.clamp(p.start, p.end) - p.start,
            span.end.0.clamp(p.start, p.end) - p.start,
        );
        layout.map.rects(s, e).next().map_or(Endpoint::Below, |r| {
            Endpoint::Here(r.translate(top_left.to_vec2()))
        })
    }

    /// The caret: a thin bar before its char, as tall as the glyphs.
    pub(super) fn paint_caret(&self, painter: &Painter, style: TextStyle, color: Color32) {
        let Some(at) = self.caret.at else { return };
        let Some((x, y)) = self.caret_point(at) else {
            return;
        };
        let half = style.size * 0.6;
        painter.rect_filled(
            Rect::from_min_max(pos2(x - 0.75, y - half), pos2(x + 0.75, y + half)),
            0.0,
            color,
        );
    }

    /// Where the caret at `at` stands on screen (x, and the middle of its line), if its
    /// paragraph was drawn.
    pub(super) fn caret_point(&self, at: usize) -> Option<(f32, f32)> {
        let i = self.paragraph_at_char(at);
        let (_, layout, top_left) = self.last_layout.iter().find(|(j, _, _)| *j == i)?;
        let p = self.paragraphs[i];
        let local = at.clamp(p.start, p.end) - p.start;
        let (x, line) = layout.map.caret_x(local)?;
        // Keys may have put it on the other side of a change of direction.
        let x = self
            .caret
            .x
            .filter(|_| self.caret.at == Some(at))
            .unwrap_or(x);
        let y = (line.y0 + line.y1) / 2.0;
        Some((top_left.x + x, top_left.y + y))
    }
}
