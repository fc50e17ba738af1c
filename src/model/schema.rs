//! The label schema of a project: which labels exist, their colours and keys, the
//! attributes a span of each label may carry, and which links may join them.

use super::statement::StatementLabels;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One attribute a span may carry, with its allowed values (`polarity`: support,
/// oppose, neutral).
///
/// An empty `values` list means a **free value**: any non-empty text is accepted.
/// The registry attributes are free ([`ENTITY`] on actors, [`CATEGORY`] on claims):
/// they hold the id of an entry in the project's `entities.ron`, which the schema
/// cannot list because analysts add entries while they work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// The attribute's name, as stored on spans.
    pub name: String,
    /// Every value it may take; empty for a free value.
    #[serde(default)]
    pub values: Vec<String>,
}

impl AttributeDef {
    /// An attribute that takes any non-empty value.
    pub fn free(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            values: Vec::new(),
        }
    }

    /// True for an attribute without a list of values.
    pub fn is_free(&self) -> bool {
        self.values.is_empty()
    }

    /// True when `value` may be stored: one of the listed values, or for a free
    /// attribute any non-empty text.
    pub fn allows(&self, value: &str) -> bool {
        if self.is_free() {
            !value.is_empty()
        } else {
            self.values.iter().any(|v| v == value)
        }
    }

    /// The allowed values for a message: `support, oppose, neutral`, or
    /// `any non-empty text` for a free attribute.
    pub fn describe_values(&self) -> String {
        if self.is_free() {
            "any non-empty text".to_owned()
        } else {
            self.values.join(", ")
        }
    }
}

/// One label analysts tag spans with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    /// The name stored on spans and written to exports.
    pub name: String,
    /// Display colour, `#rrggbb`.
    pub color: String,
    /// Keys that tag a selection with this label, e.g. `["1", "a"]`.
    #[serde(default)]
    pub keys: Vec<String>,
    /// Attributes spans of this label may carry.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

/// A kind of link and the labels it may join, `holds`: actor → stance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkType {
    /// The name stored on links.
    pub name: String,
    /// Label of the span the link starts at.
    pub from: String,
    /// Label of the span the link ends at.
    pub to: String,
}

/// The labels and link types of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// Labels in the order the palette shows them.
    pub labels: Vec<LabelDef>,
    /// Allowed links.
    #[serde(default)]
    pub link_types: Vec<LinkType>,
}

/// A mistake in a schema, found when a project is opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaError {
    /// Two labels share a name.
    #[error("the label “{0}” is defined twice; give each label its own name")]
    DuplicateLabel(String),
    /// Two labels claim the same key.
    #[error(
        "the key “{key}” is given to both “{first}” and “{second}”; give each label its own keys"
    )]
    DuplicateKey {
        /// The key.
        key: String,
        /// The first label that has it.
        first: String,
        /// The second.
        second: String,
    },
    /// A link type names a label that does not exist.
    #[error(
        "the link type “{link}” refers to the label “{label}”, which is not defined; add the label or fix the link type"
    )]
    UnknownLinkLabel {
        /// The link type.
        link: String,
        /// The missing label.
        label: String,
    },
    /// A label name that is empty or has characters that break exports.
    #[error("the label name “{0}” is not usable; use letters, digits, '-' or '_' without spaces")]
    BadLabelName(String),
    /// The schema has no labels at all.
    #[error("the schema has no labels; add at least one under `labels`")]
    NoLabels,
}

impl Default for Schema {
    /// actor (with a free `entity`), stance (with polarity) and claim (with a free
    /// `category`), in colours of the Okabe–Ito palette that colour-blind readers can
    /// tell apart; links `holds` and `about`.
    fn default() -> Self {
        let label = |name: &str, color: &str, keys: [&str; 2]| LabelDef {
            name: name.to_owned(),
            color: color.to_owned(),
            keys: keys.iter().map(|k| (*k).to_owned()).collect(),
            attributes: Vec::new(),
        };
        let mut stance = label("stance", "#D55E00", ["2", "s"]);
        stance.attributes.push(AttributeDef {
            name: POLARITY.to_owned(),
            values: ["support", "oppose", "neutral"].map(str::to_owned).to_vec(),
        });
        let mut actor = label("actor", "#0072B2", ["1", "a"]);
        actor.attributes.push(AttributeDef::free(ENTITY));
        let mut claim = label("claim", "#009E73", ["3", "c"]);
        claim.attributes.push(AttributeDef::free(CATEGORY));
        let link = |name: &str, from: &str, to: &str| LinkType {
            name: name.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
        };
        Self {
            labels: vec![actor, stance, claim],
            link_types: vec![
                link(HOLDS, "actor", "stance"),
                link(ABOUT, "stance", "claim"),
            ],
        }
    }
}

/// The name of the stance attribute that says for or against.
pub const POLARITY: &str = "polarity";
/// The actor attribute that holds the id of an entity of the project's registry.
pub const ENTITY: &str = "entity";
/// The claim attribute that holds the id of a claim category of the registry.
pub const CATEGORY: &str = "category";
/// The link type from an actor to the stance it takes.
pub const HOLDS: &str = "holds";
/// The link type from a stance to the claim it is about.
pub const ABOUT: &str = "about";

impl Schema {
    /// The label called `name`.
    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The names of all labels, for messages that list them.
    pub fn label_names(&self) -> Vec<&str> {
        self.labels.iter().map(|l| l.name.as_str()).collect()
    }

    /// The link type that joins a span labelled `from` to one labelled `to`, if the
    /// schema allows such a link.
    pub fn link_type_between(&self, from: &str, to: &str) -> Option<&LinkType> {
        self.link_types
            .iter()
            .find(|t| t.from == from && t.to == to)
    }

    /// The link type called `name` (the first, where the name joins several pairs
    /// of labels).
    pub fn link_type(&self, name: &str) -> Option<&LinkType> {
        self.link_types.iter().find(|t| t.name == name)
    }

    /// The link type called `name` that joins a span labelled `from` to one labelled
    /// `to`. One name may join several pairs, each its own entry (brat allows a
    /// relation between any entity types, `Arg1:<ENTITY>`).
    pub fn link_type_for(&self, name: &str, from: &str, to: &str) -> Option<&LinkType> {
        self.link_types
            .iter()
            .find(|t| t.name == name && t.from == from && t.to == to)
    }

    /// The pairs of labels that link type `name` joins, `actor → stance`, for
    /// messages.
    pub fn link_pairs(&self, name: &str) -> String {
        let pairs: Vec<String> = self
            .link_types
            .iter()
            .filter(|t| t.name == name)
            .map(|t| format!("{} → {}", t.from, t.to))
            .collect();
        pairs.join(", ")
    }

    /// Gives the actor label an [`ENTITY`] attribute and the claim label a
    /// [`CATEGORY`] attribute, both free, where the schema lacks them; returns whether
    /// anything was added.
    ///
    /// Projects made before the registry existed have neither, and their annotators
    /// must still be able to assign entities without editing `claimspan.ron` by hand.
    /// This runs when a project is opened and changes only the schema in memory:
    /// reading never writes, and an attribute the project defines itself (say with a
    /// fixed list of entities) is left as it is. The actor and claim labels are the
    /// ends of the `holds` and `about` link types, or the labels named `actor` and
    /// `claim` when those link types are missing.
    pub fn add_registry_attributes(&mut self) -> bool {
        let roles = StatementLabels::of(self);
        let mut added = false;
        for (label, attribute) in [(&roles.actor, ENTITY), (&roles.claim, CATEGORY)] {
            if let Some(def) = self.labels.iter_mut().find(|l| &l.name == label)
                && !def.attributes.iter().any(|a| a.name == attribute)
            {
                def.attributes.push(AttributeDef::free(attribute));
                added = true;
            }
        }
        added
    }

    /// Checks that names are unique, keys unambiguous and link types refer to labels.
    pub fn check(&self) -> Result<(), SchemaError> {
        if self.labels.is_empty() {
            return Err(SchemaError::NoLabels);
        }
        let mut keys: Vec<(String, &str)> = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            if label.name.is_empty()
                || !label
                    .name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                return Err(SchemaError::BadLabelName(label.name.clone()));
            }
            if self.labels[..i].iter().any(|l| l.name == label.name) {
                return Err(SchemaError::DuplicateLabel(label.name.clone()));
            }
            for key in &label.keys {
                let key = key.to_lowercase();
                if let Some((_, first)) = keys.iter().find(|(k, _)| *k == key) {
                    return Err(SchemaError::DuplicateKey {
                        key,
                        first: (*first).to_owned(),
                        second: label.name.clone(),
                    });
                }
                keys.push((key, &label.name));
            }
        }
        for link in &self.link_types {
            for label in [&link.from, &link.to] {
                if self.label(label).is_none() {
                    return Err(SchemaError::UnknownLinkLabel {
                        link: link.name.clone(),
                        label: label.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_is_consistent() {
        let schema = Schema::default();
        assert_eq!(schema.check(), Ok(()));
        assert_eq!(schema.label_names(), ["actor", "stance", "claim"]);
        assert_eq!(
            schema
                .link_type_between("actor", "stance")
                .map(|t| t.name.as_str()),
            Some("holds")
        );
        assert_eq!(
            schema
                .link_type_between("stance", "claim")
                .map(|t| t.name.as_str()),
            Some("about")
        );
        assert!(schema.link_type_between("claim", "actor").is_none());
    }

    #[test]
    fn mistakes_are_named() {
        let mut schema = Schema::default();
        schema.labels[2].keys = vec!["A".into()];
        assert_eq!(
            schema.check().unwrap_err().to_string(),
            "the key “a” is given to both “actor” and “claim”; give each label its own keys"
        );
        let mut schema = Schema::default();
        schema.link_types[0].to = "stanse".into();
        assert!(matches!(
            schema.check(),
            Err(SchemaError::UnknownLinkLabel { .. })
        ));
        let mut schema = Schema::default();
        schema.labels[1].name = "actor".into();
        assert_eq!(
            schema.check(),
            Err(SchemaError::DuplicateLabel("actor".into()))
        );
    }

    #[test]
    fn free_attributes_take_any_non_empty_value() {
        let free = AttributeDef::free(ENTITY);
        assert!(free.allows("iran-foreign-ministry") && !free.allows(""));
        assert_eq!(free.describe_values(), "any non-empty text");
        let polarity = &Schema::default().labels[1].attributes[0];
        assert!(polarity.allows("oppose") && !polarity.allows("maybe"));
    }

    #[test]
    fn registry_attributes_are_added_to_old_schemas_only_where_missing() {
        let mut old = Schema::default();
        old.labels[0].attributes.clear();
        old.labels[2].attributes.clear();
        assert!(old.add_registry_attributes());
        assert_eq!(old, Schema::default());
        assert!(!old.add_registry_attributes(), "a second call adds nothing");

        // A project's own definition wins.
        let mut own = Schema::default();
        own.labels[0].attributes = vec![AttributeDef {
            name: ENTITY.into(),
            values: vec!["iran".into(), "iraq".into()],
        }];
        let before = own.clone();
        assert!(!own.add_registry_attributes());
        assert_eq!(own, before);

        // Labels found through the link types, whatever they are called.
        let mut renamed = Schema::default();
        for label in &mut renamed.labels {
            label.attributes.retain(|a| a.name == POLARITY);
        }
        renamed.labels[0].name = "speaker".into();
        renamed.link_types[0].from = "speaker".into();
        assert!(renamed.add_registry_attributes());
        assert_eq!(renamed.labels[0].attributes, [AttributeDef::free(ENTITY)]);

        // A schema without actors or claims is left alone.
        let mut other = Schema {
            labels: vec![Schema::default().labels[1].clone()],
            link_types: Vec::new(),
        };
        assert!(!other.add_registry_attributes());
    }
}
