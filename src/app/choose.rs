//! Choosing files and folders: the system's chooser where there is one, a path typed
//! in the window where there is none.

use super::App;
use super::picker::{Picked, ask};
use crate::ui::Command;
use crate::ui::dialogs::Dialog;
use crate::ui::path_dialog::PathPurpose;
use std::path::{Path, PathBuf};

impl App {
    /// Asks for a project folder and opens it.
    pub(super) fn open_project_dialog(&mut self) {
        let picked = ask(|| {
            rfd::FileDialog::new()
                .set_title("Open a claimspan project folder")
                .pick_folder()
        });
        self.chosen(PathPurpose::OpenProject, picked.map(|p| vec![p]));
    }

    /// Asks for an empty folder and makes a project there.
    pub(super) fn new_project_dialog(&mut self) {
        let picked = ask(|| {
            rfd::FileDialog::new()
                .set_title("Choose an empty folder for the new project")
                .pick_folder()
        });
        self.chosen(PathPurpose::NewProject, picked.map(|p| vec![p]));
    }

    /// Asks for article or annotation files and imports them.
    pub(super) fn import_dialog(&mut self) {
        let picked = ask(|| {
            rfd::FileDialog::new()
                .set_title("Import articles, or annotations of doccano, Label Studio, brat or DNA")
                .add_filter(
                    "Articles and annotations",
                    &["txt", "md", "jsonl", "json", "ann", "dna"],
                )
                .add_filter("All files", &["*"])
                .pick_files()
        });
        self.chosen(PathPurpose::ImportFiles, picked);
    }

    /// Asks for a folder of articles and imports it.
    pub(super) fn import_folder_dialog(&mut self) {
        let picked = ask(|| {
            rfd::FileDialog::new()
                .set_title("Import a folder of articles (or of brat .txt/.ann pairs)")
                .pick_folder()
        });
        self.chosen(PathPurpose::ImportFolder, picked.map(|p| vec![p]));
    }

    fn chosen(&mut self, purpose: PathPurpose, picked: Picked<Vec<PathBuf>>) {
        match picked {
            Picked::Chosen(paths) => self.use_paths(purpose, paths),
            Picked::Cancelled => {}
            Picked::NoChooser => self.type_path(purpose, None),
        }
    }

    /// Asks for the path in the window.
    pub(super) fn type_path(&mut self, purpose: PathPurpose, error: Option<String>) {
        self.dialog = Some(Dialog::TypePath {
            purpose,
            draft: String::new(),
            error,
        });
    }

    /// Opens, creates or imports what was chosen or typed. A typed path that is not
    /// there is asked for again, with the reason.
    pub(super) fn use_paths(&mut self, purpose: PathPurpose, paths: Vec<PathBuf>) {
        let paths: Vec<PathBuf> = paths.iter().map(|p| expand_home(p)).collect();
        let must_exist = purpose != PathPurpose::NewProject;
        if must_exist && let Some(missing) = paths.iter().find(|p| !p.exists()) {
            let draft = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("; ");
            self.dialog = Some(Dialog::TypePath {
                purpose,
                draft,
                error: Some(format!(
                    "Nothing is at {}: check the path (copy it from your file manager).",
                    missing.display()
                )),
            });
            return;
        }
        match purpose {
            PathPurpose::OpenProject => {
                if let Some(dir) = paths.into_iter().next() {
                    self.run(Command::OpenPath(dir));
                }
            }
            PathPurpose::NewProject => {
                if let Some(dir) = paths.into_iter().next() {
                    self.run(Command::NewProject(dir));
                }
            }
            PathPurpose::ImportFiles | PathPurpose::ImportFolder => self.import_or_open(paths),
        }
    }
}

/// `~/claims` as a shell reads it: typed paths are not given to a shell, and a user
/// copying one from a terminal writes the `~`.
pub(super) fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::home_dir()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_folder_and_nothing_else_changes() {
        let Some(home) = std::env::home_dir() else {
            return;
        };
        assert_eq!(expand_home(Path::new("~/claims")), home.join("claims"));
        assert_eq!(expand_home(Path::new("~")), home);
        assert_eq!(expand_home(Path::new("/data/~x")), Path::new("/data/~x"));
        assert_eq!(expand_home(Path::new("~bob/x")), Path::new("~bob/x"));
    }
}
