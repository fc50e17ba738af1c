//! Importing a DNA database: read and mapped whole, placed and checked like every
//! peer file, then the registry, schema, articles and annotations written in the
//! import's batch, so a refused or failed database leaves the project as it was.

use super::super::PeerKind;
use super::super::write::{Plan, allow_link, allow_value, plan_records, write};
use super::DnaFile;
use crate::formats::error::ImportError;
use crate::formats::import::{ImportOptions, ImportReport, Outcome};
use crate::model::schema::{ABOUT, HOLDS};
use crate::model::{AttributeDef, Schema, StatementLabels};
use crate::store::{Project, WriteBatch};
use std::path::Path;

/// Imports the DNA 3 database at `path`, adding its outcome to `report`. Its coders
/// are the annotators; labels and attributes the mapping needs are added to the
/// schema and said so, as they follow from DNA's statement types rather than from
/// a file's spelling.
pub fn import_dna_file(
    project: &mut Project,
    path: &Path,
    batch: &mut WriteBatch,
    report: &mut ImportReport,
) {
    let (dna, plan) = match plan(project, path) {
        Ok(planned) => planned,
        Err(err) => return report.outcomes.push(Outcome::Refused(err)),
    };
    if dna.entities_added + dna.categories_added > 0 {
        if let Err(e) = project.save_registry_in(&dna.registry, batch) {
            let err = ImportError::Database {
                path: path.to_owned(),
                message: format!("the project's registry could not be written: {e}"),
            };
            return report.outcomes.push(Outcome::Refused(err));
        }
        report.outcomes.push(Outcome::RegistryAdded {
            what: counted(dna.entities_added, dna.categories_added),
        });
    }
    let (schema, added, ready) = plan;
    write(project, path, schema, added, ready, batch, report);
}

/// The database read, mapped and checked against the project.
fn plan(project: &Project, path: &Path) -> Result<(DnaFile, Plan), ImportError> {
    let registry = project
        .load_registry()
        .map_err(|e| ImportError::Database {
            path: path.to_owned(),
            message: format!("the project's registry could not be read: {e}"),
        })?
        .registry;
    let labels = StatementLabels::of(project.schema());
    let dna = super::read(path, &registry, &labels)?;
    let mut schema = project.schema().clone();
    let added = extend_schema(&mut schema, &dna, &labels);
    if !added.is_empty() {
        schema.check().map_err(|e| ImportError::Database {
            path: path.to_owned(),
            message: format!("{e}; rename the statement type or variable in DNA"),
        })?;
    }
    let options = ImportOptions::default();
    let records = dna.records.clone();
    let plan = plan_records(
        project,
        records,
        path,
        PeerKind::Dna,
        schema,
        added,
        &options,
    )?;
    Ok((dna, plan))
}

/// Adds to `schema` what the mapped statements use: a label per statement type
/// that is not who-says-what, free attributes for DNA's variables (their values are
/// DNA's entities, any text), the polarity values and the `holds`/`about` link
/// types. Returns what was added, described.
fn extend_schema(schema: &mut Schema, dna: &DnaFile, labels: &StatementLabels) -> Vec<String> {
    let mut added = Vec::new();
    for span in dna
        .records
        .iter()
        .flat_map(|r| &r.sets)
        .flat_map(|s| &s.spans)
    {
        if schema.label(&span.label).is_none() {
            added.push(super::super::add_label(schema, &span.label));
        }
        for (name, value) in &span.attributes {
            let Some(def) = schema.labels.iter_mut().find(|l| l.name == span.label) else {
                continue;
            };
            let known = def.attributes.iter().any(|a| &a.name == name);
            let enumerated = name == crate::model::schema::POLARITY;
            if !known && !enumerated {
                def.attributes.push(AttributeDef::free(name));
                added.push(format!("attribute “{name}” of {}", span.label));
            } else {
                allow_value(schema, &span.label, name, value, &mut added);
            }
        }
    }
    let uses = |kind: &str| {
        dna.records
            .iter()
            .flat_map(|r| &r.sets)
            .flat_map(|s| &s.links)
            .any(|l| l.label == kind)
    };
    if uses(HOLDS) {
        allow_link(schema, HOLDS, &labels.actor, &labels.stance, &mut added);
    }
    if uses(ABOUT) {
        allow_link(schema, ABOUT, &labels.stance, &labels.claim, &mut added);
    }
    added
}

/// `3 entities and 2 claim categories`.
fn counted(entities: usize, categories: usize) -> String {
    let entities = match entities {
        1 => "1 entity".to_owned(),
        n => format!("{n} entities"),
    };
    let categories = match categories {
        1 => "1 claim category".to_owned(),
        n => format!("{n} claim categories"),
    };
    format!("{entities} and {categories}")
}
