//! Every action of the window as one value: menus, shortcuts and buttons all produce a
//! [`Command`], and the app applies them after the frame is drawn.

use super::side_panel::SideTab;
use super::text_view::CaretMove;
use crate::model::{AnnotatorName, DocumentId, EntityKind, Link, SpanId, Status};
use crate::review::Overruled;
use crate::session::RegistryChange;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Choose a project folder in a file dialog.
    OpenProjectDialog,
    /// Choose a folder for a new project in a file dialog.
    NewProjectDialog,
    /// Choose article files to import in a file dialog.
    ImportDialog,
    /// Choose a folder of articles to import in a file dialog.
    ImportFolderDialog,
    /// Unpack and open the sample project.
    OpenSample,
    /// Open a project folder, or import an article file or folder into a new project
    /// beside it.
    OpenPath(PathBuf),
    /// Make a new, empty project in this folder and open it.
    NewProject(PathBuf),
    /// Import files and folders into the open project.
    Import(Vec<PathBuf>),
    /// Import again, adding the labels the files bring to the schema.
    ImportAddingLabels(Vec<PathBuf>),
    /// Open the Export… form.
    ExportDialog,
    /// Ask for the annotator's name again.
    ChangeAnnotator,
    /// Annotate under this name from now on.
    SetAnnotator(AnnotatorName),
    /// Annotate this document.
    OpenDocument(DocumentId),
    /// The next document in the list.
    NextDocument,
    /// The previous document in the list.
    PreviousDocument,
    /// Tag the selected text with this label, or relabel the selected span.
    Label(String),
    /// Give the selected span the next label of the schema.
    CycleLabel,
    /// Delete the selected span, or the selected link.
    DeleteSpan,
    /// Start a link from the selected span; the next span clicked is its other end.
    StartLink,
    /// Select a link (from the span list).
    SelectLink(Link),
    /// Link the two spans a link was offered for (after tagging one right after the
    /// other).
    AcceptLinkOffer,
    /// Set the selected stance's polarity (`support`, `oppose`, `neutral`).
    Polarity(&'static str),
    /// Open the note editor for the selected span.
    EditNote,
    /// Set a span's note (empty: no note).
    SetNote(SpanId, String),
    /// Select a span and scroll to it.
    SelectSpan(SpanId),
    /// Move the caret in the article (visually in mixed lines); with `extend`, grow
    /// the selection to it, snapped to words.
    Caret {
        /// Where it goes.
        motion: CaretMove,
        /// Shift was held.
        extend: bool,
    },
    /// Select the next span in reading order.
    NextSpan,
    /// Select the previous span in reading order.
    PreviousSpan,
    /// Drop the selection, close the search bar.
    Escape,
    /// Undo the last edit of this document.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Mark the document done, or back in progress when it was done.
    ToggleDone,
    /// Set the document's status.
    SetStatus(Status),
    /// Open the search bar.
    Find,
    /// Select the next search hit.
    FindNext,
    /// Select the previous search hit.
    FindPrevious,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Default article text size.
    ZoomReset,
    /// Switch the article between serif and sans-serif.
    ToggleSerif,
    /// Switch between light and dark theme.
    ToggleTheme,
    /// Show the document list, or fold it away to give the article its width.
    ToggleDocList,
    /// Show or hide the keyboard help.
    ToggleHelp,
    /// Show the project's guidelines.
    ShowGuidelines,
    /// Show a tab of the right panel.
    ShowTab(SideTab),
    /// Give an actor span an entity of the registry, or none.
    AssignEntity(SpanId, Option<String>),
    /// Give a claim span a category of the registry, or none.
    AssignCategory(SpanId, Option<String>),
    /// Change the project's entities and categories.
    ChangeRegistry(RegistryChange),
    /// Add an actor span's text as a new entity of this kind and assign it.
    NewEntityFor(SpanId, EntityKind),
    /// Take the version on disk of a document that changed under us.
    ReloadTheirs(DocumentId),
    /// Keep our version of a document that changed under us and overwrite theirs.
    KeepMine(DocumentId),
    /// Choose annotators and start review mode on this document.
    StartReviewDialog,
    /// Review this document with these annotators.
    StartReview(DocumentId, Vec<AnnotatorName>),
    /// Leave review mode.
    EndReview,
    /// Start review mode, or leave it.
    ToggleReview,
    /// The next open disagreement.
    ReviewNext,
    /// The previous open disagreement.
    ReviewPrevious,
    /// Look at disagreement `n`.
    ReviewSelect(usize),
    /// Decide the current disagreement.
    ReviewDecide(ReviewChoice),
    /// Put every span all annotators made alike into gold.
    ReviewAcceptAgreed,
    /// Take back the removal of this place and label from gold.
    ReviewRestore(Overruled),
    /// Select the current disagreement's place to tag the reviewer's own version.
    ReviewEdit,
    /// Write a note on the current disagreement.
    ReviewNoteDialog,
    /// Set the current disagreement's note (empty: none).
    SetReviewNote(String),
    /// Take the gold file as it is on disk, dropping unsaved decisions.
    ReviewReloadGold,
    /// Keep this review's gold and overwrite the file on disk.
    ReviewKeepMine,
    /// Show agreement over the whole project.
    ShowAgreement,
    /// Close the window.
    Quit,
}

/// What a reviewer takes for a disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewChoice {
    /// The version of the annotator at this place in the review's list.
    Annotator(usize),
    /// Every version.
    All,
    /// None.
    Reject,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;
const NONE: Modifiers = Modifiers::NONE;

const fn caret(motion: CaretMove, extend: bool) -> Command {
    Command::Caret { motion, extend }
}

/// Shortcuts that work even while a text field has the keyboard, most specific
/// first (Ctrl+Shift+Z before Ctrl+Z).
pub const GLOBAL_KEYS: &[(Modifiers, Key, Command)] = &[
    (CTRL_SHIFT, Key::Z, Command::Redo),
    (CTRL, Key::Z, Command::Undo),
    (CTRL, Key::Y, Command::Redo),
    (CTRL, Key::F, Command::Find),
    (CTRL, Key::O, Command::OpenProjectDialog),
    (CTRL, Key::I, Command::ImportDialog),
    (CTRL, Key::E, Command::ExportDialog),
    (CTRL, Key::R, Command::ToggleReview),
    (CTRL, Key::Q, Command::Quit),
    (CTRL, Key::L, Command::ToggleDocList),
    (CTRL, Key::Enter, Command::ToggleDone),
    (CTRL, Key::ArrowDown, Command::NextDocument),
    (CTRL, Key::ArrowUp, Command::PreviousDocument),
    (ALT, Key::ArrowRight, Command::NextDocument),
    (ALT, Key::ArrowLeft, Command::PreviousDocument),
    (CTRL, Key::Plus, Command::ZoomIn),
    (CTRL, Key::Equals, Command::ZoomIn),
    (CTRL, Key::Minus, Command::ZoomOut),
    (CTRL, Key::Num0, Command::ZoomReset),
    (NONE, Key::F1, Command::ToggleHelp),
    (NONE, Key::F3, Command::FindNext),
    (SHIFT, Key::F3, Command::FindPrevious),
    (NONE, Key::Escape, Command::Escape),
];

/// Single keys, which work only while no text field has the keyboard. The label keys
/// come from the schema and are read separately.
pub const PLAIN_KEYS: &[(Modifiers, Key, Command)] = &[
    // Shift and Ctrl+Shift first: a key without them would take them too.
    (CTRL_SHIFT, Key::ArrowLeft, caret(CaretMove::WordLeft, true)),
    (
        CTRL_SHIFT,
        Key::ArrowRight,
        caret(CaretMove::WordRight, true),
    ),
    (CTRL, Key::ArrowLeft, caret(CaretMove::WordLeft, false)),
    (CTRL, Key::ArrowRight, caret(CaretMove::WordRight, false)),
    (SHIFT, Key::ArrowLeft, caret(CaretMove::Left, true)),
    (SHIFT, Key::ArrowRight, caret(CaretMove::Right, true)),
    (SHIFT, Key::ArrowUp, caret(CaretMove::Up, true)),
    (SHIFT, Key::ArrowDown, caret(CaretMove::Down, true)),
    (NONE, Key::ArrowLeft, caret(CaretMove::Left, false)),
    (NONE, Key::ArrowRight, caret(CaretMove::Right, false)),
    (NONE, Key::ArrowUp, caret(CaretMove::Up, false)),
    (NONE, Key::ArrowDown, caret(CaretMove::Down, false)),
    (SHIFT, Key::Tab, Command::PreviousSpan),
    (NONE, Key::Tab, Command::NextSpan),
    (NONE, Key::Delete, Command::DeleteSpan),
    (NONE, Key::Backspace, Command::DeleteSpan),
    (NONE, Key::L, Command::CycleLabel),
    (NONE, Key::K, Command::StartLink),
    (NONE, Key::E, Command::ShowTab(SideTab::Entities)),
    (NONE, Key::T, Command::ShowTab(SideTab::Statements)),
    (NONE, Key::Enter, Command::AcceptLinkOffer),
    (NONE, Key::N, Command::EditNote),
    (NONE, Key::Plus, Command::Polarity("support")),
    (NONE, Key::Equals, Command::Polarity("support")),
    (NONE, Key::Minus, Command::Polarity("oppose")),
    (NONE, Key::Num0, Command::Polarity("neutral")),
    (NONE, Key::Questionmark, Command::ToggleHelp),
];

/// Single keys of review mode, read before the plain keys (so N steps to the next
/// disagreement there rather than opening a note). Digits still tag into gold.
pub const REVIEW_KEYS: &[(Modifiers, Key, Command)] = &[
    (NONE, Key::N, Command::ReviewNext),
    (NONE, Key::P, Command::ReviewPrevious),
    (SHIFT, Key::A, Command::ReviewAcceptAgreed),
    (
        NONE,
        Key::A,
        Command::ReviewDecide(ReviewChoice::Annotator(0)),
    ),
    (
        NONE,
        Key::B,
        Command::ReviewDecide(ReviewChoice::Annotator(1)),
    ),
    (
        NONE,
        Key::C,
        Command::ReviewDecide(ReviewChoice::Annotator(2)),
    ),
    (
        NONE,
        Key::D,
        Command::ReviewDecide(ReviewChoice::Annotator(3)),
    ),
    (NONE, Key::H, Command::ReviewDecide(ReviewChoice::All)),
    (NONE, Key::R, Command::ReviewDecide(ReviewChoice::Reject)),
    (NONE, Key::E, Command::ReviewEdit),
    (NONE, Key::M, Command::ReviewNoteDialog),
];

/// The shortcut shown beside a command in menus and the help, if it has one.
pub fn shortcut_of(command: &Command) -> Option<KeyboardShortcut> {
    GLOBAL_KEYS
        .iter()
        .chain(PLAIN_KEYS)
        .chain(REVIEW_KEYS)
        .find(|(_, _, c)| c == command)
        .map(|(m, k, _)| KeyboardShortcut::new(*m, *k))
}

/// The key a schema names (`"1"`, `"a"`), if egui knows it.
pub fn key_named(name: &str) -> Option<Key> {
    Key::from_name(&name.to_uppercase()).or_else(|| Key::from_name(name))
}

/// A lone key as the user sees it on the keyboard (`+` rather than `Plus`).
fn readable_key(keys: String) -> String {
    match keys.as_str() {
        "Plus" => "+".into(),
        "Minus" => "−".into(),
        "Equals" => "=".into(),
        "Questionmark" => "?".into(),
        _ => keys,
    }
}

/// One line of the keyboard help: keys and what they do.
pub struct HelpLine {
    /// The keys, as the user presses them.
    pub keys: String,
    /// What happens.
    pub does: &'static str,
}

/// Every shortcut with its meaning, for the help overlay. Label keys are listed by
/// the caller from the schema.
pub fn help_lines(format: impl Fn(&KeyboardShortcut) -> String) -> Vec<HelpLine> {
    let described = [
        (Command::Undo, "Undo the last edit of this document"),
        (Command::Redo, "Redo (also Ctrl+Y)"),
        (
            Command::DeleteSpan,
            "Delete the selected span or link (also Backspace)",
        ),
        (
            Command::StartLink,
            "Link the selected span: press K, then click the other span",
        ),
        (
            Command::AcceptLinkOffer,
            "Accept the link offered after tagging",
        ),
        (Command::CycleLabel, "Give the selected span the next label"),
        (Command::Polarity("support"), "Stance polarity: support"),
        (Command::Polarity("oppose"), "Stance polarity: oppose"),
        (Command::Polarity("neutral"), "Stance polarity: neutral"),
        (Command::EditNote, "Write a note on the selected span"),
        (
            caret(CaretMove::Right, false),
            "Move the caret (← ↑ ↓ too; right-to-left text as it is drawn)",
        ),
        (
            caret(CaretMove::Right, true),
            "Select from the caret, snapped to words (Shift+Ctrl+→ by word)",
        ),
        (Command::NextSpan, "Select the next span and scroll to it"),
        (Command::PreviousSpan, "Select the previous span"),
        (Command::Find, "Find text in the document"),
        (Command::FindNext, "Next hit (also Enter in the search bar)"),
        (Command::FindPrevious, "Previous hit (also Shift+Enter)"),
        (Command::ToggleDone, "Mark the document done / in progress"),
        (Command::NextDocument, "Next document (also Alt+→)"),
        (Command::PreviousDocument, "Previous document (also Alt+←)"),
        (Command::ZoomIn, "Larger text"),
        (Command::ZoomOut, "Smaller text"),
        (Command::ZoomReset, "Default text size"),
        (
            Command::ToggleDocList,
            "Show or fold the document list (folded in a narrow window)",
        ),
        (Command::OpenProjectDialog, "Open a project"),
        (
            Command::ImportDialog,
            "Import articles or a peer tool's annotations",
        ),
        (Command::ExportDialog, "Export a dataset"),
        (Command::Escape, "Drop the selection, close search"),
        (Command::ToggleHelp, "This help (also ?)"),
        (
            Command::ToggleReview,
            "Review mode: compare annotators, adjudicate into gold",
        ),
        (Command::ReviewNext, "Review: next open disagreement"),
        (
            Command::ReviewPrevious,
            "Review: previous open disagreement",
        ),
        (
            Command::ReviewDecide(ReviewChoice::Annotator(0)),
            "Review: take the first annotator's version (B, C, D: the others')",
        ),
        (
            Command::ReviewDecide(ReviewChoice::All),
            "Review: take every version (both)",
        ),
        (
            Command::ReviewDecide(ReviewChoice::Reject),
            "Review: take none",
        ),
        (
            Command::ReviewEdit,
            "Review: select the place, then tag your own version with 1, 2, 3",
        ),
        (
            Command::ReviewNoteDialog,
            "Review: a note on the disagreement",
        ),
        (
            Command::ReviewAcceptAgreed,
            "Review: accept everything all agreed on",
        ),
        (Command::Quit, "Quit"),
    ];
    let mut lines: Vec<HelpLine> = described
        .into_iter()
        .filter_map(|(command, does)| {
            shortcut_of(&command).map(|s| HelpLine {
                keys: readable_key(format(&s)),
                does,
            })
        })
        .collect();
    lines.insert(
        0,
        HelpLine {
            keys: "Drag".into(),
            does: "Select text; it snaps to whole words (hold Alt for exact characters)",
        },
    );
    lines.insert(
        1,
        HelpLine {
            keys: "Double-click".into(),
            does: "Select a word; a click on a span selects the span",
        },
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_unique() {
        let all: Vec<_> = GLOBAL_KEYS.iter().chain(PLAIN_KEYS).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!(a.0 == b.0 && a.1 == b.1), "{:?} twice", a.1);
            }
        }
    }

    #[test]
    fn review_keys_are_unique_and_clear_of_the_global_ones() {
        let all: Vec<_> = GLOBAL_KEYS.iter().chain(REVIEW_KEYS).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!(a.0 == b.0 && a.1 == b.1), "{:?} twice", a.1);
            }
        }
    }

    #[test]
    fn schema_keys_are_known_to_egui() {
        for name in ["1", "2", "3", "a", "s", "c"] {
            assert!(key_named(name).is_some(), "{name}");
        }
    }
}
