//! Tests of `write.rs`.

use super::*;

#[test]
fn people_keep_their_names() {
    let name = |hint: &str| own_name(hint).map(|n| n.as_str().to_owned());
    assert_eq!(
        name("alice@example.org").as_deref(),
        Some("alice-example.org")
    );
    assert_eq!(name("Özlem Türeci").as_deref(), Some("Ozlem-Tureci"));
    assert_eq!(name("bob"), Some("bob".into()));
    assert_eq!(name("3"), None, "a number says nothing about who");
    assert_eq!(name("gold"), None, "reserved");
    assert_eq!(name("..//"), None);
}

#[test]
fn added_labels_get_distinct_readable_colours() {
    let mut schema = Schema::default();
    let mut seen = Vec::new();
    for n in 0..NEW_COLOURS.len() {
        let colour = new_colour(&schema);
        assert!(!seen.contains(&colour), "{colour} twice");
        assert_ne!(colour, "#000000");
        seen.push(colour);
        schema.labels.push(LabelDef {
            name: format!("l{n}"),
            color: colour.to_owned(),
            keys: Vec::new(),
            attributes: Vec::new(),
        });
    }
    // The default labels' colours are never taken again.
    for label in &Schema::default().labels {
        assert!(!seen.contains(&label.color.as_str()), "{}", label.color);
    }
}
