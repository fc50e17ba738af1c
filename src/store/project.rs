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
use std::time::SystemTime;

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

/// The lock file and the temporary files of saves never belong in git.
const GITIGNORE: &str = "# claimspan\n.claimspan.lock\n.*.tmp\n";

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

/// When and how large a file was when it was read or written, to notice that someone
/// else changed it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    modified: SystemTime,
    len: u64,
    /// Inode and change time where the system has them: a file that git or an
    /// editor replaced within the same second and with the same length still has a
    /// new inode, and one rewritten in place a new change time.
    identity: (u64, i64, i64),
}

impl FileStamp {
    /// The stamp of the file at `path` now, or `None` if there is no file.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok()?,
            len: meta.len(),
            identity: identity(&meta),
        })
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.ctime(), meta.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}

/// Annotations as loaded, with what re-anchoring changed and the file's stamp.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The annotations, fitted to the current article text.
    pub annotations: Annotations,
    /// Spans moved or flagged because the article changed since they were made.
    pub reanchored: Vec<Reanchored>,
    /// The file's stamp when read; `None` when there was no file yet.
    pub stamp: Option<FileStamp>,
}

/// An annotation file as read, before it is fitted to its article
/// ([`Project::read_unfitted`], [`Project::fit`]).
#[derive(Debug, Clone)]
pub struct Unfitted {
    annotator: AnnotatorName,
    /// `None` when there is no file yet.
    annotations: Option<Annotations>,
    stamp: Option<FileStamp>,
}

/// An article about to be added to the project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewArticle {
    /// Its text, already normalised.
    pub text: String,
    /// Headline or first line.
    pub title: String,
    /// `2018-06-14`.
    pub date: Option<String>,
    /// Agency or outlet.
    pub source: Option<String>,
    /// Dateline city.
    pub dateline: Option<String>,
    /// Photo caption.
    pub caption: Option<String>,
    /// The file it came from, without folders.
    pub original_file: String,
    /// An id given by the source (a JSONL `id`); otherwise one is made from the title.
    pub id: Option<DocumentId>,
    /// Other fields of the source.
    pub extra: BTreeMap<String, crate::model::document::MetaValue>,
}

/// What adding an article would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    /// A new document with this metadata.
    New(ArticleMeta),
    /// The same text is in the project already, under this id.
    AlreadyThere(DocumentId),
}

/// What adding an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new document with this id.
    New(DocumentId),
    /// The same text is in the project already, under this id.
    AlreadyThere(DocumentId),
}

impl Added {
    /// The document's id either way.
    pub fn id(&self) -> &DocumentId {
        match self {
            Added::New(id) | Added::AlreadyThere(id) => id,
        }
    }
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

    fn index_articles(&mut self) {
        let folder = self.root.join(ARTICLES);
        let listing = list_folder(&folder, &mut self.unreadable);
        self.article_texts = listing
            .others
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| p.file_stem())
            .map(|stem| stem.to_string_lossy().to_lowercase())
            .collect();
        let paths = listing.ron;
        // Parsing ten thousand metadata files is most of opening a large project.
        let files = super::parallel::par_map(&paths, |path| read_ron::<ArticleFile>(path));
        for (path, file) in paths.into_iter().zip(files) {
            let Some(id) = id_from_path(&path, &mut self.unreadable) else {
                continue;
            };
            let meta = match file {
                Ok(file) => ArticleMeta::from(file),
                Err(err) => {
                    self.broken_articles
                        .insert(id.as_str().to_lowercase(), (path.clone(), err.to_string()));
                    self.unreadable.push(err);
                    continue;
                }
            };
            if meta.id != id {
                self.unreadable.push(StoreError::Misplaced {
                    path,
                    field: "id",
                    found: meta.id.to_string(),
                    expected: id.to_string(),
                });
                continue;
            }
            self.remember(meta);
        }
    }

    fn remember(&mut self, meta: ArticleMeta) {
        self.by_hash.insert(meta.text_hash.clone(), meta.id.clone());
        self.folded_ids.insert(meta.id.as_str().to_lowercase());
        self.articles.insert(meta.id.clone(), meta);
    }

    fn index_annotations(&mut self) {
        let folder = self.root.join(ANNOTATIONS);
        if let Ok(entries) = fs::read_dir(&folder) {
            let mut folded: HashMap<String, AnnotatorName> = HashMap::new();
            let mut entries: Vec<_> = entries.flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let path = entry.path();
                if is_hidden(&path) {
                    continue;
                }
                // The entry's own type: a link to a folder elsewhere is not followed.
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => {}
                    Ok(kind) if kind.is_file() => continue,
                    _ => {
                        if let Err(err) = real_folder(&path) {
                            self.unreadable.push(err);
                        }
                        continue;
                    }
                }
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let annotator = match AnnotatorName::new(name.as_deref().unwrap_or_default()) {
                    Ok(a) => a,
                    Err(source) => {
                        self.unreadable.push(StoreError::Name { path, source });
                        continue;
                    }
                };
                if let Some(existing) = folded.get(&annotator.as_str().to_lowercase()) {
                    self.unreadable.push(StoreError::AnnotatorCase {
                        asked: annotator.to_string(),
                        existing: existing.to_string(),
                    });
                    continue;
                }
                folded.insert(annotator.as_str().to_lowercase(), annotator.clone());
                let ids = list_folder(&path, &mut self.unreadable)
                    .ron
                    .into_iter()
                    .filter_map(|p| id_from_path(&p, &mut self.unreadable))
                    .collect();
                self.annotated.insert(annotator, ids);
            }
        }
        let gold = self.root.join(GOLD);
        self.gold = list_folder(&gold, &mut self.unreadable)
            .ron
            .into_iter()
            .filter_map(|p| id_from_path(&p, &mut self.unreadable))
            .collect();
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

    /// The status and span count of `annotator`'s file for `id`, read without
    /// building the spans; `None` when there is no file.
    pub fn annotation_summary(
        &self,
        annotator: &AnnotatorName,
        id: &DocumentId,
    ) -> Result<Option<AnnotationSummary>, StoreError> {
        if !self.has_annotations(annotator, id) {
            return Ok(None);
        }
        read_ron(&self.annotation_path(annotator, id)).map(Some)
    }

    /// Reads an annotation file as it is on disk, without fitting it to the article.
    pub fn read_annotations_file(&self, path: &Path) -> Result<Annotations, StoreError> {
        let file: AnnotationFile = read_ron(path)?;
        Ok(Annotations::from(file))
    }

    /// Reads `annotator`'s annotations of `document`, or an empty set if they have
    /// none yet. Spans are re-anchored when the article changed since they were made;
    /// the file itself is not touched.
    pub fn load_annotations(
        &self,
        document: &Document,
        annotator: &AnnotatorName,
    ) -> Result<Loaded, StoreError> {
        let path = self.annotation_path(annotator, document.id());
        self.load_from(&path, document, annotator)
    }

    /// Reads the adjudicated annotations of `document` from `gold/`, or an empty set
    /// ([`AnnotatorName::gold`]) when there are none yet; re-anchored like an
    /// annotator's. Fields a gold file has beyond an annotator's are not read here
    /// ([`Project::load_gold_review`] reads them).
    pub fn load_gold(&self, document: &Document) -> Result<Loaded, StoreError> {
        let path = self.gold_path(document.id());
        self.load_from(&path, document, &AnnotatorName::gold())
    }

    fn load_from(
        &self,
        path: &Path,
        document: &Document,
        annotator: &AnnotatorName,
    ) -> Result<Loaded, StoreError> {
        let read = self.read_from(path, document.id(), annotator)?;
        self.fit(read, document)
    }

    /// Reads a document's annotation file (`None`: gold) without its article, to be
    /// fitted to it with [`Project::fit`]. A reader of very large documents reads the
    /// file before the article, so the two texts are never in memory at once.
    pub fn read_unfitted(
        &self,
        id: &DocumentId,
        annotator: Option<&AnnotatorName>,
    ) -> Result<Unfitted, StoreError> {
        match annotator {
            Some(annotator) => self.read_from(&self.annotation_path(annotator, id), id, annotator),
            None => self.read_from(&self.gold_path(id), id, &AnnotatorName::gold()),
        }
    }

    fn read_from(
        &self,
        path: &Path,
        id: &DocumentId,
        annotator: &AnnotatorName,
    ) -> Result<Unfitted, StoreError> {
        let stamp = FileStamp::of(path);
        let annotations = match stamp {
            None => None,
            Some(_) => {
                let annotations = self.read_annotations_file(path)?;
                check_place(path, "document", annotations.document.as_str(), id.as_str())?;
                check_place(
                    path,
                    "annotator",
                    annotations.annotator.as_str(),
                    annotator.as_str(),
                )?;
                Some(annotations)
            }
        };
        Ok(Unfitted {
            annotator: annotator.clone(),
            annotations,
            stamp,
        })
    }

    /// Fits annotations read by [`Project::read_unfitted`] to their article's text as
    /// it is now, re-anchoring spans when it changed since they were made.
    pub fn fit(&self, read: Unfitted, document: &Document) -> Result<Loaded, StoreError> {
        let Some(mut annotations) = read.annotations else {
            return Ok(Loaded {
                annotations: Annotations::new(document, read.annotator),
                reanchored: Vec::new(),
                stamp: read.stamp,
            });
        };
        let reanchored = reanchor(&mut annotations, document);
        Ok(Loaded {
            annotations,
            reanchored,
            stamp: read.stamp,
        })
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

    /// Adds an article, unless the same text is there already. Its files go into
    /// `batch`; they are durable once the batch is finished.
    pub fn add_article(
        &mut self,
        new: NewArticle,
        batch: &mut WriteBatch,
    ) -> Result<Added, StoreError> {
        match self.plan_article(&new)? {
            Planned::AlreadyThere(id) => Ok(Added::AlreadyThere(id)),
            Planned::New(meta) => {
                let id = meta.id.clone();
                self.write_article(meta, &new.text, batch)?;
                Ok(Added::New(id))
            }
        }
    }

    /// What adding `new` would do, without writing: the id and metadata it would
    /// get, or the document that already has its text.
    pub fn plan_article(&self, new: &NewArticle) -> Result<Planned, StoreError> {
        let hash = TextHash::of(&new.text);
        if let Some(id) = self.by_hash.get(&hash) {
            return Ok(Planned::AlreadyThere(id.clone()));
        }
        let taken = |id: &DocumentId| self.id_taken(id, &new.text);
        let base = match &new.id {
            Some(id) => id.clone(),
            None => DocumentId::from_title(&new.title, new.date.as_deref()),
        };
        self.refuse_over_broken(&base)?;
        // Two different articles may share a headline and date; the hash suffix keeps
        // both, and is the same in every clone.
        let id = if new.id.is_none() && (taken(&base) || base.as_str() == "article") {
            base.with_suffix(hash.short(8))
        } else {
            base
        };
        self.refuse_over_broken(&id)?;
        if taken(&id) {
            return Err(StoreError::IdTaken { id: id.to_string() });
        }
        Ok(Planned::New(ArticleMeta {
            id,
            title: new.title.clone(),
            date: new.date.clone(),
            source: new.source.clone(),
            dateline: new.dateline.clone(),
            caption: new.caption.clone(),
            // Where the text came from is told by the import report, not kept: the
            // same article imported from two files in two clones must be the same
            // bytes, or `git pull` conflicts.
            original_file: String::new(),
            text_hash: hash,
            extra: new.extra.clone(),
        }))
    }

    /// Is `id` used by another article: one indexed, or a text file left without its
    /// metadata (a killed import) that holds other text than `text`?
    fn id_taken(&self, id: &DocumentId, text: &str) -> bool {
        let folded = id.as_str().to_lowercase();
        if self.folded_ids.contains(&folded) {
            return true;
        }
        self.article_texts.contains(&folded)
            && fs::read(self.text_path(id)).map_or(true, |old| old != text.as_bytes())
    }

    /// An article whose metadata could not be read (git conflict markers, say) still
    /// owns its text and the annotations made on it: nothing is imported over it.
    fn refuse_over_broken(&self, id: &DocumentId) -> Result<(), StoreError> {
        match self.broken_articles.get(&id.as_str().to_lowercase()) {
            Some((path, reason)) => Err(StoreError::ArticleUnreadable {
                path: path.clone(),
                id: id.to_string(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Writes a planned article's text and metadata into `batch`.
    pub fn write_article(
        &mut self,
        meta: ArticleMeta,
        text: &str,
        batch: &mut WriteBatch,
    ) -> Result<(), StoreError> {
        // The text first: an article counts as present once its metadata exists.
        batch.write(&self.text_path(&meta.id), text.as_bytes())?;
        let meta_path = self.meta_path(&meta.id);
        let file = ArticleFile::from(meta.clone());
        batch.write(&meta_path, ron_text(&meta_path, &file)?.as_bytes())?;
        self.article_texts.insert(meta.id.as_str().to_lowercase());
        self.remember(meta);
        Ok(())
    }

    /// Writes annotations made at import into `batch`, unless their annotator has a
    /// file for the document already; returns whether it wrote. Annotations of
    /// [`AnnotatorName::gold`] (a peer file's ground truth) become the document's gold
    /// file where it has none.
    pub fn add_imported_annotations(
        &mut self,
        annotations: &Annotations,
        batch: &mut WriteBatch,
    ) -> Result<bool, StoreError> {
        let gold = annotations.annotator == AnnotatorName::gold();
        let id = &annotations.document;
        if (gold && self.gold.contains(id)) || self.has_annotations(&annotations.annotator, id) {
            return Ok(false);
        }
        let path = if gold {
            self.gold_path(id)
        } else {
            self.check_annotator(&annotations.annotator)?;
            self.annotation_path(&annotations.annotator, id)
        };
        folders_are_real(&self.root, &path)?;
        batch.write(
            &path,
            ron_text(&path, &AnnotationFileOut::from(annotations))?.as_bytes(),
        )?;
        if gold {
            self.gold.insert(id.clone());
        } else {
            self.annotated
                .entry(annotations.annotator.clone())
                .or_default()
                .insert(id.clone());
        }
        Ok(true)
    }

    /// Replaces the label schema (labels added at import) and writes
    /// `claimspan.ron` into `batch`; a schema that does not check out is refused and
    /// nothing is written.
    pub fn set_schema(&mut self, schema: Schema, batch: &mut WriteBatch) -> Result<(), StoreError> {
        let path = self.root.join(CONFIG_FILE);
        schema.check().map_err(|source| StoreError::Schema {
            path: path.clone(),
            source,
        })?;
        let mut config = self.config.clone();
        config.schema = schema;
        // The annotations written after it use its labels.
        batch.write_in_order(&path, ron_text(&path, &config)?.as_bytes())?;
        self.config = config;
        Ok(())
    }

    /// Refuses a new annotator whose name differs from one the project has only by
    /// case (`Alice` beside `alice`): on macOS and Windows both would be one folder.
    pub fn check_annotator(&self, annotator: &AnnotatorName) -> Result<(), StoreError> {
        if self.annotated.contains_key(annotator) {
            return Ok(());
        }
        match self
            .annotated
            .keys()
            .find(|a| a.as_str().eq_ignore_ascii_case(annotator.as_str()))
        {
            Some(existing) => Err(StoreError::AnnotatorCase {
                asked: annotator.to_string(),
                existing: existing.to_string(),
            }),
            None => Ok(()),
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
    if let IfOnDisk::Unchanged(expected) = if_on_disk
        && FileStamp::of(path) != expected
    {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    // `annotations/<name>/` linked to a folder elsewhere would take the save outside
    // the project; both folders must be the project's own.
    for folder in path.ancestors().skip(1).take(2) {
        real_folder(folder)?;
    }
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

pub(super) fn check_place(
    path: &Path,
    field: &'static str,
    found: &str,
    expected: &str,
) -> Result<(), StoreError> {
    if found == expected {
        Ok(())
    } else {
        Err(StoreError::Misplaced {
            path: path.to_owned(),
            field,
            found: found.to_owned(),
            expected: expected.to_owned(),
        })
    }
}

/// Hidden files (`.git`, `.DS_Store`) and the temporary files of saves.
pub(crate) fn is_hidden(path: &Path) -> bool {
    is_temp_file(path)
        || path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
}

/// The regular files directly in `folder`: its `.ron` files and the others, each
/// sorted, hidden ones left out. Links, pipes and devices are recorded as unreadable
/// (by their own type: a link is not followed); a missing folder has nothing.
pub(crate) fn list_folder(folder: &Path, unreadable: &mut Vec<StoreError>) -> Listing {
    let mut listing = Listing::default();
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return listing,
        Err(e) => {
            unreadable.push(StoreError::io("list", folder, e));
            return listing;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_file() => {}
            Ok(kind) if kind.is_dir() => {
                listing.folders.push(path);
                continue;
            }
            _ => {
                if let Err(err) = regular_file(&path) {
                    unreadable.push(err);
                }
                continue;
            }
        }
        if path.extension().is_some_and(|x| x == "ron") {
            listing.ron.push(path);
        } else {
            listing.others.push(path);
        }
    }
    listing.ron.sort();
    listing.others.sort();
    listing.folders.sort();
    listing
}

/// What a folder of the project holds.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// Its `.ron` files.
    pub ron: Vec<PathBuf>,
    /// Its other regular files.
    pub others: Vec<PathBuf>,
    /// Its folders.
    pub folders: Vec<PathBuf>,
}

/// The document id a file's name gives, or `None` with the reason recorded.
fn id_from_path(path: &Path, unreadable: &mut Vec<StoreError>) -> Option<DocumentId> {
    let stem = path.file_stem()?.to_string_lossy();
    match DocumentId::new(&stem) {
        Ok(id) => Some(id),
        Err(source) => {
            unreadable.push(StoreError::Name {
                path: path.to_owned(),
                source,
            });
            None
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{AnchorFlag, CharOffset, NewSpan, SpanId, Status};
    use proptest::prelude::*;

    /// A new project holding one article with `text`, and that article's id.
    pub(crate) fn project_with(text: &str) -> (tempfile::TempDir, Project, DocumentId) {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::init(dir.path()).unwrap();
        let mut batch = WriteBatch::new();
        let added = project
            .add_article(
                NewArticle {
                    text: text.to_owned(),
                    title: "Talks stall".into(),
                    date: Some("2018-06-14".into()),
                    original_file: "wire.txt".into(),
                    ..NewArticle::default()
                },
                &mut batch,
            )
            .unwrap();
        batch.finish().unwrap();
        let id = added.id().clone();
        (dir, project, id)
    }

    fn alice() -> AnnotatorName {
        AnnotatorName::new("alice").unwrap()
    }

    fn span(start: usize, end: usize, label: &str) -> NewSpan {
        NewSpan::new(CharOffset(start), CharOffset(end), label)
    }

    #[test]
    fn a_saved_file_reads_back_and_looks_like_the_design() {
        let (dir, mut project, id) = project_with("Iran’s minister “rejected” sanctions.");
        let document = project.load_document(&id).unwrap();
        let mut a = project
            .load_annotations(&document, &alice())
            .unwrap()
            .annotations;
        let actor = a
            .add_span(&document, project.schema(), span(0, 4, "actor"))
            .unwrap();
        let mut stance = span(17, 25, "stance");
        stance.attributes.insert("polarity".into(), "oppose".into());
        stance.note = "quoted \"exactly\"".into();
        let stance = a.add_span(&document, project.schema(), stance).unwrap();
        a.add_link(project.schema(), actor, stance).unwrap();
        project
            .save_annotations(&a, IfOnDisk::Unchanged(None))
            .unwrap();

        let reopened = Project::open(dir.path()).unwrap();
        assert_eq!(reopened.annotated_by(&alice()).collect::<Vec<_>>(), [&id]);
        let loaded = reopened.load_annotations(&document, &alice()).unwrap();
        assert_eq!(loaded.annotations, a);
        assert!(loaded.reanchored.is_empty());

        let text = fs::read_to_string(project.annotation_path(&alice(), &id)).unwrap();
        let expected = format!(
            r#"(
    format: 1,
    document: "talks-stall-2018-06-14",
    text_hash: "{}",
    annotator: "alice",
    status: InProgress,
    spans: [
        (id: 1, start: 0, end: 4, label: "actor", text: "Iran"),
        (id: 2, start: 17, end: 25, label: "stance", text: "rejected", attributes: {{"polarity": "oppose"}}, note: "quoted \"exactly\""),
    ],
    links: [
        (from: 1, to: 2, label: "holds"),
    ],
)
"#,
            document.hash()
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn a_summary_counts_spans_without_reading_them() {
        let (_dir, mut project, id) = project_with("Iran’s minister “rejected” sanctions.");
        assert!(project.annotation_summary(&alice(), &id).unwrap().is_none());
        let document = project.load_document(&id).unwrap();
        let mut a = project
            .load_annotations(&document, &alice())
            .unwrap()
            .annotations;
        for (s, e, l) in [(0, 4, "actor"), (7, 15, "stance"), (16, 26, "claim")] {
            a.add_span(&document, project.schema(), span(s, e, l))
                .unwrap();
        }
        a.spans[1].note = "a “quoted”, note (with brackets)".into();
        let (from, to) = (a.spans[0].id, a.spans[1].id);
        a.add_link(project.schema(), from, to).unwrap();
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();
        let summary = project.annotation_summary(&alice(), &id).unwrap().unwrap();
        assert_eq!(summary.spans.0, 3);
        assert_eq!(summary.status, Status::InProgress);
    }

    #[test]
    fn gold_saves_to_its_folder_and_reads_back() {
        let (_dir, mut project, id) = project_with("Iran’s minister spoke.");
        let document = project.load_document(&id).unwrap();
        let empty = project.load_gold(&document).unwrap();
        assert!(empty.stamp.is_none() && empty.annotations.spans.is_empty());
        let mut gold = empty.annotations;
        gold.add_span(&document, project.schema(), span(0, 4, "actor"))
            .unwrap();
        project.save_gold(&gold, IfOnDisk::Anything).unwrap();
        assert!(project.gold_path(&id).is_file());
        assert_eq!(project.gold().collect::<Vec<_>>(), [&id]);
        let back = project.load_gold(&document).unwrap().annotations;
        assert_eq!(back, gold);
        assert_eq!(back.annotator, AnnotatorName::gold());
    }

    #[test]
    fn same_text_twice_is_one_document_and_same_title_gets_a_suffix() {
        let (_dir, mut project, id) = project_with("First text.");
        let mut batch = WriteBatch::new();
        let again = NewArticle {
            text: "First text.".into(),
            title: "Other title".into(),
            ..NewArticle::default()
        };
        assert_eq!(
            project.add_article(again, &mut batch).unwrap(),
            Added::AlreadyThere(id.clone())
        );
        let namesake = NewArticle {
            text: "Second text.".into(),
            title: "Talks stall".into(),
            date: Some("2018-06-14".into()),
            ..NewArticle::default()
        };
        let Added::New(other) = project.add_article(namesake, &mut batch).unwrap() else {
            panic!("should be new");
        };
        assert!(
            other.as_str().starts_with("talks-stall-2018-06-14-"),
            "{other}"
        );
        let explicit = NewArticle {
            text: "Third.".into(),
            id: Some(DocumentId::new("TALKS-STALL-2018-06-14").unwrap()),
            ..NewArticle::default()
        };
        let err = project.add_article(explicit, &mut batch).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the id “TALKS-STALL-2018-06-14” is already used by a different article; give this one another id"
        );
        batch.finish().unwrap();
    }

    #[test]
    fn changed_article_reanchors_on_load_and_reading_never_writes() {
        let (_dir, mut project, id) = project_with("The minister spoke. Iran’s envoy left.");
        let document = project.load_document(&id).unwrap();
        let mut a = Annotations::new(&document, alice());
        a.add_span(&document, project.schema(), span(4, 12, "actor"))
            .unwrap();
        a.add_span(&document, project.schema(), span(20, 24, "actor"))
            .unwrap();
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();
        let path = project.annotation_path(&alice(), &id);
        let on_disk = fs::read(&path).unwrap();

        fs::write(
            project.text_path(&id),
            "UPDATED: The minister spoke. Tehran’s envoy left.",
        )
        .unwrap();
        let changed = project.load_document(&id).unwrap();
        let loaded = project.load_annotations(&changed, &alice()).unwrap();
        let spans = &loaded.annotations.spans;
        assert_eq!(
            (spans[0].start, spans[0].end),
            (CharOffset(13), CharOffset(21))
        );
        assert_eq!(
            spans[0].anchor,
            Some(AnchorFlag::Moved {
                from_start: CharOffset(4),
                from_end: CharOffset(12)
            })
        );
        assert_eq!(
            spans[1].anchor,
            Some(AnchorFlag::Unplaced { occurrences: 0 })
        );
        assert_eq!(loaded.reanchored.len(), 2);
        assert_eq!(fs::read(&path).unwrap(), on_disk, "loading wrote nothing");
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let (_dir, mut project, id) = project_with("The minister spoke.");
        let document = project.load_document(&id).unwrap();
        let loaded = project.load_annotations(&document, &alice()).unwrap();
        let mut mine = loaded.annotations.clone();
        mine.status = Status::Done;
        // Someone else saves first (another instance, a git pull).
        let mut theirs = loaded.annotations.clone();
        theirs
            .add_span(&document, project.schema(), span(4, 12, "actor"))
            .unwrap();
        project
            .save_annotations(&theirs, IfOnDisk::Unchanged(loaded.stamp))
            .unwrap();
        let err = project
            .save_annotations(&mine, IfOnDisk::Unchanged(loaded.stamp))
            .unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert!(err.to_string().ends_with("was changed by someone else since you opened it; reload it to see their version, or keep yours and overwrite it"));
        let on_disk = project
            .load_annotations(&document, &alice())
            .unwrap()
            .annotations;
        assert_eq!(on_disk, theirs);
        project.save_annotations(&mine, IfOnDisk::Anything).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_with_the_same_length_and_time_is_noticed() {
        let (_dir, mut project, id) = project_with("The minister spoke.");
        let document = project.load_document(&id).unwrap();
        let mut mine = project
            .load_annotations(&document, &alice())
            .unwrap()
            .annotations;
        let stamp = project.save_annotations(&mine, IfOnDisk::Anything).unwrap();
        // git replaces the file by a rename: same bytes count, and its time set back
        // to what it was, as a checkout within the same tick would leave it.
        let path = project.annotation_path(&alice(), &id);
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        let other = path.with_extension("other");
        fs::copy(&path, &other).unwrap();
        fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        fs::rename(&other, &path).unwrap();
        mine.status = Status::Done;
        let err = project
            .save_annotations(&mine, IfOnDisk::Unchanged(Some(stamp)))
            .unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    }

    #[test]
    fn newer_and_unversioned_files_are_refused_with_the_reason() {
        let (dir, project, id) = project_with("The minister spoke.");
        let path = project.annotation_path(&alice(), &id);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "(format: 2, document: \"x\", shiny_new_field: [])").unwrap();
        let err = project.read_annotations_file(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} was written by a newer claimspan (format 2; this version reads format 1 and older); update claimspan to open it",
                path.display()
            )
        );
        fs::write(&path, "(document: \"x\")").unwrap();
        let err = project.read_annotations_file(&path).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("has no `format` field; add `format: 1,` as its first field"),
            "{err}"
        );
        fs::write(dir.path().join(CONFIG_FILE), "(format: 2)").unwrap();
        assert!(matches!(
            Project::open(dir.path()),
            Err(StoreError::NewerFormat { found: 2, .. })
        ));
    }

    fn arb_text() -> impl Strategy<Value = String> {
        "([a-zA-Z ]|’|“|”|🇮🇶|😀|ا|ل|\n|é){1,80}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn annotations_round_trip_through_ron(
            text in arb_text(),
            spans in proptest::collection::vec((0usize..90, 1usize..20, 0usize..3, "\\PC{0,12}", proptest::option::of(0usize..3)), 0..25),
            status in 0usize..3,
        ) {
            let (_dir, mut project, id) = project_with(&text);
            let document = project.load_document(&id).unwrap();
            prop_assert_eq!(document.text(), text.as_str());
            let schema = project.schema().clone();
            let mut a = Annotations::new(&document, alice());
            let mut ids = Vec::new();
            for (start, len, label, note, polarity) in spans {
                let label = ["actor", "stance", "claim"][label];
                let mut new = span(start, start + len, label);
                new.note = note;
                if let (Some(p), "stance") = (polarity, label) {
                    new.attributes.insert("polarity".into(), ["support", "oppose", "neutral"][p].into());
                }
                if let Ok(id) = a.add_span(&document, &schema, new) {
                    ids.push(id);
                }
            }
            for pair in ids.windows(2) {
                let _ = a.add_link(&schema, pair[0], pair[1]);
            }
            a.status = Status::ALL[status];
            project.save_annotations(&a, IfOnDisk::Anything).unwrap();
            let loaded = project.load_annotations(&document, &alice()).unwrap();
            prop_assert_eq!(&loaded.annotations, &a);
            for s in &loaded.annotations.spans {
                prop_assert_eq!(document.slice(s.start, s.end), Some(s.text.as_str()));
            }
            prop_assert!(a.spans.iter().all(|s| s.id > SpanId(0)));
        }
    }
}
