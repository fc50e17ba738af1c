//! Opening the window: the native viewport (title, size, icon, drop target) with the
//! `glow` renderer, which needs no system packages, and the [`App`] in it.

use super::{App, Startup, stored_prefs};
use std::path::PathBuf;

/// The window icon, also installed by the `.desktop` file.
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// Runs the annotation window until it is closed, opening `path` (a project, or a
/// file or folder to import) first where one is given.
pub fn run_window(path: Option<PathBuf>) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("claimspan")
        .with_app_id("claimspan")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "claimspan",
        options,
        Box::new(move |cc| {
            let startup = Startup {
                path,
                ..Startup::default()
            };
            Ok(Box::new(App::new(
                &cc.egui_ctx,
                stored_prefs(cc.storage),
                startup,
            )))
        }),
    )
}
