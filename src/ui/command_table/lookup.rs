//! Reading the table: a command's entry, text and keys; the keys of a scope, most
//! specific first; keys as a hint names them; the F1 help's lines.

use super::{Chord, Entry, Scope, TABLE};
use crate::model::Schema;
use crate::ui::command::Command;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::sync::LazyLock;

/// The table's entry for `command`, if it has one.
pub fn entry_of(command: &Command) -> Option<&'static Entry> {
    TABLE.iter().find(|e| e.command == *command)
}

/// The menu name of `command` (empty for one without).
pub fn text_of(command: &Command) -> &'static str {
    entry_of(command).map_or("", |e| e.text)
}

/// The key shown beside a command in menus and hints: its first.
pub fn shortcut_of(command: &Command) -> Option<KeyboardShortcut> {
    let chord = entry_of(command)?.keys.first()?;
    Some(KeyboardShortcut::new(chord.modifiers, chord.key))
}

/// The keys of `scope` with their commands, the more modifiers first: a key pattern
/// without Shift also takes the key with Shift, so Shift+Tab must be read before Tab.
pub fn keys_of(scope: Scope) -> &'static [(Modifiers, Key, Command)] {
    static GLOBAL: LazyLock<Vec<(Modifiers, Key, Command)>> =
        LazyLock::new(|| collect_keys(Scope::Global));
    static PLAIN: LazyLock<Vec<(Modifiers, Key, Command)>> =
        LazyLock::new(|| collect_keys(Scope::Plain));
    static REVIEW: LazyLock<Vec<(Modifiers, Key, Command)>> =
        LazyLock::new(|| collect_keys(Scope::Review));
    static FIND: LazyLock<Vec<(Modifiers, Key, Command)>> =
        LazyLock::new(|| collect_keys(Scope::Find));
    match scope {
        Scope::Global => &GLOBAL,
        Scope::Plain => &PLAIN,
        Scope::Review => &REVIEW,
        Scope::Find => &FIND,
    }
}

fn collect_keys(scope: Scope) -> Vec<(Modifiers, Key, Command)> {
    let mut keys: Vec<(Modifiers, Key, Command)> = TABLE
        .iter()
        .flat_map(|e| {
            e.keys
                .iter()
                .filter(move |c| c.scope == scope)
                .map(move |c| (c.modifiers, c.key, e.command.clone()))
        })
        .collect();
    let weight = |m: &Modifiers| {
        usize::from(m.shift) + usize::from(m.ctrl || m.command || m.mac_cmd) + usize::from(m.alt)
    };
    keys.sort_by_key(|(m, _, _)| std::cmp::Reverse(weight(m)));
    keys
}

/// The key a schema names (`"1"`, `"a"`), if egui knows it.
pub fn key_named(name: &str) -> Option<Key> {
    Key::from_name(&name.to_uppercase()).or_else(|| Key::from_name(name))
}

/// A key as the user sees it on the keyboard (`+` rather than `Plus`, `Shift+→`
/// rather than `Shift+Right`).
pub fn readable_key(keys: String) -> String {
    let (mods, key) = match keys.rsplit_once('+') {
        // Already written out (“Ctrl++”): nothing to read.
        Some((_, "")) => return keys,
        Some((mods, key)) => (Some(mods), key),
        None => (None, keys.as_str()),
    };
    let key = match key {
        "Plus" => "+",
        "Minus" => "−",
        "Equals" => "=",
        "Questionmark" => "?",
        "OpenBracket" => "[",
        "CloseBracket" => "]",
        "Right" => "→",
        "Left" => "←",
        "Up" => "↑",
        "Down" => "↓",
        other => other,
    };
    match mods {
        Some(mods) => format!("{mods}+{key}"),
        None => key.to_owned(),
    }
}

/// The key of `command` as a hint names it, formatted for this platform (Ctrl or ⌘).
pub fn key_hint(ui: &egui::Ui, command: &Command) -> String {
    key_text(command, |s| ui.ctx().format_shortcut(s))
}

/// The key of `command` as a hint says it (“press K”), formatted by `format`
/// (egui's, which says Cmd on a Mac); its menu name where it has no key.
pub fn key_text(command: &Command, format: impl Fn(&KeyboardShortcut) -> String) -> String {
    match shortcut_of(command) {
        Some(shortcut) => readable_key(format(&shortcut)),
        None => text_of(command).to_owned(),
    }
}

/// The first key of each label of `schema`, as a hint says them: `1, 2 or 3`.
pub fn label_keys(schema: &Schema) -> String {
    let keys: Vec<String> = schema
        .labels
        .iter()
        .filter_map(|l| l.keys.first())
        .map(|k| k.to_uppercase())
        .collect();
    match keys.as_slice() {
        [] => "a label's key".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// One line of the keyboard help: keys and what they do.
pub struct HelpLine {
    /// The keys, as the user presses them.
    pub keys: String,
    /// What happens.
    pub does: String,
    /// Whether the keys work in review mode only.
    pub review: bool,
}

/// Every command with a help line, its first key beside it and the others named
/// (“also Ctrl+Y”), in the table's order. Label keys are listed by the caller from
/// the schema.
pub fn help_lines(format: impl Fn(&KeyboardShortcut) -> String) -> Vec<HelpLine> {
    let key = |c: &Chord| readable_key(format(&KeyboardShortcut::new(c.modifiers, c.key)));
    // A key that works only in the search bar says so, or Enter would read as if it
    // stepped through hits everywhere.
    let other = |c: &Chord| match c.scope {
        Scope::Find => format!("{} in the search bar", key(c)),
        _ => key(c),
    };
    let mut lines = vec![
        HelpLine {
            keys: "Drag".into(),
            does: "Select text; it snaps to whole words (hold Alt for exact characters)".into(),
            review: false,
        },
        HelpLine {
            keys: "Double-click".into(),
            does: "Select a word; a click on a span selects the span".into(),
            review: false,
        },
    ];
    for entry in TABLE.iter().filter(|e| !e.help.is_empty()) {
        let Some((first, others)) = entry.keys.split_first() else {
            continue;
        };
        let does = if others.is_empty() {
            entry.help.to_owned()
        } else {
            let also: Vec<String> = others.iter().map(other).collect();
            format!("{} (also {})", entry.help, also.join(", "))
        };
        lines.push(HelpLine {
            keys: key(first),
            does,
            review: first.scope == Scope::Review,
        });
    }
    lines
}
