//! Opening projects, documents and the sample, and importing articles.

use super::App;
use crate::formats::NewLabels;
use crate::model::{AnnotatorName, CharOffset, DocumentId, Status};
use crate::session::{SAMPLE_ANNOTATORS, Workspace, unpack_sample};
use crate::store::Project;
use crate::ui::command::{Command, ReviewCommand};
use crate::ui::search_bar::SearchBar;
use crate::ui::text_view::TextView;
use std::path::Path;

impl App {
    pub(super) fn step_document(&mut self, step: isize) {
        let Some(ws) = &self.workspace else { return };
        let order = self.list.order(ws);
        match ws.neighbour(&order, step) {
            Some(id) => self.open_document(&id),
            None => self.tell_here(if step > 0 {
                "This is the last document of the list."
            } else {
                "This is the first document of the list."
            }),
        }
    }

    pub(super) fn open_document(&mut self, id: &DocumentId) {
        self.forget_here();
        let Some(ws) = &mut self.workspace else {
            return;
        };
        // In review mode the next document is reviewed too, by the same annotators.
        if let Some(review) = ws.review() {
            let annotators: Vec<AnnotatorName> = review.annotators().into_iter().cloned().collect();
            self.start_review(id, &annotators);
            if self
                .workspace
                .as_ref()
                .is_some_and(|ws| ws.review().is_none())
            {
                self.open_document(id);
            }
            return;
        }
        match ws.select(id) {
            Ok(()) => {
                self.list.reveal_current = true;
                self.editor.document_changed();
                // Following the document shown now rather than at the next frame, so a
                // selection made right after opening (a statement's place) stays.
                self.editor.follow(Some(&*ws));
                if let Some(open) = ws.current()
                    && !open.reanchored().is_empty()
                {
                    let n = open.reanchored().len();
                    self.tell_here(format!(
                        "The article changed since it was annotated: {n} span(s) were moved or need a look (marked ⚠ in the span list)."
                    ));
                }
            }
            Err(err) => self.complain(err.to_string()),
        }
    }

    pub(super) fn open_sample(&mut self) {
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
            Ok(root) => {
                self.open_project(&root);
                if self.workspace.is_some() {
                    let review = self.key_of(&Command::Review(ReviewCommand::Toggle));
                    self.tell(format!(
                        "The sample's statements were tagged by {}: press {review} to review them, or tag your own — your set starts empty.",
                        SAMPLE_ANNOTATORS.join(" and ")
                    ));
                }
            }
            Err(err) => self.complain(err.to_string()),
        }
    }

    /// A project folder opens; an article file or folder is imported into a new project
    /// beside it (`articles.txt` → `articles-claimspan/`).
    pub(super) fn open_path(&mut self, path: &Path) {
        let path = &super::choose::expand_home(path);
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
            self.start_import(vec![path.to_owned()], NewLabels::Refuse);
        }
    }

    pub(super) fn open_project(&mut self, root: &Path) {
        let Some(annotator) = self.annotator(Command::OpenPath(root.to_owned())) else {
            return;
        };
        self.flush();
        let ctx = self.ctx.clone();
        let waker: crate::session::Waker = std::sync::Arc::new(move || ctx.request_repaint());
        match Workspace::open(root, annotator, Some(waker)) {
            Ok(mut ws) => {
                if let Some(debounce) = self.debounce {
                    ws.set_debounce(debounce);
                }
                for problem in ws.take_problems() {
                    self.complain(problem);
                }
                self.guidelines = match ws.project().read_guidelines() {
                    Ok(Some(text)) => text,
                    Ok(None) => "This project has no guidelines file.".into(),
                    Err(err) => format!("The guidelines could not be shown: {err}"),
                };
                // Where the user was, else the first document not done.
                let place = self
                    .prefs
                    .places
                    .get(ws.project().root())
                    .and_then(|place| {
                        let row = ws.rows().iter().find(|r| r.id.as_str() == place.document)?;
                        Some((row.id.clone(), CharOffset(place.top)))
                    });
                let first = place.as_ref().map(|(id, _)| id.clone()).or_else(|| {
                    ws.rows()
                        .iter()
                        .find(|r| r.status != Status::Done)
                        .or(ws.rows().first())
                        .map(|r| r.id.clone())
                });
                self.prefs.last_project = Some(root.to_owned());
                self.workspace = Some(ws);
                self.view = TextView::default();
                self.search = SearchBar::default();
                if let Some(id) = first {
                    self.open_document(&id);
                }
                self.restore = place;
            }
            Err(err) => self.complain(err.to_string()),
        }
    }
}
