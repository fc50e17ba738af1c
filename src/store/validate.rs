//! `claimspan validate`: every file of a project checked, one line per problem.

use super::atomic::is_temp_file;
use super::project::{ANNOTATIONS, ARTICLES, GOLD, Project};
use crate::model::{AnnotatorName, Document, DocumentId, Registry};
use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// One problem found in a project, as a line that names the file, the place and the
/// fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned.
    pub file: PathBuf,
    /// The whole line: file, place, what is wrong and what to do.
    pub line: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line)
    }
}

impl Problem {
    fn at(file: &Path, message: impl fmt::Display) -> Self {
        Self {
            file: file.to_owned(),
            line: format!("{}: {message}", file.display()),
        }
    }

    fn from_error(file: &Path, err: impl fmt::Display) -> Self {
        Self {
            file: file.to_owned(),
            line: err.to_string(),
        }
    }
}

/// Checks the project in `root`: settings, every article (metadata, text, hash) and
/// every annotation and gold file (syntax, version, offsets, stored text, labels,
/// attributes, links, text hash, entities and categories that are not in
/// `entities.ron`), and `entities.ron` itself. Reads only; writes nothing.
pub fn validate(root: &Path) -> Vec<Problem> {
    let project = match Project::open(root) {
        Ok(p) => p,
        Err(err) => return vec![Problem::from_error(root, err)],
    };
    let mut problems: Vec<Problem> = project
        .unreadable()
        .iter()
        .map(|err| Problem::from_error(root, err))
        .collect();
    problems.extend(guidelines_problem(&project, root));
    // Assignments are checked against the registry only when it reads; a broken
    // registry is one problem, not one per assigned span.
    let registry = match project.load_registry() {
        Ok(loaded) => Some(loaded.registry),
        Err(err) => {
            problems.push(Problem::from_error(&project.registry_path(), err));
            None
        }
    };
    problems.extend(stray_files(&root.join(ARTICLES), &["txt", "ron"]));
    let documents = load_articles(&project, &mut problems);
    problems.extend(texts_without_metadata(&root.join(ARTICLES)));
    let known = (&documents, registry.as_ref());
    let annotators: Vec<AnnotatorName> = project.annotators().cloned().collect();
    for annotator in &annotators {
        problems.extend(stray_files(
            &root.join(ANNOTATIONS).join(annotator.as_str()),
            &["ron"],
        ));
        for id in project.annotated_by(annotator) {
            let path = project.annotation_path(annotator, id);
            check_annotation_file(&project, &path, id, Some(annotator), known, &mut problems);
        }
    }
    problems.extend(loose_annotation_files(&root.join(ANNOTATIONS)));
    problems.extend(stray_files(&root.join(GOLD), &["ron"]));
    let gold = AnnotatorName::gold();
    for id in project.gold() {
        let path = project.gold_path(id);
        check_annotation_file(&project, &path, id, Some(&gold), known, &mut problems);
        problems.extend(check_review_fields(&path));
    }
    problems
}

/// A guidelines file the settings name that is not there, or a path that may not be.
fn guidelines_problem(project: &Project, root: &Path) -> Option<Problem> {
    match project.guidelines_path() {
        Ok(Some(path)) if !path.is_file() => Some(Problem::at(
            &root.join(super::project::CONFIG_FILE),
            format!(
                "the guidelines file “{}” does not exist; add it or remove the `guidelines` line",
                project.config().guidelines.as_deref().unwrap_or_default()
            ),
        )),
        Ok(_) => None,
        Err(err) => Some(Problem::from_error(root, err)),
    }
}

/// Every article's document (`None` for one that cannot be read), a text that does
/// not read or changed since import put in `problems`.
fn load_articles(
    project: &Project,
    problems: &mut Vec<Problem>,
) -> HashMap<DocumentId, Option<Document>> {
    let mut documents = HashMap::new();
    for meta in project.articles() {
        let id = &meta.id;
        let text_path = project.text_path(id);
        let document = match project.load_document(id) {
            Ok(d) => d,
            Err(err) => {
                problems.push(Problem::from_error(&text_path, err));
                documents.insert(id.clone(), None);
                continue;
            }
        };
        if document.hash() != &meta.text_hash {
            problems.push(Problem::at(
                &text_path,
                format!(
                    "the text changed since import (its hash no longer matches {}); annotations are re-anchored when opened — restore the text from git if the change was a mistake",
                    project.meta_path(id).display()
                ),
            ));
        }
        documents.insert(id.clone(), Some(document));
    }
    documents
}

/// Texts in `articles/` without their metadata file.
fn texts_without_metadata(folder: &Path) -> Vec<Problem> {
    fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|x| x == "txt")
                && !path.with_extension("ron").exists()
                && !is_temp_file(path)
        })
        .map(|path| {
            Problem::at(
                &path,
                "article text without its metadata file; import the article again or delete this file",
            )
        })
        .collect()
}

/// Files directly in `annotations/`, where only annotators' folders belong.
fn loose_annotation_files(folder: &Path) -> Vec<Problem> {
    let mut problems: Vec<Problem> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| !super::project::is_hidden(p) || is_temp_file(p))
        .map(|path| {
            Problem::at(
                &path,
                "only annotators' folders belong in annotations/ (annotations/NAME/DOC.ron); move this file into one or out of the project",
            )
        })
        .collect();
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    problems
}

/// A gold file's review fields: every settled disagreement names candidates it has.
fn check_review_fields(path: &Path) -> Vec<Problem> {
    let Ok(gold) = super::gold::read_gold_file(path) else {
        // The file's syntax problem is reported already.
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (i, disagreement) in gold.review.disagreements.iter().enumerate() {
        let Some(super::gold::Resolution::Accepted(chosen)) = &disagreement.settled else {
            continue;
        };
        for &k in chosen
            .iter()
            .filter(|&&k| k >= disagreement.candidates.len())
        {
            problems.push(Problem::at(
                path,
                format!(
                    "disagreement {} ({}..{}) is settled with candidate {k}, but it has {} candidates (0 to {}); settle it again in review mode",
                    i + 1,
                    disagreement.start,
                    disagreement.end,
                    disagreement.candidates.len(),
                    disagreement.candidates.len().saturating_sub(1)
                ),
            ));
        }
    }
    problems
}

fn check_annotation_file(
    project: &Project,
    path: &Path,
    id: &DocumentId,
    annotator: Option<&AnnotatorName>,
    (documents, registry): (&HashMap<DocumentId, Option<Document>>, Option<&Registry>),
    problems: &mut Vec<Problem>,
) {
    let annotations = match project.read_annotations_file(path) {
        Ok(a) => a,
        Err(err) => return problems.push(Problem::from_error(path, err)),
    };
    if &annotations.document != id {
        problems.push(Problem::at(
            path,
            format!(
                "it says it annotates “{}” but its file name says “{id}”; rename the file or fix the `document` field",
                annotations.document
            ),
        ));
    }
    if let Some(annotator) = annotator
        && &annotations.annotator != annotator
    {
        problems.push(Problem::at(
            path,
            if annotator == &AnnotatorName::gold() {
                format!(
                    "it is in gold/ but says its annotator is “{}”; gold files say `annotator: \"gold\"` (fix the field, or move the file to annotations/{}/)",
                    annotations.annotator, annotations.annotator
                )
            } else {
                format!(
                    "it says its annotator is “{}” but it is in {annotator}'s folder; move the file or fix the `annotator` field",
                    annotations.annotator
                )
            },
        ));
    }
    let document = match documents.get(id) {
        None => {
            return problems.push(Problem::at(
                path,
                format!("there is no article “{id}” in the project; import it or delete this file"),
            ));
        }
        // The article's own problem is reported already.
        Some(None) => return,
        Some(Some(d)) => d,
    };
    if &annotations.text_hash != document.hash() {
        problems.push(Problem::at(
            path,
            "it was made on a different version of the article text; open it in claimspan to re-anchor its spans",
        ));
        return;
    }
    for problem in annotations.check(document, project.schema()) {
        problems.push(Problem::at(path, problem));
    }
    for problem in registry
        .map(|r| r.check_assignments(&annotations))
        .unwrap_or_default()
    {
        problems.push(Problem::at(path, problem));
    }
}

/// Files in `folder` that claimspan did not write: anything with another extension,
/// and temporary files left by an interrupted save.
fn stray_files(folder: &Path, extensions: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for entry in fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if !kind.is_file() && !kind.is_dir() {
            // Links, pipes and devices are reported when the project is opened.
            continue;
        }
        if is_temp_file(&path) {
            problems.push(Problem::at(
                &path,
                "left over from an interrupted save; the real file is intact and this one is safe to delete",
            ));
        } else if name.starts_with('.') {
            continue;
        } else if kind.is_dir() {
            problems.push(Problem::at(
                &path,
                "unexpected folder; move it out of the project",
            ));
        } else if !path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| extensions.contains(&x))
        {
            problems.push(Problem::at(
                &path,
                "not a claimspan file; move it out of the project folder",
            ));
        }
    }
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    problems
}
