//! Why a project file that does not parse is damaged, when the cause is one a person
//! can fix without reading a parser's message: an unresolved git merge, or a
//! byte-order mark an editor put in front.

use super::error::StoreError;
use std::path::Path;

/// An error naming the damage when `text` has git conflict markers or starts with a
/// byte-order mark; `Ok` when it has neither (the caller reports the syntax error).
pub fn explain_damage(path: &Path, text: &str) -> Result<(), StoreError> {
    if text.starts_with('\u{feff}') {
        return Err(StoreError::Bom {
            path: path.to_owned(),
        });
    }
    if let Some(line) = conflict_marker_line(text) {
        return Err(StoreError::ConflictMarkers {
            path: path.to_owned(),
            line,
        });
    }
    Ok(())
}

/// The line (from 1) of the first git conflict marker: a line that starts with seven
/// `<`, `=` or `>` (and a space or its end), as git writes them.
pub fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines().position(is_marker).map(|i| i + 1)
}

fn is_marker(line: &str) -> bool {
    ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
        .iter()
        .any(|m| {
            line.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_markers_are_found_on_their_line() {
        let text = "(\n    format: 1,\n<<<<<<< HEAD\n    title: \"a\",\n=======\n    title: \"b\",\n>>>>>>> theirs\n)\n";
        assert_eq!(conflict_marker_line(text), Some(3));
        assert_eq!(
            conflict_marker_line("(\n    note: \"<<<<<<< not at the start\",\n)"),
            None
        );
        let err = explain_damage(Path::new("a.ron"), text)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a.ron:3: this file has git conflict markers"),
            "{err}"
        );
        assert!(err.contains("resolve the git merge in a.ron"), "{err}");
    }

    #[test]
    fn a_bom_is_named_as_a_bom() {
        let err = explain_damage(Path::new("claimspan.ron"), "\u{feff}(format: 1)")
            .unwrap_err()
            .to_string();
        assert!(err.contains("byte-order mark"), "{err}");
    }
}
