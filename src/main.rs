//! The `claimspan` program: the annotation window, or the command line when given a
//! subcommand.

use claimspan::app::{App, Startup, stored_prefs};
use claimspan::cli::{self, Action};
use std::process::ExitCode;

/// The window icon, also installed by the `.desktop` file.
const ICON: &[u8] = include_bytes!("../assets/icon.png");

fn main() -> ExitCode {
    match cli::main() {
        Action::Exit(code) => code,
        Action::Window(path) => match window(path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("claimspan: could not open the window: {err:#}");
                ExitCode::from(1)
            }
        },
    }
}

fn window(path: Option<std::path::PathBuf>) -> anyhow::Result<()> {
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
    .map_err(|e| anyhow::anyhow!("{e}"))
}
