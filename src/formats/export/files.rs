//! The output files of an export: one file, or one per split in a folder, each
//! buffered, counted, and written under a temporary name until the export is done
//! ([`super::atomic`]), and none of them inside the project's data
//! ([`super::guard`]).

use super::WrittenFile;
use super::atomic::{Staging, TempFile};
use super::guard::Guard;
use super::split::SplitSpec;
use crate::formats::error::ExportError;
use std::fs;
use std::path::{Path, PathBuf};

/// Every file of one export: where they may go, and those finished so far, put in
/// place together by [`Outputs::commit`] once the export has succeeded.
pub(crate) struct Outputs {
    guard: Guard,
    staging: Staging,
}

impl Outputs {
    /// Outputs that keep out of the places `guard` protects.
    pub fn new(guard: Guard) -> Self {
        Self {
            guard,
            staging: Staging::default(),
        }
    }

    /// Starts the file `path` (making its folder).
    pub fn create(&self, path: &Path) -> Result<OutFile, ExportError> {
        self.guard.check_file(path)?;
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(folder).map_err(|e| ExportError::io("create", folder, e))?;
        }
        Ok(OutFile {
            file: TempFile::create(path)?,
            path: path.to_owned(),
            documents: 0,
            spans: 0,
            first: true,
        })
    }

    /// `out` will be a folder: refuses the project's places and an existing file
    /// there, and creates it otherwise.
    pub fn folder(&self, out: &Path) -> Result<(), ExportError> {
        self.guard.check_folder(out)?;
        if out.exists() && !out.is_dir() {
            return Err(ExportError::OutIsFile {
                path: out.to_owned(),
            });
        }
        fs::create_dir_all(out).map_err(|e| ExportError::io("create", out, e))
    }

    /// `out` will be a file: refuses the project's places and an existing folder.
    pub fn file(&self, out: &Path) -> Result<(), ExportError> {
        self.guard.check_file(out)?;
        if out.is_dir() {
            return Err(ExportError::OutIsFolder {
                path: out.to_owned(),
            });
        }
        Ok(())
    }

    /// Closes `file`, to be put in place with the others, and says what it holds.
    pub fn finish(&mut self, file: OutFile) -> Result<WrittenFile, ExportError> {
        let OutFile {
            file,
            path,
            documents,
            spans,
            ..
        } = file;
        self.staging.push(file.close()?);
        Ok(WrittenFile {
            path,
            documents,
            spans,
        })
    }

    /// Puts every finished file in place.
    pub fn commit(self) -> Result<(), ExportError> {
        self.staging.commit()
    }
}

/// One open output file with what went into it.
pub(crate) struct OutFile {
    file: TempFile,
    pub path: PathBuf,
    pub documents: usize,
    pub spans: usize,
    /// True until the first record: for separators in JSON arrays.
    pub first: bool,
}

impl OutFile {
    /// Writes bytes, naming the file on failure.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        self.file.write(bytes)
    }

    /// Serialises `value` as JSON straight into the file, so no copy of a long
    /// article's text is made on the way.
    pub fn write_json(&mut self, value: &impl serde::Serialize) -> Result<(), ExportError> {
        serde_json::to_writer(self.file.writer(), value).map_err(|e| {
            let e = std::io::Error::from(e);
            ExportError::io("write", &self.path, e)
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
        outputs: &Outputs,
        out: &Path,
        split: Option<&SplitSpec>,
        extension: &str,
        header: &[u8],
    ) -> Result<Self, ExportError> {
        let mut files = Vec::new();
        match split {
            None => {
                outputs.file(out)?;
                files.push((None, outputs.create(out)?));
            }
            Some(spec) => {
                outputs.folder(out)?;
                for name in spec.names() {
                    let path = out.join(format!("{name}.{extension}"));
                    files.push((Some(name.to_owned()), outputs.create(&path)?));
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
    pub fn finish(
        self,
        outputs: &mut Outputs,
        trailer: &[u8],
    ) -> Result<Vec<WrittenFile>, ExportError> {
        self.files
            .into_iter()
            .map(|(_, mut file)| {
                file.write(trailer)?;
                outputs.finish(file)
            })
            .collect()
    }
}
