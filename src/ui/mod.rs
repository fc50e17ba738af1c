//! The window's widgets and panels. Only this module and `app.rs` use egui; everything
//! they do goes through [`crate::session`] and the layers below it.

pub mod agreement_view;
pub mod article_header;
pub mod chrome;
pub mod command;
pub mod command_table;
pub mod dialogs;
pub mod doc_list;
pub mod export_dialog;
pub mod export_network;
pub mod layout;
pub mod link_arcs;
pub mod network_canvas;
pub mod network_view;
pub mod overlay;
pub mod path_dialog;
pub mod registry_panel;
pub mod review_keys;
pub mod review_panel;
pub mod search_bar;
pub mod side_panel;
pub mod span_list;
pub mod statements_panel;
pub mod suggestion_bar;
pub mod suggestions_view;
pub mod text_view;
pub mod theme;
pub mod whose;

pub use command::Command;

/// Keeps the keyboard on `field` while it is shown, asking for it only when the
/// field lacks it: each request interrupts IME composition, so asking every frame
/// would lose what an analyst types through an input method (Arabic, Chinese, …)
/// and keep the window repainting.
pub fn keep_focus(field: &egui::Response) {
    if !field.has_focus() {
        field.request_focus();
    }
}

/// Whether Enter was pressed in a dialog's one text field, which keeps the keyboard
/// until then, with the reason the last try was refused below it.
pub fn field_entered(ui: &mut egui::Ui, field: &egui::Response, error: Option<&str>) -> bool {
    // Read Enter before taking the focus back: asking for focus clears the field's
    // “lost focus” of this frame.
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if !enter {
        keep_focus(field);
    }
    if let Some(error) = error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    enter
}
