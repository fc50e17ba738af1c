//! Reading a file that should hold text, with a clear refusal when it does not.

use super::error::ImportError;
use crate::model::text::{decode_utf8, decode_utf8_owned};
use std::fs;
use std::io::Read;
use std::path::Path;

/// The largest file import reads: 256 MiB. Larger files are refused before a byte
/// is read, so a stray disk image or database dump cannot exhaust memory; JSON
/// exports of that size also take several times their size to parse.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// How much is read before looking for NUL bytes: a binary file or device is
/// refused after this much rather than after the whole limit.
const FIRST_LOOK: u64 = 64 * 1024;

/// Reads `path` once as UTF-8 text, refusing inputs over [`MAX_IMPORT_BYTES`], empty,
/// binary and non-UTF-8 ones with the reason and the place. A regular file's size is
/// checked before a byte is read; a pipe (`import P <(cat f.jsonl)`) or a device has
/// no size, so the limit is applied while reading.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let unreadable = |source| ImportError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let mut file = fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_file() && meta.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let mut bytes = Vec::new();
    (&mut file)
        .take(FIRST_LOOK)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    file.take(MAX_IMPORT_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::StreamTooLarge {
            path: path.to_owned(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    text_from_bytes(path, &bytes)?;
    // Checked above; this only takes the bytes over without a copy.
    decode_utf8_owned(bytes).map_err(|source| ImportError::NotUtf8 {
        path: path.to_owned(),
        source,
    })
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

    /// A named pipe (FIFO) `name` in `dir`.
    #[cfg(unix)]
    fn named_pipe(dir: &Path, name: &str) -> std::path::PathBuf {
        let fifo = dir.join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        fifo
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_once_it_passes_the_limit_or_shows_a_nul() {
        let zero = Path::new("/dev/zero");
        let err = read_text(zero).unwrap_err();
        assert!(
            matches!(err, ImportError::Binary { offset: 0, .. }),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_read_whole_once() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let fifo = named_pipe(dir.path(), "in");
        // More than any first look, so nothing may be lost between looking and reading.
        let text = "Iran’s minister said talks stall.\n".repeat(10_000);
        let writer = {
            let (fifo, text) = (fifo.clone(), text.clone());
            std::thread::spawn(move || {
                let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                pipe.write_all(text.as_bytes()).unwrap();
            })
        };
        assert_eq!(read_text(&fifo).unwrap(), text);
        writer.join().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_that_gives_more_than_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = named_pipe(dir.path(), "endless");
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut pipe = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                // The reader stops at the limit and closes the pipe: a broken pipe here
                // is the expected end.
                let _ = std::io::copy(
                    &mut std::io::repeat(b'a').take(MAX_IMPORT_BYTES + 4096),
                    &mut pipe,
                );
            })
        };
        let err = read_text(&fifo).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} gave more than the 256 MiB claimspan imports at once; split the input into smaller files and import those",
                fifo.display()
            )
        );
        writer.join().unwrap();
    }
}
