//! DNA 3 databases built in the test from DNA's own table definitions (column names
//! and types as `Sql.java` of leifeld-lab/dna creates them for SQLite), imported
//! through the real project folder.

use crate::formats::import::{ImportOptions, ImportReport, NewLabels, import_paths_with};
use crate::model::{AnnotatorName, DocumentStatements, EntityKind, Polarity};
use crate::store::Project;
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};

/// DNA 3.0's SQLite tables, as its `createTables` makes them (permissions and
/// display settings of coders left at their defaults).
const DNA3_SCHEMA: &str = "
CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL,
  Red INTEGER NOT NULL DEFAULT 0, Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0,
  Refresh INTEGER NOT NULL DEFAULT 0, FontSize INTEGER NOT NULL DEFAULT 14,
  Password TEXT NOT NULL DEFAULT '', PopupWidth INTEGER DEFAULT 300,
  ColorByCoder INTEGER NOT NULL DEFAULT 0, PopupDecoration INTEGER NOT NULL DEFAULT 0,
  PopupAutoComplete INTEGER NOT NULL DEFAULT 1);
CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL,
  Coder INTEGER, Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '',
  Section TEXT NOT NULL DEFAULT '', Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '',
  Date INTEGER NOT NULL, FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE);
CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL,
  Red INTEGER NOT NULL DEFAULT 0, Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0);
CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL,
  DataType TEXT NOT NULL DEFAULT 'short text', StatementTypeId INTEGER,
  UNIQUE (Variable, StatementTypeId));
CREATE TABLE VARIABLELINKS(ID INTEGER NOT NULL PRIMARY KEY, SourceVariableId INTEGER, TargetVariableId INTEGER);
CREATE TABLE REGEXES(Label TEXT PRIMARY KEY, Red INTEGER NOT NULL DEFAULT 0,
  Green INTEGER NOT NULL DEFAULT 0, Blue INTEGER NOT NULL DEFAULT 0);
CREATE TABLE CODERRELATIONS(ID INTEGER NOT NULL PRIMARY KEY, Coder INTEGER, OtherCoder INTEGER,
  viewStatements INTEGER NOT NULL DEFAULT 1, editStatements INTEGER NOT NULL DEFAULT 1,
  viewDocuments INTEGER NOT NULL DEFAULT 1, editDocuments INTEGER NOT NULL DEFAULT 1);
CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER,
  Start INTEGER NOT NULL CHECK(Start >= 0), Stop INTEGER NOT NULL CHECK(Stop >= 0), Coder INTEGER,
  CHECK (Start < Stop));
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
  VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1, UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
  VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0, UNIQUE (StatementId, VariableId));
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
  Value TEXT NOT NULL DEFAULT '', Red INTEGER, Green INTEGER, Blue INTEGER, ChildOf INTEGER,
  UNIQUE (VariableId, Value));
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
  VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL, UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL,
  VariableId INTEGER NOT NULL, Value TEXT DEFAULT '', UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
  AttributeVariable TEXT NOT NULL, UNIQUE(VariableId, AttributeVariable));
CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL,
  AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT '',
  UNIQUE (EntityId, AttributeVariableId));
";

/// What a new DNA 3 database holds before anyone codes: its settings, the Admin
/// coder, the `DNA Statement` and `Annotation` types and their variables, and the
/// entity attributes DNA gives every short-text variable.
const DNA3_DEFAULTS: &str = "
INSERT INTO SETTINGS VALUES ('version', '3.0.11'), ('date', '2024-04-01');
INSERT INTO CODERS (ID, Name, Red, Green, Blue) VALUES (1, 'Admin', 255, 255, 0);
INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement', 239, 208, 51);
INSERT INTO VARIABLES VALUES (1, 'person', 'short text', 1), (2, 'organization', 'short text', 1),
  (3, 'concept', 'short text', 1), (4, 'agreement', 'boolean', 1);
INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES
  (1, 'Type'), (2, 'Type'), (3, 'Type'), (1, 'Alias'), (2, 'Alias'), (3, 'Alias'),
  (1, 'Notes'), (2, 'Notes'), (3, 'Notes');
INSERT INTO STATEMENTTYPES VALUES (3, 'Annotation', 211, 211, 211);
INSERT INTO VARIABLES VALUES (11, 'note', 'long text', 3);
";

/// An invented wire story: a flag emoji, a mathematical letter (both outside the
/// BMP, two UTF-16 units each), an Arabic sentence with an Arabic-Indic digit and
/// an emoji ZWJ sequence come before the coded sentences, so offsets in Java's
/// units and in characters differ by the time the statements start.
const STORY: &str = "GENEVA, March 3 (Wirenews) 🇺🇳 𝔄 summit opened on Monday. قال الوزير إن ٣ دول وافقت 👩‍🎓.\r\nThe Harbour League said it would back the tariff plan. The Farmers' Union and the Harbour League rejected the quota bill.\r\nA spokeswoman, Lena Marsh, declined to comment.";

/// The UTF-16 range of `part` in `text` (its first occurrence).
fn utf16_range(text: &str, part: &str) -> (usize, usize) {
    let at = text.find(part).unwrap();
    let start = text[..at].encode_utf16().count();
    (start, start + part.encode_utf16().count())
}

/// A DNA 3 database at `path` with two coders (Alice, Bob), one document, actors and
/// concepts with attributes and colours, and statements including two on one
/// sentence and one of the `Annotation` type.
fn coded_database(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(DNA3_SCHEMA).unwrap();
    conn.execute_batch(DNA3_DEFAULTS).unwrap();
    conn.execute_batch(
        "INSERT INTO CODERS (ID, Name, Red, Green, Blue) VALUES (2, 'Alice Ng', 0, 0, 255), (3, 'Bob', 0, 255, 0);
         INSERT INTO ENTITIES (ID, VariableId, Value, Red, Green, Blue) VALUES
           (1, 2, 'Harbour League', 10, 20, 30), (2, 2, 'Farmers'' Union', 200, 100, 0),
           (3, 3, 'Tariff plan', 1, 2, 3), (4, 3, 'Quota bill', 4, 5, 6),
           (5, 1, 'Lena Marsh', 0, 0, 0), (6, 1, '', NULL, NULL, NULL);
         INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES
           (1, 2, 'trade body'), (1, 5, 'the League;HL'), (1, 8, 'Founded 1921.'),
           (3, 3, 'economy'), (3, 9, 'Any tariff proposal.'), (2, 5, '');",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date)
         VALUES (1, 'Summit opens', ?1, 1, 'J. Doe', 'Wirenews', 'World', '', 'wire', 1709424000)",
        [STORY],
    )
    .unwrap();
    let back = utf16_range(
        STORY,
        "The Harbour League said it would back the tariff plan.",
    );
    let reject = utf16_range(
        STORY,
        "The Farmers' Union and the Harbour League rejected the quota bill.",
    );
    let declined = utf16_range(STORY, "declined to comment");
    let statements = [
        (1, 1, back, 2),
        (2, 1, reject, 2),
        (3, 1, reject, 2),
        (4, 1, back, 3),
        (5, 3, declined, 3),
        (6, 1, declined, 3),
    ];
    for (id, kind, (start, stop), coder) in statements {
        conn.execute(
            "INSERT INTO STATEMENTS VALUES (?1, ?2, 1, ?3, ?4, ?5)",
            rusqlite::params![id, kind, start as i64, stop as i64, coder],
        )
        .unwrap();
    }
    conn.execute_batch(
        "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES
           (1, 2, 1), (1, 3, 3), (1, 1, 6),
           (2, 2, 2), (2, 3, 4),
           (3, 2, 1), (3, 3, 4), (3, 1, 5),
           (4, 2, 1), (4, 3, 3),
           (6, 1, 5), (6, 3, 4);
         INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES
           (1, 4, 1), (2, 4, 0), (3, 4, 0), (4, 4, 1);
         INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (5, 11, 'Check with the desk.');",
    )
    .unwrap();
}

fn import(paths: &[PathBuf]) -> (tempfile::TempDir, Project, ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let report = import_paths_with(
        &mut project,
        paths,
        &ImportOptions::default(),
        NewLabels::Refuse,
        &mut |_, _| {},
    )
    .unwrap();
    (dir, project, report)
}

fn said(report: &ImportReport) -> Vec<String> {
    report.outcomes.iter().map(ToString::to_string).collect()
}

#[test]
fn a_dna_database_becomes_articles_annotators_statements_and_registry_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.dna");
    coded_database(&path);
    let (_keep, project, report) = import(std::slice::from_ref(&path));
    let said = said(&report);
    assert_eq!(report.added(), 1, "{said:#?}");
    assert_eq!(report.refused(), 0, "{said:#?}");
    assert!(
        said.iter()
            .any(|s| s.contains("3 entities and 2 claim categories")),
        "{said:#?}"
    );
    let meta = project.articles().next().unwrap().clone();
    assert_eq!(meta.title, "Summit opens");
    assert_eq!(meta.date.as_deref(), Some("2024-03-03"));
    assert_eq!(meta.source.as_deref(), Some("Wirenews"));
    assert_eq!(
        meta.extra.get("author").and_then(|v| v.as_str()),
        Some("J. Doe")
    );
    assert_eq!(
        meta.extra.get("section").and_then(|v| v.as_str()),
        Some("World")
    );
    let document = project.load_document(&meta.id).unwrap();
    assert!(!document.text().contains('\r'));

    let registry = project.load_registry().unwrap().registry;
    let league = registry.entity_named("Harbour League").unwrap();
    assert_eq!(league.kind, EntityKind::Organisation);
    assert_eq!(league.colour.as_deref(), Some("#0a141e"));
    assert_eq!(league.aliases, ["the League", "HL"]);
    assert_eq!(
        league.attributes.get("Type").map(String::as_str),
        Some("trade body")
    );
    assert_eq!(
        registry.entity_named("Lena Marsh").unwrap().kind,
        EntityKind::Person
    );
    let tariff = registry
        .categories
        .iter()
        .find(|c| c.name == "Tariff plan")
        .unwrap();
    assert_eq!(tariff.description.as_deref(), Some("Any tariff proposal."));
    assert_eq!(
        tariff.attributes.get("Type").map(String::as_str),
        Some("economy")
    );

    let schema = project.schema().clone();
    let alice = project
        .load_annotations(&document, &AnnotatorName::new("Alice-Ng").unwrap())
        .unwrap()
        .annotations;
    // What merge, agreement, review and export read keeps every statement's spans,
    // the two stances on one sentence included.
    let mut usable = alice.clone();
    let left_out = usable.keep_usable(&document, &schema);
    assert_eq!(usable, alice, "left out: {left_out:?}");
    let statements = DocumentStatements::build(&alice, &schema).statements;
    // DNA's three statements of Alice's, two of them on one sentence: three here.
    assert_eq!(statements.len(), 3, "{alice:#?}");
    let mut seen: Vec<(String, String, String, Option<Polarity>)> = statements
        .iter()
        .map(|st| {
            let (stance, actor, claim) = st.spans(&alice);
            let entity = |s: Option<&crate::model::Span>, key: &str| {
                s.and_then(|s| s.attributes.get(key).cloned())
                    .unwrap_or_default()
            };
            (
                stance.unwrap().text.clone(),
                entity(actor, "entity"),
                entity(claim, "category"),
                st.polarity.clone(),
            )
        })
        .collect();
    seen.sort();
    let reject = "The Farmers' Union and the Harbour League rejected the quota bill.";
    assert_eq!(
        seen,
        [
            (
                "The Farmers' Union and the Harbour League rejected the quota bill.".to_owned(),
                "farmers-union".to_owned(),
                "quota-bill".to_owned(),
                Some(Polarity::Oppose)
            ),
            (
                reject.to_owned(),
                league.id.to_string(),
                "quota-bill".to_owned(),
                Some(Polarity::Oppose)
            ),
            (
                "The Harbour League said it would back the tariff plan.".to_owned(),
                league.id.to_string(),
                tariff.id.to_string(),
                Some(Polarity::Support)
            ),
        ]
    );
    // The person of statement 3 is kept on its stance; the empty one of 1 is not.
    let third = alice
        .spans
        .iter()
        .find(|s| s.attributes.get("dna_statement").map(String::as_str) == Some("3"))
        .unwrap();
    assert_eq!(
        third.attributes.get("person").map(String::as_str),
        Some("Lena Marsh")
    );
    let first = alice
        .spans
        .iter()
        .find(|s| s.attributes.get("dna_statement").map(String::as_str) == Some("1"))
        .unwrap();
    assert!(!first.attributes.contains_key("person"), "{first:?}");

    let bob = project
        .load_annotations(&document, &AnnotatorName::new("Bob").unwrap())
        .unwrap()
        .annotations;
    let note = bob.spans.iter().find(|s| s.label == "Annotation").unwrap();
    assert_eq!(note.text, "declined to comment");
    assert_eq!(note.note, "note: Check with the desk.");
    // Bob's statement without an agreement has no polarity, and its actor is the
    // person, as it names no organisation.
    let bobs = DocumentStatements::build(&bob, &schema).statements;
    assert_eq!(bobs.len(), 2);
    let lena = registry.entity_named("Lena Marsh").unwrap();
    assert!(bobs.iter().any(|st| st.polarity.is_none()
        && st.spans(&bob).1.and_then(|a| a.attributes.get("entity"))
            == Some(&lena.id.to_string())));
    // Every file the import wrote passes the project's own check.
    let problems = crate::store::validate(project.root());
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The project folder's files and their contents, to show an import left it alone.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_owned(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// Imports `path` into a fresh project; returns the refusal's sentence after
/// checking that the project was left as it was.
fn refusal(path: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let before = snapshot(dir.path());
    let report = import_paths_with(
        &mut project,
        &[path.to_owned()],
        &ImportOptions::default(),
        NewLabels::Refuse,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.refused(), 1, "{:#?}", said(&report));
    assert_eq!(snapshot(dir.path()), before, "the project changed");
    said(&report).join("\n")
}

#[test]
fn a_dna_database_is_not_taken_as_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.dna");
    coded_database(&path);
    let target = tempfile::tempdir().unwrap();
    let mut project = Project::init(target.path()).unwrap();
    let report = import_paths_with(
        &mut project,
        std::slice::from_ref(&path),
        &ImportOptions::as_suggestions("model").unwrap(),
        NewLabels::Refuse,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.refused(), 1);
    assert!(
        said(&report)[0].contains("import it without --as-suggestions"),
        "{:?}",
        said(&report)
    );
    let reopened = Project::open(target.path()).unwrap();
    assert!(reopened.is_empty(), "nothing written");
    assert_eq!(reopened.annotators().count(), 0);
}

#[test]
fn a_dna_2_database_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.dna");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
         INSERT INTO SETTINGS VALUES ('version', '2.0 beta 25');
         CREATE TABLE CODERPERMISSIONS(ID INTEGER PRIMARY KEY, Coder INTEGER, Type TEXT, Permission INTEGER);
         CREATE TABLE DOCUMENTS(ID INTEGER PRIMARY KEY, Title TEXT, Text TEXT, Date INTEGER);
         CREATE TABLE STATEMENTS(ID INTEGER PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER, Stop INTEGER, Coder INTEGER);",
    )
    .unwrap();
    drop(conn);
    let said = refusal(&path);
    assert!(said.contains("DNA 2 database"), "{said}");
    assert!(said.contains("open it in DNA 3"), "{said}");
}

#[test]
fn another_programs_sqlite_file_is_not_taken_for_dna() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("browser-history.sqlite");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE visits(url TEXT, at INTEGER); INSERT INTO visits VALUES ('x', 1);",
    )
    .unwrap();
    drop(conn);
    let said = refusal(&path);
    assert!(said.contains("not a DNA database"), "{said}");
}

#[test]
fn a_dna_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.dna");
    fs::write(&path, "<?xml version=\"1.0\"?>\n<dna><article/></dna>\n").unwrap();
    let said = refusal(&path);
    assert!(said.contains("not a DNA 3 database"), "{said}");
}

#[test]
fn a_truncated_database_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.dna");
    coded_database(&path);
    let bytes = fs::read(&path).unwrap();
    // The first page (the table of tables) stays; the tables' own pages are gone.
    fs::write(&path, &bytes[..4096.min(bytes.len() / 2)]).unwrap();
    let said = refusal(&path);
    assert!(said.contains("damaged"), "{said}");
}

#[test]
fn a_database_another_program_is_writing_is_refused_until_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.dna");
    coded_database(&path);
    let writer = Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let said = refusal(&path);
    assert!(said.contains("another program is writing"), "{said}");
    writer.execute_batch("COMMIT;").unwrap();
    drop(writer);
    let (_keep, _project, report) = import(&[path]);
    assert_eq!(report.added(), 1, "{:#?}", self::said(&report));
}

#[test]
fn the_one_mode_network_of_an_imported_database_has_dna_s_weights() {
    use crate::formats::select::{Selection, StatusFilter};
    use crate::formats::statements::{NetworkMode, NetworkOptions, Normalize, build_network};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coding.dna");
    coded_database(&path);
    let (_keep, project, _) = import(&[path]);
    let registry = project.load_registry().unwrap().registry;
    let selection = Selection {
        source: "Alice-Ng".parse().unwrap(),
        status: StatusFilter::All,
        ..Selection::default()
    };
    // Alice: the League supports the tariff plan and opposes the quota bill; the
    // Farmers' Union opposes the quota bill. By DNA's definition the League and the
    // Union are tied by congruence 1·1 = 1 (both “no” on the quota bill); with
    // Jaccard, m10 = 1 (the League's tariff statement), m01 = 0, m11 = 1: 1 / 2.
    let weights = |normalize| {
        let options = NetworkOptions {
            mode: NetworkMode::OneMode,
            normalize,
            ..NetworkOptions::default()
        };
        let (network, report) =
            build_network(&project, &registry, &selection, &options, &mut |_, _| {}).unwrap();
        assert_eq!(report.statements, 3);
        network
            .edges
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.weight))
            .collect::<Vec<_>>()
    };
    let tie = |w| {
        vec![(
            "actor:farmers-union".to_owned(),
            "actor:harbour-league".to_owned(),
            w,
        )]
    };
    assert_eq!(weights(Normalize::No), tie(1.0));
    assert_eq!(weights(Normalize::Jaccard), tie(0.5));
    // Average: 1 / ((2 + 1) / 2); cosine: 1 / (2 · 1).
    assert_eq!(weights(Normalize::Average), tie(2.0 / 3.0));
    assert_eq!(weights(Normalize::Cosine), tie(0.5));
}

#[cfg(unix)]
#[test]
fn a_dna_database_through_a_pipe_is_refused_with_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("coding.dna");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let said = refusal(&fifo);
    assert!(said.contains("not through a pipe"), "{said}");
}
