//! Tests of `workspace.rs`.

use super::*;
use crate::formats::{ImportOptions, import_paths};
use crate::model::{CharOffset, NewSpan};
use std::time::Instant;

fn project_with_one_article() -> (tempfile::TempDir, DocumentId) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut project = Project::init(&root).unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Iran’s minister rejected the sanctions.\n").unwrap();
    import_paths(&mut project, &[file], &ImportOptions::default()).unwrap();
    let id = project.articles().next().unwrap().id.clone();
    (dir, id)
}

fn open(dir: &tempfile::TempDir) -> Workspace {
    let mut ws = Workspace::open(
        &dir.path().join("p"),
        AnnotatorName::new("ann").unwrap(),
        None,
    )
    .unwrap();
    ws.set_debounce(Duration::ZERO);
    ws
}

fn tag(ws: &mut Workspace, start: usize, end: usize, label: &str) {
    ws.edit(|open, schema| {
        Edit::tag(
            open.annotations(),
            open.document(),
            schema,
            NewSpan::new(CharOffset(start), CharOffset(end), label),
        )
    })
    .unwrap();
}

#[test]
fn edits_are_saved_in_the_background_and_undo_follows() {
    let (dir, id) = project_with_one_article();
    let mut ws = open(&dir);
    ws.select(&id).unwrap();
    tag(&mut ws, 0, 4, "actor");
    assert!(ws.has_unsaved());
    assert_eq!(ws.rows()[0].spans, 1);
    assert!(ws.flush(Duration::from_secs(10)).is_empty());
    assert!(!ws.has_unsaved());
    let path = ws.project().annotation_path(ws.annotator(), &id);
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(on_disk.contains("text: \"Iran\""), "{on_disk}");

    // Undoing the only edit leaves nothing worth a file: it goes, so the
    // document counts as not annotated again.
    assert!(ws.undo().unwrap());
    ws.flush(Duration::from_secs(10));
    assert!(!path.exists(), "an empty annotation file was left behind");
    assert!(ws.redo().unwrap());
    assert_eq!(ws.rows()[0].spans, 1);
    ws.flush(Duration::from_secs(10));
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(on_disk.contains("text: \"Iran\""), "{on_disk}");
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_until_the_user_chooses() {
    let (dir, id) = project_with_one_article();
    let mut ws = open(&dir);
    ws.select(&id).unwrap();
    tag(&mut ws, 0, 4, "actor");
    ws.flush(Duration::from_secs(10));
    let path = ws.project().annotation_path(ws.annotator(), &id);

    // Someone else's version lands (a git pull): one claim span, no actor.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("label: \"actor\"", "label: \"claim\"")
        .replace("text: \"Iran\"", "text: \"Iran\"  ");
    std::fs::write(&path, &theirs).unwrap();
    tag(&mut ws, 7, 15, "actor");
    let notices = ws.flush(Duration::from_secs(10));
    assert!(
        matches!(notices.as_slice(), [Notice::ChangedOnDisk { .. }]),
        "{notices:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "theirs untouched"
    );
    assert!(ws.current().unwrap().changed_on_disk());

    // Taking theirs drops our edits; keeping ours overwrites.
    ws.reload(&id).unwrap();
    assert_eq!(ws.current().unwrap().annotations().spans[0].label, "claim");
    tag(&mut ws, 7, 15, "actor");
    // A different length, so the change shows even within one mtime tick.
    std::fs::write(&path, format!("{theirs}\n")).unwrap();
    let notices = ws.flush(Duration::from_secs(10));
    assert_eq!(notices.len(), 1);
    ws.keep_mine(&id);
    assert!(ws.flush(Duration::from_secs(10)).is_empty());
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(on_disk.contains("minister"), "{on_disk}");
}

#[derive(Debug, Clone)]
enum Step {
    Tag(usize, usize, usize),
    Delete,
    Undo,
    Redo,
    Flush,
}

fn steps() -> impl proptest::strategy::Strategy<Value = Vec<Step>> {
    use proptest::prelude::*;
    prop::collection::vec(
        prop_oneof![
            4 => (0usize..38, 1usize..8, 0usize..3).prop_map(|(s, l, k)| Step::Tag(s, l, k)),
            1 => Just(Step::Delete),
            2 => Just(Step::Undo),
            1 => Just(Step::Redo),
            1 => Just(Step::Flush),
        ],
        1..30,
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Whatever the analyst does, the file on disk ends up as the annotations in
    /// the window: the writer's copy follows every edit, undo and redo.
    #[test]
    fn the_file_follows_every_edit_undo_and_redo(steps in steps()) {
        let (dir, id) = project_with_one_article();
        let mut ws = open(&dir);
        ws.select(&id).unwrap();
        for step in steps {
            match step {
                Step::Tag(start, len, k) => {
                    let label = ["actor", "stance", "claim"][k];
                    let _ = ws.edit(|open, schema| {
                        Edit::tag(
                            open.annotations(),
                            open.document(),
                            schema,
                            NewSpan::new(CharOffset(start), CharOffset(start + len), label),
                        )
                    });
                }
                Step::Delete => {
                    if let Some(first) = ws.current().unwrap().annotations().spans.first() {
                        let first = first.id;
                        ws.edit(|_, _| Ok::<_, EditError>(Edit::RemoveSpan(first)))
                            .unwrap();
                    }
                }
                Step::Undo => {
                    ws.undo().unwrap();
                }
                Step::Redo => {
                    ws.redo().unwrap();
                }
                Step::Flush => {
                    proptest::prop_assert!(ws.flush(Duration::from_secs(10)).is_empty());
                }
            }
            // Saves start whenever they are due, between steps as in the window.
            proptest::prop_assert!(ws.tick(Instant::now()).is_empty());
        }
        proptest::prop_assert!(ws.flush(Duration::from_secs(10)).is_empty());
        let path = ws.project().annotation_path(ws.annotator(), &id);
        if path.exists() {
            let on_disk = ws.project().read_annotations_file(&path).unwrap();
            proptest::prop_assert_eq!(&on_disk, ws.current().unwrap().annotations());
        } else {
            proptest::prop_assert!(!ws.has_unsaved());
        }
    }
}

#[test]
fn registry_changes_are_saved_and_made_on_a_colleagues_version() {
    let (dir, _) = project_with_one_article();
    let mut ws = open(&dir);
    let added = ws
        .change_registry(&RegistryChange::AddEntity {
            name: "Iran Foreign Ministry".into(),
            kind: crate::model::EntityKind::Organisation,
        })
        .unwrap();
    let Some(EntryId::Entity(id)) = added else {
        panic!("an entity id, not {added:?}");
    };
    assert!(ws.project().registry_path().is_file());
    // A colleague adds a category in their copy; it arrives through a sync.
    let mut theirs = ws.project().load_registry().unwrap().registry;
    theirs.add_category("Oil sanctions", None).unwrap();
    theirs.add_category("Gulf dialogue", None).unwrap();
    ws.project()
        .save_registry(&theirs, IfOnDisk::Anything)
        .unwrap();
    ws.change_registry(&RegistryChange::AddAlias {
        id: id.clone(),
        alias: "Tehran".into(),
    })
    .unwrap();
    let on_disk = ws.project().load_registry().unwrap().registry;
    assert_eq!(on_disk.categories.len(), 2, "theirs kept");
    assert_eq!(
        on_disk.entity(&id).unwrap().aliases,
        ["Tehran"],
        "ours made"
    );
    assert_eq!(ws.registry(), &on_disk);
    assert!(matches!(
        ws.change_registry(&RegistryChange::AddCategory {
            name: "oil sanctions".into()
        }),
        Err(RegistryUpdateError::Refused(_))
    ));
}

#[test]
fn history_survives_switching_documents() {
    let (dir, id) = project_with_one_article();
    let mut ws = open(&dir);
    let file = dir.path().join("b.txt");
    std::fs::write(&file, "A second story about oil.\n").unwrap();
    let mut project = Project::open(&dir.path().join("p")).unwrap();
    import_paths(&mut project, &[file], &ImportOptions::default()).unwrap();
    assert_eq!(
        ws.rows().len(),
        1,
        "the list is read when the project opens"
    );
    ws.reload_project().unwrap();
    assert_eq!(ws.rows().len(), 2);
    ws.select(&id).unwrap();
    tag(&mut ws, 0, 4, "actor");
    let other = ws.rows().iter().find(|r| r.id != id).unwrap().id.clone();
    ws.select(&other).unwrap();
    assert!(!ws.current().unwrap().can_undo());
    ws.select(&id).unwrap();
    assert!(ws.undo().unwrap());
    assert!(ws.current().unwrap().annotations().spans.is_empty());
}

/// Writes `annotations` as another window would, over whatever is there.
fn write_as_another_window(ws: &Workspace, annotations: &crate::model::Annotations) {
    let path = ws
        .project()
        .annotation_path(ws.annotator(), &annotations.document);
    crate::store::project::write_annotations(&path, annotations, IfOnDisk::Anything).unwrap();
}

#[test]
fn a_document_changed_on_disk_is_read_again_when_nothing_was_edited_here() {
    let (dir, id) = project_with_one_article();
    let mut other = open(&dir);
    other.select(&id).unwrap();
    tag(&mut other, 0, 4, "actor");
    other.flush(Duration::from_secs(10));

    let mut ws = open(&dir);
    ws.select(&id).unwrap();
    assert!(ws.tick(Instant::now()).is_empty(), "nothing changed yet");
    let mut theirs = ws.current().unwrap().annotations().clone();
    theirs.spans[0].note = "from the other window".into();
    write_as_another_window(&ws, &theirs);
    let notices = ws.tick(Instant::now());
    assert_eq!(notices, [Notice::ReloadedFromDisk { document: id }]);
    assert_eq!(
        ws.current().unwrap().annotations().spans[0].note,
        "from the other window"
    );
}

#[test]
fn edits_cross_with_another_windows_and_the_merge_keeps_both() {
    let (dir, id) = project_with_one_article();
    let mut ws = open(&dir);
    ws.select(&id).unwrap();
    let read = ws.current().unwrap().annotations().clone();
    tag(&mut ws, 0, 4, "actor");
    ws.flush(Duration::from_secs(10));
    // The other window read the file before our save and tagged the stance.
    let mut theirs = read;
    let document = ws.current().unwrap().document().clone();
    theirs
        .add_span(
            &document,
            ws.schema(),
            NewSpan::new(CharOffset(16), CharOffset(24), "stance"),
        )
        .unwrap();
    write_as_another_window(&ws, &theirs);
    let notices = ws.tick(Instant::now());
    assert!(
        matches!(&notices[..], [Notice::ChangedOnDisk { document, .. }] if *document == id),
        "{notices:?}"
    );
    // Nothing goes over their file while the user chooses.
    let path = ws.project().annotation_path(ws.annotator(), &id);
    let on_disk = std::fs::read_to_string(&path).unwrap();
    ws.flush(Duration::from_secs(10));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), on_disk);

    let out = ws.merge(&id).unwrap();
    assert!(out.not_applied.is_empty(), "{:?}", out.not_applied);
    assert!(ws.flush(Duration::from_secs(10)).is_empty());
    let saved = ws.project().read_annotations_file(&path).unwrap();
    let texts: Vec<&str> = saved.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Iran", "rejected"]);
    let ids: std::collections::BTreeSet<_> = saved.spans.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 2, "the two spans have ids of their own");
    // Our own save after the merge is not taken for another change on disk.
    assert!(ws.tick(Instant::now()).is_empty());
}

#[test]
fn a_colleague_relabelling_my_saved_span_is_read_again_not_doubled() {
    let (dir, id) = project_with_one_article();
    let mut ws = open(&dir);
    ws.select(&id).unwrap();
    tag(&mut ws, 0, 4, "actor");
    ws.flush(Duration::from_secs(10));
    let mut theirs = ws.current().unwrap().annotations().clone();
    theirs.spans[0].label = "claim".into();
    write_as_another_window(&ws, &theirs);
    assert_eq!(
        ws.tick(Instant::now()),
        [Notice::ReloadedFromDisk { document: id }]
    );
    let spans = &ws.current().unwrap().annotations().spans;
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].label, "claim");
}
