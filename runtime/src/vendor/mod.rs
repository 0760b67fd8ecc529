//! Vendor property maps: events flattened for analytics SDKs (Firebase / GA4, Mixpanel,
//! Amplitude, Segment, Braze, or a custom [`Profile`]) within each vendor's limits, with a
//! record of everything changed to fit them.
//!
//! ```text
//! use prost_vsco::vendor::{self, VendorExt};
//!
//! let props = event.vendor_properties(&vendor::FIREBASE)?;
//! analytics.log_event(&props.event_name, &props.entries);
//! for change in &props.adjustments {
//!     log::warn!("firebase: {change}");
//! }
//! ```
//!
//! # Rules
//!
//! - Fields come in field-number order; map entries sorted by key; list elements by index.
//! - A field's key is its `vendor_key` option as written, else its proto name in the profile's
//!   [`KeyCase`]; then the profile's key rules apply ([`key::check_key`]): disallowed
//!   characters become `_`, leading characters the profile strips are removed, reserved names
//!   and prefixes and keys not starting as required are dropped, keys over the length limit are
//!   cut (or dropped).
//! - Only present fields are sent (protobuf presence: proto3 scalars at their default are not);
//!   `omit_from_map` fields never; `pii` fields only with [`Pii::Include`].
//! - Nested messages: prefixed keys (`device_os_version`) in a [`Nesting::Flatten`] profile,
//!   nested objects otherwise; beyond the profile's depth they are dropped.
//! - An event message set in a oneof of the message being flattened (the envelope's `body`)
//!   contributes its fields at the top level and names the event; else the message's own
//!   `event_name` does; else flattening fails with [`VendorError::NoEventName`].
//! - Enums travel as value names (unknown numbers as integers); the well-known types as
//!   the profile says (timestamps, durations) or as their plain values (wrappers, `Struct`,
//!   `Value`, `ListValue`); `Empty` sends nothing.
//!
//! Keys that depend only on the schema are resolved by the plugin at generation time (the
//! `vendors=` parameter emits [`VendorTable`]s for the built-in profiles, and checks them);
//! the same rules run here for custom profiles and for keys made from data.

mod json;
pub mod key;
mod profile;
mod properties;
mod table;
mod walk;

pub use key::KeyProblem;
pub use profile::{
    AMPLITUDE, BRAZE, BoolFormat, Builtin, BytesFormat, DurationFormat, EventShape, FIREBASE,
    KeyCase, KeyCharset, LengthUnit, MIXPANEL, Maps, Nesting, OnViolation, Profile, ProfileBuilder,
    ProfileError, Repeated, SEGMENT, TimestampFormat, U64Format,
};
pub use properties::{
    Adjustment, AdjustmentKind, Coercion, DropReason, VendorError, VendorProperties, VendorValue,
};
pub use table::{EventName, FieldKey, VendorTable, VendorTables};
#[doc(hidden)]
pub use walk::{FieldVisit, Halt};
pub use walk::{Pii, properties, properties_without_tables};

use crate::Reflect;

/// Vendor properties for every generated message (and `dyn Reflect`).
pub trait VendorExt: Reflect {
    /// The properties of this event for `profile`, without `pii` fields.
    fn vendor_properties(&self, profile: &Profile) -> Result<VendorProperties<'_>, VendorError> {
        properties(self.as_reflect(), profile, Pii::Exclude)
    }

    /// The properties with `pii` fields included: only when the user agreed to share them
    /// with this vendor.
    fn vendor_properties_with_pii(
        &self,
        profile: &Profile,
    ) -> Result<VendorProperties<'_>, VendorError> {
        properties(self.as_reflect(), profile, Pii::Include)
    }
}

impl<T: Reflect + ?Sized> VendorExt for T {}
