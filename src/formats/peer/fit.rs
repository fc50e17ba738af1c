//! Placing a peer tool's span on the stored text.
//!
//! Tools get offsets wrong in known ways: doccano and older Label Studio count UTF-16
//! code units (an emoji is two), some count bytes, and a file re-saved with or
//! without `\r\n` shifts every offset after a line break by one per line. The span's
//! own text, where the file gives it, tells which reading is right: each reading is
//! tried in turn, and as a last resort the text is looked for near where the span
//! said it was. A span is placed only where the text confirms it; a span that
//! cannot be confirmed is reported, never moved on a guess.

use super::PeerSpan;
use crate::formats::units::{OffsetUnit, UnitMap};
use crate::model::text::{RemovedChars, normalize, normalize_with_removed};
use crate::model::{CharOffset, OffsetMap};

/// How a span's offsets were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fix {
    /// As the file gave them.
    AsGiven,
    /// In another unit than the file declared.
    Unit(OffsetUnit),
    /// Counted on the text without `\r` (or with it, where the text has none), in
    /// this unit.
    LineEnds(OffsetUnit),
    /// At the place nearest the given offsets where its text is.
    FoundByText,
}

impl Fix {
    /// What was repaired, for the import report.
    pub fn describe(self) -> String {
        match self {
            Fix::AsGiven => "offsets as given".into(),
            Fix::Unit(unit) => format!("offsets counted {}, read as such", unit.describe()),
            Fix::LineEnds(unit) => format!(
                "offsets counted line breaks differently from the text (\\r\\n against \\n, in {}), shifted to fit",
                unit.describe()
            ),
            Fix::FoundByText => "offsets off, moved to where the span's own text is".into(),
        }
    }
}

/// A span placed on the stored text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// Start in chars of the stored text.
    pub start: CharOffset,
    /// End.
    pub end: CharOffset,
    /// How.
    pub fix: Fix,
}

/// Places spans of one record; builds the conversion tables it needs once.
pub struct Fitter<'t> {
    raw: &'t str,
    stored: &'t str,
    removed: RemovedChars,
    stored_map: OffsetMap,
    stored_len: usize,
    declared: OffsetUnit,
    /// Unit maps of the raw and the stored text, built when first needed.
    maps: [Option<UnitMap>; 6],
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Raw,
    Stored,
}

impl<'t> Fitter<'t> {
    /// A fitter for offsets in `declared` units against `raw`, the text as the file
    /// has it, placed on `stored`, the normalised text.
    pub fn new(raw: &'t str, stored: &'t str, declared: OffsetUnit) -> Self {
        let removed = if raw.len() == stored.len() {
            RemovedChars::default()
        } else {
            normalize_with_removed(raw).1
        };
        let stored_map = OffsetMap::new(stored);
        Self {
            raw,
            stored,
            removed,
            stored_len: stored_map.char_len(),
            stored_map,
            declared,
            maps: Default::default(),
        }
    }

    fn map(&mut self, base: Base, unit: OffsetUnit) -> &UnitMap {
        let index = unit as usize * 2 + usize::from(base == Base::Stored);
        let text = if base == Base::Raw {
            self.raw
        } else {
            self.stored
        };
        self.maps[index].get_or_insert_with(|| UnitMap::new(text, unit))
    }

    /// `start..end` read as `unit` counted on `base`, in stored chars, if it fits.
    fn read(
        &mut self,
        base: Base,
        unit: OffsetUnit,
        start: usize,
        end: usize,
    ) -> Option<(CharOffset, CharOffset)> {
        let map = self.map(base, unit);
        let (s, e) = (map.to_char(start)?, map.to_char(end)?);
        let (s, e) = match base {
            Base::Raw => (
                self.removed.map(CharOffset(s)),
                self.removed.map(CharOffset(e)),
            ),
            Base::Stored => (CharOffset(s), CharOffset(e)),
        };
        (s < e && e.0 <= self.stored_len).then_some((s, e))
    }

    /// The stored text between two char offsets.
    fn slice(&self, start: CharOffset, end: CharOffset) -> &'t str {
        self.stored_map
            .slice(self.stored, start, end)
            .unwrap_or_default()
    }

    /// Places `span`, or says why it cannot be placed.
    pub fn place(&mut self, span: &PeerSpan) -> Result<Placed, String> {
        let said = span.text.as_deref().map(normalize);
        let declared = self.declared;
        let raw_is_stored = self.raw.len() == self.stored.len();
        let mut tries: Vec<(Base, OffsetUnit, Fix)> = vec![(Base::Raw, declared, Fix::AsGiven)];
        if said.is_some() {
            if !raw_is_stored {
                tries.push((Base::Stored, declared, Fix::LineEnds(declared)));
            }
            for unit in OffsetUnit::ALL.into_iter().filter(|u| *u != declared) {
                tries.push((Base::Raw, unit, Fix::Unit(unit)));
                if !raw_is_stored {
                    tries.push((Base::Stored, unit, Fix::LineEnds(unit)));
                }
            }
        }
        for (base, unit, fix) in tries {
            if let Some((start, end)) = self.read(base, unit, span.start, span.end) {
                match &said {
                    None => return Ok(Placed { start, end, fix }),
                    Some(said) if same_text(self.slice(start, end), said) => {
                        return Ok(Placed { start, end, fix });
                    }
                    Some(_) => {}
                }
            }
        }
        let Some(said) = said.filter(|s| !s.is_empty()) else {
            return Err(format!(
                "{}..{} does not fit the text ({} {}) and the span gives no text of its own to show where it belongs; fix its offsets",
                span.start,
                span.end,
                self.map(Base::Raw, declared).len(),
                declared.describe()
            ));
        };
        match self.nearest(&said, span.start) {
            Ok(placed) => Ok(placed),
            Err(count) => Err(format!(
                "its text “{}” is not at {}..{} counted in any unit{}; fix its offsets",
                short(&said),
                span.start,
                span.end,
                match count {
                    0 => ", nor anywhere in the text".to_owned(),
                    n => format!(", and occurs {n} times elsewhere, equally near"),
                }
            )),
        }
    }

    /// The occurrence of `said` nearest to char `near`, if one is nearer than all
    /// others; else how many there are.
    fn nearest(&self, said: &str, near: usize) -> Result<Placed, usize> {
        let mut found: Vec<usize> = Vec::new();
        let mut from = 0;
        while let Some(at) = self.stored.get(from..).and_then(|rest| rest.find(said)) {
            found.push(from + at);
            from += at + said.chars().next().map_or(1, char::len_utf8);
        }
        let chars_of = |byte: usize| {
            self.stored_map
                .to_char(self.stored, crate::model::ByteOffset(byte))
                .map_or(0, |c| c.0)
        };
        let mut by_distance: Vec<(usize, usize)> = found
            .iter()
            .map(|&b| {
                let c = chars_of(b);
                (c.abs_diff(near), c)
            })
            .collect();
        by_distance.sort_unstable();
        match by_distance.as_slice() {
            [(d, c), rest @ ..] if rest.first().is_none_or(|(d2, _)| d2 > d) => {
                let len = said.chars().count();
                Ok(Placed {
                    start: CharOffset(*c),
                    end: CharOffset(c + len),
                    fix: Fix::FoundByText,
                })
            }
            _ => Err(found.len()),
        }
    }
}

/// True when `slice` is the text `said`, allowing line breaks and runs of white
/// space to differ (brat writes a span across lines as pieces joined by a space).
pub fn same_text(slice: &str, said: &str) -> bool {
    slice == said || slice.split_whitespace().eq(said.split_whitespace())
}

fn short(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(39).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, text: Option<&str>) -> PeerSpan {
        PeerSpan {
            key: "1".into(),
            start,
            end,
            label: "actor".into(),
            text: text.map(str::to_owned),
            ..PeerSpan::default()
        }
    }

    #[test]
    fn utf16_offsets_are_recognised_by_the_span_text() {
        let text = "📢 Iran’s envoy 🙂 rejected it";
        let mut fitter = Fitter::new(text, text, OffsetUnit::Chars);
        // "rejected" is chars 17..25, UTF-16 units 19..27.
        let placed = fitter.place(&span(19, 27, Some("rejected"))).unwrap();
        assert_eq!(
            (placed.start.0, placed.end.0, placed.fix),
            (17, 25, Fix::Unit(OffsetUnit::Utf16))
        );
        let placed = fitter.place(&span(17, 25, Some("rejected"))).unwrap();
        assert_eq!(placed.fix, Fix::AsGiven);
    }

    #[test]
    fn crlf_miscounts_are_shifted_back() {
        let raw = "Line one\r\nLine two\r\nthe envoy said";
        let stored = normalize(raw);
        // Offsets against the raw text: "envoy" at 24..29 raw chars.
        let mut fitter = Fitter::new(raw, &stored, OffsetUnit::Chars);
        let placed = fitter.place(&span(24, 29, Some("envoy"))).unwrap();
        assert_eq!((placed.start.0, placed.fix), (22, Fix::AsGiven));
        // The same span counted on the text without \r: 22..27.
        let placed = fitter.place(&span(22, 27, Some("envoy"))).unwrap();
        assert_eq!(
            (placed.start.0, placed.fix),
            (22, Fix::LineEnds(OffsetUnit::Chars))
        );
        // A span whose offsets are off by two, found by its text.
        let placed = fitter.place(&span(20, 25, Some("envoy"))).unwrap();
        assert_eq!((placed.start.0, placed.fix), (22, Fix::FoundByText));
    }

    #[test]
    fn what_cannot_be_confirmed_is_reported() {
        let text = "the envoy and the envoy";
        let mut fitter = Fitter::new(text, text, OffsetUnit::Chars);
        let err = fitter.place(&span(60, 70, None)).unwrap_err();
        assert!(
            err.starts_with("60..70 does not fit the text (23 characters"),
            "{err}"
        );
        let err = fitter.place(&span(11, 16, Some("envoy"))).unwrap_err();
        assert!(
            err.contains("occurs 2 times elsewhere, equally near"),
            "{err}"
        );
        let err = fitter.place(&span(0, 3, Some("minister"))).unwrap_err();
        assert!(err.contains("nor anywhere in the text"), "{err}");
        assert!(same_text("a\nb", "a b"));
    }
}
