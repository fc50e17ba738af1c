//! The system's file chooser, and the typed path where there is none: on Linux rfd
//! needs a desktop portal or zenity, and without either it returns at once as if the
//! user had cancelled.

use std::time::{Duration, Instant};

/// What the chooser gave.
pub(super) enum Picked<T> {
    /// The user chose this.
    Chosen(T),
    /// The user closed the chooser.
    Cancelled,
    /// No chooser showed: the caller asks for a typed path instead.
    NoChooser,
}

impl<T> Picked<T> {
    /// What was chosen, made into something else.
    pub(super) fn map<U>(self, f: impl FnOnce(T) -> U) -> Picked<U> {
        match self {
            Picked::Chosen(chosen) => Picked::Chosen(f(chosen)),
            Picked::Cancelled => Picked::Cancelled,
            Picked::NoChooser => Picked::NoChooser,
        }
    }
}

/// Faster than anyone can read a chooser and close it: an answer this quick came
/// from no chooser at all.
const NO_CHOOSER: Duration = Duration::from_millis(300);

/// Shows a chooser (`ask` runs rfd) and tells a cancel from a chooser that never
/// appeared.
pub(super) fn ask<T>(ask: impl FnOnce() -> Option<T>) -> Picked<T> {
    let started = Instant::now();
    match ask() {
        Some(chosen) => Picked::Chosen(chosen),
        None => classify(started.elapsed()),
    }
}

fn classify<T>(took: Duration) -> Picked<T> {
    if took < NO_CHOOSER {
        Picked::NoChooser
    } else {
        Picked::Cancelled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_nothing_is_no_chooser_and_a_slow_one_a_cancel() {
        assert!(matches!(
            classify::<()>(Duration::from_millis(5)),
            Picked::NoChooser
        ));
        assert!(matches!(
            classify::<()>(Duration::from_secs(2)),
            Picked::Cancelled
        ));
        assert!(matches!(ask(|| Some(3)), Picked::Chosen(3)));
    }
}
