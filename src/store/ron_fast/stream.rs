//! Lists, maps and structs handed to serde as they are read.
//!
//! Building the whole tree first made one annotation file of 474,000 spans (41 MB)
//! cost 200 MB of tree on top of the file and the spans made from it. [`Stream`]
//! reads the containers of a file in place and builds a tree only for each small
//! value inside them (a number, a string, an enum variant, `Some(…)`), which the tree
//! deserializer in `de.rs` reads as before; so a file reads the same either way, and
//! at most one span's tree exists at a time.

use super::{Parser, Value};
use serde::de::value::{BorrowedStrDeserializer, Error};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

fn gave_up() -> Error {
    de::Error::custom("not readable by the fast reader")
}

/// The parser as a serde `Deserializer`, at the start of a value.
pub(super) struct Stream<'p, 'a>(pub(super) &'p mut Parser<'a>);

/// What starts at the parser's place.
enum Next {
    List,
    Map,
    /// `(` followed by `name:` or `)`.
    Fields,
    /// Anything else: read as a tree.
    Other,
}

impl<'a> Stream<'_, 'a> {
    fn next(&mut self) -> Result<Next, Error> {
        let p = &mut *self.0;
        p.skip_ws().ok_or_else(gave_up)?;
        Ok(match p.peek() {
            Some(b'[') => Next::List,
            Some(b'{') => Next::Map,
            Some(b'(') => {
                let at = p.at;
                p.at += 1;
                let fields = p.skip_ws().is_some()
                    && (p.peek() == Some(b')') || (p.ident().is_some() && p.eat(b':').is_some()));
                p.at = at;
                if fields { Next::Fields } else { Next::Other }
            }
            _ => Next::Other,
        })
    }

    /// The value here as a tree, for what is not a container.
    fn tree(&mut self) -> Result<Value<'a>, Error> {
        self.0.value().ok_or_else(gave_up)
    }

    /// Consumes the opening bracket and counts one level deeper; gives up past the
    /// depth limit, as the tree reader does.
    fn open(&mut self) -> Result<(), Error> {
        let p = &mut *self.0;
        if p.depth >= super::MAX_DEPTH {
            return Err(gave_up());
        }
        p.depth += 1;
        p.at += 1;
        Ok(())
    }

    fn list<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        self.open()?;
        let mut items = Items {
            p: &mut *self.0,
            done: false,
        };
        let value = visitor.visit_seq(&mut items)?;
        items.finish()?;
        self.0.depth -= 1;
        Ok(value)
    }

    fn map<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        self.open()?;
        let mut entries = Entries {
            p: &mut *self.0,
            close: b'}',
            named: false,
            done: false,
        };
        let value = visitor.visit_map(&mut entries)?;
        entries.finish()?;
        self.0.depth -= 1;
        Ok(value)
    }

    /// `(name: value, …)` as a map of field names; `()` is the unit where the type
    /// does not say, as the `ron` crate reads it.
    fn fields<V: Visitor<'a>>(mut self, visitor: V, unit: bool) -> Result<V::Value, Error> {
        self.open()?;
        if unit && self.0.next_is(b')').ok_or_else(gave_up)? {
            self.0.depth -= 1;
            return visitor.visit_unit();
        }
        let mut entries = Entries {
            p: &mut *self.0,
            close: b')',
            named: true,
            done: false,
        };
        let value = visitor.visit_map(&mut entries)?;
        entries.finish()?;
        self.0.depth -= 1;
        Ok(value)
    }
}

impl<'a> de::Deserializer<'a> for Stream<'_, 'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Next::List => self.list(visitor),
            Next::Map => self.map(visitor),
            Next::Fields => self.fields(visitor, true),
            Next::Other => self.tree()?.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            // Implicit `Some`, as claimspan's files are written.
            Next::List | Next::Map | Next::Fields => visitor.visit_some(self),
            Next::Other => self.tree()?.deserialize_option(visitor),
        }
    }

    fn deserialize_seq<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Next::List => self.list(visitor),
            _ => self.tree()?.deserialize_seq(visitor),
        }
    }

    fn deserialize_map<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Next::Map => self.map(visitor),
            _ => self.tree()?.deserialize_map(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        mut self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.next()? {
            Next::Fields => self.fields(visitor, false),
            _ => self.tree()?.deserialize_struct(name, fields, visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        mut self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.tree()?.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(mut self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Next::List | Next::Map | Next::Fields => {
                self.deserialize_any(de::IgnoredAny)?;
            }
            Next::Other => {
                self.tree()?;
            }
        }
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        <W: Visitor<'a>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

/// The items of a list, read one at a time.
struct Items<'p, 'a> {
    p: &'p mut Parser<'a>,
    done: bool,
}

impl Items<'_, '_> {
    /// After the visitor: the list must be over, up to and with its `]`.
    fn finish(&mut self) -> Result<(), Error> {
        if !self.done && !self.p.next_is(b']').ok_or_else(gave_up)? {
            return Err(gave_up());
        }
        Ok(())
    }
}

impl<'a> SeqAccess<'a> for &mut Items<'_, 'a> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.done || self.p.next_is(b']').ok_or_else(gave_up)? {
            self.done = true;
            return Ok(None);
        }
        let value = seed.deserialize(Stream(&mut *self.p))?;
        if !self.p.next_is(b',').ok_or_else(gave_up)? {
            self.p.eat(b']').ok_or_else(gave_up)?;
            self.done = true;
        }
        Ok(Some(value))
    }
}

/// The entries of a map `{k: v}` or the fields of a struct `(name: v)`.
struct Entries<'p, 'a> {
    p: &'p mut Parser<'a>,
    close: u8,
    /// Keys are bare field names, not values.
    named: bool,
    done: bool,
}

impl Entries<'_, '_> {
    fn finish(&mut self) -> Result<(), Error> {
        if !self.done && !self.p.next_is(self.close).ok_or_else(gave_up)? {
            return Err(gave_up());
        }
        Ok(())
    }
}

impl<'a> MapAccess<'a> for &mut Entries<'_, 'a> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.done || self.p.next_is(self.close).ok_or_else(gave_up)? {
            self.done = true;
            return Ok(None);
        }
        let key = if self.named {
            self.p.skip_ws().ok_or_else(gave_up)?;
            let name = self.p.ident().ok_or_else(gave_up)?;
            seed.deserialize(BorrowedStrDeserializer::new(name))?
        } else {
            seed.deserialize(Stream(&mut *self.p))?
        };
        self.p.eat(b':').ok_or_else(gave_up)?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = seed.deserialize(Stream(&mut *self.p))?;
        if !self.p.next_is(b',').ok_or_else(gave_up)? {
            self.p.eat(self.close).ok_or_else(gave_up)?;
            self.done = true;
        }
        Ok(value)
    }
}
