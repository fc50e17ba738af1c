//! A process that saves in a loop is killed (SIGKILL) at random moments, 200 times;
//! the file on disk must always parse and equal one of the versions it saved.
#![cfg(unix)]

use claimspan::model::{
    Annotations, AnnotatorName, CharOffset, Document, DocumentId, NewSpan, Status,
};
use claimspan::store::{IfOnDisk, NewArticle, Project, WriteBatch};
use std::process::{Command, Stdio};
use std::time::Duration;

const DIR_VAR: &str = "CLAIMSPAN_SAVE_LOOP_DIR";
const FIRST_VAR: &str = "CLAIMSPAN_SAVE_LOOP_FIRST";
const ID: &str = "loop-article";

fn alice() -> AnnotatorName {
    AnnotatorName::new("alice").unwrap()
}

/// Version `n` of the annotations: its number is in the first span's note, and its
/// size varies so that writes differ in length.
fn version(n: u64, document: &Document, project: &Project) -> Annotations {
    let mut a = Annotations::new(document, alice());
    let count = 50 + (n % 200) as usize;
    for i in 0..count {
        let start = (i * 7) % 1900;
        let new = NewSpan {
            start: CharOffset(start),
            end: CharOffset(start + 1 + i % 5),
            label: ["actor", "stance", "claim"][i % 3].into(),
            note: if i == 0 {
                format!("v{n}")
            } else {
                String::new()
            },
            ..NewSpan::default()
        };
        let _ = a.add_span(document, project.schema(), new);
    }
    a.status = if n.is_multiple_of(2) {
        Status::InProgress
    } else {
        Status::Done
    };
    a
}

fn version_number(a: &Annotations) -> u64 {
    a.spans
        .iter()
        .find_map(|s| s.note.strip_prefix('v'))
        .and_then(|n| n.parse().ok())
        .expect("every saved version carries its number")
}

/// Not a test of its own: the body of the child process the test below kills.
#[test]
#[ignore = "child process of kill_while_saving_never_tears_the_file"]
fn save_loop_child() {
    let (Ok(dir), Ok(first)) = (std::env::var(DIR_VAR), std::env::var(FIRST_VAR)) else {
        return;
    };
    let mut project = Project::open(dir.as_ref()).unwrap();
    let document = project
        .load_document(&DocumentId::new(ID).unwrap())
        .unwrap();
    let mut n: u64 = first.parse().unwrap();
    loop {
        let a = version(n, &document, &project);
        project.save_annotations(&a, IfOnDisk::Anything).unwrap();
        n += 1;
    }
}

#[test]
fn kill_while_saving_never_tears_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = Project::init(dir.path()).unwrap();
    let text: String = (0..400).map(|i| format!("w{i:03} ")).collect();
    let mut batch = WriteBatch::new();
    project
        .add_article(
            NewArticle {
                text,
                title: "x".into(),
                id: Some(DocumentId::new(ID).unwrap()),
                ..NewArticle::default()
            },
            &mut batch,
        )
        .unwrap();
    batch.finish().unwrap();
    let document = project
        .load_document(&DocumentId::new(ID).unwrap())
        .unwrap();
    project
        .save_annotations(&version(0, &document, &project), IfOnDisk::Anything)
        .unwrap();
    let path = project.annotation_path(&alice(), document.id());

    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut last = 0;
    let mut advanced = 0;
    for round in 1..=200u64 {
        let first = round * 1_000_000;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["save_loop_child", "--exact", "--ignored", "--quiet"])
            .env(DIR_VAR, dir.path())
            .env(FIRST_VAR, first.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // xorshift: a different moment each round, the same sequence every run.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(2_000 + seed % 40_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let on_disk = project
            .read_annotations_file(&path)
            .unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e}"));
        let n = version_number(&on_disk);
        assert!(
            n == last || (first..first + 1_000_000).contains(&n),
            "round {round}: v{n} was never saved then"
        );
        assert_eq!(
            on_disk,
            version(n, &document, &project),
            "round {round}: v{n} differs from what was saved"
        );
        if n != last {
            advanced += 1;
        }
        last = n;
    }
    // Most rounds must have been killed mid-loop, not before the first save.
    assert!(
        advanced >= 100,
        "only {advanced} of 200 rounds saved anything"
    );
}
