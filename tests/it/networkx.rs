//! The network files as networkx reads them (`read_graphml`, `read_gexf`, every
//! warning an error), and DNA's one-mode definitions computed a second time in
//! Python from our event list, compared with the weights we write. Where Python's
//! networkx is not installed, each test says so and passes.

use crate::common::{claimspan, fixtures, out};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn has_networkx() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: Python's networkx is not installed here");
    }
    found
}

fn project() -> PathBuf {
    fixtures().join("statements")
}

/// `claimspan export PROJECT --format network --source alice --status all` with
/// `extra`, into `path`.
fn export(path: &Path, extra: &[&str]) {
    let project = project();
    let mut args = vec![
        "export",
        project.to_str().unwrap(),
        "--format",
        "network",
        "--source",
        "alice",
        "--status",
        "all",
        "--out",
        path.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = claimspan(&args);
    assert!(run.status.success(), "{:?}", out(&run));
}

/// Reads every file given with networkx, warnings as errors; prints nodes and
/// edges of each.
const READ: &str = r#"
import sys, warnings
warnings.simplefilter("error")
import networkx as nx
for path in sys.argv[1:]:
    g = nx.read_gexf(path) if path.endswith(".gexf") else nx.read_graphml(path)
    print(path, g.number_of_nodes(), g.number_of_edges())
"#;

/// DNA's one-mode weights computed from an event list (argv[1]) for a qualifier
/// (argv[2]) and normalisation (argv[3]), compared with the GraphML (argv[4]).
const ONE_MODE: &str = r#"
import csv, sys, itertools, math
import networkx as nx
events, qualifier, norm, graphml = sys.argv[1:5]
a = {}
for row in csv.DictReader(open(events, encoding="utf-8")):
    side = row["polarity"] if row["polarity"] in ("support", "oppose") else "other"
    if qualifier != "ignore" and side == "other":
        continue
    cell = a.setdefault(row["actor"], {}).setdefault(row["claim"], {})
    cell[side] = cell.get(side, 0) + 1
n = {i: sum(sum(c.values()) for c in cs.values()) for i, cs in a.items()}
expected = {}
for i1, i2 in itertools.combinations(sorted(a), 2):
    cong = conf = allp = m11 = s1 = s2 = 0
    for j in set(a[i1]) & set(a[i2]):
        c1, c2 = a[i1][j], a[i2][j]
        allp += sum(c1.values()) * sum(c2.values())
        cong += c1.get("support", 0) * c2.get("support", 0) + c1.get("oppose", 0) * c2.get("oppose", 0)
        conf += c1.get("support", 0) * c2.get("oppose", 0) + c1.get("oppose", 0) * c2.get("support", 0)
        for k in ("support", "oppose", "other"):
            if c1.get(k, 0) and c2.get(k, 0):
                m11 += c1[k] * c2[k]; s1 += c1[k]; s2 += c2[k]
    w = {"ignore": allp, "congruence": cong, "conflict": conf, "subtract": cong - conf}[qualifier]
    d = {"no": 1, "average": (n[i1] + n[i2]) / 2,
         "jaccard": (n[i1] - s1) + (n[i2] - s2) + m11, "cosine": n[i1] * n[i2]}[norm]
    w = w / d if d else 0
    if w != 0:
        expected[(i1, i2)] = w
g = nx.read_graphml(graphml)
got = {tuple(sorted((u, v))): d["weight"] for u, v, d in g.edges(data=True)}
assert set(got) == set(expected), (sorted(got), sorted(expected))
for key, w in expected.items():
    assert math.isclose(got[key], w, rel_tol=1e-12), (key, got[key], w)
print(len(expected), "ties agree")
"#;

fn python(script: &str, args: &[&str]) -> String {
    let run = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    stdout
}

#[test]
fn networkx_reads_every_graphml_and_gexf_we_write_without_warnings() {
    if !has_networkx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, extra) in [
        ("two.graphml", &["--qualifier", "combine"][..]),
        ("two.gexf", &["--normalize", "activity"][..]),
        (
            "one.graphml",
            &["--mode", "one-mode", "--normalize", "jaccard"][..],
        ),
        (
            "one.gexf",
            &["--mode", "one-mode", "--qualifier", "subtract"][..],
        ),
        ("weeks.gexf", &["--window", "2d", "--step", "1d"][..]),
    ] {
        let path = dir.path().join(name);
        export(&path, extra);
        files.push(path.to_str().unwrap().to_owned());
    }
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let said = python(READ, &args);
    assert_eq!(said.lines().count(), files.len(), "{said}");
}

#[test]
fn one_mode_weights_match_dna_s_definitions_computed_again_in_python() {
    if !has_networkx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.csv");
    export(&events, &["--mode", "event-list"]);
    for qualifier in ["ignore", "congruence", "conflict", "subtract"] {
        for norm in ["no", "average", "jaccard", "cosine"] {
            let graph = dir.path().join(format!("{qualifier}-{norm}.graphml"));
            export(
                &graph,
                &[
                    "--mode",
                    "one-mode",
                    "--qualifier",
                    qualifier,
                    "--normalize",
                    norm,
                ],
            );
            let said = python(
                ONE_MODE,
                &[
                    events.to_str().unwrap(),
                    qualifier,
                    norm,
                    graph.to_str().unwrap(),
                ],
            );
            assert!(said.contains("ties agree"), "{said}");
        }
    }
}

#[test]
fn time_windows_write_a_file_each_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("windows");
    export(&folder, &["--window", "1d", "--network-format", "matrix"]);
    let index = fs::read_to_string(folder.join("index.csv")).unwrap();
    let mut lines = index.lines();
    assert_eq!(lines.next(), Some("start,end,statements,nodes,edges,file"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let file = row.rsplit(',').next().unwrap();
        let matrix = fs::read_to_string(folder.join(file)).unwrap();
        assert!(
            matrix.starts_with("id,label,type,kind,statements,colour"),
            "{matrix}"
        );
    }
    let total: usize = rows
        .iter()
        .map(|r| r.split(',').nth(2).unwrap().parse::<usize>().unwrap())
        .sum();
    assert!(total > 0);
}
