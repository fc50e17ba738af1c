//! A project file that nests too deep — 50,000 `[` or `(`, as one bad file pushed
//! through git may hold — is refused with its file, line and column, by the library
//! and by the command line, instead of overflowing the stack of every command that
//! reads the project (it aborted with exit 134).

use crate::common::{claimspan, fixture_project, out, snapshot};
use claimspan::model::{Annotations, AnnotatorName, Registry};
use claimspan::store::{IfOnDisk, Project};
use std::fs;
use std::path::{Path, PathBuf};

const LEVELS: usize = 50_000;
const TOO_DEEP: &str = "(nested deeper than 64 levels)";

/// The kinds of project file, each read its own way.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Config,
    Article,
    Annotation,
    Gold,
    Registry,
}

const KINDS: [Kind; 5] = [
    Kind::Config,
    Kind::Article,
    Kind::Annotation,
    Kind::Gold,
    Kind::Registry,
];

/// A project with a file of every kind, its root, and the id of the annotated article.
fn project_with_every_kind() -> (tempfile::TempDir, PathBuf, claimspan::model::DocumentId) {
    let dir = fixture_project();
    let root = dir.path().join("p");
    let mut project = Project::open(&root).unwrap();
    let id = project.articles().next().unwrap().id.clone();
    let document = project.load_document(&id).unwrap();
    let alice = AnnotatorName::new("alice").unwrap();
    project
        .save_annotations(&Annotations::new(&document, alice), IfOnDisk::Anything)
        .unwrap();
    project
        .save_gold(
            &Annotations::new(&document, AnnotatorName::gold()),
            IfOnDisk::Anything,
        )
        .unwrap();
    project
        .save_registry(&Registry::default(), IfOnDisk::Anything)
        .unwrap();
    (dir, root, id)
}

fn path_of(project: &Project, kind: Kind, id: &claimspan::model::DocumentId) -> PathBuf {
    match kind {
        Kind::Config => project.root().join("claimspan.ron"),
        Kind::Article => project.meta_path(id),
        Kind::Annotation => project.annotation_path(&AnnotatorName::new("alice").unwrap(), id),
        Kind::Gold => project.gold_path(id),
        Kind::Registry => project.registry_path(),
    }
}

/// The ways a file may nest too deep, with the place the refusal names: the whole
/// file one bracket repeated, or a good file with a deep value as its first field.
fn poisons(good: &str, bracket: &str) -> Vec<(String, &'static str)> {
    let rest = good.strip_prefix('(').unwrap();
    vec![
        (bracket.repeat(LEVELS), ":1:65:"),
        // `(` is level 1 and `    deep: ` ten characters, so the 64th bracket is
        // level 65 at column 74.
        (
            format!("(\n    deep: {}{rest}", bracket.repeat(LEVELS)),
            ":2:74:",
        ),
    ]
}

/// What reading `kind` through the library says, with the project reopened.
fn read_error(root: &Path, kind: Kind, id: &claimspan::model::DocumentId) -> String {
    let project = match Project::open(root) {
        Ok(project) => project,
        Err(err) => {
            assert!(matches!(kind, Kind::Config), "{kind:?}: {err}");
            return err.to_string();
        }
    };
    let alice = AnnotatorName::new("alice").unwrap();
    match kind {
        Kind::Config => panic!("claimspan.ron was read"),
        Kind::Article => {
            assert!(project.article(id).is_none());
            let [err] = project.unreadable() else {
                panic!("{:?}", project.unreadable());
            };
            err.to_string()
        }
        Kind::Annotation => {
            let document = project.load_document(id).unwrap();
            let summary = project.annotation_summary(&alice, id).unwrap_err();
            let err = project.load_annotations(&document, &alice).unwrap_err();
            assert_eq!(summary.to_string(), err.to_string());
            err.to_string()
        }
        Kind::Gold => {
            let document = project.load_document(id).unwrap();
            let review = project.load_gold_review(&document).unwrap_err();
            let err = project.load_gold(&document).unwrap_err();
            assert_eq!(review.to_string(), err.to_string());
            err.to_string()
        }
        Kind::Registry => project.load_registry().unwrap_err().to_string(),
    }
}

#[test]
fn a_too_deep_file_of_any_kind_is_refused_with_its_place() {
    let (_dir, root, id) = project_with_every_kind();
    let project = Project::open(&root).unwrap();
    for kind in KINDS {
        let path = path_of(&project, kind, &id);
        let good = fs::read_to_string(&path).unwrap();
        for bracket in ["[", "("] {
            for (bad, place) in poisons(&good, bracket) {
                fs::write(&path, &bad).unwrap();
                let before = snapshot(&root);
                let err = read_error(&root, kind, &id);
                let named = format!("{}{place}", path.display());
                assert!(err.starts_with(&named), "{kind:?} {bracket}: {err}");
                assert!(err.contains(TOO_DEEP), "{kind:?} {bracket}: {err}");
                assert_eq!(snapshot(&root), before, "{kind:?}: reading changed files");
            }
        }
        fs::write(&path, good).unwrap();
    }
    // Put back, every file reads again.
    for kind in KINDS {
        if !matches!(kind, Kind::Config) {
            assert!(read_error_free(&root, kind, &id), "{kind:?}");
        }
    }
}

fn read_error_free(root: &Path, kind: Kind, id: &claimspan::model::DocumentId) -> bool {
    let project = Project::open(root).unwrap();
    let document = project.load_document(id).unwrap();
    project.unreadable().is_empty()
        && match kind {
            Kind::Annotation => project
                .load_annotations(&document, &AnnotatorName::new("alice").unwrap())
                .is_ok(),
            Kind::Gold => project.load_gold_review(&document).is_ok(),
            Kind::Registry => project.load_registry().is_ok(),
            Kind::Config | Kind::Article => true,
        }
}

#[cfg(unix)]
#[test]
fn stats_and_validate_exit_1_with_a_sentence_not_an_abort() {
    use std::os::unix::process::ExitStatusExt;
    let (_dir, root, id) = project_with_every_kind();
    let project = Project::open(&root).unwrap();
    let p = root.to_str().unwrap();
    for kind in [Kind::Annotation, Kind::Config] {
        let path = path_of(&project, kind, &id);
        let good = fs::read_to_string(&path).unwrap();
        fs::write(&path, "[".repeat(LEVELS)).unwrap();
        let before = snapshot(&root);
        for command in ["stats", "validate"] {
            let output = claimspan(&[command, p]);
            let (stdout, stderr) = out(&output);
            let said = format!("{stdout}{stderr}");
            // The stack overflow aborted the process (exit 134 in a shell).
            assert_eq!(output.status.signal(), None, "{command} {kind:?}: {said}");
            // `stats` reports an unreadable annotation file and carries on; its exit
            // code for that follows the rule for unreadable files (issue 13, point
            // 18), which is the command line's.
            if !(command == "stats" && matches!(kind, Kind::Annotation)) {
                assert_eq!(output.status.code(), Some(1), "{command} {kind:?}: {said}");
            }
            let named = format!("{}:1:65:", path.display());
            assert!(
                said.contains(&named) && said.contains(TOO_DEEP),
                "{command} {kind:?}: {said}"
            );
        }
        assert_eq!(snapshot(&root), before, "{kind:?}: a command changed files");
        fs::write(&path, good).unwrap();
    }
}
