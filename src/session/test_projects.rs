//! Projects the session's tests open: made in a temporary folder from invented
//! articles and the review fixtures.

use super::Workspace;
use crate::formats::{ImportOptions, import_paths};
use crate::model::{AnnotatorName, DocumentId};
use crate::store::Project;
use std::path::Path;

/// An annotator's name.
pub fn name(n: &str) -> AnnotatorName {
    AnnotatorName::new(n).unwrap()
}

/// A project with the three annotators of `fixtures/review`, opened by a lead.
pub fn review_project() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut project = Project::init(&root).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/review");
    for who in ["alice", "bob", "carol"] {
        let options = ImportOptions {
            annotator: Some(name(who)),
            ..ImportOptions::default()
        };
        import_paths(
            &mut project,
            &[fixtures.join(format!("{who}.jsonl"))],
            &options,
        )
        .unwrap();
    }
    let ws = Workspace::open(&root, name("lead"), None).unwrap();
    (dir, ws)
}

/// A project of one article per text, in the order given.
pub fn project_with(texts: &[&str]) -> (tempfile::TempDir, Vec<DocumentId>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut project = Project::init(&root).unwrap();
    let mut files = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let file = dir.path().join(format!("{i}.txt"));
        std::fs::write(&file, text).unwrap();
        files.push(file);
    }
    import_paths(&mut project, &files, &ImportOptions::default()).unwrap();
    // Found by their text, whatever ids and order import gave them.
    let all: Vec<DocumentId> = project.articles().map(|a| a.id.clone()).collect();
    let ids = texts
        .iter()
        .map(|text| {
            all.iter()
                .find(|id| project.load_document(id).unwrap().text() == text.trim_end())
                .or_else(|| {
                    all.iter()
                        .find(|id| project.load_document(id).unwrap().text() == *text)
                })
                .unwrap()
                .clone()
        })
        .collect();
    (dir, ids)
}
