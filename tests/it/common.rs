//! Helpers shared by the integration tests.
#![allow(dead_code)]

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

/// A new project in a temporary folder with the article fixtures imported.
pub fn fixture_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    let project = project.to_str().unwrap();
    assert!(claimspan(&["init", project]).status.success());
    let articles = fixtures().join("articles");
    let output = claimspan(&["import", project, articles.to_str().unwrap()]);
    assert!(output.status.success(), "{:?}", out(&output));
    dir
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
