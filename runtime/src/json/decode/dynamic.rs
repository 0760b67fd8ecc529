//! The dynamic path: a field's value read as an [`OwnedValue`] (lists and maps element by
//! element) and stored with `set_at` / `mut_at`. Generated code sends `null`, and the types
//! it does not read itself, here.

use super::Decoder;
use super::describe_kind;
use super::internal;
use super::number::integer_value;
use super::number::map_key;
use super::scalar_of;
use super::typed::twice;
use super::value_error;
use crate::json::error::JsonError;
use crate::json::error::PathSegment;
use crate::json::read::Next;
use crate::json::well_known::{Wkt, is_null_value, wkt};
use crate::meta::Cardinality;
use crate::meta::FieldInfo;
use crate::meta::Kind;
use crate::reflect::Reflect;
use crate::value::ListMut;
use crate::value::MapMut;
use crate::value::OwnedValue;
use crate::value::ValueMap;
use crate::value::ValueMut;

impl<'a, 'o> Decoder<'a, 'o> {
    /// [`field`](Self::field) by index alone.
    pub(crate) fn field_at(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        depth: usize,
    ) -> Result<bool, JsonError> {
        match msg.info().fields.get(i) {
            Some(field) => self.field(msg, i, field, depth),
            None => Err(self.r.error(internal("field index out of range"))),
        }
    }

    /// Reads the value of field `i` at `depth` through `Reflect`; true when something was
    /// stored (not `null`). Generated code takes this path for `null` and types it does
    /// not read directly.
    pub(crate) fn field(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<bool, JsonError> {
        let singular = !matches!(
            field.cardinality,
            Cardinality::Repeated | Cardinality::Map(_)
        );
        if self.r.peek()? == Next::Null {
            if singular && matches!(field.kind, Kind::Message("google.protobuf.Value")) {
                let child = self.new_child(msg, i)?;
                self.message(child, depth)?;
                return Ok(true);
            }
            self.r.eat_null()?;
            if singular && is_null_value(field.kind) {
                let at = self.r.offset();
                self.store(msg, i, OwnedValue::I32(0), at)?;
                return Ok(true);
            }
            return Ok(false);
        }
        match field.cardinality {
            Cardinality::Repeated => {
                self.list(msg, i, field, depth)?;
                Ok(true)
            }
            Cardinality::Map(key_kind) => {
                self.map(msg, i, field, key_kind, depth)?;
                Ok(true)
            }
            _ => match scalar_of(field.kind) {
                Some(kind) => {
                    let at = self.r.offset();
                    match self.scalar(kind)? {
                        Some(v) => self.store(msg, i, v, at).map(|()| true),
                        None => Ok(false),
                    }
                }
                None => {
                    let child = self.new_child(msg, i)?;
                    self.message(child, depth)?;
                    Ok(true)
                }
            },
        }
    }

    pub(super) fn list(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.expect_array(field, depth)?;
        let at = self.r.offset();
        let Some(ValueMut::List(mut list)) = msg.mut_at(i) else {
            return Err(JsonError::at(internal("repeated field without access"), at));
        };
        if self.r.begin_array()? {
            return Ok(());
        }
        let mut n = 0;
        loop {
            self.element(&mut list, field, depth + 1)
                .map_err(|e| e.within(PathSegment::Index(n)))?;
            n += 1;
            if !self.r.more(b']')? {
                return Ok(());
            }
        }
    }

    fn element(
        &mut self,
        list: &mut ListMut<'_>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        let at = self.r.offset();
        let message = match field.kind {
            Kind::Message(name) | Kind::Group(name) => match wkt(name) {
                Some(Wkt::Wrapper(kind)) => {
                    return self.push_scalar(list, kind, at);
                }
                Some(Wkt::Value) => true,
                _ => {
                    if self.r.peek()? == Next::Null {
                        return Err(self.wrong_type(describe_kind(field.kind)));
                    }
                    true
                }
            },
            Kind::Enum(_) if is_null_value(field.kind) && self.r.eat_null()? => {
                return list
                    .push_raw(OwnedValue::I32(0))
                    .map_err(|e| value_error(e, at));
            }
            _ => false,
        };
        if !message {
            return self.push_scalar(list, field.kind, at);
        }
        list.push_raw(OwnedValue::Message(ValueMap::new()))
            .map_err(|e| value_error(e, at))?;
        let last = list.len().saturating_sub(1);
        match list.get_mut(last) {
            Some(ValueMut::Message(child)) => self.message(child, depth),
            _ => Err(JsonError::at(internal("list element without access"), at)),
        }
    }

    fn push_scalar(
        &mut self,
        list: &mut ListMut<'_>,
        kind: Kind,
        at: usize,
    ) -> Result<(), JsonError> {
        if self.r.peek()? == Next::Null {
            return Err(self.wrong_type(describe_kind(kind)));
        }
        match self.scalar(kind)? {
            Some(v) => list.push_raw(v).map_err(|e| value_error(e, at)),
            None => Ok(()),
        }
    }

    pub(super) fn map(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        field: &'static FieldInfo,
        key_kind: Kind,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if self.r.peek()? != Next::Object {
            return Err(self.wrong_type(format!("an object for {}", field.type_name())));
        }
        let at = self.r.offset();
        let Some(ValueMut::Map(mut map)) = msg.mut_at(i) else {
            return Err(JsonError::at(internal("map field without access"), at));
        };
        if self.r.begin_object()? {
            return Ok(());
        }
        loop {
            let key_at = self.r.next_offset();
            let key = self.r.key()?;
            self.entry(&mut map, field, key_kind, &key, key_at, depth + 1)
                .map_err(|e| e.within(PathSegment::Key(key.into_owned())))?;
            if !self.r.more(b'}')? {
                return Ok(());
            }
        }
    }

    fn entry(
        &mut self,
        map: &mut MapMut<'_>,
        field: &'static FieldInfo,
        key_kind: Kind,
        key: &str,
        key_at: usize,
        depth: usize,
    ) -> Result<(), JsonError> {
        let text = key;
        let key = map_key(text, key_kind).map_err(|k| JsonError::at(k, key_at))?;
        // A key given twice is found by the map not growing (one hash instead of a lookup
        // first); the message is dropped on error, so the replaced value does not matter.
        let before = map.len();
        let twice = || JsonError::at(twice(field, text, key_kind), key_at);
        let at = self.r.offset();
        let scalar = scalar_of(field.kind);
        if scalar.is_some()
            || (self.r.peek()? == Next::Null
                && !matches!(field.kind, Kind::Message("google.protobuf.Value")))
        {
            let Some(kind) = scalar else {
                return Err(self.wrong_type(describe_kind(field.kind)));
            };
            if self.r.peek()? == Next::Null {
                return Err(self.wrong_type(describe_kind(kind)));
            }
            let Some(v) = self.scalar(kind)? else {
                // An ignored unknown enum name: nothing to insert, but a repeated key is
                // still an error.
                return match map.get(key.as_key_ref()) {
                    Some(_) => Err(twice()),
                    None => Ok(()),
                };
            };
            map.insert_raw(key, v).map_err(|e| value_error(e, at))?;
            return if map.len() == before {
                Err(twice())
            } else {
                Ok(())
            };
        }
        map.insert_raw(key.clone(), OwnedValue::Message(ValueMap::new()))
            .map_err(|e| value_error(e, at))?;
        if map.len() == before {
            return Err(twice());
        }
        match map.get_mut(key.as_key_ref()) {
            Some(ValueMut::Message(child)) => self.message(child, depth),
            _ => Err(JsonError::at(internal("map value without access"), at)),
        }
    }

    /// Reads a scalar of `kind`; `None` for an unknown enum name that the options ignore.
    pub(super) fn scalar(&mut self, kind: Kind) -> Result<Option<OwnedValue>, JsonError> {
        Ok(Some(match kind {
            Kind::Bool => OwnedValue::Bool(self.bool_value()?),
            Kind::String => OwnedValue::String(self.string_value()?),
            Kind::Bytes => OwnedValue::Bytes(self.bytes_value()?),
            Kind::Float => OwnedValue::F32(self.float(kind)? as f32),
            Kind::Double => OwnedValue::F64(self.float(kind)?),
            Kind::Enum(info) => match self.enum_value(info, kind)? {
                Some(n) => OwnedValue::I32(n),
                None => return Ok(None),
            },
            Kind::Message(_) | Kind::Group(_) => {
                let at = self.r.offset();
                return Err(JsonError::at(internal("scalar of a message kind"), at));
            }
            _ => integer_value(self.integer(kind)?, kind),
        }))
    }
}
