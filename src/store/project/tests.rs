//! Tests of the project folder: reading, saving, stamps, re-anchoring on load.

use super::*;
use crate::model::{AnchorFlag, CharOffset, NewSpan, SpanId, Status};
use proptest::prelude::*;

/// A new project holding one article with `text`, and that article's id.
pub(crate) fn project_with(text: &str) -> (tempfile::TempDir, Project, DocumentId) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let mut batch = WriteBatch::new();
    let added = project
        .add_article(
            NewArticle {
                text: text.to_owned(),
                title: "Talks stall".into(),
                date: Some("2018-06-14".into()),
                original_file: "wire.txt".into(),
                ..NewArticle::default()
            },
            &mut batch,
        )
        .unwrap();
    batch.finish().unwrap();
    let id = added.id().clone();
    (dir, project, id)
}

fn alice() -> AnnotatorName {
    AnnotatorName::new("alice").unwrap()
}

fn span(start: usize, end: usize, label: &str) -> NewSpan {
    NewSpan::new(CharOffset(start), CharOffset(end), label)
}

#[test]
fn a_saved_file_reads_back_and_looks_like_the_design() {
    let (dir, mut project, id) = project_with("Iran’s minister “rejected” sanctions.");
    let document = project.load_document(&id).unwrap();
    let mut a = project
        .load_annotations(&document, &alice())
        .unwrap()
        .annotations;
    let actor = a
        .add_span(&document, project.schema(), span(0, 4, "actor"))
        .unwrap();
    let mut stance = span(17, 25, "stance");
    stance.attributes.insert("polarity".into(), "oppose".into());
    stance.note = "quoted \"exactly\"".into();
    let stance = a.add_span(&document, project.schema(), stance).unwrap();
    a.add_link(project.schema(), actor, stance).unwrap();
    project
        .save_annotations(&a, IfOnDisk::Unchanged(None))
        .unwrap();

    let reopened = Project::open(dir.path()).unwrap();
    assert_eq!(reopened.annotated_by(&alice()).collect::<Vec<_>>(), [&id]);
    let loaded = reopened.load_annotations(&document, &alice()).unwrap();
    assert_eq!(loaded.annotations, a);
    assert!(loaded.reanchored.is_empty());

    let text = fs::read_to_string(project.annotation_path(&alice(), &id)).unwrap();
    let expected = format!(
        r#"(
    format: 1,
    document: "talks-stall-2018-06-14",
    text_hash: "{}",
    annotator: "alice",
    status: InProgress,
    spans: [
        (id: 1, start: 0, end: 4, label: "actor", text: "Iran"),
        (id: 2, start: 17, end: 25, label: "stance", text: "rejected", attributes: {{"polarity": "oppose"}}, note: "quoted \"exactly\""),
    ],
    links: [
        (from: 1, to: 2, label: "holds"),
    ],
)
"#,
        document.hash()
    );
    assert_eq!(text, expected);
}

#[test]
fn suggestions_turned_down_are_kept_one_a_line_and_read_back() {
    let (dir, mut project, id) = project_with("Iran’s minister “rejected” sanctions.");
    let document = project.load_document(&id).unwrap();
    let mut a = Annotations::new(&document, alice());
    for (start, end, label) in [(17, 25, "stance"), (0, 6, "actor")] {
        let text = document
            .slice(CharOffset(start), CharOffset(end))
            .unwrap()
            .to_owned();
        let rejection = crate::model::Rejection {
            start: CharOffset(start),
            end: CharOffset(end),
            label: label.into(),
            text,
        };
        crate::model::Edit::Reject(rejection).apply(&mut a).unwrap();
    }
    assert!(a.has_work() && !a.is_coded());
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    let text = fs::read_to_string(project.annotation_path(&alice(), &id)).unwrap();
    assert!(
        text.contains(
            "    rejected: [\n        (start: 0, end: 6, label: \"actor\", text: \"Iran’s\"),\n"
        ),
        "{text}"
    );
    let reopened = Project::open(dir.path()).unwrap();
    let loaded = reopened.load_annotations(&document, &alice()).unwrap();
    assert_eq!(loaded.annotations, a);
    // A file without any says nothing of them, as files before suggestions did.
    a.rejected.clear();
    a.status = Status::InProgress;
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    let text = fs::read_to_string(project.annotation_path(&alice(), &id)).unwrap();
    assert!(!text.contains("rejected"), "{text}");
}

#[test]
fn a_summary_counts_spans_without_reading_them() {
    let (_dir, mut project, id) = project_with("Iran’s minister “rejected” sanctions.");
    assert!(project.annotation_summary(&alice(), &id).unwrap().is_none());
    let document = project.load_document(&id).unwrap();
    let mut a = project
        .load_annotations(&document, &alice())
        .unwrap()
        .annotations;
    for (s, e, l) in [(0, 4, "actor"), (7, 15, "stance"), (16, 26, "claim")] {
        a.add_span(&document, project.schema(), span(s, e, l))
            .unwrap();
    }
    a.spans[1].note = "a “quoted”, note (with brackets)".into();
    let (from, to) = (a.spans[0].id, a.spans[1].id);
    a.add_link(project.schema(), from, to).unwrap();
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    let summary = project.annotation_summary(&alice(), &id).unwrap().unwrap();
    assert_eq!(summary.spans.0, 3);
    assert_eq!(summary.status, Status::InProgress);
}

#[test]
fn gold_saves_to_its_folder_and_reads_back() {
    let (_dir, mut project, id) = project_with("Iran’s minister spoke.");
    let document = project.load_document(&id).unwrap();
    let empty = project.load_gold(&document).unwrap();
    assert!(empty.stamp.is_none() && empty.annotations.spans.is_empty());
    let mut gold = empty.annotations;
    gold.add_span(&document, project.schema(), span(0, 4, "actor"))
        .unwrap();
    project.save_gold(&gold, IfOnDisk::Anything).unwrap();
    assert!(project.gold_path(&id).is_file());
    assert_eq!(project.gold().collect::<Vec<_>>(), [&id]);
    let back = project.load_gold(&document).unwrap().annotations;
    assert_eq!(back, gold);
    assert_eq!(back.annotator, AnnotatorName::gold());
}

#[test]
fn same_text_twice_is_one_document_and_same_title_gets_a_suffix() {
    let (_dir, mut project, id) = project_with("First text.");
    let mut batch = WriteBatch::new();
    let again = NewArticle {
        text: "First text.".into(),
        title: "Other title".into(),
        ..NewArticle::default()
    };
    assert_eq!(
        project.add_article(again, &mut batch).unwrap(),
        Added::AlreadyThere(id.clone())
    );
    let namesake = NewArticle {
        text: "Second text.".into(),
        title: "Talks stall".into(),
        date: Some("2018-06-14".into()),
        ..NewArticle::default()
    };
    let Added::New(other) = project.add_article(namesake, &mut batch).unwrap() else {
        panic!("should be new");
    };
    assert!(
        other.as_str().starts_with("talks-stall-2018-06-14-"),
        "{other}"
    );
    let explicit = NewArticle {
        text: "Third.".into(),
        id: Some(DocumentId::new("TALKS-STALL-2018-06-14").unwrap()),
        ..NewArticle::default()
    };
    let err = project.add_article(explicit, &mut batch).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the id “TALKS-STALL-2018-06-14” is already used by a different article; give this one another id"
    );
    batch.finish().unwrap();
}

#[test]
fn changed_article_reanchors_on_load_and_reading_never_writes() {
    let (_dir, mut project, id) = project_with("The minister spoke. Iran’s envoy left.");
    let document = project.load_document(&id).unwrap();
    let mut a = Annotations::new(&document, alice());
    a.add_span(&document, project.schema(), span(4, 12, "actor"))
        .unwrap();
    a.add_span(&document, project.schema(), span(20, 24, "actor"))
        .unwrap();
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    let path = project.annotation_path(&alice(), &id);
    let on_disk = fs::read(&path).unwrap();

    fs::write(
        project.text_path(&id),
        "UPDATED: The minister spoke. Tehran’s envoy left.",
    )
    .unwrap();
    let changed = project.load_document(&id).unwrap();
    let loaded = project.load_annotations(&changed, &alice()).unwrap();
    let spans = &loaded.annotations.spans;
    assert_eq!(
        (spans[0].start, spans[0].end),
        (CharOffset(13), CharOffset(21))
    );
    assert_eq!(
        spans[0].anchor,
        Some(AnchorFlag::Moved {
            from_start: CharOffset(4),
            from_end: CharOffset(12)
        })
    );
    assert_eq!(
        spans[1].anchor,
        Some(AnchorFlag::Unplaced { occurrences: 0 })
    );
    assert_eq!(loaded.reanchored.len(), 2);
    assert_eq!(fs::read(&path).unwrap(), on_disk, "loading wrote nothing");
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let (_dir, mut project, id) = project_with("The minister spoke.");
    let document = project.load_document(&id).unwrap();
    let loaded = project.load_annotations(&document, &alice()).unwrap();
    let mut mine = loaded.annotations.clone();
    mine.status = Status::Done;
    // Someone else saves first (another instance, a git pull).
    let mut theirs = loaded.annotations.clone();
    theirs
        .add_span(&document, project.schema(), span(4, 12, "actor"))
        .unwrap();
    project
        .save_annotations(&theirs, IfOnDisk::Unchanged(loaded.stamp))
        .unwrap();
    let err = project
        .save_annotations(&mine, IfOnDisk::Unchanged(loaded.stamp))
        .unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().ends_with("was changed by someone else since you opened it; reload it to see their version, or keep yours and overwrite it"));
    let on_disk = project
        .load_annotations(&document, &alice())
        .unwrap()
        .annotations;
    assert_eq!(on_disk, theirs);
    project.save_annotations(&mine, IfOnDisk::Anything).unwrap();
}

#[cfg(unix)]
#[test]
fn a_file_replaced_with_the_same_length_and_time_is_noticed() {
    let (_dir, mut project, id) = project_with("The minister spoke.");
    let document = project.load_document(&id).unwrap();
    let mut mine = project
        .load_annotations(&document, &alice())
        .unwrap()
        .annotations;
    let stamp = project.save_annotations(&mine, IfOnDisk::Anything).unwrap();
    // git replaces the file by a rename: same bytes count, and its time set back
    // to what it was, as a checkout within the same tick would leave it.
    let path = project.annotation_path(&alice(), &id);
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let other = path.with_extension("other");
    fs::copy(&path, &other).unwrap();
    fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    fs::rename(&other, &path).unwrap();
    mine.status = Status::Done;
    let err = project
        .save_annotations(&mine, IfOnDisk::Unchanged(Some(stamp)))
        .unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
}

#[test]
fn newer_and_unversioned_files_are_refused_with_the_reason() {
    let (dir, project, id) = project_with("The minister spoke.");
    let path = project.annotation_path(&alice(), &id);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "(format: 2, document: \"x\", shiny_new_field: [])").unwrap();
    let err = project.read_annotations_file(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} was written by a newer claimspan (format 2; this version reads format 1 and older); update claimspan to open it",
            path.display()
        )
    );
    fs::write(&path, "(document: \"x\")").unwrap();
    let err = project.read_annotations_file(&path).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("has no `format` field; add `format: 1,` as its first field"),
        "{err}"
    );
    fs::write(dir.path().join(CONFIG_FILE), "(format: 2)").unwrap();
    assert!(matches!(
        Project::open(dir.path()),
        Err(StoreError::NewerFormat { found: 2, .. })
    ));
}

fn arb_text() -> impl Strategy<Value = String> {
    "([a-zA-Z ]|’|“|”|🇮🇶|😀|ا|ل|\n|é){1,80}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn annotations_round_trip_through_ron(
        text in arb_text(),
        spans in proptest::collection::vec((0usize..90, 1usize..20, 0usize..3, "\\PC{0,12}", proptest::option::of(0usize..3)), 0..25),
        status in 0usize..3,
        rejections in proptest::collection::vec((0usize..90, 1usize..20, 0usize..3), 0..6),
    ) {
        let (_dir, mut project, id) = project_with(&text);
        let document = project.load_document(&id).unwrap();
        prop_assert_eq!(document.text(), text.as_str());
        let schema = project.schema().clone();
        let mut a = Annotations::new(&document, alice());
        let mut ids = Vec::new();
        for (start, len, label, note, polarity) in spans {
            let label = ["actor", "stance", "claim"][label];
            let mut new = span(start, start + len, label);
            new.note = note;
            if let (Some(p), "stance") = (polarity, label) {
                new.attributes.insert("polarity".into(), ["support", "oppose", "neutral"][p].into());
            }
            if let Ok(id) = a.add_span(&document, &schema, new) {
                ids.push(id);
            }
        }
        for pair in ids.windows(2) {
            let _ = a.add_link(&schema, pair[0], pair[1]);
        }
        a.status = Status::ALL[status];
        for (start, len, label) in rejections {
            let (start, end) = (CharOffset(start), CharOffset(start + len));
            if let Some(text) = document.slice(start, end) {
                let label = ["actor", "stance", "claim"][label].to_owned();
                a.reject(crate::model::Rejection { start, end, label, text: text.to_owned() });
            }
        }
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();
        let loaded = project.load_annotations(&document, &alice()).unwrap();
        prop_assert_eq!(&loaded.annotations, &a);
        for s in &loaded.annotations.spans {
            prop_assert_eq!(document.slice(s.start, s.end), Some(s.text.as_str()));
        }
        prop_assert!(a.spans.iter().all(|s| s.id > SpanId(0)));
    }
}
