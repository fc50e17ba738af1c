//! Tests of `registry.rs`.

use super::*;

#[test]
fn ids_come_from_names_and_survive_renames() {
    let mut r = Registry::default();
    let id = r
        .add_entity("  Iran Foreign Ministry ", EntityKind::Organisation)
        .unwrap();
    assert_eq!(id.as_str(), "iran-foreign-ministry");
    assert_eq!(r.entities[0].name, "Iran Foreign Ministry");
    r.rename_entity(&id, "Ministry of Foreign Affairs of Iran")
        .unwrap();
    assert_eq!(
        r.entity(&EntityId::new("iran-foreign-ministry").unwrap())
            .unwrap()
            .name,
        "Ministry of Foreign Affairs of Iran"
    );
    // The old name is free again, and gets the next id.
    let again = r
        .add_entity("Iran foreign ministry", EntityKind::Organisation)
        .unwrap();
    assert_eq!(again.as_str(), "iran-foreign-ministry-2");
    let arabic = r.add_entity("حزب الله", EntityKind::Organisation).unwrap();
    assert_eq!(arabic.as_str(), "حزب-الله");
    let nameless = r.add_entity("—", EntityKind::Person).unwrap();
    assert_eq!(nameless.as_str(), "entity");
    assert_eq!(r.check(), Ok(()));
}

#[test]
fn empty_and_duplicate_names_are_refused() {
    let mut r = Registry::default();
    let iran = r.add_entity("Iran", EntityKind::State).unwrap();
    assert_eq!(
        r.add_entity("  ", EntityKind::State)
            .unwrap_err()
            .to_string(),
        "an entity needs a name; type one"
    );
    assert_eq!(
        r.add_entity("IRAN’S", EntityKind::State)
            .unwrap_err()
            .to_string(),
        "there is already an entity called “IRAN’S” (id iran); use that one or pick another name"
    );
    assert_eq!(
        r.add_category("", None).unwrap_err().to_string(),
        "a category needs a name; type one"
    );
    let iraq = r.add_entity("Iraq", EntityKind::State).unwrap();
    assert!(matches!(
        r.rename_entity(&iraq, "iran"),
        Err(RegistryError::DuplicateName { .. })
    ));
    r.rename_entity(&iran, "Islamic Republic of Iran").unwrap();
    r.set_entity_kind(&iraq, EntityKind::Organisation).unwrap();
    assert_eq!(r.entity(&iraq).unwrap().kind, EntityKind::Organisation);
    assert!(matches!(
        r.rename_entity(&EntityId::new("nobody").unwrap(), "X"),
        Err(RegistryError::NoSuchEntry { what: "entity", .. })
    ));
}

#[test]
fn aliases_are_added_once_and_removed_exactly() {
    let mut r = Registry::default();
    let id = r
        .add_entity("Iran Foreign Ministry", EntityKind::Organisation)
        .unwrap();
    r.add_alias(&id, "Iranian foreign ministry").unwrap();
    r.add_alias(&id, "Tehran’s foreign ministry").unwrap();
    assert!(matches!(
        r.add_alias(&id, "IRAN'S foreign ministry"),
        Err(RegistryError::DuplicateAlias { .. })
    ));
    assert!(matches!(
        r.add_alias(&id, "iranian Foreign Ministry"),
        Err(RegistryError::DuplicateAlias { .. })
    ));
    assert!(matches!(
        r.add_alias(&id, " "),
        Err(RegistryError::EmptyName { what: "alias" })
    ));
    assert!(matches!(
        r.remove_alias(&id, "tehran’s foreign ministry"),
        Err(RegistryError::NoSuchAlias { .. })
    ));
    r.remove_alias(&id, "Tehran’s foreign ministry").unwrap();
    assert_eq!(r.entities[0].aliases, ["Iranian foreign ministry"]);
    let removed = r.remove_entity(&id).unwrap();
    assert_eq!(removed.name, "Iran Foreign Ministry");
    assert!(r.is_empty());
}

#[test]
fn categories_have_names_ids_and_optional_descriptions() {
    let mut r = Registry::default();
    let id = r
        .add_category("Sanctions on oil exports", Some("  "))
        .unwrap();
    assert_eq!(id.as_str(), "sanctions-on-oil-exports");
    assert_eq!(r.categories[0].description, None);
    r.set_category_description(&id, Some("Any measure against oil sales."))
        .unwrap();
    assert_eq!(
        r.category(&id).unwrap().description.as_deref(),
        Some("Any measure against oil sales.")
    );
    assert!(matches!(
        r.add_category("sanctions on OIL exports", None),
        Err(RegistryError::DuplicateName {
            what: "category",
            ..
        })
    ));
    r.rename_category(&id, "Oil sanctions").unwrap();
    assert_eq!(r.remove_category(&id).unwrap().name, "Oil sanctions");
    assert!(r.remove_category(&id).is_err());
}

#[test]
fn assignments_to_missing_entries_are_problems() {
    use crate::model::{AnnotatorName, CharOffset, Document, NewSpan, Schema};
    let d = Document::from_text("Iran rejected sanctions.");
    let schema = Schema::default();
    let mut r = Registry::default();
    let iran = r.add_entity("Iran", EntityKind::State).unwrap();
    let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
    let mut actor = NewSpan::new(CharOffset(0), CharOffset(4), "actor");
    actor.attributes.insert(ENTITY.into(), iran.to_string());
    a.add_span(&d, &schema, actor).unwrap();
    let mut claim = NewSpan::new(CharOffset(14), CharOffset(23), "claim");
    claim.attributes.insert(CATEGORY.into(), "oil".into());
    a.add_span(&d, &schema, claim).unwrap();
    let problems: Vec<String> = r
        .check_assignments(&a)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "span 2 (14..23): its category “oil” is not in entities.ron; add it there or assign another"
        ]
    );
    r.remove_entity(&iran).unwrap();
    assert_eq!(r.check_assignments(&a).len(), 2);
}

#[test]
fn an_attribute_that_is_no_id_finds_nothing() {
    use crate::model::{AnnotatorName, CharOffset, Document, NewSpan, Schema};
    let d = Document::from_text("Iran rejected sanctions.");
    let schema = Schema::default();
    let mut r = Registry::default();
    r.add_entity("Iran", EntityKind::State).unwrap();
    let mut a = Annotations::new(&d, AnnotatorName::new("alice").unwrap());
    let mut actor = NewSpan::new(CharOffset(0), CharOffset(4), "actor");
    actor.attributes.insert(ENTITY.into(), "iran?".into());
    let actor = a.add_span(&d, &schema, actor).unwrap();
    assert!(EntityId::new("iran?").is_err());
    assert_eq!(r.entity_of(a.span(actor).unwrap()), None);
    assert_eq!(r.check_assignments(&a).len(), 1);
}

#[test]
fn check_finds_what_a_hand_edit_broke() {
    let entity = |id: &str, name: &str| Entity {
        id: EntityId(id.into()),
        name: name.into(),
        kind: EntityKind::State,
        aliases: Vec::new(),
        colour: None,
        attributes: Default::default(),
    };
    let mut r = Registry {
        entities: vec![entity("iran", "Iran"), entity("iran", "Persia")],
        categories: Vec::new(),
    };
    assert_eq!(
        r.check().unwrap_err().to_string(),
        "the entity id “iran” is used twice; give each entity its own id"
    );
    r.entities[1] = entity("iran 2", "Persia");
    assert_eq!(r.check().unwrap_err().culprit(), Some("iran 2"));
    r.entities[1] = entity("persia", " ");
    assert_eq!(r.check(), Err(RegistryError::EmptyName { what: "entity" }));
    r.entities[1] = entity("persia", "IRAN");
    assert!(matches!(
        r.check(),
        Err(RegistryError::DuplicateName { .. })
    ));
    assert!(EntityId::new("ok-id_1.x").is_ok() && EntityId::new("no/slash").is_err());
}
