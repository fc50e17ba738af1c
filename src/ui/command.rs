//! Every action of the window as one value: menus, shortcuts and buttons all produce a
//! [`Command`], and the app applies them after the frame is drawn. Their names, help
//! lines and keys are in one table, [`super::command_table`].

use super::path_dialog::PathPurpose;
use super::side_panel::SideTab;
use super::text_view::CaretMove;
use crate::model::{
    AnnotatorName, CategoryId, DocumentId, EntityId, EntityKind, Link, SpanId, Status,
};
use crate::review::Overruled;
use crate::session::RegistryChange;
use crate::store::Counted;
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
    /// Ask for a path typed by hand, where no file chooser is available.
    TypePath(PathPurpose),
    /// Use the paths typed for this purpose (checked first: they must exist, except
    /// a new project's folder).
    UsePaths(PathPurpose, Vec<PathBuf>),
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
    /// Accept the suggestion looked at (the first, if none is): its span tagged.
    AcceptSuggestion,
    /// Turn the suggestion looked at down: never offered at that place again.
    RejectSuggestion,
    /// Look at the next suggestion in the document.
    NextSuggestion,
    /// Look at the previous suggestion.
    PreviousSuggestion,
    /// Accept every suggestion in the document scored at least this many
    /// hundredths, as one step of undo.
    AcceptSuggestionsAbove(u8),
    /// Offer a recommender only when its cross-validated F1 is at least this many
    /// hundredths.
    SetSuggestionThreshold(u8),
    /// Open a document at a place (a statement listed in the Network view): the
    /// span there selected where the annotations shown have one, else the text.
    ShowPlace {
        /// The document.
        document: DocumentId,
        /// Where the place starts, in chars.
        start: usize,
        /// Where it ends.
        end: usize,
    },
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
    AssignEntity(SpanId, Option<EntityId>),
    /// Give a claim span a category of the registry, or none.
    AssignCategory(SpanId, Option<CategoryId>),
    /// Change the project's entities and categories.
    ChangeRegistry(RegistryChange),
    /// Add an actor span's text as a new entity of this kind and assign it.
    NewEntityFor(SpanId, EntityKind),
    /// Take the version on disk of a document that changed under us.
    ReloadTheirs(DocumentId),
    /// Keep our version of a document that changed under us and overwrite theirs.
    KeepMine(DocumentId),
    /// Merge a document that changed under us: their version with our edits since we
    /// read it applied again.
    MergeTheirs(DocumentId),
    /// Review mode and project agreement.
    Review(ReviewCommand),
    /// Close the window.
    Quit,
}

/// What a reviewer asks for in review mode, and the project's agreement: one enum
/// so that the review's handler matches every one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewCommand {
    /// Choose annotators and start review mode on this document.
    StartDialog,
    /// Review this document with these annotators.
    Start(DocumentId, Vec<AnnotatorName>),
    /// Leave review mode.
    End,
    /// Start review mode, or leave it.
    Toggle,
    /// The next open disagreement.
    Next,
    /// The previous open disagreement.
    Previous,
    /// Look at disagreement `n`.
    Select(usize),
    /// Decide the current disagreement.
    Decide(ReviewChoice),
    /// Put every span all annotators made alike into gold.
    AcceptAgreed,
    /// Take back the removal of this place and label from gold.
    Restore(Overruled),
    /// Select the current disagreement's place to tag the reviewer's own version.
    Edit,
    /// Write a note on the current disagreement.
    NoteDialog,
    /// Set the current disagreement's note (empty: none).
    SetNote(String),
    /// Take the gold file as it is on disk, dropping unsaved decisions.
    ReloadGold,
    /// Keep this review's gold and overwrite the file on disk.
    KeepMine,
    /// Show agreement over the whole project, as last chosen.
    ShowAgreement,
    /// Open the Network view; the first time, draw the network of the project.
    ShowNetwork,
    /// Draw the network again with the view's choices.
    DrawNetwork,
    /// Open the Suggestions window: how good each recommender is, and which are on.
    ShowSuggestions,
    /// Learn the suggestions again from what is done now, and measure them.
    MeasureSuggestions,
    /// Measure agreement again: these annotators (none named: everyone), an
    /// annotator's documents being those `counted` takes.
    MeasureAgreement(Vec<AnnotatorName>, Counted),
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
