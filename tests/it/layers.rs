//! The layer rule of ARCHITECTURE.md, checked rather than hoped: each folder of
//! `src/` uses only the layers below it, and only `ui/` and `app/` use egui.
//!
//! A use is any `crate::NAME` outside a comment in a file of a layer (`use` lines,
//! paths written inline, macros). Within one layer everything may use everything.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom up; a layer may use those before it.
const LAYERS: [&str; 10] = [
    "model", "store", "review", "formats", "suggest", "session", "ui", "app", "terminal", "cli",
];

/// The layers that may use egui and eframe.
const WINDOW: [&str; 2] = ["ui", "app"];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

/// The layer of a file by its path under `src/`: its folder, or the file's stem for
/// a file at the top (`cli.rs`); `None` for `lib.rs` and `main.rs`, which only name
/// the layers.
fn layer_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (name != "lib" && name != "main").then_some(name)
}

/// Every `crate::NAME` in the code (not the comments) of `text`.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((i + 1, name));
            }
            rest = after;
        }
    }
    found
}

fn uses_egui(text: &str) -> Option<usize> {
    text.lines().position(|line| {
        let code = line.split("//").next().unwrap_or_default();
        [
            "egui::",
            "eframe::",
            "egui_extras::",
            "egui_plot::",
            "use egui",
            "use eframe",
        ]
        .iter()
        .any(|p| code.contains(p))
    })
}

/// Each use against the rule in `files` (path under `src/`, content), as a sentence.
fn violations(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let Some(layer) = layer_of(path) else {
            continue;
        };
        let Some(own) = rank(&layer) else {
            found.push(format!(
                "{}: the layer “{layer}” is not in the order of tests/it/layers.rs; add it there and in ARCHITECTURE.md",
                path.display()
            ));
            continue;
        };
        for (line, used) in uses(text) {
            match rank(&used) {
                Some(r) if r > own => found.push(format!(
                    "{}:{line}: {layer} uses {used}, which is above it",
                    path.display()
                )),
                _ => {}
            }
        }
        if !WINDOW.contains(&layer.as_str())
            && let Some(line) = uses_egui(text)
        {
            found.push(format!(
                "{}:{}: {layer} uses egui; only ui/ and app/ may",
                path.display(),
                line + 1
            ));
        }
    }
    found
}

fn sources(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            out.push((path.strip_prefix(root).unwrap().to_owned(), text));
        }
    }
}

#[test]
fn every_layer_uses_only_those_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &root, &mut files);
    assert!(files.len() > 100, "read {} files", files.len());
    let found = violations(&files);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn an_upward_or_window_use_is_caught() {
    let files = vec![
        (
            PathBuf::from("formats/export/x.rs"),
            "use crate::model::Span;\nuse crate::session::Workspace;\n".to_owned(),
        ),
        (
            PathBuf::from("review/y.rs"),
            "// crate::session in a comment is no use\nfn f() { crate::session::go() }\n"
                .to_owned(),
        ),
        (
            PathBuf::from("model/z.rs"),
            "fn paint(ui: &mut egui::Ui) {}\n".to_owned(),
        ),
        (
            PathBuf::from("ui/w.rs"),
            "use crate::session::Workspace;\nuse egui::Ui;\n".to_owned(),
        ),
        (PathBuf::from("plugins/p.rs"), String::new()),
    ];
    let found = violations(&files);
    assert_eq!(
        found,
        [
            "formats/export/x.rs:2: formats uses session, which is above it",
            "review/y.rs:2: review uses session, which is above it",
            "model/z.rs:1: model uses egui; only ui/ and app/ may",
            "plugins/p.rs: the layer “plugins” is not in the order of tests/it/layers.rs; add it there and in ARCHITECTURE.md",
        ]
    );
}
