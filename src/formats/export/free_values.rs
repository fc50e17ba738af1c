//! Values met for free attributes (an actor's entity, a claim's category): tools
//! whose configuration must list every value they show (brat, Label Studio) are
//! given those found in the exported documents.

use crate::model::{Schema, Span};
use std::collections::{BTreeMap, BTreeSet};

/// The values of free attributes met, by label and attribute name.
pub(crate) type FreeValues = BTreeMap<(String, String), BTreeSet<String>>;

/// Adds the free-attribute values of `spans` to `found`.
pub(crate) fn note_free_values(schema: &Schema, spans: &[Span], found: &mut FreeValues) {
    for span in spans {
        let Some(label) = schema.label(&span.label) else {
            continue;
        };
        for (name, value) in &span.attributes {
            if label
                .attributes
                .iter()
                .any(|a| &a.name == name && a.is_free())
            {
                found
                    .entry((span.label.clone(), name.clone()))
                    .or_default()
                    .insert(value.clone());
            }
        }
    }
}

/// The values an attribute of `label` may show: its fixed values, or for a free
/// attribute those found.
pub(crate) fn values_of<'a>(
    label: &str,
    attribute: &'a crate::model::AttributeDef,
    found: &'a FreeValues,
) -> Vec<&'a str> {
    if attribute.is_free() {
        found
            .get(&(label.to_owned(), attribute.name.clone()))
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default()
    } else {
        attribute.values.iter().map(String::as_str).collect()
    }
}
