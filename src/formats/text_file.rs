//! Reading a file that should hold text, with a clear refusal when it does not.

use super::error::ImportError;
use crate::model::text::decode_utf8;
use std::fs;
use std::path::Path;

/// The largest file import reads: 256 MiB. Larger files are refused before a byte
/// is read, so a stray disk image or database dump cannot exhaust memory; JSON
/// exports of that size also take several times their size to parse.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads `path` as UTF-8 text, refusing files over [`MAX_IMPORT_BYTES`], empty,
/// binary and non-UTF-8 files with the reason and the place.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let size = fs::metadata(path)
        .map_err(|source| ImportError::Unreadable {
            path: path.to_owned(),
            source,
        })?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_IMPORT_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(|source| ImportError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    text_from_bytes(path, &bytes).map(str::to_owned)
}

/// The checks of [`read_text`] on bytes already read.
pub fn text_from_bytes<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, ImportError> {
    // A NUL never occurs in text; checking for it first tells a PNG from a
    // Latin-1 file, which the UTF-8 check alone would lump together.
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    let text = decode_utf8(bytes).map_err(|source| ImportError::NotUtf8 {
        path: path.to_owned(),
        source,
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        text_from_bytes(Path::new("in.txt"), bytes)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        assert_eq!(message(b""), "in.txt is empty; there is nothing to import");
        assert_eq!(
            message(b"\xef\xbb\xbf \n\t"),
            "in.txt is empty; there is nothing to import"
        );
        assert_eq!(
            message(b"\x89PNG\r\n\x1a\n\0\0"),
            "in.txt is a binary file (it has NUL bytes at byte 8), not an article; import .txt, .md or .jsonl files"
        );
        assert_eq!(
            message(b"Caf\xe9"),
            "in.txt: byte 3 (line 1, value 0xE9) is not valid UTF-8; the file is probably in another encoding such as Latin-1 or Windows-1252: save it as UTF-8 and try again"
        );
        assert_eq!(
            text_from_bytes(Path::new("x"), "Iran’s".as_bytes()).unwrap(),
            "Iran’s"
        );
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn a_huge_file_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dump.json");
        // Sparse: takes no disk space and is never read.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(500_000_000)
            .unwrap();
        let err = read_text(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is 476 MiB, more than the 256 MiB claimspan imports at once; split it into smaller files and import those",
                path.display()
            )
        );
    }
}
