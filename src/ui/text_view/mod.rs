//! The article with its spans: a virtualised view that lays out only the paragraphs on
//! screen, draws every span as a faint fill plus an underline in its own lane (so
//! overlapping and nested spans all stay visible), and turns drags, clicks and caret
//! keys into selections.
//!
//! Text in every script: each paragraph is laid out in the visual order of the Unicode
//! Bidi Algorithm ([`layout`]), and every mapping between the screen and chars goes
//! through its [`map::LineMap`], which knows which chars each glyph covers.

mod bidi;
mod caret;
mod clusters;
mod interact;
mod layout;
mod map;
mod paint;
mod paragraphs;

pub use bidi::{display_fitting, display_order};
pub use caret::CaretMove;

use super::command::Command;
use super::overlay::Overlay;
use super::theme::serif;
use crate::model::{Annotations, CharOffset, Document, DocumentId, Schema};
use crate::session::{Hit, OpenDocument, Selection};
use egui::text::TextFormat;
use egui::{Color32, FontFamily, FontId, Galley, Pos2, Rect, Sense, Ui, Vec2, vec2};
use layout::{ParaLayout, Shaper, lay_out};
use paragraphs::{Paragraph, Placement, place_spans, split_paragraphs};
use std::collections::HashMap;
use std::sync::Arc;

/// Underline lanes under a row; spans nested deeper share the last lane.
const LANES: usize = 3;
/// Rows are this many times the font size, leaving room below the glyphs for lanes.
const LINE_FACTOR: f32 = 1.9;
/// For how many frames a jump keeps correcting its aim while the heights of the
/// paragraphs on the way are measured (a change of line height, as review mode's
/// lanes make, leaves them all estimated).
const SCROLL_FRAMES: u8 = 8;
/// Margin left and right of the text.
const MARGIN: f32 = 16.0;
/// Paragraph layouts kept beyond those on screen, for scrolling back.
const KEPT_LAYOUTS: usize = 256;

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
    // Each review lane takes `paint::review_lane_step` (half the size) below the
    // text; the rest keeps it clear of the next line.
    LINE_FACTOR + 0.8 * lanes as f32
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

/// Suggestions to show, in text order, and the one looked at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offers<'a> {
    /// All of them.
    pub all: &'a [crate::suggest::Suggestion],
    /// The one looked at, drawn stronger and named.
    pub current: Option<usize>,
}

/// What is drawn over the text besides the spans: search hits, suggestions, review
/// mode's lanes, and whether a link is being made (the next click on a span is its
/// other end).
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    /// Search hits.
    pub hits: Hits<'a>,
    /// Suggestions offered.
    pub offers: Offers<'a>,
    /// Review mode's lanes, one per annotator.
    pub overlay: Option<&'a Overlay>,
    /// A link is being made.
    pub linking: bool,
}

/// A paragraph drawn in the last frame: its index, layout and top left on screen.
type Drawn = (usize, Arc<ParaLayout>, Pos2);

/// The state of the text view that outlives a frame: caches of paragraph layouts and
/// heights and of which spans lie in which paragraph, the caret and a pending scroll.
/// What is selected is the editing model's ([`Selection`]), handed in each frame.
#[derive(Debug, Default)]
pub struct TextView {
    document: Option<DocumentId>,
    paragraphs: Vec<Paragraph>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is where paragraph `i` starts; one more entry for the end.
    tops: Vec<f32>,
    tops_dirty: bool,
    key: Option<LayoutKey>,
    spans_version: Option<(bool, u64)>,
    placement: Placement,
    /// Layouts of the paragraphs seen lately, by paragraph.
    layouts: HashMap<usize, Arc<ParaLayout>>,
    /// What the layouts were made with: text colour, and a galley egui laid out in the
    /// same frame. egui hands back another galley for the same text once it rebuilt
    /// its font atlas, and then the layouts' galleys point into the old one.
    made_with: Option<(Color32, Arc<Galley>)>,
    drag_anchor: Option<interact::Anchor>,
    caret: caret::Caret,
    /// A char to bring into view, and for how many frames to keep correcting as
    /// estimated heights become measured ones.
    scroll_to: Option<(usize, u8)>,
    /// `scroll_to` puts the paragraph at the top, not the char in the upper third.
    scroll_to_top: bool,
    last_viewport: Option<Rect>,
    /// Where the view was on screen in the last frame.
    last_clip: Option<Rect>,
    /// The paragraphs drawn in the last frame.
    last_layout: Vec<Drawn>,
}

impl TextView {
    /// Brings char `at` into view unless it was wholly on screen in the last frame
    /// (a click on a visible span must not move the text under the pointer).
    pub fn reveal(&mut self, at: CharOffset) {
        if !self.on_screen(at.0) {
            self.scroll_to = Some((at.0, SCROLL_FRAMES));
            self.scroll_to_top = false;
        }
    }

    /// Puts the caret at the end of text selected by other means than the view (a
    /// search hit, a disagreement), and brings its start into view.
    pub fn show_selected_text(&mut self, (start, end): (CharOffset, CharOffset)) {
        self.caret.place(end.0);
        self.reveal(start);
    }

    /// Forgets where Shift started extending the selection: the selection is gone.
    pub fn forget_caret_anchor(&mut self) {
        self.caret.anchor = None;
    }

    /// Scrolls so that char `at` is in the upper third of the view.
    pub fn scroll_to_char(&mut self, at: CharOffset) {
        self.scroll_to = Some((at.0, SCROLL_FRAMES));
        self.scroll_to_top = false;
    }

    /// Scrolls so that the paragraph holding char `at` starts at the top of the view:
    /// where the reader left it, given by [`TextView::top_char`].
    pub fn scroll_paragraph_to_top(&mut self, at: CharOffset) {
        self.scroll_to = Some((at.0, SCROLL_FRAMES));
        self.scroll_to_top = true;
    }

    /// The first char of the paragraph at the top of the view in the last frame: a
    /// place to come back to that holds at any text size or window width.
    pub fn top_char(&self) -> Option<CharOffset> {
        let viewport = self.last_viewport?;
        if self.paragraphs.is_empty() || self.tops.len() <= self.paragraphs.len() {
            return None;
        }
        let p = self.paragraph_at_y(viewport.min.y + 1.0);
        Some(CharOffset(self.paragraphs[p].start))
    }

    /// Whether char `at` was drawn wholly inside the view in the last frame.
    fn on_screen(&self, at: usize) -> bool {
        match (self.char_rect(CharOffset(at)), self.last_clip) {
            (Some(rect), Some(clip)) => clip.contains_rect(rect),
            _ => false,
        }
    }

    /// Where the grapheme holding char `at` was drawn in the last frame, in screen
    /// points, if it was on screen.
    pub fn char_rect(&self, at: CharOffset) -> Option<Rect> {
        self.last_layout.iter().find_map(|(i, layout, top_left)| {
            let p = self.paragraphs[*i];
            if at.0 < p.start || at.0 >= p.end {
                return None;
            }
            let rect = layout.map.char_rect(at.0 - p.start)?;
            Some(rect.translate(top_left.to_vec2()))
        })
    }

    /// The middle of the glyph of char `at` in the last frame, if it was on screen:
    /// tests drag and click there.
    pub fn char_center(&self, at: CharOffset) -> Option<Pos2> {
        self.char_rect(at).map(|r| r.center())
    }

    /// Where the caret is, as an offset into the article.
    pub fn caret(&self) -> Option<CharOffset> {
        self.caret.at.map(CharOffset)
    }

    /// The part of the article on screen in the last frame, for tests.
    pub fn last_viewport(&self) -> Option<Rect> {
        self.last_viewport
    }

    /// Where the article was drawn on screen in the last frame (its scroll area's
    /// clip), for tests of the window's layout.
    pub fn screen_rect(&self) -> Option<Rect> {
        self.last_clip
    }

    fn prepare(&mut self, open: &Shown<'_>, key: LayoutKey) {
        let document = open.document;
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
            self.layouts.clear();
        }
        if self.spans_version != Some(open.version) {
            self.spans_version = Some(open.version);
            self.placement = place_spans(&self.paragraphs, &open.annotations.spans);
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

    /// Drops the kept layouts when egui rebuilt its font atlas or the colour changed.
    fn check_layouts(&mut self, ui: &Ui, font: &FontId, color: Color32) {
        let probe = ui
            .painter()
            .layout_no_wrap("claimspan".to_owned(), font.clone(), color);
        let fresh = self
            .made_with
            .as_ref()
            .is_some_and(|(c, g)| *c == color && Arc::ptr_eq(g, &probe));
        if !fresh {
            self.layouts.clear();
        }
        self.made_with = Some((color, probe));
    }

    /// Paragraph `i` laid out, from the kept layouts or made now.
    fn layout(
        &mut self,
        ui: &Ui,
        document: &Document,
        i: usize,
        format: &TextFormat,
    ) -> Arc<ParaLayout> {
        if let Some(layout) = self.layouts.get(&i) {
            return layout.clone();
        }
        let p = self.paragraphs[i];
        let width = self.key.map_or(80.0, |k| k.width);
        let text = document.text().get(p.byte_start..p.byte_end).unwrap_or("");
        let painter = ui.painter();
        let mut fonts = |job| painter.layout_job(job);
        let mut shaper = Shaper {
            fonts: &mut fonts,
            format: format.clone(),
        };
        let layout = Arc::new(lay_out(text, width, &mut shaper));
        self.layouts.insert(i, layout.clone());
        layout
    }

    /// Draws the view and handles the mouse: a drag or double-click selects text in
    /// `selection`, a click on a span asks for it by command. Returns commands for the
    /// app.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        open: &Shown<'_>,
        schema: &Schema,
        style: TextStyle,
        marks: Marks<'_>,
        selection: &mut Selection,
    ) -> Vec<Command> {
        let Marks {
            hits,
            offers,
            overlay,
            linking,
        } = marks;
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
        let format = text_format(ui, style);
        let text_color = format.color;
        self.check_layouts(ui, &format.font_id, text_color);
        let area = self.scroll_area(ui, open.document);
        let total = *self.tops.last().unwrap_or(&0.0);
        let alt = ui.input(|i| i.modifiers.alt);
        // No springing back from past the end: a jump aimed by estimated heights
        // may land there for a frame, and the spring's speed would carry the view
        // off the place after the jump (egui keeps it in the scroll state).
        let rubber_band = ui.spacing().scroll.kinetic.rubber_band;
        ui.spacing_mut().scroll.kinetic.rubber_band = false;
        area.show_viewport(ui, |ui, viewport| {
            self.last_viewport = Some(viewport);
            self.last_clip = Some(ui.clip_rect());
            let (rect, response) = ui.allocate_exact_size(
                vec2(width + 2.0 * MARGIN, total.max(viewport.height())),
                Sense::click_and_drag(),
            );
            let origin = rect.min + vec2(MARGIN, 0.0);
            let shown = self.lay_out_visible(ui, open.document, viewport, &format, style);
            self.last_layout = shown
                .iter()
                .map(|(i, l)| (*i, l.clone(), origin + vec2(0.0, self.tops[*i])))
                .collect();
            let painter = ui.painter_at(ui.clip_rect());
            let paint = paint::Paint {
                schema,
                style,
                hits,
                offers,
                overlay,
                selection: selection.text(),
                selected_span: selection.span(),
            };
            self.paint_visible(&painter, open.annotations, &paint);
            self.paint_links(&painter, open, style, selection);
            self.paint_caret(&painter, style, text_color);
            let frame = interact::Frame {
                response: &response,
                shown: &shown,
                origin,
                alt,
                overlay,
                linking,
                offers: offers.all,
            };
            self.interact(ui, open, &frame, selection, &mut commands);
        });
        ui.spacing_mut().scroll.kinetic.rubber_band = rubber_band;
        if self.tops_dirty {
            ui.ctx().request_repaint();
        }
        commands
    }

    /// The scroll area of `document`, aimed at the place a jump asked for while it
    /// corrects its aim (estimated heights become measured ones on the way).
    fn scroll_area(&mut self, ui: &Ui, document: &Document) -> egui::ScrollArea {
        let viewport_height = ui.available_height();
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("text-view", document.id().as_str()))
            .auto_shrink(false)
            .scroll_source(egui::scroll_area::ScrollSource {
                drag: egui::scroll_area::DragScroll::Never,
                ..Default::default()
            });
        if let Some((at, frames)) = self.scroll_to {
            let p = self.paragraph_at_char(at);
            let above = if self.scroll_to_top {
                0.0
            } else {
                viewport_height / 3.0
            };
            // Never past the end: egui would spring back from there, and the place
            // would leave the view again.
            let end = (*self.tops.last().unwrap_or(&0.0) - viewport_height).max(0.0);
            let target = (self.tops[p] - above).clamp(0.0, end);
            area = area.vertical_scroll_offset(target);
            self.scroll_to = (frames > 1).then_some((at, frames - 1));
            ui.ctx().request_repaint();
        }
        area
    }

    /// Paints the paragraphs laid out this frame with their spans.
    fn paint_visible(
        &self,
        painter: &egui::Painter,
        annotations: &Annotations,
        paint: &paint::Paint<'_>,
    ) {
        for (i, layout, top_left) in &self.last_layout {
            let placed = self.placement.of(*i);
            let p = &self.paragraphs[*i];
            paint::paragraph(painter, annotations, placed, p, layout, *top_left, paint);
        }
    }

    /// Lays out the paragraphs in `viewport` (content coordinates), measuring their
    /// heights, and forgets layouts long off screen.
    fn lay_out_visible(
        &mut self,
        ui: &Ui,
        document: &Document,
        viewport: Rect,
        format: &TextFormat,
        style: TextStyle,
    ) -> Vec<(usize, Arc<ParaLayout>)> {
        let mut shown = Vec::new();
        let mut i = self.paragraph_at_y(viewport.min.y);
        while i < self.paragraphs.len() && self.tops[i] <= viewport.max.y {
            let layout = self.layout(ui, document, i, format);
            let height = layout.height.max(style.size * line_factor(style.lanes));
            if !self.measured[i] || (self.heights[i] - height).abs() > 0.5 {
                self.heights[i] = height;
                self.measured[i] = true;
                self.tops_dirty = true;
            }
            shown.push((i, layout));
            i += 1;
        }
        if self.layouts.len() > shown.len() + KEPT_LAYOUTS {
            let (first, last) = (
                shown.first().map_or(0, |s| s.0),
                shown.last().map_or(0, |s| s.0),
            );
            let keep = KEPT_LAYOUTS / 2;
            self.layouts
                .retain(|&i, _| i + keep >= first && i <= last + keep);
        }
        shown
    }
}

/// How the article's text is set: font, colour and a row height with room for the
/// lanes below.
fn text_format(ui: &Ui, style: TextStyle) -> TextFormat {
    let family = if style.serif {
        serif()
    } else {
        FontFamily::Proportional
    };
    TextFormat {
        font_id: FontId::new(style.size, family),
        color: ui.visuals().text_color(),
        line_height: Some(style.size * line_factor(style.lanes)),
        ..TextFormat::default()
    }
}

fn estimate_height(chars: usize, key: LayoutKey) -> f32 {
    // An average glyph is about half the font size wide.
    let per_row = (key.width / (key.size * 0.5)).max(1.0);
    let rows = ((chars as f32) / per_row).ceil().max(1.0);
    rows * key.size * line_factor(key.lanes)
}

/// A span in one line for tooltips and lists: `stance (oppose): “rejected”`.
pub fn describe(span: &crate::model::Span) -> String {
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

/// The size of the view's content, for tests.
pub fn content_size(view: &TextView) -> Vec2 {
    vec2(
        view.key.map_or(0.0, |k| k.width),
        view.tops.last().copied().unwrap_or(0.0),
    )
}
