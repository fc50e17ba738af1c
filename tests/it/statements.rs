//! Statements tables, networks and statement agreement on the fixture project
//! `fixtures/statements` (see `fixtures/README.md` for what it holds).

use crate::common::{claimspan, copy_dir, fixtures, out};
use claimspan::formats::statements::{
    NetworkMode, NetworkOptions, StatementsError, export_network, export_statements_table,
};
use claimspan::formats::{DateWindow, SelectError, Selection, StatusFilter};
use claimspan::model::{AnnotatorName, DocumentId, Registry, suggest_entities};
use claimspan::review::statement_agreement::{StatementCounts, compare_statements};
use claimspan::store::{Project, validate};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    fixtures().join("statements")
}

/// A copy of the fixture project to change.
fn copy_of_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

fn options(source: &str, status: StatusFilter, dates: DateWindow) -> Selection {
    Selection {
        source: source.parse().unwrap(),
        status,
        dates,
        ..Selection::default()
    }
}

fn alice_done() -> Selection {
    options("alice", StatusFilter::Done, DateWindow::default())
}

/// Alice's done work as a network of `mode`, written to `path`.
fn alice_network(
    project: &Project,
    mode: NetworkMode,
    path: &Path,
) -> claimspan::formats::statements::NetworkReport {
    export_network(
        project,
        &alice_done(),
        &NetworkOptions::of(mode),
        path,
        &mut |_, _| {},
    )
    .unwrap()
}

/// The rows of a CSV file as header → cell maps.
fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn statements_table_has_a_row_per_statement_with_entities_and_offsets() {
    let project = Project::open(&fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statements.csv");
    let report = export_statements_table(&project, &alice_done(), &path, &mut |_, _| {}).unwrap();
    assert_eq!(
        (report.rows, report.complete, report.incomplete),
        (12, 11, 1)
    );
    assert_eq!(report.selected.documents, 3);
    assert_eq!(
        report
            .selected
            .skipped
            .get(claimspan::formats::select::NOT_DONE),
        Some(&1)
    );
    assert_eq!(report.selected.sources, ["alice"]);
    assert!(
        report
            .to_string()
            .contains("12 statements: 11 complete, 1 incomplete")
    );

    let (header, rows) = read_csv(&path);
    assert_eq!(header, claimspan::formats::statements::table::COLUMNS);
    assert_eq!(rows.len(), 12);
    let first = &rows[0];
    assert_eq!(
        first["document"],
        "gulf-ministers-split-over-oil-sanctions-on-iran-2018-06-14"
    );
    assert_eq!(first["date"], "2018-06-14");
    assert_eq!(first["source"], "Reuters");
    assert_eq!(first["actor_text"], "Iran’s foreign ministry");
    assert_eq!(first["actor_entity"], "iran-foreign-ministry");
    assert_eq!(first["actor_name"], "Iran Foreign Ministry");
    assert_eq!(first["actor_type"], "organisation");
    assert_eq!(first["polarity"], "oppose");
    assert_eq!(
        first["claim_category_name"],
        "Sanctions on Iran’s oil exports"
    );
    assert_eq!(
        (first["complete"].as_str(), first["missing"].as_str()),
        ("true", "")
    );
    assert_eq!(first["annotator"], "alice");

    // A stance with two holders gives two rows, one holder without an entity.
    let recount: Vec<_> = rows
        .iter()
        .filter(|r| r["claim_category"] == "election-recount" && r["stance_text"] == "rejected")
        .collect();
    assert_eq!(recount.len(), 2);
    assert_eq!(recount[1]["actor_text"], "the Tigris Coalition");
    assert_eq!(
        (
            recount[1]["actor_entity"].as_str(),
            recount[1]["actor_type"].as_str()
        ),
        ("", "")
    );

    // The incomplete statement is there, marked, with empty claim cells.
    let urged = rows.iter().find(|r| r["stance_text"] == "urged").unwrap();
    assert_eq!(urged["complete"], "false");
    assert_eq!(urged["missing"], "claim");
    assert_eq!(
        (urged["claim_text"].as_str(), urged["claim_start"].as_str()),
        ("", "")
    );

    // Offsets are chars into the stored text, as Python's text[start:end].
    for row in &rows {
        let id = DocumentId::new(&row["document"]).unwrap();
        let text = project.load_document(&id).unwrap().text().to_owned();
        let chars: Vec<char> = text.chars().collect();
        for part in ["actor", "stance", "claim"] {
            let start = &row[&format!("{part}_start")];
            if start.is_empty() {
                continue;
            }
            let start: usize = start.parse().unwrap();
            let end: usize = row[&format!("{part}_end")].parse().unwrap();
            let slice: String = chars[start..end].iter().collect();
            assert_eq!(slice, row[&format!("{part}_text")], "{part} in {row:?}");
        }
    }
}

#[test]
fn statements_table_filters_by_status_dates_and_annotators() {
    let project = Project::open(&fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv");
    let everyone = options("all", StatusFilter::All, DateWindow::default());
    let report = export_statements_table(&project, &everyone, &path, &mut |_, _| {}).unwrap();
    // Everyone's is gold's rows and each annotator's, as in every export.
    assert_eq!(report.selected.sources, ["gold", "alice", "bob"]);
    assert_eq!((report.rows, report.incomplete), (3 + 13 + 10, 1 + 1));
    let (_, rows) = read_csv(&path);
    let by_bob = rows.iter().filter(|r| r["annotator"] == "bob").count();
    assert_eq!(by_bob, 10);
    assert_eq!(rows.iter().filter(|r| r["annotator"] == "gold").count(), 3);
    // Bob's stance without a holder.
    let repeated = rows
        .iter()
        .find(|r| r["annotator"] == "bob" && r["stance_text"] == "repeated")
        .unwrap();
    assert_eq!(repeated["missing"], "actor");

    let window = DateWindow::new(Some("2018-06-15"), Some("2018-06-16")).unwrap();
    let report = export_statements_table(
        &project,
        &options("alice", StatusFilter::All, window),
        &path,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.rows, 4 + 5);
    assert_eq!(report.selected.skipped.get("outside the dates"), Some(&1));
    assert_eq!(
        report
            .selected
            .skipped
            .get("no date (left out of a date window)"),
        Some(&1)
    );

    // Gold is chosen when there is some; it covers one document.
    let report =
        export_statements_table(&project, &Selection::default(), &path, &mut |_, _| {}).unwrap();
    assert_eq!(report.selected.sources, ["gold"]);
    assert_eq!((report.selected.documents, report.rows), (1, 3));
    let (_, rows) = read_csv(&path);
    assert!(rows.iter().all(|r| r["annotator"] == "gold"));
}

#[test]
fn unknown_or_ambiguous_sources_are_refused_with_the_choices() {
    let copy = copy_of_fixture();
    fs::remove_dir_all(copy.path().join("gold")).unwrap();
    let project = Project::open(copy.path()).unwrap();
    let out = copy.path().join("x.csv");
    let err =
        export_statements_table(&project, &Selection::default(), &out, &mut |_, _| {}).unwrap_err();
    assert!(
        err.to_string().ends_with(
            "has no gold annotations and several annotators (alice, bob); choose whose to export with --source NAME"
        ),
        "{err}"
    );
    let carol = options("carol", StatusFilter::Done, DateWindow::default());
    let err = export_statements_table(&project, &carol, &out, &mut |_, _| {}).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("“carol” has no annotations in this project (annotators: alice, bob); choose one of them with --source NAME"),
        "{err}"
    );
    let everyone = options("all", StatusFilter::Done, DateWindow::default());
    let err = export_network(
        &project,
        &everyone,
        &NetworkOptions::of(NetworkMode::TwoMode),
        &out,
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(matches!(
        err,
        StatementsError::Select(SelectError::OneSourceOnly { .. })
    ));
    assert!(!out.exists(), "nothing written on an error");
}

/// The parts of a GraphML file the tests look at.
struct Graph {
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    edges: BTreeMap<(String, String), BTreeMap<String, String>>,
}

fn read_graphml(path: &Path) -> Graph {
    let text = fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let declared: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name("key"))
        .map(|k| {
            assert!(k.attribute("attr.type").is_some());
            k.attribute("id").unwrap()
        })
        .collect();
    let data = |n: roxmltree::Node<'_, '_>| -> BTreeMap<String, String> {
        n.children()
            .filter(|d| d.has_tag_name("data"))
            .map(|d| {
                let key = d.attribute("key").unwrap();
                assert!(declared.contains(&key), "undeclared key {key}");
                (key.to_owned(), d.text().unwrap_or("").to_owned())
            })
            .collect()
    };
    let mut ids = std::collections::BTreeSet::new();
    let nodes: BTreeMap<_, _> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .map(|n| {
            let id = n.attribute("id").unwrap().to_owned();
            assert!(ids.insert(id.clone()), "node id {id} twice");
            (id, data(n))
        })
        .collect();
    let edges = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| {
            let ends = (
                e.attribute("source").unwrap().to_owned(),
                e.attribute("target").unwrap().to_owned(),
            );
            assert!(nodes.contains_key(&ends.0) && nodes.contains_key(&ends.1));
            (ends, data(e))
        })
        .collect();
    Graph { nodes, edges }
}

fn edge<'a>(g: &'a Graph, a: &str, b: &str) -> &'a BTreeMap<String, String> {
    g.edges
        .get(&(a.to_owned(), b.to_owned()))
        .unwrap_or_else(|| panic!("no edge {a} – {b} in {:?}", g.edges.keys()))
}

#[test]
fn two_mode_network_counts_statements_by_pair_and_side() {
    let project = Project::open(&fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.graphml");
    let report = alice_network(&project, NetworkMode::TwoMode, &path);
    assert_eq!((report.nodes, report.edges), (12, 9));
    assert_eq!((report.statements, report.incomplete), (11, 1));
    let g = read_graphml(&path);
    assert_eq!((g.nodes.len(), g.edges.len()), (12, 9));
    let actors = g.nodes.values().filter(|n| n["type"] == "actor").count();
    assert_eq!(actors, 8);

    let ministry = &g.nodes["actor:iran-foreign-ministry"];
    assert_eq!(ministry["label"], "Iran Foreign Ministry");
    assert_eq!(ministry["kind"], "organisation");
    assert_eq!(ministry["statements"], "2");
    assert_eq!(g.nodes["actor:faisal-al-rashid"]["kind"], "person");
    let tigris = &g.nodes["actor:text:the tigris coalition"];
    assert_eq!(
        (tigris["label"].as_str(), tigris["kind"].as_str()),
        ("the tigris coalition", "unknown")
    );
    let oil = &g.nodes["category:oil-sanctions"];
    assert_eq!(oil["type"], "category");
    assert!(!oil.contains_key("kind"));

    let e = edge(&g, "actor:iran-foreign-ministry", "category:oil-sanctions");
    assert_eq!(
        (
            e["weight"].as_str(),
            e["oppose"].as_str(),
            e["polarity"].as_str()
        ),
        ("2.0", "2", "oppose")
    );
    let e = edge(&g, "actor:oman", "category:gulf-dialogue");
    assert_eq!(
        (
            e["weight"].as_str(),
            e["support"].as_str(),
            e["oppose"].as_str(),
            e["polarity"].as_str()
        ),
        ("2.0", "1", "1", "both")
    );
    let e = edge(
        &g,
        "actor:text:the election commission",
        "category:election-recount",
    );
    assert_eq!(e["polarity"], "support");
    let weights: f64 = g
        .edges
        .values()
        .map(|e| e["weight"].parse::<f64>().unwrap())
        .sum();
    assert_eq!(weights, 11.0, "every complete statement is in one edge");

    // The same project gives the same file.
    let again = dir.path().join("again.graphml");
    alice_network(&project, NetworkMode::TwoMode, &again);
    assert_eq!(fs::read(&path).unwrap(), fs::read(&again).unwrap());
}

#[test]
fn congruence_network_ties_actors_agreeing_on_a_category() {
    let project = Project::open(&fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("congruence.graphml");
    let report = alice_network(&project, NetworkMode::OneMode, &path);
    assert_eq!((report.nodes, report.edges), (8, 3));
    let g = read_graphml(&path);
    assert!(g.nodes.values().all(|n| n["type"] == "actor"));
    let ties: Vec<(&str, &str, &str)> = g
        .edges
        .iter()
        .map(|((a, b), d)| (a.as_str(), b.as_str(), d["polarity"].as_str()))
        .collect();
    assert_eq!(
        ties,
        [
            (
                "actor:civic-renewal-alliance",
                "actor:text:the tigris coalition",
                "oppose"
            ),
            ("actor:faisal-al-rashid", "actor:saudi-arabia", "oppose"),
            ("actor:oman", "actor:text:qatar", "support"),
        ]
    );
    assert!(g.edges.values().all(|d| d["weight"] == "1.0"));

    // Within a date window the first day's statements are gone: Oman no longer
    // supports the talks, so the Oman–Qatar tie goes.
    let window = DateWindow::new(Some("2018-06-15"), None).unwrap();
    let report = export_network(
        &project,
        &options("alice", StatusFilter::Done, window),
        &NetworkOptions::of(NetworkMode::OneMode),
        &path,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.edges, 2);
    assert_eq!(report.selected.skipped.get("outside the dates"), Some(&1));
}

#[test]
fn a_project_without_a_registry_still_gives_a_network_of_texts() {
    let copy = copy_of_fixture();
    fs::remove_file(copy.path().join("entities.ron")).unwrap();
    let project = Project::open(copy.path()).unwrap();
    let path = copy.path().join("net.graphml");
    let report = alice_network(&project, NetworkMode::TwoMode, &path);
    assert_eq!((report.nodes, report.edges), (9 + 6, 10));
    assert_eq!((report.unknown.entities, report.unknown.categories), (8, 9));
    assert!(
        report
            .to_string()
            .contains("8 actor spans whose entity is not in entities.ron")
    );
    let g = read_graphml(&path);
    assert!(g.nodes.contains_key("actor:text:faisal al rashid"));
    let e = edge(
        &g,
        "actor:text:oman",
        "category:text:talks between tehran and washington",
    );
    assert_eq!(e["polarity"], "both");
}

/// networkx, where the machine has it, reads the file as the tests do.
#[test]
fn networkx_reads_the_graphml() {
    let check = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    if !check.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with networkx is not installed");
        return;
    }
    let project = Project::open(&fixture()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.graphml");
    alice_network(&project, NetworkMode::TwoMode, &path);
    let script = "import sys, networkx as nx\n\
                  g = nx.read_graphml(sys.argv[1])\n\
                  w = g['actor:oman']['category:gulf-dialogue']['weight']\n\
                  print(g.number_of_nodes(), g.number_of_edges(), w, g.nodes['actor:oman']['kind'])";
    let output = std::process::Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "12 9 2.0 state"
    );
}

#[test]
fn statement_agreement_between_alice_and_bob() {
    let project = Project::open(&fixture()).unwrap();
    let registry = project.load_registry().unwrap().registry;
    let alice = AnnotatorName::new("alice").unwrap();
    let bob = AnnotatorName::new("bob").unwrap();
    let mut total = StatementCounts::default();
    let mut only_bob = Vec::new();
    for id in project.annotated_by(&bob) {
        let document = project.load_document(id).unwrap();
        let a = project
            .load_annotations(&document, &alice)
            .unwrap()
            .annotations;
        let b = project
            .load_annotations(&document, &bob)
            .unwrap()
            .annotations;
        let result = compare_statements(&a, &b, project.schema(), &registry);
        total += result.counts;
        only_bob.extend(result.only_b.iter().map(|u| u.key.to_string()));
    }
    assert_eq!(
        total,
        StatementCounts {
            matched: 7,
            only_a: 4,
            only_b: 2
        }
    );
    assert_eq!(total.f1(), Some(0.7));
    assert_eq!(
        only_bob,
        [
            "oman —support→ sanctions-relief",
            "“qatar” —support→ “talks between tehran and washington”",
        ]
    );
}

#[test]
fn the_fixture_validates_and_suggests_entities() {
    assert!(
        validate(&fixture()).is_empty(),
        "{:?}",
        validate(&fixture())
    );
    let project = Project::open(&fixture()).unwrap();
    let registry: Registry = project.load_registry().unwrap().registry;
    let found = suggest_entities(&registry, "Tehran’s Foreign Ministry");
    assert_eq!(found[0].entity.id.as_str(), "iran-foreign-ministry");
    assert!(found[0].alias);
    let stats = claimspan(&["stats", fixture().to_str().unwrap()]);
    let (stdout, _) = out(&stats);
    assert!(
        stdout.contains("alice                0            1            3"),
        "{stdout}"
    );
}

#[test]
fn projects_made_before_the_registry_accept_assignments() {
    let copy = copy_of_fixture();
    let config = copy.path().join("claimspan.ron");
    let old = fs::read_to_string(&config)
        .unwrap()
        .replace(r#", attributes: [(name: "entity", values: [])]"#, "")
        .replace(r#", attributes: [(name: "category", values: [])]"#, "");
    assert!(!old.contains("entity"));
    fs::write(&config, &old).unwrap();
    assert!(
        validate(copy.path()).is_empty(),
        "{:?}",
        validate(copy.path())
    );
    let project = Project::open(copy.path()).unwrap();
    let actor = project.schema().label("actor").unwrap();
    assert!(
        actor
            .attributes
            .iter()
            .any(|a| a.name == "entity" && a.is_free())
    );
    assert_eq!(
        fs::read_to_string(&config).unwrap(),
        old,
        "opening wrote nothing"
    );
}

#[test]
fn the_command_line_exports_statements_and_networks() {
    let dir = tempfile::tempdir().unwrap();
    let project = fixture();
    let project = project.to_str().unwrap();
    let csv = dir.path().join("statements.csv");
    let run = claimspan(&[
        "export",
        project,
        "--format",
        "statements",
        "--source",
        "alice",
        "--status",
        "all",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(stdout.contains("13 statements"), "{stdout}");
    let rows = fs::read_to_string(&csv).unwrap();
    assert_eq!(
        rows.lines().count(),
        1 + 13,
        "a header and a row a statement"
    );

    let graph = dir.path().join("congruence.graphml");
    let run = claimspan(&[
        "export",
        project,
        "--format",
        "network",
        "--mode",
        "congruence",
        "--source",
        "alice",
        "--status",
        "all",
        "--from",
        "2018-06-01",
        "--to",
        "2018-06-30",
        "--out",
        graph.to_str().unwrap(),
    ]);
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(stdout.contains("congruence network"), "{stdout}");
    assert!(fs::read_to_string(&graph).unwrap().contains("<graphml"));

    let bad = claimspan(&[
        "export",
        project,
        "--format",
        "network",
        "--from",
        "June",
        "--out",
        "x.graphml",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(out(&bad).1.contains("June"), "{:?}", out(&bad));
}

#[test]
fn the_command_line_takes_dna_s_network_options_and_writes_the_event_list() {
    let dir = tempfile::tempdir().unwrap();
    let project = fixture();
    let project = project.to_str().unwrap();
    let export = |extra: &[&str], out: &Path| {
        let mut args = vec![
            "export", project, "--format", "network", "--source", "alice", "--status", "all",
            "--out",
        ];
        args.push(out.to_str().unwrap());
        args.extend_from_slice(extra);
        claimspan(&args)
    };
    let graph = dir.path().join("conflict.graphml");
    let run = export(
        &[
            "--mode",
            "one-mode",
            "--qualifier",
            "conflict",
            "--normalize",
            "average",
        ],
        &graph,
    );
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stdout.contains("one-mode conflict network of actors (average)"),
        "{stdout}"
    );
    let g = read_graphml(&graph);
    assert!(g.nodes.values().all(|n| n["type"] == "actor"));

    let events = dir.path().join("events.csv");
    let run = export(
        &["--mode", "event-list", "--duplicates", "document"],
        &events,
    );
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stderr}");
    assert!(stdout.contains("event list:"), "{stdout}");
    let (header, rows) = read_csv(&events);
    assert_eq!(&header[..4], ["document", "date", "source", "annotator"]);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["annotator"] == "alice"));

    // A combination DNA does not define is refused, saying what to use.
    let run = export(&["--qualifier", "congruence"], &graph);
    assert_eq!(run.status.code(), Some(1));
    assert!(out(&run).1.contains("--mode one-mode"), "{:?}", out(&run));
}

#[test]
fn agree_reports_statement_level_agreement() {
    let run = claimspan(&["agree", fixture().to_str().unwrap(), "--json"]);
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let statements = &report["pairs"][0]["statements"];
    // The fixture's bob agrees with alice on 7 complete statements and has 2 of his
    // own; alice has 11 complete ones in the three documents both annotated.
    assert_eq!(statements["matched"], 7);
    assert_eq!(statements["only_b"], 2);
    assert_eq!(statements["only_a"], 4);
    let f1 = statements["f1"].as_f64().unwrap();
    assert!((f1 - 14.0 / 20.0).abs() < 1e-9, "{f1}");
    let table = out(&claimspan(&["agree", fixture().to_str().unwrap()])).0;
    assert!(table.contains("Statements (actor entity, polarity and claim category alike)"));
}
