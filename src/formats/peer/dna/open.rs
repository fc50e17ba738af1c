//! Opening a DNA database: read-only, checked to be DNA 3's before anything is
//! read, every failure a sentence that says what to do.

use crate::formats::error::ImportError;
use rusqlite::{Connection, OpenFlags, ffi::ErrorCode};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The tables DNA 3 writes; a database without one of them is not DNA 3's.
const DNA3_TABLES: [&str; 13] = [
    "SETTINGS",
    "CODERS",
    "DOCUMENTS",
    "STATEMENTTYPES",
    "VARIABLES",
    "STATEMENTS",
    "DATABOOLEAN",
    "DATAINTEGER",
    "DATASHORTTEXT",
    "DATALONGTEXT",
    "ENTITIES",
    "ATTRIBUTEVARIABLES",
    "ATTRIBUTEVALUES",
];

/// How long to wait for a program that is writing the database (DNA saving a
/// statement) before saying it is in use.
const BUSY_WAIT: Duration = Duration::from_secs(2);

/// True when `path` is a regular file that starts as an SQLite database does. A
/// pipe or a folder is never one: SQLite can only read a file it may seek in.
pub fn is_sqlite(path: &Path) -> bool {
    if !path.is_file() {
        return false;
    }
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == SQLITE_HEADER)
}

/// A refusal of the database at `path`.
pub(super) fn refused(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Database {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// An SQLite failure as a sentence about the file.
pub(super) fn sql_error(path: &Path, err: &rusqlite::Error) -> ImportError {
    let message = match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another program is writing to this database (is it open in DNA?); close it there and import again".to_owned()
        }
        Some(ErrorCode::DatabaseCorrupt) => {
            "the database is damaged or cut short; copy it again from where it was made, or open it in DNA and let it check the file".to_owned()
        }
        Some(ErrorCode::NotADatabase) => {
            "this is not an SQLite database, so not a DNA 3 file; in DNA, save the project as a .dna database and import that".to_owned()
        }
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            "the database could not be opened; check that the file exists and that you may read it".to_owned()
        }
        _ => format!("reading the database failed ({err}); open it in DNA to check it, then import again"),
    };
    refused(path, message)
}

/// Opens `path` read-only and checks that it is a DNA 3 database.
pub(super) fn open(path: &Path) -> Result<Connection, ImportError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| sql_error(path, &e))?;
    conn.busy_timeout(BUSY_WAIT)
        .map_err(|e| sql_error(path, &e))?;
    let tables = table_names(&conn).map_err(|e| sql_error(path, &e))?;
    let has = |name: &str| tables.iter().any(|t| t.eq_ignore_ascii_case(name));
    if has("CODERPERMISSIONS") || version(&conn).is_some_and(|v| v.starts_with('2')) {
        return Err(refused(
            path,
            "this is a DNA 2 database; open it in DNA 3 and import it there into a new DNA 3 database (its importer reads DNA 2 files), then import that file here",
        ));
    }
    if !has("DOCUMENTS") || !has("STATEMENTS") {
        return Err(refused(
            path,
            "this SQLite database is not a DNA database (it has no DOCUMENTS and STATEMENTS tables); import the .dna file DNA 3 wrote",
        ));
    }
    if let Some(missing) = DNA3_TABLES.iter().find(|t| !has(t)) {
        return Err(refused(
            path,
            format!(
                "this DNA database lacks the {missing} table DNA 3.0 writes, so it is from another version; open it in DNA 3.0 and save it, then import it again"
            ),
        ));
    }
    Ok(conn)
}

/// The names of the database's tables.
fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    let names = stmt.query_map([], |row| row.get::<_, String>(0))?;
    names.collect()
}

/// The DNA version that wrote the database, from its SETTINGS table.
fn version(conn: &Connection) -> Option<String> {
    conn.query_row(
        "SELECT Value FROM SETTINGS WHERE Property = 'version'",
        [],
        |row| row.get::<_, String>(0),
    )
    .ok()
}
