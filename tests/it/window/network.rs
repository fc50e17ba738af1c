//! Review → Network on the sample project: drawn in the background, a node clicked
//! lists its statements, a statement clicked opens its article with the stance
//! selected; a time window shows only its own statements.

use super::fixture::Window;
use claimspan::model::{AnnotatorName, CharOffset};
use claimspan::session::network::NetworkScene;
use claimspan::session::unpack_sample;
use claimspan::ui::Command;
use claimspan::ui::command::ReviewCommand;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::kittest::Queryable;
use std::time::Duration;

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = unpack_sample(
        &dir.path().join("sample"),
        &AnnotatorName::new(super::fixture::ME).unwrap(),
    )
    .unwrap();
    (dir, root)
}

/// Where the canvas draws node `i` before any pan or zoom.
fn node_place(window: &Window, scene: &NetworkScene, i: usize) -> Pos2 {
    let rect = window.get_by_label("Network drawing").rect();
    let p = scene.nodes[i].pos;
    rect.center() + vec2(p[0], p[1]) * rect.size().min_elem() * 0.45
}

fn drawn(window: &mut Window) -> NetworkScene {
    window.app().wait_for_task(Duration::from_secs(20));
    window.run_steps(4);
    window
        .app()
        .network_scene()
        .expect("a network was drawn")
        .clone()
}

#[test]
fn ctrl_g_draws_the_network_and_a_node_leads_to_its_statements_in_the_text() {
    let (dir, root) = sample();
    let mut window = Window::on(Some(&root), dir.path());
    window.press_with(Modifiers::COMMAND, Key::G);
    let scene = drawn(&mut window);
    // No gold and none of the tester's work: the first annotator's statements.
    assert!(scene.report.statements >= 8, "{}", scene.report);
    window.get_by_label_contains("nodes,");

    // The actor with the most statements, clicked where it is drawn.
    let (actor, _) = scene
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.node_type == claimspan::formats::statements::NodeType::Actor)
        .map(|(i, _)| (i, scene.statements_of(i, 0).count()))
        .max_by_key(|&(_, n)| n)
        .unwrap();
    let at = node_place(&window, &scene, actor);
    window.hover_at(at);
    window.click_at(at);
    window.run_steps(3);
    let label = scene.nodes[actor].label.clone();
    window.get_by_label(&label);
    let first = scene.statements_of(actor, 0).next().unwrap().clone();
    window
        .get_by_label_contains(&format!("“{}”", first.text))
        .click();
    window.run_steps(4);
    let ws = window.app().workspace().unwrap();
    assert_eq!(ws.current_id(), Some(&first.document));
    let selected = window.app().selection().clone();
    let shown = window.app().shown_annotations().unwrap().clone();
    match (selected.span(), selected.text()) {
        (Some(id), _) => {
            let span = shown.spans.iter().find(|s| s.id == id).unwrap();
            assert_eq!(
                (span.start, span.end),
                (CharOffset(first.start), CharOffset(first.end))
            );
        }
        (None, Some(range)) => {
            assert_eq!(range, (CharOffset(first.start), CharOffset(first.end)));
        }
        (None, None) => panic!("nothing selected after opening the statement"),
    }
    // The network folded to its title bar, so the article shows; Ctrl+G unfolds it.
    window.run_steps(10);
    assert!(window.query_by_label("Network drawing").is_none());
    window.press_with(Modifiers::COMMAND, Key::G);
    window.run_steps(10);
    window.get_by_label("Network drawing");
}

#[test]
fn one_mode_time_windows_draw_again_and_the_slider_lists_a_windows_own_statements() {
    let (dir, root) = sample();
    let mut window = Window::on(Some(&root), dir.path());
    window
        .app()
        .run(Command::Review(ReviewCommand::ShowNetwork));
    let first = drawn(&mut window);
    assert_eq!(first.frames.len(), 1);

    // The choices, unfolded and changed as a user would: one-mode over actors
    // (congruence), windows of 30 days.
    window.get_by_label("What to draw").click();
    window.run_steps(2);
    window.choose("two-mode", "one-mode");
    window.get_by_label("of").focus();
    window.run_steps(1);
    window.get_by_label("of").type_text("30d");
    window.run_steps(2);
    window.get_by_label("Draw").click();
    window.run_steps(2);
    let windowed = drawn(&mut window);
    assert_eq!(
        windowed.options.mode,
        claimspan::formats::statements::NetworkMode::OneMode
    );
    assert!(
        windowed.frames.len() > 2,
        "{} frames",
        windowed.frames.len()
    );
    assert!(
        windowed
            .nodes
            .iter()
            .all(|n| n.node_type == claimspan::formats::statements::NodeType::Actor)
    );
    window.get_by_label_contains("all dates");

    // The slider's next step: the first window, named by its days.
    window.get_by_label_contains("all dates").focus();
    window.run_steps(1);
    window.key_press(Key::ArrowRight);
    window.run_steps(3);
    let (from, to) = windowed.frames[1].days.clone().unwrap();
    window.get_by_label_contains(&format!("{from} – {to}"));

    // A node of that window lists that window's statements only.
    let (node, count) = (0..windowed.nodes.len())
        .map(|i| (i, windowed.statements_of(i, 1).count()))
        .find(|&(_, n)| n > 0)
        .expect("a node in the first window");
    let at = node_place(&window, &windowed, node);
    window.hover_at(at);
    window.click_at(at);
    window.run_steps(3);
    window.get_by_label_contains(&format!("· {count} statement"));

    // A click on an empty corner lets the node go.
    let rect = window.get_by_label("Network drawing").rect();
    window.click_at(rect.left_top() + vec2(3.0, 3.0));
    window.run_steps(3);
    assert!(
        window
            .query_by_label_contains(&format!("· {count} statement"))
            .is_none()
    );
}

#[test]
fn a_statement_of_ones_own_opens_with_its_stance_span_selected() {
    let (dir, root) = sample();
    // Working as amal, whose statements the view draws: the stance is her span.
    let prefs = claimspan::app::Prefs {
        annotator: Some("amal".into()),
        ..claimspan::app::Prefs::default()
    };
    let mut window = Window::with_prefs(Some(&root), dir.path(), prefs);
    window.press_with(Modifiers::COMMAND, Key::G);
    let scene = drawn(&mut window);
    let statement = scene.statements.last().unwrap().clone();
    let actor = statement.actor.unwrap();
    let at = node_place(&window, &scene, actor);
    window.hover_at(at);
    window.click_at(at);
    window.run_steps(3);
    window
        .get_by_label_contains(&format!("“{}”", statement.text))
        .click();
    window.run_steps(4);
    let id = window.app().selection().span().expect("a span selected");
    let shown = window.app().shown_annotations().unwrap().clone();
    let span = shown.spans.iter().find(|s| s.id == id).unwrap();
    assert_eq!(span.label, "stance");
    assert_eq!(
        (span.start, span.end),
        (CharOffset(statement.start), CharOffset(statement.end))
    );
    assert_eq!(
        window.app().workspace().unwrap().current_id(),
        Some(&statement.document)
    );
}
