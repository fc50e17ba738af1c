//! The output files of an export: one file, or one per split in a folder, each
//! buffered and counted.

use super::WrittenFile;
use super::split::SplitSpec;
use crate::formats::error::ExportError;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// One open output file with what went into it.
pub(crate) struct OutFile {
    pub out: BufWriter<File>,
    pub path: PathBuf,
    pub documents: usize,
    pub spans: usize,
    /// True until the first record: for separators in JSON arrays.
    pub first: bool,
}

impl OutFile {
    /// Creates `path` (and its folder).
    pub fn create(path: &Path) -> Result<Self, ExportError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(folder).map_err(|e| ExportError::io("create", folder, e))?;
        }
        let file = File::create(path).map_err(|e| ExportError::io("create", path, e))?;
        Ok(Self {
            out: BufWriter::with_capacity(1 << 20, file),
            path: path.to_owned(),
            documents: 0,
            spans: 0,
            first: true,
        })
    }

    /// Writes bytes, naming the file on failure.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        self.out
            .write_all(bytes)
            .map_err(|e| ExportError::io("write", &self.path, e))
    }

    /// Flushes and says what was written.
    pub fn finish(mut self) -> Result<WrittenFile, ExportError> {
        self.out
            .flush()
            .map_err(|e| ExportError::io("write", &self.path, e))?;
        Ok(WrittenFile {
            path: self.path,
            documents: self.documents,
            spans: self.spans,
        })
    }
}

/// One file per split (`OUT/train.jsonl`, …), or the single file `OUT`. Every
/// split's file is created up front, so an empty split still has its (empty) file.
pub(crate) struct SplitFiles {
    files: Vec<(Option<String>, OutFile)>,
}

impl SplitFiles {
    /// Creates the files, each starting with `header`.
    pub fn new(
        out: &Path,
        split: Option<&SplitSpec>,
        extension: &str,
        header: &[u8],
    ) -> Result<Self, ExportError> {
        let mut files = Vec::new();
        match split {
            None => {
                check_not_folder(out)?;
                files.push((None, OutFile::create(out)?));
            }
            Some(spec) => {
                check_folder(out)?;
                for name in spec.names() {
                    let path = out.join(format!("{name}.{extension}"));
                    files.push((Some(name.to_owned()), OutFile::create(&path)?));
                }
            }
        }
        for (_, file) in &mut files {
            file.write(header)?;
        }
        Ok(Self { files })
    }

    /// The file for `split`.
    pub fn get(&mut self, split: Option<&str>) -> &mut OutFile {
        let at = self
            .files
            .iter()
            .position(|(name, _)| name.as_deref() == split)
            .unwrap_or(0);
        &mut self.files[at].1
    }

    /// Ends every file with `trailer` and closes it.
    pub fn finish(self, trailer: &[u8]) -> Result<Vec<WrittenFile>, ExportError> {
        self.files
            .into_iter()
            .map(|(_, mut file)| {
                file.write(trailer)?;
                file.finish()
            })
            .collect()
    }
}

/// `out` will be a file: refuse an existing folder there.
pub(crate) fn check_not_folder(out: &Path) -> Result<(), ExportError> {
    if out.is_dir() {
        return Err(ExportError::OutIsFolder {
            path: out.to_owned(),
        });
    }
    Ok(())
}

/// `out` will be a folder: refuse an existing file there, create it otherwise.
pub(crate) fn check_folder(out: &Path) -> Result<(), ExportError> {
    if out.exists() && !out.is_dir() {
        return Err(ExportError::OutIsFile {
            path: out.to_owned(),
        });
    }
    fs::create_dir_all(out).map_err(|e| ExportError::io("create", out, e))
}
