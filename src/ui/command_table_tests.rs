//! Tests of the command table: keys unique where they work, read in the right
//! order, and named the same in the help and in hints.

use super::*;
use crate::model::Schema;

fn chords(scopes: &[Scope]) -> Vec<(Modifiers, Key)> {
    TABLE
        .iter()
        .flat_map(|e| e.keys.iter())
        .filter(|c| scopes.contains(&c.scope))
        .map(|c| (c.modifiers, c.key))
        .collect()
}

fn assert_unique(all: &[(Modifiers, Key)]) {
    for (i, a) in all.iter().enumerate() {
        assert!(!all[i + 1..].contains(a), "{a:?} twice");
    }
}

#[test]
fn every_key_means_one_thing_where_it_works() {
    assert_unique(&chords(&[Scope::Global, Scope::Plain]));
    assert_unique(&chords(&[Scope::Global, Scope::Review]));
}

#[test]
fn each_command_is_in_the_table_once() {
    for (i, a) in TABLE.iter().enumerate() {
        assert!(
            TABLE[i + 1..].iter().all(|b| b.command != a.command),
            "{:?} twice",
            a.command
        );
    }
}

#[test]
fn keys_with_more_modifiers_are_read_first() {
    let plain = keys_of(Scope::Plain);
    let at = |m: Modifiers, k: Key| plain.iter().position(|(pm, pk, _)| *pm == m && *pk == k);
    assert!(at(SHIFT, Key::Tab) < at(NONE, Key::Tab));
    assert!(at(CTRL_SHIFT, Key::ArrowLeft) < at(CTRL, Key::ArrowLeft));
    let global = keys_of(Scope::Global);
    let at = |m: Modifiers, k: Key| global.iter().position(|(pm, pk, _)| *pm == m && *pk == k);
    assert!(at(SHIFT, Key::F3) < at(NONE, Key::F3));
    assert!(at(CTRL_SHIFT, Key::Z) < at(CTRL, Key::Z));
}

#[test]
fn the_help_names_the_other_keys_from_the_table() {
    let lines = help_lines(|s| {
        if s.modifiers.is_none() {
            s.logical_key.name().to_owned()
        } else {
            format!("Ctrl+{}", s.logical_key.name())
        }
    });
    let redo = lines.iter().find(|l| l.does.starts_with("Redo")).unwrap();
    assert_eq!(redo.does, "Redo (also Ctrl+Y)");
    let help = lines
        .iter()
        .find(|l| l.does.starts_with("This help"))
        .unwrap();
    assert!(help.does.ends_with("?)"), "{}", help.does);
}

#[test]
fn hints_name_the_schemas_label_keys() {
    assert_eq!(label_keys(&Schema::default()), "1, 2 or 3");
    assert_eq!(
        key_text(&Command::StartLink, |s| s.logical_key.name().into()),
        "K"
    );
    assert_eq!(
        key_text(&Command::Review(ReviewCommand::ShowAgreement), |_| {
            String::new()
        }),
        "Agreement of the project…"
    );
}

#[test]
fn keys_read_as_on_the_keyboard() {
    assert_eq!(readable_key("Shift+Right".into()), "Shift+→");
    assert_eq!(readable_key("Plus".into()), "+");
    assert_eq!(readable_key("Ctrl+Plus".into()), "Ctrl++");
    assert_eq!(readable_key("CloseBracket".into()), "]");
    assert_eq!(readable_key("OpenBracket".into()), "[");
    assert_eq!(readable_key("Ctrl+Z".into()), "Ctrl+Z");
}

#[test]
fn schema_keys_are_known_to_egui() {
    for name in ["1", "2", "3", "a", "s", "c"] {
        assert!(key_named(name).is_some(), "{name}");
    }
}
