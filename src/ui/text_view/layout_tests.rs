//! Layout and map tests with egui's real fonts, in a headless context: every char is
//! found where it is drawn, and every line reads in the order the Unicode Bidi
//! Algorithm gives (`unicode-bidi`'s own `reorder_line`).

use super::*;
use crate::ui::theme::{install_fonts, serif};
use egui::{FontId, RawInput, pos2};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use unicode_bidi::ParagraphBidiInfo;

const WIDTH: f32 = 420.0;

/// Runs `f` with a shaper on the app's fonts.
fn with_shaper(f: impl FnOnce(&mut Shaper<'_>)) {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut f = Some(f);
    let mut output = ctx.run_ui(RawInput::default(), |ui| {
        let painter = ui.painter().clone();
        let mut fonts = |job| painter.layout_job(job);
        let mut shaper = Shaper {
            fonts: &mut fonts,
            format: TextFormat {
                font_id: FontId::new(17.0, serif()),
                line_height: Some(17.0 * 1.9),
                ..TextFormat::default()
            },
        };
        if let Some(f) = f.take() {
            f(&mut shaper);
        }
    });
    output.textures_delta.clear();
}

/// The paragraph's lines as the map shows them: cells left to right, the chars of a
/// right-to-left cell reversed, as `reorder_line` reverses them.
fn shown_lines(text: &str, layout: &ParaLayout) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    layout
        .map
        .lines()
        .iter()
        .map(|line| {
            layout
                .map
                .cells(line)
                .iter()
                .flat_map(|c| {
                    let mut part = chars[c.start as usize..c.end as usize].to_vec();
                    if c.rtl {
                        part.reverse();
                    }
                    part
                })
                .collect()
        })
        .collect()
}

/// unicode-bidi's visual order of each of the layout's lines: the line's levels after
/// rule L1 (`reordered_levels_per_char`), reordered by rule L2 (`reorder_visual`).
/// (`reorder_line` would do, but it skips L1 when the line's levels before it are
/// all even, so it keeps a line-final space of a right-to-left paragraph on the
/// right.)
fn reference_lines(text: &str, layout: &ParaLayout) -> Vec<String> {
    let info = ParagraphBidiInfo::new(text, None);
    let chars: Vec<char> = text.chars().collect();
    let byte = |c: u32| {
        text.char_indices()
            .nth(c as usize)
            .map_or(text.len(), |(b, _)| b)
    };
    layout
        .map
        .lines()
        .iter()
        .map(|l| {
            let levels = info.reordered_levels_per_char(byte(l.start)..byte(l.end));
            let line = &levels[l.start as usize..l.end as usize];
            ParagraphBidiInfo::reorder_visual(line)
                .into_iter()
                .map(|i| chars[l.start as usize + i])
                .collect()
        })
        .collect()
}

/// Checks the map of `text` laid out: cells cover every char once, each char's rect
/// maps back to its grapheme, and the lines read in the reference's visual order.
fn check(text: &str, layout: &ParaLayout) -> Result<(), String> {
    let n = text.chars().count();
    let mut cells: Vec<Cell> = layout
        .map
        .lines()
        .iter()
        .flat_map(|l| layout.map.cells(l).iter().copied())
        .collect();
    cells.sort_by_key(|c| c.start);
    let mut next = 0;
    for c in &cells {
        if c.start as usize != next || c.end <= c.start {
            return Err(format!("cells do not cover the chars at {next}: {c:?}"));
        }
        next = c.end as usize;
    }
    if next != n {
        return Err(format!("cells end at {next} of {n}"));
    }
    for c in &cells {
        let rect = layout.map.char_rect(c.start as usize).ok_or("no rect")?;
        let hit = layout.map.cluster_at(rect.center());
        let cluster = c.start as usize..c.end as usize;
        if c.x1 > c.x0 && hit.as_ref() != Some(&cluster) {
            return Err(format!("char {} maps back to {hit:?}", c.start));
        }
    }
    // Rule X9 takes joiners and other boundary-neutral chars out of the algorithm:
    // they are invisible, and we keep them in their letter's cluster.
    let visible = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .map(|l| {
                l.chars()
                    .filter(|&c| unicode_bidi::bidi_class(c) != unicode_bidi::BidiClass::BN)
                    .collect()
            })
            .collect()
    };
    let shown = visible(shown_lines(text, layout));
    let reference = visible(reference_lines(text, layout));
    if shown != reference {
        return Err(format!("visual order {shown:?} is not {reference:?}"));
    }
    Ok(())
}

const FIXTURE: &str = include_str!("../../../fixtures/scripts/mixed-script.txt");

#[test]
fn every_fixture_paragraph_maps_and_reads_in_bidi_order() {
    with_shaper(|shaper| {
        for paragraph in FIXTURE.lines() {
            let layout = lay_out(paragraph, WIDTH, shaper);
            check(paragraph, &layout).unwrap_or_else(|e| panic!("{paragraph}: {e}"));
        }
    });
}

#[test]
fn an_arabic_paragraph_is_right_aligned_and_reads_right_to_left() {
    with_shaper(|shaper| {
        let text = "قال الوزير إن المعبر سيفتح غدا";
        let layout = lay_out(text, WIDTH, shaper);
        assert!(layout.map.rtl());
        let first = layout.map.char_rect(0).unwrap();
        let last = layout.map.char_rect(text.chars().count() - 1).unwrap();
        assert!((first.right() - WIDTH).abs() < 1.0, "{first:?}");
        assert!(last.left() < first.left());
    });
}

#[test]
fn a_number_inside_arabic_keeps_the_words_around_it_in_order() {
    with_shaper(|shaper| {
        let text = "المنطقة رقم 12 جنوب العاصمة";
        let layout = lay_out(text, WIDTH, shaper);
        let x = |at: usize| layout.map.char_rect(at).unwrap().center().x;
        let (one, two) = (text.find("12").unwrap(), text.find("12").unwrap() + 1);
        let (one, two) = (text[..one].chars().count(), text[..two].chars().count());
        // “1” left of “2”; the word after the number (logically) left of it, the
        // words before it right of it.
        assert!(x(one) < x(two));
        assert!(x(two + 2) < x(one));
        assert!(x(0) > x(two));
    });
}

#[test]
fn a_long_mixed_paragraph_wraps_within_the_width_and_keeps_every_char() {
    with_shaper(|shaper| {
        let text = FIXTURE.lines().find(|l| l.contains("الماء")).unwrap();
        let layout = lay_out(text, 160.0, shaper);
        assert!(layout.map.lines().len() > 3);
        for line in layout.map.lines() {
            let cells = layout.map.cells(line);
            let inked = cells
                .iter()
                .filter(|c| !text.chars().nth(c.start as usize).unwrap().is_whitespace());
            for c in inked {
                assert!(c.x1 <= 160.5 + 40.0, "{c:?}");
            }
        }
        check(text, &layout).unwrap();
    });
}

#[test]
fn the_hit_between_two_chars_of_a_rtl_word_is_its_logical_boundary() {
    with_shaper(|shaper| {
        let text = "He said نعم twice";
        let layout = lay_out(text, WIDTH, shaper);
        let noon = text.chars().position(|c| c == 'ن').unwrap();
        let r = layout.map.char_rect(noon).unwrap();
        // The right half of ن (its start, right to left) is the caret before it.
        assert_eq!(
            layout.map.caret_at(pos2(r.right() - 1.0, r.center().y)),
            Some(noon)
        );
        assert_eq!(
            layout.map.caret_at(pos2(r.left() + 1.0, r.center().y)),
            Some(noon + 1)
        );
    });
}

/// Words of every kind the fixtures have, for random paragraphs.
fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "envoy",
        "Observers",
        "cafe\u{301}",
        "José",
        "12",
        "2019",
        "«",
        "»",
        "(",
        ")",
        "“",
        "”",
        ",",
        "لا",
        "تَنازُلَ",
        "الماء",
        "نعم",
        "العاصمة",
        "می‌خواهم",
        "بدانم",
        "שלום",
        "ושכנות",
        "👩\u{200d}🎓",
        "🇮🇶",
        "💧",
    ])
}

#[test]
fn random_mixed_paragraphs_map_and_read_in_bidi_order() {
    with_shaper(|shaper| {
        let mut runner = TestRunner::new(Config {
            cases: 200,
            ..Config::default()
        });
        let words = prop::collection::vec((word(), prop::bool::weighted(0.8)), 0..40);
        let widths = prop::sample::select(vec![90.0f32, 200.0, 420.0, 2000.0]);
        let shaper = std::cell::RefCell::new(shaper);
        runner
            .run(&(words, widths), |(words, width)| {
                let text: String = words
                    .iter()
                    .map(|(w, space)| {
                        if *space {
                            format!("{w} ")
                        } else {
                            (*w).to_owned()
                        }
                    })
                    .collect();
                let layout = lay_out(&text, width, &mut shaper.borrow_mut());
                check(&text, &layout).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))
            })
            .unwrap();
    });
}

#[test]
fn a_wrapped_bullet_hangs_its_later_lines_under_its_first_word() {
    with_shaper(|shaper| {
        let text = "  • The Civic Renewal Alliance rejected a draft power-sharing deal \
                    tabled by its main rival after three days of talks in Baghdad";
        let layout = lay_out(text, 260.0, shaper);
        let lines = layout.map.lines();
        assert!(lines.len() >= 3, "{} lines", lines.len());
        let first_word = layout.map.char_rect(4).unwrap().left();
        assert!(first_word > 10.0, "{first_word}");
        for line in &lines[1..] {
            let left = layout.map.cells(line)[0].x0;
            assert!(
                (left - first_word).abs() < 0.5,
                "a later line starts at {left}, the first word at {first_word}"
            );
        }
        check(text, &layout).unwrap();
    });
}

#[test]
fn only_list_items_hang() {
    assert_eq!(bullet_prefix("  • The bloc"), Some(4));
    assert_eq!(bullet_prefix("- a point"), Some(2));
    assert_eq!(bullet_prefix("-5 percent growth"), None);
    assert_eq!(bullet_prefix("The bloc said"), None);
    assert_eq!(bullet_prefix("  •   "), None);
    assert_eq!(bullet_prefix(""), None);
}
