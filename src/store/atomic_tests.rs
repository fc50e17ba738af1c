//! Tests of `atomic.rs`.

use super::*;

#[test]
fn replaces_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("a.ron");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    fs::write(dir.path().join("sub").join(".a.ron.XYZ.tmp"), b"torn").unwrap();
    assert_eq!(remove_leftovers(&dir.path().join("sub")), 1);
    let mut batch = WriteBatch::new();
    batch.write(&path, b"three").unwrap();
    batch.write(&dir.path().join("b.txt"), b"b").unwrap();
    assert_eq!(batch.len(), 2);
    batch.finish().unwrap();
    let names: Vec<String> = fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.ron"]);
    assert_eq!(fs::read(&path).unwrap(), b"three");
    assert!(is_temp_file(Path::new(".a.ron.XYZ.tmp")));
}

#[cfg(target_os = "linux")]
#[test]
fn new_files_are_written_unnamed_first_and_other_cases_fall_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.txt");
    // Where unnamed files work (ext4, tmpfs, …) the file appears whole; where they
    // do not, the caller is told to write by rename.
    if write_new(&path, b"whole").unwrap() {
        assert_eq!(fs::read(&path).unwrap(), b"whole");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
    fs::write(&path, b"old").unwrap();
    assert!(
        !write_new(&path, b"new").unwrap(),
        "an existing file is replaced by rename"
    );
    assert_eq!(fs::read(&path).unwrap(), b"old");
    let missing = dir.path().join("no-folder").join("a.txt");
    assert!(!write_new(&missing, b"x").unwrap());
    // Through the batch, both end up written.
    let mut batch = WriteBatch::new();
    batch.write(&path, b"new").unwrap();
    batch.write(&missing, b"x").unwrap();
    batch.finish().unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert_eq!(fs::read(&missing).unwrap(), b"x");
}

#[test]
fn a_large_batch_writes_every_file_in_order_through_its_writers() {
    let dir = tempfile::tempdir().unwrap();
    let mut batch = WriteBatch::in_background();
    let n = WRITTEN_IN_PLACE + 2_000;
    for i in 0..n {
        let path = dir.path().join(format!("f{}", i % 100));
        batch.write(&path, i.to_string().as_bytes()).unwrap();
    }
    assert!(batch.writer.is_some());
    assert_eq!(batch.len(), n);
    batch.finish().unwrap();
    // Each name was written several times; the last write wins, as it would
    // written in place.
    for k in 0..100 {
        let last = (0..n).rev().find(|i| i % 100 == k).unwrap();
        let got = fs::read_to_string(dir.path().join(format!("f{k}"))).unwrap();
        assert_eq!(got, last.to_string());
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 100);
}

#[test]
fn a_file_written_in_order_comes_after_everything_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut batch = WriteBatch::in_background();
    for i in 0..WRITTEN_IN_PLACE + 500 {
        batch
            .write(&dir.path().join(format!("f{i}")), b"x")
            .unwrap();
    }
    assert!(batch.writer.is_some());
    batch
        .write_in_order(&dir.path().join("schema"), b"s")
        .unwrap();
    // Everything given before is on disk now, without waiting for the end.
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        WRITTEN_IN_PLACE + 501
    );
    batch.finish().unwrap();
}

#[test]
fn a_file_the_writer_could_not_write_fails_the_batch_by_name() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a folder should be: nothing can be created under it.
    fs::write(dir.path().join("blocked"), b"").unwrap();
    let mut batch = WriteBatch::in_background();
    for i in 0..WRITTEN_IN_PLACE {
        batch
            .write(&dir.path().join(format!("ok{i}")), b"x")
            .unwrap();
    }
    let bad = dir.path().join("blocked").join("a.ron");
    // Queued, so the failure shows at the end (or at a later write).
    let queued = batch.write(&bad, b"x");
    let result = queued.and_then(|()| batch.finish());
    let err = result.unwrap_err().to_string();
    assert!(err.contains("a.ron"), "{err}");
}

#[test]
fn an_undoable_batch_takes_back_what_it_created_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("claimspan.ron");
    fs::write(&schema, b"old schema").unwrap();
    fs::write(dir.path().join("blocked"), b"").unwrap();
    let mut batch = WriteBatch::undoable();
    batch.write_in_order(&schema, b"new schema").unwrap();
    // Enough files that the writer threads take over, in a folder the batch makes.
    for i in 0..WRITTEN_IN_PLACE * 3 {
        let path = dir
            .path()
            .join("annotations")
            .join("ann")
            .join(format!("d{i}.ron"));
        batch.write(&path, b"x").unwrap();
    }
    let bad = dir.path().join("blocked").join("a.ron");
    let failed = batch.write(&bad, b"x").and_then(|()| {
        // A queued failure shows at a later write or at the end.
        batch.write_in_order(&dir.path().join("last.ron"), b"x")
    });
    assert!(failed.is_err());
    assert!(
        batch
            .failure()
            .is_some_and(|(_, why)| why.contains("a.ron"))
    );
    let undone = batch.undo();
    assert_eq!(undone.restored, 1);
    assert!(undone.removed >= WRITTEN_IN_PLACE * 3, "{undone:?}");
    assert!(undone.left.is_empty(), "{undone:?}");
    assert_eq!(fs::read(&schema).unwrap(), b"old schema");
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["blocked", "claimspan.ron"]);
}

#[test]
fn a_batch_that_fails_at_the_end_is_undone_by_finish_or_undo() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("blocked"), b"").unwrap();
    let mut batch = WriteBatch::undoable();
    for i in 0..WRITTEN_IN_PLACE * 2 {
        batch
            .write(&dir.path().join(format!("ok{i}")), b"x")
            .unwrap();
    }
    let queued = batch.write(&dir.path().join("blocked").join("a.ron"), b"x");
    let err = match queued {
        Ok(()) => batch.finish_or_undo("import").unwrap_err(),
        // The writer had failed already: the same undo, from the failure.
        Err(_) => batch.undo_if_failed("import").unwrap_err(),
    };
    let said = err.to_string();
    assert!(said.contains("a.ron"), "{said}");
    assert!(
        said.contains(&format!("({} new files removed)", WRITTEN_IN_PLACE * 2)),
        "{said}"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}
