//! Suggesting entities for an actor span from its text.
//!
//! Names are compared as [`name_words`] reduces them (case, diacritics, curly quotes
//! and possessives folded), and only whole words match: “Iran” is found in “Iran’s
//! foreign ministry” but not in “Iranian”. An exact match of all words comes first,
//! then an entity name found inside the span's text (“the Iranian foreign ministry
//! said” contains the alias “Iranian foreign ministry”), then the span's text found
//! inside a name (“Kamali” in “Dariush Kamali”); within each, the closest in length
//! first (the fewest words that the text and the name do not share).

use super::names::name_words;
use super::registry::{Entity, Registry};

/// How an entity's name or alias matched a span's text, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The same words.
    Exact,
    /// The name's words occur, in a row, in the text.
    NameInText,
    /// The text's words occur, in a row, in the name.
    TextInName,
}

/// One suggested entity for an actor span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// The name or alias that matched best.
    pub matched: &'a str,
    /// True when `matched` is an alias rather than the entity's name.
    pub alias: bool,
    /// How it matched.
    pub kind: MatchKind,
}

/// The entities whose name or an alias matches `text`, best first; each entity once,
/// with its best match. Empty when nothing matches.
pub fn suggest_entities<'a>(registry: &'a Registry, text: &str) -> Vec<Suggestion<'a>> {
    let words = name_words(text);
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(Suggestion<'a>, usize)> = Vec::new();
    for entity in &registry.entities {
        let best = entity
            .names()
            .enumerate()
            .filter_map(|(i, name)| {
                let name_words = name_words(name);
                let kind = match_kind(&words, &name_words)?;
                let suggestion = Suggestion {
                    entity,
                    matched: name,
                    alias: i > 0,
                    kind,
                };
                Some((suggestion, name_words.len().abs_diff(words.len())))
            })
            .min_by_key(|(s, extra)| (s.kind, *extra, s.alias));
        if let Some(best) = best {
            found.push(best);
        }
    }
    // Stable: ties keep the registry's order.
    found.sort_by_key(|(s, extra)| (s.kind, *extra));
    found.into_iter().map(|(s, _)| s).collect()
}

fn match_kind(text: &[String], name: &[String]) -> Option<MatchKind> {
    if name.is_empty() {
        None
    } else if text == name {
        Some(MatchKind::Exact)
    } else if contains(text, name) {
        Some(MatchKind::NameInText)
    } else if contains(name, text) {
        Some(MatchKind::TextInName)
    } else {
        None
    }
}

/// True when `part` occurs as a run of whole words in `whole`.
fn contains(whole: &[String], part: &[String]) -> bool {
    part.len() <= whole.len() && whole.windows(part.len()).any(|w| w == part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::registry::EntityKind;

    fn registry() -> Registry {
        let mut r = Registry::default();
        let ministry = r
            .add_entity("Iran Foreign Ministry", EntityKind::Organisation)
            .unwrap();
        r.add_alias(&ministry, "Iranian foreign ministry").unwrap();
        r.add_alias(&ministry, "Tehran’s foreign ministry").unwrap();
        let iran = r.add_entity("Iran", EntityKind::State).unwrap();
        r.add_alias(&iran, "Tehran").unwrap();
        r.add_entity("Foreign Ministry of Iraq", EntityKind::Organisation)
            .unwrap();
        let kamali = r.add_entity("Dariush Kamali", EntityKind::Person).unwrap();
        r.add_alias(&kamali, "Kamali").unwrap();
        r.add_entity("Recep Şahin", EntityKind::Person).unwrap();
        r
    }

    fn ids(found: &[Suggestion<'_>]) -> Vec<(String, &'static str)> {
        found
            .iter()
            .map(|s| {
                let kind = match s.kind {
                    MatchKind::Exact => "exact",
                    MatchKind::NameInText => "name in text",
                    MatchKind::TextInName => "text in name",
                };
                (s.entity.id.to_string(), kind)
            })
            .collect()
    }

    #[test]
    fn possessives_match_exactly_before_partial_matches() {
        let r = registry();
        let found = suggest_entities(&r, "Iran’s foreign ministry");
        assert_eq!(
            ids(&found),
            [
                ("iran-foreign-ministry".into(), "exact"),
                ("iran".into(), "name in text"),
            ]
        );
        assert!(!found[0].alias && found[0].matched == "Iran Foreign Ministry");
    }

    #[test]
    fn aliases_match_in_longer_text_and_whole_words_only() {
        let r = registry();
        let found = suggest_entities(&r, "the Iranian Foreign Ministry’s spokesman");
        assert_eq!(
            ids(&found),
            [("iran-foreign-ministry".into(), "name in text")]
        );
        assert_eq!(found[0].matched, "Iranian foreign ministry");
        assert!(found[0].alias);
        // Curly and straight apostrophes are one.
        let found = suggest_entities(&r, "TEHRAN'S FOREIGN MINISTRY");
        assert_eq!(
            ids(&found),
            [
                ("iran-foreign-ministry".into(), "exact"),
                ("iran".into(), "name in text"),
            ]
        );
        assert!(suggest_entities(&r, "Iranians").is_empty());
    }

    #[test]
    fn short_names_find_longer_entities_and_diacritics_fold() {
        let r = registry();
        let found = suggest_entities(&r, "Kamali’s");
        assert_eq!(ids(&found), [("dariush-kamali".into(), "exact")]);
        assert!(found[0].alias);
        let found = suggest_entities(&r, "Sahin");
        assert_eq!(ids(&found), [("recep-sahin".into(), "text in name")]);
        let found = suggest_entities(&r, "the foreign ministry");
        assert!(found.is_empty(), "“the” is not in the names: {found:?}");
        let found = suggest_entities(&r, "foreign ministry");
        assert_eq!(
            ids(&found),
            [
                ("iran-foreign-ministry".into(), "text in name"),
                ("foreign-ministry-of-iraq".into(), "text in name"),
            ]
        );
        assert!(suggest_entities(&r, "“ ’ ”").is_empty());
    }
}
