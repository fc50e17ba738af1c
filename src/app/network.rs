//! The Network view's half in the app: drawing a network in the background, the
//! window shown over the project it was drawn of, and a statement listed in it
//! opened at its place.

use super::App;
use super::tasks::Running;
use crate::model::{CharOffset, DocumentId};
use crate::session::Task;
use crate::session::network::{NetworkScene, network_scene};
use crate::ui::Command;
use crate::ui::network_view::{NetworkView, network_window};
use std::path::PathBuf;

/// The Network view of one project: its choices, its last drawing, and whether it
/// is open.
pub(super) struct NetworkWindow {
    root: PathBuf,
    view: NetworkView,
    scene: Option<NetworkScene>,
    open: bool,
}

impl App {
    /// Opens the Network view of the open project, drawing it the first time.
    pub(super) fn show_network(&mut self) {
        let Some(ws) = &self.workspace else {
            self.tell("Open a project first.");
            return;
        };
        let root = ws.project().root().to_owned();
        let fresh = self.network.as_ref().is_none_or(|n| n.root != root);
        if fresh {
            self.network = Some(NetworkWindow {
                view: NetworkView::new(ws.project(), ws.annotator()),
                root,
                scene: None,
                open: true,
            });
            self.draw_network();
        } else if let Some(network) = &mut self.network {
            network.open = true;
            network.view.unfold = Some(true);
        }
    }

    /// Draws the network the view's choices ask for, on a thread of its own.
    pub(super) fn draw_network(&mut self) {
        if self.busy() {
            return;
        }
        let Some(network) = &mut self.network else {
            return;
        };
        let options = match network.view.choices.options() {
            Ok(options) => options,
            Err(error) => {
                network.view.error = Some(error);
                return;
            }
        };
        let selection = network.view.selection();
        let root = network.root.clone();
        // What is drawn is on disk: every edit of ours must be there.
        self.flush();
        let ctx = self.ctx.clone();
        let task = Task::spawn(
            "Drawing the network",
            move || ctx.request_repaint(),
            move |progress| network_scene(&root, &selection, &options, progress),
        );
        self.running = Some(Running::Network(task));
    }

    /// Takes in a finished drawing, or why there is none.
    pub(super) fn network_drawn(&mut self, scene: Result<NetworkScene, String>) {
        let Some(network) = &mut self.network else {
            return;
        };
        network.open = true;
        match scene {
            Ok(scene) => {
                network.view.drawn();
                network.scene = Some(scene);
            }
            Err(error) => network.view.error = Some(error),
        }
    }

    /// Draws the Network window when it is open over the project it shows.
    pub(super) fn draw_network_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let here = self.workspace.as_ref().map(|ws| ws.project().root());
        let busy = matches!(self.running, Some(Running::Network(_)));
        let Some(network) = &mut self.network else {
            return;
        };
        if !network.open || here != Some(network.root.as_path()) {
            return;
        }
        network_window(
            ctx,
            network.scene.as_ref(),
            busy,
            &mut network.view,
            &mut network.open,
            commands,
        );
    }

    /// Opens `document` at the place from `start` to `end`: its span selected where
    /// the annotations shown have one there, else the text.
    pub(super) fn show_place(&mut self, document: &DocumentId, start: usize, end: usize) {
        let here = self
            .workspace
            .as_ref()
            .and_then(|ws| ws.current_id())
            .is_some_and(|id| id == document);
        if !here {
            self.open_document(document);
        }
        let (start, end) = (CharOffset(start), CharOffset(end));
        let span = self.shown_annotations().and_then(|a| {
            a.spans
                .iter()
                .find(|s| s.start == start && s.end == end)
                .map(|s| s.id)
        });
        match span {
            Some(id) => self.click_span(id),
            None => self.select_text(start, end),
        }
    }

    /// The scene the Network view shows, for tests.
    pub fn network_scene(&self) -> Option<&NetworkScene> {
        self.network.as_ref().and_then(|n| n.scene.as_ref())
    }
}
