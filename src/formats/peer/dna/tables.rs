//! DNA 3's tables read into plain rows, nothing interpreted yet. Column names are
//! DNA's (`dna/src/main/java/sql/Sql.java` in leifeld-lab/dna).

use rusqlite::{Connection, Row};
use std::collections::{BTreeMap, HashMap};

/// A row id of one of DNA's tables.
pub(super) type RowId = i64;

/// One document.
#[derive(Debug, Clone)]
pub(super) struct DocumentRow {
    /// `ID`.
    pub id: RowId,
    /// `Title`.
    pub title: String,
    /// `Text`, which statements' offsets count in (Java's UTF-16 units).
    pub text: String,
    /// `Author`, `Source`, `Section`, `Type`, `Notes` as DNA names them.
    pub fields: Vec<(&'static str, String)>,
    /// `Date`: seconds since 1970 in UTC.
    pub date: i64,
}

/// One statement type: `DNA Statement`, `Annotation`, a project's own.
#[derive(Debug, Clone)]
pub(super) struct StatementType {
    /// `Label`.
    pub label: String,
}

/// One variable of a statement type.
#[derive(Debug, Clone)]
pub(super) struct Variable {
    /// `Variable`: `person`, `organization`, `concept`, `agreement`…
    pub name: String,
    /// `StatementTypeId`.
    pub statement_type: RowId,
}

/// One value of a short-text variable, shared by every statement that uses it.
#[derive(Debug, Clone)]
pub(super) struct EntityRow {
    /// `Value`: the actor's or concept's name.
    pub value: String,
    /// `Red`, `Green`, `Blue` as `#rrggbb`, where set.
    pub colour: Option<String>,
    /// Its attributes (`Type`, `Alias`, `Notes`, a project's own) by name; empty
    /// values left out.
    pub attributes: BTreeMap<String, String>,
}

/// What one variable of a statement holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    /// A short text: an entity of `ENTITIES`.
    Entity(RowId),
    /// A boolean (`agreement`).
    Boolean(bool),
    /// An integer.
    Integer(i64),
    /// A long text.
    LongText(String),
}

/// One statement.
#[derive(Debug, Clone)]
pub(super) struct StatementRow {
    /// `ID`.
    pub id: RowId,
    /// `StatementTypeId`.
    pub statement_type: RowId,
    /// `DocumentId`.
    pub document: RowId,
    /// `Start`, in UTF-16 units of the document's text.
    pub start: usize,
    /// `Stop`, the same.
    pub stop: usize,
    /// `Coder`.
    pub coder: RowId,
    /// Its values by variable.
    pub values: BTreeMap<RowId, Value>,
}

/// Everything of a DNA 3 database the import uses.
#[derive(Debug, Clone, Default)]
pub(super) struct Tables {
    /// Documents in id order.
    pub documents: Vec<DocumentRow>,
    /// Coders' names by id.
    pub coders: HashMap<RowId, String>,
    /// Statement types by id.
    pub types: HashMap<RowId, StatementType>,
    /// Variables by id.
    pub variables: HashMap<RowId, Variable>,
    /// Entities by id.
    pub entities: HashMap<RowId, EntityRow>,
    /// Statements in id order.
    pub statements: Vec<StatementRow>,
}

/// Reads every table the import uses.
pub(super) fn read(conn: &Connection) -> rusqlite::Result<Tables> {
    let mut tables = Tables {
        documents: rows(
            conn,
            "SELECT ID, Title, Text, Author, Source, Section, Type, Notes, Date FROM DOCUMENTS ORDER BY ID",
            document,
        )?,
        coders: rows(conn, "SELECT ID, Name FROM CODERS", |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .into_iter()
        .collect(),
        types: rows(conn, "SELECT ID, Label FROM STATEMENTTYPES", |r| {
            Ok((r.get(0)?, StatementType { label: r.get(1)? }))
        })?
        .into_iter()
        .collect(),
        variables: rows(
            conn,
            "SELECT ID, Variable, StatementTypeId FROM VARIABLES",
            |r| {
                let variable = Variable {
                    name: r.get(1)?,
                    statement_type: r.get::<_, Option<RowId>>(2)?.unwrap_or_default(),
                };
                Ok((r.get(0)?, variable))
            },
        )?
        .into_iter()
        .collect(),
        entities: rows(
            conn,
            "SELECT ID, Value, Red, Green, Blue FROM ENTITIES",
            entity,
        )?
        .into_iter()
        .collect(),
        statements: rows(
            conn,
            "SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID",
            statement,
        )?,
    };
    read_attributes(conn, &mut tables.entities)?;
    read_values(conn, &mut tables.statements)?;
    Ok(tables)
}

/// Every row of `sql`, each made by `make`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    make: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], make)?;
    rows.collect()
}

fn document(r: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    let text = |i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
    Ok(DocumentRow {
        id: r.get(0)?,
        title: text(1)?,
        text: text(2)?,
        fields: vec![
            ("author", text(3)?),
            ("source", text(4)?),
            ("section", text(5)?),
            ("type", text(6)?),
            ("notes", text(7)?),
        ],
        date: r.get::<_, Option<i64>>(8)?.unwrap_or_default(),
    })
}

fn entity(r: &Row<'_>) -> rusqlite::Result<(RowId, EntityRow)> {
    let channel = |i| r.get::<_, Option<i64>>(i);
    let colour = match (channel(2)?, channel(3)?, channel(4)?) {
        (Some(red), Some(green), Some(blue)) => Some(format!(
            "#{:02x}{:02x}{:02x}",
            red.clamp(0, 255),
            green.clamp(0, 255),
            blue.clamp(0, 255)
        )),
        _ => None,
    };
    let row = EntityRow {
        value: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        colour,
        attributes: BTreeMap::new(),
    };
    Ok((r.get(0)?, row))
}

fn statement(r: &Row<'_>) -> rusqlite::Result<StatementRow> {
    // Offsets are never negative in DNA (a CHECK says so); one that is would be
    // refused later as outside the text, so clamping cannot hide it.
    let offset = |i| {
        r.get::<_, i64>(i)
            .map(|v| usize::try_from(v).unwrap_or(usize::MAX))
    };
    Ok(StatementRow {
        id: r.get(0)?,
        statement_type: r.get::<_, Option<RowId>>(1)?.unwrap_or_default(),
        document: r.get::<_, Option<RowId>>(2)?.unwrap_or_default(),
        start: offset(3)?,
        stop: offset(4)?,
        coder: r.get::<_, Option<RowId>>(5)?.unwrap_or_default(),
        values: BTreeMap::new(),
    })
}

/// Adds each entity's attribute values (DNA's `ATTRIBUTEVALUES`, named by
/// `ATTRIBUTEVARIABLES`).
fn read_attributes(
    conn: &Connection,
    entities: &mut HashMap<RowId, EntityRow>,
) -> rusqlite::Result<()> {
    let values = rows(
        conn,
        "SELECT v.EntityId, a.AttributeVariable, v.AttributeValue \
         FROM ATTRIBUTEVALUES v JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId",
        |r| {
            Ok((
                r.get::<_, RowId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            ))
        },
    )?;
    for (entity, name, value) in values {
        if let Some(e) = entities.get_mut(&entity)
            && !value.trim().is_empty()
        {
            e.attributes.insert(name, value.trim().to_owned());
        }
    }
    Ok(())
}

/// Reads the value column of a data table's row.
type ReadValue = fn(&Row<'_>) -> rusqlite::Result<Value>;

/// Adds each statement's values from the four data tables.
fn read_values(conn: &Connection, statements: &mut [StatementRow]) -> rusqlite::Result<()> {
    let at: HashMap<RowId, usize> = statements
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let queries: [(&str, ReadValue); 4] = [
        ("DATASHORTTEXT", |r| Ok(Value::Entity(r.get(2)?))),
        ("DATABOOLEAN", |r| {
            Ok(Value::Boolean(r.get::<_, i64>(2)? != 0))
        }),
        ("DATAINTEGER", |r| Ok(Value::Integer(r.get(2)?))),
        ("DATALONGTEXT", |r| {
            Ok(Value::LongText(
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            ))
        }),
    ];
    for (table, value) in queries {
        let column = if table == "DATASHORTTEXT" {
            "Entity"
        } else {
            "Value"
        };
        let sql = format!("SELECT StatementId, VariableId, {column} FROM {table}");
        let found = rows(conn, &sql, |r| {
            Ok((r.get::<_, RowId>(0)?, r.get::<_, RowId>(1)?, value(r)?))
        })?;
        for (statement, variable, value) in found {
            if let Some(&i) = at.get(&statement) {
                statements[i].values.insert(variable, value);
            }
        }
    }
    Ok(())
}
