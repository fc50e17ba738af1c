//! The label schema of a project: which labels exist, their colours and keys, the
//! attributes a span of each label may carry, and which links may join them.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One attribute a span may carry, with its allowed values (`polarity`: support,
/// oppose, neutral).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// The attribute's name, as stored on spans.
    pub name: String,
    /// Every value it may take.
    pub values: Vec<String>,
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
    /// actor, stance (with polarity) and claim, in colours of the Okabe–Ito palette
    /// that colour-blind readers can tell apart; links `holds` and `about`.
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
        let link = |name: &str, from: &str, to: &str| LinkType {
            name: name.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
        };
        Self {
            labels: vec![
                label("actor", "#0072B2", ["1", "a"]),
                stance,
                label("claim", "#009E73", ["3", "c"]),
            ],
            link_types: vec![
                link("holds", "actor", "stance"),
                link("about", "stance", "claim"),
            ],
        }
    }
}

/// The name of the stance attribute that says for or against.
pub const POLARITY: &str = "polarity";

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

    /// The link type called `name`.
    pub fn link_type(&self, name: &str) -> Option<&LinkType> {
        self.link_types.iter().find(|t| t.name == name)
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
}
