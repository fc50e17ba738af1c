//! Suggestions in the window: learnt in the background from a colleague's done
//! article, drawn in the next one, accepted with Y (its origin on disk), turned down
//! with X (remembered on disk), stepped with ] and [, accepted all at once, undone.

use super::fixture::Window;
use claimspan::model::{
    Annotations, AnnotatorName, CharOffset, DocumentId, NewSpan, ORIGIN, Status,
};
use claimspan::store::{IfOnDisk, NewArticle, Project, WriteBatch};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

const FIRST: &str = "Dariush Kamali, the oil minister, opposed new sanctions on Sunday.";
const SECOND: &str = "New sanctions were debated again. Dariush Kamali said sanctions would fail.";

/// A project of two articles; alice tagged the first and marked it done.
fn project() -> (tempfile::TempDir, std::path::PathBuf, DocumentId) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut project = Project::init(&root).unwrap();
    let mut batch = WriteBatch::new();
    let mut add = |title: &str, text: &str| {
        let new = NewArticle {
            text: text.into(),
            title: title.into(),
            date: Some("2018-06-14".into()),
            original_file: "wire.txt".into(),
            ..NewArticle::default()
        };
        project.add_article(new, &mut batch).unwrap().id().clone()
    };
    let first = add("Minister opposes sanctions", FIRST);
    let second = add("Sanctions debated", SECOND);
    add(
        "Budget debated",
        "The budget was debated again in parliament.",
    );
    batch.finish().unwrap();
    let document = project.load_document(&first).unwrap();
    let mut a = Annotations::new(&document, AnnotatorName::new("alice").unwrap());
    for (phrase, label) in [("Dariush Kamali", "actor"), ("sanctions", "claim")] {
        // ASCII: bytes are chars.
        let start = FIRST.find(phrase).unwrap();
        let end = start + phrase.len();
        let new = NewSpan::new(CharOffset(start), CharOffset(end), label);
        a.add_span(&document, project.schema(), new).unwrap();
    }
    a.status = Status::Done;
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    (dir, root, second)
}

/// A window on `root` that offers every recommender, whatever its measure.
fn offering_all(root: &std::path::Path, data: &std::path::Path) -> Window {
    let prefs = claimspan::app::Prefs {
        suggestion_threshold: 0.0,
        ..super::fixture::prefs()
    };
    Window::with_prefs(Some(root), data, prefs)
}

/// The third article of [`project`], “Budget debated”.
fn budget(root: &std::path::Path) -> DocumentId {
    Project::open(root)
        .unwrap()
        .articles()
        .find(|m| m.title == "Budget debated")
        .unwrap()
        .id
        .clone()
}

/// The label `text` is offered with, once it is (waiting for the window to learn).
fn label_offered(window: &mut Window, text: &str) -> String {
    window.until(|app| {
        app.offered()
            .is_some_and(|o| o.items().iter().any(|s| s.text == text))
    });
    let offered = window.app().offered().unwrap().items().to_vec();
    offered
        .iter()
        .find(|s| s.text == text)
        .unwrap()
        .label
        .clone()
}

fn offered_texts(window: &mut Window) -> Vec<String> {
    window
        .app()
        .offered()
        .map(|o| o.items().iter().map(|s| s.text.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn y_accepts_with_its_origin_x_turns_down_for_good_and_undo_takes_both_back() {
    let (dir, root, second) = project();
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&second);
    window.until(|app| app.offered().is_some_and(|o| !o.items().is_empty()));
    assert_eq!(
        offered_texts(&mut window),
        ["sanctions", "Dariush Kamali", "sanctions"]
    );

    // ] looks at the first, ] again at the second: the name.
    window.press(Key::CloseBracket);
    window.press(Key::CloseBracket);
    let looked = window.app().offered().unwrap().current().unwrap().clone();
    assert_eq!(looked.text, "Dariush Kamali");
    window.get_by_label_contains("Suggestion 2 of 3");
    window.press(Key::Y);
    let on_disk = window.on_disk(&root, &second);
    assert_eq!(on_disk.spans.len(), 1);
    let span = &on_disk.spans[0];
    assert_eq!(
        (span.text.as_str(), span.label.as_str()),
        ("Dariush Kamali", "actor")
    );
    assert_eq!(
        span.attributes.get(ORIGIN).map(String::as_str),
        Some("suggestion:strings")
    );
    // The look moved on to the next one; X turns it down, on disk.
    let next = window.app().offered().unwrap().current().unwrap().clone();
    let last = SECOND.rfind("sanctions").unwrap();
    assert_eq!(
        (next.text.as_str(), next.start),
        ("sanctions", CharOffset(last))
    );
    window.press(Key::X);
    let on_disk = window.on_disk(&root, &second);
    assert_eq!(on_disk.rejected.len(), 1);
    assert_eq!(on_disk.rejected[0].start, CharOffset(last));
    assert_eq!(offered_texts(&mut window), ["sanctions"]);

    // Reopened: the turned-down one is not offered again.
    drop(window);
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&second);
    window.until(|app| app.offered().is_some_and(|o| !o.items().is_empty()));
    assert_eq!(offered_texts(&mut window), ["sanctions"]);

    // [ looks at the last one (the only one); Enter accepts it with no link offered.
    window.press(Key::OpenBracket);
    window.press(Key::Enter);
    assert_eq!(window.on_disk(&root, &second).spans.len(), 2);
    assert!(offered_texts(&mut window).is_empty());
    // Undo, twice in this window: the accepted one goes, and is offered again.
    window.press_with(Modifiers::COMMAND, Key::Z);
    window.run_steps(2);
    assert_eq!(window.on_disk(&root, &second).spans.len(), 1);
    assert_eq!(offered_texts(&mut window), ["sanctions"]);
}

#[test]
fn accept_all_above_a_score_tags_them_in_one_step_of_undo() {
    let (dir, root, second) = project();
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&second);
    window.until(|app| app.offered().is_some_and(|o| !o.items().is_empty()));
    // The Spans tab's row: all three score 1.0, above its 0.80.
    window.get_by_label_contains("3 suggestions (dashed)");
    window.get_by_label_contains("Accept all scored at least 0.80");
    window.get_by_label("Accept 3").click();
    window.run_steps(2);
    let on_disk = window.on_disk(&root, &second);
    assert_eq!(on_disk.spans.len(), 3);
    assert!(
        on_disk
            .spans
            .iter()
            .all(|s| s.attributes.contains_key(ORIGIN))
    );
    assert!(offered_texts(&mut window).is_empty());
    window.press_with(Modifiers::COMMAND, Key::Z);
    window.run_steps(2);
    // Nothing left to keep: the file the accepting made is gone again.
    assert!(window.saved(&root, &second).is_none());
    assert_eq!(
        offered_texts(&mut window).len(),
        3,
        "offered again after undo"
    );
}

#[test]
fn a_document_marked_done_is_learnt_from_for_the_next() {
    let (dir, root, second) = project();
    // Two done articles are cross-validated, and two are too few for the matcher to
    // reach the default threshold; this test is about what it learns.
    let mut window = offering_all(&root, dir.path());
    window.open_document(&second);
    window.until(|app| app.offered().is_some_and(|o| !o.items().is_empty()));
    // The tester tags “debated” as a stance, which alice never did, and marks the
    // article done.
    let (start, end) = window.find("debated");
    window.drag(start, end - 1);
    window.press(Key::Num2);
    window.press_with(Modifiers::COMMAND, Key::Enter);
    let done = window.on_disk(&root, &second);
    assert_eq!(done.status, Status::Done);
    let budget = budget(&root);
    window.open_document(&budget);
    assert_eq!(label_offered(&mut window, "debated"), "stance");
}

#[test]
fn a_models_predictions_kept_in_the_project_are_offered_beside_the_matchers() {
    let (dir, root, second) = project();
    // A model's predictions for the second article, as `import --as-suggestions
    // --from llm` keeps them: the name (which the matcher offers too, surer: alice
    // tagged it wherever it occurred) and "said", which nothing else offers.
    let project = Project::open(&root).unwrap();
    let document = project.load_document(&second).unwrap();
    let mut set = claimspan::store::SuggestionSet::new(&document, "llm");
    for (phrase, label, score) in [("Dariush Kamali", "actor", 0.97), ("said", "stance", 0.6)] {
        let start = SECOND.find(phrase).unwrap();
        set.spans.push(claimspan::store::Suggested {
            start: CharOffset(start),
            end: CharOffset(start + phrase.len()),
            label: label.into(),
            score: Some(score),
            text: phrase.into(),
        });
    }
    project.save_suggestions(&set, None).unwrap();
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&second);
    window.until(|app| app.offered().is_some_and(|o| o.items().len() == 4));
    let offered: Vec<(String, String)> = window
        .app()
        .offered()
        .unwrap()
        .items()
        .iter()
        .map(|s| (s.text.clone(), s.recommender.to_string()))
        .collect();
    assert_eq!(
        offered,
        [
            ("sanctions".into(), "strings".into()),
            ("Dariush Kamali".into(), "strings".into()),
            ("said".into(), "llm".into()),
            ("sanctions".into(), "strings".into()),
        ],
        "one offer a place, the surer kept"
    );
    // A hover names what is suggested there, with its score and source.
    let (start, _) = window.find("said");
    let at = window.char_center(start + 1);
    window.hover_at(at);
    // A tooltip waits for the pointer to rest.
    for _ in 0..12 {
        std::thread::sleep(std::time::Duration::from_millis(60));
        window.step();
    }
    window.get_by_label_contains("suggested stance (score 0.60, from llm): “said”");
    window.press(Key::CloseBracket);
    window.press(Key::CloseBracket);
    window.press(Key::CloseBracket);
    window.get_by_label_contains("Suggestion 3 of 4: “said” as stance (score 0.60, from llm)");
    window.press(Key::Y);
    let on_disk = window.on_disk(&root, &second);
    assert_eq!(on_disk.spans.len(), 1);
    assert_eq!(on_disk.spans[0].text, "said");
    assert_eq!(
        on_disk.spans[0].attributes.get(ORIGIN).map(String::as_str),
        Some("suggestion:llm")
    );
    // The model's file is as it was: a suggestion accepted is the annotator's span.
    let again = project.load_suggestions("llm", &document).unwrap().unwrap();
    assert_eq!(again, set);
}

/// A new project of one story a text, titled `Story i`, and their ids in order.
fn stories(
    texts: &[&str],
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Project,
    Vec<DocumentId>,
) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut project = Project::init(&root).unwrap();
    let mut batch = WriteBatch::new();
    let ids: Vec<DocumentId> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let new = NewArticle {
                text: (*text).into(),
                title: format!("Story {i}"),
                original_file: format!("wire-{i}.txt"),
                ..NewArticle::default()
            };
            project.add_article(new, &mut batch).unwrap().id().clone()
        })
        .collect();
    batch.finish().unwrap();
    (dir, root, project, ids)
}

/// A project where the string matcher is measured poorly: alice tagged “Kamali” in
/// one done article, and left it untagged in two others she also marked done; a
/// fourth, to do, names him again.
fn poorly_measured() -> (tempfile::TempDir, std::path::PathBuf, DocumentId) {
    let (dir, root, mut project, ids) = stories(&[
        "Kamali opposed new sanctions on Sunday.",
        "Kamali was abroad; the talks went on.",
        "Reporters asked about Kamali again.",
        "On Friday Kamali said sanctions would fail.",
    ]);
    for (i, id) in ids.iter().take(3).enumerate() {
        let document = project.load_document(id).unwrap();
        let mut a = Annotations::new(&document, AnnotatorName::new("alice").unwrap());
        if i == 0 {
            let new = NewSpan::new(CharOffset(0), CharOffset(6), "actor");
            a.add_span(&document, project.schema(), new).unwrap();
        }
        a.status = Status::Done;
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    }
    (dir, root, ids[3].clone())
}

#[test]
fn a_recommender_measured_below_the_threshold_is_off_until_the_threshold_lets_it_on() {
    let (dir, root, todo) = poorly_measured();
    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&todo);
    window.until(|app| app.suggestion_quality().is_some());
    let quality = window.app().suggestion_quality().unwrap().clone().unwrap();
    let f1 = quality.honest("strings").unwrap().overall.f1.unwrap();
    assert!(f1 < 0.5, "{}", quality.to_table());
    window.run_steps(2);
    assert!(window.app().offered().unwrap().items().is_empty());
    window.get_by_label_contains("Not offered: strings is off (F1");

    // Review → Suggestions… shows the table the command line prints, and its
    // threshold lets the matcher on.
    window.get_by_label("Review").click();
    window.run_steps(2);
    window.get_by_label("Suggestions…").click();
    window.run_steps(3);
    window.get_by_label_contains("strings: off (F1");
    window.get_by_label_contains("Measured on 3 done documents");
    window
        .get_by_role_and_label(
            egui::accesskit::Role::Slider,
            "Offer a recommender when its F1 is at least",
        )
        .focus();
    // A person's key comes frames after the focus, when the slider holds the arrows.
    window.run_steps(3);
    for _ in 0..10 {
        window.key_press(Key::ArrowLeft);
        window.run_steps(1);
    }
    window.run_steps(2);
    assert_eq!(window.app().prefs().suggestion_threshold, 0.0);
    window.get_by_label_contains("strings: on (F1");
    // The tagger, measured too, is on at 0 as well; the matcher offers the name.
    let offered: Vec<String> = window
        .app()
        .offered()
        .unwrap()
        .items()
        .iter()
        .filter(|s| &*s.recommender == "strings")
        .map(|s| s.text.clone())
        .collect();
    assert_eq!(offered, ["Kamali"]);
    // Learning again after more work is a button away.
    window.get_by_label("Learn and measure again").click();
    window.run_steps(2);
    window.until(|app| app.suggestion_quality().is_some() && app.offered().is_some());
}

#[test]
fn accepting_a_stance_offers_its_link_to_the_actor_and_enter_makes_it() {
    let texts = [
        "Kamali rejected the sanctions on Sunday.",
        "Later Kamali rejected the sanctions again.",
    ];
    let (dir, root, mut project, ids) = stories(&texts);
    let document = project.load_document(&ids[0]).unwrap();
    let mut a = Annotations::new(&document, AnnotatorName::new("alice").unwrap());
    let mut tag = |phrase: &str, label: &str| {
        let start = texts[0].find(phrase).unwrap();
        let new = NewSpan::new(CharOffset(start), CharOffset(start + phrase.len()), label);
        a.add_span(&document, project.schema(), new).unwrap()
    };
    let (actor, stance, claim) = (
        tag("Kamali", "actor"),
        tag("rejected", "stance"),
        tag("the sanctions", "claim"),
    );
    a.add_link(project.schema(), actor, stance).unwrap();
    a.add_link(project.schema(), stance, claim).unwrap();
    a.status = Status::Done;
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();

    let mut window = Window::on(Some(&root), dir.path());
    window.open_document(&ids[1]);
    window.until(|app| app.offered().is_some_and(|o| o.items().len() == 3));
    assert_eq!(
        offered_texts(&mut window),
        ["Kamali", "rejected", "the sanctions"]
    );
    // Y takes the actor; nothing to link it to yet. Y takes the stance: its actor
    // is offered, and Enter links them.
    window.press(Key::Y);
    assert!(window.app().link_offer().is_none());
    window.press(Key::Y);
    let offer = window.app().link_offer().unwrap().text.clone();
    assert_eq!(offer, "“Kamali” —holds→ “rejected”");
    window.get_by_label_contains("links “Kamali” —holds→ “rejected” (suggested");
    window.press(Key::Enter);
    // Y takes the claim, whose link to the stance is offered; Enter again.
    window.press(Key::Y);
    assert_eq!(
        window.app().link_offer().unwrap().text,
        "“rejected” —about→ “the sanctions”"
    );
    window.press(Key::Enter);
    let on_disk = window.on_disk(&root, &ids[1]);
    assert_eq!(on_disk.spans.len(), 3);
    let links: Vec<&str> = on_disk.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(links, ["holds", "about"], "a statement in five keys");
}

#[test]
fn a_document_a_colleague_marks_done_is_learnt_from_without_reopening() {
    let (dir, root, second) = project();
    let mut window = offering_all(&root, dir.path());
    let budget = budget(&root);
    window.open_document(&budget);
    window.until(|app| app.suggestion_quality().is_some() && app.offered().is_some());
    assert!(!offered_texts(&mut window).contains(&"debated".to_owned()));

    // Bob, in another window or another clone, tags “debated” as a stance in the
    // second article and marks it done.
    let project = Project::open(&root).unwrap();
    let document = project.load_document(&second).unwrap();
    let mut bob = Annotations::new(&document, AnnotatorName::new("bob").unwrap());
    let start = SECOND.find("debated").unwrap();
    let new = NewSpan::new(CharOffset(start), CharOffset(start + 7), "stance");
    bob.add_span(&document, project.schema(), new).unwrap();
    bob.status = Status::Done;
    let mut project = project;
    project.save_annotations(&bob, IfOnDisk::Anything).unwrap();

    assert_eq!(label_offered(&mut window, "debated"), "stance");
}
