//! `serde` support (feature `serde`): `Serialize` and `Deserialize` for generated messages,
//! with the canonical proto3 JSON mapping, so the types work in serde-based stacks.
//!
//! Generated code calls [`impl_serde!`](crate::impl_serde) when the plugin runs with the
//! `serde` parameter. The impls work with any serde format, not only `serde_json`:
//!
//! - **Serialize** encodes the message with [`to_vec`](super::to_vec) (canonical options),
//!   reads the JSON back into a small borrowed tree and hands that to the serializer: objects
//!   as maps with their length, arrays as sequences, integers as `i64`/`u64`, other numbers as
//!   `f64`. For `serde_json` the output equals [`to_string`](super::to_string)'s as a JSON
//!   value (numbers may be spelled differently: `-0.0`, `1e+16`).
//! - **Deserialize** asks the deserializer for any value and writes what it visits as JSON
//!   text, then decodes that with [`from_str`](super::from_str) (canonical options, the global
//!   [`TypeRegistry`](super::TypeRegistry) for `Any`). Errors keep the JSON path and reason.
//!
//! The direct API is faster (no tree, no transcoding); these impls are for interoperation.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeSeq};

use super::error::JsonError;
use super::read::{Next, Reader};
use super::{JsonOptions, encode};
use crate::reflect::Reflect;

/// `msg` through `serializer`, in canonical proto3 JSON form.
pub fn serialize<S: ser::Serializer>(msg: &dyn Reflect, serializer: S) -> Result<S::Ok, S::Error> {
    let options = JsonOptions::default();
    let text = super::to_vec(msg, &options).map_err(ser::Error::custom)?;
    let text = std::str::from_utf8(&text).map_err(ser::Error::custom)?;
    let tree = parse_tree(text, options.depth_limit()).map_err(ser::Error::custom)?;
    ser::Serialize::serialize(&tree, serializer)
}

/// A new `T` from `deserializer`, which must hold canonical proto3 JSON (in any format).
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: Reflect + Default,
    D: de::Deserializer<'de>,
{
    let options = JsonOptions::default();
    let mut text = Vec::with_capacity(128);
    Transcode {
        out: &mut text,
        depth: 0,
        limit: options.depth_limit(),
    }
    .deserialize(deserializer)?;
    let text = String::from_utf8(text).map_err(de::Error::custom)?;
    super::from_str(&text, &options).map_err(de::Error::custom)
}

/// A JSON value borrowed from the encoder's output.
enum Node<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

fn parse_tree(text: &str, limit: usize) -> Result<Node<'_>, JsonError> {
    let mut r = Reader::new(text);
    let node = node(&mut r, 0, limit)?;
    Ok(node)
}

fn node<'a>(r: &mut Reader<'a>, depth: usize, limit: usize) -> Result<Node<'a>, JsonError> {
    // Only containers count, as in the encoder: a scalar member of the deepest message the
    // encoder writes sits one level below it.
    let next = r.peek()?;
    if depth > limit && matches!(next, Next::Array | Next::Object) {
        return Err(r.error(super::JsonErrorKind::TooDeep { limit }));
    }
    Ok(match next {
        Next::Null => {
            r.eat_null()?;
            Node::Null
        }
        Next::True | Next::False => Node::Bool(r.boolean()?),
        Next::Number => Node::Number(r.number()?),
        Next::String => Node::String(r.string()?),
        Next::Array => {
            let mut items = Vec::new();
            if !r.begin_array()? {
                loop {
                    items.push(node(r, depth + 1, limit)?);
                    if !r.more(b']')? {
                        break;
                    }
                }
            }
            Node::Array(items)
        }
        Next::Object => {
            let mut members = Vec::new();
            if !r.begin_object()? {
                loop {
                    let key = r.key()?;
                    members.push((key, node(r, depth + 1, limit)?));
                    if !r.more(b'}')? {
                        break;
                    }
                }
            }
            Node::Object(members)
        }
    })
}

impl ser::Serialize for Node<'_> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => s.serialize_unit(),
            Node::Bool(b) => s.serialize_bool(*b),
            Node::Number(text) => {
                // `-0` is a double's negative zero, not the integer 0.
                if !text.contains(['.', 'e', 'E']) && *text != "-0" {
                    if let Ok(i) = text.parse::<i64>() {
                        return s.serialize_i64(i);
                    }
                    if let Ok(u) = text.parse::<u64>() {
                        return s.serialize_u64(u);
                    }
                }
                match text.parse::<f64>() {
                    Ok(f) => s.serialize_f64(f),
                    Err(e) => Err(ser::Error::custom(format!("number {text}: {e}"))),
                }
            }
            Node::String(text) => s.serialize_str(text),
            Node::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key.as_ref(), value)?;
                }
                map.end()
            }
        }
    }
}

/// Writes the value a deserializer yields as JSON text into `out`. Nesting deeper than
/// `limit` (plus the levels the decoder needs to report its own depth error) is refused
/// here, so a deep input cannot overflow the stack.
struct Transcode<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    limit: usize,
}

impl<'de> DeserializeSeed<'de> for Transcode<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.depth > self.limit + 1 {
            return Err(de::Error::custom(format!(
                "JSON nested deeper than {} levels",
                self.limit
            )));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'o> Transcode<'o> {
    fn nested(&mut self) -> Transcode<'_> {
        Transcode {
            out: &mut *self.out,
            depth: self.depth + 1,
            limit: self.limit,
        }
    }

    fn integer<I: itoa::Integer, E: de::Error>(self, v: I) -> Result<(), E> {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    fn float<E: de::Error>(self, v: f64) -> Result<(), E> {
        if !v.is_finite() {
            return Err(E::custom(format!("{v} is not a JSON number")));
        }
        let mut buf = zmij::Buffer::new();
        self.out.extend_from_slice(buf.format_finite(v).as_bytes());
        Ok(())
    }
}

/// A map key as text: strings as they are, other scalars in their JSON text (formats such
/// as MessagePack may key maps by numbers or booleans).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map key (a string, number or boolean)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// The key under which serde_json's `arbitrary_precision` feature hands over a number's text.
const RAW_NUMBER: &str = "$serde_json::private::Number";

impl<'de> Visitor<'de> for Transcode<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.integer(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.integer(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<(), E> {
        self.integer(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<(), E> {
        self.integer(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.float(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        encode::write_str(self.out, v);
        Ok(())
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        use base64::Engine;
        let text = base64::engine::general_purpose::STANDARD.encode(v);
        self.visit_str(&text)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: de::Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.nested().deserialize(d)
    }
    fn visit_newtype_struct<D: de::Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.nested().deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.out.push(b'[');
        let mut first = true;
        loop {
            let start = self.out.len();
            if !first {
                self.out.push(b',');
            }
            if seq.next_element_seed(self.nested())?.is_none() {
                self.out.truncate(start);
                break;
            }
            first = false;
        }
        self.out.push(b']');
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = map.next_key_seed(Key)? else {
            self.out.extend_from_slice(b"{}");
            return Ok(());
        };
        if first == RAW_NUMBER {
            // serde_json with `arbitrary_precision`: the exact text of a number.
            let text: String = map.next_value()?;
            if !super::read::is_number(&text) {
                return Err(de::Error::custom(format!("`{text}` is not a JSON number")));
            }
            self.out.extend_from_slice(text.as_bytes());
            return Ok(());
        }
        self.out.push(b'{');
        let mut key = Some(first);
        while let Some(k) = key {
            encode::write_str(self.out, &k);
            self.out.push(b':');
            map.next_value_seed(self.nested())?;
            key = map.next_key_seed(Key)?;
            if key.is_some() {
                self.out.push(b',');
            }
        }
        self.out.push(b'}');
        Ok(())
    }
}

/// `Serialize` and `Deserialize` for the listed message types, with the canonical proto3
/// JSON mapping (see [`json::serde`](crate::json::serde)). Generated code invokes it when
/// the plugin runs with the `serde` parameter; the crate then needs `prost-vsco`'s `serde`
/// feature.
#[macro_export]
macro_rules! impl_serde {
    ($($ty:ty),* $(,)?) => {
        $(
            impl $crate::__serde::Serialize for $ty {
                fn serialize<S: $crate::__serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    $crate::json::serde::serialize(self, serializer)
                }
            }
            impl<'de> $crate::__serde::Deserialize<'de> for $ty {
                fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    $crate::json::serde::deserialize(deserializer)
                }
            }
        )*
    };
}
