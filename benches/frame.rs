//! Speed of the window: one whole frame of the real `App` (layout, painting and
//! tessellation in a headless egui context, no GPU) on a short article and on a
//! book-length one, tagging in the long one, and opening it.
//! Run with `cargo bench --bench frame`.
//!
//! - `frame/small`: a 5 KB article with 20 spans, scrolled to the middle;
//! - `frame/large`: a 5 MB article with 100,000 spans, scrolled to the middle;
//! - `frame/large_mixed`: the same size and spans, with a third of the paragraphs
//!   mixed Arabic and English (quotes, a number inside Arabic, spans across the
//!   change of direction), scrolled to the middle;
//! - `frame/tag_large`: in the large article, a selection tagged with key 1, from the
//!   key press to the next frame drawn;
//! - `frame/autosave_large`: the frame in which autosave starts after a pause in
//!   editing the large article;
//! - `frame/open_large`: from choosing the large article in the list to the first
//!   frame with its text;
//! - `frame/open_project_10k`: from starting the window on a project of 10,000
//!   annotated articles to the first frame with the list and a document;
//! - `frame/network_1000_nodes_10k_ties`: the Network view of 1,000 nodes and
//!   10,000 ties over the article, the pointer moving across the drawing.

// A test stops at the first thing that is not as it should be.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use claimspan::app::{App, Prefs, Startup};
use claimspan::model::{
    Annotations, AnnotatorName, CharOffset, Document, DocumentId, EntityKind, Registry, Span,
    SpanId, Status,
};
use claimspan::session::workspace::DEFAULT_DEBOUNCE;
use claimspan::store::{IfOnDisk, NewArticle, Project, WriteBatch};
use claimspan::ui::Command;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, pos2, vec2};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::{Coded, add_story, code_statements, story_with_paragraphs};

const ANNOTATOR: &str = "bench";

/// The app in a headless egui context, fed frames as eframe would.
struct Window {
    ctx: egui::Context,
    app: App,
    time: f64,
}

impl Window {
    fn open(root: &Path, data: &Path) -> Self {
        let ctx = egui::Context::default();
        let app = App::new(
            &ctx,
            None,
            Startup {
                path: Some(root.to_owned()),
                prefs: Some(Prefs {
                    annotator: Some(ANNOTATOR.into()),
                    ..Prefs::default()
                }),
                data_dir: Some(data.to_owned()),
                debounce: None,
                colleagues_every: None,
            },
        );
        let mut window = Self {
            ctx,
            app,
            time: 0.0,
        };
        // The pointer rests over the article, so hover work is part of every frame.
        window.frame(vec![Event::PointerMoved(pos2(640.0, 420.0))]);
        window
    }

    /// One frame: the app's layout and painting, then tessellation into meshes.
    fn frame(&mut self, events: Vec<Event>) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            focused: true,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
    }

    /// Frames until the view is still (heights measured, scrolling done).
    fn settle(&mut self) {
        for _ in 0..12 {
            self.frame(Vec::new());
        }
    }

    fn open_document(&mut self, id: &DocumentId) {
        self.app.run(Command::OpenDocument(id.clone()));
        self.frame(Vec::new());
    }

    fn scroll_to_middle(&mut self) {
        let middle = self
            .app
            .workspace()
            .and_then(|ws| ws.current())
            .map_or(0, |open| open.document().char_len() / 2);
        self.app.text_view().scroll_to_char(CharOffset(middle));
        self.settle();
    }
}

/// Selects the next three words in the second half of the article: no generated span
/// has that shape, so tagging it always makes a new span.
fn select_next(window: &mut Window, words: &[(usize, usize)], next: &mut usize) {
    let middle = words.len() / 2;
    let at = middle + (*next * 3) % (middle - 3);
    *next += 1;
    let (first, last) = (words[at], words[at + 2]);
    window
        .app
        .select_text(CharOffset(first.0), CharOffset(last.1));
}

fn key(key: Key, pressed: bool) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

/// Where each word of `text` starts and ends, in chars.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.chars().count()));
    }
    words
}

/// `count` spans over `document`: single-word actors and stances, and four-word
/// claims that contain them, so spans overlap and nest as they do in real work.
fn spans_over(document: &Document, count: usize) -> Vec<Span> {
    let words = words(document.text());
    let step = (words.len() / count.max(1)).max(1);
    let mut spans = Vec::with_capacity(count);
    for (n, w) in words.iter().step_by(step).enumerate().take(count) {
        let index = n * step;
        let (label, start, end) = match n % 3 {
            0 => ("actor", w.0, w.1),
            1 => ("stance", w.0, w.1),
            _ => {
                let last = words[(index + 3).min(words.len() - 1)];
                ("claim", w.0, last.1)
            }
        };
        let mut attributes = std::collections::BTreeMap::new();
        if label == "stance" {
            attributes.insert("polarity".to_owned(), "oppose".to_owned());
        }
        spans.push(Span {
            id: SpanId(n as u32 + 1),
            start: CharOffset(start),
            end: CharOffset(end),
            label: label.to_owned(),
            text: document
                .slice(CharOffset(start), CharOffset(end))
                .unwrap_or_default()
                .to_owned(),
            attributes,
            note: String::new(),
            anchor: None,
        });
    }
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    spans
}

/// Arabic words and quotes put into the mixed paragraphs: a number inside Arabic,
/// لا (a ligature), harakat, guillemets, so bidi runs and clusters of every kind are
/// laid out.
const ARABIC: [&str; 8] = [
    "«لا تَنازُلَ عن الماء»",
    "وقال",
    "المتحدث",
    "«المنطقة رقم 12 جنوب العاصمة»",
    "الحكومة",
    "البرلمان",
    "«نعم»",
    "العقوبات",
];

/// `story` with every third paragraph mixed: one word in three replaced by Arabic,
/// then cut back at a paragraph end to no more than `bytes`, so it is as large as the
/// English one.
fn mixed(story: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes);
    let mut k = 0usize;
    for (p, paragraph) in story.split('\n').enumerate() {
        let mut line = String::with_capacity(paragraph.len() * 2);
        for (w, word) in paragraph.split(' ').enumerate() {
            if w > 0 {
                line.push(' ');
            }
            if p % 3 == 1 && w % 3 == 1 {
                line.push_str(ARABIC[k % ARABIC.len()]);
                k += 1;
            } else {
                line.push_str(word);
            }
        }
        if text.len() + line.len() + 1 > bytes {
            break;
        }
        if p > 0 {
            text.push('\n');
        }
        text.push_str(&line);
    }
    text
}

/// The ids of the bench's articles.
struct Articles {
    small: DocumentId,
    large: DocumentId,
    large_mixed: DocumentId,
}

/// A project with the three articles, each annotated.
fn project(root: &Path) -> Articles {
    let mut project = Project::init(root).expect("a project in a fresh folder");
    let mut batch = WriteBatch::new();
    let mut add = |id: &str, text: String, spans: usize| {
        let new = NewArticle {
            text,
            title: id.to_owned(),
            id: Some(DocumentId::new(id).expect("a valid id")),
            original_file: "bench.txt".into(),
            ..NewArticle::default()
        };
        let id = project
            .add_article(new, &mut batch)
            .expect("the article is added")
            .id()
            .clone();
        let document = project.load_document(&id).expect("the article reads");
        let mut annotations = Annotations::new(
            &document,
            AnnotatorName::new(ANNOTATOR).expect("a valid name"),
        );
        annotations.spans = spans_over(&document, spans);
        annotations.status = Status::InProgress;
        project
            .save_annotations(&annotations, IfOnDisk::Anything)
            .expect("the annotations save");
        id
    };
    // Paragraphs of about 60 words, as in wire copy.
    let small = add("a-small", story_with_paragraphs(1, 5_000, 60), 20);
    let large = add("b-large", story_with_paragraphs(2, 5_000_000, 60), 100_000);
    let large_mixed = add(
        "c-large-mixed",
        mixed(&story_with_paragraphs(3, 5_000_000, 60), 5_000_000),
        100_000,
    );
    batch.finish().expect("the articles are written");
    Articles {
        small,
        large,
        large_mixed,
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    small: DocumentId,
    large: DocumentId,
    large_mixed: DocumentId,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("project");
    let Articles {
        small,
        large,
        large_mixed,
    } = project(&root);
    Setup {
        _dir: dir,
        root,
        small,
        large,
        large_mixed,
    }
}

fn frames(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("frame");
    group.measurement_time(Duration::from_secs(8));

    let mut window = Window::open(&s.root, s._dir.path());
    // The large article last: tagging goes on in it.
    for (name, id) in [
        ("small", &s.small),
        ("large_mixed", &s.large_mixed),
        ("large", &s.large),
    ] {
        window.open_document(id);
        window.scroll_to_middle();
        group.bench_function(name, |b| b.iter(|| window.frame(Vec::new())));
    }

    let text_words = {
        let ws = window.app.workspace().expect("the project is open");
        words(ws.current().expect("a document is open").document().text())
    };
    let mut next = 0usize;
    group.bench_function("tag_large", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                // Selecting and scrolling to it is not part of what is measured.
                select_next(&mut window, &text_words, &mut next);
                window.settle();
                let started = Instant::now();
                window.frame(vec![key(Key::Num1, true), key(Key::Num1, false)]);
                window.frame(Vec::new());
                spent += started.elapsed();
            }
            spent
        })
    });
    // The frame in which autosave starts after a pause: it hands the edits to the
    // writer thread.
    group.sample_size(20);
    group.bench_function("autosave_large", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                select_next(&mut window, &text_words, &mut next);
                window.frame(vec![key(Key::Num1, true), key(Key::Num1, false)]);
                window.frame(Vec::new());
                std::thread::sleep(DEFAULT_DEBOUNCE + Duration::from_millis(20));
                let started = Instant::now();
                window.frame(Vec::new());
                spent += started.elapsed();
                window.app.flush();
            }
            spent
        })
    });
    let spans = window
        .app
        .workspace()
        .and_then(|ws| ws.current())
        .map_or(0, |open| open.annotations().spans.len());
    // Each tag must have made a new span (a refused tag would measure nothing).
    assert_eq!(spans, 100_000 + next, "every tag added a span");
    drop(window);

    group.sample_size(10);
    group.bench_function("open_large", |b| {
        b.iter_batched(
            || {
                let mut window = Window::open(&s.root, s._dir.path());
                window.open_document(&s.small);
                window.settle();
                window
            },
            |mut window| {
                window.open_document(&s.large);
                window
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// A project of `docs` short articles, each with 20 spans by the bench annotator.
fn many_documents(root: &Path, docs: usize) {
    let mut project = Project::init(root).expect("a project in a fresh folder");
    let mut batch = WriteBatch::new();
    let annotator = AnnotatorName::new(ANNOTATOR).expect("a valid name");
    for i in 0..docs {
        let document = add_story(&mut project, &mut batch, i, 5_000, 60);
        let mut annotations = Annotations::new(&document, annotator.clone());
        annotations.spans = spans_over(&document, 20);
        annotations.status = if i % 3 == 0 {
            Status::Done
        } else {
            Status::InProgress
        };
        project
            .add_imported_annotations(&annotations, &mut batch)
            .expect("the annotations are written");
    }
    batch.finish().expect("the project is written");
}

fn open_project(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("project");
    many_documents(&root, 10_000);
    let mut group = c.benchmark_group("frame");
    group.sample_size(10);
    group.bench_function("open_project_10k", |b| {
        b.iter(|| {
            let mut window = Window::open(&root, dir.path());
            assert_eq!(
                window.app.workspace().map(|ws| ws.rows().len()),
                Some(10_000)
            );
            window.frame(Vec::new());
            window
        })
    });
    group.finish();
}

/// A project of 1,000 articles with 10 statements each: 500 actor entities, each
/// coding 20 of 500 claim categories, so the two-mode network has 1,000 nodes and
/// 10,000 ties.
fn coded_project(root: &Path) {
    let mut project = Project::init(root).expect("a project in a fresh folder");
    let mut registry = Registry::default();
    let entities: Vec<String> = (0..500)
        .map(|a| {
            let id = registry.add_entity(&format!("Actor {a}"), EntityKind::Organisation);
            id.expect("a new entity").to_string()
        })
        .collect();
    let categories: Vec<String> = (0..500)
        .map(|c| {
            let id = registry.add_category(&format!("Claim {c}"), None);
            id.expect("a new category").to_string()
        })
        .collect();
    let mut batch = WriteBatch::new();
    project
        .save_registry_in(&registry, &mut batch)
        .expect("the registry is written");
    let schema = project.schema().clone();
    let annotator = AnnotatorName::new(ANNOTATOR).expect("a valid name");
    for i in 0..1_000 {
        let document = add_story(&mut project, &mut batch, i, 1_500, 60);
        let mut annotations = Annotations::new(&document, annotator.clone());
        let coded: Vec<Coded<'_>> = (0..10)
            .map(|s| {
                let k = i * 10 + s;
                Coded {
                    entity: &entities[k % 500],
                    polarity: if k % 3 == 0 { "oppose" } else { "support" },
                    category: &categories[(k / 500 * 37 + k % 500) % 500],
                }
            })
            .collect();
        code_statements(&document, &mut annotations, &schema, &coded);
        // Done: what the window learns its suggestions from.
        annotations.status = claimspan::model::Status::Done;
        project
            .add_imported_annotations(&annotations, &mut batch)
            .expect("the annotations are written");
    }
    batch.finish().expect("the project is written");
}

/// Frames of the Network view over 1,000 nodes and 10,000 ties, the pointer
/// moving over the drawing (so every frame looks for the node under it).
fn network_view(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("project");
    coded_project(&root);
    let mut window = Window::open(&root, dir.path());
    window.app.run(Command::Review(
        claimspan::ui::command::ReviewCommand::ShowNetwork,
    ));
    window.app.wait_for_task(Duration::from_secs(120));
    window.settle();
    let scene = window.app.network_scene().expect("the network is drawn");
    assert_eq!(scene.nodes.len(), 1_000);
    assert_eq!(scene.frames[0].ties.len(), 10_000);
    let mut group = c.benchmark_group("frame");
    let mut x = 0.0;
    group.bench_function("network_1000_nodes_10k_ties", |b| {
        b.iter(|| {
            x = (x + 7.0) % 600.0;
            window.frame(vec![Event::PointerMoved(pos2(300.0 + x, 400.0))]);
        })
    });
    group.finish();
}

/// Frames of a 1,500-byte article while the window learns its suggestions from
/// 1,000 done articles (30 spans each) on another thread — the matcher, the tagger
/// and their 5-fold measure, started again whenever it ends — against the same
/// frames once it has learnt: what learning in the background costs a frame.
fn while_learning(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("project");
    coded_project(&root);
    let mut group = c.benchmark_group("frame");
    group.measurement_time(Duration::from_secs(4));
    let mut window = Window::open(&root, dir.path());
    let first = window
        .app
        .workspace()
        .and_then(|ws| ws.rows().first().map(|r| r.id.clone()))
        .expect("a document");
    window.open_document(&first);
    assert!(window.app.is_learning_suggestions(), "learning has started");
    // Learning again whenever it ends, so that every frame measured has it beside.
    let mut again = 0;
    group.bench_function("small_while_learning", |b| {
        b.iter(|| {
            if !window.app.is_learning_suggestions() {
                window.app.run(Command::Review(
                    claimspan::ui::command::ReviewCommand::MeasureSuggestions,
                ));
                again += 1;
            }
            window.frame(Vec::new())
        })
    });
    eprintln!("learnt again {again} times while frames were measured");
    let started = std::time::Instant::now();
    while window.app.is_learning_suggestions() && started.elapsed() < Duration::from_secs(300) {
        window.frame(Vec::new());
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("learnt {:.1?} after the measure", started.elapsed());
    group.bench_function("small_after_learning", |b| {
        b.iter(|| window.frame(Vec::new()))
    });
    group.finish();
}

criterion_group!(benches, frames, open_project, network_view, while_learning);
criterion_main!(benches);
