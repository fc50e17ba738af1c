//! The scene of the sample project, against the network `export` builds of it.

use super::*;
use crate::formats::select::{Source, StatusFilter};
use crate::formats::statements::{NetworkMode, Nodes, TimeWindow, build_network};
use crate::model::AnnotatorName;
use crate::session::unpack_sample;

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = unpack_sample(
        &dir.path().join("sample"),
        &AnnotatorName::new("me").unwrap(),
    )
    .unwrap();
    (dir, root)
}

fn amal() -> Selection {
    Selection {
        source: Source::Annotator(AnnotatorName::new("amal").unwrap()),
        status: StatusFilter::All,
        ..Selection::default()
    }
}

#[test]
fn the_scene_holds_the_network_export_writes() {
    let (_dir, root) = sample();
    let options = NetworkOptions::default();
    let scene = network_scene(&root, &amal(), &options, &mut |_, _| {}).unwrap();
    let project = Project::open(&root).unwrap();
    let registry = project.load_registry().unwrap().registry;
    let (network, report) =
        build_network(&project, &registry, &amal(), &options, &mut |_, _| {}).unwrap();
    let ids: Vec<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect();
    let want: Vec<&str> = network.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, want);
    assert_eq!(scene.frames.len(), 1);
    let whole = &scene.frames[0];
    assert_eq!(whole.ties.len(), network.edges.len());
    for (tie, edge) in whole.ties.iter().zip(&network.edges) {
        assert_eq!(scene.nodes[tie.a].id, edge.source);
        assert_eq!(scene.nodes[tie.b].id, edge.target);
        assert_eq!(tie.weight, edge.weight);
    }
    assert_eq!(scene.statements.len(), report.statements);
    assert_eq!(scene.report.nodes, report.nodes);
    assert!(report.statements >= 8, "{report}");
    // The sample's actors and claims are told apart by sides.
    let sides: Vec<TieSide> = whole.ties.iter().map(|t| t.side).collect();
    assert!(sides.contains(&TieSide::Support) && sides.contains(&TieSide::Oppose));
}

#[test]
fn a_nodes_statements_are_its_own_and_their_text_is_the_articles() {
    let (_dir, root) = sample();
    let scene = network_scene(&root, &amal(), &NetworkOptions::default(), &mut |_, _| {}).unwrap();
    let project = Project::open(&root).unwrap();
    let mut listed = 0;
    for (i, node) in scene.nodes.iter().enumerate() {
        let mine: Vec<&SceneStatement> = scene.statements_of(i, 0).collect();
        assert_eq!(
            mine.len(),
            scene.frames[0].node_statements[i],
            "{}",
            node.id
        );
        for s in mine {
            assert!(s.actor == Some(i) || s.claim == Some(i));
            let document = project.load_document(&s.document).unwrap();
            let text: String = document
                .text()
                .chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect();
            assert_eq!(text, s.text);
            listed += 1;
        }
    }
    // Two-mode: each statement is listed under its actor and under its claim.
    assert_eq!(listed, 2 * scene.statements.len());
}

#[test]
fn time_windows_are_frames_after_the_whole_selection() {
    let (_dir, root) = sample();
    let options = NetworkOptions {
        window: Some(TimeWindow::new("30d", None).unwrap()),
        ..NetworkOptions::default()
    };
    let scene = network_scene(&root, &amal(), &options, &mut |_, _| {}).unwrap();
    assert!(scene.frames.len() > 2, "{} frames", scene.frames.len());
    assert_eq!(scene.frames.len(), scene.report.windows + 1);
    assert!(scene.frames[0].days.is_none());
    for (f, frame) in scene.frames.iter().enumerate().skip(1) {
        let (from, to) = frame.days.clone().unwrap();
        let inside: usize = (0..scene.nodes.len())
            .filter(|&n| scene.nodes[n].node_type == crate::formats::statements::NodeType::Actor)
            .map(|n| scene.statements_of(n, f).count())
            .sum();
        assert_eq!(inside, frame.statements, "{from} – {to}");
        for tie in &frame.ties {
            assert!(frame.node_statements[tie.a] > 0 && frame.node_statements[tie.b] > 0);
        }
    }
}

#[test]
fn one_mode_scenes_hold_one_kind_of_node() {
    let (_dir, root) = sample();
    for (nodes, kind) in [
        (Nodes::Actors, crate::formats::statements::NodeType::Actor),
        (
            Nodes::Claims,
            crate::formats::statements::NodeType::Category,
        ),
    ] {
        let options = NetworkOptions {
            mode: NetworkMode::OneMode,
            nodes,
            ..NetworkOptions::default()
        };
        let scene = network_scene(&root, &amal(), &options, &mut |_, _| {}).unwrap();
        assert!(!scene.nodes.is_empty());
        assert!(scene.nodes.iter().all(|n| n.node_type == kind));
        for (i, _) in scene.nodes.iter().enumerate() {
            assert!(scene.statements_of(i, 0).count() > 0);
        }
    }
}

#[test]
fn what_cannot_be_drawn_is_said_in_a_sentence() {
    let (_dir, root) = sample();
    let all = Selection {
        source: Source::All,
        ..amal()
    };
    let err = network_scene(&root, &all, &NetworkOptions::default(), &mut |_, _| {}).unwrap_err();
    assert!(err.contains("annotator"), "{err}");
    let event_list = NetworkOptions::of(NetworkMode::EventList);
    let err = network_scene(&root, &amal(), &event_list, &mut |_, _| {}).unwrap_err();
    assert!(err.contains("two-mode or one-mode"), "{err}");
    let gone = network_scene(
        &root.join("no such folder"),
        &amal(),
        &NetworkOptions::default(),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(gone.contains("no such folder"), "{gone}");
}
