//! The window driven like a user would: the real `App` in a headless egui context
//! (egui_kittest), with mouse drags, key presses and clicks, checking what lands in the
//! RON files on disk.

use super::fixture::{app, harness};
use crate::common::{self, copy_dir, fixture_project};
use claimspan::app::{App, Prefs, Startup};
use claimspan::model::{Annotations, AnnotatorName, CharOffset, DocumentId, EntityKind, SpanId};
use claimspan::session::find_all;
use claimspan::store::Project;
use claimspan::ui::command::ReviewCommand;
use claimspan::ui::dialogs::Dialog;
use claimspan::ui::path_dialog::PathPurpose;
use egui::{Key, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ME: &str = "tester";

fn prefs() -> Prefs {
    Prefs {
        annotator: Some(ME.into()),
        ..Prefs::default()
    }
}

/// The app in a harness, opened on `project` (or on the welcome screen without one).
fn window(project: Option<&Path>, data_dir: &Path) -> Harness<'static, Option<App>> {
    window_with(project, data_dir, prefs())
}

/// The app in a harness, started with these preferences.
fn window_with(
    project: Option<&Path>,
    data_dir: &Path,
    prefs: Prefs,
) -> Harness<'static, Option<App>> {
    let startup = Startup {
        path: project.map(Path::to_owned),
        prefs: Some(prefs),
        data_dir: Some(data_dir.to_owned()),
        debounce: Some(Duration::ZERO),
    };
    harness(1280.0, 800.0, startup)
}

fn project_dir(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("p")
}

fn document_titled(project: &Path, start: &str) -> DocumentId {
    let project = Project::open(project).unwrap();
    project
        .articles()
        .find(|m| m.title.starts_with(start))
        .unwrap()
        .id
        .clone()
}

fn open_document(harness: &mut Harness<'static, Option<App>>, id: &DocumentId) {
    app(harness).run(claimspan::ui::Command::OpenDocument(id.clone()));
    harness.run_steps(3);
}

/// Runs frames until the window stops asking for more (layout measured, scrolling
/// done), as a person waits for the screen to be still before aiming the mouse.
/// The fixture project open in a window on its Iran story: the folder (kept alive),
/// the project root, the window and the story's id.
fn on_iran_story() -> (
    tempfile::TempDir,
    PathBuf,
    Harness<'static, Option<App>>,
    DocumentId,
) {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut harness = window(Some(&root), dir.path());
    let iran = document_titled(&root, "Iran warns Europe");
    open_document(&mut harness, &iran);
    (dir, root, harness, iran)
}

fn settle(harness: &mut Harness<'static, Option<App>>) {
    let _ = harness.try_run();
}

/// Where `phrase` first occurs in the open document, in chars.
fn find(harness: &mut Harness<'static, Option<App>>, phrase: &str) -> (usize, usize) {
    let ws = app(harness).workspace().unwrap();
    let text = ws.current().unwrap().document().text();
    let hit = find_all(text, phrase, false)[0];
    // Scroll there, as a reader would.
    app(harness).text_view().scroll_to_char(hit.start);
    settle(harness);
    (hit.start.0, hit.end.0)
}

fn char_center(harness: &mut Harness<'static, Option<App>>, at: usize) -> Pos2 {
    app(harness)
        .text_view()
        .char_center(CharOffset(at))
        .unwrap_or_else(|| panic!("char {at} is not on screen"))
}

/// Presses the mouse on char `from`, moves to char `to` and lets go.
fn drag(harness: &mut Harness<'static, Option<App>>, from: usize, to: usize) {
    let a = char_center(harness, from);
    let b = char_center(harness, to);
    harness.hover_at(a);
    harness.step();
    harness.drag_at(a);
    harness.step();
    let mid = a + (b - a) / 2.0;
    harness.hover_at(mid);
    harness.step();
    harness.hover_at(b);
    harness.step();
    harness.drop_at(b);
    harness.run_steps(2);
}

fn press(harness: &mut Harness<'static, Option<App>>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

fn press_with(harness: &mut Harness<'static, Option<App>>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(2);
}

/// Lets autosave write, then reads the annotator's file of `id` as it is on disk.
fn on_disk(
    harness: &mut Harness<'static, Option<App>>,
    project: &Path,
    id: &DocumentId,
) -> Annotations {
    app(harness).flush();
    harness.run_steps(1);
    let project = Project::open(project).unwrap();
    let path = project.annotation_path(&AnnotatorName::new(ME).unwrap(), id);
    project.read_annotations_file(&path).unwrap()
}

#[test]
fn dragging_over_iran_in_irans_and_pressing_1_saves_an_actor_span() {
    let (_dir, root, mut harness, iran) = on_iran_story();

    // “Iran’s foreign ministry”: press on the “r”, let go on the “’”.
    let (start, _) = find(&mut harness, "Iran’s foreign ministry warned");
    drag(&mut harness, start + 1, start + 4);
    press(&mut harness, Key::Num1);

    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1, "{:?}", saved.spans);
    let span = &saved.spans[0];
    assert_eq!(span.label, "actor");
    assert_eq!((span.start.0, span.end.0), (start, start + 4));
    assert_eq!(span.text, "Iran");

    // An overlapping claim over it, dragged across the whole phrase and tagged with C.
    let (_, end) = find(
        &mut harness,
        "Iran’s foreign ministry warned European governments",
    );
    drag(&mut harness, start, end - 1);
    press(&mut harness, Key::C);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 2);
    let claim = saved.spans.iter().find(|s| s.label == "claim").unwrap();
    assert_eq!(
        claim.text,
        "Iran’s foreign ministry warned European governments"
    );
    assert_eq!(claim.start.0, start);

    // Undo takes the claim away, and the file follows.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].label, "actor");

    // Redo brings it back.
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(on_disk(&mut harness, &root, &iran).spans.len(), 2);
}

#[test]
fn undo_history_survives_switching_documents() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    let (start, end) = find(&mut harness, "Hardliners");
    drag(&mut harness, start + 2, end - 2);
    press(&mut harness, Key::A);
    assert_eq!(
        on_disk(&mut harness, &root, &iran).spans[0].text,
        "Hardliners"
    );

    // To the next document and back with the keyboard.
    press_with(&mut harness, Modifiers::COMMAND, Key::ArrowDown);
    let here = app(&mut harness).workspace().unwrap().current_id().cloned();
    assert_ne!(here.as_ref(), Some(&iran));
    press_with(&mut harness, Modifiers::COMMAND, Key::ArrowUp);
    assert_eq!(
        app(&mut harness).workspace().unwrap().current_id(),
        Some(&iran)
    );

    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    app(&mut harness).flush();
    let project = Project::open(&root).unwrap();
    let path = project.annotation_path(&AnnotatorName::new(ME).unwrap(), &iran);
    assert!(!path.exists(), "undone to nothing: no file is left behind");
}

#[test]
fn an_edit_undone_leaves_no_file_and_agreement_as_it_was() {
    let (dir, root) = review_project();
    let mut harness = window(Some(&root), dir.path());
    let harbour = DocumentId::new("harbour-strike-talks").unwrap();
    open_document(&mut harness, &harbour);
    let (start, end) = find(&mut harness, "Aqaba");
    drag(&mut harness, start + 1, end - 1);
    press(&mut harness, Key::Num1);
    assert_eq!(on_disk(&mut harness, &root, &harbour).spans.len(), 1);
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    app(&mut harness).flush();
    let project = Project::open(&root).unwrap();
    let me = AnnotatorName::new(ME).unwrap();
    assert!(!project.annotation_path(&me, &harbour).exists());
    assert_eq!(project.annotated_by(&me).count(), 0);

    // The Agreement window compares the three who annotated, not the one who only
    // tried a key.
    app(&mut harness).run(claimspan::ui::Command::Review(ReviewCommand::ShowAgreement));
    app(&mut harness).wait_for_task(Duration::from_secs(20));
    harness.run_steps(3);
    harness.get_by_label_contains("alice, bob, carol: 2 documents shared by all");
}

#[test]
fn search_finds_a_hit_and_a_label_key_tags_it() {
    let (_dir, root, mut harness, iran) = on_iran_story();

    press_with(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(egui::Event::Text("foreign minister".into()));
    harness.run_steps(2);
    press(&mut harness, Key::Enter);
    // Enter left the search field: the hit is the selection, and 3 tags it.
    press(&mut harness, Key::Num3);

    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1, "{:?}", app(&mut harness).messages());
    assert_eq!(saved.spans[0].label, "claim");
    assert_eq!(saved.spans[0].text.to_lowercase(), "foreign minister");
}

#[test]
fn enter_and_shift_enter_step_through_every_hit_and_wrap() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    let text = app(&mut harness)
        .workspace()
        .unwrap()
        .current()
        .unwrap()
        .document()
        .text()
        .to_owned();
    let n = find_all(&text, "the", true).len();
    assert!(n >= 3, "{n} hits");

    press_with(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(egui::Event::Text("the".into()));
    harness.run_steps(2);
    harness.get_by_label("Whole words").click();
    harness.run_steps(2);
    // The first Enter comes from the search field, the others after it left it.
    press_with(&mut harness, Modifiers::COMMAND, Key::F);
    for k in (1..=n).chain([1]) {
        press(&mut harness, Key::Enter);
        harness.get_by_label(&format!("{k} of {n}"));
    }
    press_with(&mut harness, Modifiers::SHIFT, Key::Enter);
    harness.get_by_label(&format!("{n} of {n}"));
    // A label key still tags the hit stepped to.
    press(&mut harness, Key::Num1);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].text.to_lowercase(), "the");
}

#[test]
fn selecting_a_span_then_polarity_note_and_delete() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    let (start, end) = find(&mut harness, "warned");
    // A double-click selects the word; S tags it as a stance and selects the new span.
    let at = char_center(&mut harness, start + 2);
    clicks_at(&mut harness, at, 2);
    assert_eq!(
        app(&mut harness).selection().text(),
        Some((CharOffset(start), CharOffset(end))),
        "a double-click selects the word"
    );
    press(&mut harness, Key::S);
    press(&mut harness, Key::Minus);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!((saved.spans[0].start.0, saved.spans[0].end.0), (start, end));
    assert_eq!(
        saved.spans[0]
            .attributes
            .get("polarity")
            .map(String::as_str),
        Some("oppose")
    );

    // Escape, then Tab walks to the span again; N writes a note.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Tab);
    press(&mut harness, Key::N);
    assert!(matches!(
        app(&mut harness).dialog(),
        Some(Dialog::Note { .. })
    ));
    harness.event(egui::Event::Text("hedged in the original".into()));
    harness.run_steps(2);
    harness.get_by_label("Save note").click();
    harness.run_steps(3);
    assert_eq!(
        on_disk(&mut harness, &root, &iran).spans[0].note,
        "hedged in the original"
    );

    // Delete removes it; a click on the text selects nothing.
    press(&mut harness, Key::Tab);
    press(&mut harness, Key::Delete);
    assert!(on_disk(&mut harness, &root, &iran).spans.is_empty());
}

/// Someone else's version of our file lands on disk (a sync, another window): every
/// actor became a claim, and the file is one byte longer so the change shows even
/// within one tick of the file system's clock. Returns the file and its new text.
/// A colleague's version of the file arrives: our actor is a claim there, under an
/// id of their own tool's numbering, so it holds nothing of our edit and the window
/// must ask (a relabel of our span under our id would simply be read again).
fn colleague_relabels(root: &Path, id: &DocumentId) -> (PathBuf, String) {
    let project = Project::open(root).unwrap();
    let path = project.annotation_path(&AnnotatorName::new(ME).unwrap(), id);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("label: \"actor\"", "label: \"claim\"")
        .replace("(id: 1,", "(id: 7,")
        + "\n";
    assert!(theirs.contains("(id: 7,"), "{theirs}");
    std::fs::write(&path, &theirs).unwrap();
    (path, theirs)
}

/// Runs the window as time passes, up to five seconds, until `done`: the file on disk
/// is looked at once a second by the window's watch, as for a user.
fn until(harness: &mut Harness<'static, Option<App>>, done: impl Fn(&App) -> bool) {
    for _ in 0..100 {
        if harness.state().as_ref().is_some_and(&done) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    harness.run_steps(2);
}

/// Waits until the window asks what to do about a file changed on disk.
fn until_changed_on_disk_is_asked(harness: &mut Harness<'static, Option<App>>) {
    until(harness, |app| {
        matches!(app.dialog(), Some(Dialog::ChangedOnDisk { .. }))
    });
}

/// The Iran story open with our actor “Hardliners” saved, then a colleague's version
/// (the actor made a claim) written over it, and the window's next frames.
fn changed_under_our_edit() -> (
    tempfile::TempDir,
    PathBuf,
    Harness<'static, Option<App>>,
    DocumentId,
    PathBuf,
    String,
) {
    let (dir, root, mut harness, iran) = on_iran_story();
    tag_phrase(&mut harness, "Hardliners", Key::Num1);
    assert_eq!(on_disk(&mut harness, &root, &iran).spans.len(), 1);
    let (path, theirs) = colleague_relabels(&root, &iran);
    until_changed_on_disk_is_asked(&mut harness);
    (dir, root, harness, iran, path, theirs)
}

#[test]
fn a_file_changed_on_disk_is_noticed_at_once_and_the_user_chooses() {
    let (_dir, root, mut harness, iran, path, theirs) = changed_under_our_edit();
    // Said at once, before any edit of ours could go over theirs.
    assert!(matches!(
        app(&mut harness).dialog(),
        Some(Dialog::ChangedOnDisk { .. })
    ));
    harness.get_by_label("Changed on disk");
    harness.get_by_label("Merge");
    harness.get_by_label("Reload theirs");
    // While the choice waits, nothing is saved over their file.
    app(&mut harness).flush();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);

    // Keeping ours overwrites theirs with our version.
    harness.get_by_label("Keep mine").click();
    harness.run_steps(3);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].label, "actor");
}

#[test]
fn reloading_theirs_drops_our_edits() {
    let (_dir, _root, mut harness, _iran, path, theirs) = changed_under_our_edit();
    harness.get_by_label("Reload theirs").click();
    harness.run_steps(3);
    let ws = app(&mut harness).workspace().unwrap();
    let spans = &ws.current().unwrap().annotations().spans;
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].label, "claim");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn merging_keeps_theirs_and_lists_what_no_longer_applies() {
    // Yesterday's session left the actor “Hardliners” on disk.
    let dir = fixture_project();
    let root = project_dir(&dir);
    let iran = document_titled(&root, "Iran warns Europe");
    {
        let mut yesterday = window(Some(&root), dir.path());
        open_document(&mut yesterday, &iran);
        tag_phrase(&mut yesterday, "Hardliners", Key::Num1);
        app(&mut yesterday).flush();
    }
    let mut harness = window(Some(&root), dir.path());
    open_document(&mut harness, &iran);
    // Today: a note on it, and a new stance.
    harness.run_steps(2);
    let actor = app(&mut harness)
        .shown_annotations()
        .map(|a| a.spans[0].id)
        .unwrap();
    app(&mut harness).select_span(actor);
    app(&mut harness).run(claimspan::ui::Command::EditNote);
    harness.run_steps(2);
    harness.event(egui::Event::Text("check the wire".into()));
    harness.run_steps(2);
    harness.get_by_label("Save note").click();
    harness.run_steps(2);
    tag_phrase(&mut harness, "rejected any", Key::S);
    assert_eq!(on_disk(&mut harness, &root, &iran).spans.len(), 2);

    // Meanwhile a colleague's version arrives: the actor deleted, a claim tagged.
    let project = Project::open(&root).unwrap();
    let document = project.load_document(&iran).unwrap();
    let me = AnnotatorName::new(ME).unwrap();
    let mut theirs = project
        .load_annotations(&document, &me)
        .unwrap()
        .annotations;
    theirs.spans.clear();
    theirs.links.clear();
    let claim = find_all(document.text(), "any further talks with Europe", true)[0];
    theirs
        .add_span(
            &document,
            project.schema(),
            claimspan::model::NewSpan::new(claim.start, claim.end, "claim"),
        )
        .unwrap();
    let mut project = project;
    project
        .save_annotations(&theirs, claimspan::store::project::IfOnDisk::Anything)
        .unwrap();
    until_changed_on_disk_is_asked(&mut harness);
    harness.get_by_label("Merge").click();
    harness.run_steps(3);

    // Their claim stays; my stance is made again on it; my note has no span to go on,
    // and the window lists it.
    let merged = on_disk(&mut harness, &root, &iran);
    let mut texts: Vec<(&str, &str)> = merged
        .spans
        .iter()
        .map(|s| (s.text.as_str(), s.label.as_str()))
        .collect();
    texts.sort();
    assert!(
        texts.contains(&("any further talks with Europe", "claim")),
        "{texts:?}"
    );
    assert!(texts.contains(&("rejected any", "stance")), "{texts:?}");
    let Some(Dialog::Report { title, text }) = app(&mut harness).dialog() else {
        panic!("no report: {:?}", app(&mut harness).dialog());
    };
    assert!(title.contains("no longer apply"), "{title}");
    assert!(
        text.contains("The note of “Hardliners” (actor): the span is no longer in their version."),
        "{text}"
    );
}

#[test]
fn two_windows_on_one_document_merge_and_both_spans_stay_on_disk() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let iran = document_titled(&root, "Iran warns Europe");
    let mut one = window(Some(&root), dir.path());
    open_document(&mut one, &iran);
    // Window 2 saves only after a long pause, so its edit is still in memory when
    // window 1's lands: the two edits cross.
    let mut two = harness(
        1280.0,
        800.0,
        Startup {
            path: Some(root.clone()),
            prefs: Some(prefs()),
            data_dir: Some(dir.path().to_owned()),
            debounce: Some(Duration::from_secs(3600)),
        },
    );
    open_document(&mut two, &iran);
    tag_phrase(&mut two, "Kamrani", Key::Num1);
    tag_phrase(&mut one, "Hardliners", Key::Num1);
    assert_eq!(on_disk(&mut one, &root, &iran).spans.len(), 1);

    // Window 2 sees the change at once and merges.
    until_changed_on_disk_is_asked(&mut two);
    assert!(matches!(
        app(&mut two).dialog(),
        Some(Dialog::ChangedOnDisk { .. })
    ));
    two.get_by_label("Merge").click();
    two.run_steps(3);
    app(&mut two).flush();
    let saved = on_disk(&mut one, &root, &iran);
    let texts: Vec<&str> = saved.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"Hardliners") && texts.contains(&"Kamrani"));

    // Window 1 shows what is on disk now, without a question: its own span is in it.
    until(&mut one, |app| {
        app.messages()
            .iter()
            .any(|m| m.text.contains("changed on disk"))
    });
    assert!(app(&mut one).dialog().is_none());
    let shown = app(&mut one)
        .workspace()
        .and_then(|ws| ws.current())
        .map(|o| o.annotations().spans.len());
    assert_eq!(shown, Some(2));
    assert!(
        app(&mut one)
            .messages()
            .iter()
            .any(|m| m.text.contains("changed on disk")),
        "{:?}",
        app(&mut one).messages()
    );
}

#[test]
fn welcome_screen_opens_the_sample_project_with_others_work_to_review() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = window(None, data.path());
    harness.get_by_label("Open project…");
    harness.get_by_label("New project…");
    harness.get_by_label("Import articles…");
    harness.get_by_label("Open sample project").click();
    harness.run_steps(3);
    let ws = app(&mut harness).workspace().expect("the sample opened");
    // Three wire stories, two single articles and the all-Arabic one.
    assert_eq!(ws.rows().len(), 6);
    // The user's own set is empty: the ready-made statements are amal's and jonas's.
    assert_eq!(ws.rows().iter().map(|r| r.spans).sum::<usize>(), 0);
    let sample = data.path().join("sample-project");
    assert!(sample.join("claimspan.ron").is_file());
    assert!(!sample.join("annotations/tester").exists());
    for name in ["amal", "jonas"] {
        let files = std::fs::read_dir(sample.join("annotations").join(name))
            .unwrap()
            .count();
        assert_eq!(files, 5, "{name} coded the five articles with statements");
    }
    let messages = app(&mut harness).messages();
    assert!(
        messages
            .iter()
            .any(|m| m.text.contains("amal and jonas") && m.text.contains("review")),
        "{messages:?}"
    );
    // F1 shows the keyboard help.
    press(&mut harness, Key::F1);
    harness.get_by_label("Keyboard");
    press(&mut harness, Key::Escape);
    // Review mode offers the two of them at once, both chosen; Enter starts it.
    app(&mut harness).run(claimspan::ui::Command::Review(ReviewCommand::Toggle));
    harness.run_steps(3);
    let Some(Dialog::StartReview { choices, .. }) = app(&mut harness).dialog() else {
        panic!("no review dialog: {:?}", app(&mut harness).dialog());
    };
    let names: Vec<(&str, bool)> = choices.iter().map(|(n, on)| (n.as_str(), *on)).collect();
    assert_eq!(names, [("amal", true), ("jonas", true)]);
    press(&mut harness, Key::Enter);
    harness.run_steps(3);
    harness.get_by_label("Mark reviewed");
}

#[test]
fn an_article_file_given_on_start_becomes_a_new_project_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("wire.txt");
    std::fs::copy(
        common::fixtures().join("articles/gulf-wire-2018-06.txt"),
        &article,
    )
    .unwrap();
    let mut harness = window(Some(&article), dir.path());
    app(&mut harness).wait_for_task(Duration::from_secs(10));
    harness.run_steps(2);
    let ws = app(&mut harness).workspace().expect("a project opened");
    assert_eq!(ws.project().root(), dir.path().join("wire-claimspan"));
    assert_eq!(ws.rows().len(), 3);
    assert!(ws.current().is_some(), "the first article is open");
}

#[test]
fn a_missing_path_is_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Some(&dir.path().join("nowhere")), dir.path());
    let messages = app(&mut harness).messages();
    assert!(
        messages
            .iter()
            .any(|m| m.error && m.text.contains("does not exist")),
        "{messages:?}"
    );
    harness.get_by_label("Open sample project");
}

/// A point just right of the boundary before char `at`, on its row: where a press
/// lands between two chars rather than on a glyph's middle.
fn boundary(harness: &mut Harness<'static, Option<App>>, at: usize) -> Pos2 {
    let before = char_center(harness, at - 1);
    let here = char_center(harness, at);
    pos2((before.x + here.x) / 2.0 + 1.0, here.y)
}

#[test]
fn alt_drag_takes_exact_characters() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    let (start, _) = find(&mut harness, "Iran’s foreign ministry warned");
    let (a, b) = (
        boundary(&mut harness, start + 1),
        boundary(&mut harness, start + 4),
    );

    harness.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    harness.hover_at(a);
    harness.step();
    harness.drag_at(a);
    harness.step();
    harness.hover_at(b);
    harness.step();
    harness.drop_at(b);
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
    assert_eq!(
        app(&mut harness).selection().text(),
        Some((CharOffset(start + 1), CharOffset(start + 4))),
        "with Alt the selection is not grown to the word"
    );
    press(&mut harness, Key::Num1);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].text, "ran");
}

#[test]
fn a_drag_runs_across_paragraphs() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    let (month, _) = find(&mut harness, "second month.\n");
    let month = month + "second ".len();
    let (europe, _) = find(&mut harness, "“Europe has had");
    let europe = europe + 1;
    drag(&mut harness, month + 1, europe + 3);
    press(&mut harness, Key::Num3);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.spans.len(), 1, "{:?}", app(&mut harness).messages());
    let claim = &saved.spans[0];
    assert_eq!(
        (claim.start.0, claim.end.0),
        (month, europe + "Europe".len())
    );
    assert!(claim.text.starts_with("month.") && claim.text.ends_with("Europe"));
    assert!(claim.text.contains('\n'), "{:?}", claim.text);
}

#[test]
fn the_name_is_asked_once_and_enter_confirms_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = window_with(None, data.path(), Prefs::default());
    harness.get_by_label("Open sample project").click();
    harness.run_steps(3);
    harness.get_by_label("Who is annotating?");
    // A name with a slash is refused with the reason; the dialog stays.
    harness.event(egui::Event::Text("da/na".into()));
    harness.run_steps(2);
    press(&mut harness, Key::Enter);
    assert!(matches!(
        app(&mut harness).dialog(),
        Some(Dialog::AskName { error: Some(_), .. })
    ));
    for _ in 0..5 {
        harness.key_press(Key::Backspace);
        harness.step();
    }
    harness.event(egui::Event::Text("dana".into()));
    harness.run_steps(2);
    press(&mut harness, Key::Enter);
    harness.run_steps(3);
    assert!(app(&mut harness).dialog().is_none());
    assert_eq!(app(&mut harness).prefs().annotator.as_deref(), Some("dana"));
    let ws = app(&mut harness).workspace().expect("the sample opened");
    assert_eq!(ws.annotator().as_str(), "dana");
    assert!(
        ws.current()
            .is_some_and(|o| o.annotations().spans.is_empty()),
        "the user's own set starts empty"
    );
}

#[test]
fn a_project_named_at_start_asks_the_name_then_opens() {
    // `claimspan PROJECT` on a machine that has never asked for a name.
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut harness = window_with(Some(&root), dir.path(), Prefs::default());
    harness.run_steps(3);
    harness.get_by_label("Who is annotating?");
    harness.event(egui::Event::Text("erin".into()));
    harness.run_steps(2);
    press(&mut harness, Key::Enter);
    harness.run_steps(3);
    assert!(app(&mut harness).dialog().is_none());
    let ws = app(&mut harness).workspace().expect("the project opened");
    assert_eq!(ws.annotator().as_str(), "erin");
    assert_eq!(ws.project().root(), root);
}

/// A file as the window system hands it over when it is dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_are_imported() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut harness = window(Some(&root), dir.path());
    let before = app(&mut harness).workspace().unwrap().rows().len();
    let jsonl = common::fixtures().join("jsonl/articles.jsonl");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(jsonl)));
    harness.run_steps(2);
    // The import runs in the background, its progress in the status bar.
    app(&mut harness).wait_for_task(Duration::from_secs(10));
    harness.run_steps(2);
    harness.get_by_label("Import finished");
    let ws = app(&mut harness).workspace().unwrap();
    assert_eq!(ws.rows().len(), before + 3);
    // The spans in the file were the dropper's: they show in the list at once.
    assert!(ws.rows().iter().any(|r| r.spans > 0), "{:?}", ws.rows());
    let messages = app(&mut harness).messages();
    assert!(
        messages.iter().any(|m| m.text.contains("3 added")),
        "{messages:?}"
    );
}

fn click_at(harness: &mut Harness<'static, Option<App>>, at: Pos2) {
    clicks_at(harness, at, 1);
}

/// `count` clicks in a row at `at` (2: a double-click).
fn clicks_at(harness: &mut Harness<'static, Option<App>>, at: Pos2, count: usize) {
    harness.hover_at(at);
    harness.step();
    for _ in 0..count {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.step();
        }
    }
    harness.run_steps(2);
}

/// Drags over `phrase` (its first occurrence) and presses `key`.
fn tag_phrase(harness: &mut Harness<'static, Option<App>>, phrase: &str, key: Key) {
    let (start, end) = find(harness, phrase);
    drag(harness, start, end - 1);
    press(harness, key);
}

#[test]
fn tagging_actor_stance_claim_in_a_row_links_them_with_enter() {
    let (_dir, root, mut harness, iran) = on_iran_story();

    tag_phrase(&mut harness, "Hardliners in parliament", Key::Num1);
    assert!(app(&mut harness).link_offer().is_none());
    tag_phrase(&mut harness, "rejected any", Key::S);
    let offer = app(&mut harness)
        .link_offer()
        .cloned()
        .expect("a link is offered");
    assert_eq!(
        offer.text,
        "“Hardliners in parliament” —holds→ “rejected any”"
    );
    harness.get_by_label(&format!("Link {}?", offer.text));
    press(&mut harness, Key::Enter);
    press(&mut harness, Key::Minus);
    tag_phrase(&mut harness, "further talks with Europe", Key::Num3);
    press(&mut harness, Key::Enter);

    let saved = on_disk(&mut harness, &root, &iran);
    let id_of = |label: &str| saved.spans.iter().find(|s| s.label == label).unwrap().id;
    let (actor, stance, claim) = (id_of("actor"), id_of("stance"), id_of("claim"));
    let links: Vec<(SpanId, SpanId, &str)> = saved
        .links
        .iter()
        .map(|l| (l.from, l.to, l.label.as_str()))
        .collect();
    assert!(links.contains(&(actor, stance, "holds")), "{links:?}");
    assert!(links.contains(&(stance, claim, "about")), "{links:?}");
    assert_eq!(links.len(), 2);
    let stance = saved.spans.iter().find(|s| s.id == stance).unwrap();
    assert_eq!(
        stance.attributes.get("polarity").map(String::as_str),
        Some("oppose")
    );
}

#[test]
fn a_message_goes_with_the_state_it_describes() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    tag_phrase(&mut harness, "Hardliners in parliament", Key::Num1);
    tag_phrase(&mut harness, "rejected any", Key::S);
    press(&mut harness, Key::Enter);
    harness.run_steps(2);
    let linked = "Linked “Hardliners in parliament” —holds→ “rejected any”.";
    harness.get_by_label(linked);

    // The link undone: the status bar no longer says it was made.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(on_disk(&mut harness, &root, &iran).links.is_empty());
    assert!(
        harness.query_by_label(linked).is_none(),
        "{:?}",
        app(&mut harness).messages()
    );

    // A hint about this document goes when another document opens.
    press(&mut harness, Key::Escape);
    app(&mut harness).run(claimspan::ui::Command::EditNote);
    harness.run_steps(2);
    let hint = "Select a span first to write a note on it.";
    harness.get_by_label(hint);
    let other = document_titled(&root, "Coalition talks");
    open_document(&mut harness, &other);
    assert!(harness.query_by_label(hint).is_none());
    assert!(app(&mut harness).messages().iter().all(|m| !m.here));
}

#[test]
fn k_then_a_click_links_spans_and_the_link_can_be_deleted_and_restored() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    tag_phrase(&mut harness, "Hardliners in parliament", Key::Num1);
    tag_phrase(&mut harness, "further talks with Europe", Key::Num3);
    // The offer would be refused by the schema (actor → claim), so none is made.
    assert!(app(&mut harness).link_offer().is_none());
    tag_phrase(&mut harness, "rejected", Key::Num2);
    press(&mut harness, Key::Escape);
    assert!(app(&mut harness).link_offer().is_none(), "Esc declines");

    // From the stance, K, then a click on the actor: the link runs actor → stance.
    let (stance_at, _) = find(&mut harness, "rejected any");
    let at = char_center(&mut harness, stance_at + 2);
    click_at(&mut harness, at);
    press(&mut harness, Key::K);
    let (actor_at, _) = find(&mut harness, "Hardliners in");
    let at = char_center(&mut harness, actor_at + 2);
    click_at(&mut harness, at);
    let saved = on_disk(&mut harness, &root, &iran);
    assert_eq!(saved.links.len(), 1, "{:?}", app(&mut harness).messages());
    assert_eq!(saved.links[0].label, "holds");

    // From the actor to the claim: refused, with the reason.
    press(&mut harness, Key::K);
    let (claim_at, _) = find(&mut harness, "further talks");
    let at = char_center(&mut harness, claim_at + 2);
    click_at(&mut harness, at);
    let last = app(&mut harness).messages().last().cloned().unwrap();
    assert!(
        last.error && last.text.contains("cannot be linked"),
        "{last:?}"
    );
    assert_eq!(on_disk(&mut harness, &root, &iran).links.len(), 1);

    // The link in the span list: select it, Delete removes it, Ctrl+Z brings it back.
    harness.get_by_label_contains("—holds→ “rejected”").click();
    harness.run_steps(2);
    assert!(app(&mut harness).selection().link().is_some());
    press(&mut harness, Key::Delete);
    assert!(on_disk(&mut harness, &root, &iran).links.is_empty());
    assert_eq!(
        on_disk(&mut harness, &root, &iran).spans.len(),
        3,
        "spans stay"
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(on_disk(&mut harness, &root, &iran).links.len(), 1);
}

#[test]
fn export_from_the_window_writes_the_dataset_and_shows_the_report() {
    let (dir, _root, mut harness, iran) = on_iran_story();
    tag_phrase(&mut harness, "Hardliners in parliament", Key::Num1);
    press_with(&mut harness, Modifiers::COMMAND, Key::Enter);

    press_with(&mut harness, Modifiers::COMMAND, Key::E);
    harness.get_by_label("Export annotations");
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    app(&mut harness).wait_for_task(Duration::from_secs(20));
    harness.run_steps(2);
    harness.get_by_label("Export finished");

    // Beside the project, named after it: one JSONL line for the one document done.
    let out = dir.path().join("p-jsonl.jsonl");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(line["id"], iran.as_str());
    assert_eq!(line["spans"][0]["text"], "Hardliners in parliament");
    assert_eq!(line["spans"][0]["label"], "actor");
}

/// Picks `choice` in the form's combo box that shows `current`.
fn choose(harness: &mut Harness<'static, Option<App>>, current: &str, choice: &str) {
    harness.get_by_value(current).click();
    harness.run_steps(2);
    harness.get_by_label(choice).click();
    harness.run_steps(2);
}

/// Types `date` into the form's date field `field`, clicks Export and waits for the
/// report, which it returns.
fn export_from(harness: &mut Harness<'static, Option<App>>, field: &str, date: &str) -> String {
    harness.get_by_label(field).focus();
    harness.run_steps(1);
    harness.get_by_label(field).type_text(date);
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    app(harness).wait_for_task(Duration::from_secs(20));
    harness.run_steps(2);
    harness.get_by_label("Export finished");
    match app(harness).dialog() {
        Some(Dialog::Report { text, .. }) => text.clone(),
        other => panic!("no report: {other:?}"),
    }
}

#[test]
fn the_export_form_writes_the_network_and_the_statements_table_of_a_date_window() {
    let dir = tempfile::tempdir().unwrap();
    let root = project_dir(&dir);
    copy_dir(&common::fixtures().join("statements"), &root);
    let mut harness = window(Some(&root), dir.path());

    press_with(&mut harness, Modifiers::COMMAND, Key::E);
    choose(&mut harness, "jsonl", "network");
    choose(&mut harness, "two-mode", "congruence");
    let report = export_from(&mut harness, "from", "2018-06-15");
    // Gold covers only the 14 June article, which the window leaves out.
    assert!(report.contains("congruence network"), "{report}");
    assert!(report.contains("outside the dates"), "{report}");
    // Beside the project, named after it.
    let name = Project::open(&root).unwrap().config().name.clone();
    let graphml =
        std::fs::read_to_string(dir.path().join(format!("{name}-network.graphml"))).unwrap();
    assert!(graphml.contains("<graphml"), "{graphml}");

    // A new form: the statements table of alice's work up to 15 June, done or not.
    press(&mut harness, Key::Escape);
    press_with(&mut harness, Modifiers::COMMAND, Key::E);
    choose(&mut harness, "jsonl", "statements");
    choose(&mut harness, "gold, else the only annotator", "alice");
    harness.get_by_label("all annotated").click();
    export_from(&mut harness, "to", "2018-06-15");
    let table = std::fs::read_to_string(dir.path().join(format!("{name}-statements.csv"))).unwrap();
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert!(!rows.is_empty(), "{table}");
    assert!(
        rows.iter()
            .all(|row| row.contains("2018-06-14") || row.contains("2018-06-15")),
        "{table}"
    );
    assert!(rows.iter().all(|row| row.contains(",alice,")), "{table}");
}

#[test]
fn an_import_with_new_labels_asks_and_adds_them() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut harness = window(Some(&root), dir.path());
    let file = dir.path().join("theirs.jsonl");
    std::fs::write(
        &file,
        "{\"id\": 3, \"text\": \"The Tigris Coalition rejected the budget.\", \
         \"label\": [[4, 20, \"organisation\"], [21, 29, \"stance\"]]}\n",
    )
    .unwrap();
    app(&mut harness).run(claimspan::ui::Command::Import(vec![file]));
    app(&mut harness).wait_for_task(Duration::from_secs(10));
    harness.run_steps(2);
    assert!(matches!(
        app(&mut harness).dialog(),
        Some(Dialog::AddLabels { .. })
    ));
    let before = app(&mut harness).workspace().unwrap().rows().len();
    harness.get_by_label("Add and import").click();
    harness.run_steps(2);
    app(&mut harness).wait_for_task(Duration::from_secs(10));
    harness.run_steps(2);
    let ws = app(&mut harness).workspace().unwrap();
    assert_eq!(ws.rows().len(), before + 1);
    assert!(
        ws.schema().label("organisation").is_some(),
        "the label was added"
    );
    let project = Project::open(&root).unwrap();
    assert!(project.schema().label("organisation").is_some());
}

#[test]
fn a_statement_shows_in_its_tab_and_its_actor_gets_an_entity() {
    let (_dir, root, mut harness, iran) = on_iran_story();
    tag_phrase(&mut harness, "Hardliners in parliament", Key::Num1);
    tag_phrase(&mut harness, "rejected any", Key::S);
    press(&mut harness, Key::Enter);
    // An incomplete statement first: the stance has a holder but no claim yet.
    press(&mut harness, Key::T);
    harness.get_by_label("0 complete, 1 incomplete statement");
    harness.get_by_label("— no claim —");
    tag_phrase(&mut harness, "further talks with Europe", Key::Num3);
    press(&mut harness, Key::Enter);
    harness.run_steps(2);
    harness.get_by_label("1 complete, 0 incomplete statement");

    // The actor: select it from its row, E, and a new entity from its text.
    harness.get_by_label("Hardliners in parliament").click();
    harness.run_steps(2);
    press(&mut harness, Key::E);
    harness
        .get_by_label("+ New entity “Hardliners in parliament”")
        .click();
    harness.run_steps(3);
    assert_eq!(
        actor_entity(&mut harness, &root, &iran).as_deref(),
        Some("hardliners-in-parliament")
    );
    let registry = Project::open(&root)
        .unwrap()
        .load_registry()
        .unwrap()
        .registry;
    assert_eq!(registry.entities.len(), 1);
    // Nobody chose what it is, so it is not filed as an organisation.
    assert_eq!(registry.entities[0].kind, EntityKind::Unknown);
    // The span has that entity: no second one of the same name is offered.
    assert!(
        harness
            .query_by_label("+ New entity “Hardliners in parliament”")
            .is_none()
    );
    // Undo takes the assignment back (the entity stays in the project's list), and
    // the entity is offered again, not a new one.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(actor_entity(&mut harness, &root, &iran), None);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("+ New entity “Hardliners in parliament”")
            .is_none()
    );
    harness
        .get_by_label("→ Hardliners in parliament  (name)")
        .click();
    harness.run_steps(3);
    assert_eq!(
        actor_entity(&mut harness, &root, &iran).as_deref(),
        Some("hardliners-in-parliament")
    );
}

/// The entity of the document's actor span, as saved.
fn actor_entity(
    harness: &mut Harness<'static, Option<App>>,
    root: &Path,
    id: &DocumentId,
) -> Option<String> {
    let saved = on_disk(harness, root, id);
    let actor = saved.spans.iter().find(|s| s.label == "actor").unwrap();
    actor.attributes.get("entity").cloned()
}

/// A project with the three annotators' work of `fixtures/review`.
fn review_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let root_s = root.to_str().unwrap();
    assert!(common::claimspan(&["init", root_s]).status.success());
    for who in ["alice", "bob", "carol"] {
        let file = common::fixtures().join(format!("review/{who}.jsonl"));
        let run =
            common::claimspan(&["import", root_s, file.to_str().unwrap(), "--annotator", who]);
        assert!(run.status.success(), "{:?}", common::out(&run));
    }
    (dir, root)
}

fn gold_on_disk(root: &Path, id: &str) -> claimspan::review::Gold {
    let project = Project::open(root).unwrap();
    let path = project.gold_path(&DocumentId::new(id).unwrap());
    claimspan::store::gold::read_gold_file(&path).unwrap()
}

#[test]
fn review_mode_shows_disagreements_and_decisions_write_gold_with_provenance() {
    let (dir, root) = review_project();
    let mut harness = window(Some(&root), dir.path());
    open_document(
        &mut harness,
        &DocumentId::new("harbour-strike-talks").unwrap(),
    );

    // Ctrl+R asks whom to compare; carol is left out.
    press_with(&mut harness, Modifiers::COMMAND, Key::R);
    harness.get_by_label("Review this document");
    harness.get_by_label("carol").click();
    harness.run_steps(2);
    // Enter starts it (and does not toggle the checkbox that has the focus).
    press(&mut harness, Key::Enter);
    harness.run_steps(3);
    // bob tagged “union leader Samir Haddad”, alice “Samir Haddad”.
    harness.get_by_label("1 of 1 disagreement open; gold has 0 spans");
    harness.get_by_label_contains("edges differ");
    harness.get_by_label_contains("alice: actor “Samir Haddad”");

    // A takes alice's version: gold holds it, saying whose it was.
    press(&mut harness, Key::A);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 1);
    let span = &gold.annotations.spans[0];
    assert_eq!(span.text, "Samir Haddad");
    let alice = AnnotatorName::new("alice").unwrap();
    assert_eq!(gold.review.provenance[&span.id], [alice]);
    harness.get_by_label("0 of 1 disagreement open; gold has 1 span");

    // Undo takes the decision back, in the file too.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert!(gold.annotations.spans.is_empty());
    assert!(gold.review.disagreements[0].settled.is_none());

    // Shift+A: everything both made alike; M: a note on the disagreement.
    press_with(&mut harness, Modifiers::SHIFT, Key::A);
    assert_eq!(
        gold_on_disk(&root, "harbour-strike-talks")
            .annotations
            .spans
            .len(),
        4
    );
    press(&mut harness, Key::M);
    harness.event(egui::Event::Text("title belongs to the actor".into()));
    harness.run_steps(2);
    harness.get_by_label("Save note").click();
    harness.run_steps(2);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.review.notes[0].text, "title belongs to the actor");

    // Leaving review mode shows the annotator's own work again.
    press_with(&mut harness, Modifiers::COMMAND, Key::R);
    assert!(app(&mut harness).workspace().unwrap().review().is_none());
}

/// A window reviewing alice's and bob's work on the harbour strike story.
fn reviewing_harbour_story(root: &Path, data_dir: &Path) -> Harness<'static, Option<App>> {
    let mut harness = window(Some(root), data_dir);
    let id = DocumentId::new("harbour-strike-talks").unwrap();
    app(&mut harness).run(claimspan::ui::Command::Review(ReviewCommand::Start(
        id,
        vec![
            AnnotatorName::new("alice").unwrap(),
            AnnotatorName::new("bob").unwrap(),
        ],
    )));
    harness.run_steps(3);
    harness
}

#[test]
fn e_lets_the_reviewer_tag_their_own_version() {
    let (dir, root) = review_project();
    let mut harness = reviewing_harbour_story(&root, dir.path());
    // E selects the place of the disagreement (both versions); the reviewer narrows
    // it to “leader Samir Haddad” and tags that as their own version.
    press(&mut harness, Key::E);
    assert!(app(&mut harness).selection().text().is_some());
    let (start, end) = find(&mut harness, "leader Samir Haddad");
    drag(&mut harness, start, end - 1);
    press(&mut harness, Key::Num1);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 1);
    assert_eq!(gold.annotations.spans[0].text, "leader Samir Haddad");
    assert!(gold.review.by_hand.contains(&gold.annotations.spans[0].id));
    assert_eq!(
        gold.review.disagreements[0].settled,
        Some(claimspan::review::Resolution::Edited)
    );
}

#[test]
fn the_agreement_window_lists_documents_worst_first_and_opens_them_for_review() {
    let (dir, root) = review_project();
    let mut harness = window(Some(&root), dir.path());
    app(&mut harness).run(claimspan::ui::Command::Review(ReviewCommand::ShowAgreement));
    app(&mut harness).wait_for_task(Duration::from_secs(20));
    harness.run_steps(3);
    harness.get_by_label("Agreement");
    harness.get_by_label_contains("alice, bob, carol: 2 documents shared by all");
    // Leaving carol out measures again, for alice and bob only.
    harness.get_by_label("carol").click();
    harness.run_steps(2);
    app(&mut harness).wait_for_task(Duration::from_secs(20));
    harness.run_steps(3);
    harness.get_by_label_contains("alice, bob: ");
    // The last two stay chosen: agreement needs two.
    assert!(harness.get_by_label("alice").accesskit_node().is_disabled());
    // Only documents marked done can be chosen as the rule (the imported work is).
    harness.get_by_label("documents marked done").click();
    harness.run_steps(2);
    app(&mut harness).wait_for_task(Duration::from_secs(20));
    harness.run_steps(3);
    harness.get_by_label_contains("alice, bob: ");
    // Every shared document is listed with its F1; a click reviews it, in front:
    // the window closes.
    let row = harness.get_by_label_contains("water-treaty-dispute");
    row.click();
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("shared by all").is_none());
    let messages = app(&mut harness).messages().to_vec();
    let ws = app(&mut harness).workspace().unwrap();
    let review = ws.review().unwrap_or_else(|| panic!("{messages:?}"));
    assert_eq!(review.document().id().as_str(), "water-treaty-dispute");
    assert_eq!(review.annotators().len(), 2);
}

#[test]
fn a_gold_span_deleted_in_review_stays_out_and_a_merge_meanwhile_is_not_overwritten() {
    let (dir, root) = review_project();
    let mut harness = reviewing_harbour_story(&root, dir.path());
    press_with(&mut harness, Modifiers::SHIFT, Key::A);
    let agreed = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(agreed.annotations.spans.len(), 4);

    // The reviewer clicks the first agreed span and deletes it from gold.
    let first = &agreed.annotations.spans[0];
    let at = char_center(&mut harness, first.start.0);
    click_at(&mut harness, at);
    press(&mut harness, Key::Delete);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 3);
    assert_eq!(gold.review.overruled.len(), 1);
    // Shift+A again does not bring it back.
    press_with(&mut harness, Modifiers::SHIFT, Key::A);
    assert_eq!(
        gold_on_disk(&root, "harbour-strike-talks")
            .annotations
            .spans
            .len(),
        3
    );

    // A colleague runs merge meanwhile: it keeps the deletion…
    let root_s = root.to_str().unwrap();
    let merge = common::claimspan(&["merge", root_s, "--annotators", "alice,bob"]);
    assert!(merge.status.success(), "{:?}", common::out(&merge));
    let merged = gold_on_disk(&root, "harbour-strike-talks");
    assert!(
        !merged
            .annotations
            .spans
            .iter()
            .any(|s| (s.start, s.end, &s.label) == (first.start, first.end, &first.label)),
        "merge brought the deleted span back"
    );
    // …and rewrote the file, so the next decision asks instead of overwriting.
    let path = Project::open(&root)
        .unwrap()
        .gold_path(&DocumentId::new("harbour-strike-talks").unwrap());
    let theirs = std::fs::read_to_string(&path).unwrap();
    press(&mut harness, Key::A);
    harness.run_steps(3);
    harness.get_by_label("Changed on disk");
    harness.get_by_label("not saved: changed on disk");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    harness.get_by_label("Keep mine").click();
    harness.run_steps(3);
    harness.get_by_label("all changes saved");
    assert_ne!(std::fs::read_to_string(&path).unwrap(), theirs);

    // The panel says what was taken out, and Restore puts it back with its provenance.
    harness.get_by_label("Taken out of gold (1)").click();
    harness.run_steps(2);
    harness.get_by_label("Restore").click();
    harness.run_steps(3);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    let back = gold
        .annotations
        .at_place(first.start, first.end, &first.label)
        .expect("the span is back in gold");
    assert_eq!(gold.review.provenance[&back.id].len(), 2);
    assert!(gold.review.overruled.is_empty());
}

#[test]
fn esc_closes_an_open_menu_before_it_drops_the_selection() {
    let (_dir, _root, mut harness, _iran) = on_iran_story();
    let (start, end) = find(&mut harness, "Tehran");
    drag(&mut harness, start, end - 1);
    assert!(app(&mut harness).selection().text().is_some());
    harness.get_by_label("Edit").click();
    harness.run_steps(2);
    assert!(egui::Popup::is_any_open(&harness.ctx), "the menu opened");
    press(&mut harness, Key::Escape);
    assert!(
        !egui::Popup::is_any_open(&harness.ctx),
        "Esc closed the menu"
    );
    assert!(
        app(&mut harness).selection().text().is_some(),
        "the first Esc only closed the menu"
    );
    press(&mut harness, Key::Escape);
    assert!(app(&mut harness).selection().text().is_none());
}

#[test]
fn change_annotator_can_be_cancelled_by_its_button_or_esc() {
    let (_dir, _root, mut harness, _iran) = on_iran_story();
    let before = app(&mut harness).prefs().annotator.clone();
    app(&mut harness).run(claimspan::ui::Command::ChangeAnnotator);
    harness.run_steps(2);
    assert!(matches!(
        app(&mut harness).dialog(),
        Some(Dialog::AskName { .. })
    ));
    press(&mut harness, Key::Escape);
    assert!(app(&mut harness).dialog().is_none(), "Esc cancelled");
    app(&mut harness).run(claimspan::ui::Command::ChangeAnnotator);
    harness.run_steps(2);
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(app(&mut harness).dialog().is_none(), "Cancel cancelled");
    assert_eq!(app(&mut harness).prefs().annotator, before);
}

#[test]
fn the_name_dialog_on_a_first_start_with_a_project_leaves_the_window_idle() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut harness = window_with(Some(&root), dir.path(), Prefs::default());
    harness.run_steps(3);
    assert!(matches!(
        app(&mut harness).dialog(),
        Some(Dialog::AskName { .. })
    ));
    // Idle is idle: once drawn, the window asks for no frame until something
    // happens (a field's blinking caret asks for one later, not at once).
    let idle = harness.try_run();
    assert!(idle.is_ok(), "the window kept repainting: {idle:?}");
    harness.get_by_label("Who is annotating?");
}

#[test]
fn where_no_file_chooser_shows_import_asks_for_a_typed_path() {
    let (dir, _root, mut harness, _iran) = on_iran_story();
    let before = app(&mut harness).workspace().unwrap().rows().len();
    // On a machine with neither a desktop portal nor zenity (this one, and CI), the
    // chooser returns at once; elsewhere it would open, so the typed path is asked
    // for by its command.
    let no_chooser = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::process::Command::new("zenity")
            .arg("--version")
            .output()
            .is_err();
    let command = if no_chooser {
        claimspan::ui::Command::ImportDialog
    } else {
        claimspan::ui::Command::TypePath(PathPurpose::ImportFiles)
    };
    app(&mut harness).run(command);
    harness.run_steps(2);
    harness.get_by_label("Import files");
    // A path that is not there is refused, and said why.
    harness.event(egui::Event::Text("/no/such/story.txt".into()));
    press(&mut harness, Key::Enter);
    harness.run_steps(2);
    let Some(Dialog::TypePath {
        error: Some(error), ..
    }) = app(&mut harness).dialog()
    else {
        panic!("not refused: {:?}", app(&mut harness).dialog());
    };
    assert!(error.contains("/no/such/story.txt"), "{error}");
    // A real one is imported.
    let article = dir.path().join("new-story.txt");
    std::fs::write(
        &article,
        "Port workers end strike in Aqaba\n\nAQABA, June 20 (Wire) - Dock workers ended a \
         three-day strike on Wednesday after the port authority agreed to talks.\n",
    )
    .unwrap();
    press_with(&mut harness, Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text(article.display().to_string()));
    press(&mut harness, Key::Enter);
    app(&mut harness).wait_for_task(Duration::from_secs(10));
    harness.run_steps(3);
    assert!(
        !matches!(app(&mut harness).dialog(), Some(Dialog::TypePath { .. })),
        "{:?}",
        app(&mut harness).dialog()
    );
    assert!(app(&mut harness).workspace().unwrap().rows().len() > before);
}

#[test]
fn reopening_returns_to_the_document_and_the_paragraph_the_user_was_on() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    // A short window, so that the story scrolls.
    let short = |prefs: Prefs| {
        harness(
            1280.0,
            420.0,
            Startup {
                path: Some(root.clone()),
                prefs: Some(prefs),
                data_dir: Some(dir.path().to_owned()),
                debounce: Some(Duration::ZERO),
            },
        )
    };
    let mut harness = short(prefs());
    let iran = document_titled(&root, "Iran warns Europe");
    open_document(&mut harness, &iran);
    // Read down the story: its second paragraph at the top.
    let (start, _) = find(&mut harness, "Exports of crude");
    let text = app(&mut harness)
        .workspace()
        .unwrap()
        .current()
        .unwrap()
        .document()
        .text()
        .to_owned();
    let chars: Vec<char> = text.chars().collect();
    let paragraph = (0..start)
        .rev()
        .find(|&i| chars[i] == '\n')
        .map_or(0, |i| i + 1);
    let last = CharOffset(paragraph);
    app(&mut harness).text_view().scroll_paragraph_to_top(last);
    settle(&mut harness);
    assert_eq!(app(&mut harness).text_view().top_char(), Some(last));
    let place = app(&mut harness).prefs().places.values().next().cloned();
    assert_eq!(
        place,
        Some(claimspan::app::Place {
            document: iran.as_str().to_owned(),
            top: last.0
        })
    );
    // The window is closed and opened again with what it kept.
    let kept = app(&mut harness).prefs().clone();
    drop(harness);
    let mut harness = short(kept);
    settle(&mut harness);
    let ws = app(&mut harness).workspace().unwrap();
    assert_eq!(ws.current().unwrap().document().id(), &iran);
    assert_eq!(app(&mut harness).text_view().top_char(), Some(last));
}

#[test]
fn review_lanes_are_named_by_letter_the_palette_has_the_review_keys_and_the_list_gold_progress() {
    let (dir, root) = review_project();
    let mut harness = reviewing_harbour_story(&root, dir.path());
    // Each lane by its letter (the key that takes that version) and name.
    harness.get_by_label("▬ A alice");
    harness.get_by_label("▬ B bob");
    // The list counts gold reviewed, not the reviewer's own work.
    let total = app(&mut harness).workspace().unwrap().rows().len();
    harness.get_by_label(&format!("0 of {total} reviewed (gold)"));
    assert!(harness.query_all_by_label_contains("no gold yet").count() >= 1);
    // In review mode label keys are digits only, and the palette's review row
    // decides: “B bob” takes bob's version.
    harness.get_by_label("1  actor");
    harness.get_by_label("N next");
    harness.get_by_label("B bob").click();
    harness.run_steps(3);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 1);
    assert_eq!(gold.annotations.spans[0].text, "union leader Samir Haddad");
    harness.get_by_label_contains("gold in review, 1 span");
    // Marked reviewed, it counts.
    harness.get_by_label("Mark reviewed").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("1 of {total} reviewed (gold)"));
    harness.get_by_label_contains("gold reviewed, 1 span");
}

#[test]
fn the_guidelines_tab_renders_markdown() {
    let (_dir, _root, mut harness, _iran) = on_iran_story();
    app(&mut harness).run(claimspan::ui::Command::ShowTab(
        claimspan::ui::side_panel::SideTab::Guidelines,
    ));
    harness.run_steps(3);
    // A heading, not a line starting with “#”; bold words without their stars.
    harness.get_by_label("Coding guidelines");
    assert!(harness.query_by_label_contains("# Coding").is_none());
    assert!(harness.query_by_label_contains("**").is_none());
    harness.get_by_label("actor");
}
