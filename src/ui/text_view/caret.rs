//! The keyboard caret: arrow keys move it on screen (visually in mixed lines: the
//! right arrow goes right even through Arabic), Shift extends the selection by char
//! and Shift+Ctrl by word, snapped to words as a drag is, so a span can be made
//! without the mouse and tagged with its label key.

use super::TextView;
use super::map::{Side, Step};
use crate::model::{CharOffset, Document, Snap, grapheme_edge, snap, word_edge};
use crate::session::Selection;
use egui::pos2;

/// Where a caret key moves the caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaretMove {
    /// One grapheme to the left on screen.
    Left,
    /// One grapheme to the right on screen.
    Right,
    /// One word to the left on screen.
    WordLeft,
    /// One word to the right on screen.
    WordRight,
    /// The line above.
    Up,
    /// The line below.
    Down,
    /// The start of the line (Home): its right end in right-to-left text.
    LineStart,
    /// The end of the line (End).
    LineEnd,
}

/// The caret and where a keyboard selection started.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Caret {
    /// The offset the caret stands at.
    pub at: Option<usize>,
    /// Where it is drawn, relative to its paragraph, when keys moved it there: where
    /// the direction changes one offset has two places on a line.
    pub x: Option<f32>,
    /// Where Shift started extending the selection.
    pub anchor: Option<usize>,
}

impl Caret {
    /// Puts the caret at `at` (after a click, a drag or a double-click).
    pub fn place(&mut self, at: usize) {
        self.at = Some(at);
        self.x = None;
    }
}

impl TextView {
    /// Moves the caret; with `extend`, the selection runs from where the extending
    /// started (or the selection's start) to the caret, snapped to words.
    pub fn move_caret(
        &mut self,
        document: &Document,
        selection: &mut Selection,
        motion: CaretMove,
        extend: bool,
    ) {
        let from = self
            .caret
            .at
            .or_else(|| selection.text().map(|s| s.1.0))
            .unwrap_or_else(|| self.first_visible_char())
            .min(document.char_len());
        let (to, x) = match motion {
            CaretMove::Left => self.step_visual(document, from, Side::Left),
            CaretMove::Right => self.step_visual(document, from, Side::Right),
            CaretMove::WordLeft => (self.step_word(document, from, Side::Left), None),
            CaretMove::WordRight => (self.step_word(document, from, Side::Right), None),
            CaretMove::Up => self.step_line(document, from, false),
            CaretMove::Down => self.step_line(document, from, true),
            CaretMove::LineStart => self.line_edge(from, false),
            CaretMove::LineEnd => self.line_edge(from, true),
        };
        if extend {
            let start = selection.text().map(|s| s.0.0);
            let anchor = *self.caret.anchor.get_or_insert(start.unwrap_or(from));
            selection.select_text(snap(
                document,
                CharOffset(anchor),
                CharOffset(to),
                Snap::Words,
            ));
        } else {
            self.caret.anchor = None;
            if selection.text().is_some() {
                selection.clear();
            }
        }
        self.caret.at = Some(to);
        self.caret.x = x;
        let visible = match (self.caret_point(to), self.last_clip) {
            (Some((x, y)), Some(clip)) => clip.contains(pos2(x, y)),
            _ => false,
        };
        if !visible {
            self.scroll_to = Some((to, super::SCROLL_FRAMES));
            self.scroll_to_top = false;
        }
    }

    /// The first char of the first paragraph drawn in the last frame.
    fn first_visible_char(&self) -> usize {
        self.last_layout
            .first()
            .map_or(0, |(i, _, _)| self.paragraphs[*i].start)
    }

    /// One grapheme left or right on screen, through the paragraph's map; off its
    /// ends, into the paragraph before or after. Returns the offset and, within the
    /// paragraph, where the caret is drawn.
    fn step_visual(&self, document: &Document, at: usize, side: Side) -> (usize, Option<f32>) {
        let i = self.paragraph_at_char(at);
        let p = self.paragraphs[i];
        let Some(layout) = self.layouts.get(&i) else {
            // Not laid out (scrolled far away): logically, as left-to-right text.
            let forward = side == Side::Right;
            return (grapheme_edge(document, CharOffset(at), forward).0, None);
        };
        let local = at.clamp(p.start, p.end) - p.start;
        match layout.map.step(local, self.caret.x, side) {
            Step::At(local, x) => (p.start + local, Some(x)),
            Step::After => ((p.end + 1).min(document.char_len()), None),
            Step::Before => (p.start.saturating_sub(1), None),
        }
    }

    /// One word left or right on screen: forward or backward as the paragraph reads.
    fn step_word(&self, document: &Document, at: usize, side: Side) -> usize {
        let i = self.paragraph_at_char(at);
        let rtl = self.layouts.get(&i).is_some_and(|l| l.map.rtl());
        let forward = (side == Side::Right) != rtl;
        word_edge(document, CharOffset(at), forward).0
    }

    /// The place on the line above or below nearest to the caret's x.
    fn step_line(&self, document: &Document, at: usize, down: bool) -> (usize, Option<f32>) {
        let i = self.paragraph_at_char(at);
        let p = self.paragraphs[i];
        let Some(layout) = self.layouts.get(&i) else {
            return (at, None);
        };
        let local = at.clamp(p.start, p.end) - p.start;
        let x = self
            .caret
            .x
            .or_else(|| layout.map.caret_x(local).map(|(x, _)| x))
            .unwrap_or(0.0);
        let (to, x) = match layout.map.vertical(local, x, down) {
            Step::At(local, x) => (p.start + local, Some(x)),
            Step::After => self.line_of_paragraph(i + 1, x, true).unwrap_or((at, None)),
            Step::Before => i
                .checked_sub(1)
                .and_then(|j| self.line_of_paragraph(j, x, false))
                .unwrap_or((at, None)),
        };
        (to.min(document.char_len()), x)
    }

    /// The start or end of the caret's line; where the paragraph is not laid out, the
    /// caret stays.
    fn line_edge(&self, at: usize, end: bool) -> (usize, Option<f32>) {
        let i = self.paragraph_at_char(at);
        let p = self.paragraphs[i];
        let local = at.clamp(p.start, p.end) - p.start;
        self.layouts
            .get(&i)
            .and_then(|layout| layout.map.line_edge(local, self.caret.x, end))
            .map_or((at, self.caret.x), |(local, x)| (p.start + local, Some(x)))
    }

    /// The stop nearest to `x` on the first (or last) line of paragraph `i`.
    fn line_of_paragraph(&self, i: usize, x: f32, first: bool) -> Option<(usize, Option<f32>)> {
        let p = *self.paragraphs.get(i)?;
        let Some(layout) = self.layouts.get(&i) else {
            return Some((if first { p.start } else { p.end }, None));
        };
        let lines = layout.map.lines();
        let line = if first { lines.first() } else { lines.last() }?;
        match layout.map.nearest_stop(line, x) {
            Step::At(local, x) => Some((p.start + local, Some(x))),
            _ => None,
        }
    }
}
