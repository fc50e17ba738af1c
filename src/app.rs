//! The eframe application: panels around the text view, and the one place where
//! [`Command`]s are carried out, after each frame is drawn.

use crate::model::{AnnotatorName, CharOffset, DocumentId, Edit, NewSpan, SpanId, Status};
use crate::session::{Notice, Workspace, unpack_sample};
use crate::store::Project;
use crate::ui::chrome::{MenuState, Message, Prompt, menu_bar, palette, prompt_bar, status_bar};
use crate::ui::command::{Command, GLOBAL_KEYS, PLAIN_KEYS, key_named};
use crate::ui::dialogs::{Dialog, Reply, show_help, show_welcome};
use crate::ui::doc_list::DocList;
use crate::ui::search_bar::SearchBar;
use crate::ui::span_list::{SideTab, SpanList};
use crate::ui::text_view::{Hits, TextStyle, TextView};
use crate::ui::theme::install_fonts;
use egui::{Modifiers, Ui};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
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
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            last_project: None,
            annotator: None,
            font_size: DEFAULT_SIZE,
            serif: true,
            dark: false,
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
    spans: SpanList,
    search: SearchBar,
    dialog: Option<Dialog>,
    help: bool,
    messages: Vec<Message>,
    path_draft: String,
    title: String,
    quit: bool,
    /// Linking: the span the link starts from, waiting for a click on the other end.
    linking: Option<SpanId>,
    /// A link offered after tagging one span right after another.
    offer: Option<LinkOffer>,
    /// The span tagged last in this document, for offering a link to the next one.
    last_tagged: Option<SpanId>,
}

/// Two spans tagged one after the other that the schema lets link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkOffer {
    /// The span tagged first.
    pub first: SpanId,
    /// The span tagged just now.
    pub second: SpanId,
    /// The offer in words: “Iran” —holds→ “warned”.
    pub text: String,
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
            spans: SpanList::default(),
            search: SearchBar::default(),
            dialog: None,
            help: false,
            messages: Vec::new(),
            path_draft: String::new(),
            title: String::new(),
            quit: false,
            linking: None,
            offer: None,
            last_tagged: None,
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
        if let Some(command) = first {
            app.run(command);
        }
        app
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
        self.offer.as_ref()
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
        if self.dialog.is_none() && !self.help {
            self.read_keys(ui, &mut commands);
        }
        if let Some(ws) = &mut self.workspace {
            let notices = ws.tick(Instant::now());
            self.take_notices(notices);
        }
        self.draw(ui, &mut commands);
        for command in commands {
            self.run(command);
        }
        self.search
            .refresh(self.workspace.as_ref().and_then(Workspace::current));
        self.update_title(ui.ctx());
        if self.is_saving() {
            // Come back when the debounce is over even if the user does nothing.
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
    }

    fn read_dropped_files(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        if self.workspace.is_some() {
            commands.push(Command::Import(dropped));
        } else if let Some(first) = dropped.into_iter().next() {
            commands.push(Command::OpenPath(first));
        }
    }

    fn read_keys(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        let label_keys: Vec<(egui::Key, String)> = self
            .workspace
            .as_ref()
            .map(|ws| {
                ws.schema()
                    .labels
                    .iter()
                    .flat_map(|l| {
                        l.keys
                            .iter()
                            .filter_map(|k| key_named(k).map(|key| (key, l.name.clone())))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let before = commands.len();
        ui.input_mut(|input| {
            for (modifiers, key, command) in GLOBAL_KEYS {
                if input.consume_key(*modifiers, *key) {
                    commands.push(command.clone());
                }
            }
            if typing {
                return;
            }
            for (modifiers, key, command) in PLAIN_KEYS {
                if input.consume_key(*modifiers, *key) {
                    commands.push(command.clone());
                }
            }
            for (key, label) in label_keys {
                if input.consume_key(Modifiers::NONE, key) {
                    commands.push(Command::Label(label));
                }
            }
        });
        if !typing && commands.len() > before {
            // Tab walks spans here, not the focus through the widgets.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
    }

    fn draw(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let current = self.workspace.as_ref().and_then(Workspace::current);
        let selected_span = current.and_then(|o| {
            self.view
                .selected_span()
                .and_then(|id| o.annotations().span(id))
        });
        let state = MenuState {
            project: self.workspace.is_some(),
            document: current.is_some(),
            can_undo: current.is_some_and(|o| o.can_undo()),
            can_redo: current.is_some_and(|o| o.can_redo()),
            span_selected: selected_span.is_some(),
            link_selected: self.view.selected_link().is_some(),
            serif: self.prefs.serif,
            dark: self.prefs.dark,
        };
        egui::Panel::top("menu").show(ui, |ui| menu_bar(ui, &state, commands));
        let save_state = self.save_state();
        let annotator = self.prefs.annotator.clone().unwrap_or_default();
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar(ui, &mut self.messages, &save_state, &annotator);
        });

        let Some(ws) = &self.workspace else {
            egui::CentralPanel::default().show(ui, |ui| {
                show_welcome(ui, &mut self.path_draft, commands);
            });
            self.draw_dialogs(ui, None, commands);
            return;
        };
        let schema = ws.schema();
        let current = ws.current();
        egui::Panel::left("documents")
            .default_size(260.0)
            .show(ui, |ui| self.list.show(ui, ws, commands));
        egui::Panel::right("spans")
            .default_size(280.0)
            .show(ui, |ui| {
                self.spans.show(
                    ui,
                    current,
                    schema,
                    self.view.selected(),
                    &self.guidelines,
                    commands,
                );
            });
        let prompt = match (self.linking, &self.offer) {
            (Some(from), _) => Some(Prompt::Linking {
                from: current
                    .and_then(|o| o.annotations().span(from))
                    .map_or_else(String::new, |s| s.text.clone()),
            }),
            (None, Some(offer)) => Some(Prompt::Offer {
                text: offer.text.clone(),
            }),
            (None, None) => None,
        };
        egui::Panel::top("palette").show(ui, |ui| {
            palette(
                ui,
                schema,
                selected_span,
                current.map(|o| o.annotations().status),
                commands,
            );
            if self.search.open {
                ui.separator();
                self.search.show(ui, commands);
            }
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(open) = current else {
                ui.centered_and_justified(|ui| {
                    ui.weak("Choose a document on the left, or press Ctrl+↓.");
                });
                return;
            };
            if let Some(meta) = ws.project().article(open.document().id()) {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(&meta.title);
                    let place = [
                        meta.dateline.as_deref(),
                        meta.source.as_deref(),
                        meta.date.as_deref(),
                    ];
                    let place: Vec<&str> = place.into_iter().flatten().collect();
                    if !place.is_empty() {
                        ui.weak(place.join(" · "));
                    }
                });
                ui.separator();
            }
            let style = TextStyle {
                size: self.prefs.font_size,
                serif: self.prefs.serif,
                dark: self.prefs.dark,
            };
            let hits = Hits {
                all: &self.search.hits,
                current: self.search.current,
            };
            commands.extend(self.view.show(ui, open, schema, style, hits));
            if let Some(prompt) = &prompt {
                prompt_bar(ui, ui.min_rect(), prompt, commands);
            }
        });
        let schema = schema.clone();
        self.draw_dialogs(ui, Some(&schema), commands);
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
        if let Some(dialog) = &mut self.dialog
            && let Reply::Close(then) = dialog.show(ui.ctx())
        {
            self.dialog = None;
            commands.extend(then);
        }
    }

    fn save_state(&self) -> String {
        match &self.workspace {
            None => String::new(),
            Some(ws) if ws.current().is_some_and(|o| o.has_conflict()) => {
                "not saved: changed on disk".into()
            }
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

    fn tell(&mut self, text: impl Into<String>) {
        self.messages.push(Message {
            text: text.into(),
            error: false,
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
        self.messages.push(Message {
            text: text.into(),
            error: true,
        });
    }

    fn take_notices(&mut self, notices: Vec<Notice>) {
        for notice in notices {
            match notice {
                Notice::ChangedOnDisk { document, path } => {
                    self.dialog = Some(Dialog::Conflict { document, path });
                }
                Notice::SaveFailed(message) => self.complain(format!(
                    "Could not save: {message}. Your edits are kept; they are saved again with the next edit."
                )),
            }
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
                });
                None
            }
        }
    }

    /// Carries out one command.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::OpenProjectDialog => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title("Open a claimspan project folder")
                    .pick_folder()
                {
                    self.run(Command::OpenPath(dir));
                }
            }
            Command::NewProjectDialog => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title("Choose an empty folder for the new project")
                    .pick_folder()
                {
                    self.run(Command::NewProject(dir));
                }
            }
            Command::ImportDialog => {
                if let Some(files) = rfd::FileDialog::new()
                    .set_title("Import articles")
                    .add_filter("Articles", &["txt", "md", "jsonl"])
                    .pick_files()
                {
                    if self.workspace.is_some() {
                        self.run(Command::Import(files));
                    } else if let Some(first) = files.into_iter().next() {
                        self.run(Command::OpenPath(first));
                    }
                }
            }
            Command::OpenSample => self.open_sample(),
            Command::OpenPath(path) => self.open_path(&path),
            Command::NewProject(dir) => match Project::init(&dir) {
                Ok(_) => self.open_project(&dir),
                Err(err) => self.complain(err.to_string()),
            },
            Command::Import(paths) => self.import(&paths),
            Command::ChangeAnnotator => {
                self.dialog = Some(Dialog::AskName {
                    draft: self.prefs.annotator.clone().unwrap_or_default(),
                    error: None,
                    then: None,
                });
            }
            Command::SetAnnotator(name) => {
                let changed = self.prefs.annotator.as_deref() != Some(name.as_str());
                self.prefs.annotator = Some(name.as_str().to_owned());
                // Reopen so the documents show this annotator's work.
                if changed
                    && let Some(root) = self
                        .workspace
                        .as_ref()
                        .map(|w| w.project().root().to_owned())
                {
                    self.open_project(&root);
                }
            }
            Command::OpenDocument(id) => self.open_document(&id),
            Command::NextDocument => self.step_document(1),
            Command::PreviousDocument => self.step_document(-1),
            Command::Label(label) => self.label(&label),
            Command::CycleLabel => self.cycle_label(),
            Command::DeleteSpan => {
                if let Some(link) = self.view.selected_link().cloned() {
                    self.edit(|_, _| Ok(Edit::RemoveLink(link)));
                    self.view.clear_selection();
                } else if let Some(id) = self.view.selected_span() {
                    self.edit(|_, _| Ok(Edit::RemoveSpan(id)));
                    self.view.select_span(None, None);
                }
            }
            Command::StartLink => match self.view.selected_span() {
                Some(id) => {
                    self.linking = Some(id);
                    self.offer = None;
                    self.view.set_link_mode(true);
                }
                None => self.tell(
                    "Select a span first (click it, or Tab to it), then press K and click the span to link it to.",
                ),
            },
            Command::SelectLink(link) => {
                let at = self
                    .workspace
                    .as_ref()
                    .and_then(Workspace::current)
                    .and_then(|o| o.annotations().span(link.from))
                    .map(|s| s.start);
                self.view.select_link(link, at);
            }
            Command::AcceptLinkOffer => {
                if let Some(offer) = self.offer.take() {
                    self.link(offer.first, offer.second);
                }
            }
            Command::Polarity(value) => {
                let Some(id) = self.view.selected_span() else {
                    self.tell("Select a stance span first (click it, or Tab to it).");
                    return;
                };
                self.edit(|open, schema| {
                    Edit::set_attribute(open.annotations(), schema, id, "polarity", Some(value))
                });
            }
            Command::EditNote => {
                let Some(open) = self.workspace.as_ref().and_then(Workspace::current) else {
                    return;
                };
                match self
                    .view
                    .selected_span()
                    .and_then(|id| open.annotations().span(id))
                {
                    Some(span) => {
                        self.dialog = Some(Dialog::Note {
                            span: span.id,
                            draft: span.note.clone(),
                        });
                    }
                    None => self.tell("Select a span first to write a note on it."),
                }
            }
            Command::SetNote(id, note) => self.edit(|_, _| Ok(Edit::SetNote { id, note })),
            Command::SelectSpan(id) if self.linking.is_some() => {
                self.view.set_link_mode(false);
                if let Some(from) = self.linking.take()
                    && from != id
                {
                    self.link(from, id);
                }
                self.view.select_span(Some(id), None);
            }
            Command::SelectSpan(id) => {
                let at = self
                    .workspace
                    .as_ref()
                    .and_then(Workspace::current)
                    .and_then(|o| o.annotations().span(id))
                    .map(|s| s.start);
                self.view.select_span(Some(id), at);
            }
            Command::NextSpan => self.step_span(true),
            Command::PreviousSpan => self.step_span(false),
            Command::Escape => {
                self.cancel_linking();
                if self.search.open && self.view.selection().is_none() {
                    self.search.open = false;
                }
                self.view.clear_selection();
                self.search.current = None;
            }
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::ToggleDone => {
                let Some(open) = self.workspace.as_ref().and_then(Workspace::current) else {
                    return;
                };
                let next = if open.annotations().status == Status::Done {
                    Status::InProgress
                } else {
                    Status::Done
                };
                self.run(Command::SetStatus(next));
            }
            Command::SetStatus(status) => self.edit(|_, _| Ok(Edit::SetStatus(status))),
            Command::Find => {
                self.search.open = true;
                self.search.focus = true;
            }
            Command::FindNext | Command::FindPrevious => {
                self.search.open = true;
                self.search
                    .refresh(self.workspace.as_ref().and_then(Workspace::current));
                match self.search.step(command == Command::FindNext) {
                    Some(hit) => self.view.select_text(hit.start, hit.end),
                    None if !self.search.query.trim().is_empty() => {
                        self.tell(format!(
                            "“{}” is not in this document.",
                            self.search.query.trim()
                        ));
                    }
                    None => self.search.focus = true,
                }
            }
            Command::ZoomIn => self.prefs.font_size = (self.prefs.font_size + 1.0).min(MAX_SIZE),
            Command::ZoomOut => self.prefs.font_size = (self.prefs.font_size - 1.0).max(MIN_SIZE),
            Command::ZoomReset => self.prefs.font_size = DEFAULT_SIZE,
            Command::ToggleSerif => self.prefs.serif = !self.prefs.serif,
            Command::ToggleTheme => {
                self.prefs.dark = !self.prefs.dark;
                self.apply_theme();
            }
            Command::ToggleHelp => self.help = !self.help,
            Command::ShowGuidelines => self.spans.tab = SideTab::Guidelines,
            Command::ReloadTheirs(id) => {
                if let Some(ws) = &mut self.workspace
                    && let Err(err) = ws.reload(&id)
                {
                    self.complain(err.to_string());
                }
            }
            Command::KeepMine(id) => {
                if let Some(ws) = &mut self.workspace {
                    ws.keep_mine(&id);
                }
            }
            Command::Quit => {
                self.flush();
                self.quit = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Links two spans, in the direction the schema allows; says what was linked.
    fn link(&mut self, first: SpanId, second: SpanId) {
        let before = self.messages.len();
        self.edit(|open, schema| Edit::link_between(open.annotations(), schema, first, second));
        if self.messages.len() == before
            && let Some(text) = self.describe_link(first, second)
        {
            self.tell(format!("Linked {text}."));
        }
    }

    /// `“Iran” —holds→ “warned”` for the link the schema has between two spans.
    fn describe_link(&self, first: SpanId, second: SpanId) -> Option<String> {
        let ws = self.workspace.as_ref()?;
        let annotations = ws.current()?.annotations();
        let (a, b) = (annotations.span(first)?, annotations.span(second)?);
        let schema = ws.schema();
        let (from, to, kind) = match schema.link_type_between(&a.label, &b.label) {
            Some(t) => (a, b, t),
            None => (b, a, schema.link_type_between(&b.label, &a.label)?),
        };
        Some(format!("“{}” —{}→ “{}”", from.text, kind.name, to.text))
    }

    fn cancel_linking(&mut self) {
        self.linking = None;
        self.offer = None;
        self.view.set_link_mode(false);
    }

    /// Applies an edit to the current document, telling the user when it is refused.
    fn edit(
        &mut self,
        make: impl FnOnce(
            &crate::session::OpenDocument,
            &crate::model::Schema,
        ) -> Result<Edit, crate::model::EditError>,
    ) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        if ws.current().is_none() {
            self.tell("Open a document first.");
            return;
        }
        let result = ws.edit(make);
        if let Some(open) = ws.current() {
            self.view.forget_missing(open);
        }
        if let Err(err) = result {
            self.complain(err.to_string());
        }
    }

    fn label(&mut self, label: &str) {
        if let Some((start, end)) = self.view.selection() {
            let label = label.to_owned();
            let new = NewSpan::new(start, end, &label);
            let before = self.messages.len();
            self.edit(|open, schema| Edit::tag(open.annotations(), open.document(), schema, new));
            if self.messages.len() == before {
                // The new span becomes the selection: polarity, note or relabel next.
                let id = self
                    .workspace
                    .as_ref()
                    .and_then(Workspace::current)
                    .and_then(|o| o.annotations().at_place(start, end, &label))
                    .map(|s| s.id);
                self.view.select_span(id, None);
                self.search.current = None;
                // An actor then its stance (or a stance then its claim): offer the link.
                self.offer = self.last_tagged.zip(id).and_then(|(first, second)| {
                    let text = self.describe_link(first, second)?;
                    Some(LinkOffer {
                        first,
                        second,
                        text,
                    })
                });
                self.last_tagged = id;
            }
        } else if let Some(id) = self.view.selected_span() {
            let label = label.to_owned();
            self.edit(|open, schema| {
                Edit::relabel(open.annotations(), open.document(), schema, id, &label)
            });
        } else {
            self.tell("Select text first: drag over words (or double-click one), then press the label key.");
        }
    }

    fn cycle_label(&mut self) {
        let Some(ws) = &self.workspace else { return };
        let Some(span) = ws.current().and_then(|o| {
            self.view
                .selected_span()
                .and_then(|id| o.annotations().span(id))
        }) else {
            self.tell("Select a span first to change its label.");
            return;
        };
        let names = ws.schema().label_names();
        let here = names.iter().position(|n| *n == span.label).unwrap_or(0);
        if let Some(next) = names.get((here + 1) % names.len().max(1)) {
            let next = (*next).to_owned();
            self.label(&next);
        }
    }

    fn step_span(&mut self, forward: bool) {
        let Some(open) = self.workspace.as_ref().and_then(Workspace::current) else {
            return;
        };
        let spans = &open.annotations().spans;
        if spans.is_empty() {
            self.tell("This document has no spans yet.");
            return;
        }
        let here = self
            .view
            .selected_span()
            .and_then(|id| spans.iter().position(|s| s.id == id));
        let next = match (here, forward) {
            (Some(i), true) => (i + 1) % spans.len(),
            (Some(i), false) => (i + spans.len() - 1) % spans.len(),
            (None, true) => {
                let from = self.view.selection().map_or(CharOffset(0), |s| s.0);
                spans.iter().position(|s| s.start >= from).unwrap_or(0)
            }
            (None, false) => spans.len() - 1,
        };
        let span = &spans[next];
        let (id, at) = (span.id, span.start);
        self.view.select_span(Some(id), Some(at));
    }

    fn undo_redo(&mut self, undo: bool) {
        self.cancel_linking();
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let result = if undo { ws.undo() } else { ws.redo() };
        if let Some(open) = ws.current() {
            self.view.forget_missing(open);
        }
        match result {
            Ok(true) => {}
            Ok(false) => self.tell(if undo {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            }),
            Err(err) => self.complain(err.to_string()),
        }
    }

    fn step_document(&mut self, step: isize) {
        let Some(ws) = &self.workspace else { return };
        let order = self.list.order(ws);
        match ws.neighbour(&order, step) {
            Some(id) => self.open_document(&id),
            None => self.tell(if step > 0 {
                "This is the last document of the list."
            } else {
                "This is the first document of the list."
            }),
        }
    }

    fn open_document(&mut self, id: &DocumentId) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match ws.select(id) {
            Ok(()) => {
                self.list.reveal_current = true;
                self.linking = None;
                self.offer = None;
                self.last_tagged = None;
                self.view.set_link_mode(false);
                if let Some(open) = ws.current()
                    && !open.reanchored().is_empty()
                {
                    let n = open.reanchored().len();
                    self.tell(format!(
                        "The article changed since it was annotated: {n} span(s) were moved or need a look (marked ⚠ in the span list)."
                    ));
                }
            }
            Err(err) => self.complain(err.to_string()),
        }
    }

    fn open_sample(&mut self) {
        let Some(annotator) = self.annotator(Command::OpenSample) else {
            return;
        };
        let Some(dir) = self
            .data_dir
            .clone()
            .or_else(|| eframe::storage_dir("claimspan"))
        else {
            self.complain("There is no folder for program data on this system; open a project folder instead.");
            return;
        };
        match unpack_sample(&dir.join("sample-project"), &annotator) {
            Ok(root) => self.open_project(&root),
            Err(err) => self.complain(err.to_string()),
        }
    }

    /// A project folder opens; an article file or folder is imported into a new project
    /// beside it (`articles.txt` → `articles-claimspan/`).
    fn open_path(&mut self, path: &Path) {
        if path.join(crate::store::project::CONFIG_FILE).is_file() {
            self.open_project(path);
            return;
        }
        if !path.exists() {
            self.complain(format!(
                "{} does not exist; check the path.",
                path.display()
            ));
            return;
        }
        if self.annotator(Command::OpenPath(path.to_owned())).is_none() {
            return;
        }
        let stem = path
            .file_stem()
            .map_or_else(|| "articles".into(), |s| s.to_string_lossy().into_owned());
        let parent = path.parent().unwrap_or(Path::new("."));
        let root = parent.join(format!("{stem}-claimspan"));
        if !root.join(crate::store::project::CONFIG_FILE).is_file()
            && let Err(err) = Project::init(&root)
        {
            self.complain(err.to_string());
            return;
        }
        self.open_project(&root);
        if self.workspace.is_some() {
            self.import(&[path.to_owned()]);
            self.step_document(1);
        }
    }

    fn open_project(&mut self, root: &Path) {
        let Some(annotator) = self.annotator(Command::OpenPath(root.to_owned())) else {
            return;
        };
        self.flush();
        let ctx = self.ctx.clone();
        let waker = Box::new(move || ctx.request_repaint());
        match Workspace::open(root, annotator, Some(waker)) {
            Ok(mut ws) => {
                if let Some(debounce) = self.debounce {
                    ws.set_debounce(debounce);
                }
                for problem in ws.take_problems() {
                    self.complain(problem);
                }
                self.guidelines = ws
                    .project()
                    .config()
                    .guidelines
                    .as_ref()
                    .and_then(|g| std::fs::read_to_string(root.join(g)).ok())
                    .unwrap_or_else(|| "This project has no guidelines file.".into());
                let first = ws
                    .rows()
                    .iter()
                    .find(|r| r.status != Status::Done)
                    .or(ws.rows().first())
                    .map(|r| r.id.clone());
                self.prefs.last_project = Some(root.to_owned());
                self.workspace = Some(ws);
                self.view = TextView::default();
                self.search = SearchBar::default();
                if let Some(id) = first {
                    self.open_document(&id);
                }
            }
            Err(err) => self.complain(err.to_string()),
        }
    }

    fn import(&mut self, paths: &[PathBuf]) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        match ws.import(paths) {
            Ok(report) => {
                let refused: Vec<String> = report
                    .outcomes
                    .iter()
                    .filter_map(|o| match o {
                        crate::formats::Outcome::Refused(e) => Some(e.to_string()),
                        _ => None,
                    })
                    .collect();
                self.tell(format!("Import: {}.", report.summary()));
                for reason in refused {
                    self.complain(reason);
                }
            }
            Err(err) => self.complain(err.to_string()),
        }
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

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
    }
}

/// The stored preferences, if any.
pub fn stored_prefs(storage: Option<&dyn eframe::Storage>) -> Option<Prefs> {
    storage.and_then(|s| eframe::get_value(s, PREFS_KEY))
}
