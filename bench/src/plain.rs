//! The floor of the `json` benchmark: plain Rust structs holding the same data as the
//! benchmark messages, with serde's `#[derive]` and serde_json. Nothing protobuf-specific
//! happens here: 64-bit integers are JSON numbers, timestamps are `{seconds, nanos}`
//! objects, enums are their names, bytes are base64 (a small newtype), defaults are skipped
//! with `skip_serializing_if`, and oneof members are optional fields.

use std::collections::HashMap;

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::schema::bench::v1 as b;
use crate::schema::telemetry::v1 as t;

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// Bytes as a base64 string.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Bytes)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Timestamp {
    pub seconds: i64,
    pub nanos: i32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Platform {
    #[default]
    #[serde(rename = "PLATFORM_UNSPECIFIED")]
    Unspecified,
    #[serde(rename = "PLATFORM_IOS")]
    Ios,
    #[serde(rename = "PLATFORM_ANDROID")]
    Android,
    #[serde(rename = "PLATFORM_WEB")]
    Web,
    #[serde(rename = "PLATFORM_MACOS")]
    Macos,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum ConnectionType {
    #[default]
    #[serde(rename = "CONNECTION_TYPE_UNSPECIFIED")]
    Unspecified,
    #[serde(rename = "CONNECTION_TYPE_OFFLINE")]
    Offline,
    #[serde(rename = "CONNECTION_TYPE_WIFI")]
    Wifi,
    #[serde(rename = "CONNECTION_TYPE_CELLULAR")]
    Cellular,
    #[serde(rename = "CONNECTION_TYPE_ETHERNET")]
    Ethernet,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    #[serde(rename = "CURRENCY_UNSPECIFIED")]
    Unspecified,
    #[serde(rename = "CURRENCY_USD")]
    Usd,
    #[serde(rename = "CURRENCY_EUR")]
    Eur,
    #[serde(rename = "CURRENCY_GBP")]
    Gbp,
    #[serde(rename = "CURRENCY_JPY")]
    Jpy,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Device {
    #[serde(skip_serializing_if = "is_default")]
    pub os: String,
    #[serde(skip_serializing_if = "is_default")]
    pub os_version: String,
    #[serde(skip_serializing_if = "is_default")]
    pub model: String,
    #[serde(skip_serializing_if = "is_default")]
    pub manufacturer: String,
    #[serde(skip_serializing_if = "is_default")]
    pub app_version: String,
    #[serde(skip_serializing_if = "is_default")]
    pub app_build: u32,
    #[serde(skip_serializing_if = "is_default")]
    pub locale: String,
    #[serde(skip_serializing_if = "is_default")]
    pub timezone: String,
    #[serde(skip_serializing_if = "is_default")]
    pub screen_width: u32,
    #[serde(skip_serializing_if = "is_default")]
    pub screen_height: u32,
    #[serde(skip_serializing_if = "is_default")]
    pub screen_density: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advertising_id: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub is_simulator: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battery_level: Option<f32>,
    #[serde(skip_serializing_if = "is_default")]
    pub connection: ConnectionType,
    #[serde(skip_serializing_if = "is_default")]
    pub carrier: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct User {
    #[serde(skip_serializing_if = "is_default")]
    pub user_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub anonymous_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub email: String,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub traits: HashMap<String, String>,
    #[serde(skip_serializing_if = "is_default")]
    pub is_subscriber: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub account_age_days: i32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub feature_flags: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Product {
    #[serde(skip_serializing_if = "is_default")]
    pub sku: String,
    #[serde(skip_serializing_if = "is_default")]
    pub name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub price: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LineItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    #[serde(skip_serializing_if = "is_default")]
    pub quantity: u32,
    #[serde(skip_serializing_if = "is_default")]
    pub discount: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Purchase {
    #[serde(skip_serializing_if = "is_default")]
    pub order_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<LineItem>,
    #[serde(skip_serializing_if = "is_default")]
    pub revenue: f64,
    #[serde(skip_serializing_if = "is_default")]
    pub currency: Currency,
    #[serde(skip_serializing_if = "is_default")]
    pub tax_minor_units: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupon_code: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub receipt: Bytes,
}

/// The other body members, which the benchmark event does not set: present so that the
/// floor's decoder matches as many keys as ours.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Unset {}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    #[serde(skip_serializing_if = "is_default")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "is_default")]
    pub session_id: String,
    #[serde(skip_serializing_if = "is_default")]
    pub sequence: u64,
    #[serde(skip_serializing_if = "is_default")]
    pub platform: Platform,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    #[serde(skip_serializing_if = "is_default")]
    pub ip_address: String,
    #[serde(skip_serializing_if = "is_default")]
    pub schema_version: u32,
    #[serde(skip_serializing_if = "is_default")]
    pub sdk_name: String,
    #[serde(skip_serializing_if = "is_default")]
    pub sdk_version: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub properties: HashMap<String, String>,
    #[serde(skip_serializing_if = "is_default")]
    pub test: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub sample_rate: f64,
    #[serde(skip_serializing_if = "is_default")]
    pub upload_cookie: Bytes,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub screen_view: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub button_tap: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add_to_cart: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logout: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub push_received: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_open: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_background: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_play: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<Unset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experiment: Option<Unset>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Level {
    #[default]
    #[serde(rename = "LEVEL_UNSPECIFIED")]
    Unspecified,
    #[serde(rename = "LEVEL_DEBUG")]
    Debug,
    #[serde(rename = "LEVEL_INFO")]
    Info,
    #[serde(rename = "LEVEL_WARN")]
    Warn,
    #[serde(rename = "LEVEL_ERROR")]
    Error,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Heavy {
    #[serde(skip_serializing_if = "is_default")]
    pub id: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counters: Vec<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deltas: Vec<i64>,
    #[serde(skip_serializing_if = "is_default")]
    pub total: u64,
    #[serde(skip_serializing_if = "is_default")]
    pub mask: u64,
    #[serde(skip_serializing_if = "is_default")]
    pub payload: Bytes,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chunks: Vec<Bytes>,
    #[serde(skip_serializing_if = "is_default")]
    pub level: Level,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Level>,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub gauges: HashMap<String, i64>,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub names: HashMap<i64, String>,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub blobs: HashMap<String, Bytes>,
    #[serde(skip_serializing_if = "HashMap::is_empty")]
    pub levels: HashMap<String, Level>,
}

fn enum_from<E: Copy + Default>(n: i32, all: &[E]) -> E {
    usize::try_from(n)
        .ok()
        .and_then(|i| all.get(i).copied())
        .unwrap_or_default()
}

fn timestamp(t: &Option<prost_types::Timestamp>) -> Option<Timestamp> {
    t.as_ref().map(|t| Timestamp {
        seconds: t.seconds,
        nanos: t.nanos,
    })
}

const LEVELS: [Level; 5] = [
    Level::Unspecified,
    Level::Debug,
    Level::Info,
    Level::Warn,
    Level::Error,
];

impl From<&b::Heavy> for Heavy {
    fn from(h: &b::Heavy) -> Self {
        Heavy {
            id: h.id,
            counters: h.counters.clone(),
            deltas: h.deltas.clone(),
            total: h.total,
            mask: h.mask,
            payload: Bytes(h.payload.clone()),
            chunks: h.chunks.iter().map(|c| Bytes(c.clone())).collect(),
            level: enum_from(h.level, &LEVELS),
            history: h.history.iter().map(|&l| enum_from(l, &LEVELS)).collect(),
            gauges: h.gauges.clone(),
            names: h.names.clone(),
            blobs: h
                .blobs
                .iter()
                .map(|(k, v)| (k.clone(), Bytes(v.clone())))
                .collect(),
            levels: h
                .levels
                .iter()
                .map(|(k, &v)| (k.clone(), enum_from(v, &LEVELS)))
                .collect(),
        }
    }
}

impl From<&t::Event> for Event {
    /// The data of the benchmark event (envelope, device, user, purchase body).
    fn from(e: &t::Event) -> Self {
        use t::event::Body;
        let platforms = [
            Platform::Unspecified,
            Platform::Ios,
            Platform::Android,
            Platform::Web,
            Platform::Macos,
        ];
        let currencies = [
            Currency::Unspecified,
            Currency::Usd,
            Currency::Eur,
            Currency::Gbp,
            Currency::Jpy,
        ];
        let connections = [
            ConnectionType::Unspecified,
            ConnectionType::Offline,
            ConnectionType::Wifi,
            ConnectionType::Cellular,
            ConnectionType::Ethernet,
        ];
        let purchase = match &e.body {
            Some(Body::Purchase(p)) => Some(Purchase {
                order_id: p.order_id.clone(),
                items: p
                    .items
                    .iter()
                    .map(|i| LineItem {
                        product: i.product.as_ref().map(|p| Product {
                            sku: p.sku.clone(),
                            name: p.name.clone(),
                            price: p.price,
                            categories: p.categories.clone(),
                        }),
                        quantity: i.quantity,
                        discount: i.discount,
                    })
                    .collect(),
                revenue: p.revenue,
                currency: enum_from(p.currency, &currencies),
                tax_minor_units: p.tax_minor_units,
                coupon_code: p.coupon_code.clone(),
                receipt: Bytes(p.receipt.clone()),
            }),
            _ => None,
        };
        Event {
            id: e.id.clone(),
            timestamp: timestamp(&e.timestamp),
            sent_at: timestamp(&e.sent_at),
            session_id: e.session_id.clone(),
            sequence: e.sequence,
            platform: enum_from(e.platform, &platforms),
            device: e.device.as_ref().map(|d| Device {
                os: d.os.clone(),
                os_version: d.os_version.clone(),
                model: d.model.clone(),
                manufacturer: d.manufacturer.clone(),
                app_version: d.app_version.clone(),
                app_build: d.app_build,
                locale: d.locale.clone(),
                timezone: d.timezone.clone(),
                screen_width: d.screen_width,
                screen_height: d.screen_height,
                screen_density: d.screen_density,
                advertising_id: d.advertising_id.clone(),
                is_simulator: d.is_simulator,
                battery_level: d.battery_level,
                connection: enum_from(d.connection, &connections),
                carrier: d.carrier.clone(),
            }),
            user: e.user.as_ref().map(|u| User {
                user_id: u.user_id.clone(),
                anonymous_id: u.anonymous_id.clone(),
                email: u.email.clone(),
                traits: u.traits.clone(),
                is_subscriber: u.is_subscriber,
                account_age_days: u.account_age_days,
                feature_flags: u.feature_flags.clone(),
            }),
            ip_address: e.ip_address.clone(),
            schema_version: e.schema_version,
            sdk_name: e.sdk_name.clone(),
            sdk_version: e.sdk_version.clone(),
            tags: e.tags.clone(),
            properties: e.properties.clone(),
            test: e.test,
            sample_rate: e.sample_rate,
            upload_cookie: Bytes(e.upload_cookie.clone()),
            purchase,
            ..Event::default()
        }
    }
}
