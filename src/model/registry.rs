//! The project's registry of actor entities and claim categories.
//!
//! An actor span names someone in the article's words (“Tehran”, “the foreign
//! ministry”); an **entity** says who that is for the whole project (Iran Foreign
//! Ministry, an organisation), so statements by the same actor add up however the
//! text names them. A **category** does the same for claims (DNA calls them
//! concepts). A span refers to its entry by id in its `entity` or `category`
//! attribute, so every file and export carries the assignment without a new field.
//!
//! Ids are made from the name when an entry is added and never change afterwards, so
//! a rename keeps every assignment.

use super::annotations::Annotations;
use super::names::{normalise_name, slug};
use super::schema::{CATEGORY, ENTITY};
use super::span::{Span, SpanProblem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[path = "registry_error.rs"]
mod error;
pub use error::RegistryError;

/// The longest id accepted.
const MAX_ID_LEN: usize = 120;

/// The stable id of an entity, stored in actor spans' `entity` attribute.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(String);

/// The stable id of a claim category, stored in claim spans' `category` attribute.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CategoryId(String);

macro_rules! registry_id {
    ($ty:ident, $what:literal) => {
        impl $ty {
            /// Checks `id` (letters, digits, `-`, `_`, `.`; at most 120 chars) and makes
            /// it an id.
            pub fn new(id: &str) -> Result<Self, RegistryError> {
                if check_id(id) {
                    Ok(Self(id.to_owned()))
                } else {
                    Err(RegistryError::BadId {
                        what: $what,
                        id: id.to_owned(),
                    })
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

registry_id!(EntityId, "entity");
registry_id!(CategoryId, "category");

fn check_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// What kind of actor an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// Not yet said: what a new entity is until the analyst chooses, so that no
    /// entity is counted as an organisation by a default nobody picked.
    Unknown,
    /// A named person.
    Person,
    /// A party, ministry, company, militia, newspaper…
    Organisation,
    /// A state or government as a whole.
    State,
}

impl EntityKind {
    /// Every kind, in the order the window offers them.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Unknown,
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::State,
    ];

    /// The kind as written in exports: `unknown`, `person`, `organisation`, `state`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Unknown => "unknown",
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::State => "state",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An actor the project knows: one person, organisation or state, however articles
/// name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its stable id.
    pub id: EntityId,
    /// The name shown and exported.
    pub name: String,
    /// Person, organisation or state.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Other names articles use for it, matched when suggesting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The colour it is drawn in, `#rrggbb`, where one was chosen (DNA keeps one per
    /// actor; networks colour its node so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Further facts about it by name (DNA's entity attributes: `Type`, `Notes`, a
    /// project's own), carried into exports as node attributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Entity {
    /// Its name, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A claim category: what claims are about, across articles (DNA's concepts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Its stable id.
    pub id: CategoryId,
    /// The name shown and exported.
    pub name: String,
    /// What belongs in it, for the coders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The colour it is drawn in, `#rrggbb`, where one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Further facts about it by name (DNA's concept attributes).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// The project's actor entities and claim categories: `entities.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registry {
    /// Entities in the order they were added.
    pub entities: Vec<Entity>,
    /// Categories in the order they were added.
    pub categories: Vec<Category>,
}

impl Registry {
    /// True when it holds neither entities nor categories.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && self.categories.is_empty()
    }

    /// The entity with id `id`.
    pub fn entity(&self, id: &EntityId) -> Option<&Entity> {
        self.find_entity(id.as_str())
    }

    /// The category with id `id`.
    pub fn category(&self, id: &CategoryId) -> Option<&Category> {
        self.find_category(id.as_str())
    }

    /// The entity whose id reads `id`: for a span's attribute, text that need not be a
    /// valid id, which then finds nothing as no entry has an invalid id.
    fn find_entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id.as_str() == id)
    }

    /// The category whose id reads `id`, as [`Registry::find_entity`].
    fn find_category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id.as_str() == id)
    }

    /// The entity whose name is `name`, compared as names are (case, accents and
    /// spacing aside): the one a new entity of that name would clash with.
    pub fn entity_named(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| same_name(&e.name, name))
    }

    /// The entity an actor span is assigned (its `entity` attribute), if that entity
    /// is in the registry.
    pub fn entity_of(&self, span: &Span) -> Option<&Entity> {
        span.attributes
            .get(ENTITY)
            .and_then(|id| self.find_entity(id))
    }

    /// The category a claim span is assigned (its `category` attribute), if that
    /// category is in the registry.
    pub fn category_of(&self, span: &Span) -> Option<&Category> {
        span.attributes
            .get(CATEGORY)
            .and_then(|id| self.find_category(id))
    }

    /// Assignments in `annotations` to entities or categories that are not in the
    /// registry (removed, or a typo in a hand-edited file), one problem per span.
    pub fn check_assignments(&self, annotations: &Annotations) -> Vec<SpanProblem> {
        let mut problems = Vec::new();
        for span in &annotations.spans {
            for (attribute, what, known) in [
                (ENTITY, "entity", self.entity_of(span).is_some()),
                (CATEGORY, "category", self.category_of(span).is_some()),
            ] {
                if let Some(id) = span.attributes.get(attribute)
                    && !known
                {
                    problems.push(SpanProblem {
                        place: format!("span {} ({}..{})", span.id, span.start, span.end),
                        message: format!(
                            "its {what} “{id}” is not in entities.ron; add it there or assign another"
                        ),
                    });
                }
            }
        }
        problems
    }

    /// Adds an entity; its id is made from the name (`Iran Foreign Ministry` →
    /// `iran-foreign-ministry`, with `-2`, `-3`… when taken).
    pub fn add_entity(&mut self, name: &str, kind: EntityKind) -> Result<EntityId, RegistryError> {
        let name = self.new_entity_name(name, None)?;
        let id = EntityId(free_id(&name, "entity", |id| {
            self.find_entity(id).is_some()
        }));
        self.entities.push(Entity {
            id: id.clone(),
            name,
            kind,
            aliases: Vec::new(),
            colour: None,
            attributes: BTreeMap::new(),
        });
        Ok(id)
    }

    /// Gives an entity another name; its id stays, so assignments stay.
    pub fn rename_entity(&mut self, id: &EntityId, name: &str) -> Result<(), RegistryError> {
        let name = self.new_entity_name(name, Some(id.as_str()))?;
        self.entity_mut(id)?.name = name;
        Ok(())
    }

    /// Changes whether an entity is a person, organisation or state.
    pub fn set_entity_kind(
        &mut self,
        id: &EntityId,
        kind: EntityKind,
    ) -> Result<(), RegistryError> {
        self.entity_mut(id)?.kind = kind;
        Ok(())
    }

    /// Removes an entity and returns it. Spans assigned to it keep the id; exports
    /// then treat them as actors without an entity and count them.
    pub fn remove_entity(&mut self, id: &EntityId) -> Result<Entity, RegistryError> {
        let at = self
            .entities
            .iter()
            .position(|e| e.id == *id)
            .ok_or_else(|| no_such("entity", id.as_str()))?;
        Ok(self.entities.remove(at))
    }

    /// Adds another name an entity goes by.
    pub fn add_alias(&mut self, id: &EntityId, alias: &str) -> Result<(), RegistryError> {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err(RegistryError::EmptyName { what: "alias" });
        }
        let entity = self.entity_mut(id)?;
        let key = name_key(alias);
        if entity.names().any(|n| name_key(n) == key) {
            return Err(RegistryError::DuplicateAlias {
                alias: alias.to_owned(),
                entity: id.to_string(),
            });
        }
        entity.aliases.push(alias.to_owned());
        Ok(())
    }

    /// Removes an alias, given exactly as stored.
    pub fn remove_alias(&mut self, id: &EntityId, alias: &str) -> Result<(), RegistryError> {
        let entity = self.entity_mut(id)?;
        let at = entity
            .aliases
            .iter()
            .position(|a| a == alias)
            .ok_or_else(|| RegistryError::NoSuchAlias {
                alias: alias.to_owned(),
                entity: id.to_string(),
            })?;
        entity.aliases.remove(at);
        Ok(())
    }

    /// Adds a claim category; its id is made from the name as for entities.
    pub fn add_category(
        &mut self,
        name: &str,
        description: Option<&str>,
    ) -> Result<CategoryId, RegistryError> {
        let name = self.new_category_name(name, None)?;
        let id = CategoryId(free_id(&name, "category", |id| {
            self.find_category(id).is_some()
        }));
        self.categories.push(Category {
            id: id.clone(),
            name,
            description: clean_description(description),
            colour: None,
            attributes: BTreeMap::new(),
        });
        Ok(id)
    }

    /// Gives a category another name; its id stays.
    pub fn rename_category(&mut self, id: &CategoryId, name: &str) -> Result<(), RegistryError> {
        let name = self.new_category_name(name, Some(id.as_str()))?;
        self.category_mut(id)?.name = name;
        Ok(())
    }

    /// Replaces a category's description; `None` or blank removes it.
    pub fn set_category_description(
        &mut self,
        id: &CategoryId,
        description: Option<&str>,
    ) -> Result<(), RegistryError> {
        self.category_mut(id)?.description = clean_description(description);
        Ok(())
    }

    /// Removes a category and returns it; assigned claims keep the id, as for
    /// entities.
    pub fn remove_category(&mut self, id: &CategoryId) -> Result<Category, RegistryError> {
        let at = self
            .categories
            .iter()
            .position(|c| c.id == *id)
            .ok_or_else(|| no_such("category", id.as_str()))?;
        Ok(self.categories.remove(at))
    }

    /// Checks a registry read from disk: valid and unique ids, non-empty and unique
    /// names. Returns the first problem.
    pub fn check(&self) -> Result<(), RegistryError> {
        for (i, e) in self.entities.iter().enumerate() {
            check_entry("entity", e.id.as_str(), &e.name)?;
            let earlier = &self.entities[..i];
            if earlier.iter().any(|o| o.id == e.id) {
                return Err(RegistryError::DuplicateId {
                    what: "entity",
                    id: e.id.to_string(),
                });
            }
            if let Some(o) = earlier.iter().find(|o| same_name(&o.name, &e.name)) {
                return Err(RegistryError::DuplicateName {
                    what: "entity",
                    name: e.name.clone(),
                    existing: o.id.to_string(),
                });
            }
        }
        for (i, c) in self.categories.iter().enumerate() {
            check_entry("category", c.id.as_str(), &c.name)?;
            let earlier = &self.categories[..i];
            if earlier.iter().any(|o| o.id == c.id) {
                return Err(RegistryError::DuplicateId {
                    what: "category",
                    id: c.id.to_string(),
                });
            }
            if let Some(o) = earlier.iter().find(|o| same_name(&o.name, &c.name)) {
                return Err(RegistryError::DuplicateName {
                    what: "category",
                    name: c.name.clone(),
                    existing: o.id.to_string(),
                });
            }
        }
        Ok(())
    }

    fn entity_mut(&mut self, id: &EntityId) -> Result<&mut Entity, RegistryError> {
        self.entities
            .iter_mut()
            .find(|e| e.id == *id)
            .ok_or_else(|| no_such("entity", id.as_str()))
    }

    fn category_mut(&mut self, id: &CategoryId) -> Result<&mut Category, RegistryError> {
        self.categories
            .iter_mut()
            .find(|c| c.id == *id)
            .ok_or_else(|| no_such("category", id.as_str()))
    }

    /// `name` trimmed, if no other entity than `except` has it.
    fn new_entity_name(&self, name: &str, except: Option<&str>) -> Result<String, RegistryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(RegistryError::EmptyName { what: "entity" });
        }
        if let Some(other) = self
            .entities
            .iter()
            .find(|e| Some(e.id.as_str()) != except && same_name(&e.name, name))
        {
            return Err(RegistryError::DuplicateName {
                what: "entity",
                name: name.to_owned(),
                existing: other.id.to_string(),
            });
        }
        Ok(name.to_owned())
    }

    /// `name` trimmed, if no other category than `except` has it.
    fn new_category_name(&self, name: &str, except: Option<&str>) -> Result<String, RegistryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(RegistryError::EmptyName { what: "category" });
        }
        if let Some(other) = self
            .categories
            .iter()
            .find(|c| Some(c.id.as_str()) != except && same_name(&c.name, name))
        {
            return Err(RegistryError::DuplicateName {
                what: "category",
                name: name.to_owned(),
                existing: other.id.to_string(),
            });
        }
        Ok(name.to_owned())
    }
}

fn no_such(what: &'static str, id: &str) -> RegistryError {
    RegistryError::NoSuchEntry {
        what,
        id: id.to_owned(),
    }
}

fn check_entry(what: &'static str, id: &str, name: &str) -> Result<(), RegistryError> {
    if !check_id(id) {
        return Err(RegistryError::BadId {
            what,
            id: id.to_owned(),
        });
    }
    if name.trim().is_empty() {
        return Err(RegistryError::EmptyName { what });
    }
    Ok(())
}

/// A name as compared for sameness: its normal form, or the trimmed text for a name
/// without letters or digits.
fn name_key(name: &str) -> String {
    let key = normalise_name(name);
    if key.is_empty() {
        name.trim().to_owned()
    } else {
        key
    }
}

fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// The name's slug, or `fallback` when it has none; `-2`, `-3`… until `taken` says no.
fn free_id(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = slug(name);
    if base.is_empty() {
        base = fallback.to_owned();
    }
    // Leave room for a suffix within the id length limit.
    let base: String = base.chars().take(MAX_ID_LEN - 8).collect();
    let base = base.trim_end_matches('-').to_owned();
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

fn clean_description(description: Option<&str>) -> Option<String> {
    description
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
#[path = "registry_tests.rs"]
mod tests;
