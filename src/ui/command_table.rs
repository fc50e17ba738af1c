//! The one table of the window's commands: what each is called in menus, its line in
//! the F1 help, and its keys, primary first. Menus, the help, the key handling and
//! every hint that names a key read it from here, so a key changed here is changed
//! everywhere. Label keys come from the project's schema ([`label_keys`]).

use super::command::{Command, ReviewChoice, ReviewCommand};
use super::side_panel::SideTab;
use super::text_view::CaretMove;
use egui::{Key, Modifiers};

mod lookup;

pub use lookup::{
    HelpLine, entry_of, help_lines, key_hint, key_named, key_text, keys_of, label_keys,
    readable_key, shortcut_of, text_of,
};

/// When a key works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Always, even while a text field has the keyboard.
    Global,
    /// Only while no text field has the keyboard.
    Plain,
    /// In review mode, read before the plain keys (N steps to the next disagreement
    /// there rather than opening a note).
    Review,
    /// While the search bar is open on a hit and no link is offered, read before the
    /// plain keys: Enter steps to the next hit rather than doing nothing.
    Find,
}

/// A key with its modifiers, and when it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    /// When it works.
    pub scope: Scope,
    /// Ctrl, Shift, Alt.
    pub modifiers: Modifiers,
    /// The key.
    pub key: Key,
}

/// One command of the table.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The command.
    pub command: Command,
    /// Its name in menus (toggles name both states, the menu picks by state).
    pub text: &'static str,
    /// Its line in the keyboard help; empty for a command the help leaves out.
    pub help: &'static str,
    /// Its keys, the one to show first.
    pub keys: &'static [Chord],
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;
const NONE: Modifiers = Modifiers::NONE;

const fn global(modifiers: Modifiers, key: Key) -> Chord {
    Chord {
        scope: Scope::Global,
        modifiers,
        key,
    }
}

const fn plain(modifiers: Modifiers, key: Key) -> Chord {
    Chord {
        scope: Scope::Plain,
        modifiers,
        key,
    }
}

const fn find(modifiers: Modifiers, key: Key) -> Chord {
    Chord {
        scope: Scope::Find,
        modifiers,
        key,
    }
}

const fn review(modifiers: Modifiers, key: Key) -> Chord {
    Chord {
        scope: Scope::Review,
        modifiers,
        key,
    }
}

const fn caret(motion: CaretMove, extend: bool) -> Command {
    Command::Caret { motion, extend }
}

const fn entry(
    command: Command,
    text: &'static str,
    help: &'static str,
    keys: &'static [Chord],
) -> Entry {
    Entry {
        command,
        text,
        help,
        keys,
    }
}

/// Every command with a name, a help line or a key, in the order the help lists them.
pub const TABLE: &[Entry] = &[
    entry(
        Command::Undo,
        "Undo",
        "Undo the last edit of this document",
        &[global(CTRL, Key::Z)],
    ),
    entry(
        Command::Redo,
        "Redo",
        "Redo",
        &[global(CTRL_SHIFT, Key::Z), global(CTRL, Key::Y)],
    ),
    entry(
        Command::DeleteSpan,
        "Delete span",
        "Delete the selected span or link",
        &[plain(NONE, Key::Delete), plain(NONE, Key::Backspace)],
    ),
    entry(
        Command::StartLink,
        "Link to…",
        "Link the selected span, then click the other span",
        &[plain(NONE, Key::K)],
    ),
    entry(
        Command::AcceptLinkOffer,
        "Accept the offered link",
        "Accept the link offered after tagging; without one, the suggestion looked at",
        &[plain(NONE, Key::Enter)],
    ),
    entry(
        Command::AcceptSuggestion,
        "Accept the suggestion",
        "Accept the suggestion looked at (dashed), tagging its span",
        &[plain(NONE, Key::Y)],
    ),
    entry(
        Command::RejectSuggestion,
        "Turn the suggestion down",
        "Turn the suggestion looked at down: never offered there again",
        &[plain(NONE, Key::X)],
    ),
    entry(
        Command::NextSuggestion,
        "Next suggestion",
        "Look at the next suggestion",
        &[plain(NONE, Key::CloseBracket)],
    ),
    entry(
        Command::PreviousSuggestion,
        "Previous suggestion",
        "Look at the previous suggestion",
        &[plain(NONE, Key::OpenBracket)],
    ),
    entry(
        Command::CycleLabel,
        "Next label for span",
        "Give the selected span the next label",
        &[plain(NONE, Key::L)],
    ),
    entry(
        Command::Polarity("support"),
        "Polarity: support",
        "Stance polarity: support",
        &[plain(NONE, Key::Plus), plain(NONE, Key::Equals)],
    ),
    entry(
        Command::Polarity("oppose"),
        "Polarity: oppose",
        "Stance polarity: oppose",
        &[plain(NONE, Key::Minus)],
    ),
    entry(
        Command::Polarity("neutral"),
        "Polarity: neutral",
        "Stance polarity: neutral",
        &[plain(NONE, Key::Num0)],
    ),
    entry(
        Command::EditNote,
        "Note on span…",
        "Write a note on the selected span",
        &[plain(NONE, Key::N)],
    ),
    entry(
        caret(CaretMove::Right, false),
        "",
        "Move the caret (← ↑ ↓ too; right-to-left text as it is drawn)",
        &[plain(NONE, Key::ArrowRight)],
    ),
    entry(
        caret(CaretMove::Left, false),
        "",
        "",
        &[plain(NONE, Key::ArrowLeft)],
    ),
    entry(
        caret(CaretMove::Up, false),
        "",
        "",
        &[plain(NONE, Key::ArrowUp)],
    ),
    entry(
        caret(CaretMove::Down, false),
        "",
        "",
        &[plain(NONE, Key::ArrowDown)],
    ),
    entry(
        caret(CaretMove::Right, true),
        "",
        "Select from the caret, snapped to words (Shift+Ctrl+→ by word)",
        &[plain(SHIFT, Key::ArrowRight)],
    ),
    entry(
        caret(CaretMove::Left, true),
        "",
        "",
        &[plain(SHIFT, Key::ArrowLeft)],
    ),
    entry(
        caret(CaretMove::Up, true),
        "",
        "",
        &[plain(SHIFT, Key::ArrowUp)],
    ),
    entry(
        caret(CaretMove::Down, true),
        "",
        "",
        &[plain(SHIFT, Key::ArrowDown)],
    ),
    entry(
        caret(CaretMove::WordLeft, false),
        "",
        "",
        &[plain(CTRL, Key::ArrowLeft)],
    ),
    entry(
        caret(CaretMove::WordRight, false),
        "",
        "",
        &[plain(CTRL, Key::ArrowRight)],
    ),
    entry(
        caret(CaretMove::WordLeft, true),
        "",
        "",
        &[plain(CTRL_SHIFT, Key::ArrowLeft)],
    ),
    entry(
        caret(CaretMove::WordRight, true),
        "",
        "",
        &[plain(CTRL_SHIFT, Key::ArrowRight)],
    ),
    entry(
        caret(CaretMove::LineStart, false),
        "",
        "Caret to the start or end of the line (Shift+Home, Shift+End select)",
        &[plain(NONE, Key::Home)],
    ),
    entry(
        caret(CaretMove::LineEnd, false),
        "",
        "",
        &[plain(NONE, Key::End)],
    ),
    entry(
        caret(CaretMove::LineStart, true),
        "",
        "",
        &[plain(SHIFT, Key::Home)],
    ),
    entry(
        caret(CaretMove::LineEnd, true),
        "",
        "",
        &[plain(SHIFT, Key::End)],
    ),
    entry(
        Command::NextSpan,
        "Next span",
        "Select the next span and scroll to it",
        &[plain(NONE, Key::Tab)],
    ),
    entry(
        Command::PreviousSpan,
        "Previous span",
        "Select the previous span",
        &[plain(SHIFT, Key::Tab)],
    ),
    entry(
        Command::Find,
        "Find…",
        "Find text in the document",
        &[global(CTRL, Key::F)],
    ),
    entry(
        Command::FindNext,
        "Next hit",
        "Next hit",
        &[global(NONE, Key::F3), find(NONE, Key::Enter)],
    ),
    entry(
        Command::FindPrevious,
        "Previous hit",
        "Previous hit",
        &[global(SHIFT, Key::F3), find(SHIFT, Key::Enter)],
    ),
    entry(
        Command::ToggleDone,
        "Mark done / in progress",
        "Mark the document done / in progress",
        &[global(CTRL, Key::Enter)],
    ),
    entry(
        Command::NextDocument,
        "Next document",
        "Next document",
        &[global(CTRL, Key::ArrowDown), global(ALT, Key::ArrowRight)],
    ),
    entry(
        Command::PreviousDocument,
        "Previous document",
        "Previous document",
        &[global(CTRL, Key::ArrowUp), global(ALT, Key::ArrowLeft)],
    ),
    entry(
        Command::ZoomIn,
        "Larger text",
        "Larger text",
        &[global(CTRL, Key::Plus), global(CTRL, Key::Equals)],
    ),
    entry(
        Command::ZoomOut,
        "Smaller text",
        "Smaller text",
        &[global(CTRL, Key::Minus)],
    ),
    entry(
        Command::ZoomReset,
        "Default text size",
        "Default text size",
        &[global(CTRL, Key::Num0)],
    ),
    entry(Command::ToggleSerif, "Serif / sans-serif text", "", &[]),
    entry(Command::ToggleTheme, "Light / dark theme", "", &[]),
    entry(
        Command::ToggleDocList,
        "Show / fold document list",
        "Show or fold the document list (folded in a narrow window)",
        &[global(CTRL, Key::L)],
    ),
    entry(Command::ShowGuidelines, "Guidelines", "", &[]),
    entry(
        Command::ShowTab(SideTab::Entities),
        "Entities and categories",
        "Show the entities and categories",
        &[plain(NONE, Key::E)],
    ),
    entry(
        Command::ShowTab(SideTab::Statements),
        "Statements",
        "Show the statements of this document",
        &[plain(NONE, Key::T)],
    ),
    entry(
        Command::OpenProjectDialog,
        "Open project…",
        "Open a project",
        &[global(CTRL, Key::O)],
    ),
    entry(Command::NewProjectDialog, "New project…", "", &[]),
    entry(
        Command::ImportDialog,
        "Import articles…",
        "Import articles or a peer tool's annotations",
        &[global(CTRL, Key::I)],
    ),
    entry(Command::ImportFolderDialog, "Import a folder…", "", &[]),
    entry(
        Command::ExportDialog,
        "Export…",
        "Export a dataset, the statements table or the network",
        &[global(CTRL, Key::E)],
    ),
    entry(Command::OpenSample, "Open sample project", "", &[]),
    entry(Command::ChangeAnnotator, "Change annotator…", "", &[]),
    entry(
        Command::Escape,
        "",
        "Drop the selection, close search",
        &[global(NONE, Key::Escape)],
    ),
    entry(
        Command::ToggleHelp,
        "Keyboard shortcuts",
        "This help",
        &[global(NONE, Key::F1), plain(NONE, Key::Questionmark)],
    ),
    entry(
        Command::Review(ReviewCommand::Toggle),
        "Review this document… / Leave review",
        "Review mode: compare annotators, adjudicate into gold",
        &[global(CTRL, Key::R)],
    ),
    entry(
        Command::Review(ReviewCommand::Next),
        "Next disagreement",
        "Next open disagreement",
        &[review(NONE, Key::N)],
    ),
    entry(
        Command::Review(ReviewCommand::Previous),
        "Previous disagreement",
        "Previous open disagreement",
        &[review(NONE, Key::P)],
    ),
    entry(
        Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(0))),
        "Take the first annotator's version",
        "Take the first annotator's version (B, C, D: the others')",
        &[review(NONE, Key::A)],
    ),
    entry(
        Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(1))),
        "Take the second annotator's version",
        "",
        &[review(NONE, Key::B)],
    ),
    entry(
        Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(2))),
        "Take the third annotator's version",
        "",
        &[review(NONE, Key::C)],
    ),
    entry(
        Command::Review(ReviewCommand::Decide(ReviewChoice::Annotator(3))),
        "Take the fourth annotator's version",
        "",
        &[review(NONE, Key::D)],
    ),
    entry(
        Command::Review(ReviewCommand::Decide(ReviewChoice::All)),
        "Take every version",
        "Take every version (both)",
        &[review(NONE, Key::H)],
    ),
    entry(
        Command::Review(ReviewCommand::Decide(ReviewChoice::Reject)),
        "Take none",
        "Take none",
        &[review(NONE, Key::R)],
    ),
    entry(
        Command::Review(ReviewCommand::Edit),
        "Edit the place",
        "Select the place, then tag your own version with a label key",
        &[review(NONE, Key::E)],
    ),
    entry(
        Command::Review(ReviewCommand::NoteDialog),
        "Note on the disagreement…",
        "A note on the disagreement",
        &[review(NONE, Key::M)],
    ),
    entry(
        Command::Review(ReviewCommand::AcceptAgreed),
        "Accept all agreed",
        "Accept everything all agreed on",
        &[review(SHIFT, Key::A)],
    ),
    entry(
        Command::Review(ReviewCommand::ShowAgreement),
        "Agreement of the project…",
        "",
        &[],
    ),
    entry(
        Command::Review(ReviewCommand::ShowNetwork),
        "Network…",
        "The network of actors and claims, drawn",
        &[global(CTRL, Key::G)],
    ),
    entry(
        Command::Review(ReviewCommand::ShowSuggestions),
        "Suggestions…",
        "How good each recommender is, cross-validated; which are offered",
        &[],
    ),
    entry(Command::Quit, "Quit", "Quit", &[global(CTRL, Key::Q)]),
];

#[cfg(test)]
#[path = "command_table_tests.rs"]
mod tests;
