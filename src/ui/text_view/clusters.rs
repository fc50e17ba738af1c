//! Which chars each glyph of a shaped run covers.
//!
//! egui's `Glyph` keeps only the first char of its shaping cluster (`chr`), and its
//! glyph list matches the chars one to one only in left-to-right text: a
//! right-to-left run comes out in visual order, a ligature such as لا is one glyph,
//! marks share their base's cluster, and extra zero-width glyphs pad the end. So the
//! glyphs that take up room (advance > 0) are put in logical order and matched to the
//! grapheme clusters of the text by their `chr`; a glyph that matches none widens the
//! cluster before it. Each cluster's room is then shared evenly by its graphemes.

use super::map::Cell;

/// How many graphemes one ligature glyph may stand for.
const LIGATURE_REACH: usize = 4;

/// A glyph that takes up room: its first char and the x range it advances over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Spacing {
    /// The first char of the glyph's shaping cluster.
    pub chr: char,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// The glyph's row, for a wrapped galley.
    pub row: usize,
}

/// The glyphs of `galley` that take up room, in visual order row by row, offset by `dx`.
pub(super) fn spacing_glyphs(galley: &egui::Galley, dx: f32) -> Vec<Spacing> {
    galley
        .rows
        .iter()
        .enumerate()
        .flat_map(|(row, placed)| {
            placed
                .row
                .glyphs
                .iter()
                .filter(|g| g.advance_width > 0.0 && g.pos.x.is_finite())
                .map(move |g| Spacing {
                    chr: g.chr,
                    x0: dx + placed.pos.x + g.pos.x,
                    x1: dx + placed.pos.x + g.pos.x + g.advance_width,
                    row,
                })
        })
        .collect()
}

/// One grapheme placed: its chars (of the paragraph), x range and row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Placed {
    /// The cell for the map.
    pub cell: Cell,
    /// The galley row it was drawn in.
    pub row: usize,
}

/// Gives each grapheme of a cluster an equal share of the cluster's width, in the
/// reading direction: clusters as (first grapheme, x0, x1, row), graphemes up to `end`.
fn share_out(
    clusters: &[(usize, f32, f32, usize)],
    end: usize,
    bounds: &[usize],
    rtl: bool,
    out: &mut Vec<Placed>,
) {
    for (k, &(first, x0, x1, row)) in clusters.iter().enumerate() {
        let last = clusters.get(k + 1).map_or(end, |c| c.0);
        let n = (last - first).max(1) as f32;
        let width = (x1 - x0) / n;
        for g in first..last {
            let share = (g - first) as f32;
            let (a, b) = if rtl {
                (x1 - (share + 1.0) * width, x1 - share * width)
            } else {
                (x0 + share * width, x0 + (share + 1.0) * width)
            };
            out.push(Placed {
                cell: Cell {
                    x0: a,
                    x1: b,
                    start: bounds[g] as u32,
                    end: bounds[g + 1] as u32,
                    rtl,
                },
                row,
            });
        }
    }
}

/// Places the graphemes `graphemes[first..last]` (chars of the paragraph, `bounds`
/// holding each grapheme's start and then the end) on the glyphs `spacing` of one
/// run shaped in one direction. `chars` are the paragraph's chars.
pub(super) fn place(
    chars: &[char],
    bounds: &[usize],
    graphemes: std::ops::Range<usize>,
    mut spacing: Vec<Spacing>,
    rtl: bool,
    out: &mut Vec<Placed>,
) {
    if graphemes.is_empty() {
        return;
    }
    if rtl {
        spacing.reverse();
    }
    // Clusters as (first grapheme, x0, x1, row), in logical order.
    let mut clusters: Vec<(usize, f32, f32, usize)> = Vec::new();
    let mut next = graphemes.start;
    for glyph in &spacing {
        let first_char = |g: usize| chars[bounds[g]];
        let found = match clusters.last() {
            None => (next..graphemes.end.min(next + LIGATURE_REACH))
                .find(|&g| first_char(g) == glyph.chr),
            // The very next grapheme, else another glyph of the cluster being drawn
            // (its glyphs all carry its first char: a flag, an emoji sequence), else
            // a grapheme a little further on (those between were drawn by a
            // ligature).
            Some(&(first, ..)) => {
                if next < graphemes.end && first_char(next) == glyph.chr {
                    Some(next)
                } else if first_char(first) == glyph.chr {
                    None
                } else {
                    (next..graphemes.end.min(next + LIGATURE_REACH))
                        .find(|&g| first_char(g) == glyph.chr)
                }
            }
        };
        match (clusters.last_mut(), found) {
            // The first glyph starts the first cluster whatever it shows: graphemes
            // before its match drew nothing of their own.
            (None, _) => {
                clusters.push((graphemes.start, glyph.x0, glyph.x1, glyph.row));
                next = found.unwrap_or(graphemes.start) + 1;
            }
            (Some(_), Some(g)) => {
                clusters.push((g, glyph.x0, glyph.x1, glyph.row));
                next = g + 1;
            }
            // Another glyph of the same cluster (a mark with room, a split vowel).
            (Some(last), None) if last.3 == glyph.row => {
                last.1 = last.1.min(glyph.x0);
                last.2 = last.2.max(glyph.x1);
            }
            (Some(_), None) => {}
        }
    }
    if clusters.is_empty() {
        // Nothing drawn (zero-width chars only): a zero-width cell at the start.
        clusters.push((graphemes.start, 0.0, 0.0, 0));
    }
    share_out(&clusters, graphemes.end, bounds, rtl, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(chr: char, x0: f32, x1: f32) -> Spacing {
        Spacing {
            chr,
            x0,
            x1,
            row: 0,
        }
    }

    fn placed(text: &str, spacing: Vec<Spacing>, rtl: bool) -> Vec<(String, f32, f32)> {
        let chars: Vec<char> = text.chars().collect();
        let mut bounds: Vec<usize> = Vec::new();
        let mut at = 0;
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
            bounds.push(at);
            at += g.chars().count();
        }
        bounds.push(at);
        let mut out = Vec::new();
        place(&chars, &bounds, 0..bounds.len() - 1, spacing, rtl, &mut out);
        out.iter()
            .map(|p| {
                let s: String = chars[p.cell.start as usize..p.cell.end as usize]
                    .iter()
                    .collect();
                (s, p.cell.x0, p.cell.x1)
            })
            .collect()
    }

    #[test]
    fn an_arabic_word_in_visual_order_maps_back_to_its_letters() {
        // “نعم” shaped right to left: م leftmost, ن rightmost.
        let out = placed(
            "نعم",
            vec![
                glyph('م', 0.0, 11.0),
                glyph('ع', 11.0, 19.0),
                glyph('ن', 19.0, 24.0),
            ],
            true,
        );
        assert_eq!(
            out,
            [
                ("ن".into(), 19.0, 24.0),
                ("ع".into(), 11.0, 19.0),
                ("م".into(), 0.0, 11.0)
            ]
        );
    }

    #[test]
    fn a_lam_alef_ligature_is_shared_by_its_two_letters() {
        // “لا” is one glyph whose cluster starts at ل.
        let out = placed("لا", vec![glyph('ل', 0.0, 10.0)], true);
        assert_eq!(out, [("ل".into(), 5.0, 10.0), ("ا".into(), 0.0, 5.0)]);
    }

    #[test]
    fn harakat_stay_with_their_letter() {
        // تَ: the mark is in the base's grapheme, and its glyph has no advance.
        let out = placed(
            "تَن",
            vec![glyph('ن', 0.0, 5.0), glyph('ت', 5.0, 10.0)],
            true,
        );
        assert_eq!(out[0].0, "تَ");
        assert_eq!((out[0].1, out[0].2), (5.0, 10.0));
    }

    #[test]
    fn a_flag_and_a_zwj_sequence_are_one_cell_each() {
        let out = placed(
            "a🇮🇶👩\u{200d}🎓",
            vec![
                glyph('a', 0.0, 8.0),
                glyph('🇮', 8.0, 25.0),
                glyph('🇮', 25.0, 43.0),
                glyph('👩', 43.0, 60.0),
                glyph('👩', 60.0, 77.0),
            ],
            false,
        );
        assert_eq!(out.len(), 3);
        assert_eq!((out[1].1, out[1].2), (8.0, 43.0));
        assert_eq!((out[2].1, out[2].2), (43.0, 77.0));
    }

    #[test]
    fn a_latin_ligature_is_shared_and_decomposed_accents_stay_on_their_letter() {
        let out = placed(
            "ofe\u{301}",
            vec![
                glyph('o', 0.0, 10.0),
                glyph('f', 10.0, 16.0),
                glyph('e', 16.0, 26.0),
            ],
            false,
        );
        assert_eq!(out[2].0, "e\u{301}");
        let fi = placed("fi", vec![glyph('f', 0.0, 16.0)], false);
        assert_eq!(fi, [("f".into(), 0.0, 8.0), ("i".into(), 8.0, 16.0)]);
    }
}
