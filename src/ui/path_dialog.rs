//! A path typed by hand: where the system has no file chooser (no desktop portal, no
//! zenity), Open, New project and Import ask for the path in the window instead.

use super::command::Command;
use super::dialogs::Reply;
use egui::Ui;
use std::path::PathBuf;

/// What the typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// A project folder to open.
    OpenProject,
    /// An empty (or new) folder for a new project.
    NewProject,
    /// Article or annotation files to import.
    ImportFiles,
    /// A folder of articles to import.
    ImportFolder,
}

impl PathPurpose {
    /// The dialog's heading.
    pub fn heading(self) -> &'static str {
        match self {
            PathPurpose::OpenProject => "Open a project",
            PathPurpose::NewProject => "New project",
            PathPurpose::ImportFiles => "Import files",
            PathPurpose::ImportFolder => "Import a folder",
        }
    }

    /// What to type, said to the user.
    fn asks(self) -> &'static str {
        match self {
            PathPurpose::OpenProject => "The path of the project folder:",
            PathPurpose::NewProject => "The path of an empty or new folder for the project:",
            PathPurpose::ImportFiles => {
                "The path of an article or annotation file (several: separate them with ;):"
            }
            PathPurpose::ImportFolder => "The path of a folder of articles:",
        }
    }

    /// The field's example.
    fn example(self) -> &'static str {
        match self {
            PathPurpose::OpenProject | PathPurpose::NewProject => "/home/me/claims-project",
            PathPurpose::ImportFiles => "/home/me/wire/story.txt",
            PathPurpose::ImportFolder => "/home/me/wire",
        }
    }
}

/// The paths typed in `draft`: one, or several separated by `;` for files.
pub fn typed_paths(purpose: PathPurpose, draft: &str) -> Vec<PathBuf> {
    let parts: Vec<&str> = if purpose == PathPurpose::ImportFiles {
        draft.split(';').collect()
    } else {
        vec![draft]
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Draws the dialog's contents.
pub fn type_path(
    ui: &mut Ui,
    purpose: PathPurpose,
    draft: &mut String,
    error: &Option<String>,
    reply: &mut Reply,
) {
    ui.heading(purpose.heading());
    ui.label("No file chooser is available on this system (it needs a desktop portal or zenity).");
    ui.label(purpose.asks());
    let field = ui.add(
        egui::TextEdit::singleline(draft)
            .id_salt("typed-path")
            .hint_text(purpose.example())
            .desired_width(f32::INFINITY),
    );
    let enter = super::field_entered(ui, &field, error.as_deref());
    ui.horizontal(|ui| {
        let paths = typed_paths(purpose, draft);
        let ok = ui.add_enabled(!paths.is_empty(), egui::Button::new("OK"));
        if (ok.clicked() || enter) && !paths.is_empty() {
            *reply = Reply::Close(vec![Command::UsePaths(purpose, paths)]);
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            *reply = Reply::Close(Vec::new());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_split_at_semicolons_and_folders_do_not() {
        assert_eq!(
            typed_paths(PathPurpose::ImportFiles, " a.txt ; b.jsonl;; "),
            [PathBuf::from("a.txt"), PathBuf::from("b.jsonl")]
        );
        assert_eq!(
            typed_paths(PathPurpose::OpenProject, " /data/my;project "),
            [PathBuf::from("/data/my;project")]
        );
        assert!(typed_paths(PathPurpose::NewProject, "  ").is_empty());
    }
}
