//! The eframe application: panels around the text view, and the one place where
//! [`Command`]s are carried out, after each frame is drawn.

mod actions;
mod agreement;
mod choose;
mod draw;
mod editing;
mod input;
mod learning;
mod messages;
mod network;
mod open;
mod picker;
mod review;
mod run;
mod suggestions;
mod tasks;
mod window;

pub use window::run_window;

use crate::model::{Annotations, AnnotatorName, CharOffset, DocumentId, SpanId};
use crate::review::AgreementReport;
use crate::session::{Editor, LinkOffer, Selection, Workspace};
use crate::ui::agreement_view::AgreementChoice;
use crate::ui::chrome::Message;
use crate::ui::command::Command;
use crate::ui::command_table::key_text;
use crate::ui::dialogs::Dialog;
use crate::ui::doc_list::DocList;
use crate::ui::export_dialog::ExportForm;
use crate::ui::overlay::Overlay;
use crate::ui::search_bar::SearchBar;
use crate::ui::side_panel::SidePanel;
use crate::ui::text_view::TextView;
use crate::ui::theme::install_fonts;
use egui::Ui;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The key of the preferences in eframe's storage.
const PREFS_KEY: &str = "claimspan-prefs";
/// Article text size bounds and default, in points.
const DEFAULT_SIZE: f32 = 17.0;
const MIN_SIZE: f32 = 10.0;
const MAX_SIZE: f32 = 40.0;
/// How long closing waits for saves to reach the disk.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// What the user chose before, kept between runs by eframe.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The project to open on start.
    pub last_project: Option<PathBuf>,
    /// Who annotates on this machine.
    pub annotator: Option<String>,
    /// Article text size.
    pub font_size: f32,
    /// Article text in serif.
    pub serif: bool,
    /// Dark theme.
    pub dark: bool,
    /// Where the user was in each project, to come back to it.
    pub places: BTreeMap<PathBuf, Place>,
    /// The F1 a recommender must reach (cross-validated) to be offered.
    pub suggestion_threshold: f64,
}

/// Where the user was in a project: the document and the paragraph at the top of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The document's id.
    pub document: String,
    /// The first char of the paragraph at the top of the view.
    pub top: usize,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            last_project: None,
            annotator: None,
            font_size: DEFAULT_SIZE,
            serif: true,
            dark: false,
            places: BTreeMap::new(),
            suggestion_threshold: crate::suggest::DEFAULT_THRESHOLD,
        }
    }
}

/// How the app starts.
#[derive(Debug, Default)]
pub struct Startup {
    /// `claimspan PATH`: a project folder, or articles to import into a new project.
    pub path: Option<PathBuf>,
    /// Preferences to start from instead of the stored ones (tests, benchmarks).
    pub prefs: Option<Prefs>,
    /// Where the sample project is unpacked; without one, beside the preferences.
    pub data_dir: Option<PathBuf>,
    /// How long autosave waits after an edit; the default without one.
    pub debounce: Option<Duration>,
    /// How often colleagues' work is looked at for documents newly done, to learn
    /// suggestions from; the default without one.
    pub colleagues_every: Option<Duration>,
}

/// The claimspan window.
pub struct App {
    ctx: egui::Context,
    prefs: Prefs,
    data_dir: Option<PathBuf>,
    debounce: Option<Duration>,
    workspace: Option<Workspace>,
    guidelines: String,
    view: TextView,
    list: DocList,
    side: SidePanel,
    search: SearchBar,
    dialog: Option<Dialog>,
    help: bool,
    messages: Vec<Message>,
    path_draft: String,
    title: String,
    quit: bool,
    /// What is selected, the link being made or offered, review mode's own version:
    /// the editing model every editing command goes through.
    editor: Editor,
    /// The Export… form, while it is open.
    export_form: Option<ExportForm>,
    /// The form of the export running or last run.
    last_export_form: Option<ExportForm>,
    /// An export or import running in the background.
    running: Option<tasks::Running>,
    /// The project's agreement, once measured, and whether its window is open.
    agreement: Option<AgreementReport>,
    agreement_open: bool,
    /// Review mode's lanes, kept while the review does not change.
    overlay: Option<(DocumentId, u64, Overlay)>,
    /// The window's width when it was last drawn: what the panels' widths and the
    /// folding of the document list follow.
    window_width: f32,
    /// Whether the user showed (or folded) the document list; without a choice it
    /// folds in a narrow window.
    list_choice: Option<bool>,
    /// What the command line or the last session asked to open, until the first frame.
    at_start: Option<Command>,
    /// The document and the paragraph to scroll back to once it is drawn.
    restore: Option<(DocumentId, CharOffset)>,
    /// Whom the Agreement window compares, and which of their documents count.
    agreement_choice: AgreementChoice,
    /// The Network view of the project it was opened on.
    network: Option<network::NetworkWindow>,
    /// The project's suggestions: the matcher and what it offers in view.
    suggesting: suggestions::Suggesting,
}

impl App {
    /// Sets up fonts and theme and opens what `startup` or the stored preferences name.
    pub fn new(ctx: &egui::Context, stored: Option<Prefs>, startup: Startup) -> Self {
        install_fonts(ctx);
        // Ctrl +/− size the article text, not the whole window.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let prefs = startup.prefs.or(stored).unwrap_or_default();
        let mut app = Self {
            ctx: ctx.clone(),
            prefs,
            data_dir: startup.data_dir,
            debounce: startup.debounce,
            workspace: None,
            guidelines: String::new(),
            view: TextView::default(),
            list: DocList::default(),
            side: SidePanel::default(),
            search: SearchBar::default(),
            dialog: None,
            help: false,
            messages: Vec::new(),
            path_draft: String::new(),
            title: String::new(),
            quit: false,
            editor: Editor::default(),
            export_form: None,
            last_export_form: None,
            running: None,
            agreement: None,
            agreement_open: false,
            overlay: None,
            window_width: 0.0,
            list_choice: None,
            at_start: None,
            restore: None,
            agreement_choice: AgreementChoice::default(),
            network: None,
            suggesting: suggestions::Suggesting::watching_every(startup.colleagues_every),
        };
        app.apply_theme();
        let first = match startup.path {
            Some(path) => Some(Command::OpenPath(path)),
            None => app
                .prefs
                .last_project
                .clone()
                .filter(|p| p.join(crate::store::project::CONFIG_FILE).is_file())
                .map(Command::OpenPath),
        };
        // Carried out after the first frame rather than here: a dialog it opens
        // (the name, on a first start) is then made in a frame like any other.
        app.at_start = first;
        app
    }

    /// The annotations the view shows and edits go to: gold in review mode, else the
    /// annotator's own.
    pub fn shown_annotations(&self) -> Option<&Annotations> {
        self.workspace.as_ref()?.shown_annotations()
    }

    /// What is selected in the article.
    pub fn selection(&self) -> &Selection {
        self.editor.selection()
    }

    /// The preferences as they are now, to be stored.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The open workspace, if any.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_ref()
    }

    /// The text view, for tests and benchmarks that need its geometry.
    pub fn text_view(&mut self) -> &mut TextView {
        &mut self.view
    }

    /// Messages shown to the user, oldest first.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The link offered after tagging, if any.
    pub fn link_offer(&self) -> Option<&LinkOffer> {
        self.editor.offer()
    }

    /// The dialog waiting for the user, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Saves every open document now and waits for the disk.
    pub fn flush(&mut self) {
        if let Some(ws) = &mut self.workspace {
            let notices = ws.flush(FLUSH_TIMEOUT);
            self.take_notices(notices);
        }
    }

    /// True while edits wait to be saved or are being saved.
    pub fn is_saving(&self) -> bool {
        self.workspace.as_ref().is_some_and(Workspace::is_busy)
    }

    /// Draws one frame and carries out what the user asked for in it.
    pub fn show(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        self.read_dropped_files(ui, &mut commands);
        if self.dialog.is_none() && !self.help && self.export_form.is_none() {
            self.read_keys(ui, &mut commands);
        }
        if let Some(ws) = &mut self.workspace {
            let notices = ws.tick(Instant::now());
            self.take_notices(notices);
        }
        self.poll_task();
        self.editor.follow(self.workspace.as_ref());
        self.follow_suggestions();
        self.draw(ui, &mut commands);
        commands.extend(self.at_start.take());
        for command in commands {
            self.run(command);
        }
        self.search
            .refresh(self.workspace.as_ref().and_then(Workspace::current));
        self.keep_place();
        self.update_title(ui.ctx());
        if self.is_saving() || self.running.is_some() {
            // Come back when the debounce is over, and to show a task's progress,
            // even if the user does nothing.
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Notes where the user is, and brings back where they were once the document
    /// they left has been drawn.
    fn keep_place(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let Some(open) = ws.current() else { return };
        if let Some((id, top)) = &self.restore {
            if id == open.document().id() && self.view.top_char().is_some() {
                self.view.scroll_paragraph_to_top(*top);
                self.restore = None;
            } else if id != open.document().id() {
                self.restore = None;
            }
            return;
        }
        let Some(top) = self.view.top_char() else {
            return;
        };
        let root = ws.project().root();
        let document = open.document().id().as_str();
        // Compared before anything is built: this runs every frame.
        let same = self
            .prefs
            .places
            .get(root)
            .is_some_and(|p| p.top == top.0 && p.document == document);
        if !same {
            let place = Place {
                document: document.to_owned(),
                top: top.0,
            };
            self.prefs.places.insert(root.to_owned(), place);
        }
    }

    fn save_state(&self) -> String {
        match &self.workspace {
            None => String::new(),
            // In review mode what is being saved is the gold file.
            Some(ws)
                if ws.current().is_some_and(|o| o.changed_on_disk())
                    || ws.review().is_some_and(|r| r.changed_on_disk()) =>
            {
                "not saved: changed on disk".into()
            }
            // Gold is saved as each decision is made; still unsaved means it failed.
            Some(ws) if ws.review().is_some_and(|r| r.is_unsaved()) => "not saved".into(),
            Some(ws) if ws.has_unsaved() => "saving…".into(),
            Some(_) => "all changes saved".into(),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let mut parts = vec!["claimspan".to_owned()];
        if let Some(ws) = &self.workspace {
            parts.push(ws.project().config().name.clone());
            if let Some(open) = ws.current()
                && let Some(meta) = ws.project().article(open.document().id())
            {
                parts.push(meta.title.clone());
            }
            parts.push(ws.annotator().as_str().to_owned());
            parts.push(if ws.has_unsaved() { "unsaved" } else { "saved" }.into());
        }
        let title = parts.join(" — ");
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn apply_theme(&self) {
        self.ctx.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    fn annotator(&mut self, then: Command) -> Option<AnnotatorName> {
        match self
            .prefs
            .annotator
            .as_deref()
            .and_then(|n| AnnotatorName::new(n).ok())
        {
            Some(name) => Some(name),
            None => {
                self.dialog = Some(Dialog::AskName {
                    draft: String::new(),
                    error: None,
                    then: Some(Box::new(then)),
                    can_cancel: false,
                });
                None
            }
        }
    }

    /// The key of `command` as a hint names it, from the command table.
    fn key_of(&self, command: &Command) -> String {
        key_text(command, |s| self.ctx.format_shortcut(s))
    }

    /// Spans to select by id, for tests.
    pub fn select_span(&mut self, id: SpanId) {
        self.run(Command::SelectSpan(id));
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if ui.input(|i| i.viewport().close_requested()) {
            self.flush();
        }
        self.show(ui);
    }

    /// Preferences are small and hold the annotator's name and place: kept every few
    /// seconds, so a window killed rather than closed loses little.
    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // An import half done would leave some of its articles in and some not.
        self.wait_for_task(FLUSH_TIMEOUT);
        self.flush();
    }
}

/// The stored preferences, if any.
pub fn stored_prefs(storage: Option<&dyn eframe::Storage>) -> Option<Prefs> {
    storage.and_then(|s| eframe::get_value(s, PREFS_KEY))
}
