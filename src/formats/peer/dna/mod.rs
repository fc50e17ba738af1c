//! DNA 3 databases (`.dna`, SQLite): the Discourse Network Analyzer's documents,
//! coders, statements and entities, read with SQLite compiled in.
//!
//! The mapping (also in the README):
//! - a document is an article: title, text, date (DNA's UTC seconds, as a date; a
//!   time of day other than midnight is kept as `time`), source, and author,
//!   section, type and notes as metadata;
//! - a coder is an annotator of the coder's name; each coder's statements are that
//!   annotator's work on the document;
//! - a statement of a type with `person`, `organization` or `concept` (DNA's
//!   `DNA Statement`) is a stance span on the statement's text with its `polarity`
//!   from `agreement` (true: support, false: oppose), an actor span that `holds` it
//!   and a claim span it is `about`. The actor is the `organization` (DNA's usual
//!   actor), else the `person`; the other is kept as an attribute of the stance.
//!   Actors and concepts are registry entries, DNA's colours and attributes kept
//!   (`Alias` as aliases). DNA gives actors and concepts no place in the text, so
//!   the actor and claim spans lie on the statement's own text, marked so in their
//!   note. Each statement is its own stance (its `dna_statement` id keeps two
//!   statements on one sentence apart), so a network built from the import counts
//!   what DNA counts;
//! - a statement of another type (`Annotation`, a project's own) is a span labelled
//!   with the type's name;
//! - every other variable is kept: short texts, booleans (`yes`/`no`) and integers
//!   as attributes of the stance (or span), long texts in its note; the statement's
//!   DNA id is its `dna_statement` attribute.
//!
//! Offsets are Java's, UTF-16 units, and are turned into ours by [`super::fit`] as
//! doccano's are.

mod import;
mod open;
mod tables;

pub use import::import_dna_file;
pub use open::is_sqlite;

use super::{PeerLink, PeerRecord, PeerSet, PeerSpan};
use crate::formats::error::ImportError;
use crate::formats::units::OffsetUnit;
use crate::formats::wire::dates::utc_date_time;
use crate::model::document::MetaValue;
use crate::model::schema::{ABOUT, CATEGORY, ENTITY, HOLDS, POLARITY};
use crate::model::{EntityKind, Registry, RegistryError, StatementLabels};
use crate::store::NewArticle;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tables::{RowId, StatementRow, Tables, Value};

/// The attribute holding a statement's DNA id.
pub const DNA_STATEMENT: &str = "dna_statement";

/// The note of an actor or claim span DNA gave no place in the text.
const NOT_IN_TEXT: &str =
    "DNA: not marked in the text; this span covers the whole statement it belongs to";

/// A DNA database read and mapped, nothing written.
#[derive(Debug, Clone)]
pub struct DnaFile {
    /// One record per document, one set per coder who coded in it.
    pub records: Vec<PeerRecord>,
    /// The project's registry with the database's actors and concepts added.
    pub registry: Registry,
    /// How many entities were added to the registry.
    pub entities_added: usize,
    /// How many claim categories were added.
    pub categories_added: usize,
}

/// Reads the DNA 3 database at `path` against the project's `registry` and the
/// labels its schema gives actors, stances and claims.
pub fn read(
    path: &Path,
    registry: &Registry,
    labels: &StatementLabels,
) -> Result<DnaFile, ImportError> {
    let conn = open::open(path)?;
    let tables = tables::read(&conn).map_err(|e| open::sql_error(path, &e))?;
    drop(conn);
    let file_name = crate::formats::jsonl::file_name(path);
    let mut mapper = Mapper {
        roles: roles_of(&tables),
        tables: &tables,
        registry: registry.clone(),
        entity_ids: HashMap::new(),
        category_ids: HashMap::new(),
        entities_added: 0,
        categories_added: 0,
        labels,
    };
    let mut by_document: HashMap<RowId, Vec<&StatementRow>> = HashMap::new();
    for s in &tables.statements {
        by_document.entry(s.document).or_default().push(s);
    }
    let mut records = Vec::with_capacity(tables.documents.len());
    for doc in &tables.documents {
        let statements = by_document.remove(&doc.id).unwrap_or_default();
        let sets = mapper
            .sets(&statements)
            .map_err(|e| open::refused(path, e.to_string()))?;
        records.push(PeerRecord {
            line: usize::try_from(doc.id).unwrap_or_default(),
            article: article(doc, &file_name),
            raw_text: doc.text.clone(),
            unit: OffsetUnit::Utf16,
            sets,
        });
    }
    Ok(DnaFile {
        records,
        entities_added: mapper.entities_added,
        categories_added: mapper.categories_added,
        registry: mapper.registry,
    })
}

/// A document as an article.
fn article(doc: &tables::DocumentRow, file_name: &str) -> NewArticle {
    let text = crate::model::text::normalize(&doc.text);
    let title = match doc.title.trim() {
        "" => crate::formats::jsonl::first_line(&text),
        title => title.to_owned(),
    };
    let (date, time) = utc_date_time(doc.date);
    let mut extra: BTreeMap<String, MetaValue> = doc
        .fields
        .iter()
        .filter(|(name, value)| *name != "source" && !value.trim().is_empty())
        .map(|(name, value)| ((*name).to_owned(), MetaValue::from(value.trim())))
        .collect();
    if time != "00:00:00" {
        extra.insert("time".into(), MetaValue::from(time));
    }
    extra.insert("dna_document".into(), MetaValue::from(doc.id));
    let source = doc
        .fields
        .iter()
        .find(|(name, _)| *name == "source")
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    NewArticle {
        text,
        title,
        date: Some(date),
        source,
        dateline: None,
        caption: None,
        original_file: file_name.to_owned(),
        id: None,
        extra,
    }
}

/// The variables of one statement type that play a part in a statement.
#[derive(Debug, Clone, Default)]
struct Roles {
    person: Option<RowId>,
    organization: Option<RowId>,
    concept: Option<RowId>,
    agreement: Option<RowId>,
}

impl Roles {
    /// True for a type whose statements are who-says-what (DNA's `DNA Statement`).
    fn is_claim_type(&self) -> bool {
        self.person.is_some() || self.organization.is_some() || self.concept.is_some()
    }

    fn plays_a_part(&self, variable: RowId) -> bool {
        [self.person, self.organization, self.concept, self.agreement].contains(&Some(variable))
    }
}

/// Each statement type's roles, by DNA's variable names.
fn roles_of(tables: &Tables) -> HashMap<RowId, Roles> {
    let mut roles: HashMap<RowId, Roles> = HashMap::new();
    for (&id, variable) in &tables.variables {
        let of_type = roles.entry(variable.statement_type).or_default();
        let slot = match variable.name.trim().to_lowercase().as_str() {
            "person" => &mut of_type.person,
            "organization" | "organisation" => &mut of_type.organization,
            "concept" => &mut of_type.concept,
            "agreement" => &mut of_type.agreement,
            _ => continue,
        };
        // The lowest id wins should a type have the name twice, as DNA lists them.
        if slot.is_none_or(|old| id < old) {
            *slot = Some(id);
        }
    }
    roles
}

/// Turns statements into spans and links, filling the registry as it goes.
struct Mapper<'a> {
    tables: &'a Tables,
    roles: HashMap<RowId, Roles>,
    registry: Registry,
    entity_ids: HashMap<RowId, String>,
    category_ids: HashMap<RowId, String>,
    entities_added: usize,
    categories_added: usize,
    labels: &'a StatementLabels,
}

impl Mapper<'_> {
    /// One set per coder, in the order they first coded in the document.
    fn sets(&mut self, statements: &[&StatementRow]) -> Result<Vec<PeerSet>, RegistryError> {
        let mut order: Vec<RowId> = Vec::new();
        let mut sets: HashMap<RowId, PeerSet> = HashMap::new();
        for s in statements {
            let set = sets.entry(s.coder).or_insert_with(|| {
                order.push(s.coder);
                PeerSet {
                    coder: Some(self.coder_name(s.coder)),
                    ..PeerSet::default()
                }
            });
            let (spans, links) = self.statement(s)?;
            set.spans.extend(spans);
            set.links.extend(links);
        }
        Ok(order.iter().filter_map(|c| sets.remove(c)).collect())
    }

    fn coder_name(&self, coder: RowId) -> String {
        self.tables
            .coders
            .get(&coder)
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("coder-{coder}"))
    }

    /// The spans and links of one statement.
    fn statement(
        &mut self,
        s: &StatementRow,
    ) -> Result<(Vec<PeerSpan>, Vec<PeerLink>), RegistryError> {
        let roles = self
            .roles
            .get(&s.statement_type)
            .cloned()
            .unwrap_or_default();
        let key = s.id.to_string();
        let mut main = PeerSpan {
            key: key.clone(),
            start: s.start,
            end: s.stop,
            ..PeerSpan::default()
        };
        main.attributes.insert(DNA_STATEMENT.into(), key.clone());
        let (actor, other_actor) = if roles.is_claim_type() {
            let org = roles.organization.filter(|v| self.names_someone(s, *v));
            let person = roles.person.filter(|v| self.names_someone(s, *v));
            match (org, person) {
                (Some(org), person) => (Some(org), person),
                (None, person) => (person, None),
            }
        } else {
            (None, None)
        };
        self.keep_values(s, &roles, other_actor, &mut main);
        if !roles.is_claim_type() {
            main.label = self
                .tables
                .types
                .get(&s.statement_type)
                .map(|t| t.label.trim().to_owned())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| format!("dna-type-{}", s.statement_type));
            return Ok((vec![main], Vec::new()));
        }
        main.label = self.labels.stance.clone();
        if let Some(Value::Boolean(agrees)) = roles.agreement.and_then(|a| s.values.get(&a)) {
            let polarity = if *agrees { "support" } else { "oppose" };
            main.attributes.insert(POLARITY.into(), polarity.into());
        }
        let (mut spans, links) = self.parts(s, &roles, actor)?;
        spans.insert(0, main);
        Ok((spans, links))
    }

    /// Keeps every value of `s` that plays no part of the statement on `main`: short
    /// texts, booleans and integers as attributes, long texts in the note.
    /// `other_actor` is the person (or organisation) that is not the actor.
    fn keep_values(
        &self,
        s: &StatementRow,
        roles: &Roles,
        other_actor: Option<RowId>,
        main: &mut PeerSpan,
    ) {
        let mut notes = Vec::new();
        for (&variable, value) in &s.values {
            let is_part = roles.is_claim_type()
                && roles.plays_a_part(variable)
                && Some(variable) != other_actor;
            if is_part {
                continue;
            }
            let name = self.variable_name(variable);
            match value {
                Value::LongText(text) if !text.trim().is_empty() => {
                    notes.push(format!("{name}: {}", text.trim()));
                }
                Value::LongText(_) => {}
                other => {
                    if let Some(v) = self.value_text(other) {
                        main.attributes.insert(name, v);
                    }
                }
            }
        }
        main.note = notes.join("\n");
    }

    /// The actor and claim spans of statement `s` and their links to its stance.
    fn parts(
        &mut self,
        s: &StatementRow,
        roles: &Roles,
        actor: Option<RowId>,
    ) -> Result<(Vec<PeerSpan>, Vec<PeerLink>), RegistryError> {
        let key = s.id.to_string();
        let mut spans = vec![];
        let mut links = vec![];
        if let Some(variable) = actor
            && let Some(Value::Entity(row)) = s.values.get(&variable)
        {
            let kind = if Some(variable) == roles.person {
                EntityKind::Person
            } else {
                EntityKind::Organisation
            };
            let id = self.entity(*row, kind)?;
            let span = self.part(s, &key, "actor", &self.labels.actor, ENTITY, id);
            links.push(PeerLink {
                from: span.key.clone(),
                to: key.clone(),
                label: HOLDS.into(),
            });
            spans.push(span);
        }
        if let Some(variable) = roles.concept
            && let Some(Value::Entity(row)) = s.values.get(&variable)
            && self.has_value(*row)
        {
            let id = self.category(*row)?;
            let span = self.part(s, &key, "claim", &self.labels.claim, CATEGORY, id);
            links.push(PeerLink {
                from: key.clone(),
                to: span.key.clone(),
                label: ABOUT.into(),
            });
            spans.push(span);
        }
        Ok((spans, links))
    }

    /// The actor or claim span of statement `s`, on the statement's own text.
    fn part(
        &self,
        s: &StatementRow,
        key: &str,
        part: &str,
        label: &str,
        attribute: &str,
        id: String,
    ) -> PeerSpan {
        let mut span = PeerSpan {
            key: format!("{key}:{part}"),
            start: s.start,
            end: s.stop,
            label: label.to_owned(),
            note: NOT_IN_TEXT.into(),
            ..PeerSpan::default()
        };
        span.attributes.insert(attribute.into(), id);
        span
    }

    /// True when the statement's `variable` holds a non-empty entity.
    fn names_someone(&self, s: &StatementRow, variable: RowId) -> bool {
        matches!(s.values.get(&variable), Some(Value::Entity(row)) if self.has_value(*row))
    }

    fn has_value(&self, row: RowId) -> bool {
        self.tables
            .entities
            .get(&row)
            .is_some_and(|e| !e.value.trim().is_empty())
    }

    fn variable_name(&self, variable: RowId) -> String {
        self.tables
            .variables
            .get(&variable)
            .map(|v| v.name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("variable-{variable}"))
    }

    /// A short-text, boolean or integer value as an attribute value.
    fn value_text(&self, value: &Value) -> Option<String> {
        match value {
            Value::Entity(row) => self
                .tables
                .entities
                .get(row)
                .map(|e| e.value.trim().to_owned())
                .filter(|v| !v.is_empty()),
            Value::Boolean(b) => Some(if *b { "yes" } else { "no" }.into()),
            Value::Integer(i) => Some(i.to_string()),
            Value::LongText(_) => None,
        }
    }

    /// The registry id of the actor DNA keeps as entity `row`: an entity of the same
    /// name when the registry has one, a new one otherwise.
    fn entity(&mut self, row: RowId, kind: EntityKind) -> Result<String, RegistryError> {
        if let Some(id) = self.entity_ids.get(&row) {
            return Ok(id.clone());
        }
        let Some(dna) = self.tables.entities.get(&row) else {
            return Err(RegistryError::EmptyName { what: "entity" });
        };
        let name = dna.value.trim();
        let id = match self.registry.entity_named(name) {
            Some(existing) => existing.id.to_string(),
            None => {
                let id = self.registry.add_entity(name, kind)?;
                self.entities_added += 1;
                if let Some(entity) = self.registry.entities.iter_mut().find(|e| e.id == id) {
                    entity.colour = dna.colour.clone();
                    for (attribute, value) in &dna.attributes {
                        if attribute.eq_ignore_ascii_case("alias") {
                            continue;
                        }
                        entity.attributes.insert(attribute.clone(), value.clone());
                    }
                }
                if let Some(aliases) = dna
                    .attributes
                    .iter()
                    .find(|(a, _)| a.eq_ignore_ascii_case("alias"))
                    .map(|(_, v)| v)
                {
                    for alias in aliases.split(';').map(str::trim).filter(|a| !a.is_empty()) {
                        // An alias that is the name itself, or given twice, says nothing new.
                        let _ = self.registry.add_alias(&id, alias);
                    }
                }
                id.to_string()
            }
        };
        self.entity_ids.insert(row, id.clone());
        Ok(id)
    }

    /// The registry id of the concept DNA keeps as entity `row`.
    fn category(&mut self, row: RowId) -> Result<String, RegistryError> {
        if let Some(id) = self.category_ids.get(&row) {
            return Ok(id.clone());
        }
        let Some(dna) = self.tables.entities.get(&row) else {
            return Err(RegistryError::EmptyName { what: "category" });
        };
        let notes = dna
            .attributes
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case("notes"))
            .map(|(_, v)| v.as_str());
        let id = match self.registry.add_category(dna.value.trim(), notes) {
            Ok(id) => {
                self.categories_added += 1;
                if let Some(category) = self.registry.categories.iter_mut().find(|c| c.id == id) {
                    category.colour = dna.colour.clone();
                    for (attribute, value) in &dna.attributes {
                        if !attribute.eq_ignore_ascii_case("notes") {
                            category.attributes.insert(attribute.clone(), value.clone());
                        }
                    }
                }
                id.to_string()
            }
            // The project has it already: that one it is.
            Err(RegistryError::DuplicateName { existing, .. }) => existing,
            Err(e) => return Err(e),
        };
        self.category_ids.insert(row, id.clone());
        Ok(id)
    }
}

#[cfg(test)]
mod tests;
