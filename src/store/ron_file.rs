//! Reading and writing the project's RON files, with their `format` version.
//!
//! Files are written so a person can read and diff them: one field per line, one span
//! per line, `Some` left out. Reading checks the version first, so a file from a newer
//! claimspan is refused with that reason rather than a puzzling syntax error.

use super::error::StoreError;
use crate::model::text::decode_utf8;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// The format version this build writes and the newest it reads.
pub const FORMAT: u32 = 1;

fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
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
    match options().from_str::<T>(text) {
        Ok(value) => {
            check_version(path, Some(value.format()))?;
            Ok(value)
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
