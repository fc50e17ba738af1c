//! Changes to the project's entities and categories (`entities.ron`) as values, so
//! the window's buttons are commands and a change can be applied again to a file a
//! colleague changed meanwhile.

use crate::model::{CategoryId, EntityId, EntityKind, Registry, RegistryError};

/// One change to the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryChange {
    /// A new entity.
    AddEntity {
        /// Its name.
        name: String,
        /// Person, organisation or state.
        kind: EntityKind,
    },
    /// Another name for an entity (its id stays).
    RenameEntity {
        /// The entity.
        id: EntityId,
        /// The new name.
        name: String,
    },
    /// Another kind for an entity.
    SetEntityKind {
        /// The entity.
        id: EntityId,
        /// The new kind.
        kind: EntityKind,
    },
    /// An entity taken out.
    RemoveEntity {
        /// The entity.
        id: EntityId,
    },
    /// Another name articles use for an entity.
    AddAlias {
        /// The entity.
        id: EntityId,
        /// The alias.
        alias: String,
    },
    /// An alias taken out.
    RemoveAlias {
        /// The entity.
        id: EntityId,
        /// The alias.
        alias: String,
    },
    /// A new claim category.
    AddCategory {
        /// Its name.
        name: String,
    },
    /// Another name for a category (its id stays).
    RenameCategory {
        /// The category.
        id: CategoryId,
        /// The new name.
        name: String,
    },
    /// What belongs in a category, for the coders; empty for none.
    DescribeCategory {
        /// The category.
        id: CategoryId,
        /// The description.
        description: String,
    },
    /// A category taken out.
    RemoveCategory {
        /// The category.
        id: CategoryId,
    },
}

/// The id of one entry of the registry, an entity's or a category's: what
/// [`RegistryChange::apply`] returns for the entry it added, typed so that the caller
/// cannot take a category for an entity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntryId {
    /// An entity's id.
    Entity(EntityId),
    /// A category's id.
    Category(CategoryId),
}

impl RegistryChange {
    /// Applies the change; returns the id of what was added ([`EntryId::Entity`] for
    /// [`RegistryChange::AddEntity`], [`EntryId::Category`] for
    /// [`RegistryChange::AddCategory`]), or `None` for the changes that add nothing.
    pub fn apply(&self, registry: &mut Registry) -> Result<Option<EntryId>, RegistryError> {
        match self {
            RegistryChange::AddEntity { name, kind } => registry
                .add_entity(name, *kind)
                .map(|id| Some(EntryId::Entity(id))),
            RegistryChange::RenameEntity { id, name } => {
                registry.rename_entity(id, name).map(|()| None)
            }
            RegistryChange::SetEntityKind { id, kind } => {
                registry.set_entity_kind(id, *kind).map(|()| None)
            }
            RegistryChange::RemoveEntity { id } => registry.remove_entity(id).map(|_| None),
            RegistryChange::AddAlias { id, alias } => registry.add_alias(id, alias).map(|()| None),
            RegistryChange::RemoveAlias { id, alias } => {
                registry.remove_alias(id, alias).map(|()| None)
            }
            RegistryChange::AddCategory { name } => registry
                .add_category(name, None)
                .map(|id| Some(EntryId::Category(id))),
            RegistryChange::RenameCategory { id, name } => {
                registry.rename_category(id, name).map(|()| None)
            }
            RegistryChange::DescribeCategory { id, description } => {
                let description = Some(description.as_str()).filter(|d| !d.trim().is_empty());
                registry
                    .set_category_description(id, description)
                    .map(|()| None)
            }
            RegistryChange::RemoveCategory { id } => registry.remove_category(id).map(|_| None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_apply_and_report_the_new_id() {
        let mut registry = Registry::default();
        let added = RegistryChange::AddEntity {
            name: "Iran Foreign Ministry".into(),
            kind: EntityKind::Organisation,
        }
        .apply(&mut registry)
        .unwrap();
        let Some(EntryId::Entity(id)) = added else {
            panic!("an entity id, not {added:?}");
        };
        assert_eq!(id.as_str(), "iran-foreign-ministry");
        RegistryChange::AddAlias {
            id: id.clone(),
            alias: "Iranian foreign ministry".into(),
        }
        .apply(&mut registry)
        .unwrap();
        assert_eq!(registry.entity(&id).unwrap().aliases.len(), 1);
        let refused = RegistryChange::AddEntity {
            name: "iran foreign ministry".into(),
            kind: EntityKind::State,
        }
        .apply(&mut registry);
        assert!(refused.is_err(), "the same name twice");
        RegistryChange::RemoveEntity { id: id.clone() }
            .apply(&mut registry)
            .unwrap();
        assert!(registry.entity(&id).is_none());
        let added = RegistryChange::AddCategory {
            name: "Oil sanctions".into(),
        }
        .apply(&mut registry)
        .unwrap();
        let Some(EntryId::Category(id)) = added else {
            panic!("a category id, not {added:?}");
        };
        assert_eq!(id.as_str(), "oil-sanctions");
        let renamed = RegistryChange::RenameCategory {
            id,
            name: "Sanctions on oil".into(),
        }
        .apply(&mut registry);
        assert_eq!(renamed, Ok(None), "a rename adds nothing");
    }
}
