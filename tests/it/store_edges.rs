//! The project folder under a bad day: a git merge left half done, links and pipes
//! planted in the folder, names that collide on other systems, two writers at once,
//! and text that would drive the terminal. Each through the real binary.

use crate::common::{claimspan, fixture_project, out, snapshot};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

fn project_path(dir: &tempfile::TempDir) -> String {
    dir.path().join("p").to_str().unwrap().to_owned()
}

fn first_article(p: &str) -> String {
    let mut ids: Vec<String> = fs::read_dir(Path::new(p).join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids.remove(0)
}

/// Invented article `i` of bloc `tag`, and where its word “council” starts and ends.
fn bloc_article(tag: &str, i: usize) -> (String, usize, usize) {
    let text = format!(
        "Delegates of bloc {tag}{i} met in Basra on day {i} and the {tag} council welcomed the plan."
    );
    let start = text.find("council").unwrap();
    (text, start, start + "council".len())
}

/// A doccano JSONL file (`"label": [[start, end, name]]`) of `n` invented articles,
/// each with one span of `label`.
fn doccano_jsonl(path: &Path, tag: &str, n: usize, label: &str) {
    let lines: String = (0..n)
        .map(|i| {
            let (text, start, end) = bloc_article(tag, i);
            format!("{{\"id\": {i}, \"text\": \"{text}\", \"label\": [[{start}, {end}, \"{label}\"]]}}\n")
        })
        .collect();
    fs::write(path, lines).unwrap();
}

/// A JSONL file of `n` invented articles, each with one span of `label`.
fn articles_jsonl(path: &Path, tag: &str, n: usize, label: &str) {
    let lines: String = (0..n)
        .map(|i| {
            let (text, start, end) = bloc_article(tag, i);
            format!("{{\"text\": \"{text}\", \"title\": \"Bloc {tag} meeting {i}\", \"spans\": [{{\"start\": {start}, \"end\": {end}, \"label\": \"{label}\"}}]}}\n")
        })
        .collect();
    fs::write(path, lines).unwrap();
}

#[test]
fn init_keeps_article_texts_byte_exact_in_git_and_ignores_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let p = project_path(&dir);
    assert!(claimspan(&["init", &p]).status.success());
    let attributes = fs::read_to_string(Path::new(&p).join(".gitattributes")).unwrap();
    assert!(attributes.contains("articles/*.txt -text"), "{attributes}");
    let ignore = fs::read_to_string(Path::new(&p).join(".gitignore")).unwrap();
    assert!(ignore.contains(".claimspan.lock"), "{ignore}");
}

#[test]
fn an_article_whose_metadata_has_conflict_markers_is_never_imported_over() {
    let dir = fixture_project();
    let p = project_path(&dir);
    let id = first_article(&p);
    let meta = Path::new(&p).join("articles").join(format!("{id}.ron"));
    let text = Path::new(&p).join("articles").join(format!("{id}.txt"));
    let old = fs::read_to_string(&meta).unwrap();
    let conflicted = old.replacen(
        "    title:",
        "<<<<<<< HEAD\n    title: \"ours\",\n=======\n    title: \"theirs\",\n>>>>>>> origin/main\n    title:",
        1,
    );
    fs::write(&meta, conflicted).unwrap();
    // The same headline and date with another text would get the same id.
    let title = old
        .lines()
        .find_map(|l| l.trim().strip_prefix("title: "))
        .unwrap()
        .trim_end_matches(',')
        .to_owned();
    let date = old
        .lines()
        .find_map(|l| l.trim().strip_prefix("date: "))
        .map(|d| d.trim_end_matches(',').to_owned())
        .unwrap_or_else(|| "null".into());
    let jsonl = dir.path().join("again.jsonl");
    fs::write(
        &jsonl,
        format!("{{\"text\": \"A different story under the same headline.\", \"title\": {title}, \"date\": {date}}}\n"),
    )
    .unwrap();
    let before = snapshot(Path::new(&p));
    let import = claimspan(&["import", &p, jsonl.to_str().unwrap()]);
    let (stdout, stderr) = out(&import);
    assert_eq!(import.status.code(), Some(1), "{stdout}{stderr}");
    let all = format!("{stdout}{stderr}");
    assert!(all.contains("git conflict markers"), "{all}");
    assert!(all.contains("resolve the git merge in"), "{all}");
    assert_eq!(snapshot(Path::new(&p)), before, "nothing written");
    assert!(fs::metadata(&text).is_ok());
    let validate = claimspan(&["validate", &p]);
    assert!(
        out(&validate).0.contains(&format!("{id}.ron:"))
            && out(&validate).0.contains("git conflict markers"),
        "{:?}",
        out(&validate)
    );
}

#[cfg(unix)]
#[test]
fn links_and_pipes_in_the_project_are_refused_and_nothing_is_read_or_written_through_them() {
    use std::os::unix::fs::symlink;
    let dir = fixture_project();
    let p = project_path(&dir);
    let root = Path::new(&p);
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "the secret").unwrap();
    // An annotator folder linked outside the project.
    symlink(&outside, root.join("annotations").join("mallory")).unwrap();
    // An article text replaced by a link to a secret.
    let id = first_article(&p);
    let text = root.join("articles").join(format!("{id}.txt"));
    fs::remove_file(&text).unwrap();
    symlink(&secret, &text).unwrap();
    // A pipe where a gold file would be: reading it would hang.
    let fifo = root.join("gold").join("piped.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );

    let validate = claimspan(&["validate", &p]);
    let (stdout, _) = out(&validate);
    assert_eq!(validate.status.code(), Some(1));
    assert!(
        stdout.contains("annotations/mallory is a symbolic link"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{id}.txt is a symbolic link")),
        "{stdout}"
    );
    assert!(
        stdout.contains("piped.ron is a named pipe (FIFO)"),
        "{stdout}"
    );

    let export = dir.path().join("out.jsonl");
    let run = claimspan(&[
        "export",
        &p,
        "--format",
        "jsonl",
        "--out",
        export.to_str().unwrap(),
        "--status",
        "all",
        "--source",
        "all",
    ]);
    let exported = fs::read_to_string(&export).unwrap_or_default();
    assert!(
        !exported.contains("the secret"),
        "{exported} {:?}",
        out(&run)
    );

    let jsonl = dir.path().join("m.jsonl");
    fs::write(
        &jsonl,
        "{\"text\": \"Mallory's article about the port.\", \"spans\": [{\"start\": 0, \"end\": 7, \"label\": \"actor\"}]}\n",
    )
    .unwrap();
    let import = claimspan(&[
        "import",
        &p,
        jsonl.to_str().unwrap(),
        "--annotator",
        "mallory",
    ]);
    assert_ne!(import.status.code(), Some(0), "{:?}", out(&import));
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        0,
        "nothing written outside"
    );
}

#[test]
fn guidelines_outside_the_project_are_not_read() {
    let dir = fixture_project();
    let p = project_path(&dir);
    let config = Path::new(&p).join("claimspan.ron");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace(
            "guidelines: \"guidelines.md\"",
            "guidelines: \"../../etc/passwd\"",
        ),
    )
    .unwrap();
    let validate = claimspan(&["validate", &p]);
    let (stdout, _) = out(&validate);
    assert!(stdout.contains("is outside the project folder"), "{stdout}");
}

#[test]
fn names_that_collide_on_other_systems_or_mean_something_else_are_refused() {
    let dir = fixture_project();
    let p = project_path(&dir);
    let jsonl = dir.path().join("a.jsonl");
    articles_jsonl(&jsonl, "a", 2, "actor");
    assert!(
        claimspan(&[
            "import",
            &p,
            jsonl.to_str().unwrap(),
            "--annotator",
            "alice"
        ])
        .status
        .success()
    );
    let jsonl = dir.path().join("b.jsonl");
    articles_jsonl(&jsonl, "b", 2, "actor");
    let before = snapshot(Path::new(&p));
    let upper = claimspan(&[
        "import",
        &p,
        jsonl.to_str().unwrap(),
        "--annotator",
        "Alice",
    ]);
    let all = format!("{}{}", out(&upper).0, out(&upper).1);
    assert_eq!(upper.status.code(), Some(1), "{all}");
    assert!(all.contains("differs only by case"), "{all}");
    assert!(!Path::new(&p).join("annotations/Alice").exists());
    for reserved in ["gold", "all", "Gold"] {
        let run = claimspan(&[
            "import",
            &p,
            jsonl.to_str().unwrap(),
            "--annotator",
            reserved,
        ]);
        assert_eq!(run.status.code(), Some(1), "{reserved}");
        assert!(
            out(&run).1.contains("choose another name"),
            "{:?}",
            out(&run)
        );
    }
    assert_eq!(snapshot(Path::new(&p)), before, "nothing written");
    let twice = claimspan(&["agree", &p, "--annotators", "alice,alice"]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        out(&twice).1.contains("is given twice"),
        "{:?}",
        out(&twice)
    );
}

#[test]
fn validate_names_gold_that_claims_an_annotator_loose_files_and_impossible_settlements() {
    let dir = fixture_project();
    let p = project_path(&dir);
    let root = Path::new(&p);
    let id = first_article(&p);
    let hash = fs::read_to_string(root.join("articles").join(format!("{id}.ron")))
        .unwrap()
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("text_hash: ")
                .map(|h| h.trim_end_matches(',').to_owned())
        })
        .unwrap();
    fs::write(
        root.join("gold").join(format!("{id}.ron")),
        format!(
            "(\n    format: 1,\n    document: \"{id}\",\n    text_hash: {hash},\n    annotator: \"alice\",\n    status: Done,\n    spans: [],\n    links: [],\n    conflicts: [\n        (kind: Missing, start: 0, end: 4, candidates: [], settled: Accepted([3])),\n    ],\n)\n"
        ),
    )
    .unwrap();
    fs::write(root.join("annotations").join("stray.ron"), "()").unwrap();
    let validate = claimspan(&["validate", &p]);
    let (stdout, _) = out(&validate);
    assert!(
        stdout.contains("is in gold/ but says its annotator is “alice”"),
        "{stdout}"
    );
    assert!(
        stdout.contains("only annotators' folders belong in annotations/"),
        "{stdout}"
    );
    assert!(
        stdout.contains("is settled with candidate 3, but it has 0 candidates"),
        "{stdout}"
    );
}

#[test]
fn control_characters_from_input_are_shown_escaped_and_a_bom_is_named() {
    let dir = fixture_project();
    let p = project_path(&dir);
    let jsonl = dir.path().join("evil.jsonl");
    fs::write(
        &jsonl,
        "{\"text\": \"Iran rejects the plan.\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"\\u001b[2Jevil\\r\"}]}\n",
    )
    .unwrap();
    let import = claimspan(&["import", &p, jsonl.to_str().unwrap(), "--annotator", "eve"]);
    let both = [import.stdout.clone(), import.stderr.clone()].concat();
    assert!(
        !both.contains(&0x1b) && !both.contains(&b'\r'),
        "{:?}",
        out(&import)
    );
    let text = String::from_utf8_lossy(&both);
    assert!(text.contains("\\x1b[2Jevil\\r"), "{text}");

    let config = Path::new(&p).join("claimspan.ron");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(&config).unwrap());
    fs::write(&config, bytes).unwrap();
    let stats = claimspan(&["stats", &p]);
    assert_eq!(stats.status.code(), Some(1));
    assert!(
        out(&stats).1.contains("byte-order mark (BOM)"),
        "{:?}",
        out(&stats)
    );
}

#[test]
fn two_imports_at_once_both_land_whole_with_both_new_labels() {
    let dir = tempfile::tempdir().unwrap();
    let p = project_path(&dir);
    assert!(claimspan(&["init", &p]).status.success());
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    doccano_jsonl(&a, "north", 1000, "speaker");
    doccano_jsonl(&b, "south", 1000, "target");
    let spawn = |file: &Path, who: &str| {
        Command::new(env!("CARGO_BIN_EXE_claimspan"))
            .args([
                "import",
                &p,
                file.to_str().unwrap(),
                "--annotator",
                who,
                "--add-labels",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Each child's pipes are drained on a thread of their own: whichever holds the
    // lock may fill its pipe while the test would be reading the other's, and both
    // would then wait for ever.
    let children = [spawn(&a, "ann"), spawn(&b, "bea")]
        .map(|child| std::thread::spawn(move || child.wait_with_output().unwrap()));
    for child in children {
        let output = child.join().unwrap();
        let (stdout, stderr) = out(&output);
        let tail: String = stdout.lines().rev().take(3).collect::<Vec<_>>().join("\n");
        assert!(output.status.success(), "{tail}\n{stderr}");
        assert!(stdout.contains("1000 added"), "{tail}");
    }
    let articles = fs::read_dir(Path::new(&p).join("articles"))
        .unwrap()
        .count();
    assert_eq!(articles, 4000, "text and metadata of all 2000 articles");
    let config = fs::read_to_string(Path::new(&p).join("claimspan.ron")).unwrap();
    assert!(
        config.contains("\"speaker\"") && config.contains("\"target\""),
        "{config}"
    );
    let validate = claimspan(&["validate", &p]);
    assert!(validate.status.success(), "{:?}", out(&validate));
}

/// A Label Studio export of `n` invented tasks, each with one region.
fn label_studio_json(path: &Path, n: usize) {
    let tasks: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let text = format!(
                "Delegates of bloc {i} met in Basra on day {i} and the council welcomed the plan."
            );
            let start = text.find("council").unwrap();
            serde_json::json!({
                "id": i + 1,
                "data": {"text": text},
                "annotations": [{
                    "id": i + 1,
                    "completed_by": 1,
                    "result": [{
                        "id": format!("r{i}"),
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": start, "end": start + 7, "text": "council", "labels": ["actor"]},
                    }],
                }],
            })
        })
        .collect();
    fs::write(path, serde_json::to_string_pretty(&tasks).unwrap()).unwrap();
}

#[test]
fn a_write_that_fails_half_way_takes_the_whole_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    label_studio_json(&file, 600);
    // Where task 450's text will go, learnt from a first import elsewhere.
    let scratch = dir.path().join("scratch").to_str().unwrap().to_owned();
    assert!(claimspan(&["init", &scratch]).status.success());
    let first = claimspan(&[
        "import",
        &scratch,
        file.to_str().unwrap(),
        "--annotator",
        "ann",
    ]);
    assert!(first.status.success(), "{:?}", out(&first));
    let late = fs::read_dir(Path::new(&scratch).join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && fs::read_to_string(p).unwrap().contains("day 450 ")
        })
        .unwrap();
    let p = project_path(&dir);
    assert!(claimspan(&["init", &p]).status.success());
    // A folder where the text should be: its write fails as a full disk's would, after
    // 449 articles of the file are written.
    let blocker = Path::new(&p)
        .join("articles")
        .join(late.file_name().unwrap());
    fs::create_dir(&blocker).unwrap();
    let before = snapshot(Path::new(&p));
    let output = claimspan(&["import", &p, file.to_str().unwrap(), "--annotator", "ann"]);
    let (stdout, stderr) = out(&output);
    assert!(!output.status.success(), "{stdout}");
    assert!(
        stderr.contains("nothing of this import was kept") && stderr.contains(" new files removed"),
        "{stderr}"
    );
    assert_eq!(snapshot(Path::new(&p)), before, "the project is as it was");
    // Once the cause is gone, the same import goes in whole.
    fs::remove_dir(&blocker).unwrap();
    let again = claimspan(&["import", &p, file.to_str().unwrap(), "--annotator", "ann"]);
    assert!(again.status.success(), "{:?}", out(&again));
    assert!(out(&again).0.contains("600 added"));
}
