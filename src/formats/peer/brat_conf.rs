//! brat's `annotation.conf`: the entity, event, relation and attribute types a brat
//! collection allows. With `--add-labels` an import adds what it allows to the schema
//! — not only the label pairs its `.ann` files happen to use — so a relation declared
//! `Arg1:<ENTITY>, Arg2:<ENTITY>` can join any two labels in claimspan too.
//!
//! brat looks for the file in the document's folder and then up the collection's
//! folders; so does [`find`], up to [`LEVELS_UP`] folders above the `.ann`.

use crate::formats::error::ImportError;
use crate::model::Schema;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How many folders above the `.ann` file's own are searched for `annotation.conf`.
pub const LEVELS_UP: usize = 3;

/// A role of an event and the types it takes.
pub type Role = (String, Vec<String>);

/// What an `annotation.conf` declares, its `<MACRO>`s and `<ENTITY>`/`<EVENT>`/`<ANY>`
/// already expanded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BratConf {
    /// Entity types that can be annotated (abstract `!Types` left out), in file order.
    pub entities: Vec<String>,
    /// Event types (their trigger label) with their roles, each to the types it takes.
    pub events: Vec<(String, Vec<Role>)>,
    /// Relation types: name, the types of its first and of its second argument.
    pub relations: Vec<(String, Vec<String>, Vec<String>)>,
    /// Attributes: name, the types they go on, their values (`true` for a binary one).
    pub attributes: Vec<(String, Vec<String>, Vec<String>)>,
}

/// The `annotation.conf` that applies to `ann`: in its folder or the nearest of the
/// [`LEVELS_UP`] folders above.
pub fn find(ann: &Path) -> Option<PathBuf> {
    ann.ancestors()
        .skip(1)
        .take(LEVELS_UP + 1)
        .map(|folder| folder.join("annotation.conf"))
        .find(|conf| conf.is_file())
}

/// Reads `text`, the content of `path`; a line it cannot make sense of is refused
/// with its place, as brat itself refuses it.
pub fn parse(path: &Path, text: &str) -> Result<BratConf, ImportError> {
    let (macros, raw) = declarations(text);
    read_declarations(path, &macros, &raw)
}

/// A declaration line: its number, section, name and the rest of the line.
type Declaration = (usize, String, String, String);

/// The `<MACRO>=a|b` definitions and the other declaration lines of `text`, comments
/// and blank lines left out.
fn declarations(text: &str) -> (BTreeMap<String, Vec<String>>, Vec<Declaration>) {
    let mut section = String::new();
    let mut macros: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut raw: Vec<Declaration> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            section = name.trim().to_lowercase();
            continue;
        }
        if let Some((name, values)) = trimmed.split_once('=')
            && name.starts_with('<')
            && name.ends_with('>')
        {
            macros.insert(name.to_owned(), split_types(values));
            continue;
        }
        let (name, rest) = trimmed
            .split_once(char::is_whitespace)
            .map_or((trimmed, ""), |(n, r)| (n, r.trim()));
        raw.push((i + 1, section.clone(), name.to_owned(), rest.to_owned()));
    }
    (macros, raw)
}

/// What the declarations declare, types expanded.
fn read_declarations(
    path: &Path,
    macros: &BTreeMap<String, Vec<String>>,
    raw: &[Declaration],
) -> Result<BratConf, ImportError> {
    let declared = |section: &str| -> Vec<String> {
        raw.iter()
            .filter(|(_, s, n, _)| s == section && !n.starts_with('!'))
            .map(|(_, _, n, _)| n.clone())
            .collect()
    };
    let types = Types {
        entities: declared("entities"),
        events: declared("events"),
        macros,
    };
    let mut conf = BratConf {
        entities: types.entities.clone(),
        ..BratConf::default()
    };
    for (line, section, name, rest) in raw {
        types
            .declare(&mut conf, section, name, rest)
            .map_err(|message| ImportError::Peer {
                path: path.to_owned(),
                line: *line,
                message,
            })?;
    }
    Ok(conf)
}

/// The types a declaration's arguments may name in short.
struct Types<'a> {
    /// Entity types, what `<ENTITY>` stands for.
    entities: Vec<String>,
    /// Event types, what `<EVENT>` stands for.
    events: Vec<String>,
    /// The file's own `<MACRO>`s.
    macros: &'a BTreeMap<String, Vec<String>>,
}

impl Types<'_> {
    /// `types` with `<ENTITY>`, `<EVENT>`, `<ANY>` and macros written out, each
    /// type once.
    fn expand(&self, types: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for t in types {
            let found: Vec<String> = match t.as_str() {
                "<ENTITY>" => self.entities.clone(),
                "<EVENT>" => self.events.clone(),
                "<ANY>" => self.entities.iter().chain(&self.events).cloned().collect(),
                m if self.macros.contains_key(m) => self.macros[m].clone(),
                other => vec![other.to_owned()],
            };
            for f in found {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// Adds the declaration of `name` in `section` (its arguments in `rest`) to
    /// `conf`; the error is the message for its line.
    fn declare(
        &self,
        conf: &mut BratConf,
        section: &str,
        name: &str,
        rest: &str,
    ) -> Result<(), String> {
        let args = arguments(rest).map_err(|part| {
            format!("“{part}” is not “Role:Type”; fix the line as brat's annotation.conf has it")
        })?;
        match section {
            "relations" if !name.starts_with('<') => {
                let mut roles = args.iter().filter(|(role, _)| !role.starts_with('<'));
                let (Some((_, from)), Some((_, to))) = (roles.next(), roles.next()) else {
                    return Err(format!(
                        "the relation “{name}” needs two arguments, “Arg1:Type, Arg2:Type”"
                    ));
                };
                conf.relations
                    .push((name.to_owned(), self.expand(from), self.expand(to)));
            }
            "events" if !name.starts_with('!') => {
                let roles = args
                    .iter()
                    .map(|(role, types)| (role_name(role), self.expand(types)))
                    .collect();
                conf.events.push((name.to_owned(), roles));
            }
            "attributes" => {
                let on = args
                    .iter()
                    .find(|(role, _)| role == "Arg")
                    .map(|(_, types)| self.expand(types))
                    .ok_or_else(|| {
                        format!("the attribute “{name}” needs “Arg:Type” saying what it goes on")
                    })?;
                let values = args
                    .iter()
                    .find(|(role, _)| role == "Value")
                    .map_or_else(|| vec!["true".to_owned()], |(_, v)| v.clone());
                conf.attributes.push((name.to_owned(), on, values));
            }
            _ => {}
        }
        Ok(())
    }
}

/// Adds to `schema` every label, link type and attribute value `conf` allows and it
/// lacks; returns what was added, described for the report. A role of an event is a
/// link from the event's trigger label named by the role, as the `.ann` reader makes
/// them; a type named only as an argument becomes a label too.
pub fn extend_schema(schema: &mut Schema, conf: &BratConf) -> Vec<String> {
    fn label(schema: &mut Schema, name: &str, added: &mut Vec<String>) {
        if schema.label(name).is_none() {
            added.push(super::add_label(schema, name));
        }
    }
    let mut added = Vec::new();
    for name in conf
        .entities
        .iter()
        .chain(conf.events.iter().map(|(e, _)| e))
    {
        label(schema, name, &mut added);
    }
    let mut pairs: Vec<(&str, &str, &str)> = Vec::new();
    for (name, from, to) in &conf.relations {
        for f in from {
            pairs.extend(to.iter().map(|t| (name.as_str(), f.as_str(), t.as_str())));
        }
    }
    for (event, roles) in &conf.events {
        for (role, types) in roles {
            pairs.extend(
                types
                    .iter()
                    .map(|t| (role.as_str(), event.as_str(), t.as_str())),
            );
        }
    }
    for (name, from, to) in pairs {
        label(schema, from, &mut added);
        label(schema, to, &mut added);
        super::write::allow_link(schema, name, from, to, &mut added);
    }
    for (name, on, values) in &conf.attributes {
        for target in on {
            label(schema, target, &mut added);
            for value in values {
                super::write::allow_value(schema, target, name, value, &mut added);
            }
        }
    }
    added
}

/// `Arg1:Person|Org, Arg2:Place` as roles with their types; the part that is not
/// `Role:Types` as the error.
fn arguments(rest: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    rest.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.split_once(':')
                .map(|(role, types)| (role.trim().to_owned(), split_types(types)))
                .ok_or_else(|| part.to_owned())
        })
        .collect()
}

fn split_types(types: &str) -> Vec<String> {
    types
        .split('|')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A role without brat's marks of how often it may occur (`Theme+`, `Site?`,
/// `Agent{1-3}`).
fn role_name(role: &str) -> String {
    let role = role.split('{').next().unwrap_or(role);
    role.trim_end_matches(['?', '*', '+']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONF: &str = "# A collection for coding claims\n\
[entities]\n\
actor\n\
!place\n\
\tcity\n\
claim\n\
\n\
[relations]\n\
<ACTORISH>=actor|city\n\
supports\tArg1:<ACTORISH>, Arg2:claim\n\
same_as\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n\
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\
\n\
[events]\n\
statement\tSpeaker:actor, Topic+:claim, Place?:city\n\
\n\
[attributes]\n\
polarity\tArg:statement, Value:support|oppose\n\
hedged\tArg:<ENTITY>\n";

    #[test]
    fn declarations_are_read_with_macros_and_wildcards_expanded() {
        let conf = parse(Path::new("annotation.conf"), CONF).unwrap();
        assert_eq!(
            conf.entities,
            ["actor", "city", "claim"],
            "!place is abstract"
        );
        assert_eq!(
            conf.relations,
            [
                (
                    "supports".into(),
                    vec!["actor".into(), "city".into()],
                    vec!["claim".into()]
                ),
                (
                    "same_as".into(),
                    vec!["actor".into(), "city".into(), "claim".into()],
                    vec!["actor".into(), "city".into(), "claim".into()]
                ),
            ]
        );
        assert_eq!(conf.events.len(), 1);
        let roles: Vec<&str> = conf.events[0].1.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(roles, ["Speaker", "Topic", "Place"]);
        assert_eq!(conf.attributes[0].2, ["support", "oppose"]);
        assert_eq!(conf.attributes[1].1, ["actor", "city", "claim"]);
        assert_eq!(conf.attributes[1].2, ["true"], "a binary attribute");
    }

    #[test]
    fn a_relation_without_two_arguments_is_refused_with_its_line() {
        let err = parse(Path::new("a.conf"), "[relations]\nholds\tArg1:actor\n").unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("a.conf") && message.contains('2'),
            "{message}"
        );
        assert!(message.contains("two arguments"), "{message}");
    }

    #[test]
    fn the_nearest_conf_up_the_folders_applies() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("study/alice");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join("study/annotation.conf"), CONF).unwrap();
        assert_eq!(
            find(&deep.join("doc.ann")),
            Some(dir.path().join("study/annotation.conf"))
        );
        std::fs::write(deep.join("annotation.conf"), CONF).unwrap();
        assert_eq!(
            find(&deep.join("doc.ann")),
            Some(deep.join("annotation.conf"))
        );
    }
}
