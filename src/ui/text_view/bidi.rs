//! The Unicode Bidirectional Algorithm (UAX #9, through `unicode-bidi`) for one
//! paragraph, in the char offsets the rest of the view uses: the paragraph's
//! direction, its level runs in logical order, a line's runs in visual order, and how
//! a right-to-left run is cut into pieces that the shaper draws the right way round.

use std::borrow::Cow;
use std::ops::Range;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

/// A stretch of a paragraph in one direction, in chars of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// Chars of the paragraph.
    pub chars: Range<usize>,
    /// Read right to left.
    pub rtl: bool,
}

/// One paragraph's text cut into chars and grapheme clusters, with its bidi levels.
pub(super) struct Analysis<'t> {
    info: ParagraphBidiInfo<'t>,
    /// `bytes[i]` is where char `i` starts; one more entry for the end.
    bytes: Vec<usize>,
    /// The chars where grapheme clusters start; one more entry for the end.
    graphemes: Vec<usize>,
    chars: Vec<char>,
}

impl<'t> Analysis<'t> {
    /// Analyses `text`, a paragraph without `\n`. Its direction comes from its first
    /// strong char (rules P2, P3), left to right when it has none.
    pub fn new(text: &'t str) -> Self {
        let info = ParagraphBidiInfo::new(text, None);
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        let chars: Vec<char> = text.chars().collect();
        let mut graphemes = Vec::new();
        let mut at = 0;
        for g in text.graphemes(true) {
            graphemes.push(at);
            at += g.chars().count();
        }
        graphemes.push(at);
        Self {
            info,
            bytes,
            graphemes,
            chars,
        }
    }

    /// The paragraph's text.
    pub fn text(&self) -> &'t str {
        self.info.text
    }

    /// The paragraph's chars.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Where grapheme clusters start, and the end.
    pub fn graphemes(&self) -> &[usize] {
        &self.graphemes
    }

    /// Chars `range` as a slice of the text.
    pub fn slice(&self, range: &Range<usize>) -> &'t str {
        self.info
            .text
            .get(self.bytes[range.start]..self.bytes[range.end])
            .unwrap_or("")
    }

    /// The paragraph reads right to left.
    pub fn rtl(&self) -> bool {
        self.info.paragraph_level.is_rtl()
    }

    /// Some char is not at level 0: the lines must be reordered.
    pub fn needs_reordering(&self) -> bool {
        self.rtl() || self.info.has_rtl()
    }

    fn level_of_char(&self, levels: &[Level], i: usize) -> Level {
        levels[self.bytes[i]]
    }

    /// Maximal runs of one direction, in logical order, by the paragraph's levels.
    pub fn level_runs(&self) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for i in 0..self.chars.len() {
            let rtl = self.level_of_char(&self.info.levels, i).is_rtl();
            match runs.last_mut() {
                Some(run) if run.rtl == rtl => run.chars.end = i + 1,
                _ => runs.push(Run {
                    chars: i..i + 1,
                    rtl,
                }),
            }
        }
        runs
    }

    /// The runs of the line of chars `line`, in visual order from left to right (rules
    /// L1 and L2: trailing white space takes the paragraph's direction).
    pub fn visual_runs(&self, line: Range<usize>) -> Vec<Run> {
        if line.is_empty() {
            return Vec::new();
        }
        let bytes = self.bytes[line.start]..self.bytes[line.end];
        let (levels, runs) = self.info.visual_runs(bytes);
        runs.into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| Run {
                rtl: levels[r.start].is_rtl(),
                chars: self.char_of_byte(r.start)..self.char_of_byte(r.end),
            })
            .collect()
    }

    fn char_of_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    /// The graphemes (as index ranges into [`Self::graphemes`]) lying in `chars`.
    pub fn graphemes_in(&self, chars: &Range<usize>) -> Range<usize> {
        let first = self.graphemes.partition_point(|&g| g < chars.start);
        let last = self.graphemes.partition_point(|&g| g < chars.end);
        first..last
    }

    /// Cuts a right-to-left run into the pieces to shape one by one, in logical order:
    /// each word of right-to-left letters (with their marks and joiners) whole, so
    /// the shaper joins and orders it; everything else (spaces, punctuation, emoji)
    /// one grapheme at a time, so that their order in the run is ours and not the
    /// shaper's guess.
    pub fn rtl_pieces(&self, run: &Range<usize>) -> Vec<Range<usize>> {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut in_word = false;
        for g in self.graphemes_in(run) {
            let (start, end) = (self.graphemes[g], self.graphemes[g + 1].min(run.end));
            let strong = is_rtl_letter(self.chars[start]);
            match pieces.last_mut() {
                Some(last) if strong && in_word => last.end = end,
                _ => pieces.push(start..end),
            }
            in_word = strong;
        }
        pieces
    }
}

/// `text` with its right-to-left stretches in the order they are seen, for a label
/// drawn by egui outside the text view (a title, a span in a list): egui shapes each
/// right-to-left word the right way round but lays the words out left to right, so
/// each line's runs are put in visual order, the pieces of a right-to-left run
/// reversed and its brackets mirrored. Text without right-to-left letters comes back
/// unchanged, without a copy.
pub fn display_order(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_rtl_letter) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let a = Analysis::new(line);
        if !a.needs_reordering() {
            out.push_str(line);
            continue;
        }
        for run in a.visual_runs(0..a.chars().len()) {
            if !run.rtl {
                out.push_str(a.slice(&run.chars));
                continue;
            }
            for piece in a.rtl_pieces(&run.chars).iter().rev() {
                match a.slice(piece) {
                    one if one.chars().count() == 1 => out.extend(one.chars().map(mirrored)),
                    word => out.push_str(word),
                }
            }
        }
    }
    Cow::Owned(out)
}

/// [`display_order`] of the longest start of `text` that fits in `width` (as `width_of`
/// measures a display string), with `…` where it was cut. egui cuts a label at its
/// right end, which for a right-to-left title is its logical end turned to the left,
/// so it would show the end of an Arabic title; here the cut is made in reading order
/// and whole graphemes are kept.
pub fn display_fitting(text: &str, width: f32, width_of: impl Fn(&str) -> f32) -> String {
    let whole = display_order(text);
    if width_of(&whole) <= width {
        return whole.into_owned();
    }
    let ends: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(at, g)| at + g.len())
        .collect();
    let shown = |n: usize| {
        let start = n.checked_sub(1).map_or("", |k| &text[..ends[k]]);
        display_order(&format!("{}…", start.trim_end())).into_owned()
    };
    // The longest start that fits: width grows with the graphemes kept.
    let (mut fits, mut over) = (0, ends.len());
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if width_of(&shown(mid)) <= width {
            fits = mid;
        } else {
            over = mid;
        }
    }
    shown(fits)
}

/// A letter of a right-to-left script, or a mark or joiner that goes with one.
fn is_rtl_letter(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN
    )
}

/// The glyph a mirrored char takes in right-to-left text (rule L4) for the pairs news
/// text uses; other chars stay as they are.
pub(super) fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line in visual order as our runs give it: each run's chars, right-to-left
    /// runs reversed char by char.
    fn visual(text: &str) -> String {
        let a = Analysis::new(text);
        let chars: Vec<char> = text.chars().collect();
        a.visual_runs(0..chars.len())
            .iter()
            .flat_map(|run| {
                let mut part: Vec<char> = chars[run.chars.clone()].to_vec();
                if run.rtl {
                    part.reverse();
                }
                part
            })
            .collect()
    }

    /// unicode-bidi's own reordering of the whole line, the reference.
    fn reference(text: &str) -> String {
        let info = ParagraphBidiInfo::new(text, None);
        info.reorder_line(0..text.len()).into_owned()
    }

    #[test]
    fn visual_order_matches_the_reference_for_mixed_lines() {
        for text in [
            "The envoy said «لا تَنازُلَ عن الماء» before Observers left.",
            "«المنطقة رقم 7 جنوب العاصمة» would get a crossing",
            "An Israeli delegate answered “שלום ושכנות טובה” then left",
            "«می‌خواهم بدانم» (“I want to know”)",
            "وقال الوزير إن 12 معبرا ستفتح في شهر May",
            "plain English only",
            "",
        ] {
            assert_eq!(visual(text), reference(text), "{text}");
        }
    }

    #[test]
    fn direction_comes_from_the_first_strong_char() {
        assert!(Analysis::new("وقال الوزير إن English").rtl());
        assert!(!Analysis::new("12 English وقال").rtl());
        assert!(!Analysis::new("«  »").rtl());
        assert!(Analysis::new("وقال").needs_reordering());
        assert!(!Analysis::new("café 🇮🇶").needs_reordering());
    }

    #[test]
    fn a_number_inside_arabic_is_its_own_left_to_right_run() {
        let text = "المنطقة رقم 12 جنوب";
        let a = Analysis::new(text);
        let runs = a.level_runs();
        let number = runs.iter().find(|r| !r.rtl).unwrap();
        assert_eq!(a.slice(&number.chars), "12");
        let visual = a.visual_runs(0..text.chars().count());
        // Right to left: “جنوب” is drawn leftmost, the number between.
        assert_eq!(visual.len(), 3);
        assert_eq!(a.slice(&visual[0].chars), " جنوب");
        assert_eq!(a.slice(&visual[1].chars), "12");
    }

    #[test]
    fn rtl_pieces_keep_words_whole_and_split_the_rest() {
        let text = "«لا تَنازُلَ»، می‌خواهم";
        let a = Analysis::new(text);
        let all = 0..text.chars().count();
        let pieces: Vec<&str> = a.rtl_pieces(&all).iter().map(|p| a.slice(p)).collect();
        assert_eq!(pieces, ["«", "لا", " ", "تَنازُلَ", "»", "،", " ", "می‌خواهم"]);
    }

    #[test]
    fn graphemes_keep_emoji_sequences_and_marks_together() {
        let a = Analysis::new("a👩\u{200d}🎓🇮🇶e\u{301}");
        assert_eq!(a.graphemes(), &[0, 1, 4, 6, 8]);
    }

    #[test]
    fn a_title_too_long_keeps_its_start_in_reading_order() {
        // One unit of width per char.
        let width_of = |s: &str| s.chars().count() as f32;
        assert_eq!(
            display_fitting("Iran’s envoy", 20.0, width_of),
            "Iran’s envoy"
        );
        assert_eq!(display_fitting("Iran’s envoy", 8.0, width_of), "Iran’s…");
        // Logical "مجلس محافظة البصرة": the first word is kept, seen on the right,
        // with the ellipsis after it in reading order, on its left.
        assert_eq!(
            display_fitting("مجلس محافظة البصرة", 12.0, width_of),
            "…محافظة مجلس"
        );
        assert_eq!(
            display_fitting("مجلس محافظة البصرة", 6.0, width_of),
            "…مجلس"
        );
        // Nothing fits: the ellipsis alone.
        assert_eq!(display_fitting("مجلس", 0.5, width_of), "…");
        // An emoji sequence is kept whole or not at all.
        assert_eq!(display_fitting("ab👩\u{200d}🎓cd", 4.0, width_of), "ab…");
    }

    #[test]
    fn labels_get_right_to_left_words_in_the_order_they_are_seen() {
        assert!(matches!(display_order("Iran’s envoy"), Cow::Borrowed(_)));
        // Logical "مجلس محافظة البصرة": seen from the left, the last word first.
        assert_eq!(display_order("مجلس محافظة البصرة"), "البصرة محافظة مجلس");
        // A number inside Arabic keeps its digits' order and its place.
        assert_eq!(display_order("الحي رقم 7 شمال"), "شمال 7 رقم الحي");
        // English around a quote: only the quote is turned, its brackets mirrored.
        assert_eq!(
            display_order("the slogan «صوتك أمانة» said"),
            "the slogan «أمانة صوتك» said"
        );
    }
}
