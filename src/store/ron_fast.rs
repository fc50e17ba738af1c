//! A fast reader for the plain RON that claimspan itself writes.
//!
//! Agreement and merge read tens of thousands of annotation files, and the `ron`
//! crate parses about 30 MB/s: most of `claimspan agree` went into parsing. The files
//! claimspan writes use a small part of RON (structs without names, lists, maps,
//! strings, whole numbers, enum variants), which this module reads in one pass into a
//! tree and hands to serde. Anything outside that part — comments, floats, raw
//! strings, tuples, an unknown escape — makes it give up (`None`), and the caller
//! parses with the `ron` crate as before, which also gives the error messages. So a
//! file reads the same either way; this is only quicker on the common path.

use serde::de::value::{BorrowedStrDeserializer, Error};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use std::borrow::Cow;

/// Parses `text` as `T`, or `None` when it uses RON this reader does not handle or
/// does not fit `T` (the caller then asks the `ron` crate).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut parser = Parser {
        text: text.as_bytes(),
        src: text,
        at: 0,
    };
    let value = parser.value()?;
    parser.skip_ws()?;
    if parser.at != parser.text.len() {
        return None;
    }
    T::deserialize(value).ok()
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

    fn value(&mut self) -> Option<Value<'a>> {
        self.skip_ws()?;
        match self.peek()? {
            b'"' => self.string().map(Value::Str),
            b'[' => {
                self.at += 1;
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
            b'{' => {
                self.at += 1;
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
            b'(' => {
                self.at += 1;
                self.fields()
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
                    // `Name(field: …)` or `Name(value)`; a tuple of several values
                    // is not written by claimspan.
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
                    let payload = if named {
                        self.fields()?
                    } else {
                        let inner = self.value()?;
                        self.next_is(b',')?;
                        self.eat(b')')?;
                        inner
                    };
                    Some(Value::Call(name, Box::new(payload)))
                } else {
                    Some(Value::Ident(name))
                }
            }
            _ => None,
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

fn invalid(what: &str) -> Error {
    de::Error::custom(format!("not readable by the fast reader: {what}"))
}

impl<'de> IntoDeserializer<'de, Error> for Value<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Int(false, n) => visitor.visit_u64(n),
            Value::Int(true, n) => {
                let n = i64::try_from(n).map_err(|_| invalid("number"))?;
                visitor.visit_i64(-n)
            }
            Value::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Ident(name) => visitor.visit_borrowed_str(name),
            Value::Call(_, inner) => inner.deserialize_any(visitor),
            Value::Struct(fields) => visitor.visit_map(Fields {
                fields: fields.into_iter(),
                value: None,
            }),
            Value::Seq(items) => visitor.visit_seq(Items(items.into_iter())),
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Ident("None") => visitor.visit_none(),
            Value::Call("Some", inner) => visitor.visit_some(*inner),
            // Implicit `Some`, as claimspan's files are written.
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Struct(_) => self.deserialize_any(visitor),
            // A struct written with its name: `Name(a: 1)`.
            Value::Call(_, inner) if matches!(*inner, Value::Struct(_)) => {
                inner.deserialize_any(visitor)
            }
            _ => Err(invalid("struct")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Ident(name) => visitor.visit_enum(Variant(name, None)),
            Value::Call(name, payload) => visitor.visit_enum(Variant(name, Some(*payload))),
            _ => Err(invalid("enum")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

struct Items<'de>(std::vec::IntoIter<Value<'de>>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|v| seed.deserialize(v)).transpose()
    }
}

struct Fields<'de> {
    fields: std::vec::IntoIter<(&'de str, Value<'de>)>,
    value: Option<Value<'de>>,
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.fields.next() {
            Some((name, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(name))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().ok_or_else(|| invalid("field"))?;
        seed.deserialize(value)
    }
}

struct Entries<'de> {
    entries: std::vec::IntoIter<(Value<'de>, Value<'de>)>,
    value: Option<Value<'de>>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().ok_or_else(|| invalid("entry"))?;
        seed.deserialize(value)
    }
}

/// An enum variant: its name and what follows it in parentheses.
struct Variant<'de>(&'de str, Option<Value<'de>>);

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.0))?;
        Ok((name, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.1 {
            None => Ok(()),
            Some(_) => Err(invalid("unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.1.ok_or_else(|| invalid("newtype variant"))?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(invalid("tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.1 {
            Some(v @ Value::Struct(_)) => de::Deserializer::deserialize_any(v, visitor),
            _ => Err(invalid("struct variant")),
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
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .ok()
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct File {
        format: u32,
        spans: Vec<Span>,
        links: Vec<Link>,
        #[serde(default)]
        provenance: BTreeMap<SpanId, Vec<String>>,
        #[serde(default)]
        conflicts: Vec<Disagreement>,
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
            conflicts: vec![Disagreement {
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
        ] {
            assert_eq!(from_str::<File>(text), None, "{text}");
        }
    }

    proptest! {
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
            let file = File { format: 1, spans, links: vec![], provenance: BTreeMap::new(), conflicts: vec![], maybe: None };
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
