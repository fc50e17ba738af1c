//! The window at 800 × 600, a laptop screen split in two: the article keeps most of the
//! width, the document list folds away and comes back, the side panels stay within
//! their share, and the label palette wraps by whole buttons. The real `App` in a
//! headless egui context (egui_kittest), on the bundled sample project.

use super::fixture::{Window, prefs, startup};
use claimspan::model::{CharOffset, DocumentId};
use claimspan::ui::Command;
use claimspan::ui::side_panel::SideTab;
use egui::Rect;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

/// The sample project opened from the welcome screen, on its Iran story.
fn sample_on_iran_story(width: f32, height: f32, data_dir: &Path) -> (Window, DocumentId) {
    let mut window = Window::new(width, height, startup(None, data_dir, prefs()));
    window.get_by_label("Open sample project").click();
    window.run_steps(3);
    let ws = window.app().workspace().expect("the sample opened");
    let iran = ws
        .rows()
        .iter()
        .find(|r| r.title.starts_with("Iran warns"))
        .expect("the Iran story")
        .id
        .clone();
    window.open_document(&iran);
    (window, iran)
}

/// The sample project open on its Iran story, with the stance “warned” selected, so
/// the palette shows its longest row (labels, polarity, status).
fn sample_with_stance_selected(width: f32, data_dir: &Path) -> Window {
    let (mut window, _) = sample_on_iran_story(width, 600.0, data_dir);
    // The user's own set starts empty: tag the stance as they would.
    let warned = window
        .app()
        .workspace()
        .and_then(|ws| ws.current())
        .and_then(|o| o.document().text().find("warned").map(|b| (o, b)))
        .map(|(o, b)| o.document().text()[..b].chars().count())
        .expect("“warned” in the Iran story");
    window
        .app()
        .select_text(CharOffset(warned), CharOffset(warned + "warned".len()));
    window.app().run(Command::Label("stance".into()));
    window.run_steps(2);
    let stance = window
        .app()
        .workspace()
        .and_then(|ws| ws.current())
        .and_then(|o| o.annotations().spans.iter().find(|s| s.label == "stance"))
        .expect("the stance just tagged")
        .id;
    window.app().select_span(stance);
    window.settle();
    window
}

impl Window {
    /// Where the article is drawn.
    fn article_rect(&mut self) -> Rect {
        self.app()
            .text_view()
            .screen_rect()
            .expect("the article was drawn")
    }

    /// Where the widget labelled `label` is drawn.
    fn rect_of(&self, label: &str) -> Rect {
        self.get_by_label(label).rect()
    }
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
    let mut window = sample_with_stance_selected(800.0, data.path());
    let article = window.article_rect();
    assert!(
        article.width() >= 0.55 * 800.0,
        "the article is {article:?} wide in an 800 px window"
    );
    assert!(
        window.query_by_label("Documents").is_none(),
        "the document list folds in a narrow window"
    );
    assert!(article.min.x < 40.0, "{article:?}");
    // The right panel keeps within its share of the window.
    let spans_tab = window.rect_of("Spans");
    assert!(
        spans_tab.min.x >= 800.0 * (1.0 - 0.28) - 12.0,
        "{spans_tab:?}"
    );
}

#[test]
fn the_folded_list_comes_back_with_its_button_and_ctrl_l() {
    let data = tempfile::tempdir().unwrap();
    let mut window = sample_with_stance_selected(800.0, data.path());
    window.get_by_label("☰ Documents").click();
    window.settle();
    window.get_by_label("Documents");
    // The list takes at most a fifth of the window; the article starts after it.
    let article = window.article_rect();
    assert!(
        article.min.x > 100.0 && article.min.x <= 0.20 * 800.0 + 16.0,
        "{article:?}"
    );
    assert!(article.width() >= 0.5 * 800.0, "{article:?}");
    // Ctrl+L folds it again.
    window.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    window.settle();
    assert!(window.query_by_label("Documents").is_none());
}

#[test]
fn a_long_arabic_title_is_cut_at_its_end_in_the_narrow_list() {
    let data = tempfile::tempdir().unwrap();
    let mut window = sample_with_stance_selected(800.0, data.path());
    window.get_by_label("☰ Documents").click();
    window.settle();
    // “مجلس المحافظة يقر خطة …” is longer than a fifth of 800 px. Its start is what
    // a reader needs to know it: the first words stay, the cut comes where it ends,
    // on the left, as it reads.
    let row = window.get_by_label_contains("مجلس");
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
        let window = sample_with_stance_selected(width, data.path());
        // One line of palette text: a button of one line is shorter than two of it.
        let line = window.rect_of("Relabel:").height();
        let rects: Vec<(&str, Rect)> = PALETTE
            .iter()
            .map(|&label| (label, window.rect_of(label)))
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
    let mut window = sample_with_stance_selected(1280.0, data.path());
    window.get_by_label("Documents");
    let article = window.article_rect();
    assert!(
        article.min.x > 200.0,
        "the list keeps its width: {article:?}"
    );
    assert!(article.width() >= 0.5 * 1280.0, "{article:?}");
}

#[test]
fn every_tab_and_the_search_bar_fit_their_share_of_an_800_px_window() {
    let data = tempfile::tempdir().unwrap();
    let mut window = sample_with_stance_selected(800.0, data.path());
    let share = 800.0 * (1.0 - 0.28);
    for tab in [
        SideTab::Spans,
        SideTab::Statements,
        SideTab::Entities,
        SideTab::Guidelines,
    ] {
        window.app().run(Command::ShowTab(tab));
        window.settle();
        // A panel whose contents are too wide is pushed over the article by egui.
        let article = window.article_rect();
        assert!(article.max.x <= share + 2.0, "{tab:?}: {article:?}");
    }
    window.app().run(Command::Find);
    window.settle();
    // The status bar's ✕ (dismiss the sample's message) is below; the bar's is on top.
    let close = window
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
    window.event(egui::Event::Text("Europe".into()));
    window.settle();
    window.app().run(Command::FindNext);
    window.settle();
    let hint = window.rect_of("Press a label key to tag this hit.");
    assert!(hint.max.x <= share, "the hint is cut: {hint:?}");
}

#[test]
fn the_right_panel_resizes_by_its_edge_within_its_share() {
    let data = tempfile::tempdir().unwrap();
    let mut window = sample_with_stance_selected(800.0, data.path());
    let before = window.article_rect();
    // The panel starts at its share of the window, 28% of 800 px.
    let edge = 800.0 - 224.0;
    // Along the panel's edge, at half the window's height.
    let drag = |window: &mut Window, from: f32, to: f32| {
        let y = 300.0;
        window.drag_points(egui::pos2(from, y), egui::pos2(to, y));
        window.settle();
    };
    // Narrower: the article takes what the panel gives up.
    drag(&mut window, edge, edge + 40.0);
    let narrower = window.article_rect();
    assert!(
        narrower.width() > before.width() + 20.0,
        "{before:?} → {narrower:?}"
    );
    // Wider than its share: it stops at 28% of the window.
    drag(&mut window, edge + 40.0, 200.0);
    let widest = window.article_rect();
    assert!(widest.width() < narrower.width() - 20.0, "{widest:?}");
    assert!(
        widest.max.x >= 800.0 * (1.0 - 0.28) - 16.0,
        "the panel grew past its share: {widest:?}"
    );
}

#[test]
fn the_keyboard_help_lists_every_key_and_fits_an_800_px_window() {
    let data = tempfile::tempdir().unwrap();
    let mut window = sample_with_stance_selected(800.0, data.path());
    window.app().run(Command::ToggleHelp);
    window.settle();
    window.get_by_label("Keyboard");
    for line in [
        "Show the statements of this document",
        "Show the entities and categories",
        "Next hit (also Enter in the search bar)",
        "Previous hit (also Shift+Enter in the search bar)",
        "Accept everything all agreed on",
    ] {
        window.get_by_label(line);
    }
    window.get_by_label("In review mode");
    window.get_by_label("T");
    // E shows the entities, and in review mode edits the place.
    assert_eq!(window.query_all_by_label("E").count(), 2);
    // The longest lines wrap inside the dialog instead of running past its edge.
    let close = window.rect_of("Close");
    for line in [
        "Select text; it snaps to whole words (hold Alt for exact characters)",
        "Select the place, then tag your own version with a label key",
    ] {
        let rect = window.rect_of(line);
        assert!(
            rect.max.x <= 800.0 - 30.0 && rect.min.x >= close.min.x,
            "{line}: {rect:?}"
        );
    }
}

#[test]
fn starting_review_brings_the_first_disagreement_into_view() {
    let data = tempfile::tempdir().unwrap();
    let (mut window, iran) = sample_on_iran_story(1200.0, 800.0, data.path());
    let names = ["amal", "jonas"].map(|n| claimspan::model::AnnotatorName::new(n).unwrap());
    window.app().run(Command::Review(
        claimspan::ui::command::ReviewCommand::Start(iran, names.to_vec()),
    ));
    window.settle();
    let review = window.app().workspace().unwrap().review().unwrap();
    let at = review.disagreements()[0].start;
    let rect = window.app().text_view().char_rect(at);
    let view = window.article_rect();
    assert!(
        rect.is_some_and(|r| view.contains_rect(r)),
        "the disagreement at {at:?} is not on screen: {rect:?} in {view:?}"
    );
}
