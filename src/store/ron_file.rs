//! Reading and writing the project's RON files, with their `format` version.
//!
//! Files are written so a person can read and diff them: one field per line, one span
//! per line, `Some` left out. Reading checks the version first, so a file from a newer
//! claimspan is refused with that reason rather than a puzzling syntax error. A file
//! that nests deeper than [`MAX_DEPTH`] levels is refused at the place it goes too
//! deep, before either reader could recurse that far.

mod depth;

use super::error::StoreError;
use crate::model::text::decode_utf8;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The format version this build writes and the newest it reads.
pub const FORMAT: u32 = 1;

/// How deeply lists, maps, structs and variants may nest in a project file, counted
/// in brackets. claimspan writes five levels at most; 64 is about what the `ron`
/// crate's default limit allows.
pub const MAX_DEPTH: usize = 64;

/// The `ron` crate counts a step for every list, map, struct and item and for every
/// `Some` and variant, so a level takes two to four of its steps. Four a level keeps
/// its limit behind [`MAX_DEPTH`], which is checked first and says where a file goes
/// too deep, so that both readers accept the same files; it stays on as the backstop
/// that keeps the stack safe.
const RON_RECURSION_LIMIT: usize = 4 * MAX_DEPTH;

/// The `ron` crate's options for project files.
pub(super) fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RON_RECURSION_LIMIT)
}

/// A value as project RON text. `depth` is how many levels of nesting get a line per
/// item; deeper ones are written on one line, so a span is one line of a diff.
pub fn to_ron<T: Serialize>(value: &T, depth: usize) -> Result<String, ron::Error> {
    let pretty = PrettyConfig::new()
        .depth_limit(depth)
        .indentor("    ")
        .struct_names(false);
    let mut text = options().to_string_pretty(value, pretty)?;
    text.push('\n');
    Ok(text)
}

/// Parses project RON text read from `path` (named in errors).
pub fn from_ron<T: DeserializeOwned + Versioned>(path: &Path, text: &str) -> Result<T, StoreError> {
    // The files claimspan writes take the quick path; anything else, and every error
    // message, comes from the `ron` crate.
    if let Some(value) = super::ron_fast::from_str::<T>(text) {
        check_version(path, Some(value.format()))?;
        return Ok(value);
    }
    if let Some(place) = depth::too_deep(text, MAX_DEPTH) {
        return Err(too_deep(path, place.line, place.column));
    }
    match options().from_str::<T>(text) {
        Ok(value) => {
            check_version(path, Some(value.format()))?;
            Ok(value)
        }
        // Only a file the scan could not follow gets here too deep; it reads the same.
        Err(err) if err.code == ron::Error::ExceededRecursionLimit => {
            Err(too_deep(path, err.span.start.line, err.span.start.col))
        }
        Err(err) => {
            // A file from a newer version, or one without a version, fails for that
            // reason; say so rather than report a field deep inside the file.
            explain_by_format(path, text)?;
            super::damage::explain_damage(path, text)?;
            Err(StoreError::Syntax {
                path: path.to_owned(),
                line: err.span.start.line,
                column: err.span.start.col,
                message: err.code.to_string(),
            })
        }
    }
}

fn too_deep(path: &Path, line: usize, column: usize) -> StoreError {
    StoreError::Syntax {
        path: path.to_owned(),
        line,
        column,
        message: format!("nested deeper than {MAX_DEPTH} levels"),
    }
}

/// Reads and parses a project RON file.
pub fn read_ron<T: DeserializeOwned + Versioned>(path: &Path) -> Result<T, StoreError> {
    let bytes = super::place::read_project_file(path)?;
    let text = decode_utf8(&bytes).map_err(|source| StoreError::NotUtf8 {
        path: path.to_owned(),
        source,
    })?;
    from_ron(path, text)
}

/// A file type that carries a `format` field.
pub trait Versioned {
    /// The version the file says it has.
    fn format(&self) -> u32;
}

fn check_version(path: &Path, found: Option<u32>) -> Result<(), StoreError> {
    match found {
        Some(found) if found > FORMAT => Err(StoreError::NewerFormat {
            path: path.to_owned(),
            found,
            supported: FORMAT,
        }),
        // Version 1 is the first; an older file would be upgraded here.
        _ => Ok(()),
    }
}

/// Why a file that did not parse as a whole failed, if its `format` explains it.
fn explain_by_format(path: &Path, text: &str) -> Result<(), StoreError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        format: Option<u32>,
    }
    match options().from_str::<Probe>(text) {
        Ok(Probe { format: None }) => Err(StoreError::NoFormat {
            path: path.to_owned(),
            supported: FORMAT,
        }),
        Ok(Probe { format }) => check_version(path, format),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::files::AnnotationFile;

    /// A file type that nests: the `ron` crate counts the `Option` and the struct of
    /// every level, so three of its steps a level.
    #[derive(Debug, serde::Deserialize)]
    struct Chain {
        format: u32,
        #[serde(default)]
        next: Option<Box<Chain>>,
    }

    impl Versioned for Chain {
        fn format(&self) -> u32 {
            self.format
        }
    }

    impl Chain {
        fn levels(&self) -> usize {
            1 + self.next.as_ref().map_or(0, |next| next.levels())
        }
    }

    /// `levels` chained structs, the innermost without `next`.
    fn chain(levels: usize) -> String {
        format!(
            "{}(format: 1){}",
            "(format: 1, next: ".repeat(levels - 1),
            ")".repeat(levels - 1)
        )
    }

    #[test]
    fn the_ron_crate_keeps_a_recursion_limit() {
        assert_eq!(options().recursion_limit, Some(RON_RECURSION_LIMIT));
        let deep = format!("{}1{}", "[".repeat(500), "]".repeat(500));
        let err = options().from_str::<ron::Value>(&deep).unwrap_err();
        assert_eq!(err.code, ron::Error::ExceededRecursionLimit);
        let path = Path::new("p/claimspan.ron");
        assert_eq!(
            too_deep(path, 1, 129).to_string(),
            "p/claimspan.ron:1:129: this is not valid claimspan RON (nested deeper than 64 \
             levels); fix it by hand or restore it from git"
        );
    }

    #[test]
    fn a_too_deep_file_is_refused_at_its_place() {
        let path = Path::new("p/annotations/alice/d.ron");
        for deep in ["[", "(", "{", "Some("] {
            let text = format!("(\n    format: 1,\n    spans: {}", deep.repeat(50_000));
            let err = from_ron::<AnnotationFile>(path, &text).unwrap_err();
            // `(` is level 1, so the 64th `deep` opens level 65; `spans: ` ends at
            // column 11 and each `deep` ends with its bracket.
            let column = 11 + MAX_DEPTH * deep.len();
            assert_eq!(
                err.to_string(),
                format!(
                    "p/annotations/alice/d.ron:3:{column}: this is not valid claimspan RON \
                     (nested deeper than 64 levels); fix it by hand or restore it from git"
                ),
                "{deep}"
            );
        }
    }

    #[test]
    fn both_readers_read_a_file_at_the_limit_on_a_small_stack() {
        // Projects are read on worker threads, which have smaller stacks than `main`.
        let reads = std::thread::spawn(|| {
            let path = Path::new("chain.ron");
            let at_limit = chain(MAX_DEPTH);
            let fast = from_ron::<Chain>(path, &at_limit).map(|c| c.levels()).ok();
            // A comment sends it past the fast reader to the `ron` crate.
            let slow = from_ron::<Chain>(path, &format!("// slow\n{at_limit}"))
                .map(|c| c.levels())
                .ok();
            let over = from_ron::<Chain>(path, &chain(MAX_DEPTH + 1)).unwrap_err();
            (fast, slow, over.to_string())
        })
        .join()
        .unwrap();
        assert_eq!(
            reads,
            (
                Some(MAX_DEPTH),
                Some(MAX_DEPTH),
                "chain.ron:1:1153: this is not valid claimspan RON (nested deeper than 64 \
                 levels); fix it by hand or restore it from git"
                    .to_owned()
            )
        );
    }
}
