//! The parsed tree handed to serde: [`Value`] as a `Deserializer`.

use super::Value;
use serde::de::value::{BorrowedStrDeserializer, Error};
use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};
use std::borrow::Cow;

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
            // As the `ron` crate reads them when the type does not say: a bare name
            // is no string, and `Name(…)` is not what it wraps.
            Value::Ident("None") => visitor.visit_none(),
            Value::Ident(_) => visitor.visit_unit(),
            Value::Call("Some", inner) => visitor.visit_some(*inner),
            Value::Call(_, inner) => match *inner {
                Value::Struct(fields) => visit_fields(fields, visitor),
                inner => visitor.visit_newtype_struct(inner),
            },
            // `()` is the unit, as the `ron` crate reads it (a JSON `null` kept in an
            // article's metadata is written so).
            Value::Struct(fields) if fields.is_empty() => visitor.visit_unit(),
            Value::Struct(fields) => visit_fields(fields, visitor),
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

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Map(_) => self.deserialize_any(visitor),
            // `(a: 1)` is a struct; the `ron` crate reads no map from it.
            _ => Err(invalid("map")),
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
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Struct(fields) => visit_fields(fields, visitor),
            // A struct written with its own name, `Name(a: 1)`; another name is an
            // error the `ron` crate words.
            Value::Call(found, inner) if found == name => match *inner {
                Value::Struct(fields) => visit_fields(fields, visitor),
                _ => Err(invalid("struct")),
            },
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
        bytes byte_buf unit unit_struct seq tuple tuple_struct identifier
        ignored_any
    }
}

/// `(name: value, …)` handed to serde as a map of field names.
fn visit_fields<'de, V: Visitor<'de>>(
    fields: Vec<(&'de str, Value<'de>)>,
    visitor: V,
) -> Result<V::Value, Error> {
    visitor.visit_map(Fields {
        fields: fields.into_iter(),
        value: None,
    })
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
            Some(Value::Struct(fields)) => visit_fields(fields, visitor),
            _ => Err(invalid("struct variant")),
        }
    }
}
