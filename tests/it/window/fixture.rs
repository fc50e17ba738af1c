//! The real `App` in a headless egui context (egui_kittest), for the window tests:
//! [`Window`] holds the harness and drives the app as a user would — keys, clicks and
//! drags on the chars of the article — and reads back what it saved.
//!
//! The harness's own methods and kittest's queries (`get_by_label`, `step`,
//! `run_steps`, `event`, …) are reached through `Deref`.

use claimspan::app::{App, Prefs, Startup};
use claimspan::model::{Annotations, AnnotatorName, CharOffset, DocumentId};
use claimspan::session::find_all;
use claimspan::store::Project;
use claimspan::ui::Command;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::time::Duration;

/// The annotator the window tests work as.
pub const ME: &str = "tester";

/// Preferences that know the annotator, [`ME`], so no name is asked.
pub fn prefs() -> Prefs {
    Prefs {
        annotator: Some(ME.into()),
        ..Prefs::default()
    }
}

/// A start on `project` (the welcome screen without one) with `prefs`, the app's own
/// data in `data_dir`, and edits saved at once.
pub fn startup(project: Option<&Path>, data_dir: &Path, prefs: Prefs) -> Startup {
    Startup {
        path: project.map(Path::to_owned),
        prefs: Some(prefs),
        data_dir: Some(data_dir.to_owned()),
        debounce: Some(Duration::ZERO),
        colleagues_every: Some(Duration::from_millis(200)),
    }
}

/// The app in a harness, as the window shows it.
pub struct Window {
    harness: Harness<'static, Option<App>>,
}

impl Deref for Window {
    type Target = Harness<'static, Option<App>>;

    fn deref(&self) -> &Self::Target {
        &self.harness
    }
}

impl DerefMut for Window {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.harness
    }
}

impl Window {
    /// The app in a `width` × `height` window, started with `startup`, after its
    /// first frames.
    pub fn new(width: f32, height: f32, startup: Startup) -> Self {
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
        Self { harness }
    }

    /// A 1280 × 800 window opened on `project` (or on the welcome screen without
    /// one), for [`ME`].
    pub fn on(project: Option<&Path>, data_dir: &Path) -> Self {
        Self::with_prefs(project, data_dir, prefs())
    }

    /// A 1280 × 800 window started with these preferences.
    pub fn with_prefs(project: Option<&Path>, data_dir: &Path, prefs: Prefs) -> Self {
        Self::new(1280.0, 800.0, startup(project, data_dir, prefs))
    }

    /// The app inside the window.
    pub fn app(&mut self) -> &mut App {
        self.harness.state_mut().as_mut().expect("the app was made")
    }

    /// Runs frames until the window stops asking for more (layout measured,
    /// scrolling done), as a person waits for the screen to be still before aiming
    /// the mouse.
    pub fn settle(&mut self) {
        let _ = self.harness.try_run();
    }

    /// Runs the window as time passes, up to five seconds, until `done`: a file on
    /// disk is looked at once a second by the window's watch, as for a user.
    pub fn until(&mut self, done: impl Fn(&App) -> bool) {
        for _ in 0..100 {
            if self.harness.state().as_ref().is_some_and(&done) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
            self.harness.step();
        }
        self.harness.run_steps(2);
    }

    /// Picks `choice` in the form's combo box that shows `current`.
    pub fn choose(&mut self, current: &str, choice: &str) {
        self.get_by_value(current).click();
        self.run_steps(2);
        self.get_by_label(choice).click();
        self.run_steps(2);
    }

    /// Opens the document `id`, as its row in the list does.
    pub fn open_document(&mut self, id: &DocumentId) {
        self.app().run(Command::OpenDocument(id.clone()));
        self.harness.run_steps(3);
    }

    /// The text of the open document.
    pub fn text(&mut self) -> String {
        let ws = self.app().workspace().expect("a project is open");
        ws.current()
            .expect("a document is open")
            .document()
            .text()
            .to_owned()
    }

    /// Where `phrase` first occurs in the open document, in chars, scrolled into
    /// view as a reader would.
    pub fn find(&mut self, phrase: &str) -> (usize, usize) {
        let hit = find_all(&self.text(), phrase, false)[0];
        self.app().text_view().scroll_to_char(hit.start);
        self.settle();
        (hit.start.0, hit.end.0)
    }

    /// Where char `at` of the article is drawn.
    pub fn char_center(&mut self, at: usize) -> Pos2 {
        self.app()
            .text_view()
            .char_center(CharOffset(at))
            .unwrap_or_else(|| panic!("char {at} is not on screen"))
    }

    /// Presses `key` and lets the window answer.
    pub fn press(&mut self, key: Key) {
        self.harness.key_press(key);
        self.harness.run_steps(2);
    }

    /// Presses `key` with `modifiers` held and lets the window answer.
    pub fn press_with(&mut self, modifiers: Modifiers, key: Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run_steps(2);
    }

    /// Types `text` where the keyboard is and lets the window answer.
    pub fn type_text(&mut self, text: &str) {
        self.harness.event(egui::Event::Text(text.into()));
        self.harness.run_steps(2);
    }

    /// Presses the mouse on char `from`, moves to char `to` and lets go.
    pub fn drag(&mut self, from: usize, to: usize) {
        let a = self.char_center(from);
        let b = self.char_center(to);
        self.drag_points(a, b);
    }

    /// Presses the mouse at `a`, moves over halfway to `b` and lets go there.
    pub fn drag_points(&mut self, a: Pos2, b: Pos2) {
        let harness = &mut self.harness;
        harness.hover_at(a);
        harness.step();
        harness.drag_at(a);
        harness.step();
        harness.hover_at(a + (b - a) / 2.0);
        harness.step();
        harness.hover_at(b);
        harness.step();
        harness.drop_at(b);
        harness.run_steps(2);
    }

    /// Drags over `phrase` (its first occurrence) and presses `key`.
    pub fn tag_phrase(&mut self, phrase: &str, key: Key) {
        let (start, end) = self.find(phrase);
        self.drag(start, end - 1);
        self.press(key);
    }

    /// One click at `at`.
    pub fn click_at(&mut self, at: Pos2) {
        self.clicks_at(at, 1);
    }

    /// `count` clicks in a row at `at` (2: a double-click).
    pub fn clicks_at(&mut self, at: Pos2, count: usize) {
        self.clicks_after(1, at, count);
    }

    /// `count` clicks at `at` after a pause of half a second with the mouse there:
    /// clicks just before, elsewhere, must not count as the first of these.
    pub fn clicks_after_pause(&mut self, at: Pos2, count: usize) {
        self.clicks_after(30, at, count);
    }

    /// The mouse moved to `at`, `frames` frames, then `count` clicks there.
    fn clicks_after(&mut self, frames: usize, at: Pos2, count: usize) {
        let harness = &mut self.harness;
        harness.hover_at(at);
        harness.run_steps(frames);
        for _ in 0..count {
            for pressed in [true, false] {
                harness.event(egui::Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
                harness.step();
            }
        }
        harness.run_steps(2);
    }

    /// Lets autosave write, then reads [`ME`]'s file of `id` in the project at
    /// `root` as it is on disk, if there is one.
    pub fn saved(&mut self, root: &Path, id: &DocumentId) -> Option<Annotations> {
        self.app().flush();
        self.harness.run_steps(1);
        let project = Project::open(root).unwrap();
        let path = project.annotation_path(&AnnotatorName::new(ME).unwrap(), id);
        path.exists()
            .then(|| project.read_annotations_file(&path).unwrap())
    }

    /// [`Window::saved`], which must have found the file.
    pub fn on_disk(&mut self, root: &Path, id: &DocumentId) -> Annotations {
        self.saved(root, id)
            .unwrap_or_else(|| panic!("no annotations of {id:?} on disk"))
    }
}
