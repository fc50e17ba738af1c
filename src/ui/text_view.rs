//! The article with its spans: a virtualised view that lays out only the paragraphs on
//! screen, draws every span as a faint fill plus an underline in its own lane (so
//! overlapping and nested spans all stay visible), and turns drags and clicks into
//! selections.

use super::command::Command;
use super::link_arcs::{Endpoint, paint_link};
use super::overlay::Overlay;
use super::theme::{focus_fill, hit_fill, label_color, serif, span_fill};
use crate::model::Annotations;
use crate::model::{CharOffset, Document, Link, Schema, Snap, Span, SpanId, snap};
use crate::session::{Hit, OpenDocument};
use egui::text::{LayoutJob, TextFormat};
use egui::{
    Color32, CursorIcon, FontFamily, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2,
    vec2,
};
use std::sync::Arc;

/// Underline lanes under a row; spans nested deeper share the last lane.
const LANES: usize = 3;
/// Rows are this many times the font size, leaving room below the glyphs for lanes.
const LINE_FACTOR: f32 = 1.9;
/// Margin left and right of the text.
const MARGIN: f32 = 16.0;

/// One line of the article between two `\n`, laid out as a unit.
#[derive(Debug, Clone, Copy)]
struct Paragraph {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
}

/// A span's place within one paragraph.
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// Index into the annotations' spans.
    index: u32,
    lane: u8,
}

/// What the layout of paragraphs depends on; when it changes, heights are measured
/// again.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    width: f32,
    size: f32,
    serif: bool,
    lanes: usize,
}

/// How the article text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Serif rather than sans-serif.
    pub serif: bool,
    /// Dark theme.
    pub dark: bool,
    /// Extra underline lanes below the spans' own (one per annotator in review).
    pub lanes: usize,
}

/// The row height in font sizes with `lanes` extra lanes: glyphs sit in the middle of
/// the row, so each lane below needs twice its height of row.
fn line_factor(lanes: usize) -> f32 {
    LINE_FACTOR + 0.5 * lanes as f32
}

/// Search hits to show, and which one is current.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hits<'a> {
    /// All hits.
    pub all: &'a [Hit],
    /// The current one, drawn stronger.
    pub current: Option<usize>,
}

/// What the view shows: an article and one set of annotations on it, with a version
/// that changes whenever the annotations do (layout caches are kept by it).
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    /// The article.
    pub document: &'a Document,
    /// The spans and links drawn on it.
    pub annotations: &'a Annotations,
    /// Which set (an annotator's, or gold in review) and its edit count.
    pub version: (bool, u64),
}

impl<'a> From<&'a OpenDocument> for Shown<'a> {
    fn from(open: &'a OpenDocument) -> Self {
        Shown {
            document: open.document(),
            annotations: open.annotations(),
            version: (false, open.generation()),
        }
    }
}

impl Shown<'_> {
    fn document(&self) -> &Document {
        self.document
    }

    fn annotations(&self) -> &Annotations {
        self.annotations
    }
}

/// Everything a paragraph's painting needs besides the paragraph.
#[derive(Clone, Copy)]
struct Paint<'a> {
    schema: &'a Schema,
    style: TextStyle,
    hits: Hits<'a>,
    overlay: Option<&'a Overlay>,
}

/// What is selected in the view: a span, a link, or neither.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selected<'a> {
    /// The selected span.
    pub span: Option<SpanId>,
    /// The selected link.
    pub link: Option<&'a Link>,
}

/// The state of the text view that outlives a frame: caches of paragraph heights and
/// of which spans lie in which paragraph, the selection and a pending scroll.
#[derive(Debug, Default)]
pub struct TextView {
    document: Option<crate::model::DocumentId>,
    paragraphs: Vec<Paragraph>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is where paragraph `i` starts; one more entry for the end.
    tops: Vec<f32>,
    tops_dirty: bool,
    key: Option<LayoutKey>,
    spans_version: Option<(bool, u64)>,
    placement: Placement,
    /// The text selected by dragging, snapped: what a label key tags.
    selection: Option<(CharOffset, CharOffset)>,
    selected_span: Option<SpanId>,
    selected_link: Option<Link>,
    /// The next click on a span picks the other end of a link.
    link_mode: bool,
    drag_anchor: Option<usize>,
    /// A char to bring into view, and for how many frames to keep correcting as
    /// estimated heights become measured ones.
    scroll_to: Option<(usize, u8)>,
    last_viewport: Option<Rect>,
    /// The paragraphs drawn in the last frame with their galleys and screen positions.
    last_layout: Vec<(usize, Arc<Galley>, Pos2)>,
}

impl TextView {
    /// The selected text, if any.
    pub fn selection(&self) -> Option<(CharOffset, CharOffset)> {
        self.selection
    }

    /// Selects text (a search hit) and scrolls to it.
    pub fn select_text(&mut self, start: CharOffset, end: CharOffset) {
        self.selection = Some((start, end));
        self.selected_span = None;
        self.scroll_to = Some((start.0, 3));
    }

    /// The selected span, if any.
    pub fn selected_span(&self) -> Option<SpanId> {
        self.selected_span
    }

    /// Selects a span; with `scroll`, brings it into view.
    pub fn select_span(&mut self, id: Option<SpanId>, at: Option<CharOffset>) {
        self.selected_span = id;
        self.selected_link = None;
        self.selection = None;
        if let Some(at) = at {
            self.scroll_to = Some((at.0, 3));
        }
    }

    /// The selected span and link.
    pub fn selected(&self) -> Selected<'_> {
        Selected {
            span: self.selected_span,
            link: self.selected_link.as_ref(),
        }
    }

    /// The selected link, if any.
    pub fn selected_link(&self) -> Option<&Link> {
        self.selected_link.as_ref()
    }

    /// Selects a link (from the span list) and scrolls to where it starts.
    pub fn select_link(&mut self, link: Link, at: Option<CharOffset>) {
        self.selected_link = Some(link);
        self.selected_span = None;
        self.selection = None;
        if let Some(at) = at {
            self.scroll_to = Some((at.0, 3));
        }
    }

    /// Whether the next click on a span picks the other end of a link.
    pub fn set_link_mode(&mut self, on: bool) {
        self.link_mode = on;
    }

    /// Drops text, span and link selection.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.selected_span = None;
        self.selected_link = None;
    }

    /// Forgets the selection of a span or link that no longer exists (after undo or
    /// delete).
    pub fn forget_missing(&mut self, annotations: &Annotations) {
        if let Some(id) = self.selected_span
            && annotations.span(id).is_none()
        {
            self.selected_span = None;
        }
        if let Some(link) = &self.selected_link
            && !annotations.links.contains(link)
        {
            self.selected_link = None;
        }
    }

    /// The middle of the article, for benchmarks and tests that start mid-document.
    pub fn scroll_to_char(&mut self, at: CharOffset) {
        self.scroll_to = Some((at.0, 3));
    }

    /// Where char `at` was drawn in the last frame (the middle of its glyph, in screen
    /// points), if it was on screen: tests drag and click there.
    pub fn char_center(&self, at: CharOffset) -> Option<Pos2> {
        self.last_layout.iter().find_map(|(i, galley, top_left)| {
            let p = self.paragraphs[*i];
            if at.0 < p.start || at.0 >= p.end {
                return None;
            }
            let rect = row_rects(galley, at.0 - p.start, at.0 - p.start + 1).next()?;
            Some(*top_left + rect.center().to_vec2())
        })
    }

    /// The part of the article on screen in the last frame, for tests.
    pub fn last_viewport(&self) -> Option<Rect> {
        self.last_viewport
    }

    fn prepare(&mut self, open: &Shown<'_>, key: LayoutKey) {
        let document = open.document();
        if self.document.as_ref() != Some(document.id()) {
            *self = TextView {
                document: Some(document.id().clone()),
                paragraphs: split_paragraphs(document.text()),
                ..TextView::default()
            };
        }
        if self.key != Some(key) {
            self.key = Some(key);
            self.heights = self
                .paragraphs
                .iter()
                .map(|p| estimate_height(p.end - p.start, key))
                .collect();
            self.measured = vec![false; self.paragraphs.len()];
            self.tops_dirty = true;
        }
        if self.spans_version != Some(open.version) {
            self.spans_version = Some(open.version);
            self.placement = place_spans(&self.paragraphs, &open.annotations().spans);
            self.forget_missing(open.annotations());
        }
        if self.tops_dirty {
            self.tops_dirty = false;
            self.tops.clear();
            self.tops.reserve(self.heights.len() + 1);
            let mut y = 0.0;
            self.tops.push(y);
            for h in &self.heights {
                y += h;
                self.tops.push(y);
            }
        }
    }

    fn paragraph_at_char(&self, at: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end < at)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// The char under `pos`, in the paragraphs laid out this frame.
    fn char_at(&self, shown: &[(usize, Arc<Galley>)], origin: Pos2, pos: Pos2) -> Option<usize> {
        let i = self.paragraph_at_y(pos.y - origin.y);
        let (_, galley) = shown.iter().find(|(j, _)| *j == i)?;
        let p = self.paragraphs[i];
        let local = pos - (origin + vec2(0.0, self.tops[i]));
        let c = galley.cursor_from_pos(local).index.0;
        Some((p.start + c).min(p.end))
    }

    /// Draws the view and handles the mouse. Returns commands for the app.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        open: &Shown<'_>,
        schema: &Schema,
        style: TextStyle,
        hits: Hits<'_>,
        overlay: Option<&Overlay>,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let width = (ui.available_width() - 2.0 * MARGIN).max(80.0);
        let key = LayoutKey {
            width: width.round(),
            size: style.size,
            serif: style.serif,
            lanes: style.lanes,
        };
        self.prepare(open, key);
        if self.paragraphs.is_empty() {
            ui.label("This article is empty.");
            return commands;
        }
        let font = FontId::new(
            style.size,
            if style.serif {
                serif()
            } else {
                FontFamily::Proportional
            },
        );
        let text_color = ui.visuals().text_color();
        let viewport_height = ui.available_height();

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("text-view", open.document().id().as_str()))
            .auto_shrink(false)
            .scroll_source(egui::scroll_area::ScrollSource {
                drag: egui::scroll_area::DragScroll::Never,
                ..Default::default()
            });
        if let Some((at, frames)) = self.scroll_to {
            let p = self.paragraph_at_char(at);
            let target = (self.tops[p] - viewport_height / 3.0).max(0.0);
            area = area.vertical_scroll_offset(target);
            self.scroll_to = (frames > 1).then_some((at, frames - 1));
            ui.ctx().request_repaint();
        }

        let total = *self.tops.last().unwrap_or(&0.0);
        let alt = ui.input(|i| i.modifiers.alt);
        area.show_viewport(ui, |ui, viewport| {
            self.last_viewport = Some(viewport);
            let (rect, response) = ui.allocate_exact_size(
                vec2(width + 2.0 * MARGIN, total.max(viewport.height())),
                Sense::click_and_drag(),
            );
            let origin = rect.min + vec2(MARGIN, 0.0);
            let first = self.paragraph_at_y(viewport.min.y);
            let mut shown: Vec<(usize, Arc<Galley>)> = Vec::new();
            let mut i = first;
            while i < self.paragraphs.len() && self.tops[i] <= viewport.max.y {
                let galley = self.layout(ui, open.document(), i, &font, text_color, width);
                let height = galley.size().y.max(style.size * line_factor(style.lanes));
                if !self.measured[i] || (self.heights[i] - height).abs() > 0.5 {
                    self.heights[i] = height;
                    self.measured[i] = true;
                    self.tops_dirty = true;
                }
                shown.push((i, galley));
                i += 1;
            }
            self.last_layout = shown
                .iter()
                .map(|(i, g)| (*i, g.clone(), origin + vec2(0.0, self.tops[*i])))
                .collect();
            let painter = ui.painter_at(ui.clip_rect());
            for (i, galley) in &shown {
                let top_left = origin + vec2(0.0, self.tops[*i]);
                let paint = Paint {
                    schema,
                    style,
                    hits,
                    overlay,
                };
                self.paint_paragraph(&painter, open, &paint, *i, galley, top_left);
            }
            self.paint_links(&painter, open, &shown, origin, style);
            self.interact(
                ui,
                &response,
                open,
                &shown,
                origin,
                alt,
                overlay,
                &mut commands,
            );
        });
        if self.tops_dirty {
            ui.ctx().request_repaint();
        }
        commands
    }

    /// Arcs for the links of the selected span and for the selected link.
    fn paint_links(
        &self,
        painter: &egui::Painter,
        open: &Shown<'_>,
        shown: &[(usize, Arc<Galley>)],
        origin: Pos2,
        style: TextStyle,
    ) {
        let annotations = open.annotations();
        let links = annotations.links.iter().filter(|l| {
            self.selected_span
                .is_some_and(|id| l.from == id || l.to == id)
                || self.selected_link.as_ref() == Some(*l)
        });
        let visuals = &painter.ctx().global_style().visuals;
        let font = FontId::proportional((style.size * 0.6).max(10.0));
        for link in links {
            let (Some(from), Some(to)) = (annotations.span(link.from), annotations.span(link.to))
            else {
                continue;
            };
            let color = if self.selected_link.as_ref() == Some(link) {
                visuals.selection.stroke.color
            } else {
                visuals.text_color()
            };
            paint_link(
                painter,
                self.endpoint(from, shown, origin),
                self.endpoint(to, shown, origin),
                &link.label,
                color,
                painter.clip_rect(),
                &font,
            );
        }
    }

    /// Where a span is drawn (its first row), or which way it is off screen.
    fn endpoint(&self, span: &Span, shown: &[(usize, Arc<Galley>)], origin: Pos2) -> Endpoint {
        let i = self
            .paragraphs
            .partition_point(|p| p.end <= span.start.0)
            .min(self.paragraphs.len().saturating_sub(1));
        let Some((_, galley)) = shown.iter().find(|(j, _)| *j == i) else {
            return if shown.first().is_some_and(|(first, _)| i < *first) {
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
        let top_left = origin + vec2(0.0, self.tops[i]);
        row_rects(galley, s, e).next().map_or(Endpoint::Below, |r| {
            Endpoint::Here(r.translate(top_left.to_vec2()))
        })
    }

    fn layout(
        &self,
        ui: &Ui,
        document: &Document,
        i: usize,
        font: &FontId,
        color: Color32,
        width: f32,
    ) -> Arc<Galley> {
        let p = self.paragraphs[i];
        let lanes = self.key.map_or(0, |k| k.lanes);
        let text = document.text().get(p.byte_start..p.byte_end).unwrap_or("");
        let mut job = LayoutJob::single_section(
            text.to_owned(),
            TextFormat {
                font_id: font.clone(),
                color,
                line_height: Some(font.size * line_factor(lanes)),
                ..TextFormat::default()
            },
        );
        job.wrap.max_width = width;
        ui.painter().layout_job(job)
    }

    fn paint_paragraph(
        &self,
        painter: &egui::Painter,
        open: &Shown<'_>,
        paint: &Paint<'_>,
        i: usize,
        galley: &Arc<Galley>,
        top_left: Pos2,
    ) {
        let Paint {
            schema,
            style,
            hits,
            overlay,
        } = *paint;
        let p = self.paragraphs[i];
        let spans = &open.annotations().spans;
        let local = |start: usize, end: usize| {
            (
                start.clamp(p.start, p.end) - p.start,
                end.clamp(p.start, p.end) - p.start,
            )
        };
        // Fills first, text over them, underlines last.
        for placed in self.placement.of(i) {
            let span = &spans[placed.index as usize];
            let color = color_of(schema, span);
            let selected = self.selected_span == Some(span.id);
            let (s, e) = local(span.start.0, span.end.0);
            for r in row_rects(galley, s, e) {
                let r = r.translate(top_left.to_vec2());
                // Square corners: a rounded rect costs a tessellated path, and a
                // dense article has hundreds of spans on screen.
                painter.rect_filled(r, 0.0, span_fill(color, style.dark, selected));
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
        let first_hit = hits.all.partition_point(|h| h.end.0 <= p.start);
        for (n, hit) in hits.all[first_hit..]
            .iter()
            .enumerate()
            .take_while(|(_, h)| h.start.0 < p.end.max(p.start + 1))
        {
            let (s, e) = local(hit.start.0, hit.end.0);
            let current = hits.current == Some(first_hit + n);
            for r in row_rects(galley, s, e) {
                painter.rect_filled(r.translate(top_left.to_vec2()), 0.0, hit_fill(current));
            }
        }
        if let Some((start, end)) = self.selection
            && start.0 < p.end
            && end.0 > p.start
        {
            let (s, e) = local(start.0, end.0);
            let fill = painter.ctx().global_style().visuals.selection.bg_fill;
            for r in row_rects(galley, s, e) {
                painter.rect_filled(
                    r.translate(top_left.to_vec2()),
                    0.0,
                    fill.gamma_multiply(0.6),
                );
            }
        }
        if let Some((start, end)) = overlay.and_then(|o| o.focus)
            && start < p.end.max(p.start + 1)
            && end > p.start
        {
            let (s, e) = local(start, end);
            for r in row_rects(galley, s, e) {
                painter.rect_filled(r.translate(top_left.to_vec2()), 0.0, focus_fill(style.dark));
            }
        }
        painter.galley(top_left, galley.clone(), Color32::PLACEHOLDER);
        let lane_gap = (style.size * 0.16).max(2.5);
        for placed in self.placement.of(i) {
            let span = &spans[placed.index as usize];
            let color = color_of(schema, span);
            let (s, e) = local(span.start.0, span.end.0);
            let lane = placed.lane as f32;
            for r in row_rects(galley, s, e) {
                let r = r.translate(top_left.to_vec2());
                // The glyphs sit in the middle of a tall row; lanes fill the space below.
                let y = r.center().y + style.size * 0.55 + lane * lane_gap;
                // A thin rect rather than a line: four vertices, no feathered path.
                painter.rect_filled(
                    Rect::from_min_max(pos2(r.left(), y - 1.0), pos2(r.right(), y + 1.0)),
                    0.0,
                    color,
                );
            }
        }
        let Some(overlay) = overlay else { return };
        // Annotators' lanes below the spans' own: quiet where they agree, loud where
        // they do not.
        for (n, lane) in overlay.lanes.iter().enumerate() {
            let offset = style.size * 0.55 + (LANES as f32 + 0.5 + 1.6 * n as f32) * lane_gap;
            for mark in lane
                .marks
                .iter()
                .filter(|m| m.start < p.end && m.end > p.start)
            {
                let (s, e) = local(mark.start, mark.end);
                let (half, color) = if mark.loud {
                    (2.0, mark.color)
                } else {
                    (0.75, mark.color.gamma_multiply(0.45))
                };
                for r in row_rects(galley, s, e) {
                    let r = r.translate(top_left.to_vec2());
                    let y = r.center().y + offset;
                    painter.rect_filled(
                        Rect::from_min_max(pos2(r.left(), y - half), pos2(r.right(), y + half)),
                        0.0,
                        color,
                    );
                }
            }
        }
    }

    #[expect(clippy::too_many_arguments, reason = "one frame's interaction inputs")]
    fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        open: &Shown<'_>,
        shown: &[(usize, Arc<Galley>)],
        origin: Pos2,
        alt: bool,
        overlay: Option<&Overlay>,
        commands: &mut Vec<Command>,
    ) {
        let document = open.document();
        let char_at = |pos: Option<Pos2>| pos.and_then(|p| self.char_at(shown, origin, p));
        let pressed = char_at(response.interact_pointer_pos());
        // A drag is recognised only after the pointer moved a little: it starts where the
        // button went down, not where the drag was noticed.
        let origin_char = char_at(ui.input(|i| i.pointer.press_origin()));
        let hovered = char_at(response.hover_pos());
        let mode = if alt { Snap::Exact } else { Snap::Words };

        if response.drag_started() {
            self.drag_anchor = origin_char.or(pressed);
        }
        if response.dragged()
            && let (Some(anchor), Some(pos)) = (self.drag_anchor, response.interact_pointer_pos())
        {
            if let Some(here) = pressed {
                self.selection = snap(document, CharOffset(anchor), CharOffset(here), mode);
                self.selected_span = None;
            }
            // Dragging past the edge scrolls, so a selection can run over many screens.
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
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.double_clicked() {
            if let Some(at) = pressed {
                self.selection = snap(document, CharOffset(at), CharOffset(at), Snap::Words);
                self.selected_span = None;
            }
        } else if response.clicked()
            && let Some(at) = pressed
        {
            let spans = &open.annotations().spans;
            let candidates = self
                .placement
                .of(self.paragraph_at_char(at))
                .iter()
                .map(|p| &spans[p.index as usize]);
            match innermost_span_at(candidates, at) {
                Some(span) => commands.push(Command::SelectSpan(span.id)),
                // A click beside the spans while linking gives up the link.
                None if self.link_mode => commands.push(Command::Escape),
                None => self.clear_selection(),
            }
        }
        if self.drag_anchor.is_none()
            && let Some(at) = hovered
        {
            // Only the spans of the paragraph under the pointer: a book-length article
            // has too many to scan every frame.
            let spans = &open.annotations().spans;
            let here: Vec<&Span> = self
                .placement
                .of(self.paragraph_at_char(at))
                .iter()
                .map(|p| &spans[p.index as usize])
                .filter(|s| s.start.0 <= at && at < s.end.0)
                .collect();
            let mut tip: Vec<String> = here.iter().map(|s| describe(s)).collect();
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
                .set_cursor_icon(match (here.is_empty(), self.link_mode) {
                    (true, _) => CursorIcon::Text,
                    (false, true) => CursorIcon::Crosshair,
                    (false, false) => CursorIcon::PointingHand,
                });
            if !tip.is_empty() {
                response.clone().on_hover_text_at_pointer(tip.join("\n"));
            }
        }
    }
}

/// A span in one line for tooltips and lists: `stance (oppose): “rejected”`.
pub fn describe(span: &Span) -> String {
    let attributes: Vec<&str> = span.attributes.values().map(String::as_str).collect();
    let mut line = if attributes.is_empty() {
        format!("{}: “{}”", span.label, span.text)
    } else {
        format!(
            "{} ({}): “{}”",
            span.label,
            attributes.join(", "),
            span.text
        )
    };
    if !span.note.is_empty() {
        line.push_str(&format!("\nnote: {}", span.note));
    }
    line
}

fn color_of(schema: &Schema, span: &Span) -> Color32 {
    schema
        .label(&span.label)
        .map_or(Color32::GRAY, |l| label_color(&l.color))
}

/// The smallest span covering char `at`: a click on nested spans selects the inner one.
fn innermost_span_at<'a>(spans: impl IntoIterator<Item = &'a Span>, at: usize) -> Option<&'a Span> {
    spans
        .into_iter()
        .filter(|s| s.start.0 <= at && at < s.end.0)
        .min_by_key(|s| s.end.0 - s.start.0)
}

fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut char_start = 0;
    let mut byte_start = 0;
    for line in text.split('\n') {
        let chars = line.chars().count();
        paragraphs.push(Paragraph {
            start: char_start,
            end: char_start + chars,
            byte_start,
            byte_end: byte_start + line.len(),
        });
        char_start += chars + 1;
        byte_start += line.len() + 1;
    }
    // A trailing newline leaves an empty last line that shows nothing.
    if paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| p.start == p.end) {
        paragraphs.pop();
    }
    paragraphs
}

fn estimate_height(chars: usize, key: LayoutKey) -> f32 {
    // An average glyph is about half the font size wide.
    let per_row = (key.width / (key.size * 0.5)).max(1.0);
    let rows = ((chars as f32) / per_row).ceil().max(1.0);
    rows * key.size * line_factor(key.lanes)
}

/// Which spans lie in each paragraph, kept flat (one allocation however many
/// paragraphs), each with its underline lane.
#[derive(Debug, Default)]
struct Placement {
    /// The spans of paragraph `i` are `placed[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    placed: Vec<Placed>,
}

impl Placement {
    /// The spans of paragraph `i`, ordered by start.
    fn of(&self, i: usize) -> &[Placed] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.placed[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Places every span in the paragraphs it covers, each with the lowest underline lane
/// free of overlap with spans before it. Rebuilt after every edit, so it is one pass
/// over spans sorted by start, without a search or an allocation per span.
fn place_spans(paragraphs: &[Paragraph], spans: &[Span]) -> Placement {
    // The paragraphs a span covers: from the first that ends after its start, while
    // they start before its end. Empty paragraphs have nothing to draw on.
    let covered = |first: usize, end: usize| {
        paragraphs[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, p)| p.start < end)
            .filter(|(_, p)| p.start < p.end)
            .map(move |(k, _)| first + k)
    };
    let mut firsts = Vec::with_capacity(spans.len());
    let mut counts = vec![0u32; paragraphs.len() + 1];
    let mut first = 0;
    for span in spans {
        while first < paragraphs.len() && paragraphs[first].end <= span.start.0 {
            first += 1;
        }
        firsts.push(first);
        for p in covered(first, span.end.0) {
            counts[p] += 1;
        }
    }
    let mut starts = Vec::with_capacity(paragraphs.len() + 1);
    let mut total = 0u32;
    for count in &counts[..paragraphs.len()] {
        starts.push(total);
        total += count;
    }
    starts.push(total);
    let mut placed = vec![Placed { index: 0, lane: 0 }; total as usize];
    let mut cursor: Vec<u32> = starts.clone();
    for (index, (span, &first)) in spans.iter().zip(&firsts).enumerate() {
        for p in covered(first, span.end.0) {
            placed[cursor[p] as usize] = Placed {
                index: index as u32,
                lane: 0,
            };
            cursor[p] += 1;
        }
    }
    // Within a paragraph spans come ordered by start; each takes the first lane whose
    // last span has ended.
    let mut lane_ends: Vec<usize> = Vec::new();
    for window in starts.windows(2) {
        lane_ends.clear();
        for p in &mut placed[window[0] as usize..window[1] as usize] {
            let span = &spans[p.index as usize];
            let lane = lane_ends
                .iter()
                .position(|&end| end <= span.start.0)
                .unwrap_or(lane_ends.len());
            if lane == lane_ends.len() {
                lane_ends.push(span.end.0);
            } else {
                lane_ends[lane] = span.end.0;
            }
            p.lane = lane.min(LANES - 1) as u8;
        }
    }
    Placement { starts, placed }
}

/// The rectangles, one per row, that chars `start..end` of a paragraph cover.
fn row_rects(galley: &Galley, start: usize, end: usize) -> impl Iterator<Item = Rect> + '_ {
    let mut row_start = 0;
    galley.rows.iter().filter_map(move |row| {
        let count = row.char_count_excluding_newline().0;
        let (a, b) = (start.max(row_start), end.min(row_start + count));
        let this_start = row_start;
        row_start += count + usize::from(row.ends_with_newline);
        (a < b).then(|| {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - this_start));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b - this_start));
            Rect::from_min_max(pos2(x0, row.min_y()), pos2(x1, row.max_y()))
        })
    })
}

/// The size of the view's content, for tests.
pub fn content_size(view: &TextView) -> Vec2 {
    vec2(
        view.key.map_or(0.0, |k| k.width),
        view.tops.last().copied().unwrap_or(0.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotations, AnnotatorName, NewSpan};

    #[test]
    fn paragraphs_cover_the_text_between_newlines() {
        let text = "één\n\nzwei drei\n";
        let ps = split_paragraphs(text);
        assert_eq!(ps.len(), 3);
        assert_eq!((ps[0].start, ps[0].end), (0, 3));
        assert_eq!((ps[1].start, ps[1].end), (4, 4));
        assert_eq!((ps[2].start, ps[2].end), (5, 14));
        assert_eq!(&text[ps[2].byte_start..ps[2].byte_end], "zwei drei");
    }

    #[test]
    fn overlapping_spans_get_their_own_lanes() {
        let doc = Document::from_text("Iran’s foreign ministry warned Europe.\nSecond line.");
        let schema = Schema::default();
        let mut a = Annotations::new(&doc, AnnotatorName::new("t").unwrap());
        for (s, e, l) in [
            (0, 4, "actor"),
            (0, 23, "claim"),
            (7, 14, "stance"),
            (24, 30, "stance"),
        ] {
            a.add_span(&doc, &schema, NewSpan::new(CharOffset(s), CharOffset(e), l))
                .unwrap();
        }
        let ps = split_paragraphs(doc.text());
        let placed = place_spans(&ps, &a.spans);
        assert_eq!(placed.of(0).len(), 4);
        assert!(placed.of(1).is_empty());
        let lane = |label: &str, start: usize| {
            placed
                .of(0)
                .iter()
                .find(|p| {
                    let s = &a.spans[p.index as usize];
                    s.label == label && s.start.0 == start
                })
                .unwrap()
                .lane
        };
        assert_ne!(lane("actor", 0), lane("claim", 0));
        assert_ne!(lane("stance", 7), lane("claim", 0));
        assert_eq!(
            lane("stance", 24),
            0,
            "after the others end, lane 0 is free again"
        );
    }

    #[test]
    fn a_span_over_several_paragraphs_is_placed_in_each() {
        let doc = Document::from_text("One two.\n\nThree four.\nFive.");
        let schema = Schema::default();
        let mut a = Annotations::new(&doc, AnnotatorName::new("t").unwrap());
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(4), CharOffset(15), "claim"),
        )
        .unwrap();
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(10), CharOffset(15), "actor"),
        )
        .unwrap();
        let ps = split_paragraphs(doc.text());
        let placed = place_spans(&ps, &a.spans);
        let labels = |i: usize| -> Vec<&str> {
            placed
                .of(i)
                .iter()
                .map(|p| a.spans[p.index as usize].label.as_str())
                .collect()
        };
        assert_eq!(labels(0), ["claim"]);
        assert!(labels(1).is_empty(), "the empty line has nothing to draw");
        assert_eq!(labels(2), ["claim", "actor"]);
        assert!(labels(3).is_empty());
        assert!(placed.of(99).is_empty());
    }

    #[test]
    fn innermost_span_wins_a_click() {
        let doc = Document::from_text("Iran’s foreign ministry warned.");
        let schema = Schema::default();
        let mut a = Annotations::new(&doc, AnnotatorName::new("t").unwrap());
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(0), CharOffset(23), "actor"),
        )
        .unwrap();
        a.add_span(
            &doc,
            &schema,
            NewSpan::new(CharOffset(0), CharOffset(4), "claim"),
        )
        .unwrap();
        assert_eq!(innermost_span_at(&a.spans, 2).unwrap().label, "claim");
        assert_eq!(innermost_span_at(&a.spans, 10).unwrap().label, "actor");
        assert!(innermost_span_at(&a.spans, 25).is_none());
    }
}
