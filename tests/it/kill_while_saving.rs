//! A process that saves in a loop is killed (SIGKILL) at random moments, 200 times;
//! the file on disk must always parse and equal one of the versions it saved. The
//! same for a merge of many documents into gold: every gold file parses and is a
//! whole merge's output, and the next merge leaves no temporary file behind.

use claimspan::model::{
    Annotations, AnnotatorName, CharOffset, Document, DocumentId, NewSpan, Schema, Status,
};
use claimspan::review::{Gold, merge, merge_project, select};
use claimspan::store::gold::read_gold_file;
use claimspan::store::{IfOnDisk, NewArticle, Project, WriteBatch};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The kill tests run one at a time: each times its kills against a child's start,
/// which another test's children starting at once would slow down.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// The name the test harness knows a test of this module by (its path without the
/// crate), for a child process that runs just that one test.
fn child_test(name: &str) -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    format!("{module}::{name}")
}

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
    let _alone = one_at_a_time();
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
            .args([
                child_test("save_loop_child").as_str(),
                "--exact",
                "--ignored",
                "--quiet",
            ])
            .env(DIR_VAR, dir.path())
            .env(FIRST_VAR, first.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The kill must land in the save loop, not while the child is still starting
        // (which on a loaded machine takes longer than any fixed wait): wait for its
        // first save, then for a moment that differs from round to round.
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let saved = project
                .read_annotations_file(&path)
                .is_ok_and(|a| version_number(&a) >= first);
            if saved {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        // xorshift: a different moment each round, the same sequence every run.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 20_000));
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

const MERGE_DIR_VAR: &str = "CLAIMSPAN_MERGE_LOOP_DIR";
const MERGE_FIRST_VAR: &str = "CLAIMSPAN_MERGE_LOOP_FIRST";
/// Documents per merge: enough that a kill lands among the writes of one merge.
const MERGE_DOCS: usize = 40;

fn bob() -> AnnotatorName {
    AnnotatorName::new("bob").unwrap()
}

/// The `min` of merge number `k`: the child alternates, so every merge rewrites
/// every gold file (with 1, each annotator's spans go in; with 2, only shared ones).
fn min_of(k: u64) -> usize {
    1 + (k % 2) as usize
}

/// Annotator `who`'s spans on document `i`: mostly the other's, some not.
fn merge_annotations(i: usize, who: usize, document: &Document, project: &Project) -> Annotations {
    let name = if who == 0 { alice() } else { bob() };
    let mut a = Annotations::new(document, name);
    for s in 0..12 {
        if (i + s + who).is_multiple_of(4) {
            continue;
        }
        let start = s * 30;
        let new = NewSpan::new(
            CharOffset(start),
            CharOffset(start + 4 + who * (s % 2)),
            ["actor", "claim"][s % 2],
        );
        a.add_span(document, project.schema(), new).unwrap();
    }
    a
}

fn merge_project_dir(dir: &std::path::Path) -> Project {
    let mut project = Project::init(dir).unwrap();
    let mut batch = WriteBatch::new();
    let mut documents = Vec::new();
    for i in 0..MERGE_DOCS {
        let text: String = (0..80).map(|w| format!("d{i:02}w{w:02} ")).collect();
        let added = project
            .add_article(
                NewArticle {
                    text,
                    title: format!("story {i}"),
                    id: Some(DocumentId::new(&format!("story-{i:02}")).unwrap()),
                    ..NewArticle::default()
                },
                &mut batch,
            )
            .unwrap();
        documents.push(added.id().clone());
    }
    batch.finish().unwrap();
    let mut batch = WriteBatch::new();
    for (i, id) in documents.iter().enumerate() {
        let document = project.load_document(id).unwrap();
        for who in 0..2 {
            let a = merge_annotations(i, who, &document, &project);
            project.add_imported_annotations(&a, &mut batch).unwrap();
        }
    }
    batch.finish().unwrap();
    project
}

fn run_merge(dir: &std::path::Path, min: usize) -> Vec<String> {
    let project = Project::open(dir).unwrap();
    let selection = select(
        &project.annotation_index(),
        Some(&[alice(), bob()]),
        None,
        1,
        false,
    )
    .unwrap();
    let outcomes = merge_project(&project, &selection, min).unwrap();
    outcomes
        .into_iter()
        .filter_map(|(id, o)| o.err().map(|e| format!("{id}: {e}")))
        .collect()
}

/// Not a test of its own: the body of the child process the merge test kills.
#[test]
#[ignore = "child process of kill_while_merging_never_tears_a_gold_file"]
fn merge_loop_child() {
    let (Ok(dir), Ok(first)) = (std::env::var(MERGE_DIR_VAR), std::env::var(MERGE_FIRST_VAR))
    else {
        return;
    };
    let mut k: u64 = first.parse().unwrap();
    loop {
        let failed = run_merge(dir.as_ref(), min_of(k));
        assert!(failed.is_empty(), "{failed:?}");
        k += 1;
    }
}

/// What the gold file of one document can be after a child started from `from`
/// with merge number `k`: `from` itself, or a whole merge's output after one or
/// more merges of the alternating `min` (the ids make it settle on two versions).
fn versions_from(
    from: Option<&Gold>,
    k: u64,
    document: &Document,
    compared: &[&Annotations],
    schema: &Schema,
) -> Vec<Gold> {
    let mut out: Vec<Gold> = from.cloned().into_iter().collect();
    let mut state = from.cloned();
    for step in 0..5 {
        let merged = merge(document, schema, compared, state.as_ref(), min_of(k + step)).gold;
        out.push(merged.clone());
        state = Some(merged);
    }
    out
}

fn temp_files(folder: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn kill_while_merging_never_tears_a_gold_file() {
    let _alone = one_at_a_time();
    let started = std::time::Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let project = merge_project_dir(dir.path());
    let schema = project.schema().clone();
    let ids: Vec<DocumentId> = project.articles().map(|a| a.id.clone()).collect();
    let inputs: Vec<(Document, Vec<Annotations>)> = ids
        .iter()
        .map(|id| {
            let c = project.load_compared(id, &[alice(), bob()]).unwrap();
            (c.document, c.annotations.into_iter().flatten().collect())
        })
        .collect();
    let gold_folder = dir.path().join("gold");
    std::fs::create_dir_all(&gold_folder).unwrap();
    // A temporary file an earlier killed merge left.
    std::fs::write(gold_folder.join(".story-00.ron.99999-7.tmp"), "torn").unwrap();

    // What each gold file is now (`None`: not written yet), and what it may become.
    let mut now: Vec<Option<Gold>> = vec![None; ids.len()];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut advanced = 0;
    for round in 0..200u64 {
        // Odd rounds start with the other `min`, so that the first merge of every
        // child rewrites what the one before left.
        let first = round * 1_000 + round % 2;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                child_test("merge_loop_child").as_str(),
                "--exact",
                "--ignored",
                "--quiet",
            ])
            .env(MERGE_DIR_VAR, dir.path())
            .env(MERGE_FIRST_VAR, first.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(5_000 + seed % 60_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let mut changed = false;
        for (i, id) in ids.iter().enumerate() {
            let path = project.gold_path(id);
            if !path.exists() {
                assert!(now[i].is_none(), "round {round}: {id}'s gold file vanished");
                continue;
            }
            let on_disk = read_gold_file(&path)
                .unwrap_or_else(|e| panic!("round {round}: {id}'s gold file does not parse: {e}"));
            if now[i].as_ref() == Some(&on_disk) {
                continue;
            }
            let (document, annotations) = &inputs[i];
            let refs: Vec<&Annotations> = annotations.iter().collect();
            let versions = versions_from(now[i].as_ref(), first, document, &refs, &schema);
            assert!(
                versions.contains(&on_disk),
                "round {round}: {id}'s gold file is no merge's whole output"
            );
            now[i] = Some(on_disk);
            changed = true;
        }
        advanced += usize::from(changed);
    }
    // The next merge clears what the killed ones left.
    assert!(run_merge(dir.path(), 1).is_empty());
    assert_eq!(temp_files(&gold_folder), Vec::<String>::new());
    assert!(
        advanced >= 100,
        "only {advanced} of 200 rounds got as far as writing gold"
    );
    // Kept short enough to run with every `cargo test`.
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{:?}",
        started.elapsed()
    );
}
