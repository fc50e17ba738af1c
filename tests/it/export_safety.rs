//! `claimspan export` never harms the project or a previous export, and never writes
//! what `validate` flags (issue 13, points 5, 11 and 18), through the real binary.

use crate::common::{annotated_project, claimspan, out, s, snapshot};
use std::fs;
use std::path::{Path, PathBuf};

const JORDAN: &str = "jordan-party-rejects-fuel-tax-2018-06-24";

fn export(p: &Path, format: &str, to: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["export", s(p), "--format", format, "--out", s(to)];
    args.extend_from_slice(&["--status", "all", "--source", "alice"]);
    args.extend_from_slice(more);
    claimspan(&args)
}

fn alice_file(p: &Path, id: &str) -> PathBuf {
    p.join("annotations")
        .join("alice")
        .join(format!("{id}.ron"))
}

#[test]
fn an_output_in_the_projects_data_is_refused_and_the_file_left_as_it_was() {
    let (dir, p) = annotated_project();
    fs::write(
        p.join("entities.ron"),
        "(format: 1, entities: [], categories: [])\n",
    )
    .unwrap();
    fs::create_dir_all(p.join("gold")).unwrap();
    fs::write(
        p.join("gold").join(format!("{JORDAN}.ron")),
        "kept as it is\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.join("annotations"), dir.path().join("link")).unwrap();
    let before = snapshot(&p);
    let alice = alice_file(&p, JORDAN);
    let files = [
        ("jsonl", p.join("claimspan.ron")),
        ("jsonl", p.join("entities.ron")),
        ("conll", p.join("guidelines.md")),
        ("jsonl", p.join("articles").join(format!("{JORDAN}.txt"))),
        ("doccano", alice.clone()),
        ("label-studio", p.join("gold").join(format!("{JORDAN}.ron"))),
        (
            "jsonl",
            p.join("exports")
                .join("..")
                .join("annotations")
                .join("alice")
                .join("x.ron"),
        ),
        (
            "jsonl",
            p.join("new")
                .join("..")
                .join("..")
                .join("p")
                .join("claimspan.ron"),
        ),
        #[cfg(unix)]
        (
            "jsonl",
            dir.path()
                .join("link")
                .join("alice")
                .join(format!("{JORDAN}.ron")),
        ),
        ("brat", p.clone()),
        ("hf", p.join("articles")),
        ("brat", p.join("annotations")),
        ("jsonl", p.join("gold")),
        ("statements", p.join("claimspan.ron")),
        (
            "network",
            p.join("annotations")
                .join("alice")
                .join(format!("{JORDAN}.ron")),
        ),
    ];
    for (format, target) in &files {
        let split: &[&str] = if format == &"jsonl" && target.ends_with("gold") {
            &["--split", "train=0.5,test=0.5"]
        } else {
            &[]
        };
        let run = export(&p, format, target, split);
        let (_, stderr) = out(&run);
        assert_eq!(run.status.code(), Some(1), "{format} {target:?}: {stderr}");
        assert!(
            stderr.contains("will not write the export to")
                && stderr.contains(&target.display().to_string())
                && stderr.contains("give --out a place outside"),
            "{stderr}"
        );
        assert_eq!(
            snapshot(&p),
            before,
            "{format} into {target:?} changed the project"
        );
    }
    // Anywhere else in the project folder is fine.
    let elsewhere = p.join("exports").join("x.jsonl");
    let run = export(&p, "jsonl", &elsewhere, &[]);
    assert!(run.status.success(), "{:?}", out(&run));
    let mut after = snapshot(&p);
    assert!(after.remove(&elsewhere).is_some());
    assert_eq!(after, before);
}

/// Spans of every kind `validate` flags, added to alice's file for the Jordan
/// article by hand, with links to them.
fn add_invalid_spans(p: &Path) {
    let file = alice_file(p, JORDAN);
    let ron = fs::read_to_string(&file).unwrap();
    let bad = [
        r#"(id: 20, start: 0, end: 5000, label: "actor", text: "Jordan"),"#,
        r#"(id: 21, start: 30, end: 22, label: "claim", text: ""),"#,
        r#"(id: 22, start: 10, end: 10, label: "claim", text: ""),"#,
        r#"(id: 23, start: 0, end: 6, label: "topic", text: "Jordan"),"#,
        r#"(id: 24, start: 0, end: 6, label: "actor", text: "Jorxan"),"#,
    ];
    let ron = ron.replacen(
        "spans: [",
        &format!("spans: [\n        {}", bad.join("\n        ")),
        1,
    );
    let ron = ron.replace(
        "links: []",
        r#"links: [(from: 20, to: 2, label: "holds"), (from: 4, to: 99, label: "holds")]"#,
    );
    assert!(ron.contains("id: 24") && ron.contains("to: 99"), "{ron}");
    fs::write(&file, ron).unwrap();
}

#[test]
fn spans_that_validate_flags_are_left_out_of_every_format_and_counted() {
    let (dir, p) = annotated_project();
    add_invalid_spans(&p);
    let counted = [
        "left out  1 spans that run past the end of their article",
        "left out  1 spans that end before they start",
        "left out  1 spans that cover no text",
        "left out  1 spans whose label is not in claimspan.ron",
        "left out  1 spans whose stored text is not what the article has at their offsets",
        "left out  2 links to spans that are missing or were left out",
    ];
    for (format, name) in [("jsonl", "a.jsonl"), ("conll", "a.conll"), ("brat", "brat")] {
        let target = dir.path().join(name);
        let run = export(&p, format, &target, &[]);
        let stdout = out(&run).0;
        assert!(run.status.success(), "{format}: {:?}", out(&run));
        assert!(
            stdout.contains("exported 3 documents, 14 spans, 0 links"),
            "{stdout}"
        );
        for line in counted {
            assert!(stdout.contains(line), "{format}: no “{line}” in {stdout}");
        }
    }
    let jsonl = fs::read_to_string(dir.path().join("a.jsonl")).unwrap();
    for id in 20..=24 {
        assert!(
            !jsonl.contains(&format!("\"id\":{id},")),
            "span {id} in {jsonl}"
        );
    }
    let ann = fs::read_to_string(dir.path().join("brat").join(format!("{JORDAN}.ann"))).unwrap();
    assert!(
        !ann.contains("T20") && !ann.contains("5000") && !ann.contains("R1"),
        "{ann}"
    );
    // The span past the end would have tagged every later token as an actor.
    let conll = fs::read_to_string(dir.path().join("a.conll")).unwrap();
    assert!(conll.contains("\nSunday\tO\tO\tO\n"), "{conll}");
}

#[test]
fn an_unreadable_file_is_named_the_rest_exported_and_the_exit_code_is_1() {
    let (dir, p) = annotated_project();
    let garbled = alice_file(&p, JORDAN);
    fs::write(&garbled, "(format: 1, document: [[[ no").unwrap();
    let before = snapshot(&p);
    for (format, name) in [
        ("jsonl", "a.jsonl"),
        ("conll", "a.conll"),
        ("brat", "brat"),
        ("statements", "s.csv"),
        ("network", "n.graphml"),
    ] {
        let target = dir.path().join(name);
        let run = export(&p, format, &target, &[]);
        let (stdout, stderr) = out(&run);
        assert_eq!(run.status.code(), Some(1), "{format}: {stdout} {stderr}");
        assert!(
            stdout.contains(&format!("not read: {}", garbled.display())),
            "{format}: {stdout}"
        );
        assert!(
            stdout.contains("incomplete: 1 file could not be read and is left out"),
            "{format}: {stdout}"
        );
        assert!(target.exists(), "{format}: the rest is written");
    }
    let jsonl = fs::read_to_string(dir.path().join("a.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 2, "{jsonl}");
    assert_eq!(snapshot(&p), before);
}

/// A tmpfs of 1 MiB at a new folder, or `None` where it cannot be mounted (not
/// root, no tmpfs); unmounted when dropped.
struct TinyDisk(tempfile::TempDir);

impl TinyDisk {
    fn mount() -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs", s(dir.path())])
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(Self(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn a_full_disk_leaves_the_previous_export_whole() {
    let Some(disk) = TinyDisk::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    assert!(claimspan(&["init", s(&p)]).status.success());
    // One article of 2 MB: no export of it fits on the disk.
    let text = "The bloc said no to the plan. ".repeat(70_000);
    let line = serde_json::json!({"id": "big", "text": text, "spans": [{"start": 4, "end": 8, "label": "actor"}]});
    let jsonl = dir.path().join("big.jsonl");
    fs::write(&jsonl, format!("{line}\n")).unwrap();
    let import = claimspan(&["import", s(&p), s(&jsonl), "--annotator", "alice"]);
    assert!(import.status.success(), "{:?}", out(&import));
    let previous = disk.path().join("out.jsonl");
    fs::write(&previous, "previous export\n").unwrap();
    let hf = disk.path().join("hf");
    fs::create_dir(&hf).unwrap();
    fs::write(hf.join("train.jsonl"), "previous train\n").unwrap();
    let before = snapshot(disk.path());
    for (format, target) in [("jsonl", &previous), ("conll", &previous), ("hf", &hf)] {
        let run = export(&p, format, target, &[]);
        let (_, stderr) = out(&run);
        assert_eq!(run.status.code(), Some(1), "{format}: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{format}: {stderr}"
        );
        // Not assert_eq: the files are megabytes.
        assert!(
            snapshot(disk.path()) == before,
            "{format}: a temporary file is left or a file changed"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_export_into_a_pipe_streams_into_it_and_keeps_the_summary_apart() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, p) = annotated_project();
    // A named pipe a script reads: it stays a pipe and gets every line.
    let fifo = dir.path().join("stream.jsonl");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let run = export(&p, "jsonl", &fifo, &[]);
    assert!(run.status.success(), "{:?}", out(&run));
    let got = reader.join().unwrap();
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(!got.is_empty());
    for line in got.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    // Into our own standard output, the data alone is there; the summary is on
    // stderr.
    let run = export(&p, "jsonl", Path::new("/dev/stdout"), &[]);
    assert!(run.status.success(), "{:?}", out(&run));
    let (stdout, stderr) = out(&run);
    assert_eq!(stdout.lines().count(), got.lines().count(), "{stdout}");
    for line in stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    assert!(stderr.contains("exported"), "{stderr}");
}
