//! Adding to a project at import: articles (planned first, so a whole file can be
//! checked before anything is written), imported annotations and gold, a schema with
//! added labels. Every file goes into the caller's [`WriteBatch`].

use super::*;

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
        metadata_fits(new)?;
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
}

/// The deepest a metadata value may nest: the article file's struct and its `extra`
/// map take two of the levels a project file may have ([`crate::store::ron_file::MAX_DEPTH`]).
pub const MAX_METADATA_DEPTH: usize = crate::store::ron_file::MAX_DEPTH - 2;

/// Refuses metadata the article file could not be read back with.
fn metadata_fits(new: &NewArticle) -> Result<(), StoreError> {
    fn depth(value: &crate::model::document::MetaValue) -> usize {
        use serde_json::Value;
        match value {
            Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }
    for (field, value) in &new.extra {
        let depth = depth(value);
        if depth > MAX_METADATA_DEPTH {
            return Err(StoreError::MetadataTooDeep {
                field: field.clone(),
                depth,
                most: MAX_METADATA_DEPTH,
            });
        }
    }
    Ok(())
}
