//! Every export format round-trips: what is exported and imported again (or, for the
//! token formats, read back from the tags) is the same spans, labels, attributes,
//! notes and links, and whatever a format cannot carry is counted in the report.
//! Texts are random mixes of Latin, curly quotes, emoji, flags, Arabic and
//! CRLF-born line breaks; spans are random and overlap.

use claimspan::formats::export::{ExportFormat, ExportOptions, ExportReport, export};
use claimspan::formats::{ImportOptions, NewLabels, Outcome, import_paths_with};
use claimspan::formats::{Source, StatusFilter};
use claimspan::model::text::normalize;
use claimspan::model::{Annotations, AnnotatorName, CharOffset, DocumentId, NewSpan, Status};
use claimspan::store::{NewArticle, Project, WriteBatch};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A span as compared: place, label, attributes, note.
type SpanKey = (usize, usize, String, BTreeMap<String, String>, String);
/// A link as compared: the places and labels of its ends, and its label.
type LinkKey = ((usize, usize, String), (usize, usize, String), String);

fn keys(a: &Annotations) -> (BTreeSet<SpanKey>, BTreeSet<LinkKey>) {
    let spans = a
        .spans
        .iter()
        .map(|s| {
            (
                s.start.0,
                s.end.0,
                s.label.clone(),
                s.attributes.clone(),
                s.note.clone(),
            )
        })
        .collect();
    let place = |id| {
        let s = a.span(id).unwrap();
        (s.start.0, s.end.0, s.label.clone())
    };
    let links = a
        .links
        .iter()
        .map(|l| (place(l.from), place(l.to), l.label.clone()))
        .collect();
    (spans, links)
}

#[derive(Debug, Clone)]
struct Doc {
    raw: String,
    spans: Vec<(usize, usize, usize, Option<usize>, String)>,
}

fn arb_doc() -> impl Strategy<Value = Doc> {
    let piece = prop_oneof![
        Just("Iran’s".to_owned()),
        Just("minister".to_owned()),
        Just("“rejected”".to_owned()),
        Just("😀".to_owned()),
        Just("🇮🇶".to_owned()),
        Just("قال الوزير".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just(". ".to_owned()),
        Just(" ".to_owned()),
        "[a-zé]{1,6}",
    ];
    (
        proptest::collection::vec(piece, 1..30),
        proptest::collection::vec(
            (
                0usize..200,
                1usize..40,
                0usize..3,
                proptest::option::of(0usize..3),
                "[a-z ’😀]{0,8}",
            ),
            0..12,
        ),
    )
        .prop_map(|(pieces, spans)| Doc {
            raw: format!("Headline {}", pieces.concat()),
            spans,
        })
}

/// A project with one document per `docs` entry, annotated by alice (all done), and
/// the annotations as made.
fn project_with(dir: &Path, docs: &[Doc]) -> (Project, Vec<Annotations>) {
    let mut project = Project::init(dir).unwrap();
    let schema = project.schema().clone();
    let alice = AnnotatorName::new("alice").unwrap();
    let mut made = Vec::new();
    let mut batch = WriteBatch::new();
    for (i, doc) in docs.iter().enumerate() {
        let new = NewArticle {
            text: normalize(&doc.raw),
            title: format!("Story {i}"),
            id: Some(DocumentId::new(&format!("story-{i}")).unwrap()),
            original_file: "gen.txt".into(),
            ..NewArticle::default()
        };
        let id = project.add_article(new, &mut batch).unwrap().id().clone();
        let document = project.load_document(&id).unwrap();
        let len = document.char_len();
        let mut a = Annotations::new(&document, alice.clone());
        let mut ids = Vec::new();
        for (start, span_len, label, polarity, note) in &doc.spans {
            let start = start % len;
            let end = (start + span_len).min(len);
            let label = ["actor", "stance", "claim"][*label];
            let mut new = NewSpan::new(CharOffset(start), CharOffset(end), label);
            new.note = note.trim().to_owned();
            if let (Some(p), "stance") = (polarity, label) {
                new.attributes.insert(
                    "polarity".into(),
                    ["support", "oppose", "neutral"][*p].into(),
                );
            }
            if let Ok(id) = a.add_span(&document, &schema, new) {
                ids.push(id);
            }
        }
        for x in &ids {
            for y in &ids {
                let _ = a.add_link(&schema, *x, *y);
            }
        }
        a.status = Status::Done;
        project.add_imported_annotations(&a, &mut batch).unwrap();
        made.push(a);
    }
    batch.finish().unwrap();
    (Project::open(dir).unwrap(), made)
}

fn export_to(project: &Project, format: ExportFormat, out: &Path) -> ExportReport {
    let mut options = ExportOptions::new(format, out);
    options.selection.source = Source::Annotator(AnnotatorName::new("alice").unwrap());
    options.selection.status = StatusFilter::All;
    export(project, &options, &mut |_, _| {}).unwrap()
}

/// Imports `path` into a new project as bob's; returns bob's annotations by document.
fn import_back(dir: &Path, path: &Path) -> BTreeMap<String, Annotations> {
    let mut project = Project::init(dir).unwrap();
    let options = ImportOptions {
        annotator: Some(AnnotatorName::new("bob").unwrap()),
        ..ImportOptions::default()
    };
    let report = import_paths_with(
        &mut project,
        &[path.to_owned()],
        &options,
        NewLabels::Refuse,
        &mut |_, _| {},
    )
    .unwrap();
    let refused: Vec<String> = report
        .outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Refused(e) => Some(e.to_string()),
            _ => None,
        })
        .collect();
    assert!(refused.is_empty(), "{refused:?}");
    let project = Project::open(dir).unwrap();
    let bob = AnnotatorName::new("bob").unwrap();
    project
        .articles()
        .map(|meta| {
            let document = project.load_document(&meta.id).unwrap();
            let a = project
                .load_annotations(&document, &bob)
                .unwrap()
                .annotations;
            (meta.id.to_string(), a)
        })
        .collect()
}

/// Spans read back from IOB2 columns over `text`: token places and tags per column.
fn spans_from_tags(
    tokens: &[(usize, usize)],
    columns: &[(Vec<String>, Vec<String>)],
) -> BTreeSet<(usize, usize, String)> {
    let mut out = BTreeSet::new();
    for (_, tags) in columns {
        let mut open: Option<(usize, usize, String)> = None;
        for (i, tag) in tags.iter().enumerate() {
            let (s, e) = tokens[i];
            if let Some(label) = tag.strip_prefix("I-") {
                let o = open.as_mut().expect("I- continues a span");
                assert_eq!(o.2, label);
                o.1 = e;
                continue;
            }
            out.extend(open.take());
            if let Some(label) = tag.strip_prefix("B-") {
                open = Some((s, e, label.to_owned()));
            }
        }
        out.extend(open.take());
    }
    out
}

fn check_tokens_formats(dir: &Path, project: &Project, made: &[Annotations]) {
    let texts: Vec<String> = made
        .iter()
        .map(|a| {
            project
                .load_document(&a.document)
                .unwrap()
                .text()
                .to_owned()
        })
        .collect();
    // Tokens hold no white space, so a span's white space at either end is not in
    // its tags: compare with spans trimmed of it.
    let expected: Vec<BTreeSet<(usize, usize, String)>> = made
        .iter()
        .zip(&texts)
        .map(|(a, text)| {
            let chars: Vec<char> = text.chars().collect();
            a.spans
                .iter()
                .map(|s| {
                    let (mut start, mut end) = (s.start.0, s.end.0);
                    while start < end && chars[start].is_whitespace() {
                        start += 1;
                    }
                    while end > start && chars[end - 1].is_whitespace() {
                        end -= 1;
                    }
                    (start, end, s.label.clone())
                })
                .collect()
        })
        .collect();
    let lost = |r: &ExportReport| -> usize {
        r.not_represented
            .iter()
            .filter(|(what, _)| what.starts_with("spans "))
            .map(|(_, n)| n)
            .sum()
    };
    // CoNLL: tokens are found in the text in order, between white space.
    let out = dir.join("out.conll");
    let report = export_to(project, ExportFormat::Conll, &out);
    let conll = fs::read_to_string(&out).unwrap();
    let mut read_back = 0;
    for (d, doc) in conll.split("-DOCSTART-").skip(1).enumerate() {
        let chars: Vec<char> = texts[d].chars().collect();
        let mut at = 0;
        let mut places = Vec::new();
        let mut columns: Vec<(Vec<String>, Vec<String>)> = vec![(vec![], vec![]); 3];
        for line in doc.lines().skip(1).filter(|l| !l.is_empty()) {
            let mut fields = line.split('\t');
            let token: Vec<char> = fields.next().unwrap().chars().collect();
            while chars[at].is_whitespace() {
                at += 1;
            }
            assert_eq!(&chars[at..at + token.len()], token.as_slice());
            places.push((at, at + token.len()));
            at += token.len();
            for (c, tag) in fields.enumerate() {
                columns[c].1.push(tag.to_owned());
            }
        }
        let got = spans_from_tags(&places, &columns);
        assert!(got.is_subset(&expected[d]), "{got:?} ⊄ {:?}", expected[d]);
        read_back += got.len();
    }
    let total: usize = made.iter().map(|a| a.spans.len()).sum();
    assert_eq!(
        read_back + lost(&report),
        total,
        "every span written or counted: {report}"
    );
    let links: usize = made.iter().map(|a| a.links.len()).sum();
    assert_eq!(
        report.not_represented.get("links (CoNLL has no links)"),
        links
    );

    // hf: token offsets and tag ids with labels.json.
    let out = dir.join("hf");
    let report = export_to(project, ExportFormat::Hf, &out);
    let labels: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("labels.json")).unwrap()).unwrap();
    let mut got: Vec<BTreeSet<(usize, usize, String)>> = vec![BTreeSet::new(); made.len()];
    for split in ["train", "dev", "test"] {
        for line in fs::read_to_string(out.join(format!("{split}.jsonl")))
            .unwrap()
            .lines()
        {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let d: usize = row["document"]
                .as_str()
                .unwrap()
                .trim_start_matches("story-")
                .parse()
                .unwrap();
            let places: Vec<(usize, usize)> = row["token_offsets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p[0].as_u64().unwrap() as usize,
                        p[1].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            let columns: Vec<(Vec<String>, Vec<String>)> = labels
                .as_object()
                .unwrap()
                .iter()
                .map(|(column, names)| {
                    let names: Vec<String> = names
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_str().unwrap().to_owned())
                        .collect();
                    let tags = row[column]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|t| names[t.as_u64().unwrap() as usize].clone())
                        .collect();
                    (names, tags)
                })
                .collect();
            got[d].extend(spans_from_tags(&places, &columns));
        }
    }
    let read_back: usize = got.iter().map(BTreeSet::len).sum();
    for (g, e) in got.iter().zip(&expected) {
        assert!(g.is_subset(e));
    }
    assert_eq!(read_back + lost(&report), total, "{report}");
}

proptest! {
    // The failures seen before are in `round_trip.proptest-regressions` beside this
    // file: proptest's default looks in a `proptest-regressions` folder instead
    // wherever a folder above the source holds a `main.rs`, as `tests/it` does.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(24)
    })]
    #[test]
    fn every_format_round_trips(docs in proptest::collection::vec(arb_doc(), 1..4)) {
        // Two articles of the same text are one article to every import (the second
        // is "already there"), so a case with two is not a round trip to check.
        let mut texts = BTreeSet::new();
        prop_assume!(docs.iter().all(|d| texts.insert(normalize(&d.raw))));
        let dir = tempfile::tempdir().unwrap();
        let (project, made) = project_with(&dir.path().join("p"), &docs);
        let by_id: BTreeMap<String, &Annotations> = made.iter().map(|a| (a.document.to_string(), a)).collect();
        for (format, out) in [
            (ExportFormat::Jsonl, "out.jsonl"),
            (ExportFormat::Brat, "brat"),
            (ExportFormat::LabelStudio, "ls.json"),
            (ExportFormat::Doccano, "doccano.jsonl"),
        ] {
            let out = dir.path().join(out);
            let report = export_to(&project, format, &out);
            let back = import_back(&dir.path().join(format!("back-{format}")), &out);
            prop_assert_eq!(back.len(), made.len(), "{}", format);
            for (id, a) in &back {
                let original = by_id[id];
                let (spans, links) = keys(original);
                let (got_spans, got_links) = keys(a);
                if format == ExportFormat::Doccano {
                    // doccano has labels and relations, no attributes or notes.
                    let places = |s: &BTreeSet<SpanKey>| s.iter().map(|k| (k.0, k.1, k.2.clone())).collect::<BTreeSet<_>>();
                    prop_assert_eq!(places(&got_spans), places(&spans));
                    prop_assert_eq!(&got_links, &links, "{}", format);
                } else {
                    prop_assert_eq!(&got_spans, &spans, "{}", format);
                    prop_assert_eq!(&got_links, &links, "{}", format);
                }
            }
            if format == ExportFormat::Doccano {
                let notes: usize = made.iter().flat_map(|a| &a.spans).filter(|s| !s.note.is_empty()).count();
                prop_assert!(!report.not_represented.iter().any(|(what, _)| what.starts_with("links")));
                prop_assert_eq!(report.not_represented.get("notes (doccano has no notes)"), notes);
            }
        }
        check_tokens_formats(dir.path(), &project, &made);
    }
}

#[test]
fn label_studio_keeps_every_annotator() {
    let dir = tempfile::tempdir().unwrap();
    let docs = [Doc {
        raw: "Iran’s minister “rejected” the plan 😀 قال الوزير".into(),
        spans: vec![
            (0, 6, 0, None, String::new()),
            (16, 10, 1, Some(1), "why".into()),
        ],
    }];
    let (mut project, made) = project_with(&dir.path().join("p"), &docs);
    let mut carol = made[0].clone();
    carol.annotator = AnnotatorName::new("carol").unwrap();
    carol.spans.pop();
    carol.links.clear();
    project
        .save_annotations(&carol, claimspan::store::IfOnDisk::Anything)
        .unwrap();
    let mut gold = carol.clone();
    gold.annotator = AnnotatorName::gold();
    gold.status = claimspan::model::Status::Done;
    project
        .save_gold(&gold, claimspan::store::IfOnDisk::Anything)
        .unwrap();
    let out = dir.path().join("ls.json");
    let options = ExportOptions::new(ExportFormat::LabelStudio, &out);
    let report = export(&project, &options, &mut |_, _| {}).unwrap();
    assert_eq!(report.sources, ["gold", "alice", "carol"]);
    let back_dir = dir.path().join("back");
    let mut back = Project::init(&back_dir).unwrap();
    let options = ImportOptions {
        annotator: Some(AnnotatorName::new("ls").unwrap()),
        ..ImportOptions::default()
    };
    import_paths_with(
        &mut back,
        &[out],
        &options,
        NewLabels::Refuse,
        &mut |_, _| {},
    )
    .unwrap();
    let back = Project::open(&back_dir).unwrap();
    let names: Vec<String> = back.annotators().map(ToString::to_string).collect();
    assert_eq!(names, ["alice", "carol"]);
    let document = back.load_document(&made[0].document).unwrap();
    for original in [&made[0], &carol] {
        let got = back
            .load_annotations(&document, &original.annotator)
            .unwrap()
            .annotations;
        assert_eq!(keys(&got), keys(original));
    }
    assert_eq!(
        back.gold().collect::<Vec<_>>(),
        [&made[0].document],
        "gold comes back as gold, not as an annotator"
    );
    let got = back.load_gold(&document).unwrap().annotations;
    assert_eq!(keys(&got), keys(&gold));
    assert_eq!(got.status, claimspan::model::Status::Done);
}
