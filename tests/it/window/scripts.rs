//! The article view on text in every script, driven like a user would in the real
//! `App` (egui_kittest): every word of the mixed-direction paragraphs of
//! `fixtures/scripts/mixed-script.txt` (Arabic with لا and harakat, a number inside
//! Arabic, Hebrew, Persian with ZWNJ, combining accents, emoji with ZWJ and a flag,
//! an all-Arabic paragraph) is double-clicked, and dragged over, where it is drawn,
//! and the span saved to disk must hold exactly that word.
//!
//! Where a word is drawn is read from what the frame painted — the glyphs of the text
//! view's galleys, found by the chars they show — not from the view's own map, so the
//! test sees the screen as the user does.

use super::fixture::Window;
use crate::common;
use claimspan::model::{CharOffset, DocumentId, Span};
use claimspan::store::Project;
use egui::epaint::{ClippedShape, Shape};
use egui::{Key, Modifiers, Pos2, Rect, pos2};
use std::path::{Path, PathBuf};
use unicode_bidi::{BidiClass, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

const FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/scripts/mixed-script.txt"
));

/// A project with the mixed-script wire story imported, opened in a window.
fn open_fixture() -> (tempfile::TempDir, PathBuf, Window, DocumentId) {
    let article = common::fixtures().join("scripts/mixed-script.txt");
    let (dir, root) = common::project_with(&[&[common::s(&article)]]);
    let id = Project::open(&root)
        .unwrap()
        .articles()
        .next()
        .unwrap()
        .id
        .clone();
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&id);
    (dir, root, window, id)
}

/// Where `part` first occurs in `text`, in chars.
fn char_offset(text: &str, part: &str) -> usize {
    let byte = text
        .find(part)
        .unwrap_or_else(|| panic!("{part:?} is not in the article"));
    text[..byte].chars().count()
}

/// A glyph the last frame drew in the text view, in screen points.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    chr: char,
    x0: f32,
    x1: f32,
    y: f32,
}

/// A word to find: its text, where it starts in the article, and whether it reads
/// right to left.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    start: usize,
    rtl: bool,
}

/// A segment a drag or double-click snaps to: letters, digits or a pictograph.
fn wordlike(segment: &str) -> bool {
    segment
        .chars()
        .any(|c| c.is_alphanumeric() || (u32::from(c) >= 0x2600 && !"‘’“”«»„‚‹›–—…".contains(c)))
}

/// The words of `paragraph` (UAX #29), which starts at char `at` of the article.
fn words_of(paragraph: &str, at: usize) -> Vec<Word> {
    paragraph
        .split_word_bound_indices()
        .filter(|(_, w)| wordlike(w))
        .map(|(byte, w)| Word {
            text: w.to_owned(),
            start: at + paragraph[..byte].chars().count(),
            rtl: w
                .chars()
                .map(bidi_class)
                .find(|c| matches!(c, BidiClass::L | BidiClass::R | BidiClass::AL))
                .is_some_and(|c| c != BidiClass::L),
        })
        .collect()
}

/// The glyphs showing `word` on one row: matched by the first char of each of its
/// graphemes, in visual order (right to left reversed). A ligature glyph may stand
/// for two graphemes, and a cluster may have several glyphs (a flag, an emoji
/// sequence), each carrying its first char.
fn find_on_row(row: &[Glyph], word: &Word) -> Vec<(usize, usize)> {
    let mut seq: Vec<char> = word
        .text
        .graphemes(true)
        .filter_map(|g| g.chars().next())
        .collect();
    if word.rtl {
        seq.reverse();
    }
    let multi = word.text.graphemes(true).any(|g| g.chars().count() > 1);
    let mut found = Vec::new();
    for k0 in 0..row.len() {
        // Not inside a word, nor on the second glyph of a cluster.
        if k0 > 0 && (row[k0 - 1].chr.is_alphanumeric() || (multi && row[k0 - 1].chr == seq[0])) {
            continue;
        }
        let (mut j, mut k) = (0, k0);
        while k < row.len() && j < seq.len() {
            let c = row[k].chr;
            if c == seq[j] {
                j += 1;
            } else if j + 1 < seq.len() && c == seq[j + 1] {
                j += 2;
            } else if j == 0 || c != seq[j - 1] {
                break;
            }
            k += 1;
        }
        if j < seq.len() || k == k0 {
            continue;
        }
        while multi && k < row.len() && row[k].chr == seq[seq.len() - 1] {
            k += 1;
        }
        if k < row.len() && row[k].chr.is_alphanumeric() {
            continue;
        }
        found.push((k0, k));
    }
    found
}

/// The paragraphs under test: those with right-to-left text, emoji or combining marks.
fn mixed_paragraphs() -> Vec<&'static str> {
    FIXTURE
        .lines()
        .skip_while(|l| !l.starts_with("AMMAN"))
        .filter(|l| {
            l.chars().any(|c| {
                matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::NSM)
                    || u32::from(c) >= 0x1F000
            })
        })
        .collect()
}

impl Window {
    /// The spans saved of `id`, none where nothing is saved yet.
    fn saved_spans(&mut self, root: &Path, id: &DocumentId) -> Vec<Span> {
        self.saved(root, id).map(|a| a.spans).unwrap_or_default()
    }

    /// The rows of glyphs (those with an advance, left to right) that the last frame
    /// drew with the clip of the text view, which is found as the clip of the text drawn
    /// at `inside`.
    fn drawn_rows(&self, inside: Pos2) -> Vec<Vec<Glyph>> {
        fn flatten<'a>(shape: &'a Shape, out: &mut Vec<&'a egui::epaint::TextShape>) {
            match shape {
                Shape::Text(text) => out.push(text),
                Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, out)),
                _ => {}
            }
        }
        let shapes: &[ClippedShape] = &self.output().shapes;
        let mut texts: Vec<(Rect, &egui::epaint::TextShape)> = Vec::new();
        for clipped in shapes {
            let mut here = Vec::new();
            flatten(&clipped.shape, &mut here);
            texts.extend(here.into_iter().map(|t| (clipped.clip_rect, t)));
        }
        let clip = texts
            .iter()
            .find(|(clip, t)| {
                clip.contains(inside) && t.visual_bounding_rect().expand(2.0).contains(inside)
            })
            .map(|(clip, _)| *clip)
            .expect("text is drawn where the article is");
        let mut rows = Vec::new();
        for (_, text) in texts.iter().filter(|(c, _)| *c == clip) {
            for placed in &text.galley.rows {
                let origin = text.pos + placed.pos.to_vec2();
                let y = origin.y + placed.row.size.y / 2.0;
                let mut row: Vec<Glyph> = placed
                    .row
                    .glyphs
                    .iter()
                    .filter(|g| g.advance_width > 0.0)
                    .map(|g| Glyph {
                        chr: g.chr,
                        x0: origin.x + g.pos.x,
                        x1: origin.x + g.pos.x + g.advance_width,
                        y,
                    })
                    .collect();
                row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                rows.push(row);
            }
        }
        rows
    }

    /// Where each word of `paragraph` is drawn: the glyph rects of its first and last
    /// glyph in reading order. Words it cannot find on screen are returned as errors.
    fn locate(&mut self, paragraph: &str) -> Vec<Result<(Word, Glyph, Glyph), String>> {
        self.scroll_to(paragraph);
        self.locate_here(paragraph)
    }

    /// [`Window::locate`] without scrolling: the paragraph must be on screen.
    fn locate_here(&mut self, paragraph: &str) -> Vec<Result<(Word, Glyph, Glyph), String>> {
        let text = self.text();
        let at = char_offset(&text, paragraph);
        let after = at + paragraph.chars().count() + 1;
        let view = self.app().text_view();
        let top = view
            .char_center(CharOffset(at))
            .expect("the paragraph is on screen");
        // The next paragraph with text, to know where this one ends on screen.
        let next_start = text
            .chars()
            .enumerate()
            .skip(after)
            .find(|(_, c)| !c.is_whitespace())
            .map(|(i, _)| i);
        let bottom = next_start
            .and_then(|n| view.char_center(CharOffset(n)))
            .map_or(f32::INFINITY, |p| p.y - 1.0);
        let rows: Vec<Vec<Glyph>> = self
            .drawn_rows(top)
            .into_iter()
            .filter(|r| {
                r.first()
                    .is_some_and(|g| g.y >= top.y - 1.0 && g.y < bottom)
            })
            .collect();
        words_of(paragraph, at)
            .into_iter()
            .map(|word| {
                let hits: Vec<(usize, (usize, usize))> = rows
                    .iter()
                    .enumerate()
                    .flat_map(|(r, row)| find_on_row(row, &word).into_iter().map(move |h| (r, h)))
                    .collect();
                match hits.as_slice() {
                    [(r, (a, b))] => {
                        let (left, right) = (rows[*r][*a], rows[*r][*b - 1]);
                        let (first, last) = if word.rtl {
                            (right, left)
                        } else {
                            (left, right)
                        };
                        Ok((word, first, last))
                    }
                    [] => Err(format!("{:?} is not drawn as it reads", word.text)),
                    _ => Err(format!("{:?} is drawn {} times", word.text, hits.len())),
                }
            })
            .collect()
    }

    /// Where `word` of `paragraph` is drawn now (without scrolling).
    fn word_here(&mut self, paragraph: &str, word: &str) -> (Word, Glyph, Glyph) {
        self.locate_here(paragraph)
            .into_iter()
            .flatten()
            .find(|(w, _, _)| w.text == word)
            .unwrap_or_else(|| panic!("{word:?} is not drawn"))
    }

    /// Scrolls `paragraph` into view and waits for the screen to be still.
    fn scroll_to(&mut self, paragraph: &str) {
        let text = self.text();
        let at = char_offset(&text, paragraph);
        self.app().text_view().scroll_to_char(CharOffset(at));
        self.settle();
    }
}

/// Tags every word of the mixed paragraphs with `select` then key 1, and checks that
/// the spans on disk are exactly those words.
fn tag_every_word(select: impl Fn(&mut Window, &Word, Glyph, Glyph)) {
    let (_dir, root, mut window, id) = open_fixture();
    let mut problems = Vec::new();
    let mut expected = Vec::new();
    for paragraph in mixed_paragraphs() {
        let count = window.locate(paragraph).len();
        // Found again before each word: a saved span can change the panels' widths,
        // and so where the text wraps.
        for n in 0..count {
            match window.locate(paragraph).swap_remove(n) {
                Ok((word, first, last)) => {
                    select(&mut window, &word, first, last);
                    window.press(Key::Num1);
                    expected.push((
                        word.start,
                        word.start + word.text.chars().count(),
                        word.text,
                    ));
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    let saved = window.saved_spans(&root, &id);
    let mut got: Vec<(usize, usize, String)> = saved
        .iter()
        .map(|s| (s.start.0, s.end.0, s.text.clone()))
        .collect();
    got.sort();
    expected.sort();
    let wrong: Vec<String> = expected
        .iter()
        .filter(|e| !got.contains(e))
        .map(|(s, _, w)| {
            let saved = got.iter().find(|g| g.0 <= *s && *s < g.1.max(g.0 + 1));
            format!("{w:?} at {s}: saved {saved:?}")
        })
        .collect();
    problems.extend(wrong);
    let extra = got.iter().filter(|g| !expected.contains(g));
    problems.extend(extra.map(|g| format!("saved but not asked for: {g:?}")));
    assert!(expected.len() > 90, "only {} words", expected.len());
    assert!(
        problems.is_empty() && got.len() == expected.len(),
        "{} of {} words wrong, {} spans saved:\n{}",
        problems.len(),
        expected.len(),
        got.len(),
        problems.join("\n")
    );
}

#[test]
fn a_double_click_on_any_word_of_mixed_script_text_saves_that_word() {
    tag_every_word(|window, _, first, _| {
        let at = pos2((first.x0 + first.x1) / 2.0, first.y);
        window.clicks_after_pause(at, 2);
    });
}

#[test]
fn a_drag_from_the_first_to_the_last_glyph_of_a_word_saves_that_word() {
    tag_every_word(|window, word, first, last| {
        // Just inside the glyphs: the leading edge of the first (its right edge in
        // right-to-left text) and the trailing edge of the last.
        let (mut a, mut b) = if word.rtl {
            (first.x1 - 0.5, last.x0 + 0.5)
        } else {
            (first.x0 + 0.5, last.x1 - 0.5)
        };
        // A word too narrow to drag over (“I”) is dragged from the space before it to
        // the one after, which in left-to-right text are its logical neighbours too.
        let short = 10.0 - (b - a).abs();
        if short > 0.0 && !word.rtl {
            a -= short / 2.0;
            b += short / 2.0;
        }
        window.drag_points(pos2(a, first.y), pos2(b, last.y));
    });
}

/// The paragraph under test that starts with `start`.
fn paragraph(start: &str) -> &'static str {
    mixed_paragraphs()
        .into_iter()
        .find(|p| p.starts_with(start))
        .unwrap()
}

#[test]
fn a_click_on_a_span_in_view_selects_it_without_scrolling() {
    let (_dir, _root, mut window, _id) = open_fixture();
    // “Iranian”, before the Persian quote of its paragraph.
    let persian = paragraph("The Iranian");
    window.scroll_to(persian);
    let (_, haddad, _) = window.word_here(persian, "Iranian");
    window.clicks_after_pause(pos2(haddad.x0 + 2.0, haddad.y), 2);
    window.press(Key::Num1);
    // The Arabic-quoting paragraph a third of the way down: the span is lower on
    // screen, where a jump to put it a third down would move it.
    window.scroll_to(paragraph("A municipal"));
    window.press(Key::Escape);
    let before = window.app().text_view().last_viewport();
    let (_, haddad, _) = window.word_here(persian, "Iranian");
    window.clicks_after_pause(pos2(haddad.x0 + 2.0, haddad.y), 1);
    window.settle();
    assert!(
        window.app().selection().span().is_some(),
        "the click selects the span"
    );
    let view = window.app().text_view();
    assert_eq!(
        view.last_viewport(),
        before,
        "and the text stays where it was"
    );
}

#[test]
fn caret_keys_make_a_span_without_the_mouse() {
    let (_dir, root, mut window, id) = open_fixture();
    let first = paragraph("The Jordanian");
    window.scroll_to(first);
    // A click just left of “Observers” puts the caret before it.
    let (word, o, _) = window.word_here(first, "Observers");
    window.clicks_after_pause(pos2(o.x0 + 1.0, o.y), 1);
    assert_eq!(
        window.app().text_view().caret(),
        Some(CharOffset(word.start))
    );
    window.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    window.press(Key::Num1);
    // Shift+→ by char: the selection snaps to the whole word as a drag does.
    let (word2, d, _) = window.word_here(first, "Cairo");
    window.clicks_after_pause(pos2(d.x0 + 1.0, d.y), 1);
    for _ in 0..2 {
        window.press_with(Modifiers::SHIFT, Key::ArrowRight);
    }
    window.press(Key::Num1);
    let saved = window.saved_spans(&root, &id);
    let texts: Vec<(usize, &str)> = saved.iter().map(|s| (s.start.0, s.text.as_str())).collect();
    assert_eq!(texts, [(word.start, "Observers"), (word2.start, "Cairo")]);
}

#[test]
fn home_and_end_take_the_caret_to_the_ends_of_the_line_as_it_reads() {
    let (_dir, root, mut window, id) = open_fixture();
    let credit = "Reporting by Lina Haddad; editing by Tom Price";
    window.scroll_to(credit);
    let text = window.text();
    let start = char_offset(&text, credit);
    let haddad = window
        .app()
        .text_view()
        .char_rect(CharOffset(char_offset(&text, "Haddad") + 1))
        .unwrap();
    window.clicks_after_pause(haddad.center(), 1);
    window.press(Key::Home);
    assert_eq!(window.app().text_view().caret(), Some(CharOffset(start)));
    window.press_with(Modifiers::SHIFT, Key::End);
    window.press(Key::Num1);
    let saved = window.saved_spans(&root, &id);
    let texts: Vec<&str> = saved.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, [credit]);
    // An all-Arabic line starts on the right: Home from its first word's left edge
    // goes back to the paragraph's first char.
    let arabic = paragraph("وقال");
    window.scroll_to(arabic);
    let at = char_offset(&text, arabic);
    let first = window
        .app()
        .text_view()
        .char_rect(CharOffset(at + 2))
        .unwrap();
    window.clicks_after_pause(pos2(first.left() + 1.0, first.center().y), 1);
    window.press(Key::Home);
    assert_eq!(window.app().text_view().caret(), Some(CharOffset(at)));
}

#[test]
fn the_caret_walks_through_arabic_as_it_is_drawn() {
    let (_dir, _root, mut window, _id) = open_fixture();
    let first = paragraph("The Jordanian");
    window.scroll_to(first);
    let text = window.text();
    let quote = char_offset(&text, "«لا");
    let end = char_offset(&text, "» (“no");
    // The caret before “«”, then → step by step: after «, the Arabic's logical end
    // (drawn right after « at its left), back through الماء.
    let rect = window
        .app()
        .text_view()
        .char_rect(CharOffset(quote))
        .unwrap();
    window.clicks_after_pause(pos2(rect.left() + 1.0, rect.center().y), 1);
    let mut seen = Vec::new();
    for _ in 0..4 {
        window.press(Key::ArrowRight);
        seen.push(window.app().text_view().caret().unwrap().0);
    }
    assert_eq!(seen, [quote + 1, end, end - 1, end - 2]);
    // ← walks back the same way.
    window.press(Key::ArrowLeft);
    assert_eq!(window.app().text_view().caret(), Some(CharOffset(end - 1)));
}

#[test]
fn an_all_arabic_paragraph_is_right_aligned() {
    let (_dir, _root, mut window, _id) = open_fixture();
    let arabic = paragraph("وقال");
    window.scroll_to(arabic);
    let text = window.text();
    let at = char_offset(&text, arabic);
    let view = window.app().text_view();
    let first = view.char_rect(CharOffset(at)).unwrap();
    let last = view
        .char_rect(CharOffset(at + arabic.chars().count() - 2))
        .unwrap();
    let clip = view.last_viewport().unwrap();
    assert!(first.right() > last.right(), "{first:?} {last:?}");
    // Its first word ends at the right margin of the text.
    let other = view
        .char_rect(CharOffset(char_offset(&text, "Reporting")))
        .unwrap();
    assert!(
        first.right() > other.left() + clip.width() * 0.6,
        "{first:?}"
    );
}
