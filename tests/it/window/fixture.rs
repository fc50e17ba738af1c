//! The real `App` in a headless egui context (egui_kittest), for the window tests.

use claimspan::app::{App, Startup};
use egui_kittest::Harness;

/// The app in a harness, as the window shows it.
pub type Window = Harness<'static, Option<App>>;

/// The app in a `width` × `height` harness, started with `startup`, after its first
/// frames.
pub fn harness(width: f32, height: f32, startup: Startup) -> Window {
    let mut startup = Some(startup);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(100)
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            move |ui, app: &mut Option<App>| {
                let app = app.get_or_insert_with(|| {
                    App::new(ui.ctx(), None, startup.take().unwrap_or_default())
                });
                app.show(ui);
            },
            None,
        );
    harness.run_steps(3);
    harness
}

/// The app inside the harness.
pub fn app(harness: &mut Window) -> &mut App {
    harness.state_mut().as_mut().expect("the app was made")
}
