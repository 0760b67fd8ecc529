//! The message types an `Any` can hold in JSON: generated code lists each package's types in
//! a `MESSAGE_TYPES` constant, and applications add them to a [`TypeRegistry`].

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use crate::meta::{MessageInfo, MessageMeta};
use crate::reflect::Reflect;

/// A message behind a trait object that can also go to and from the binary format (what
/// an `Any` stores).
pub trait DynMessage: Reflect + Send + Sync {
    /// The binary encoding.
    fn encode_binary(&self) -> Vec<u8>;
    /// Merges the binary encoding into this message.
    fn merge_binary(&mut self, bytes: &[u8]) -> Result<(), prost::DecodeError>;
    fn as_reflect_dyn(&self) -> &dyn Reflect;
    fn as_reflect_dyn_mut(&mut self) -> &mut dyn Reflect;
}

impl<T: prost::Message + Reflect + Default> DynMessage for T {
    fn encode_binary(&self) -> Vec<u8> {
        self.encode_to_vec()
    }
    fn merge_binary(&mut self, bytes: &[u8]) -> Result<(), prost::DecodeError> {
        self.merge(bytes)
    }
    fn as_reflect_dyn(&self) -> &dyn Reflect {
        self
    }
    fn as_reflect_dyn_mut(&mut self) -> &mut dyn Reflect {
        self
    }
}

fn new_boxed<T: DynMessage + Default + 'static>() -> Box<dyn DynMessage> {
    Box::new(T::default())
}

/// One message type: its description and a constructor.
#[derive(Clone, Copy)]
pub struct MessageType {
    pub info: &'static MessageInfo,
    new: fn() -> Box<dyn DynMessage>,
}

impl MessageType {
    /// The entry for `T`; generated `MESSAGE_TYPES` constants are lists of these.
    pub const fn of<T: DynMessage + MessageMeta + Default + 'static>() -> Self {
        MessageType {
            info: T::INFO,
            new: new_boxed::<T>,
        }
    }

    /// A new default message of this type.
    pub fn new_message(&self) -> Box<dyn DynMessage> {
        (self.new)()
    }
}

impl std::fmt::Debug for MessageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MessageType")
            .field(&self.info.full_name)
            .finish()
    }
}

/// Message types by full name. The well-known types from `prost_types` are always in it.
#[derive(Clone, Debug)]
pub struct TypeRegistry {
    types: HashMap<&'static str, MessageType>,
}

impl Default for TypeRegistry {
    fn default() -> Self {
        let mut r = TypeRegistry {
            types: HashMap::new(),
        };
        // The well-known types: `prost_types`, and `()` for `google.protobuf.Empty`.
        r.add(crate::wkt::MESSAGE_TYPES);
        r.add(&[MessageType::of::<()>()]);
        r
    }
}

impl TypeRegistry {
    /// A registry of the well-known types.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds types (a generated package's `MESSAGE_TYPES`, say).
    pub fn add(&mut self, types: &[MessageType]) -> &mut Self {
        for t in types {
            self.types.insert(t.info.full_name, *t);
        }
        self
    }

    /// Builder form of [`add`](Self::add).
    pub fn with(mut self, types: &[MessageType]) -> Self {
        self.add(types);
        self
    }

    /// The type with this full name (`acme.v1.Order`, no leading dot).
    pub fn get(&self, full_name: &str) -> Option<&MessageType> {
        self.types.get(full_name)
    }

    /// The type of an `Any`'s `type_url`: the part after the last `/`.
    pub fn resolve(&self, type_url: &str) -> Option<&MessageType> {
        let name = type_url.rsplit_once('/').map_or(type_url, |(_, n)| n);
        self.get(name)
    }
}

fn global() -> &'static RwLock<Arc<TypeRegistry>> {
    static GLOBAL: OnceLock<RwLock<Arc<TypeRegistry>>> = OnceLock::new();
    GLOBAL.get_or_init(|| RwLock::new(Arc::new(TypeRegistry::new())))
}

/// Adds types to the process-wide registry that JSON uses when
/// [`JsonOptions::types`](super::JsonOptions) is `None` (serde impls always use it).
pub fn register(types: &[MessageType]) {
    let lock = global();
    let mut guard = match lock.write() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    let mut next = TypeRegistry::clone(&guard);
    next.add(types);
    *guard = Arc::new(next);
}

/// The process-wide registry.
pub(crate) fn global_registry() -> Arc<TypeRegistry> {
    match global().read() {
        Ok(g) => Arc::clone(&g),
        Err(poisoned) => Arc::clone(&poisoned.into_inner()),
    }
}
