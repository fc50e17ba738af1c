//! The labeling configuration Label Studio needs before it can show the exported
//! tasks: written beside them (`TASKS.label-config.xml`, or `label-config.xml` in a
//! split's folder), to paste into a project's “Labeling Interface” settings.
//!
//! Its tag names are the ones the tasks' results refer to: `label` (span labels, in
//! the schema's colours) on the text `text`, one per-region `Choices` per attribute
//! (shown for the labels that have it), `note` for span notes, and the link types as
//! relations.

use super::free_values::{FreeValues, values_of};
use crate::formats::xml::escape;
use crate::model::Schema;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Where the configuration goes for tasks written to `out`.
pub(crate) fn config_path(out: &Path, split: bool) -> PathBuf {
    if split {
        out.join("label-config.xml")
    } else {
        out.with_extension("label-config.xml")
    }
}

/// The `<View>` for `schema`; a free attribute lists the values found for it and is
/// left out when none were.
pub(crate) fn label_config(schema: &Schema, free_values: &FreeValues) -> String {
    let mut xml = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for label in &schema.labels {
        let _ = writeln!(
            xml,
            "    <Label value=\"{}\" background=\"{}\"/>",
            escape(&label.name),
            escape(&label.color)
        );
    }
    xml.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n");
    if !schema.link_types.is_empty() {
        xml.push_str("  <Relations>\n");
        let mut names: Vec<&str> = Vec::new();
        for link in &schema.link_types {
            // A name that joins several pairs of labels is one relation to Label Studio.
            if !names.contains(&link.name.as_str()) {
                names.push(&link.name);
                let _ = writeln!(xml, "    <Relation value=\"{}\"/>", escape(&link.name));
            }
        }
        xml.push_str("  </Relations>\n");
    }
    // One Choices per attribute name, as the results name it; shared by every label
    // that has an attribute of that name.
    let mut attributes: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for label in &schema.labels {
        for attribute in &label.attributes {
            let values = values_of(&label.name, attribute, free_values);
            if values.is_empty() {
                continue;
            }
            let (labels, all) = attributes.entry(&attribute.name).or_default();
            labels.push(&label.name);
            for value in values {
                if !all.contains(&value) {
                    all.push(value);
                }
            }
        }
    }
    for (name, (labels, values)) in attributes {
        // The View holds the title with the choices, shown for the region's labels.
        let when = escape(&labels.join(","));
        let _ = writeln!(
            xml,
            "  <View visibleWhen=\"region-selected\" whenLabelValue=\"{when}\">\n    \
             <Header value=\"{}\" size=\"6\"/>",
            escape(name)
        );
        let _ = writeln!(
            xml,
            "    <Choices name=\"{}\" toName=\"text\" perRegion=\"true\" choice=\"single\" \
             showInline=\"true\" visibleWhen=\"region-selected\" whenLabelValue=\"{when}\">",
            escape(name)
        );
        for value in values {
            let _ = writeln!(xml, "      <Choice value=\"{}\"/>", escape(value));
        }
        xml.push_str("    </Choices>\n  </View>\n");
    }
    xml.push_str(
        "  <TextArea name=\"note\" toName=\"text\" perRegion=\"true\" editable=\"true\" \
         rows=\"2\" visibleWhen=\"region-selected\" placeholder=\"note\"/>\n</View>\n",
    );
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_config_names_what_the_tasks_refer_to() {
        let schema = Schema::default();
        let mut found = FreeValues::new();
        found.insert(
            ("actor".into(), "entity".into()),
            BTreeSet::from(["opec".to_owned(), "iran-\"fm\"".to_owned()]),
        );
        let xml = label_config(&schema, &found);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "View");
        let labels: Vec<&str> = root
            .descendants()
            .filter(|n| n.has_tag_name("Label"))
            .filter_map(|n| n.attribute("value"))
            .collect();
        assert_eq!(labels, ["actor", "stance", "claim"]);
        let relations: Vec<&str> = root
            .descendants()
            .filter(|n| n.has_tag_name("Relation"))
            .filter_map(|n| n.attribute("value"))
            .collect();
        assert_eq!(relations, ["holds", "about"]);
        let choices = |name: &str| -> Vec<String> {
            root.descendants()
                .find(|n| n.has_tag_name("Choices") && n.attribute("name") == Some(name))
                .map(|c| {
                    c.children()
                        .filter_map(|n| n.attribute("value"))
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(choices("polarity"), ["support", "oppose", "neutral"]);
        // A free attribute lists what was found (quotes survive escaping), and one
        // with nothing found is left out.
        assert_eq!(choices("entity"), ["iran-\"fm\"", "opec"]);
        assert!(choices("category").is_empty());
        let polarity = root
            .descendants()
            .find(|n| n.attribute("name") == Some("polarity"))
            .unwrap();
        assert_eq!(polarity.attribute("whenLabelValue"), Some("stance"));
        assert_eq!(polarity.attribute("toName"), Some("text"));
        assert!(
            root.descendants()
                .any(|n| n.has_tag_name("TextArea") && n.attribute("name") == Some("note"))
        );
    }

    #[test]
    fn the_config_sits_beside_the_tasks_or_in_the_split_folder() {
        assert_eq!(
            config_path(Path::new("out/tasks.json"), false),
            Path::new("out/tasks.label-config.xml")
        );
        assert_eq!(
            config_path(Path::new("out"), true),
            Path::new("out/label-config.xml")
        );
    }
}
