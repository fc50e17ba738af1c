//! The project folder: opening it, reading articles and annotations, and writing
//! them back atomically.
//!
//! ```text
//! my-project/
//!   claimspan.ron                    name, schema, guidelines file
//!   articles/<id>.txt                exact article text, written once at import
//!   articles/<id>.ron                its metadata
//!   annotations/<annotator>/<id>.ron one file per document per annotator
//!   gold/<id>.ron                    adjudicated annotations
//! ```
//! There is no index file: the folder listing is the index, so two people who import
//! or annotate in separate clones never edit the same file.

use super::atomic::{WriteBatch, is_temp_file, write_atomic};
use super::error::StoreError;
use super::files::{
    AnnotationFile, AnnotationFileOut, AnnotationSummary, ArticleFile, ProjectConfig,
};
use super::place::{
    folders_are_real, guidelines_path, read_project_file, real_folder, regular_file,
};
use super::ron_file::{FORMAT, read_ron, to_ron};
use crate::model::{
    Annotations, AnnotatorName, ArticleMeta, Document, DocumentId, Reanchored, Schema, TextHash,
    reanchor,
    text::{decode_utf8, decode_utf8_owned},
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

mod import;
mod index;
mod read;
mod stamp;

pub use import::{Added, MAX_METADATA_DEPTH, NewArticle, Planned};
pub(crate) use index::is_hidden;
pub(super) use read::check_place;
pub use read::{Loaded, Unfitted};
pub use stamp::FileStamp;

/// The project file's name.
pub const CONFIG_FILE: &str = "claimspan.ron";
/// Folder of article texts and metadata.
pub const ARTICLES: &str = "articles";
/// Folder of per-annotator folders.
pub const ANNOTATIONS: &str = "annotations";
/// Folder of adjudicated annotations.
pub const GOLD: &str = "gold";
/// Guidelines file a new project starts with.
pub const GUIDELINES: &str = "guidelines.md";

const DEFAULT_GUIDELINES: &str = include_str!("default_guidelines.md");

/// Git must keep article texts byte for byte: with `core.autocrlf` a Windows checkout
/// would turn `\n` into `\r\n`, every offset after the first line would shift, and
/// every span would have to be re-anchored.
const GITATTRIBUTES: &str = "# claimspan: offsets count the characters of these files exactly as stored.\narticles/*.txt -text\n*.ron text eol=lf\n";

/// The lock file, the temporary files of saves and trained models (made from the
/// project, not part of it) never belong in git.
const GITIGNORE: &str = "# claimspan\n.claimspan.lock\n.*.tmp\n/models/\n";

/// An open project: its settings and an index of what the folder holds. Article texts
/// and annotations are read when asked for, so opening stays fast on large projects.
#[derive(Debug)]
pub struct Project {
    root: PathBuf,
    config: ProjectConfig,
    articles: BTreeMap<DocumentId, ArticleMeta>,
    by_hash: HashMap<TextHash, DocumentId>,
    /// Ids in lower case: macOS and Windows treat `Doc` and `doc` as one file.
    folded_ids: HashSet<String>,
    /// Articles whose files are there but could not be read (lower-case id → the
    /// file and why): an import must not write a new article over them.
    broken_articles: HashMap<String, (PathBuf, String)>,
    /// Text files in `articles/` (lower-case id), read or not.
    article_texts: HashSet<String>,
    annotated: BTreeMap<AnnotatorName, BTreeSet<DocumentId>>,
    gold: BTreeSet<DocumentId>,
    unreadable: Vec<StoreError>,
}

impl Project {
    /// Makes `dir` a new project with the default schema and a guidelines file.
    pub fn init(dir: &Path) -> Result<Project, StoreError> {
        let config_path = dir.join(CONFIG_FILE);
        if config_path.exists() {
            return Err(StoreError::AlreadyAProject {
                path: dir.to_owned(),
            });
        }
        fs::create_dir_all(dir).map_err(|e| StoreError::io("create", dir, e))?;
        let name = fs::canonicalize(dir)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "claimspan project".to_owned());
        let config = ProjectConfig {
            format: FORMAT,
            name,
            guidelines: Some(GUIDELINES.to_owned()),
            schema: Schema::default(),
        };
        let guidelines = dir.join(GUIDELINES);
        if !guidelines.exists() {
            write_atomic(&guidelines, DEFAULT_GUIDELINES.as_bytes())?;
        }
        write_atomic(&config_path, ron_text(&config_path, &config)?.as_bytes())?;
        for folder in [ARTICLES, ANNOTATIONS, GOLD] {
            let path = dir.join(folder);
            fs::create_dir_all(&path).map_err(|e| StoreError::io("create", &path, e))?;
        }
        for (name, text) in [(".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)] {
            let path = dir.join(name);
            if !path.exists() {
                write_atomic(&path, text.as_bytes())?;
            }
        }
        Project::open(dir)
    }

    /// Opens the project in `dir`: reads its settings and indexes its articles and
    /// annotation files. Files that cannot be read are listed in
    /// [`Project::unreadable`] instead of stopping the whole project from opening.
    pub fn open(dir: &Path) -> Result<Project, StoreError> {
        let config_path = dir.join(CONFIG_FILE);
        if !regular_file(&config_path)? {
            return Err(StoreError::NotAProject {
                path: dir.to_owned(),
            });
        }
        for folder in [ARTICLES, ANNOTATIONS, GOLD] {
            real_folder(&dir.join(folder))?;
        }
        let mut config: ProjectConfig = read_ron(&config_path)?;
        // Older projects lack the free `entity`/`category` attributes; add them in
        // memory only (reading never writes). See `Schema::add_registry_attributes`.
        config.schema.add_registry_attributes();
        config.schema.check().map_err(|source| StoreError::Schema {
            path: config_path.clone(),
            source,
        })?;
        let mut project = Project {
            root: dir.to_owned(),
            config,
            articles: BTreeMap::new(),
            by_hash: HashMap::new(),
            folded_ids: HashSet::new(),
            broken_articles: HashMap::new(),
            article_texts: HashSet::new(),
            annotated: BTreeMap::new(),
            gold: BTreeSet::new(),
            unreadable: Vec::new(),
        };
        project.index_articles();
        project.index_annotations();
        Ok(project)
    }

    fn remember(&mut self, meta: ArticleMeta) {
        self.by_hash.insert(meta.text_hash.clone(), meta.id.clone());
        self.folded_ids.insert(meta.id.as_str().to_lowercase());
        self.articles.insert(meta.id.clone(), meta);
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The project's settings.
    pub fn config(&self) -> &ProjectConfig {
        &self.config
    }

    /// The label schema.
    pub fn schema(&self) -> &Schema {
        &self.config.schema
    }

    /// Files that could not be read when the project was opened.
    pub fn unreadable(&self) -> &[StoreError] {
        &self.unreadable
    }

    /// Every article's metadata, ordered by id.
    pub fn articles(&self) -> impl Iterator<Item = &ArticleMeta> {
        self.articles.values()
    }

    /// The metadata of one article.
    pub fn article(&self, id: &DocumentId) -> Option<&ArticleMeta> {
        self.articles.get(id)
    }

    /// How many articles the project has.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True for a project without articles.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Everyone who has an annotations folder.
    pub fn annotators(&self) -> impl Iterator<Item = &AnnotatorName> {
        self.annotated.keys()
    }

    /// The documents `annotator` has a file for.
    pub fn annotated_by(&self, annotator: &AnnotatorName) -> impl Iterator<Item = &DocumentId> {
        self.annotated.get(annotator).into_iter().flatten()
    }

    /// Documents with a gold file.
    pub fn gold(&self) -> impl Iterator<Item = &DocumentId> {
        self.gold.iter()
    }

    /// Where an annotator's file for a document lives.
    pub fn annotation_path(&self, annotator: &AnnotatorName, id: &DocumentId) -> PathBuf {
        self.root
            .join(ANNOTATIONS)
            .join(annotator.as_str())
            .join(format!("{id}.ron"))
    }

    /// Where a document's gold file lives.
    pub fn gold_path(&self, id: &DocumentId) -> PathBuf {
        self.root.join(GOLD).join(format!("{id}.ron"))
    }

    /// Where an article's text lives.
    pub fn text_path(&self, id: &DocumentId) -> PathBuf {
        self.root.join(ARTICLES).join(format!("{id}.txt"))
    }

    /// Where an article's metadata lives.
    pub fn meta_path(&self, id: &DocumentId) -> PathBuf {
        self.root.join(ARTICLES).join(format!("{id}.ron"))
    }

    /// Reads an article with its text.
    pub fn load_document(&self, id: &DocumentId) -> Result<Document, StoreError> {
        let meta = self
            .articles
            .get(id)
            .ok_or_else(|| StoreError::NoSuchDocument {
                root: self.root.clone(),
                id: id.to_string(),
            })?;
        let path = self.text_path(id);
        let bytes = read_project_file(&path)?;
        let text = decode_utf8_owned(bytes).map_err(|source| StoreError::NotUtf8 {
            path: path.clone(),
            source,
        })?;
        Ok(Document::new(meta.clone(), text))
    }

    /// Writes adjudicated annotations ([`AnnotatorName::gold`]) atomically to
    /// `gold/`, as [`Project::save_annotations`] does for an annotator. The review
    /// fields already in the file are kept for the spans that remain, and new or
    /// changed spans are marked as adjudicated by hand (see
    /// [`Project::save_gold_review`] to write them as given).
    pub fn save_gold(
        &mut self,
        annotations: &Annotations,
        if_on_disk: IfOnDisk,
    ) -> Result<FileStamp, SaveError> {
        let path = self.gold_path(&annotations.document);
        let stamp = super::gold::save_plain_gold(&path, annotations, if_on_disk)?;
        self.gold.insert(annotations.document.clone());
        Ok(stamp)
    }

    /// Records that `id` now has a gold file, after it was written into a batch.
    pub fn note_gold(&mut self, id: &DocumentId) {
        self.gold.insert(id.clone());
    }

    /// Writes annotations atomically to their annotator's folder. With
    /// [`IfOnDisk::Unchanged`], a file that someone else changed since it was loaded
    /// is left alone and [`SaveError::ChangedOnDisk`] returned.
    pub fn save_annotations(
        &mut self,
        annotations: &Annotations,
        if_on_disk: IfOnDisk,
    ) -> Result<FileStamp, SaveError> {
        self.check_annotator(&annotations.annotator)?;
        let path = self.annotation_path(&annotations.annotator, &annotations.document);
        let stamp = write_annotations(&path, annotations, if_on_disk)?;
        self.note_annotated(&annotations.annotator, &annotations.document);
        Ok(stamp)
    }

    /// Records that `annotator` now has a file for `id`, after it was written
    /// elsewhere (by the background saver).
    pub fn note_annotated(&mut self, annotator: &AnnotatorName, id: &DocumentId) {
        self.annotated
            .entry(annotator.clone())
            .or_default()
            .insert(id.clone());
    }

    /// Notes that `annotator`'s file for `id` was removed (see
    /// [`remove_annotations`]); an annotator left without files is no longer one.
    pub fn note_not_annotated(&mut self, annotator: &AnnotatorName, id: &DocumentId) {
        if let Some(ids) = self.annotated.get_mut(annotator) {
            ids.remove(id);
            if ids.is_empty() {
                self.annotated.remove(annotator);
            }
        }
    }

    /// The guidelines file as a path inside the project, or `None` when the project
    /// names none; a path outside it, or a link, is refused.
    pub fn guidelines_path(&self) -> Result<Option<PathBuf>, StoreError> {
        let Some(guidelines) = &self.config.guidelines else {
            return Ok(None);
        };
        guidelines_path(&self.root, &self.root.join(CONFIG_FILE), guidelines).map(Some)
    }

    /// The guidelines' text, `None` when the project names no guidelines file.
    pub fn read_guidelines(&self) -> Result<Option<String>, StoreError> {
        let Some(path) = self.guidelines_path()? else {
            return Ok(None);
        };
        let bytes = read_project_file(&path)?;
        let text = decode_utf8(&bytes).map_err(|source| StoreError::NotUtf8 {
            path: path.clone(),
            source,
        })?;
        Ok(Some(text.to_owned()))
    }

    /// True when `annotator` has a file for `id`.
    pub fn has_annotations(&self, annotator: &AnnotatorName, id: &DocumentId) -> bool {
        self.annotated
            .get(annotator)
            .is_some_and(|ids| ids.contains(id))
    }
}

/// What a save expects to find on disk before it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfOnDisk {
    /// Write whatever is there (the user chose to keep their version).
    Anything,
    /// Write only if the file still has this stamp (`None`: there is still no file).
    Unchanged(Option<FileStamp>),
}

/// Why annotations were not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file changed on disk since it was loaded.
    #[error("{} was changed by someone else since you opened it; reload it to see their version, or keep yours and overwrite it", path.display())]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes annotations to `path` atomically, refusing when the file is not as
/// `if_on_disk` expects. Needs no [`Project`], so it can run on a background thread.
pub fn write_annotations(
    path: &Path,
    annotations: &Annotations,
    if_on_disk: IfOnDisk,
) -> Result<FileStamp, SaveError> {
    may_touch(path, if_on_disk)?;
    let text = ron_text(path, &AnnotationFileOut::from(annotations))?;
    write_atomic(path, text.as_bytes())?;
    FileStamp::of(path).ok_or_else(|| {
        SaveError::Store(StoreError::io(
            "read back",
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ))
    })
}

/// Removes the annotation file at `path` when it is as `if_on_disk` expects: a file
/// the window wrote for edits that were all undone, so that a document the annotator
/// never worked on leaves nothing behind. A file that is not there is fine.
pub fn remove_annotations(path: &Path, if_on_disk: IfOnDisk) -> Result<(), SaveError> {
    may_touch(path, if_on_disk)?;
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(SaveError::Store(StoreError::io("remove", path, err)))
        }
        _ => Ok(()),
    }
}

/// Whether the window may write or remove the annotation file at `path`: it must
/// be as `if_on_disk` expects, and `annotations/<name>/` linked to a folder elsewhere
/// would take the change outside the project, so both folders must be its own.
fn may_touch(path: &Path, if_on_disk: IfOnDisk) -> Result<(), SaveError> {
    if let IfOnDisk::Unchanged(expected) = if_on_disk
        && FileStamp::of(path) != expected
    {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    for folder in path.ancestors().skip(1).take(2) {
        real_folder(folder)?;
    }
    Ok(())
}

/// How deep a file's lines go: spans (depth 2) and labels (depth 3) one per line.
pub(super) fn ron_text<T: serde::Serialize>(path: &Path, value: &T) -> Result<String, StoreError> {
    let depth = if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
        3
    } else {
        2
    };
    to_ron(value, depth).map_err(|e| StoreError::Unwritable {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

#[cfg(test)]
pub(crate) mod tests;
