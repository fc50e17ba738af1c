//! The window at 800 × 600, a laptop screen split in two: the article keeps most of the
//! width, the document list folds away and comes back, the side panels stay within
//! their share, and the label palette wraps by whole buttons. The real `App` in a
//! headless egui context (egui_kittest), on the bundled sample project.

use super::fixture::{Window, app, harness};
use claimspan::app::{Prefs, Startup};
use claimspan::model::CharOffset;
use claimspan::ui::Command;
use claimspan::ui::side_panel::SideTab;
use egui::Rect;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use std::time::Duration;

/// The app in a window of this size, on the welcome screen.
fn window(width: f32, height: f32, data_dir: &Path) -> Window {
    let startup = Startup {
        path: None,
        prefs: Some(Prefs {
            annotator: Some("tester".into()),
            ..Prefs::default()
        }),
        data_dir: Some(data_dir.to_owned()),
        debounce: Some(Duration::ZERO),
    };
    harness(width, height, startup)
}

/// The sample project opened from the welcome screen, on its Iran story.
fn sample_on_iran_story(
    width: f32,
    height: f32,
    data_dir: &Path,
) -> (Window, claimspan::model::DocumentId) {
    let mut harness = window(width, height, data_dir);
    harness.get_by_label("Open sample project").click();
    harness.run_steps(3);
    let ws = app(&mut harness).workspace().expect("the sample opened");
    let iran = ws
        .rows()
        .iter()
        .find(|r| r.title.starts_with("Iran warns"))
        .expect("the Iran story")
        .id
        .clone();
    app(&mut harness).run(Command::OpenDocument(iran.clone()));
    harness.run_steps(3);
    (harness, iran)
}

/// The sample project open on its Iran story, with the stance “warned” selected, so
/// the palette shows its longest row (labels, polarity, status).
fn sample_with_stance_selected(width: f32, data_dir: &Path) -> Window {
    let (mut harness, _) = sample_on_iran_story(width, 600.0, data_dir);
    // The user's own set starts empty: tag the stance as they would.
    let warned = app(&mut harness)
        .workspace()
        .and_then(|ws| ws.current())
        .and_then(|o| o.document().text().find("warned").map(|b| (o, b)))
        .map(|(o, b)| o.document().text()[..b].chars().count())
        .expect("“warned” in the Iran story");
    app(&mut harness).select_text(CharOffset(warned), CharOffset(warned + "warned".len()));
    app(&mut harness).run(Command::Label("stance".into()));
    harness.run_steps(2);
    let stance = app(&mut harness)
        .workspace()
        .and_then(|ws| ws.current())
        .and_then(|o| o.annotations().spans.iter().find(|s| s.label == "stance"))
        .expect("the stance just tagged")
        .id;
    app(&mut harness).select_span(stance);
    let _ = harness.try_run();
    harness
}

fn article_rect(harness: &mut Window) -> Rect {
    app(harness)
        .text_view()
        .screen_rect()
        .expect("the article was drawn")
}

fn rect_of(harness: &Window, label: &str) -> Rect {
    harness.get_by_label(label).rect()
}

/// The palette's buttons, every one of them on the screen.
const PALETTE: [&str; 8] = [
    "☰ Documents",
    "1/A  actor",
    "2/S  stance",
    "3/C  claim",
    "+ support",
    "− oppose",
    "0 neutral",
    "Mark done",
];

#[test]
fn at_800_px_the_article_keeps_most_of_the_width_and_the_list_is_folded() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(800.0, data.path());
    let article = article_rect(&mut harness);
    assert!(
        article.width() >= 0.55 * 800.0,
        "the article is {article:?} wide in an 800 px window"
    );
    assert!(
        harness.query_by_label("Documents").is_none(),
        "the document list folds in a narrow window"
    );
    assert!(article.min.x < 40.0, "{article:?}");
    // The right panel keeps within its share of the window.
    let spans_tab = rect_of(&harness, "Spans");
    assert!(
        spans_tab.min.x >= 800.0 * (1.0 - 0.28) - 12.0,
        "{spans_tab:?}"
    );
}

#[test]
fn the_folded_list_comes_back_with_its_button_and_ctrl_l() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(800.0, data.path());
    harness.get_by_label("☰ Documents").click();
    let _ = harness.try_run();
    harness.get_by_label("Documents");
    // The list takes at most a fifth of the window; the article starts after it.
    let article = article_rect(&mut harness);
    assert!(
        article.min.x > 100.0 && article.min.x <= 0.20 * 800.0 + 16.0,
        "{article:?}"
    );
    assert!(article.width() >= 0.5 * 800.0, "{article:?}");
    // Ctrl+L folds it again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    let _ = harness.try_run();
    assert!(harness.query_by_label("Documents").is_none());
}

#[test]
fn a_long_arabic_title_is_cut_at_its_end_in_the_narrow_list() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(800.0, data.path());
    harness.get_by_label("☰ Documents").click();
    let _ = harness.try_run();
    // “مجلس المحافظة يقر خطة …” is longer than a fifth of 800 px. Its start is what
    // a reader needs to know it: the first words stay, the cut comes where it ends,
    // on the left, as it reads.
    let row = harness.get_by_label_contains("مجلس");
    let label = row.accesskit_node().label().unwrap_or_default();
    assert!(label.contains('…'), "{label:?} is cut");
    assert!(
        label.contains("المحافظة مجلس"),
        "{label:?} keeps its first words"
    );
    assert!(!label.contains("البصرة"), "{label:?} loses its last word");
    let ellipsis = label.find('…').unwrap();
    assert!(ellipsis < label.find("مجلس").unwrap(), "{label:?}");
    assert!(row.rect().max.x <= 0.20 * 800.0 + 16.0, "{:?}", row.rect());
}

#[test]
fn palette_buttons_are_one_row_high_and_wrap_whole() {
    let data = tempfile::tempdir().unwrap();
    for width in [800.0, 640.0] {
        let harness = sample_with_stance_selected(width, data.path());
        // One line of palette text: a button of one line is shorter than two of it.
        let line = rect_of(&harness, "Relabel:").height();
        let rects: Vec<(&str, Rect)> = PALETTE
            .iter()
            .map(|&label| (label, rect_of(&harness, label)))
            .collect();
        for (label, rect) in &rects {
            assert!(
                rect.height() < 1.8 * line,
                "“{label}” is {} high, a line is {line}, at {width} px",
                rect.height()
            );
            assert!(rect.max.x <= width, "“{label}” sticks out: {rect:?}");
        }
        if width == 640.0 {
            // Narrow enough that the palette needs two rows: it takes them.
            let rows = rects
                .iter()
                .map(|(_, r)| r.min.y.round() as i32)
                .collect::<std::collections::BTreeSet<_>>();
            assert!(rows.len() >= 2, "{rects:?}");
        }
    }
}

#[test]
fn a_wide_window_shows_the_list_and_the_panels_at_their_usual_widths() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(1280.0, data.path());
    harness.get_by_label("Documents");
    let article = article_rect(&mut harness);
    assert!(
        article.min.x > 200.0,
        "the list keeps its width: {article:?}"
    );
    assert!(article.width() >= 0.5 * 1280.0, "{article:?}");
}

#[test]
fn every_tab_and_the_search_bar_fit_their_share_of_an_800_px_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(800.0, data.path());
    let share = 800.0 * (1.0 - 0.28);
    for tab in [
        SideTab::Spans,
        SideTab::Statements,
        SideTab::Entities,
        SideTab::Guidelines,
    ] {
        app(&mut harness).run(Command::ShowTab(tab));
        let _ = harness.try_run();
        // A panel whose contents are too wide is pushed over the article by egui.
        let article = article_rect(&mut harness);
        assert!(article.max.x <= share + 2.0, "{tab:?}: {article:?}");
    }
    app(&mut harness).run(Command::Find);
    let _ = harness.try_run();
    // The status bar's ✕ (dismiss the sample's message) is below; the bar's is on top.
    let close = harness
        .query_all_by_label("✕")
        .map(|n| n.rect())
        .min_by(|a, b| a.min.y.total_cmp(&b.min.y))
        .expect("the search bar's ✕");
    assert!(
        close.max.x <= share,
        "the search bar's ✕ is off its panel: {close:?}"
    );
    // On a hit, the hint says in full how to tag it, within the bar's share.
    // The bar took the keyboard when it opened.
    harness.event(egui::Event::Text("Europe".into()));
    let _ = harness.try_run();
    app(&mut harness).run(Command::FindNext);
    let _ = harness.try_run();
    let hint = rect_of(&harness, "Press a label key to tag this hit.");
    assert!(hint.max.x <= share, "the hint is cut: {hint:?}");
}

#[test]
fn the_right_panel_resizes_by_its_edge_within_its_share() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(800.0, data.path());
    let before = article_rect(&mut harness);
    // The panel starts at its share of the window, 28% of 800 px.
    let edge = 800.0 - 224.0;
    let drag = |harness: &mut Window, from: f32, to: f32| {
        let y = 300.0;
        harness.hover_at(egui::pos2(from, y));
        harness.step();
        harness.drag_at(egui::pos2(from, y));
        harness.step();
        harness.hover_at(egui::pos2((from + to) / 2.0, y));
        harness.step();
        harness.hover_at(egui::pos2(to, y));
        harness.step();
        harness.drop_at(egui::pos2(to, y));
        let _ = harness.try_run();
    };
    // Narrower: the article takes what the panel gives up.
    drag(&mut harness, edge, edge + 40.0);
    let narrower = article_rect(&mut harness);
    assert!(
        narrower.width() > before.width() + 20.0,
        "{before:?} → {narrower:?}"
    );
    // Wider than its share: it stops at 28% of the window.
    drag(&mut harness, edge + 40.0, 200.0);
    let widest = article_rect(&mut harness);
    assert!(widest.width() < narrower.width() - 20.0, "{widest:?}");
    assert!(
        widest.max.x >= 800.0 * (1.0 - 0.28) - 16.0,
        "the panel grew past its share: {widest:?}"
    );
}

#[test]
fn the_keyboard_help_lists_every_key_and_fits_an_800_px_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sample_with_stance_selected(800.0, data.path());
    app(&mut harness).run(Command::ToggleHelp);
    let _ = harness.try_run();
    harness.get_by_label("Keyboard");
    for line in [
        "Show the statements of this document",
        "Show the entities and categories",
        "Next hit (also Enter in the search bar)",
        "Previous hit (also Shift+Enter in the search bar)",
        "Accept everything all agreed on",
    ] {
        harness.get_by_label(line);
    }
    harness.get_by_label("In review mode");
    harness.get_by_label("T");
    // E shows the entities, and in review mode edits the place.
    assert_eq!(harness.query_all_by_label("E").count(), 2);
    // The longest lines wrap inside the dialog instead of running past its edge.
    let close = rect_of(&harness, "Close");
    for line in [
        "Select text; it snaps to whole words (hold Alt for exact characters)",
        "Select the place, then tag your own version with a label key",
    ] {
        let rect = rect_of(&harness, line);
        assert!(
            rect.max.x <= 800.0 - 30.0 && rect.min.x >= close.min.x,
            "{line}: {rect:?}"
        );
    }
}

#[test]
fn starting_review_brings_the_first_disagreement_into_view() {
    let data = tempfile::tempdir().unwrap();
    let (mut harness, iran) = sample_on_iran_story(1200.0, 800.0, data.path());
    let names = ["amal", "jonas"].map(|n| claimspan::model::AnnotatorName::new(n).unwrap());
    app(&mut harness).run(Command::Review(
        claimspan::ui::command::ReviewCommand::Start(iran, names.to_vec()),
    ));
    let _ = harness.try_run();
    let review = app(&mut harness).workspace().unwrap().review().unwrap();
    let at = review.disagreements()[0].start;
    let rect = app(&mut harness).text_view().char_rect(at);
    let view = article_rect(&mut harness);
    assert!(
        rect.is_some_and(|r| view.contains_rect(r)),
        "the disagreement at {at:?} is not on screen: {rect:?} in {view:?}"
    );
}
