//! A trained tagger saved in the project, `models/tagger.bin`, so a window need not
//! train again on opening. The folder holds a `.gitignore` of `*`: models are made
//! from the project, not part of it, and never committed.
//!
//! The file is little-endian binary, written atomically:
//!
//! ```text
//! magic        8 bytes  "CSTAGGER"
//! format       u32      FORMAT
//! table bits   u32      log2 of the rows of a weight table
//! trained on   u64      Tagger::trained_on, to tell a stale model
//! labels       u32      how many, then for each:
//!   name       u32 length, UTF-8 bytes
//!   typical    f32      the margin scores are measured against
//!   rows       u32      how many rows are not all zero, then for each:
//!     row      u32      its index, increasing
//!     weights  3 × f32  outside, begin, inside
//! checksum     u64      FNV-1a of every byte before it
//! ```
//!
//! Only rows with a weight are written: most of a table is never touched by a
//! feature. A file that is short, fails its checksum, or holds anything out of place
//! is [`SuggestError::ModelDamaged`]; one of another format is
//! [`SuggestError::ModelVersion`], told before anything else is read, so a newer
//! layout is named as such rather than as damage.

use super::features::{ROWS, TABLE_BITS, fnv};
use super::perceptron::Weights;
use super::{LabelModel, Tagger};
use crate::model::{Registry, Schema};
use crate::store::{StoreError, write_atomic};
use crate::suggest::SuggestError;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The first bytes of every model file.
const MAGIC: &[u8; 8] = b"CSTAGGER";
/// The format written and read.
pub const FORMAT: u32 = 1;
/// The folder of models in a project.
pub const MODELS: &str = "models";
/// The tagger's file in it.
pub const FILE: &str = "tagger.bin";
/// What the folder's `.gitignore` says: ignore everything in it, itself included.
const GITIGNORE: &str = "*\n";

/// Where a project's tagger model is saved.
pub fn model_path(project_root: &Path) -> PathBuf {
    project_root.join(MODELS).join(FILE)
}

impl Tagger {
    /// Saves the model to `<project_root>/models/tagger.bin` (atomically), making the
    /// folder and its `.gitignore` when missing.
    pub fn save(&self, project_root: &Path) -> Result<(), SuggestError> {
        let folder = project_root.join(MODELS);
        std::fs::create_dir_all(&folder)
            .map_err(|e| SuggestError::ModelWrite(StoreError::io("create", &folder, e)))?;
        let ignore = folder.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, GITIGNORE.as_bytes()).map_err(SuggestError::ModelWrite)?;
        }
        write_atomic(&folder.join(FILE), &self.to_bytes()).map_err(SuggestError::ModelWrite)
    }

    /// The model saved in `project_root`, for `schema`'s labels and with `registry`'s
    /// names for its features: refused when missing, damaged, of another format, or
    /// when it learnt a label the schema no longer has.
    pub fn load(
        project_root: &Path,
        schema: &Schema,
        registry: &Registry,
    ) -> Result<Tagger, SuggestError> {
        let path = model_path(project_root);
        let bytes = std::fs::read(&path).map_err(|source| match source.kind() {
            ErrorKind::NotFound => SuggestError::NoModel { path: path.clone() },
            _ => SuggestError::ModelRead {
                path: path.clone(),
                source,
            },
        })?;
        let mut tagger = Tagger::new(schema, registry);
        let (trained_on, models) = from_bytes(&bytes).map_err(|e| match e {
            Bad::Format(found) => SuggestError::ModelVersion {
                path: path.clone(),
                found,
                supported: FORMAT,
            },
            Bad::Damaged(why) => SuggestError::ModelDamaged {
                path: path.clone(),
                why,
            },
        })?;
        if let Some(m) = models.iter().find(|m| !tagger.labels.contains(&m.label)) {
            return Err(SuggestError::ModelStale {
                path,
                label: m.label.clone(),
            });
        }
        tagger.trained_on = trained_on;
        tagger.models = models;
        Ok(tagger)
    }

    /// The file's bytes; see the module documentation.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&TABLE_BITS.to_le_bytes());
        out.extend_from_slice(&self.trained_on.to_le_bytes());
        out.extend_from_slice(&(self.models.len() as u32).to_le_bytes());
        for model in &self.models {
            out.extend_from_slice(&(model.label.len() as u32).to_le_bytes());
            out.extend_from_slice(model.label.as_bytes());
            out.extend_from_slice(&model.typical.to_le_bytes());
            let used: Vec<(usize, &[f32; 3])> = model
                .weights
                .rows
                .iter()
                .enumerate()
                .filter(|(_, w)| w.iter().any(|&x| x != 0.0))
                .collect();
            out.extend_from_slice(&(used.len() as u32).to_le_bytes());
            for (i, w) in used {
                out.extend_from_slice(&(i as u32).to_le_bytes());
                for x in w {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        let checksum = fnv(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }
}

/// Why bytes are not a model this claimspan reads.
#[derive(Debug)]
enum Bad {
    /// Another format number.
    Format(u32),
    /// Anything else, in words.
    Damaged(String),
}

/// Reads little-endian numbers from the front of a slice.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Bad> {
        if self.bytes.len() < n {
            return Err(Bad::Damaged("it ends early".to_owned()));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Bad> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, Bad> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, Bad> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn f32(&mut self) -> Result<f32, Bad> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

/// The fingerprint and label models in `bytes`.
fn from_bytes(bytes: &[u8]) -> Result<(u64, Vec<LabelModel>), Bad> {
    let damaged = |why: &str| Bad::Damaged(why.to_owned());
    let mut r = Reader { bytes };
    if r.take(MAGIC.len())
        .map_err(|_| damaged("it is too short to be a model"))?
        != MAGIC
    {
        return Err(damaged("it does not start as a tagger model does"));
    }
    let format = r.u32()?;
    if format != FORMAT {
        return Err(Bad::Format(format));
    }
    // The checksum covers everything before its own eight bytes.
    let Some(body_len) = bytes.len().checked_sub(8) else {
        return Err(damaged("it ends early"));
    };
    let (body, sum) = bytes.split_at(body_len);
    let mut stored = [0; 8];
    stored.copy_from_slice(sum);
    if body.len() < MAGIC.len() + 4 || fnv(body) != u64::from_le_bytes(stored) {
        return Err(damaged(
            "its checksum does not match, so it was cut short or changed",
        ));
    }
    let mut r = Reader {
        bytes: &body[MAGIC.len() + 4..],
    };
    if r.u32()? != TABLE_BITS {
        return Err(damaged(
            "its weight tables are not of the size this claimspan uses",
        ));
    }
    let trained_on = r.u64()?;
    let labels = r.u32()?;
    let mut models: Vec<LabelModel> = Vec::new();
    for _ in 0..labels {
        let len = r.u32()? as usize;
        let label = std::str::from_utf8(r.take(len)?)
            .map_err(|_| damaged("a label's name is not UTF-8"))?
            .to_owned();
        if models.iter().any(|m| m.label == label) {
            return Err(damaged("a label is there twice"));
        }
        let typical = r.f32()?;
        if !(typical.is_finite() && typical > 0.0) {
            return Err(damaged("a label's typical margin is not a positive number"));
        }
        let used = r.u32()? as usize;
        if used > ROWS {
            return Err(damaged("a label has more rows than its table"));
        }
        let mut weights = Weights::zero();
        let mut next = 0;
        for _ in 0..used {
            let i = r.u32()? as usize;
            let w = [r.f32()?, r.f32()?, r.f32()?];
            if i < next || i >= ROWS {
                return Err(damaged("a row is out of place"));
            }
            if w.iter().any(|x| !x.is_finite()) {
                return Err(damaged("a weight is not a number"));
            }
            if let Some(row) = weights.rows.get_mut(i) {
                *row = w;
            }
            next = i + 1;
        }
        models.push(LabelModel {
            label,
            weights,
            typical,
        });
    }
    if !r.bytes.is_empty() {
        return Err(damaged("it goes on after its last label"));
    }
    Ok((trained_on, models))
}
