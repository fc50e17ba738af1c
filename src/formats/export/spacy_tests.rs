//! Tests of the DocBin writer: its bytes are decoded here the way spaCy's
//! `DocBin.from_bytes` and `SpanGroup.from_bytes` read them.

use super::*;
use proptest::prelude::*;
use rmpv::Value;
use std::collections::HashMap;
use std::io::Read;

use super::super::iob::tests::span;

/// A span over the first `needle` in `text`, in chars.
fn span_of(text: &str, needle: &str, label: &str) -> Span {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    span(start, start + needle.chars().count(), label)
}

fn get<'v>(map: &'v Value, key: &str) -> &'v Value {
    map.as_map()
        .unwrap()
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no {key}"))
}

/// One Doc read back: tokens with their trailing space, entity tags by name, and
/// the span group `sc` as (label, token start, token end, start char, end char).
#[derive(Debug)]
struct ReadDoc {
    words: Vec<(String, bool)>,
    ents: Vec<(u64, String)>,
    group: Vec<(String, i32, i32, i32, i32)>,
}

impl ReadDoc {
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|(w, space)| if *space { format!("{w} ") } else { w.clone() })
            .collect()
    }
}

/// Reads a DocBin's bytes as spaCy does.
fn read(bytes: &[u8]) -> (Value, Vec<ReadDoc>) {
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_end(&mut raw)
        .unwrap();
    let msg = rmpv::decode::read_value(&mut raw.as_slice()).unwrap();
    let strings: HashMap<u64, String> = get(&msg, "strings")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .map(|s| (string_id(&s), s))
        .chain([(0, String::new())])
        .collect();
    let attrs = get(&msg, "attrs").as_array().unwrap().len();
    let tokens: Vec<u64> = get(&msg, "tokens")
        .as_slice()
        .unwrap()
        .chunks(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let spaces = get(&msg, "spaces").as_slice().unwrap();
    let lengths: Vec<usize> = get(&msg, "lengths")
        .as_slice()
        .unwrap()
        .chunks(4)
        .map(|c| i32::from_le_bytes(c.try_into().unwrap()) as usize)
        .collect();
    let groups = get(&msg, "span_groups").as_array().unwrap();
    let mut docs = Vec::new();
    let mut row = 0;
    for (n, length) in lengths.into_iter().enumerate() {
        let mut doc = ReadDoc {
            words: Vec::new(),
            ents: Vec::new(),
            group: read_group(groups[n].as_slice().unwrap(), &strings),
        };
        for _ in 0..length {
            let cells = &tokens[row * attrs..(row + 1) * attrs];
            doc.words
                .push((strings[&cells[0]].clone(), spaces[row] == 1));
            doc.ents.push((cells[1], strings[&cells[2]].clone()));
            row += 1;
        }
        docs.push(doc);
    }
    (msg, docs)
}

/// `SpanGroups.from_bytes` and `SpanGroup.from_bytes` of one document.
fn read_group(bytes: &[u8], strings: &HashMap<u64, String>) -> Vec<(String, i32, i32, i32, i32)> {
    let groups = rmpv::decode::read_value(&mut &bytes[..]).unwrap();
    let (group, keys) = &groups.as_map().unwrap()[0];
    assert_eq!(keys.as_array().unwrap()[0].as_str(), Some(SPANS_KEY));
    let group = rmpv::decode::read_value(&mut group.as_slice().unwrap()).unwrap();
    assert_eq!(get(&group, "name").as_str(), Some(SPANS_KEY));
    get(&group, "spans")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let b = s.as_slice().unwrap();
            assert_eq!(b.len(), 40);
            let u = |at: usize| u64::from_be_bytes(b[at..at + 8].try_into().unwrap());
            let i = |at: usize| i32::from_be_bytes(b[at..at + 4].try_into().unwrap());
            assert_eq!((u(0), u(8)), (0, 0), "no id, no kb_id");
            (strings[&u(16)].clone(), i(24), i(28), i(32), i(36))
        })
        .collect()
}

fn bin_of(texts: &[(&str, Vec<Span>)], losses: &mut Losses) -> Vec<u8> {
    let mut bin = DocBin::default();
    for (text, spans) in texts {
        let doc = SpacyDoc::build(text, spans, losses).unwrap();
        bin.add(&doc, vec![0x80]).unwrap();
    }
    bin.to_bytes().unwrap()
}

#[test]
fn the_layout_is_spacys() {
    let bytes = bin_of(
        &[("Iran said no.", vec![]), ("", vec![])],
        &mut Losses::default(),
    );
    let (msg, docs) = read(&bytes);
    let keys: Vec<&str> = msg
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "version",
            "attrs",
            "tokens",
            "spaces",
            "lengths",
            "strings",
            "cats",
            "flags",
            "span_groups",
            "user_data"
        ]
    );
    assert_eq!(get(&msg, "version").as_str(), Some("0.1"));
    let attrs: Vec<u64> = get(&msg, "attrs")
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_u64().unwrap())
        .collect();
    assert_eq!(attrs, [65, 77, 78], "ORTH, ENT_IOB, ENT_TYPE");
    // Three uint64 cells per token, one bool byte, one int32 length per Doc.
    assert_eq!(get(&msg, "tokens").as_slice().unwrap().len(), 4 * 3 * 8);
    assert_eq!(get(&msg, "spaces").as_slice().unwrap(), [1, 1, 0, 0]);
    assert_eq!(
        get(&msg, "lengths").as_slice().unwrap(),
        [4, 0, 0, 0, 0, 0, 0, 0]
    );
    let flags = get(&msg, "flags").as_array().unwrap();
    assert_eq!(flags.len(), 2);
    assert_eq!(get(&flags[0], "has_unknown_spaces").as_bool(), Some(false));
    assert_eq!(get(&msg, "cats").as_array().unwrap().len(), 2);
    assert_eq!(docs[0].text(), "Iran said no.");
    assert!(docs[0].ents.iter().all(|(iob, _)| *iob == IOB_O));
    assert!(docs[1].words.is_empty());
}

#[test]
fn an_empty_file_still_reads() {
    let bytes = DocBin::default().to_bytes().unwrap();
    let (msg, docs) = read(&bytes);
    assert!(docs.is_empty());
    assert!(get(&msg, "tokens").as_slice().unwrap().is_empty());
}

#[test]
fn white_space_is_spacys() {
    let text = " Iran  said\n\nno. \n";
    let words: Vec<(&str, bool)> =
        words(text, tokens(text, []).iter().map(|t| (t.start.0, t.end.0)))
            .iter()
            .map(|w| (w.text, w.space))
            .collect();
    assert_eq!(
        words,
        [
            (" ", false),
            ("Iran", true),
            (" ", false),
            ("said", false),
            ("\n\n", false),
            ("no", false),
            (".", true),
            ("\n", false)
        ]
    );
}

#[test]
fn nested_spans_are_all_in_the_group_and_ents_do_not_overlap() {
    let text = "Moqtada Sadr railed against Iran’s role in talks.";
    let spans = vec![
        span_of(text, "Moqtada Sadr", "actor"),
        span_of(text, "railed against", "stance"),
        span_of(text, "Iran’s role in talks", "claim"),
        span_of(text, "Iran", "actor"),
    ];
    let mut losses = Losses::default();
    let (_, docs) = read(&bin_of(&[(text, spans)], &mut losses));
    let doc = &docs[0];
    assert_eq!(doc.text(), text);
    let group: Vec<(&str, i32, i32, i32, i32)> = doc
        .group
        .iter()
        .map(|(l, a, b, c, d)| (l.as_str(), *a, *b, *c, *d))
        .collect();
    // Tokens: Moqtada Sadr railed against Iran ’s role in talks .
    assert_eq!(
        group,
        [
            ("actor", 0, 2, 0, 12),
            ("stance", 2, 4, 13, 27),
            ("claim", 4, 9, 28, 48),
            ("actor", 4, 5, 28, 32),
        ]
    );
    let tags: Vec<String> = doc
        .ents
        .iter()
        .map(|(iob, label)| match *iob {
            IOB_B => format!("B-{label}"),
            IOB_I => format!("I-{label}"),
            IOB_O => "O".to_owned(),
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(
        tags,
        [
            "B-actor", "I-actor", "B-stance", "I-stance", "B-claim", "I-claim", "I-claim",
            "I-claim", "I-claim", "O"
        ]
    );
    assert_eq!(losses.get(NOT_IN_ENTS), 1, "{losses:?}");
    assert_eq!(losses.get(OFF_BOUNDARY), 0);
}

#[test]
fn offsets_count_chars_in_arabic_and_emoji() {
    let text = "📢 قال الوزير 🙂 إن إيران ترفض";
    let spans = vec![
        span_of(text, "الوزير", "actor"),
        span_of(text, "إيران ترفض", "claim"),
    ];
    let (_, docs) = read(&bin_of(&[(text, spans)], &mut Losses::default()));
    let chars: Vec<char> = text.chars().collect();
    for (_, _, _, start, end) in &docs[0].group {
        let covered: String = chars[*start as usize..*end as usize].iter().collect();
        assert!(covered == "الوزير" || covered == "إيران ترفض", "{covered}");
    }
    assert_eq!(docs[0].text(), text);
}

#[test]
fn a_span_edge_in_white_space_is_counted_not_moved() {
    let text = "said  no";
    let mut losses = Losses::default();
    // 5 is the second of two spaces: no token starts there.
    let spans = [span(5, 8, "claim"), span(4, 6, "actor")];
    let doc = SpacyDoc::build(text, &spans, &mut losses).unwrap();
    assert_eq!(doc.spans(), 0);
    assert_eq!(losses.get(OFF_BOUNDARY), 1, "{losses:?}");
    assert_eq!(losses.get(NO_TOKEN), 1, "{losses:?}");
}

proptest! {
    #[test]
    fn tokens_and_spaces_give_back_the_text(
        text in "[a-zé’😀 \\n\\tقال.]{0,40}",
        raw in proptest::collection::vec((0usize..45, 1usize..12), 0..6),
    ) {
        let len = text.chars().count();
        let chars: Vec<char> = text.chars().collect();
        // Spans as the store keeps them: in the text, not empty, not at white space.
        let spans: Vec<Span> = raw
            .into_iter()
            .map(|(start, n)| (start, (start + n).min(len)))
            .filter(|&(s, e)| s < e && !chars[s].is_whitespace() && !chars[e - 1].is_whitespace())
            .map(|(s, e)| span(s, e, "actor"))
            .collect();
        let mut losses = Losses::default();
        let bytes = bin_of(&[(&text, spans.clone())], &mut losses);
        let (_, docs) = read(&bytes);
        prop_assert_eq!(docs[0].text(), text.clone());
        prop_assert_eq!(docs[0].group.len(), spans.len(), "{:?}", losses);
        for (placed, span) in docs[0].group.iter().zip(&spans) {
            prop_assert_eq!((placed.3 as usize, placed.4 as usize), (span.start.0, span.end.0));
            let words: String = docs[0].words[placed.1 as usize..placed.2 as usize]
                .iter()
                .enumerate()
                .map(|(i, (w, space))| {
                    let last = i + 1 == (placed.2 - placed.1) as usize;
                    if *space && !last { format!("{w} ") } else { w.clone() }
                })
                .collect();
            let covered: String = chars[span.start.0..span.end.0].iter().collect();
            prop_assert_eq!(words, covered);
        }
    }
}
