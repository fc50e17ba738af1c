//! A fast reader for the plain RON that claimspan itself writes.
//!
//! Agreement and merge read tens of thousands of annotation files, and the `ron`
//! crate parses about 30 MB/s: most of `claimspan agree` went into parsing. The files
//! claimspan writes use a small part of RON (structs without names, lists, maps,
//! strings, whole numbers, enum variants), which this module reads in one pass and
//! hands to serde as it reads: lists, maps and structs in place (`stream.rs`), each
//! small value inside them as a tree (`de.rs`). Anything outside that part — comments, floats, raw
//! strings, tuples, an unknown escape — makes it give up (`None`), and the caller
//! parses with the `ron` crate as before, which also gives the error messages. So a
//! file reads the same either way; this is only quicker on the common path.
//!
//! Values nest at most [`MAX_DEPTH`] levels, as in the `ron` crate: parsing, handing
//! to serde and dropping the tree all recurse, and one hostile file must not overflow
//! the stack of every command that reads the project. Deeper, it gives up too, and the
//! caller refuses the file with its place.

mod de;
mod stream;

use super::ron_file::MAX_DEPTH;
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// Parses `text` as `T`, or `None` when it uses RON this reader does not handle or
/// does not fit `T` (the caller then asks the `ron` crate).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut parser = Parser {
        text: text.as_bytes(),
        src: text,
        at: 0,
        depth: 0,
    };
    let value = T::deserialize(stream::Stream(&mut parser)).ok()?;
    parser.skip_ws()?;
    (parser.at == parser.text.len()).then_some(value)
}

/// A parsed RON value.
#[derive(Debug, Clone, PartialEq)]
enum Value<'a> {
    /// A whole number: negative or not, and its size.
    Int(bool, u64),
    Str(Cow<'a, str>),
    Bool(bool),
    /// An identifier alone: a unit variant, `None`.
    Ident(&'a str),
    /// An identifier with a payload: `Some(x)`, `Variant(x)`, `Variant(a: 1)`.
    Call(&'a str, Box<Value<'a>>),
    /// `(name: value, …)`.
    Struct(Vec<(&'a str, Value<'a>)>),
    Seq(Vec<Value<'a>>),
    Map(Vec<(Value<'a>, Value<'a>)>),
}

struct Parser<'a> {
    text: &'a [u8],
    src: &'a str,
    at: usize,
    /// How many lists, maps and parentheses are open around `at`.
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    /// Skips whitespace; `None` at a comment, which is left to the `ron` crate.
    fn skip_ws(&mut self) -> Option<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => self.at += 1,
                b'/' => return None,
                _ => break,
            }
        }
        Some(())
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_ws()?;
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// True (and consumed) when the next byte is `byte`.
    fn next_is(&mut self, byte: u8) -> Option<bool> {
        self.skip_ws()?;
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// Runs `inside` one level deeper, the opening bracket already consumed; gives up
    /// past [`MAX_DEPTH`].
    fn nested<T>(&mut self, inside: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let value = inside(self);
        self.depth -= 1;
        value
    }

    fn value(&mut self) -> Option<Value<'a>> {
        self.skip_ws()?;
        match self.peek()? {
            b'"' => self.string().map(Value::Str),
            b'[' => {
                self.at += 1;
                self.nested(Self::items)
            }
            b'{' => {
                self.at += 1;
                self.nested(Self::entries)
            }
            b'(' => {
                self.at += 1;
                self.nested(Self::fields)
            }
            b'-' | b'+' | b'0'..=b'9' => self.number(),
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let name = self.ident()?;
                match name {
                    "true" => return Some(Value::Bool(true)),
                    "false" => return Some(Value::Bool(false)),
                    _ => {}
                }
                if self.next_is(b'(')? {
                    let payload = self.nested(Self::payload)?;
                    Some(Value::Call(name, Box::new(payload)))
                } else {
                    Some(Value::Ident(name))
                }
            }
            _ => None,
        }
    }

    /// The items of a list after its `[`, up to and with its `]`.
    fn items(&mut self) -> Option<Value<'a>> {
        let mut items = Vec::new();
        while !self.next_is(b']')? {
            items.push(self.value()?);
            if !self.next_is(b',')? {
                self.eat(b']')?;
                break;
            }
        }
        Some(Value::Seq(items))
    }

    /// The entries of a map after its `{`, up to and with its `}`.
    fn entries(&mut self) -> Option<Value<'a>> {
        let mut entries = Vec::new();
        while !self.next_is(b'}')? {
            let key = self.value()?;
            self.eat(b':')?;
            entries.push((key, self.value()?));
            if !self.next_is(b',')? {
                self.eat(b'}')?;
                break;
            }
        }
        Some(Value::Map(entries))
    }

    /// What follows `Name(`: `field: …)` or `value)`; a tuple of several values is
    /// not written by claimspan.
    fn payload(&mut self) -> Option<Value<'a>> {
        let save = self.at;
        self.skip_ws()?;
        let named = self
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && {
                let at = self.at;
                let is_field = self.ident().is_some() && self.eat(b':').is_some();
                self.at = at;
                is_field
            };
        self.at = save;
        if named {
            self.fields()
        } else {
            let inner = self.value()?;
            self.next_is(b',')?;
            self.eat(b')')?;
            Some(inner)
        }
    }

    /// The fields of a struct after its `(`, up to and with its `)`.
    fn fields(&mut self) -> Option<Value<'a>> {
        let mut fields = Vec::new();
        while !self.next_is(b')')? {
            self.skip_ws()?;
            let name = self.ident()?;
            self.eat(b':')?;
            fields.push((name, self.value()?));
            if !self.next_is(b',')? {
                self.eat(b')')?;
                break;
            }
        }
        Some(Value::Struct(fields))
    }

    fn ident(&mut self) -> Option<&'a str> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
        // `r#name` and the like are left to the `ron` crate.
        if self.at == start || self.peek() == Some(b'#') {
            return None;
        }
        self.src.get(start..self.at)
    }

    fn number(&mut self) -> Option<Value<'a>> {
        let negative = match self.peek() {
            Some(b'-') => {
                self.at += 1;
                true
            }
            Some(b'+') => {
                self.at += 1;
                false
            }
            _ => false,
        };
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.at += 1;
        }
        // Floats, hex, underscores and suffixes are left to the `ron` crate.
        if self.at == start
            || self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_'))
        {
            return None;
        }
        Some(Value::Int(negative, n))
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        // Most strings have no escapes: borrow them.
        loop {
            match self.peek()? {
                b'"' => {
                    let s = self.src.get(start..self.at)?;
                    self.at += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                _ => self.at += 1,
            }
        }
        let mut out = String::from(self.src.get(start..self.at)?);
        loop {
            let rest = self.src.get(self.at..)?;
            let c = rest.chars().next()?;
            self.at += c.len_utf8();
            match c {
                '"' => return Some(Cow::Owned(out)),
                '\\' => {
                    let e = self.peek()?;
                    self.at += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\'' => '\'',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'0' => '\0',
                        b'u' => {
                            self.eat_raw(b'{')?;
                            let start = self.at;
                            while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                                self.at += 1;
                            }
                            let hex = self.src.get(start..self.at)?;
                            self.eat_raw(b'}')?;
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        _ => return None,
                    });
                }
                c => out.push(c),
            }
        }
    }

    fn eat_raw(&mut self, byte: u8) -> Option<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnchorFlag, CharOffset, Link, Span, SpanId};
    use crate::store::gold::{Candidate, Disagreement, DisagreementKind, Resolution};
    use crate::store::ron_file::to_ron;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// What the `ron` crate makes of `text`, with claimspan's options.
    fn slow<T: DeserializeOwned>(text: &str) -> Option<T> {
        crate::store::ron_file::options().from_str(text).ok()
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct File {
        format: u32,
        spans: Vec<Span>,
        links: Vec<Link>,
        #[serde(default)]
        provenance: BTreeMap<SpanId, Vec<String>>,
        #[serde(default)]
        disagreements: Vec<Disagreement>,
        #[serde(default)]
        maybe: Option<u32>,
    }

    fn span(id: u32, text: &str, note: &str, anchor: Option<AnchorFlag>) -> Span {
        Span {
            id: SpanId(id),
            start: CharOffset(3),
            end: CharOffset(9),
            label: "stance".into(),
            text: text.into(),
            attributes: [("polarity".to_owned(), "oppose".to_owned())].into(),
            note: note.into(),
            anchor,
        }
    }

    #[test]
    fn reads_what_claimspan_writes_like_the_ron_crate() {
        let file = File {
            format: 1,
            spans: vec![
                span(
                    1,
                    "Iran’s “deal”",
                    "quoted \"exactly\"\nand \\ more\t'x'",
                    None,
                ),
                span(
                    2,
                    "x",
                    "",
                    Some(AnchorFlag::Moved {
                        from_start: CharOffset(1),
                        from_end: CharOffset(2),
                    }),
                ),
                span(
                    3,
                    "\u{7}\u{ad}",
                    "",
                    Some(AnchorFlag::Unplaced { occurrences: 0 }),
                ),
            ],
            links: vec![Link {
                from: SpanId(1),
                to: SpanId(2),
                label: "holds".into(),
            }],
            provenance: [(SpanId(1), vec!["alice".into()])].into(),
            disagreements: vec![Disagreement {
                kind: DisagreementKind::Edges,
                start: CharOffset(0),
                end: CharOffset(4),
                candidates: vec![Candidate {
                    start: CharOffset(0),
                    end: CharOffset(4),
                    label: "actor".into(),
                    text: "Iran".into(),
                    attributes: BTreeMap::new(),
                    annotators: vec![],
                }],
                lacking: vec![],
                settled: Some(Resolution::Accepted(vec![0, 2])),
            }],
            maybe: Some(7),
        };
        let text = to_ron(&file, 2).unwrap();
        let fast: Option<File> = from_str(&text);
        assert_eq!(fast.as_ref(), Some(&file), "{text}");
        assert_eq!(fast, slow(&text));
        // Explicit Some and None, names and trailing commas read too.
        let explicit = "File(format: 1, spans: [], links: [], maybe: Some(3),)";
        assert_eq!(from_str::<File>(explicit), slow(explicit));
        assert_eq!(from_str::<File>(explicit).unwrap().maybe, Some(3));
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        for text in [
            "(format: 1, spans: [], links: []) // comment",
            "#![enable(implicit_some)]\n(format: 1, spans: [], links: [])",
            "(format: 1.5, spans: [], links: [])",
            "(format: 0x1, spans: [], links: [])",
            "(format: 1, spans: [], links: [], maybe: r#\"x\"#)",
            "(format: 1, spans: [",
            "(format: 1, spans: [], links: []) trailing",
            "(format: 1, spans: [], links: [], maybe: (1, 2))",
            // The `ron` crate refuses a struct under another name.
            "Other(format: 1, spans: [], links: [])",
        ] {
            assert_eq!(from_str::<File>(text), None, "{text}");
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Typed {
        name: String,
        count: u32,
        attributes: BTreeMap<String, String>,
    }

    #[test]
    fn reads_a_value_only_as_the_type_the_ron_crate_reads_it_as() {
        let good = r#"(name: "x", count: 1, attributes: {"a": "b"})"#;
        assert_eq!(from_str::<Typed>(good), slow(good));
        assert!(from_str::<Typed>(good).is_some());
        // Each of these read as something else before; the `ron` crate refuses them.
        for text in [
            r#"(name: x, count: 1, attributes: {})"#,
            r#"(name: Name("x"), count: 1, attributes: {})"#,
            r#"(name: "x", count: Some(1), attributes: {})"#,
            r#"(name: "x", count: 1, attributes: (a: "b"))"#,
            r#"(name: "x", count: 1, attributes: {a: "b"})"#,
        ] {
            assert_eq!(slow::<Typed>(text), None, "{text}");
            assert_eq!(from_str::<Typed>(text), None, "{text}");
        }
    }

    /// `levels` lists inside each other, around `inner`.
    fn nested(levels: usize, inner: &str) -> String {
        format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn gives_up_past_the_depth_limit_where_the_ron_crate_still_reads() {
        use serde::de::IgnoredAny;
        let deepest = nested(MAX_DEPTH, "1");
        assert!(from_str::<IgnoredAny>(&deepest).is_some());
        assert!(slow::<IgnoredAny>(&deepest).is_some());
        let too_deep = nested(MAX_DEPTH + 1, "1");
        assert!(from_str::<IgnoredAny>(&too_deep).is_none());
        // Every kind of bracket counts, and levels closed again do not.
        let mixed = format!("(a: {}, b: [])", nested(MAX_DEPTH - 2, "{1: Some(2)}"));
        assert!(from_str::<IgnoredAny>(&mixed).is_none());
        let wide = format!("[{}]", vec![nested(MAX_DEPTH - 1, ""); 3].join(","));
        assert!(from_str::<IgnoredAny>(&wide).is_some());
    }

    #[test]
    fn a_hostile_depth_does_not_overflow_the_stack() {
        // 50,000 levels overflowed the stack of every command before the limit.
        for text in [
            "[".repeat(50_000),
            nested(50_000, ""),
            "(a: ".repeat(50_000),
            "Some(".repeat(50_000),
            "{1: ".repeat(50_000),
        ] {
            assert_eq!(from_str::<File>(&text), None);
            assert!(from_str::<serde::de::IgnoredAny>(&text).is_none());
        }
    }

    /// Any JSON value a peer tool can put in an article's metadata.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e12f64..1e12).prop_map(Value::from),
            "\\PC{0,8}|[\"\\\\\n()\\[\\]{}:,]{0,4}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z_]{0,6}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn has_float(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::Number(n) => n.is_f64(),
            serde_json::Value::Array(items) => items.iter().any(has_float),
            serde_json::Value::Object(map) => map.values().any(has_float),
            _ => false,
        }
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Meta {
        format: u32,
        extra: BTreeMap<String, serde_json::Value>,
    }

    proptest! {
        #[test]
        fn metadata_keeps_its_json_types_through_both_readers(
            extra in proptest::collection::btree_map("[a-z_]{1,8}", json_value(), 0..5),
        ) {
            let file = Meta { format: 1, extra };
            let text = to_ron(&file, 2).unwrap();
            let fast = from_str::<Meta>(&text);
            // Floats are the `ron` crate's to read; everything else is the fast one's.
            if !file.extra.values().any(has_float) {
                prop_assert_eq!(fast.as_ref(), Some(&file), "{}", text);
            } else if let Some(fast) = fast {
                prop_assert_eq!(&fast, &file);
            }
            let slow = slow::<Meta>(&text);
            prop_assert_eq!(slow.as_ref(), Some(&file), "{}", text);
        }

        #[test]
        fn agrees_with_the_ron_crate_on_written_files(
            texts in proptest::collection::vec("\\PC{0,12}|[\"\\\\\n\t’“”\u{0}-\u{1f}]{0,6}", 1..6),
            ids in proptest::collection::vec(0u32..5000, 1..6),
        ) {
            let spans: Vec<Span> = texts
                .iter()
                .zip(&ids)
                .map(|(t, &id)| span(id, t, t, None))
                .collect();
            let file = File { format: 1, spans, links: vec![], provenance: BTreeMap::new(), disagreements: vec![], maybe: None };
            let text = to_ron(&file, 2).unwrap();
            let fast: Option<File> = from_str(&text);
            if let Some(fast) = &fast {
                prop_assert_eq!(fast, &file);
            }
            let slow = slow::<File>(&text);
            prop_assert_eq!(slow.as_ref(), Some(&file));
        }
    }
}
