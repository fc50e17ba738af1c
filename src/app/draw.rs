//! Drawing one frame: menu and status bars, the document list and the right panel
//! (sized by [`WindowLayout`], so a small window leaves the article most of its
//! width), the label palette, the article and the dialogs over it.

use super::{App, tasks};
use crate::model::AnnotatorName;
use crate::session::Workspace;
use crate::ui::agreement_view::agreement_window;
use crate::ui::article_header::article_header;
use crate::ui::chrome::{
    MenuState, PaletteState, Prompt, menu_bar, palette, prompt_bar, status_bar,
};
use crate::ui::command::Command;
use crate::ui::dialogs::{Reply, show_help, show_welcome};
use crate::ui::layout::WindowLayout;
use crate::ui::overlay::Overlay;
use crate::ui::review_panel::review_panel;
use crate::ui::text_view::{Hits, Marks, Offers, Shown, TextStyle};
use egui::Ui;

impl App {
    /// Draws the whole window; what the user asks for goes into `commands`.
    pub(super) fn draw(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        self.window_width = ui.available_rect_before_wrap().width();
        let state = self.menu_state();
        egui::Panel::top("menu").show(ui, |ui| menu_bar(ui, &state, commands));
        let save_state = self.save_state();
        let annotator = self.prefs.annotator.clone().unwrap_or_default();
        let progress = self.running.as_ref().map(tasks::Running::progress);
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar(ui, &mut self.messages, &save_state, &annotator, progress);
        });
        if self.workspace.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                show_welcome(ui, &mut self.path_draft, commands);
            });
            self.draw_dialogs(ui, None, commands);
            return;
        }
        self.refresh_overlay();
        self.draw_side_panels(ui, commands);
        self.draw_palette(ui, commands);
        self.draw_article(ui, commands);
        let schema = self.workspace.as_ref().map(|ws| ws.schema().clone());
        self.draw_dialogs(ui, schema.as_ref(), commands);
    }

    /// The layout of the window as it was last drawn.
    pub(super) fn layout(&self) -> WindowLayout {
        WindowLayout::for_width(self.window_width)
    }

    /// True when the document list is shown (not folded away).
    pub(super) fn shows_list(&self) -> bool {
        self.layout().shows_list(self.list_choice)
    }

    fn menu_state(&self) -> MenuState {
        let current = self.workspace.as_ref().and_then(Workspace::current);
        let review = self.workspace.as_ref().and_then(Workspace::review);
        let selected_span = self
            .shown_annotations()
            .and_then(|a| self.editor.selection().span().and_then(|id| a.span(id)));
        MenuState {
            project: self.workspace.is_some(),
            document: current.is_some(),
            reviewing: review.is_some(),
            can_undo: match review {
                Some(r) => r.can_undo(),
                None => current.is_some_and(|o| o.can_undo()),
            },
            can_redo: review.is_none() && current.is_some_and(|o| o.can_redo()),
            span_selected: selected_span.is_some(),
            link_selected: self.editor.selection().link().is_some(),
            serif: self.prefs.serif,
            dark: self.prefs.dark,
            list_shown: self.shows_list(),
        }
    }

    /// Review mode's lanes, made again only when the review changed.
    fn refresh_overlay(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let Some(review) = ws.review() else { return };
        let fresh = self.overlay.as_ref().is_some_and(|(id, generation, _)| {
            id == review.document().id() && *generation == review.generation()
        });
        if !fresh {
            self.overlay = Some((
                review.document().id().clone(),
                review.generation(),
                Overlay::of(review),
            ));
        }
    }

    fn draw_side_panels(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let layout = self.layout();
        let Some(ws) = &self.workspace else { return };
        let mut expanded = layout.shows_list(self.list_choice);
        let before = expanded;
        layout
            .list
            .apply(egui::Panel::left(layout.panel_id("documents")))
            .show_collapsible(ui, &mut expanded, |ui| self.list.show(ui, ws, commands));
        // Dragged shut or double-clicked open: that is the user's choice from now on.
        if expanded != before {
            self.list_choice = Some(expanded);
        }
        let review = ws.review();
        layout
            .side
            .apply(egui::Panel::right(layout.panel_id("spans")))
            .show(ui, |ui| match review {
                Some(review) => review_panel(ui, review, ws.schema(), ws.registry(), commands),
                None => {
                    self.side.show(
                        ui,
                        ws,
                        self.editor.selection(),
                        &self.guidelines,
                        self.suggesting.offered(),
                        commands,
                    );
                }
            });
    }

    fn draw_palette(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let list_shown = self.shows_list();
        let Some(ws) = &self.workspace else { return };
        let review = ws.review();
        let shown_annotations = ws.shown_annotations();
        let selected_span = shown_annotations
            .and_then(|a| self.editor.selection().span().and_then(|id| a.span(id)));
        let names: Option<Vec<&str>> =
            review.map(|r| r.annotators().iter().map(|a| a.as_str()).collect());
        egui::Panel::top("palette").show(ui, |ui| {
            let shown = PaletteState {
                schema: ws.schema(),
                registry: ws.registry(),
                selected: selected_span,
                status: shown_annotations.map(|a| a.status),
                list_shown,
                reviewing: names.as_deref(),
            };
            palette(ui, &shown, commands);
            if self.search.open {
                ui.separator();
                self.search.show(ui, commands);
            }
        });
    }

    fn prompt(&self) -> Option<Prompt> {
        match (self.editor.linking(), self.editor.offer()) {
            (Some(from), _) => Some(Prompt::Linking {
                from: self
                    .shown_annotations()
                    .and_then(|a| a.span(from))
                    .map_or_else(String::new, |s| s.text.clone()),
            }),
            (None, Some(offer)) => Some(Prompt::Offer {
                text: offer.text.clone(),
            }),
            (None, None) => None,
        }
    }

    fn draw_article(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let prompt = self.prompt();
        let next = self.key_of(&Command::NextDocument);
        let Some(ws) = &self.workspace else { return };
        let review = ws.review();
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(open) = ws.current() else {
                ui.centered_and_justified(|ui| {
                    ui.weak(format!("Choose a document on the left, or press {next}."));
                });
                return;
            };
            if let Some(meta) = ws.project().article(open.document().id()) {
                article_header(ui, meta, review.is_some());
            }
            let overlay = review.and(self.overlay.as_ref().map(|(_, _, o)| o));
            let style = TextStyle {
                size: self.prefs.font_size,
                serif: self.prefs.serif,
                dark: self.prefs.dark,
                lanes: overlay.map_or(0, |o| o.lanes.len()),
            };
            let hits = Hits {
                all: &self.search.hits,
                current: self.search.current,
            };
            let shown = match review {
                Some(review) => Shown {
                    document: review.document(),
                    annotations: &review.gold().annotations,
                    version: (true, review.generation()),
                },
                None => Shown::from(open),
            };
            let offers = match self.suggesting.offered() {
                Some(o) => Offers {
                    all: o.items(),
                    current: o.current_index(),
                },
                None => Offers::default(),
            };
            let marks = Marks {
                hits,
                offers,
                overlay,
                linking: self.editor.linking().is_some(),
            };
            commands.extend(self.view.show(
                ui,
                &shown,
                ws.schema(),
                style,
                marks,
                self.editor.selection_mut(),
            ));
            if let Some(prompt) = &prompt {
                prompt_bar(ui, ui.min_rect(), prompt, commands);
            }
        });
    }

    fn draw_dialogs(
        &mut self,
        ui: &Ui,
        schema: Option<&crate::model::Schema>,
        commands: &mut Vec<Command>,
    ) {
        if self.help && !show_help(ui.ctx(), schema) {
            self.help = false;
        }
        self.draw_export_form(ui.ctx());
        if let Some(report) = &self.agreement
            && self.agreement_open
        {
            let known: Vec<AnnotatorName> = self
                .workspace
                .as_ref()
                .map(|ws| ws.project().annotators().cloned().collect())
                .unwrap_or_default();
            agreement_window(
                ui.ctx(),
                report,
                &known,
                &self.agreement_choice,
                &mut self.agreement_open,
                commands,
            );
        }
        self.draw_network_window(ui.ctx(), commands);
        self.draw_suggestions_window(ui.ctx(), commands);
        if let Some(dialog) = &mut self.dialog
            && let Reply::Close(then) = dialog.show(ui.ctx())
        {
            self.dialog = None;
            commands.extend(then);
        }
    }
}
