//! Two clones of a project in git, each importing the same article from a file of its
//! own: the articles' files must be the same bytes, so `git pull` merges them
//! without a conflict. Through the real binary and the real `git`.

use crate::common::{claimspan, out};
use std::fs;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(["-c", "init.defaultBranch=main", "-c", "pull.rebase=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git is installed");
    let (stdout, stderr) = out(&output);
    assert!(output.status.success(), "git {args:?}: {stdout}\n{stderr}");
    stdout
}

/// A JSONL file of invented articles, as one annotator's export would have them.
fn articles(path: &Path, extra: &str) {
    let lines = [
        r#"{"text": "Basra council backs water plan\n\nBASRA (Gulf Wire) - The council voted on Sunday to back the plan.", "date": "2019-05-05"}"#,
        extra,
    ];
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn the_same_article_from_two_files_in_two_clones_merges_without_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let origin = dir.path().join("origin");
    let p = origin.to_str().unwrap();
    assert!(claimspan(&["init", p]).status.success());
    git(&origin, &["init", "-q"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-q", "-m", "project"]);
    let (alice, bob) = (dir.path().join("alice"), dir.path().join("bob"));
    for clone in [&alice, &bob] {
        git(dir.path(), &["clone", "-q", p, clone.to_str().unwrap()]);
    }
    let alice_file = dir.path().join("alice.jsonl");
    articles(
        &alice_file,
        r#"{"text": "Erbil talks resume\n\nERBIL (Gulf Wire) - Talks resumed on Monday.", "date": "2019-05-06"}"#,
    );
    let bob_file = dir.path().join("bob.jsonl");
    articles(
        &bob_file,
        r#"{"text": "Mosul bridge reopens\n\nMOSUL (Gulf Wire) - The bridge reopened on Tuesday.", "date": "2019-05-07"}"#,
    );
    for (clone, file) in [(&alice, &alice_file), (&bob, &bob_file)] {
        let import = claimspan(&["import", clone.to_str().unwrap(), file.to_str().unwrap()]);
        assert!(import.status.success(), "{:?}", out(&import));
        git(clone, &["add", "-A"]);
        git(clone, &["commit", "-q", "-m", "articles"]);
    }
    git(&alice, &["push", "-q", "origin", "HEAD:refs/heads/alice"]);
    // Bob's clone takes Alice's work: the Basra article is in both, added on each side.
    git(&bob, &["fetch", "-q", "origin", "alice"]);
    git(&bob, &["merge", "-q", "--no-edit", "FETCH_HEAD"]);
    let bob_dir = bob.to_str().unwrap();
    let validate = claimspan(&["validate", bob_dir]);
    assert!(validate.status.success(), "{:?}", out(&validate));
    let stats = claimspan(&["stats", bob_dir, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["documents"], 3);
}
