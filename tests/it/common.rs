//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Runs the real `claimspan` binary.
pub fn claimspan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimspan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Stdout and stderr as text.
pub fn out(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file under `dir` with its bytes, to show that nothing changed.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            // The lock file says who last wrote; it is no project data (git ignores it).
            if path.file_name().is_some_and(|n| n == ".claimspan.lock") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A path as the `&str` an argument list wants.
pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A new project at `p` in `dir`, with each of `imports` imported in turn: the words
/// after `claimspan import P` (a file or folder, then options such as
/// `--annotator`). Returns the project's root.
pub fn init_and_import(dir: &Path, imports: &[&[&str]]) -> PathBuf {
    let root = dir.join("p");
    assert!(claimspan(&["init", s(&root)]).status.success());
    for import in imports {
        let args = [&["import", s(&root)][..], import].concat();
        let output = claimspan(&args);
        assert!(output.status.success(), "{:?}", out(&output));
    }
    root
}

/// [`init_and_import`] in a new temporary folder: the folder and the project's root.
pub fn project_with(imports: &[&[&str]]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = init_and_import(dir.path(), imports);
    (dir, root)
}

/// A new project in a temporary folder with the article fixtures imported.
pub fn fixture_project() -> tempfile::TempDir {
    project_with(&[&[s(&fixtures().join("articles"))]]).0
}

/// A project with the JSONL fixture imported as alice's annotations, with `options`
/// for the import.
pub fn annotated_project_with(options: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let jsonl = fixtures().join("jsonl").join("articles.jsonl");
    let import = [&[s(&jsonl), "--annotator", "alice"][..], options].concat();
    project_with(&[&import])
}

/// [`annotated_project_with`] with no more options.
pub fn annotated_project() -> (tempfile::TempDir, PathBuf) {
    annotated_project_with(&[])
}

/// A project with the annotations of `who` (of alice, bob and carol, who have known
/// disagreements; carol skipped the election story) of `fixtures/review` imported.
pub fn review_project(who: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let files: Vec<PathBuf> = who
        .iter()
        .map(|w| fixtures().join("review").join(format!("{w}.jsonl")))
        .collect();
    let imports: Vec<[&str; 3]> = files
        .iter()
        .zip(who)
        .map(|(file, w)| [s(file), "--annotator", w])
        .collect();
    let imports: Vec<&[&str]> = imports.iter().map(|i| &i[..]).collect();
    project_with(&imports)
}

/// Copies the folder `from` to `to`, files and subfolders.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
