//! A brat project laid out for an agreement study: one folder per annotator, each
//! holding the same texts with that person's `.ann` files
//! (`study/alice/d1.ann`, `study/bob/d1.ann`). Imported as one folder, each
//! subfolder's spans are its annotator's, not all of them the first one's.

use super::peer::own_name;
use crate::model::AnnotatorName;
use std::fs;
use std::path::{Path, PathBuf};

/// The annotator folders of `root` with the annotator each stands for, when `root`
/// is laid out that way: no `.ann` of its own, and two or more subfolders with
/// `.ann` files whose names make annotator names. `None` for any other folder.
pub fn annotator_folders(root: &Path) -> Option<Vec<(PathBuf, AnnotatorName)>> {
    if has_ann(root) {
        return None;
    }
    let mut folders: Vec<(PathBuf, AnnotatorName)> = fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| has_ann(&e.path()))
        .filter_map(|e| Some((e.path(), own_name(&e.file_name().to_string_lossy())?)))
        .collect();
    folders.sort();
    (folders.len() >= 2).then_some(folders)
}

/// True when `folder` itself holds a `.ann` file.
fn has_ann(folder: &Path) -> bool {
    fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "ann"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_folder_per_annotator_is_known_and_other_layouts_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let study = dir.path().join("study");
        for who in ["alice", "bob"] {
            fs::create_dir_all(study.join(who)).unwrap();
            fs::write(study.join(who).join("d1.txt"), "Iran said no.").unwrap();
            fs::write(study.join(who).join("d1.ann"), "T1\tactor 0 4\tIran\n").unwrap();
        }
        fs::create_dir_all(study.join("notes")).unwrap();
        let found = annotator_folders(&study).unwrap();
        let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            ["alice", "bob"],
            "a folder without .ann is no annotator"
        );
        // A folder of pairs is a plain brat folder, and one annotator folder is too.
        assert_eq!(annotator_folders(&study.join("alice")), None);
        fs::remove_dir_all(study.join("bob")).unwrap();
        assert_eq!(annotator_folders(&study), None);
    }
}
