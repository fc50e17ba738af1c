//! The messages of the status bar: told, complained, and those about the document as
//! it is now, which go when it changes; and what the session noticed (a file changed
//! on disk, a save that failed) put into words or a dialog. A selection the file read
//! again no longer has is dropped by `Editor::follow` before the next frame is drawn.

use super::App;
use crate::model::DocumentId;
use crate::session::Notice;
use crate::ui::chrome::Message;
use crate::ui::dialogs::Dialog;

impl App {
    pub(super) fn tell(&mut self, text: impl Into<String>) {
        self.say(text.into(), false, false);
    }

    pub(super) fn complain(&mut self, text: impl Into<String>) {
        self.say(text.into(), true, false);
    }

    /// Tells something about the document as it is now; it goes when that changes.
    pub(super) fn tell_here(&mut self, text: impl Into<String>) {
        self.say(text.into(), false, true);
    }

    /// Complains about something the document as it is now refused.
    pub(super) fn complain_here(&mut self, text: impl Into<String>) {
        self.say(text.into(), true, true);
    }

    fn say(&mut self, text: String, error: bool, here: bool) {
        self.messages.push(Message { text, error, here });
    }

    /// “Iran warns Europe…” for a message: the document's headline in quotes, or its id.
    pub(super) fn title_of(&self, id: &DocumentId) -> String {
        let title = self
            .workspace
            .as_ref()
            .and_then(|ws| ws.project().article(id))
            .map_or_else(|| id.to_string(), |meta| meta.title.clone());
        format!("“{title}”")
    }

    /// Drops the messages about the document as it was: called before an undo, a
    /// switch of document or of mode, so the status bar never describes a state that
    /// is gone.
    pub(super) fn forget_here(&mut self) {
        self.messages.retain(|m| !m.here);
    }

    pub(super) fn take_notices(&mut self, notices: Vec<Notice>) {
        for notice in notices {
            match notice {
                Notice::ChangedOnDisk { document, path } => {
                    self.dialog = Some(Dialog::ChangedOnDisk {
                        document,
                        path,
                        gold: false,
                    });
                }
                Notice::ReloadedFromDisk { document } => {
                    let title = self.title_of(&document);
                    self.tell(format!(
                        "{title} changed on disk (another window, a sync or a git pull) and was read again; nothing you did here is lost."
                    ));
                }
                Notice::GoldReloadedFromDisk { document } => {
                    let title = self.title_of(&document);
                    self.tell(format!(
                        "The gold of {title} changed on disk (another reviewer, a sync or a git pull) and was read again; your decisions were all saved before."
                    ));
                }
                Notice::SaveFailed(message) => self.complain(format!(
                    "Could not save: {message}. Your edits are kept; they are saved again with the next edit."
                )),
            }
        }
    }
}
