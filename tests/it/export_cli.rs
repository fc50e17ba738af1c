//! `claimspan export` and peer-file `claimspan import` end to end, through the real
//! binary, with the bad-input cases leaving the project untouched.

use crate::common::{
    self, annotated_project, annotated_project_with, claimspan, fixtures, out, s, snapshot,
};
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn every_format_is_written_and_the_report_says_what_was_not() {
    let (dir, p) = annotated_project();
    let before = snapshot(&p);
    for (format, out_name) in [
        ("jsonl", "a.jsonl"),
        ("conll", "a.conll"),
        ("brat", "brat"),
        ("label-studio", "ls.json"),
        ("doccano", "d.jsonl"),
        ("hf", "hf"),
    ] {
        let target = dir.path().join(out_name);
        let run = claimspan(&[
            "export",
            s(&p),
            "--format",
            format,
            "--out",
            s(&target),
            "--status",
            "all",
        ]);
        let (stdout, stderr) = out(&run);
        assert!(run.status.success(), "{format}: {stderr}");
        assert!(
            stdout.contains("exported 3 documents, 14 spans, 0 links from alice"),
            "{format}: {stdout}"
        );
        assert!(target.exists(), "{format}");
    }
    assert_eq!(snapshot(&p), before, "export writes nothing in the project");
    let conll = fs::read_to_string(dir.path().join("a.conll")).unwrap();
    assert!(
        conll.starts_with("-DOCSTART-\tO\tO\tO\n\nIraq’s\tB-actor\tO\tO\n"),
        "{conll}"
    );
    let doccano = fs::read_to_string(dir.path().join("d.jsonl")).unwrap();
    // “Rana Khoury” follows a 🚫: char 79, UTF-16 unit 80.
    assert!(
        doccano.contains("\"label\":\"actor\",\"start_offset\":80,\"end_offset\":91"),
        "{doccano}"
    );
    let hf = dir.path().join("hf");
    for file in [
        "train.jsonl",
        "dev.jsonl",
        "test.jsonl",
        "labels.json",
        "README.md",
    ] {
        assert!(hf.join(file).is_file(), "{file}");
    }
    let card = fs::read_to_string(hf.join("README.md")).unwrap();
    assert!(
        card.contains("| split | documents | sentences | actor spans |"),
        "{card}"
    );
    assert!(card.contains("alice"), "{card}");
    assert!(
        card.contains("  - name: 'actor_tags'\n    sequence:\n      class_label:\n        names:\n          '0': 'O'\n          '1': 'B-actor'\n          '2': 'I-actor'\n"),
        "{card}"
    );
    datasets_reads_the_tag_names(&hf);
    // Imported work is finished work: the default export right after an import
    // writes every document.
    let done = claimspan(&[
        "export",
        s(&p),
        "--format",
        "jsonl",
        "--out",
        s(&dir.path().join("x.jsonl")),
    ]);
    assert!(
        out(&done).0.contains("(3 documents, 14 spans)"),
        "{:?}",
        out(&done)
    );
}

#[test]
fn only_done_documents_go_out_by_default() {
    let (dir, p) = annotated_project_with(&["--status", "in-progress"]);
    let none = claimspan(&[
        "export",
        s(&p),
        "--format",
        "jsonl",
        "--out",
        s(&dir.path().join("x.jsonl")),
    ]);
    assert!(
        out(&none).0.contains("skipped   3 not marked done"),
        "{:?}",
        out(&none)
    );
}

#[test]
fn what_a_format_cannot_carry_is_counted() {
    let (dir, p) = annotated_project();
    // A stance with a polarity, a note and a link, added by hand to alice's file.
    let id = "jordan-party-rejects-fuel-tax-2018-06-24";
    let file = p
        .join("annotations")
        .join("alice")
        .join(format!("{id}.ron"));
    let ron = fs::read_to_string(&file).unwrap();
    let ron = ron
        .replace("label: \"stance\", text: \"rejected\")", "label: \"stance\", text: \"rejected\", attributes: {\"polarity\": \"oppose\"}, note: \"firm\")")
        .replace("links: []", "links: [(from: 1, to: 2, label: \"holds\")]");
    fs::write(&file, ron).unwrap();
    let run = claimspan(&[
        "export",
        s(&p),
        "--format",
        "conll",
        "--out",
        s(&dir.path().join("a.conll")),
        "--status",
        "all",
    ]);
    let stdout = out(&run).0;
    for line in [
        "not written: 1 links (CoNLL has no links)",
        "not written: 1 attribute values such as polarity (CoNLL has only labels)",
        "not written: 1 notes (CoNLL has no notes)",
    ] {
        assert!(stdout.contains(line), "missing {line} in {stdout}");
    }
    let flat = claimspan(&[
        "export",
        s(&p),
        "--format",
        "conll",
        "--flat",
        "--out",
        s(&dir.path().join("f.conll")),
        "--status",
        "all",
    ]);
    assert!(flat.status.success());
}

#[test]
fn splits_are_the_same_every_time_and_files_per_split() {
    let (dir, p) = annotated_project();
    let run = |name: &str| {
        let target = dir.path().join(name);
        let run = claimspan(&[
            "export",
            s(&p),
            "--format",
            "jsonl",
            "--out",
            s(&target),
            "--status",
            "all",
            "--split",
            "train=0.5,dev=0.25,test=0.25",
            "--seed",
            "7",
        ]);
        assert!(run.status.success(), "{:?}", out(&run));
        target
    };
    let (a, b) = (run("a"), run("b"));
    for split in ["train", "dev", "test"] {
        assert_eq!(
            fs::read(a.join(format!("{split}.jsonl"))).unwrap(),
            fs::read(b.join(format!("{split}.jsonl"))).unwrap()
        );
    }
}

#[test]
fn choosing_whose_annotations_names_the_choices() {
    let (dir, p) = annotated_project();
    let jsonl = fixtures().join("jsonl").join("articles.jsonl");
    assert!(
        claimspan(&[
            "import",
            s(&p),
            jsonl.to_str().unwrap(),
            "--annotator",
            "bob"
        ])
        .status
        .success()
    );
    let target = dir.path().join("x.jsonl");
    let run = claimspan(&["export", s(&p), "--format", "jsonl", "--out", s(&target)]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        out(&run).1,
        "claimspan: the project has no gold annotations and several annotators (alice, bob); choose whose to export with --source NAME\n"
    );
    let run = claimspan(&[
        "export",
        s(&p),
        "--format",
        "jsonl",
        "--out",
        s(&target),
        "--source",
        "carol",
    ]);
    assert!(
        out(&run)
            .1
            .contains("“carol” has no annotations in this project (annotators: alice, bob)")
    );
    let run = claimspan(&[
        "export",
        s(&p),
        "--format",
        "jsonl",
        "--out",
        s(&target),
        "--source",
        "bob",
        "--status",
        "all",
        "--labels",
        "actor",
    ]);
    assert!(run.status.success());
    assert!(
        out(&run).0.contains("exported 3 documents, 5 spans"),
        "{:?}",
        out(&run)
    );
    let run = claimspan(&["export", s(&p), "--format", "bogus", "--out", s(&target)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        out(&run).1.contains("“bogus” is not an export format"),
        "{:?}",
        out(&run)
    );
}

#[test]
fn peer_files_import_with_their_offsets_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    assert!(claimspan(&["init", s(&p)]).status.success());
    let peer = fixtures().join("peer");
    let run = claimspan(&[
        "import",
        s(&p),
        s(&peer.join("doccano-entities.jsonl")),
        s(&peer.join("doccano-labels.jsonl")),
        s(&peer.join("label-studio.json")),
        s(&peer.join("brat")),
        "--annotator",
        "eve",
    ]);
    let stdout = out(&run).0;
    assert!(run.status.success(), "{stdout}");
    assert!(
        stdout.ends_with("6 added, 0 skipped as already there, 0 refused\n"),
        "{stdout}"
    );
    assert!(stdout.contains("repaired  label-studio.json:107: 3 spans: offsets counted UTF-16 code units, read as such"), "{stdout}");
    assert!(
        stdout.contains(
            "repaired  lebanon-talks.ann: 5 spans: offsets counted line breaks differently"
        ),
        "{stdout}"
    );
    let validate = claimspan(&["validate", s(&p)]);
    assert!(validate.status.success(), "{:?}", out(&validate));
    let qatar =
        fs::read_to_string(p.join("annotations/eve/qatar-welcomes-summit-2018-06-20.ron")).unwrap();
    assert!(
        qatar.contains("attributes: {\"polarity\": \"support\"}"),
        "{qatar}"
    );
    assert!(
        qatar.contains("note: \"the summit, not the talks\""),
        "{qatar}"
    );
    assert!(
        qatar.contains("(from: 2, to: 3, label: \"about\")"),
        "an unlabelled relation takes the schema's type: {qatar}"
    );
}

#[test]
fn bad_peer_files_are_refused_with_file_and_line_and_the_project_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    assert!(claimspan(&["init", s(&p)]).status.success());
    let peer = fixtures().join("peer");
    let huge = dir.path().join("huge.jsonl");
    fs::File::create(&huge)
        .unwrap()
        .set_len(500_000_000)
        .unwrap();
    let unknown = dir.path().join("speaker.jsonl");
    fs::write(
        &unknown,
        "{\"text\": \"Iran said no\", \"label\": [[0, 4, \"speaker\"]]}\n",
    )
    .unwrap();
    let before = snapshot(&p);
    for (file, says) in [
        (
            peer.join("truncated.json"),
            format!(
                "{}:84:3: this is not valid JSON (EOF while parsing an object); the file may be cut short or damaged: export it from Label Studio again",
                peer.join("truncated.json").display()
            ),
        ),
        (
            peer.join("label-studio-image.json"),
            format!(
                "{}:2: task 1: its data has no text (it has image); this is a Label Studio export of another kind of task",
                peer.join("label-studio-image.json").display()
            ),
        ),
        (
            peer.join("bad").join("overrun.ann"),
            format!(
                "{}: a span or link could not be imported, so nothing of the file was imported: overrun.ann: span T3 (300..310): 300..310 does not fit the text (36 characters (code points))",
                peer.join("bad").join("overrun.ann").display()
            ),
        ),
        (
            huge.clone(),
            format!(
                "{} is 476 MiB, more than the 256 MiB claimspan imports at once; split it into smaller files and import those",
                huge.display()
            ),
        ),
        (
            unknown.clone(),
            format!(
                "{}: label “speaker” not in the project's schema; import again with --add-labels to add them",
                unknown.display()
            ),
        ),
    ] {
        let run = claimspan(&["import", s(&p), s(&file), "--annotator", "eve"]);
        let (stdout, stderr) = out(&run);
        assert_eq!(run.status.code(), Some(1), "{stdout}");
        assert!(stderr.contains(&says), "expected {says}\nin {stderr}");
        assert!(!stdout.contains(&says), "refusals go to stderr: {stdout}");
        assert!(
            stdout.ends_with("0 added, 0 skipped as already there, 1 refused\n"),
            "{stdout}"
        );
        assert_eq!(
            snapshot(&p),
            before,
            "{} changed the project",
            file.display()
        );
    }
    let added = claimspan(&[
        "import",
        s(&p),
        s(&unknown),
        "--annotator",
        "eve",
        "--add-labels",
    ]);
    assert!(added.status.success());
    assert!(out(&added).0.contains("schema    added label “speaker”"));
    assert!(
        fs::read_to_string(p.join("claimspan.ron"))
            .unwrap()
            .contains("name: \"speaker\"")
    );
}

/// Not a check: writes a project with one invented article of 50 MB and one span
/// every 100 chars or so (alice's, done; every `CLAIMSPAN_BIG_SPAN_EVERY` chars when
/// set) to the folder in `CLAIMSPAN_BIG_PROJECT`, to measure what an export of it
/// costs (README, “Memory”):
///
/// ```sh
/// CLAIMSPAN_BIG_PROJECT=/tmp/big cargo test --test it -- --ignored one_50_mb_article
/// cargo build --release
/// /usr/bin/time -v target/release/claimspan export /tmp/big --format conll --out /tmp/big.conll
/// ```
#[test]
#[ignore]
fn write_a_project_with_one_50_mb_article() {
    use claimspan::model::{Annotations, AnnotatorName, CharOffset, Span, SpanId, Status};
    use claimspan::store::{NewArticle, Project, WriteBatch};
    let Some(root) = std::env::var_os("CLAIMSPAN_BIG_PROJECT") else {
        eprintln!("set CLAIMSPAN_BIG_PROJECT to the folder to write");
        return;
    };
    let root = PathBuf::from(root);
    let every: usize = std::env::var("CLAIMSPAN_BIG_SPAN_EVERY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let words = [
        "coalition",
        "talks",
        "Iran’s",
        "minister",
        "“rejected”",
        "sanctions",
        "oil",
        "exports",
        "parliament",
        "bloc",
        "said",
        "on",
        "Wednesday",
        "the",
        "demands",
        "Iraq’s",
    ];
    let (mut text, mut chars) = (String::with_capacity(51 << 20), 0);
    // Char places of words that start a span: one about every 100 chars.
    let mut starts = Vec::new();
    let mut k: u64 = 7;
    while text.len() < 50 << 20 {
        k = k
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let word = words[(k >> 33) as usize % words.len()];
        if chars >= starts.last().map_or(0, |&(s, _)| s + every) {
            starts.push((chars, word.chars().count()));
        }
        text.push_str(word);
        chars += word.chars().count();
        let gap = match (k >> 20) % 40 {
            0 => ".\n\n",
            1..=3 => ". ",
            _ => " ",
        };
        text.push_str(gap);
        chars += gap.chars().count();
    }
    let mut project = Project::init(&root).unwrap();
    let mut batch = WriteBatch::new();
    let new = NewArticle {
        text: text.clone(),
        title: "A very long invented story".into(),
        date: Some("2018-06-14".into()),
        original_file: "big.txt".into(),
        ..NewArticle::default()
    };
    let id = project.add_article(new, &mut batch).unwrap().id().clone();
    batch.finish().unwrap();
    let document = project.load_document(&id).unwrap();
    let mut annotations = Annotations::new(&document, AnnotatorName::new("alice").unwrap());
    let labels = ["actor", "stance", "claim"];
    for (n, (start, len)) in starts.into_iter().enumerate() {
        let (start, end) = (CharOffset(start), CharOffset(start + len));
        annotations.spans.push(Span {
            id: SpanId(n as u32 + 1),
            start,
            end,
            label: labels[n % 3].into(),
            text: document.slice(start, end).unwrap().to_owned(),
            attributes: Default::default(),
            note: String::new(),
            anchor: None,
        });
    }
    annotations.status = Status::Done;
    let mut batch = WriteBatch::new();
    project
        .add_imported_annotations(&annotations, &mut batch)
        .unwrap();
    batch.finish().unwrap();
    eprintln!(
        "wrote {} ({} MB of text, {} spans)",
        root.display(),
        text.len() >> 20,
        annotations.spans.len()
    );
}

#[test]
fn label_studio_export_numbers_each_person_once_across_tasks() {
    let (dir, p) = annotated_project();
    let jsonl = fixtures().join("jsonl").join("articles.jsonl");
    let import = claimspan(&["import", s(&p), s(&jsonl), "--annotator", "bob"]);
    assert!(import.status.success(), "{:?}", out(&import));
    // Alice did not annotate the first article (by name), so there bob comes first.
    let mut alices: Vec<PathBuf> = fs::read_dir(p.join("annotations").join("alice"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    alices.sort();
    fs::remove_file(&alices[0]).unwrap();
    let target = dir.path().join("ls.json");
    let run = claimspan(&[
        "export",
        s(&p),
        "--format",
        "label-studio",
        "--out",
        s(&target),
        "--source",
        "all",
    ]);
    assert!(run.status.success(), "{:?}", out(&run));
    let tasks: serde_json::Value = serde_json::from_slice(&fs::read(&target).unwrap()).unwrap();
    let mut numbers: std::collections::BTreeMap<String, std::collections::BTreeSet<u64>> =
        Default::default();
    for task in tasks.as_array().unwrap() {
        for annotation in task["annotations"].as_array().unwrap() {
            let who = annotation["claimspan_annotator"]
                .as_str()
                .unwrap()
                .to_owned();
            let number = annotation["completed_by"].as_u64().unwrap();
            let username = annotation["created_username"].as_str().unwrap();
            assert_eq!(username, format!("{who}, {number}"));
            numbers.entry(who).or_default().insert(number);
        }
    }
    assert_eq!(numbers.len(), 2, "{numbers:?}");
    for (who, seen) in &numbers {
        assert_eq!(seen.len(), 1, "{who} has the numbers {seen:?}");
    }
}

/// Where Python's `datasets` is installed, loads the hf export folder as a user would
/// and checks that the tag columns carry their names; elsewhere says it did not.
fn datasets_reads_the_tag_names(folder: &Path) {
    let script = r#"
import sys
from datasets import load_dataset
ds = load_dataset(sys.argv[1])
names = ds["train"].features["actor_tags"].feature.names
assert names == ["O", "B-actor", "I-actor"], names
print("ok", len(ds["train"]))
"#;
    let has = std::process::Command::new("python3")
        .args(["-c", "import datasets"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("Python's datasets is not installed: the hf export was not loaded with it");
        return;
    }
    let run = std::process::Command::new("python3")
        .args(["-c", script, folder.to_str().unwrap()])
        .env("HF_DATASETS_OFFLINE", "1")
        .env("HF_HUB_OFFLINE", "1")
        .env("HF_DATASETS_CACHE", folder.join(".cache"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "datasets could not load {}: {}",
        folder.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_date_window_chooses_the_documents_of_every_export() {
    // The statements fixture: articles of 14, 15 and 16 June and one without a date.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    common::copy_dir(&fixtures().join("statements"), &p);
    let target = dir.path().join("window.jsonl");
    let run = claimspan(&[
        "export",
        s(&p),
        "--format",
        "jsonl",
        "--source",
        "alice",
        "--status",
        "all",
        "--from",
        "2018-06-15",
        "--to",
        "2018-06-16",
        "--out",
        s(&target),
    ]);
    let (stdout, stderr) = out(&run);
    assert!(run.status.success(), "{stdout}{stderr}");
    let dates: Vec<String> = fs::read_to_string(&target)
        .unwrap()
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["meta"]["date"].as_str().unwrap_or("none").to_owned()
        })
        .collect();
    assert_eq!(dates, ["2018-06-15", "2018-06-16"], "{stdout}");
    assert!(stdout.contains("skipped   1 outside the dates"), "{stdout}");
    assert!(
        stdout.contains("skipped   1 no date (left out of a date window)"),
        "{stdout}"
    );

    // A backwards window is refused before anything is written.
    let run = claimspan(&[
        "export",
        s(&p),
        "--format",
        "conll",
        "--source",
        "alice",
        "--from",
        "2018-06-16",
        "--to",
        "2018-06-14",
        "--out",
        s(&dir.path().join("x.conll")),
    ]);
    assert!(!run.status.success());
    assert!(
        out(&run)
            .1
            .contains("which is backwards; swap --from and --to")
    );
    assert!(!dir.path().join("x.conll").exists());
}

#[test]
fn gold_half_adjudicated_is_not_exported_as_done() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    common::copy_dir(&fixtures().join("statements"), &p);
    let gold = fs::read_dir(p.join("gold"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = fs::read_to_string(&gold).unwrap();
    fs::write(&gold, text.replace("status: Done", "status: InProgress")).unwrap();
    let target = dir.path().join("gold.jsonl");
    let export = |status: &str| {
        let run = claimspan(&[
            "export",
            s(&p),
            "--format",
            "jsonl",
            "--source",
            "gold",
            "--status",
            status,
            "--out",
            s(&target),
        ]);
        let (stdout, stderr) = out(&run);
        assert!(run.status.success(), "{stdout}{stderr}");
        (stdout, fs::read_to_string(&target).unwrap())
    };
    // Not reviewed yet: left out of done documents, and said so.
    let (stdout, lines) = export("done");
    assert_eq!(lines.lines().count(), 0, "{stdout}");
    assert!(stdout.contains("skipped   1 not marked done"), "{stdout}");
    assert!(stdout.contains("--status all"), "{stdout}");
    let (_, lines) = export("all");
    assert_eq!(lines.lines().count(), 1);
}

#[test]
fn the_origin_of_accepted_suggestions_is_left_out_of_exports_unless_asked() {
    use claimspan::model::{AnnotatorName, ORIGIN, Status};
    use claimspan::store::{IfOnDisk, Project};
    let (dir, p) = annotated_project();
    // One of alice's spans accepted from a suggestion, as the window records it.
    let mut project = Project::open(&p).unwrap();
    let alice = AnnotatorName::new("alice").unwrap();
    let id = project.annotated_by(&alice).next().unwrap().clone();
    let document = project.load_document(&id).unwrap();
    let mut a = project
        .load_annotations(&document, &alice)
        .unwrap()
        .annotations;
    a.spans[0]
        .attributes
        .insert(ORIGIN.into(), "suggestion:strings".into());
    a.status = Status::Done;
    project.save_annotations(&a, IfOnDisk::Anything).unwrap();
    let export = |name: &str, extra: &[&str]| {
        let target = dir.path().join(name);
        let mut args = vec!["export", s(&p), "--format", "jsonl", "--out", s(&target)];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--status", "all"]);
        let run = claimspan(&args);
        assert!(run.status.success(), "{}", out(&run).1);
        fs::read_to_string(target).unwrap()
    };
    let plain = export("plain.jsonl", &[]);
    assert!(!plain.contains("suggestion:strings"), "{plain}");
    let kept = export("kept.jsonl", &["--with-origin"]);
    assert!(kept.contains("\"origin\":\"suggestion:strings\""), "{kept}");
    assert_eq!(kept.lines().count(), plain.lines().count());
}
