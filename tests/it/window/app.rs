//! The window driven like a user would: the real `App` in a headless egui context
//! (egui_kittest), with mouse drags, key presses and clicks, checking what lands in the
//! RON files on disk.

use super::fixture::{ME, Window, prefs, startup};
use crate::common::{self, copy_dir, fixture_project, review_project};
use claimspan::app::{Prefs, Startup};
use claimspan::model::{AnnotatorName, CharOffset, DocumentId, EntityKind, SpanId};
use claimspan::session::find_all;
use claimspan::store::Project;
use claimspan::ui::command::ReviewCommand;
use claimspan::ui::dialogs::Dialog;
use claimspan::ui::path_dialog::PathPurpose;
use egui::{Key, Modifiers, Pos2, pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// The fixture project open in a window on its Iran story: the folder (kept alive),
/// the project root, the window and the story's id.
fn on_iran_story() -> (tempfile::TempDir, PathBuf, Window, DocumentId) {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut window = Window::on(Some(&root), dir.path());
    let iran = document_titled(&root, "Iran warns Europe");
    window.open_document(&iran);
    (dir, root, window, iran)
}

#[test]
fn dragging_over_iran_in_irans_and_pressing_1_saves_an_actor_span() {
    let (_dir, root, mut window, iran) = on_iran_story();

    // “Iran’s foreign ministry”: press on the “r”, let go on the “’”.
    let (start, _) = window.find("Iran’s foreign ministry warned");
    window.drag(start + 1, start + 4);
    window.press(Key::Num1);

    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1, "{:?}", saved.spans);
    let span = &saved.spans[0];
    assert_eq!(span.label, "actor");
    assert_eq!((span.start.0, span.end.0), (start, start + 4));
    assert_eq!(span.text, "Iran");

    // An overlapping claim over it, dragged across the whole phrase and tagged with C.
    let (_, end) = window.find("Iran’s foreign ministry warned European governments");
    window.drag(start, end - 1);
    window.press(Key::C);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 2);
    let claim = saved.spans.iter().find(|s| s.label == "claim").unwrap();
    assert_eq!(
        claim.text,
        "Iran’s foreign ministry warned European governments"
    );
    assert_eq!(claim.start.0, start);

    // Undo takes the claim away, and the file follows.
    window.press_with(Modifiers::COMMAND, Key::Z);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].label, "actor");

    // Redo brings it back.
    window.press_with(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(window.on_disk(&root, &iran).spans.len(), 2);
}

#[test]
fn undo_history_survives_switching_documents() {
    let (_dir, root, mut window, iran) = on_iran_story();
    let (start, end) = window.find("Hardliners");
    window.drag(start + 2, end - 2);
    window.press(Key::A);
    assert_eq!(window.on_disk(&root, &iran).spans[0].text, "Hardliners");

    // To the next document and back with the keyboard.
    window.press_with(Modifiers::COMMAND, Key::ArrowDown);
    let here = window.app().workspace().unwrap().current_id().cloned();
    assert_ne!(here.as_ref(), Some(&iran));
    window.press_with(Modifiers::COMMAND, Key::ArrowUp);
    assert_eq!(window.app().workspace().unwrap().current_id(), Some(&iran));

    window.press_with(Modifiers::COMMAND, Key::Z);
    window.app().flush();
    let project = Project::open(&root).unwrap();
    let path = project.annotation_path(&AnnotatorName::new(ME).unwrap(), &iran);
    assert!(!path.exists(), "undone to nothing: no file is left behind");
}

#[test]
fn an_edit_undone_leaves_no_file_and_agreement_as_it_was() {
    let (dir, root) = review_project(&["alice", "bob", "carol"]);
    let mut window = Window::on(Some(&root), dir.path());
    let harbour = DocumentId::new("harbour-strike-talks").unwrap();
    window.open_document(&harbour);
    let (start, end) = window.find("Aqaba");
    window.drag(start + 1, end - 1);
    window.press(Key::Num1);
    assert_eq!(window.on_disk(&root, &harbour).spans.len(), 1);
    window.press_with(Modifiers::COMMAND, Key::Z);
    window.app().flush();
    let project = Project::open(&root).unwrap();
    let me = AnnotatorName::new(ME).unwrap();
    assert!(!project.annotation_path(&me, &harbour).exists());
    assert_eq!(project.annotated_by(&me).count(), 0);

    // The Agreement window compares the three who annotated, not the one who only
    // tried a key.
    window
        .app()
        .run(claimspan::ui::Command::Review(ReviewCommand::ShowAgreement));
    window.app().wait_for_task(Duration::from_secs(20));
    window.run_steps(3);
    window.get_by_label_contains("alice, bob, carol: 2 documents shared by all");
}

#[test]
fn search_finds_a_hit_and_a_label_key_tags_it() {
    let (_dir, root, mut window, iran) = on_iran_story();

    window.press_with(Modifiers::COMMAND, Key::F);
    window.type_text("foreign minister");
    window.press(Key::Enter);
    // Enter left the search field: the hit is the selection, and 3 tags it.
    window.press(Key::Num3);

    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1, "{:?}", window.app().messages());
    assert_eq!(saved.spans[0].label, "claim");
    assert_eq!(saved.spans[0].text.to_lowercase(), "foreign minister");
}

#[test]
fn enter_and_shift_enter_step_through_every_hit_and_wrap() {
    let (_dir, root, mut window, iran) = on_iran_story();
    let text = window.text();
    let n = find_all(&text, "the", true).len();
    assert!(n >= 3, "{n} hits");

    window.press_with(Modifiers::COMMAND, Key::F);
    window.type_text("the");
    window.get_by_label("Whole words").click();
    window.run_steps(2);
    // The first Enter comes from the search field, the others after it left it.
    window.press_with(Modifiers::COMMAND, Key::F);
    for k in (1..=n).chain([1]) {
        window.press(Key::Enter);
        window.get_by_label(&format!("{k} of {n}"));
    }
    window.press_with(Modifiers::SHIFT, Key::Enter);
    window.get_by_label(&format!("{n} of {n}"));
    // A label key still tags the hit stepped to.
    window.press(Key::Num1);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].text.to_lowercase(), "the");
}

#[test]
fn selecting_a_span_then_polarity_note_and_delete() {
    let (_dir, root, mut window, iran) = on_iran_story();
    let (start, end) = window.find("warned");
    // A double-click selects the word; S tags it as a stance and selects the new span.
    let at = window.char_center(start + 2);
    window.clicks_at(at, 2);
    assert_eq!(
        window.app().selection().text(),
        Some((CharOffset(start), CharOffset(end))),
        "a double-click selects the word"
    );
    window.press(Key::S);
    window.press(Key::Minus);
    let saved = window.on_disk(&root, &iran);
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
    window.press(Key::Escape);
    window.press(Key::Tab);
    window.press(Key::N);
    assert!(matches!(window.app().dialog(), Some(Dialog::Note { .. })));
    window.type_text("hedged in the original");
    window.get_by_label("Save note").click();
    window.run_steps(3);
    assert_eq!(
        window.on_disk(&root, &iran).spans[0].note,
        "hedged in the original"
    );

    // Delete removes it; a click on the text selects nothing.
    window.press(Key::Tab);
    window.press(Key::Delete);
    assert!(window.on_disk(&root, &iran).spans.is_empty());
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

impl Window {
    /// Waits until the window asks what to do about a file changed on disk.
    fn until_changed_on_disk_is_asked(&mut self) {
        self.until(|app| matches!(app.dialog(), Some(Dialog::ChangedOnDisk { .. })));
    }
}

/// The Iran story open with our actor “Hardliners” saved, then a colleague's version
/// (the actor made a claim) written over it, and the window's next frames.
fn changed_under_our_edit() -> (
    tempfile::TempDir,
    PathBuf,
    Window,
    DocumentId,
    PathBuf,
    String,
) {
    let (dir, root, mut window, iran) = on_iran_story();
    window.tag_phrase("Hardliners", Key::Num1);
    assert_eq!(window.on_disk(&root, &iran).spans.len(), 1);
    let (path, theirs) = colleague_relabels(&root, &iran);
    window.until_changed_on_disk_is_asked();
    (dir, root, window, iran, path, theirs)
}

#[test]
fn a_file_changed_on_disk_is_noticed_at_once_and_the_user_chooses() {
    let (_dir, root, mut window, iran, path, theirs) = changed_under_our_edit();
    // Said at once, before any edit of ours could go over theirs.
    assert!(matches!(
        window.app().dialog(),
        Some(Dialog::ChangedOnDisk { .. })
    ));
    window.get_by_label("Changed on disk");
    window.get_by_label("Merge");
    window.get_by_label("Reload theirs");
    // While the choice waits, nothing is saved over their file.
    window.app().flush();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);

    // Keeping ours overwrites theirs with our version.
    window.get_by_label("Keep mine").click();
    window.run_steps(3);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].label, "actor");
}

#[test]
fn reloading_theirs_drops_our_edits() {
    let (_dir, _root, mut window, _iran, path, theirs) = changed_under_our_edit();
    window.get_by_label("Reload theirs").click();
    window.run_steps(3);
    let ws = window.app().workspace().unwrap();
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
        let mut yesterday = Window::on(Some(&root), dir.path());
        yesterday.open_document(&iran);
        yesterday.tag_phrase("Hardliners", Key::Num1);
        yesterday.app().flush();
    }
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&iran);
    // Today: a note on it, and a new stance.
    window.run_steps(2);
    let actor = window
        .app()
        .shown_annotations()
        .map(|a| a.spans[0].id)
        .unwrap();
    window.app().select_span(actor);
    window.app().run(claimspan::ui::Command::EditNote);
    window.run_steps(2);
    window.type_text("check the wire");
    window.get_by_label("Save note").click();
    window.run_steps(2);
    window.tag_phrase("rejected any", Key::S);
    assert_eq!(window.on_disk(&root, &iran).spans.len(), 2);

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
    window.until_changed_on_disk_is_asked();
    window.get_by_label("Merge").click();
    window.run_steps(3);

    // Their claim stays; my stance is made again on it; my note has no span to go on,
    // and the window lists it.
    let merged = window.on_disk(&root, &iran);
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
    let Some(Dialog::Report { title, text }) = window.app().dialog() else {
        panic!("no report: {:?}", window.app().dialog());
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
    let mut one = Window::on(Some(&root), dir.path());
    one.open_document(&iran);
    // Window 2 saves only after a long pause, so its edit is still in memory when
    // window 1's lands: the two edits cross.
    let mut two = Window::new(
        1280.0,
        800.0,
        Startup {
            debounce: Some(Duration::from_secs(3600)),
            ..startup(Some(&root), dir.path(), prefs())
        },
    );
    two.open_document(&iran);
    two.tag_phrase("Kamrani", Key::Num1);
    one.tag_phrase("Hardliners", Key::Num1);
    assert_eq!(one.on_disk(&root, &iran).spans.len(), 1);

    // Window 2 sees the change at once and merges.
    two.until_changed_on_disk_is_asked();
    assert!(matches!(
        two.app().dialog(),
        Some(Dialog::ChangedOnDisk { .. })
    ));
    two.get_by_label("Merge").click();
    two.run_steps(3);
    two.app().flush();
    let saved = one.on_disk(&root, &iran);
    let texts: Vec<&str> = saved.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"Hardliners") && texts.contains(&"Kamrani"));

    // Window 1 shows what is on disk now, without a question: its own span is in it.
    one.until(|app| {
        app.messages()
            .iter()
            .any(|m| m.text.contains("changed on disk"))
    });
    assert!(one.app().dialog().is_none());
    let shown = one
        .app()
        .workspace()
        .and_then(|ws| ws.current())
        .map(|o| o.annotations().spans.len());
    assert_eq!(shown, Some(2));
    assert!(
        one.app()
            .messages()
            .iter()
            .any(|m| m.text.contains("changed on disk")),
        "{:?}",
        one.app().messages()
    );
}

#[test]
fn welcome_screen_opens_the_sample_project_with_others_work_to_review() {
    let data = tempfile::tempdir().unwrap();
    let mut window = Window::on(None, data.path());
    window.get_by_label("Open project…");
    window.get_by_label("New project…");
    window.get_by_label("Import articles…");
    window.get_by_label("Open sample project").click();
    window.run_steps(3);
    let ws = window.app().workspace().expect("the sample opened");
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
    let messages = window.app().messages();
    assert!(
        messages
            .iter()
            .any(|m| m.text.contains("amal and jonas") && m.text.contains("review")),
        "{messages:?}"
    );
    // F1 shows the keyboard help.
    window.press(Key::F1);
    window.get_by_label("Keyboard");
    window.press(Key::Escape);
    // Review mode offers the two of them at once, both chosen; Enter starts it.
    window
        .app()
        .run(claimspan::ui::Command::Review(ReviewCommand::Toggle));
    window.run_steps(3);
    let Some(Dialog::StartReview { choices, .. }) = window.app().dialog() else {
        panic!("no review dialog: {:?}", window.app().dialog());
    };
    let names: Vec<(&str, bool)> = choices.iter().map(|(n, on)| (n.as_str(), *on)).collect();
    assert_eq!(names, [("amal", true), ("jonas", true)]);
    window.press(Key::Enter);
    window.run_steps(3);
    window.get_by_label("Mark reviewed");
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
    let mut window = Window::on(Some(&article), dir.path());
    window.app().wait_for_task(Duration::from_secs(10));
    window.run_steps(2);
    let ws = window.app().workspace().expect("a project opened");
    assert_eq!(ws.project().root(), dir.path().join("wire-claimspan"));
    assert_eq!(ws.rows().len(), 3);
    assert!(ws.current().is_some(), "the first article is open");
}

#[test]
fn a_missing_path_is_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = Window::on(Some(&dir.path().join("nowhere")), dir.path());
    let messages = window.app().messages();
    assert!(
        messages
            .iter()
            .any(|m| m.error && m.text.contains("does not exist")),
        "{messages:?}"
    );
    window.get_by_label("Open sample project");
}

impl Window {
    /// A point just right of the boundary before char `at`, on its row: where a press
    /// lands between two chars rather than on a glyph's middle.
    fn boundary(&mut self, at: usize) -> Pos2 {
        let before = self.char_center(at - 1);
        let here = self.char_center(at);
        pos2((before.x + here.x) / 2.0 + 1.0, here.y)
    }
}

#[test]
fn alt_drag_takes_exact_characters() {
    let (_dir, root, mut window, iran) = on_iran_story();
    let (start, _) = window.find("Iran’s foreign ministry warned");
    let (a, b) = (window.boundary(start + 1), window.boundary(start + 4));

    window.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    window.hover_at(a);
    window.step();
    window.drag_at(a);
    window.step();
    window.hover_at(b);
    window.step();
    window.drop_at(b);
    window.step();
    window.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    window.run_steps(2);
    assert_eq!(
        window.app().selection().text(),
        Some((CharOffset(start + 1), CharOffset(start + 4))),
        "with Alt the selection is not grown to the word"
    );
    window.press(Key::Num1);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1);
    assert_eq!(saved.spans[0].text, "ran");
}

#[test]
fn a_drag_runs_across_paragraphs() {
    let (_dir, root, mut window, iran) = on_iran_story();
    let (month, _) = window.find("second month.\n");
    let month = month + "second ".len();
    let (europe, _) = window.find("“Europe has had");
    let europe = europe + 1;
    window.drag(month + 1, europe + 3);
    window.press(Key::Num3);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.spans.len(), 1, "{:?}", window.app().messages());
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
    let mut window = Window::with_prefs(None, data.path(), Prefs::default());
    window.get_by_label("Open sample project").click();
    window.run_steps(3);
    window.get_by_label("Who is annotating?");
    // A name with a slash is refused with the reason; the dialog stays.
    window.type_text("da/na");
    window.press(Key::Enter);
    assert!(matches!(
        window.app().dialog(),
        Some(Dialog::AskName { error: Some(_), .. })
    ));
    for _ in 0..5 {
        window.key_press(Key::Backspace);
        window.step();
    }
    window.type_text("dana");
    window.press(Key::Enter);
    window.run_steps(3);
    assert!(window.app().dialog().is_none());
    assert_eq!(window.app().prefs().annotator.as_deref(), Some("dana"));
    let ws = window.app().workspace().expect("the sample opened");
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
    let mut window = Window::with_prefs(Some(&root), dir.path(), Prefs::default());
    window.run_steps(3);
    window.get_by_label("Who is annotating?");
    window.type_text("erin");
    window.press(Key::Enter);
    window.run_steps(3);
    assert!(window.app().dialog().is_none());
    let ws = window.app().workspace().expect("the project opened");
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
    let mut window = Window::on(Some(&root), dir.path());
    let before = window.app().workspace().unwrap().rows().len();
    let jsonl = common::fixtures().join("jsonl/articles.jsonl");
    window
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(jsonl)));
    window.run_steps(2);
    // The import runs in the background, its progress in the status bar.
    window.app().wait_for_task(Duration::from_secs(10));
    window.run_steps(2);
    window.get_by_label("Import finished");
    let ws = window.app().workspace().unwrap();
    assert_eq!(ws.rows().len(), before + 3);
    // The spans in the file were the dropper's: they show in the list at once.
    assert!(ws.rows().iter().any(|r| r.spans > 0), "{:?}", ws.rows());
    let messages = window.app().messages();
    assert!(
        messages.iter().any(|m| m.text.contains("3 added")),
        "{messages:?}"
    );
}

#[test]
fn tagging_actor_stance_claim_in_a_row_links_them_with_enter() {
    let (_dir, root, mut window, iran) = on_iran_story();

    window.tag_phrase("Hardliners in parliament", Key::Num1);
    assert!(window.app().link_offer().is_none());
    window.tag_phrase("rejected any", Key::S);
    let offer = window
        .app()
        .link_offer()
        .cloned()
        .expect("a link is offered");
    assert_eq!(
        offer.text,
        "“Hardliners in parliament” —holds→ “rejected any”"
    );
    window.get_by_label(&format!("Link {}?", offer.text));
    window.press(Key::Enter);
    window.press(Key::Minus);
    window.tag_phrase("further talks with Europe", Key::Num3);
    window.press(Key::Enter);

    let saved = window.on_disk(&root, &iran);
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
    let (_dir, root, mut window, iran) = on_iran_story();
    window.tag_phrase("Hardliners in parliament", Key::Num1);
    window.tag_phrase("rejected any", Key::S);
    window.press(Key::Enter);
    window.run_steps(2);
    let linked = "Linked “Hardliners in parliament” —holds→ “rejected any”.";
    window.get_by_label(linked);

    // The link undone: the status bar no longer says it was made.
    window.press_with(Modifiers::COMMAND, Key::Z);
    window.run_steps(2);
    assert!(window.on_disk(&root, &iran).links.is_empty());
    assert!(
        window.query_by_label(linked).is_none(),
        "{:?}",
        window.app().messages()
    );

    // A hint about this document goes when another document opens.
    window.press(Key::Escape);
    window.app().run(claimspan::ui::Command::EditNote);
    window.run_steps(2);
    let hint = "Select a span first to write a note on it.";
    window.get_by_label(hint);
    let other = document_titled(&root, "Coalition talks");
    window.open_document(&other);
    assert!(window.query_by_label(hint).is_none());
    assert!(window.app().messages().iter().all(|m| !m.here));
}

#[test]
fn k_then_a_click_links_spans_and_the_link_can_be_deleted_and_restored() {
    let (_dir, root, mut window, iran) = on_iran_story();
    window.tag_phrase("Hardliners in parliament", Key::Num1);
    window.tag_phrase("further talks with Europe", Key::Num3);
    // The offer would be refused by the schema (actor → claim), so none is made.
    assert!(window.app().link_offer().is_none());
    window.tag_phrase("rejected", Key::Num2);
    window.press(Key::Escape);
    assert!(window.app().link_offer().is_none(), "Esc declines");

    // From the stance, K, then a click on the actor: the link runs actor → stance.
    let (stance_at, _) = window.find("rejected any");
    let at = window.char_center(stance_at + 2);
    window.click_at(at);
    window.press(Key::K);
    let (actor_at, _) = window.find("Hardliners in");
    let at = window.char_center(actor_at + 2);
    window.click_at(at);
    let saved = window.on_disk(&root, &iran);
    assert_eq!(saved.links.len(), 1, "{:?}", window.app().messages());
    assert_eq!(saved.links[0].label, "holds");

    // From the actor to the claim: refused, with the reason.
    window.press(Key::K);
    let (claim_at, _) = window.find("further talks");
    let at = window.char_center(claim_at + 2);
    window.click_at(at);
    let last = window.app().messages().last().cloned().unwrap();
    assert!(
        last.error && last.text.contains("cannot be linked"),
        "{last:?}"
    );
    assert_eq!(window.on_disk(&root, &iran).links.len(), 1);

    // The link in the span list: select it, Delete removes it, Ctrl+Z brings it back.
    window.get_by_label_contains("—holds→ “rejected”").click();
    window.run_steps(2);
    assert!(window.app().selection().link().is_some());
    window.press(Key::Delete);
    assert!(window.on_disk(&root, &iran).links.is_empty());
    assert_eq!(window.on_disk(&root, &iran).spans.len(), 3, "spans stay");
    window.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(window.on_disk(&root, &iran).links.len(), 1);
}

#[test]
fn export_from_the_window_writes_the_dataset_and_shows_the_report() {
    let (dir, _root, mut window, iran) = on_iran_story();
    window.tag_phrase("Hardliners in parliament", Key::Num1);
    window.press_with(Modifiers::COMMAND, Key::Enter);

    window.press_with(Modifiers::COMMAND, Key::E);
    window.get_by_label("Export annotations");
    window.get_by_label("Export").click();
    window.run_steps(2);
    window.app().wait_for_task(Duration::from_secs(20));
    window.run_steps(2);
    window.get_by_label("Export finished");

    // Beside the project, named after it: one JSONL line for the one document done.
    let out = dir.path().join("p-jsonl.jsonl");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let line: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(line["id"], iran.as_str());
    assert_eq!(line["spans"][0]["text"], "Hardliners in parliament");
    assert_eq!(line["spans"][0]["label"], "actor");
}

impl Window {
    /// Types `date` into the form's date field `field`, clicks Export and waits for the
    /// report, which it returns.
    fn export_from(&mut self, field: &str, date: &str) -> String {
        self.get_by_label(field).focus();
        self.run_steps(1);
        self.get_by_label(field).type_text(date);
        self.run_steps(2);
        self.get_by_label("Export").click();
        self.run_steps(2);
        self.app().wait_for_task(Duration::from_secs(20));
        self.run_steps(2);
        self.get_by_label("Export finished");
        match self.app().dialog() {
            Some(Dialog::Report { text, .. }) => text.clone(),
            other => panic!("no report: {other:?}"),
        }
    }
}

#[test]
fn the_export_form_writes_the_network_and_the_statements_table_of_a_date_window() {
    let dir = tempfile::tempdir().unwrap();
    let root = project_dir(&dir);
    copy_dir(&common::fixtures().join("statements"), &root);
    let mut window = Window::on(Some(&root), dir.path());

    window.press_with(Modifiers::COMMAND, Key::E);
    window.choose("jsonl", "network");
    window.choose("two-mode", "one-mode");
    let report = window.export_from("from", "2018-06-15");
    // Gold covers only the 14 June article, which the window leaves out.
    assert!(report.contains("congruence network"), "{report}");
    assert!(report.contains("outside the dates"), "{report}");
    // Beside the project, named after it.
    let name = Project::open(&root).unwrap().config().name.clone();
    let graphml =
        std::fs::read_to_string(dir.path().join(format!("{name}-network.graphml"))).unwrap();
    assert!(graphml.contains("<graphml"), "{graphml}");

    // DNA's options: the form offers a one-mode network only the qualifiers and
    // normalisations DNA defines for it.
    window.press(Key::Escape);
    window.press_with(Modifiers::COMMAND, Key::E);
    window.choose("jsonl", "network");
    window.choose("two-mode", "one-mode");
    window.choose("congruence", "conflict");
    window.choose("no", "jaccard");
    let report = window.export_from("from", "2018-06-14");
    assert!(
        report.contains("one-mode conflict network of actors (jaccard)"),
        "{report}"
    );

    // A new form: the statements table of alice's work up to 15 June, done or not.
    window.press(Key::Escape);
    window.press_with(Modifiers::COMMAND, Key::E);
    window.choose("jsonl", "statements");
    window.choose("gold, else the only annotator", "alice");
    window.get_by_label("all annotated").click();
    window.export_from("to", "2018-06-15");
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
    let mut window = Window::on(Some(&root), dir.path());
    let file = dir.path().join("theirs.jsonl");
    std::fs::write(
        &file,
        "{\"id\": 3, \"text\": \"The Tigris Coalition rejected the budget.\", \
         \"label\": [[4, 20, \"organisation\"], [21, 29, \"stance\"]]}\n",
    )
    .unwrap();
    window.app().run(claimspan::ui::Command::Import(vec![file]));
    window.app().wait_for_task(Duration::from_secs(10));
    window.run_steps(2);
    assert!(matches!(
        window.app().dialog(),
        Some(Dialog::AddLabels { .. })
    ));
    let before = window.app().workspace().unwrap().rows().len();
    window.get_by_label("Add and import").click();
    window.run_steps(2);
    window.app().wait_for_task(Duration::from_secs(10));
    window.run_steps(2);
    let ws = window.app().workspace().unwrap();
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
    let (_dir, root, mut window, iran) = on_iran_story();
    window.tag_phrase("Hardliners in parliament", Key::Num1);
    window.tag_phrase("rejected any", Key::S);
    window.press(Key::Enter);
    // An incomplete statement first: the stance has a holder but no claim yet.
    window.press(Key::T);
    window.get_by_label("0 complete, 1 incomplete statement");
    window.get_by_label("— no claim —");
    window.tag_phrase("further talks with Europe", Key::Num3);
    window.press(Key::Enter);
    window.run_steps(2);
    window.get_by_label("1 complete, 0 incomplete statement");

    // The actor: select it from its row, E, and a new entity from its text.
    window.get_by_label("Hardliners in parliament").click();
    window.run_steps(2);
    window.press(Key::E);
    window
        .get_by_label("+ New entity “Hardliners in parliament”")
        .click();
    window.run_steps(3);
    assert_eq!(
        window.actor_entity(&root, &iran).as_deref(),
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
        window
            .query_by_label("+ New entity “Hardliners in parliament”")
            .is_none()
    );
    // Undo takes the assignment back (the entity stays in the project's list), and
    // the entity is offered again, not a new one.
    window.press_with(Modifiers::COMMAND, Key::Z);
    assert_eq!(window.actor_entity(&root, &iran), None);
    window.run_steps(2);
    assert!(
        window
            .query_by_label("+ New entity “Hardliners in parliament”")
            .is_none()
    );
    window
        .get_by_label("→ Hardliners in parliament  (name)")
        .click();
    window.run_steps(3);
    assert_eq!(
        window.actor_entity(&root, &iran).as_deref(),
        Some("hardliners-in-parliament")
    );
}

impl Window {
    /// The entity of the document's actor span, as saved.
    fn actor_entity(&mut self, root: &Path, id: &DocumentId) -> Option<String> {
        let saved = self.on_disk(root, id);
        let actor = saved.spans.iter().find(|s| s.label == "actor").unwrap();
        actor.attributes.get("entity").cloned()
    }
}

fn gold_on_disk(root: &Path, id: &str) -> claimspan::review::Gold {
    let project = Project::open(root).unwrap();
    let path = project.gold_path(&DocumentId::new(id).unwrap());
    claimspan::store::gold::read_gold_file(&path).unwrap()
}

#[test]
fn review_mode_shows_disagreements_and_decisions_write_gold_with_provenance() {
    let (dir, root) = review_project(&["alice", "bob", "carol"]);
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&DocumentId::new("harbour-strike-talks").unwrap());

    // Ctrl+R asks whom to compare; carol is left out.
    window.press_with(Modifiers::COMMAND, Key::R);
    window.get_by_label("Review this document");
    window.get_by_label("carol").click();
    window.run_steps(2);
    // Enter starts it (and does not toggle the checkbox that has the focus).
    window.press(Key::Enter);
    window.run_steps(3);
    // bob tagged “union leader Samir Haddad”, alice “Samir Haddad”.
    window.get_by_label("1 of 1 disagreement open; gold has 0 spans");
    window.get_by_label_contains("edges differ");
    window.get_by_label_contains("alice: actor “Samir Haddad”");

    // A takes alice's version: gold holds it, saying whose it was.
    window.press(Key::A);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 1);
    let span = &gold.annotations.spans[0];
    assert_eq!(span.text, "Samir Haddad");
    let alice = AnnotatorName::new("alice").unwrap();
    assert_eq!(gold.review.provenance[&span.id], [alice]);
    window.get_by_label("0 of 1 disagreement open; gold has 1 span");

    // Undo takes the decision back, in the file too.
    window.press_with(Modifiers::COMMAND, Key::Z);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert!(gold.annotations.spans.is_empty());
    assert!(gold.review.disagreements[0].settled.is_none());

    // Shift+A: everything both made alike; M: a note on the disagreement.
    window.press_with(Modifiers::SHIFT, Key::A);
    assert_eq!(
        gold_on_disk(&root, "harbour-strike-talks")
            .annotations
            .spans
            .len(),
        4
    );
    window.press(Key::M);
    window.type_text("title belongs to the actor");
    window.get_by_label("Save note").click();
    window.run_steps(2);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.review.notes[0].text, "title belongs to the actor");

    // Leaving review mode shows the annotator's own work again.
    window.press_with(Modifiers::COMMAND, Key::R);
    assert!(window.app().workspace().unwrap().review().is_none());
}

/// A window reviewing alice's and bob's work on the harbour strike story.
fn reviewing_harbour_story(root: &Path, data_dir: &Path) -> Window {
    let mut window = Window::on(Some(root), data_dir);
    let id = DocumentId::new("harbour-strike-talks").unwrap();
    window
        .app()
        .run(claimspan::ui::Command::Review(ReviewCommand::Start(
            id,
            vec![
                AnnotatorName::new("alice").unwrap(),
                AnnotatorName::new("bob").unwrap(),
            ],
        )));
    window.run_steps(3);
    window
}

#[test]
fn e_lets_the_reviewer_tag_their_own_version() {
    let (dir, root) = review_project(&["alice", "bob", "carol"]);
    let mut window = reviewing_harbour_story(&root, dir.path());
    // E selects the place of the disagreement (both versions); the reviewer narrows
    // it to “leader Samir Haddad” and tags that as their own version.
    window.press(Key::E);
    assert!(window.app().selection().text().is_some());
    let (start, end) = window.find("leader Samir Haddad");
    window.drag(start, end - 1);
    window.press(Key::Num1);
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
    let (dir, root) = review_project(&["alice", "bob", "carol"]);
    let mut window = Window::on(Some(&root), dir.path());
    window
        .app()
        .run(claimspan::ui::Command::Review(ReviewCommand::ShowAgreement));
    window.app().wait_for_task(Duration::from_secs(20));
    window.run_steps(3);
    window.get_by_label("Agreement");
    window.get_by_label_contains("alice, bob, carol: 2 documents shared by all");
    // Leaving carol out measures again, for alice and bob only.
    window.get_by_label("carol").click();
    window.run_steps(2);
    window.app().wait_for_task(Duration::from_secs(20));
    window.run_steps(3);
    window.get_by_label_contains("alice, bob: ");
    // The last two stay chosen: agreement needs two.
    assert!(window.get_by_label("alice").accesskit_node().is_disabled());
    // Only documents marked done can be chosen as the rule (the imported work is).
    window.get_by_label("documents marked done").click();
    window.run_steps(2);
    window.app().wait_for_task(Duration::from_secs(20));
    window.run_steps(3);
    window.get_by_label_contains("alice, bob: ");
    // Every shared document is listed with its F1; a click reviews it, in front:
    // the window closes.
    let row = window.get_by_label_contains("water-treaty-dispute");
    row.click();
    window.run_steps(3);
    assert!(window.query_by_label_contains("shared by all").is_none());
    let messages = window.app().messages().to_vec();
    let ws = window.app().workspace().unwrap();
    let review = ws.review().unwrap_or_else(|| panic!("{messages:?}"));
    assert_eq!(review.document().id().as_str(), "water-treaty-dispute");
    assert_eq!(review.annotators().len(), 2);
}

#[test]
fn a_gold_span_deleted_in_review_stays_out_and_a_merge_meanwhile_is_not_overwritten() {
    let (dir, root) = review_project(&["alice", "bob", "carol"]);
    let mut window = reviewing_harbour_story(&root, dir.path());
    window.press_with(Modifiers::SHIFT, Key::A);
    let agreed = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(agreed.annotations.spans.len(), 4);

    // The reviewer clicks the first agreed span and deletes it from gold.
    let first = &agreed.annotations.spans[0];
    let at = window.char_center(first.start.0);
    window.click_at(at);
    window.press(Key::Delete);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 3);
    assert_eq!(gold.review.overruled.len(), 1);
    // Shift+A again does not bring it back.
    window.press_with(Modifiers::SHIFT, Key::A);
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
    window.press(Key::A);
    window.run_steps(3);
    window.get_by_label("Changed on disk");
    window.get_by_label("not saved: changed on disk");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    window.get_by_label("Keep mine").click();
    window.run_steps(3);
    window.get_by_label("all changes saved");
    assert_ne!(std::fs::read_to_string(&path).unwrap(), theirs);

    // The panel says what was taken out, and Restore puts it back with its provenance.
    window.get_by_label("Taken out of gold (1)").click();
    window.run_steps(2);
    window.get_by_label("Restore").click();
    window.run_steps(3);
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
    let (_dir, _root, mut window, _iran) = on_iran_story();
    let (start, end) = window.find("Tehran");
    window.drag(start, end - 1);
    assert!(window.app().selection().text().is_some());
    window.get_by_label("Edit").click();
    window.run_steps(2);
    assert!(egui::Popup::is_any_open(&window.ctx), "the menu opened");
    window.press(Key::Escape);
    assert!(
        !egui::Popup::is_any_open(&window.ctx),
        "Esc closed the menu"
    );
    assert!(
        window.app().selection().text().is_some(),
        "the first Esc only closed the menu"
    );
    window.press(Key::Escape);
    assert!(window.app().selection().text().is_none());
}

#[test]
fn change_annotator_can_be_cancelled_by_its_button_or_esc() {
    let (_dir, _root, mut window, _iran) = on_iran_story();
    let before = window.app().prefs().annotator.clone();
    window.app().run(claimspan::ui::Command::ChangeAnnotator);
    window.run_steps(2);
    assert!(matches!(
        window.app().dialog(),
        Some(Dialog::AskName { .. })
    ));
    window.press(Key::Escape);
    assert!(window.app().dialog().is_none(), "Esc cancelled");
    window.app().run(claimspan::ui::Command::ChangeAnnotator);
    window.run_steps(2);
    window.get_by_label("Cancel").click();
    window.run_steps(2);
    assert!(window.app().dialog().is_none(), "Cancel cancelled");
    assert_eq!(window.app().prefs().annotator, before);
}

#[test]
fn the_name_dialog_on_a_first_start_with_a_project_leaves_the_window_idle() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    let mut window = Window::with_prefs(Some(&root), dir.path(), Prefs::default());
    window.run_steps(3);
    assert!(matches!(
        window.app().dialog(),
        Some(Dialog::AskName { .. })
    ));
    // Idle is idle: once drawn, the window asks for no frame until something
    // happens (a field's blinking caret asks for one later, not at once).
    let idle = window.try_run();
    assert!(idle.is_ok(), "the window kept repainting: {idle:?}");
    window.get_by_label("Who is annotating?");
}

#[test]
fn where_no_file_chooser_shows_import_asks_for_a_typed_path() {
    let (dir, _root, mut window, _iran) = on_iran_story();
    let before = window.app().workspace().unwrap().rows().len();
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
    window.app().run(command);
    window.run_steps(2);
    window.get_by_label("Import files");
    // A path that is not there is refused, and said why.
    window.event(egui::Event::Text("/no/such/story.txt".into()));
    window.press(Key::Enter);
    window.run_steps(2);
    let Some(Dialog::TypePath {
        error: Some(error), ..
    }) = window.app().dialog()
    else {
        panic!("not refused: {:?}", window.app().dialog());
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
    window.press_with(Modifiers::COMMAND, Key::A);
    window.event(egui::Event::Text(article.display().to_string()));
    window.press(Key::Enter);
    window.app().wait_for_task(Duration::from_secs(10));
    window.run_steps(3);
    assert!(
        !matches!(window.app().dialog(), Some(Dialog::TypePath { .. })),
        "{:?}",
        window.app().dialog()
    );
    assert!(window.app().workspace().unwrap().rows().len() > before);
}

#[test]
fn reopening_returns_to_the_document_and_the_paragraph_the_user_was_on() {
    let dir = fixture_project();
    let root = project_dir(&dir);
    // A short window, so that the story scrolls.
    let short = |prefs: Prefs| Window::new(1280.0, 420.0, startup(Some(&root), dir.path(), prefs));
    let mut window = short(prefs());
    let iran = document_titled(&root, "Iran warns Europe");
    window.open_document(&iran);
    // Read down the story: its second paragraph at the top.
    let (start, _) = window.find("Exports of crude");
    let text = window.text();
    let chars: Vec<char> = text.chars().collect();
    let paragraph = (0..start)
        .rev()
        .find(|&i| chars[i] == '\n')
        .map_or(0, |i| i + 1);
    let last = CharOffset(paragraph);
    window.app().text_view().scroll_paragraph_to_top(last);
    window.settle();
    assert_eq!(window.app().text_view().top_char(), Some(last));
    let place = window.app().prefs().places.values().next().cloned();
    assert_eq!(
        place,
        Some(claimspan::app::Place {
            document: iran.as_str().to_owned(),
            top: last.0
        })
    );
    // The window is closed and opened again with what it kept.
    let kept = window.app().prefs().clone();
    drop(window);
    let mut window = short(kept);
    window.settle();
    let ws = window.app().workspace().unwrap();
    assert_eq!(ws.current().unwrap().document().id(), &iran);
    assert_eq!(window.app().text_view().top_char(), Some(last));
}

#[test]
fn review_lanes_are_named_by_letter_the_palette_has_the_review_keys_and_the_list_gold_progress() {
    let (dir, root) = review_project(&["alice", "bob", "carol"]);
    let mut window = reviewing_harbour_story(&root, dir.path());
    // Each lane by its letter (the key that takes that version) and name.
    window.get_by_label("▬ A alice");
    window.get_by_label("▬ B bob");
    // The list counts gold reviewed, not the reviewer's own work.
    let total = window.app().workspace().unwrap().rows().len();
    window.get_by_label(&format!("0 of {total} reviewed (gold)"));
    assert!(window.query_all_by_label_contains("no gold yet").count() >= 1);
    // In review mode label keys are digits only, and the palette's review row
    // decides: “B bob” takes bob's version.
    window.get_by_label("1  actor");
    window.get_by_label("N next");
    window.get_by_label("B bob").click();
    window.run_steps(3);
    let gold = gold_on_disk(&root, "harbour-strike-talks");
    assert_eq!(gold.annotations.spans.len(), 1);
    assert_eq!(gold.annotations.spans[0].text, "union leader Samir Haddad");
    window.get_by_label_contains("gold in review, 1 span");
    // Marked reviewed, it counts.
    window.get_by_label("Mark reviewed").click();
    window.run_steps(3);
    window.get_by_label(&format!("1 of {total} reviewed (gold)"));
    window.get_by_label_contains("gold reviewed, 1 span");
}

#[test]
fn the_guidelines_tab_renders_markdown() {
    let (_dir, _root, mut window, _iran) = on_iran_story();
    window.app().run(claimspan::ui::Command::ShowTab(
        claimspan::ui::side_panel::SideTab::Guidelines,
    ));
    window.run_steps(3);
    // A heading, not a line starting with “#”; bold words without their stars.
    window.get_by_label("Coding guidelines");
    assert!(window.query_by_label_contains("# Coding").is_none());
    assert!(window.query_by_label_contains("**").is_none());
    window.get_by_label("actor");
}
