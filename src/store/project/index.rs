//! The index a project keeps of its folder, made when it is opened: every article's
//! metadata, who annotated which document, which documents have gold; and the
//! listing of a folder that it is made from.

use super::*;

impl Project {
    /// Reads every article's metadata (in parallel), recording the ones that do not
    /// read or are misplaced.
    pub(super) fn index_articles(&mut self) {
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
        let files = crate::store::parallel::par_map(&paths, |path| read_ron::<ArticleFile>(path));
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

    /// Lists each annotator's folder and the gold folder; what is not a proper
    /// annotator folder or file name is recorded as unreadable.
    pub(super) fn index_annotations(&mut self) {
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
