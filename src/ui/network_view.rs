//! Review → Network: the network of a selection drawn in a window, with DNA's
//! options as in the Export… form, a time slider that replays the time windows,
//! and the statements of the node clicked, each a click away from its place in the
//! text.

use super::command::{Command, ReviewCommand};
use super::export_network::NetworkChoices;
use super::network_canvas::{Camera, canvas};
use super::whose::Whose;
use crate::formats::statements::{NetworkMode, NodeType};
use crate::formats::{Selection, Source, StatusFilter};
use crate::model::AnnotatorName;
use crate::session::network::{NetworkScene, SceneStatement};
use crate::store::Project;
use egui::{RichText, Ui};
use std::time::Duration;

/// How long a time window stays on screen while the slider plays.
const PLAY_STEP: f64 = 1.2;
/// The modes a network can be drawn in (the event list is a table).
const DRAWN: [NetworkMode; 2] = [NetworkMode::TwoMode, NetworkMode::OneMode];

/// The view's state between frames: what to draw next, and how the drawn one is
/// looked at.
#[derive(Debug, Clone)]
pub struct NetworkView {
    /// Whose annotations.
    pub whose: Whose,
    /// Every annotated document, or only those marked done.
    pub all_statuses: bool,
    /// DNA's options and the time windows.
    pub choices: NetworkChoices,
    /// Why the last drawing could not be made, if it could not.
    pub error: Option<String>,
    /// Pan and zoom.
    pub camera: Camera,
    /// The node whose statements are listed.
    pub selected: Option<usize>,
    /// The frame shown: 0 is the whole selection, then each time window.
    pub frame: usize,
    /// The slider moves on by itself.
    pub playing: bool,
    /// When it moves next, in the window's time.
    next_step: f64,
    /// A drawing just arrived: fold the choices away to give it the room.
    fold_choices: bool,
    /// Fold the window to its title bar (a statement was opened: the article shows)
    /// or unfold it (the view was asked for again).
    pub unfold: Option<bool>,
}

impl NetworkView {
    /// A view of `project` starting on gold where there is some, else on `me`'s
    /// work (else the first annotator's), every annotated document, the default
    /// two-mode network.
    pub fn new(project: &Project, me: &AnnotatorName) -> Self {
        let mut whose = Whose::new(project, me, false);
        // Without gold and without work of `me`, the first annotator's network
        // rather than a question of whose to draw.
        if whose.source() == Source::Auto
            && project.gold().next().is_none()
            && let Some(first) = project.annotators().next()
        {
            whose.choose(&Source::Annotator(first.clone()));
        }
        Self {
            whose,
            all_statuses: true,
            choices: NetworkChoices::default(),
            error: None,
            camera: Camera::default(),
            selected: None,
            frame: 0,
            playing: false,
            next_step: 0.0,
            fold_choices: false,
            unfold: None,
        }
    }

    /// What to read.
    pub fn selection(&self) -> Selection {
        Selection {
            source: self.whose.source(),
            status: if self.all_statuses {
                StatusFilter::All
            } else {
                StatusFilter::Done
            },
            ..Selection::default()
        }
    }

    /// A new drawing arrived: look at the whole of it.
    pub fn drawn(&mut self) {
        self.error = None;
        self.camera = Camera::default();
        self.selected = None;
        self.frame = 0;
        self.playing = false;
        self.fold_choices = true;
    }
}

/// Draws the window; `scene` is the last drawing (none while the first is made),
/// `busy` says one is being made. `open` is cleared when the user closes it.
pub fn network_window(
    ctx: &egui::Context,
    scene: Option<&NetworkScene>,
    busy: bool,
    view: &mut NetworkView,
    open: &mut bool,
    commands: &mut Vec<Command>,
) {
    let id = egui::Id::unique("network-window");
    if let Some(unfold) = view.unfold.take() {
        let mut state = egui::collapsing_header::CollapsingState::load_with_default_open(
            ctx,
            id.with("collapsing"),
            true,
        );
        state.set_open(unfold);
        state.store(ctx);
    }
    egui::Window::new("Network")
        .id(id)
        .open(open)
        .default_size([900.0, 620.0])
        .min_size([420.0, 320.0])
        .resizable(true)
        .show(ctx, |ui| {
            let mut header =
                egui::CollapsingHeader::new("What to draw").default_open(scene.is_none());
            if std::mem::take(&mut view.fold_choices) {
                header = header.open(Some(false));
            }
            header.show(ui, |ui| choices(ui, view, busy, commands));
            if let Some(error) = &view.error {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            match scene {
                Some(scene) => drawing(ui, scene, view, commands),
                None if busy => {
                    ui.spinner();
                }
                None => {
                    ui.label("Nothing drawn yet: choose above, then Draw.");
                }
            }
        });
}

/// Whose work, which documents, DNA's options, and the Draw button.
fn choices(ui: &mut Ui, view: &mut NetworkView, busy: bool, commands: &mut Vec<Command>) {
    egui::Grid::new("network-choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Whose");
            view.whose.show(ui, "network-source");
            ui.end_row();
            ui.label("Documents");
            ui.horizontal(|ui| {
                ui.radio_value(&mut view.all_statuses, true, "all annotated");
                ui.radio_value(&mut view.all_statuses, false, "marked done");
            });
            ui.end_row();
            view.choices.show(ui, &DRAWN);
        });
    let draw = ui.add_enabled(!busy, egui::Button::new(RichText::new("Draw").strong()));
    if draw.clicked() {
        commands.push(Command::Review(ReviewCommand::DrawNetwork));
    }
}

/// The drawing: what it holds, the time slider, the statements of the node
/// picked and the network itself.
fn drawing(ui: &mut Ui, scene: &NetworkScene, view: &mut NetworkView, commands: &mut Vec<Command>) {
    summary(ui, scene);
    if scene.frames.len() > 1 {
        time_slider(ui, scene, view);
    }
    view.frame = view.frame.min(scene.frames.len().saturating_sub(1));
    view.selected = view.selected.filter(|&i| i < scene.nodes.len());
    if let Some(node) = view.selected {
        let opened = egui::Panel::right("network-statements")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| statements(ui, scene, view.frame, node, commands));
        if opened.inner {
            view.unfold = Some(false);
        }
    }
    let Some(frame) = scene.frames.get(view.frame) else {
        return;
    };
    if scene.nodes.is_empty() {
        ui.label(
            "No complete statement in this selection: link an actor and a claim to a stance first.",
        );
        return;
    }
    if let Some(clicked) = canvas(ui, scene, frame, &mut view.camera, view.selected) {
        view.selected = clicked;
    }
}

/// How many nodes, ties and statements, and what was left out.
fn summary(ui: &mut Ui, scene: &NetworkScene) {
    let r = &scene.report;
    let mut line = format!(
        "{} · {} nodes, {} ties from {} statements",
        scene.options, r.nodes, r.edges, r.statements
    );
    match r.windows {
        0 => {}
        1 => line.push_str(" in 1 time window"),
        n => line.push_str(&format!(" in {n} time windows")),
    }
    for (n, what) in [
        (r.incomplete, "incomplete left out"),
        (r.repeated, "repeats counted once"),
        (r.without_side, "without a side left out"),
        (r.undated, "undated, in no window"),
    ] {
        if n > 0 {
            line.push_str(&format!("; {n} {what}"));
        }
    }
    ui.label(RichText::new(line).small().weak())
        .on_hover_text(scene.report.to_string());
}

/// The slider over the whole selection and each time window, and Play.
fn time_slider(ui: &mut Ui, scene: &NetworkScene, view: &mut NetworkView) {
    let last = scene.frames.len() - 1;
    ui.horizontal(|ui| {
        let play = if view.playing {
            "⏸ Pause"
        } else {
            "▶ Play"
        };
        if ui.button(play).clicked() {
            view.playing = !view.playing;
            if view.frame >= last {
                view.frame = 0;
            }
            view.next_step = ui.input(|i| i.time) + PLAY_STEP;
        }
        let name = frame_name(scene, view.frame);
        ui.add(
            egui::Slider::new(&mut view.frame, 0..=last)
                .show_value(false)
                .text(name),
        );
    });
    if view.playing {
        let now = ui.input(|i| i.time);
        if now >= view.next_step {
            view.frame += 1;
            view.next_step = now + PLAY_STEP;
            if view.frame >= last {
                view.frame = last;
                view.playing = false;
            }
        }
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64((view.next_step - now).max(0.05)));
    }
}

/// “all dates” or a window's days and statements.
fn frame_name(scene: &NetworkScene, frame: usize) -> String {
    match scene.frames.get(frame) {
        Some(f) => match &f.days {
            None => format!("all dates · {} statements", f.statements),
            Some((from, to)) => format!(
                "window {frame} of {}: {from} – {to} · {} statements",
                scene.frames.len() - 1,
                f.statements
            ),
        },
        None => String::new(),
    }
}

/// The picked node's statements in the frame shown; a click opens one (and says
/// so).
fn statements(
    ui: &mut Ui,
    scene: &NetworkScene,
    frame: usize,
    node: usize,
    commands: &mut Vec<Command>,
) -> bool {
    let n = &scene.nodes[node];
    ui.heading(n.label.as_str());
    let mut opened = false;
    let kind = match n.node_type {
        NodeType::Actor => format!("actor ({})", n.kind.unwrap_or("unknown")),
        NodeType::Category => "claim category".to_owned(),
    };
    let listed: Vec<&SceneStatement> = scene.statements_of(node, frame).collect();
    let count = match listed.len() {
        1 => "1 statement".to_owned(),
        n => format!("{n} statements"),
    };
    ui.label(RichText::new(format!("{kind} · {count}")).weak());
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for s in listed {
            let other = if n.node_type == NodeType::Actor {
                s.claim
            } else {
                s.actor
            };
            let with = other
                .and_then(|i| scene.nodes.get(i))
                .map_or(String::new(), |o| format!(" · {}", o.label));
            let text = format!(
                "{} · {}{with}\n“{}”",
                s.date.as_deref().unwrap_or("undated"),
                s.polarity.as_deref().unwrap_or("no polarity"),
                s.text
            );
            let row = ui
                .add(egui::Button::new(text).frame(false).wrap())
                .on_hover_text(format!(
                "Open {} at this statement; the network folds to its title bar (▶ or Ctrl+G unfolds it)",
                s.document
            ));
            if row.clicked() {
                opened = true;
                commands.push(Command::ShowPlace {
                    document: s.document.clone(),
                    start: s.start,
                    end: s.end,
                });
            }
            ui.add_space(4.0);
        }
    });
    opened
}
