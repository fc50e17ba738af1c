//! The one map between screen positions and chars of a laid-out paragraph.
//!
//! A paragraph is lines top to bottom; a line is cells left to right in visual order;
//! a cell is one grapheme cluster (a letter with its marks, an emoji sequence, a flag)
//! with the chars it covers and the x range it is drawn over. A ligature shared by
//! several clusters (Arabic lam–alef, “fi”) is split evenly between them. Every hit
//! test and every highlight asks this map; nothing assumes that glyph `i` is char `i`.

use egui::{Pos2, Rect, pos2};
use std::ops::Range;

/// One grapheme cluster on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Cell {
    /// Left edge, relative to the paragraph.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// First char, in chars of the paragraph.
    pub start: u32,
    /// One past the last char.
    pub end: u32,
    /// Drawn in a right-to-left run: its logical start is on its right.
    pub rtl: bool,
}

impl Cell {
    fn mid(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }

    /// The logical offset at the cell's left edge and at its right edge.
    fn edges(&self) -> (u32, u32) {
        if self.rtl {
            (self.end, self.start)
        } else {
            (self.start, self.end)
        }
    }
}

/// One row of a paragraph on screen.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// Top, relative to the paragraph.
    pub y0: f32,
    /// Bottom.
    pub y1: f32,
    /// First char of the line (logical), in chars of the paragraph.
    pub start: u32,
    /// One past its last char.
    pub end: u32,
    cells: Range<u32>,
}

/// Which way the caret goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Towards the left of the screen.
    Left,
    /// Towards the right.
    Right,
}

/// Where a visual caret step lands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Step {
    /// At this offset of the paragraph, drawn at this x.
    At(usize, f32),
    /// Off the paragraph, before its first char (logically).
    Before,
    /// Off the paragraph, after its last char.
    After,
}

/// The lines and cells of one paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct LineMap {
    lines: Vec<Line>,
    cells: Vec<Cell>,
    /// The paragraph reads right to left.
    rtl: bool,
}

impl LineMap {
    /// An empty map for a paragraph of this direction.
    pub fn new(rtl: bool) -> Self {
        Self {
            rtl,
            ..Self::default()
        }
    }

    /// Adds the next line down with its cells (any order); the line covers the chars
    /// from the end of the line before to the end of its last cell.
    pub fn push_line(&mut self, y0: f32, y1: f32, cells: impl IntoIterator<Item = Cell>) {
        let first = self.cells.len();
        self.cells.extend(cells);
        self.cells[first..].sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let start = self.lines.last().map_or(0, |l| l.end);
        let end = self.cells[first..]
            .iter()
            .map(|c| c.end)
            .max()
            .unwrap_or(start)
            .max(start);
        self.lines.push(Line {
            y0,
            y1,
            start,
            end,
            cells: first as u32..self.cells.len() as u32,
        });
    }

    /// The lines, top to bottom.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// A line's cells, left to right.
    pub fn cells(&self, line: &Line) -> &[Cell] {
        &self.cells[line.cells.start as usize..line.cells.end as usize]
    }

    /// The paragraph reads right to left.
    pub fn rtl(&self) -> bool {
        self.rtl
    }

    /// The line at height `y`, or the nearest one.
    fn line_at(&self, y: f32) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        let i = self.lines.partition_point(|l| l.y1 <= y);
        Some(i.min(self.lines.len() - 1))
    }

    /// The line holding char `at`.
    fn line_of(&self, at: u32) -> Option<usize> {
        let i = self.lines.partition_point(|l| l.end <= at);
        (i < self.lines.len() && self.lines[i].start <= at).then_some(i)
    }

    /// The cell under `pos` (or the nearest on its line), with its line.
    pub fn cell_at(&self, pos: Pos2) -> Option<(&Line, &Cell)> {
        let line = &self.lines[self.line_at(pos.y)?];
        let cells = self.cells(line);
        let i = cells
            .partition_point(|c| c.x1 <= pos.x)
            .min(cells.len().checked_sub(1)?);
        Some((line, &cells[i]))
    }

    /// The chars of the grapheme under `pos`; on an empty line, the empty range where
    /// it starts.
    pub fn cluster_at(&self, pos: Pos2) -> Option<Range<usize>> {
        match self.cell_at(pos) {
            Some((_, cell)) => Some(cell.start as usize..cell.end as usize),
            None => {
                let line = &self.lines[self.line_at(pos.y)?];
                Some(line.start as usize..line.start as usize)
            }
        }
    }

    /// The place between chars nearest to `pos`: where a caret or an exact selection
    /// edge goes.
    pub fn caret_at(&self, pos: Pos2) -> Option<usize> {
        let Some((_, cell)) = self.cell_at(pos) else {
            return self.cluster_at(pos).map(|r| r.start);
        };
        let (left, right) = cell.edges();
        Some(if pos.x < cell.mid() { left } else { right } as usize)
    }

    /// The cell of char `at` and its line.
    fn cell_of(&self, at: usize) -> Option<(&Line, &Cell)> {
        let at = u32::try_from(at).ok()?;
        let line = &self.lines[self.line_of(at)?];
        let cell = self
            .cells(line)
            .iter()
            .find(|c| c.start <= at && at < c.end)?;
        Some((line, cell))
    }

    /// The rect of the grapheme holding char `at`.
    pub fn char_rect(&self, at: usize) -> Option<Rect> {
        let (line, cell) = self.cell_of(at)?;
        Some(Rect::from_min_max(
            pos2(cell.x0, line.y0),
            pos2(cell.x1, line.y1),
        ))
    }

    /// The rects that chars `start..end` cover, one per stretch of adjacent cells on a
    /// line: a range across a change of direction gives several on one line.
    pub fn rects(&self, start: usize, end: usize) -> impl Iterator<Item = Rect> + '_ {
        let (start, end) = (start as u32, end as u32);
        let first = self.lines.partition_point(|l| l.end <= start);
        self.lines[first..]
            .iter()
            .take_while(move |l| l.start < end)
            .flat_map(move |line| {
                let mut open: Option<(f32, f32)> = None;
                let mut out: Vec<Rect> = Vec::new();
                let rect =
                    |(x0, x1): (f32, f32)| Rect::from_min_max(pos2(x0, line.y0), pos2(x1, line.y1));
                for cell in self.cells(line) {
                    let inside = cell.start < end && cell.end > start;
                    open = match (open, inside) {
                        (Some((x0, _)), true) => Some((x0, cell.x1)),
                        (None, true) => Some((cell.x0, cell.x1)),
                        (Some(done), false) => {
                            out.push(rect(done));
                            None
                        }
                        (None, false) => None,
                    };
                }
                out.extend(open.map(rect));
                out
            })
    }

    /// Where the caret at offset `at` is drawn: its x and its line. It stands before
    /// char `at` (on its right in right-to-left text); at the end of the paragraph,
    /// after the last char.
    pub fn caret_x(&self, at: usize) -> Option<(f32, &Line)> {
        if let Some((line, cell)) = self.cell_of(at) {
            return Some((if cell.rtl { cell.x1 } else { cell.x0 }, line));
        }
        if let Some((line, cell)) = at.checked_sub(1).and_then(|b| self.cell_of(b)) {
            return Some((if cell.rtl { cell.x0 } else { cell.x1 }, line));
        }
        let line = self.lines.first()?;
        let cells = self.cells(line);
        let x = if self.rtl {
            cells.last().map_or(0.0, |c| c.x1)
        } else {
            cells.first().map_or(0.0, |c| c.x0)
        };
        Some((x, line))
    }

    /// The caret stops of a line from left to right, as (offset, x): the edges of its
    /// cells. Where the direction changes, the two cells' edges are different offsets
    /// at one x (after “«” and at the end of the Arabic after it), and both are stops;
    /// the x tells them apart.
    fn stops(&self, line: &Line) -> Vec<(u32, f32)> {
        let cells = self.cells(line);
        let mut stops: Vec<(u32, f32)> = Vec::with_capacity(cells.len() + 1);
        for (k, cell) in cells.iter().enumerate() {
            let (left, right) = cell.edges();
            if stops.last().is_none_or(|&(at, _)| at != left) {
                stops.push((left, cell.x0));
            }
            if cells.get(k + 1).is_none_or(|next| next.edges().0 != right) {
                stops.push((right, cell.x1));
            }
        }
        stops
    }

    /// The line the caret at `at` stands on.
    fn caret_line(&self, at: usize) -> Option<usize> {
        let at = u32::try_from(at).ok()?;
        self.line_of(at)
            .or_else(|| self.line_of(at.checked_sub(1)?))
    }

    /// One step of the caret at offset `at` (drawn at `x`, if known) to the left or
    /// right on screen.
    pub fn step(&self, at: usize, x: Option<f32>, side: Side) -> Step {
        let Some(i) = self.caret_line(at) else {
            return if at == 0 { Step::Before } else { Step::After };
        };
        let stops = self.stops(&self.lines[i]);
        let x = x
            .or_else(|| self.caret_x(at).map(|(x, _)| x))
            .unwrap_or(0.0);
        let here = stops
            .iter()
            .enumerate()
            .filter(|(_, s)| s.0 as usize == at)
            .min_by(|a, b| (a.1.1 - x).abs().total_cmp(&(b.1.1 - x).abs()))
            .map(|(k, _)| k);
        let next = match (here, side) {
            (Some(k), Side::Left) => k.checked_sub(1),
            (Some(k), Side::Right) => Some(k + 1).filter(|&k| k < stops.len()),
            (None, _) => None,
        };
        if let Some(k) = next {
            return Step::At(stops[k].0 as usize, stops[k].1);
        }
        self.off_line(i, side)
    }

    /// Off the end of line `i`: on to the line after or before, as the paragraph
    /// reads. The end of a line and the start of the next are one offset, so going
    /// back lands one cluster before the previous line's end.
    fn off_line(&self, i: usize, side: Side) -> Step {
        let forward = (side == Side::Right) != self.rtl;
        if forward {
            return match self.lines.get(i + 1) {
                Some(next) => {
                    let at = next.start as usize;
                    Step::At(at, self.caret_x(at).map_or(0.0, |(x, _)| x))
                }
                None => Step::After,
            };
        }
        let Some(previous) = i.checked_sub(1).map(|j| &self.lines[j]) else {
            return Step::Before;
        };
        let stops = self.stops(previous);
        let k = if self.rtl {
            1
        } else {
            stops.len().saturating_sub(2)
        };
        match stops.get(k) {
            Some(&(at, x)) => Step::At(at as usize, x),
            None => Step::At(previous.start as usize, 0.0),
        }
    }

    /// The stop on the line above or below the caret at `at`, nearest to `x`.
    pub fn vertical(&self, at: usize, x: f32, down: bool) -> Step {
        let Some(i) = self.caret_line(at) else {
            return if down { Step::After } else { Step::Before };
        };
        let target = if down {
            i.checked_add(1)
        } else {
            i.checked_sub(1)
        };
        match target.and_then(|t| self.lines.get(t)) {
            Some(line) => self.nearest_stop(line, x),
            None if down => Step::After,
            None => Step::Before,
        }
    }

    /// The start (or end) of the line the caret at `at` stands on, as the paragraph
    /// reads: its left end in left-to-right text, its right end in right-to-left text,
    /// as Home and End go in an editor. Where one offset ends a line and starts the
    /// next, the caret's `x` says which line it is drawn on.
    pub fn line_edge(&self, at: usize, x: Option<f32>, end: bool) -> Option<(usize, f32)> {
        let drawn_on = |line: &&Line| {
            x.is_some_and(|x| {
                self.stops(line)
                    .iter()
                    .any(|&(stop, sx)| stop as usize == at && (sx - x).abs() < 0.5)
            })
        };
        let line = match self.lines.iter().find(drawn_on) {
            Some(line) => line,
            None => self.lines.get(self.caret_line(at)?)?,
        };
        let stops = self.stops(line);
        let stop = if end == self.rtl {
            stops.first()
        } else {
            stops.last()
        };
        stop.map(|&(at, x)| (at as usize, x))
    }

    /// The stop of `line` nearest to `x`.
    pub fn nearest_stop(&self, line: &Line, x: f32) -> Step {
        self.stops(line)
            .into_iter()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map_or(Step::At(line.start as usize, x), |(at, x)| {
                Step::At(at as usize, x)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `n` cells of width 10 starting at char `first`, the chars of `rtl`
    /// runs (given as index ranges into the line's cells, visual) right to left.
    fn cells(first: u32, n: u32, rtl: Range<u32>) -> Vec<Cell> {
        // Visual slot k shows logical char first + logical(k).
        (0..n)
            .map(|k| {
                let logical = if rtl.contains(&k) {
                    rtl.end - 1 - (k - rtl.start)
                } else {
                    k
                };
                Cell {
                    x0: 10.0 * k as f32,
                    x1: 10.0 * (k + 1) as f32,
                    start: first + logical,
                    end: first + logical + 1,
                    rtl: rtl.contains(&k),
                }
            })
            .collect()
    }

    fn map() -> LineMap {
        // Line 0: chars 0..10, chars 3..7 right to left. Line 1: chars 10..15.
        let mut map = LineMap::new(false);
        map.push_line(0.0, 20.0, cells(0, 10, 3..7));
        map.push_line(20.0, 40.0, cells(10, 5, 0..0));
        map
    }

    #[test]
    fn hits_find_the_char_drawn_there() {
        let map = map();
        // Slot 3 (x 30..40) shows char 6, the last of the reversed run.
        assert_eq!(map.cluster_at(pos2(35.0, 5.0)), Some(6..7));
        assert_eq!(map.cluster_at(pos2(65.0, 5.0)), Some(3..4));
        assert_eq!(map.cluster_at(pos2(75.0, 5.0)), Some(7..8));
        assert_eq!(map.cluster_at(pos2(5.0, 30.0)), Some(10..11));
        // Past the end of a line: its last cell.
        assert_eq!(map.cluster_at(pos2(500.0, 30.0)), Some(14..15));
        // Right half of a right-to-left cell: its logical start.
        assert_eq!(map.caret_at(pos2(38.0, 5.0)), Some(6));
        assert_eq!(map.caret_at(pos2(32.0, 5.0)), Some(7));
    }

    #[test]
    fn a_range_across_the_direction_change_is_several_rects() {
        let map = map();
        // Chars 1..5: slots 1, 2 (chars 1, 2) and slots 5, 6 (chars 4, 3).
        let rects: Vec<Rect> = map.rects(1, 5).collect();
        assert_eq!(rects.len(), 2, "{rects:?}");
        assert_eq!((rects[0].left(), rects[0].right()), (10.0, 30.0));
        assert_eq!((rects[1].left(), rects[1].right()), (50.0, 70.0));
        // Across the line break: a rect on each line.
        let rects: Vec<Rect> = map.rects(8, 12).collect();
        assert_eq!(rects.len(), 2);
        assert_eq!(rects[1].top(), 20.0);
    }

    #[test]
    fn the_caret_steps_visually_and_over_lines() {
        let map = map();
        // Stops of line 0 from the left: 0 1 2 3 7 6 5 4 3 7 8 9 10: offsets 3 and 7
        // twice, at each end of the reversed run; the x says which.
        let at = |step: Step| match step {
            Step::At(at, _) => at,
            other => panic!("{other:?}"),
        };
        assert_eq!(map.step(2, None, Side::Right), Step::At(3, 30.0));
        assert_eq!(map.step(3, Some(30.0), Side::Right), Step::At(7, 30.0));
        assert_eq!(at(map.step(7, Some(30.0), Side::Right)), 6);
        assert_eq!(map.step(4, None, Side::Right), Step::At(3, 70.0));
        assert_eq!(at(map.step(7, Some(70.0), Side::Right)), 8);
        assert_eq!(at(map.step(7, Some(70.0), Side::Left)), 3);
        // Walking right from the start visits every stop once and leaves the line.
        let (mut here, mut x, mut seen) = (0, None, vec![0]);
        while let Step::At(next, nx) = map.step(here, x, Side::Right) {
            (here, x) = (next, Some(nx));
            seen.push(here);
            if seen.len() > 30 {
                break;
            }
        }
        assert_eq!(
            seen,
            [0, 1, 2, 3, 7, 6, 5, 4, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15]
        );
        assert_eq!(map.step(0, None, Side::Left), Step::Before);
        assert_eq!(map.step(15, None, Side::Right), Step::After);
        assert_eq!(map.vertical(2, 26.0, true), Step::At(13, 30.0));
        assert_eq!(map.vertical(12, 25.0, true), Step::After);
    }

    #[test]
    fn home_and_end_go_to_the_ends_of_the_line_as_the_paragraph_reads() {
        let map = map();
        assert_eq!(map.line_edge(5, None, false), Some((0, 0.0)));
        assert_eq!(map.line_edge(5, None, true), Some((10, 100.0)));
        assert_eq!(map.line_edge(12, None, true), Some((15, 50.0)));
        // Offset 10 ends line 0 and starts line 1: the x says where the caret is.
        assert_eq!(map.line_edge(10, Some(100.0), false), Some((0, 0.0)));
        assert_eq!(map.line_edge(10, None, false), Some((10, 0.0)));
        // A right-to-left paragraph starts on the right.
        let mut rtl = LineMap::new(true);
        rtl.push_line(0.0, 20.0, cells(0, 6, 0..6));
        assert_eq!(rtl.line_edge(3, None, false), Some((0, 60.0)));
        assert_eq!(rtl.line_edge(3, None, true), Some((6, 0.0)));
        assert_eq!(LineMap::new(false).line_edge(0, None, true), None);
    }

    #[test]
    fn caret_x_stands_before_its_char() {
        let map = map();
        assert_eq!(map.caret_x(1).map(|(x, _)| x), Some(10.0));
        // Char 6 is drawn in slot 3, right to left: the caret before it is on its right.
        assert_eq!(map.caret_x(6).map(|(x, _)| x), Some(40.0));
        assert_eq!(map.caret_x(15).map(|(x, _)| x), Some(50.0));
    }
}
