//! How the window's width is shared between the article and the panels beside it.
//!
//! The article is what people read, so in a small window (a laptop split in two, 800
//! px) it keeps most of the width: each side panel may take only a share of the
//! window, whatever width it was dragged to before, and the document list folds away
//! below [`FOLD_LIST_BELOW`] until the user asks for it.

/// Below this window width the document list is folded unless the user opened it.
pub const FOLD_LIST_BELOW: f32 = 1000.0;
/// The share of the window the document list may take at most.
const LIST_SHARE: f32 = 0.20;
/// The share of the window the right panel (spans, review, statements) may take.
const SIDE_SHARE: f32 = 0.28;
/// Widths the panels start at in a wide window; the right one fits its four tabs
/// on one line.
const LIST_DEFAULT: f32 = 260.0;
const SIDE_DEFAULT: f32 = 330.0;
/// Narrower than this, a panel's rows are cut to a word or two; only a window too
/// small for its share goes below.
const LIST_MIN: f32 = 140.0;
const SIDE_MIN: f32 = 180.0;

/// The widths one side panel may have, margins included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelWidth {
    /// Where it starts before the user drags its edge.
    pub default: f32,
    /// How narrow it may be dragged.
    pub min: f32,
    /// How wide it may be dragged, and the most it takes when the window shrinks.
    pub max: f32,
}

impl PanelWidth {
    fn share_of(window: f32, share: f32, default: f32, min: f32) -> Self {
        let max = (window * share).floor().max(0.0);
        let min = min.min(max);
        Self {
            default: default.clamp(min, max),
            min,
            max,
        }
    }

    /// The panel with these bounds, resizable by dragging its edge.
    pub fn apply(self, panel: egui::Panel) -> egui::Panel {
        panel
            .resizable(true)
            .size_range(self.min..=self.max)
            .default_size(self.default)
    }
}

/// How a window of some width is shared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowLayout {
    /// The document list on the left.
    pub list: PanelWidth,
    /// The right panel.
    pub side: PanelWidth,
    /// True when the list is folded unless the user opened it.
    pub list_folds: bool,
}

impl WindowLayout {
    /// The layout of a window `width` points wide.
    pub fn for_width(width: f32) -> Self {
        Self {
            list: PanelWidth::share_of(width, LIST_SHARE, LIST_DEFAULT, LIST_MIN),
            side: PanelWidth::share_of(width, SIDE_SHARE, SIDE_DEFAULT, SIDE_MIN),
            list_folds: width < FOLD_LIST_BELOW,
        }
    }

    /// The id of the panel `name` in a window of this width. Narrow and wide windows
    /// each remember their own panel widths, so a panel squeezed to its share of a
    /// small window gets its wide width back when the window grows again (egui keeps
    /// only the width a panel last had).
    pub fn panel_id(&self, name: &'static str) -> (&'static str, bool) {
        (name, self.list_folds)
    }

    /// Whether the list is shown: the user's choice if they made one, else folded in
    /// a small window.
    pub fn shows_list(&self, choice: Option<bool>) -> bool {
        choice.unwrap_or(!self.list_folds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_window_keeps_most_of_its_width_for_the_article() {
        let layout = WindowLayout::for_width(800.0);
        assert!(layout.list_folds);
        assert!(!layout.shows_list(None));
        assert!(layout.shows_list(Some(true)), "the user can bring it back");
        assert_eq!(layout.side.max, 224.0);
        assert_eq!(layout.side.default, 224.0);
        // Even with the list opened the article keeps more than half.
        assert!(800.0 - layout.side.max - layout.list.max > 0.5 * 800.0);
    }

    #[test]
    fn a_wide_window_starts_at_the_usual_widths() {
        let layout = WindowLayout::for_width(1600.0);
        assert!(!layout.list_folds);
        assert!(layout.shows_list(None));
        assert!(!layout.shows_list(Some(false)), "the user can fold it");
        assert_eq!(layout.list.default, 260.0);
        assert_eq!(layout.side.default, 330.0);
        assert_eq!(layout.side.max, 448.0);
    }

    #[test]
    fn bounds_stay_ordered_in_a_tiny_window() {
        for width in [0.0, 50.0, 300.0, 640.0, 999.0, 1000.0, 4000.0] {
            let layout = WindowLayout::for_width(width);
            for panel in [layout.list, layout.side] {
                assert!(panel.min <= panel.default && panel.default <= panel.max);
                assert!(panel.min >= 0.0);
            }
        }
    }
}
