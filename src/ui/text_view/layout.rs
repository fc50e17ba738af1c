//! Laying out one paragraph: its lines, its pieces of shaped text and the map between
//! them and its chars.
//!
//! A paragraph that is left to right throughout is one wrapped galley, as egui lays it
//! out. Any other is laid out as the Unicode Bidi Algorithm says: its level runs are
//! shaped to measure each grapheme, lines are broken in logical order, and each line's
//! runs are placed in visual order, a right-to-left run word by word from the right;
//! a right-to-left paragraph is aligned right.

use super::bidi::{Analysis, mirrored};
use super::clusters::{Placed, place, spacing_glyphs};
use super::map::{Cell, LineMap};
use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, Vec2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// A galley to draw, where it goes within the paragraph.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// Its top left, relative to the paragraph.
    pub at: Vec2,
    /// The shaped text.
    pub galley: Arc<Galley>,
}

/// One paragraph laid out.
#[derive(Debug, Clone)]
pub(super) struct ParaLayout {
    /// Screen positions ↔ chars.
    pub map: LineMap,
    /// What to draw.
    pub pieces: Vec<Piece>,
    /// Its height.
    pub height: f32,
}

/// Shapes text with the article's format: `shape(text, wrap width)`.
pub(super) struct Shaper<'a> {
    /// egui's layout (through its galley cache).
    pub fonts: &'a mut dyn FnMut(LayoutJob) -> Arc<Galley>,
    /// Font, colour and line height of the article text.
    pub format: TextFormat,
}

impl Shaper<'_> {
    fn shape(&mut self, text: String, wrap: f32) -> Arc<Galley> {
        let mut job = LayoutJob::single_section(text, self.format.clone());
        job.wrap.max_width = wrap;
        (self.fonts)(job)
    }

    /// Chars `part` of the paragraph on one row; a lone bracket in right-to-left
    /// text is shaped mirrored.
    fn piece(&mut self, a: &Analysis<'_>, part: &Range<usize>, rtl: bool) -> Arc<Galley> {
        let text = a.slice(part);
        let mut chars = text.chars();
        let shown = match (chars.next(), chars.next()) {
            (Some(c), None) if rtl => mirrored(c).to_string(),
            _ => text.to_owned(),
        };
        self.shape(shown, f32::INFINITY)
    }
}

/// Lays out paragraph `text` within `width`.
pub(super) fn lay_out(text: &str, width: f32, shaper: &mut Shaper<'_>) -> ParaLayout {
    let a = Analysis::new(text);
    if a.needs_reordering() {
        lay_out_bidi(&a, width, shaper)
    } else {
        lay_out_ltr(&a, width, shaper)
    }
}

/// A paragraph without right-to-left text: one galley wrapped by egui. A bulleted
/// one (`  • text`) is two: the bullet, and the text wrapped beside it, so that its
/// later lines hang under its first word rather than under the bullet.
fn lay_out_ltr(a: &Analysis<'_>, width: f32, shaper: &mut Shaper<'_>) -> ParaLayout {
    let all = a.graphemes().len() - 1;
    let mut placed = Vec::new();
    let mut pieces = Vec::new();
    let mut indent = 0.0;
    let mut body_start = 0;
    if let Some(bullet) = bullet_prefix(a.text()) {
        let head = shaper.shape(a.slice(&(0..bullet)).to_owned(), f32::INFINITY);
        // A bullet wider than half the line is not worth hanging under.
        if head.size().x < width / 2.0 {
            indent = head.size().x;
            body_start = bullet;
            let graphemes = a.graphemes_in(&(0..bullet));
            let spacing = spacing_glyphs(&head, 0.0);
            place(
                a.chars(),
                a.graphemes(),
                graphemes,
                spacing,
                false,
                &mut placed,
            );
            pieces.push(Piece {
                at: Vec2::ZERO,
                galley: head,
            });
        }
    }
    let first = placed.len();
    let body = shaper.shape(
        a.slice(&(body_start..a.chars().len())).to_owned(),
        width - indent,
    );
    let graphemes = a.graphemes_in(&(body_start..a.chars().len()));
    let spacing = spacing_glyphs(&body, indent);
    place(
        a.chars(),
        a.graphemes(),
        graphemes.start..all,
        spacing,
        false,
        &mut placed,
    );
    let mut map = LineMap::new(false);
    // The bullet's cells go on the first line, before the text's.
    let (head_cells, body_cells) = placed.split_at(first);
    let mut rest: &[Placed] = body_cells;
    for (r, row) in body.rows.iter().enumerate() {
        let n = rest.iter().take_while(|p| p.row == r).count();
        let (here, later) = rest.split_at(n);
        rest = later;
        let rect = row.rect();
        let bullet = head_cells.iter().filter(|_| r == 0);
        map.push_line(
            rect.top(),
            rect.bottom(),
            bullet.chain(here).map(|p| p.cell),
        );
    }
    let height = body.size().y;
    pieces.push(Piece {
        at: vec2(indent, 0.0),
        galley: body,
    });
    ParaLayout {
        map,
        pieces,
        height,
    }
}

/// The chars of a bullet at the start of a paragraph (`  • `, `- `, `* `, `– `),
/// spaces after it included; none where the paragraph is not a list item or the
/// bullet is all there is.
fn bullet_prefix(text: &str) -> Option<usize> {
    let mut chars = text
        .chars()
        .enumerate()
        .skip_while(|(_, c)| *c == ' ' || *c == '\t');
    let (_, bullet) = chars.next()?;
    if !matches!(bullet, '•' | '‣' | '◦' | '▪' | '·' | '-' | '*' | '–' | '—') {
        return None;
    }
    let mut after = chars.skip_while(|(_, c)| *c == ' ' || *c == '\t');
    let (text_starts, first) = after.next()?;
    // `- ` must be followed by a space, not be a hyphenated word or a minus.
    (text_starts > 0 && !first.is_whitespace() && text.chars().nth(text_starts - 1) == Some(' '))
        .then_some(text_starts)
}

/// A paragraph with right-to-left text, laid out by the Unicode Bidi Algorithm.
fn lay_out_bidi(a: &Analysis<'_>, width: f32, shaper: &mut Shaper<'_>) -> ParaLayout {
    let advances = measure(a, shaper);
    let mut map = LineMap::new(a.rtl());
    let mut pieces = Vec::new();
    let mut top = 0.0;
    for line in break_lines(a, &advances, width) {
        let mut cells: Vec<Cell> = Vec::new();
        let first_piece = pieces.len();
        let mut x = 0.0;
        let mut height: f32 = 0.0;
        for run in a.visual_runs(line) {
            let mut parts = if run.rtl {
                a.rtl_pieces(&run.chars)
            } else {
                vec![run.chars.clone()]
            };
            if run.rtl {
                parts.reverse();
            }
            for part in parts {
                let galley = shaper.piece(a, &part, run.rtl);
                let mut placed = Vec::new();
                let spacing = spacing_glyphs(&galley, x);
                place(
                    a.chars(),
                    a.graphemes(),
                    a.graphemes_in(&part),
                    spacing,
                    run.rtl,
                    &mut placed,
                );
                cells.extend(placed.iter().map(|p| p.cell));
                let size = galley.size();
                height = height.max(size.y);
                pieces.push(Piece {
                    at: vec2(x, top),
                    galley,
                });
                x += size.x;
            }
        }
        if height == 0.0 {
            height = shaper.shape(String::new(), width).size().y;
        }
        // A right-to-left paragraph is aligned right.
        let shift = if a.rtl() { (width - x).max(0.0) } else { 0.0 };
        for piece in &mut pieces[first_piece..] {
            piece.at.x += shift;
        }
        for cell in &mut cells {
            cell.x0 += shift;
            cell.x1 += shift;
        }
        map.push_line(top, top + height, cells);
        top += height;
    }
    ParaLayout {
        map,
        pieces,
        height: top,
    }
}

/// The width of each grapheme, shaped in its level run (a right-to-left run piece by
/// piece, as it is drawn).
fn measure(a: &Analysis<'_>, shaper: &mut Shaper<'_>) -> Vec<f32> {
    let bounds = a.graphemes();
    let mut advances = vec![0.0; bounds.len() - 1];
    let mut placed = Vec::new();
    for run in a.level_runs() {
        let parts = if run.rtl {
            a.rtl_pieces(&run.chars)
        } else {
            vec![run.chars.clone()]
        };
        for part in parts {
            let galley = shaper.piece(a, &part, run.rtl);
            placed.clear();
            let spacing = spacing_glyphs(&galley, 0.0);
            let graphemes = a.graphemes_in(&part);
            place(a.chars(), bounds, graphemes, spacing, run.rtl, &mut placed);
            for p in &placed {
                let g = bounds.partition_point(|&b| b < p.cell.start as usize);
                if let Some(w) = advances.get_mut(g) {
                    *w = p.cell.x1 - p.cell.x0;
                }
            }
        }
    }
    advances
}

/// Breaks the paragraph into lines of at most `width`, in logical order, after white
/// space (a word longer than a line is cut between graphemes). Returns the lines as
/// chars of the paragraph, covering all of it.
fn break_lines(a: &Analysis<'_>, advances: &[f32], width: f32) -> Vec<Range<usize>> {
    let bounds = a.graphemes();
    let n = advances.len();
    let space = |g: usize| a.chars()[bounds[g]].is_whitespace();
    let mut lines = Vec::new();
    let mut line_start = 0;
    // Width of the line so far without its trailing spaces, and of those spaces.
    let (mut used, mut spaces) = (0.0, 0.0);
    let mut g = 0;
    while g < n {
        let word = g;
        let mut w = 0.0;
        while g < n && !space(g) {
            w += advances[g];
            g += 1;
        }
        let mut s = 0.0;
        while g < n && space(g) {
            s += advances[g];
            g += 1;
        }
        if word > line_start && used + spaces + w > width {
            lines.push(bounds[line_start]..bounds[word]);
            line_start = word;
            (used, spaces) = (0.0, 0.0);
        }
        if word == line_start && w > width {
            // Too long for any line: cut it where it fills one.
            let mut filled = 0.0;
            for k in word..g {
                if k > line_start && filled + advances[k] > width {
                    lines.push(bounds[line_start]..bounds[k]);
                    line_start = k;
                    filled = 0.0;
                }
                filled += advances[k];
            }
            (used, spaces) = (filled - s, s);
            continue;
        }
        used += spaces + w;
        spaces = s;
    }
    lines.push(bounds[line_start]..bounds[n]);
    lines
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
