//! Key-value reflection speed on the example's telemetry `Event` (17 fields plus a 16-member
//! oneof), side by side in one run:
//!
//! - **ours**: the generated `Reflect` impl (`get`, `set`, `set_from`, `set_value`,
//!   `visit_fields`, `for_each_field`, `fields`, `to_map`);
//! - **hand**: a hand-written `match` on the field name producing the same `Value`s (the floor),
//!   and for `to_map` the same `ValueMap` written out field by field for this one type;
//! - **hand_inline_strings** (`to_map` only): that hand-written map in a what-if value type,
//!   with short strings inline and maps as sorted vectors: what changing `OwnedValue` that way
//!   could gain, at best;
//! - **prost-reflect dynamic**: `DynamicMessage::get_field_by_name` / `set_field_by_name` /
//!   `fields` on a message that is already dynamic;
//! - **prost-reflect transcode**: the realistic path from a typed struct: encode it, decode a
//!   `DynamicMessage` (what `transcode_to_dynamic` does), then the same operation.
//!
//! Operations: get every field by name (33 keys); set the envelope's 5 non-string scalar
//! fields by name (values made at the call, as in `event.set("sequence", n)`), and its 5
//! string fields, from `&str`s (ours with `set_from`, which copies into the field's buffer;
//! prost-reflect must allocate an owned string) and as owned strings built before the timed
//! runs and moved in; iterate the present
//! fields (`visit_fields` on the concrete type, `for_each_field` through `&dyn Reflect`, and
//! the `fields()` iterator, ended by `sum` and in a `for` loop); build an owned map of the
//! message.
//!
//! Variants are timed in interleaved rounds; a ratio is the median over the rounds of the
//! peer's time over ours (see `harness`). Absolute times depend on the machine; the ratios
//! are the result: `ratio <operation>_vs_<peer> <peer time / our time>`.
//! Targets: >= 10 against prost-reflect dynamic for get, set and iteration; >= 0.667 against
//! the hand-written match (ours at most 1.5x the floor).
//!
//! Run: `cargo run --release -p prost-vsco-bench --bin compare [-- --quick]`

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::process::ExitCode;

use prost::Message;
use prost_reflect::{DynamicMessage, MessageDescriptor};
use prost_vsco::{
    EnumMeta, EnumValue, KeyStyle, ListRef, MapKey, MapRef, MessageMeta, OwnedValue, Reflect,
    ReflectExt, Value, ValueMap,
};
use prost_vsco_bench::harness::counting_alloc::Counting;
use prost_vsco_bench::harness::{Operation, batched, plain};
use prost_vsco_bench::schema::telemetry::v1 as t;
use prost_vsco_bench::{bench_main, event};

fn field(i: usize) -> &'static prost_vsco::FieldInfo {
    &<t::Event as MessageMeta>::INFO.fields[i]
}

/// The floor of `to_map`: the same map written out by hand for this one type, keys in
/// order, no reflection, each map allocated once at the size of its message's fields (as
/// `to_map` does). Its cost is what any owned map of this shape costs: one allocation per
/// map, list and string, and their frees. Written once over [`Shape`], for today's
/// `ValueMap` and for the what-if of [`Inline`]. Only the purchase body is written out:
/// `None` for the others.
fn hand_to_map<S: Shape>(e: &t::Event) -> Option<S::Map> {
    use t::event::Body;
    macro_rules! map {
        ($($key:literal => $value:expr),* $(,)?) => {
            S::map([$($value.map(|v| ($key, v))),*])
        };
    }
    fn s<S: Shape>(v: &str) -> Option<S::Value> {
        (!v.is_empty()).then(|| S::string(v))
    }
    fn nz<S: Shape, T: Default + PartialEq>(v: T, f: fn(T) -> Scalar) -> Option<S::Value> {
        (v != T::default()).then(|| S::scalar(f(v)))
    }
    fn en<S: Shape, E: EnumMeta>(n: i32) -> Option<S::Value> {
        (n != 0).then(|| S::scalar(Scalar::Enum(EnumValue::new(n, E::INFO))))
    }
    fn ts<S: Shape>(t: &Option<prost_types::Timestamp>) -> Option<S::Value> {
        t.as_ref().map(|t| {
            S::message(map! {
                "nanos" => nz::<S, _>(t.nanos, O::I32),
                "seconds" => nz::<S, _>(t.seconds, O::I64),
            })
        })
    }
    fn strings<S: Shape>(items: &[String]) -> Option<S::Value> {
        (!items.is_empty()).then(|| S::list(items.iter().map(|i| S::string(i)).collect()))
    }
    fn string_map<S: Shape>(m: &HashMap<String, String>) -> Option<S::Value> {
        (!m.is_empty()).then(|| S::string_map(m))
    }
    use Scalar as O;
    let purchase = match &e.body {
        None => None,
        Some(Body::Purchase(p)) => Some(S::message(map! {
            "coupon_code" => p.coupon_code.as_deref().map(S::string),
            "currency" => en::<S, t::Currency>(p.currency),
            "items" => (!p.items.is_empty()).then(|| {
                S::list(p.items.iter().map(|i| S::message(map! {
                    "discount" => nz::<S, _>(i.discount, O::F64),
                    "product" => i.product.as_ref().map(|p| S::message(map! {
                        "categories" => strings::<S>(&p.categories),
                        "name" => s::<S>(&p.name),
                        "price" => nz::<S, _>(p.price, O::F64),
                        "sku" => s::<S>(&p.sku),
                    })),
                    "quantity" => nz::<S, _>(i.quantity, O::U32),
                })).collect())
            }),
            "order_id" => s::<S>(&p.order_id),
            "revenue" => nz::<S, _>(p.revenue, O::F64),
            "tax_minor_units" => nz::<S, _>(p.tax_minor_units, O::I64),
        })),
        Some(_) => return None,
    };
    let device = e.device.as_ref().map(|d| {
        S::message(map! {
            "advertising_id" => d.advertising_id.as_deref().map(S::string),
            "app_build" => nz::<S, _>(d.app_build, O::U32),
            "app_version" => s::<S>(&d.app_version),
            "battery_level" => d.battery_level.map(|b| S::scalar(O::F32(b))),
            "carrier" => s::<S>(&d.carrier),
            "connection" => en::<S, t::ConnectionType>(d.connection),
            "is_simulator" => nz::<S, _>(d.is_simulator, O::Bool),
            "locale" => s::<S>(&d.locale),
            "manufacturer" => s::<S>(&d.manufacturer),
            "model" => s::<S>(&d.model),
            "os" => s::<S>(&d.os),
            "os_version" => s::<S>(&d.os_version),
            "screen_density" => nz::<S, _>(d.screen_density, O::F32),
            "screen_height" => nz::<S, _>(d.screen_height, O::U32),
            "screen_width" => nz::<S, _>(d.screen_width, O::U32),
            "timezone" => s::<S>(&d.timezone),
        })
    });
    let user = e.user.as_ref().map(|u| {
        S::message(map! {
            "account_age_days" => nz::<S, _>(u.account_age_days, O::I32),
            "anonymous_id" => s::<S>(&u.anonymous_id),
            "email" => s::<S>(&u.email),
            "is_subscriber" => nz::<S, _>(u.is_subscriber, O::Bool),
            "traits" => string_map::<S>(&u.traits),
            "user_id" => s::<S>(&u.user_id),
        })
    });
    Some(map! {
        "device" => device,
        "id" => s::<S>(&e.id),
        "ip_address" => s::<S>(&e.ip_address),
        "platform" => en::<S, t::Platform>(e.platform),
        "properties" => string_map::<S>(&e.properties),
        "purchase" => purchase,
        "sample_rate" => nz::<S, _>(e.sample_rate, O::F64),
        "schema_version" => nz::<S, _>(e.schema_version, O::U32),
        "sdk_name" => s::<S>(&e.sdk_name),
        "sdk_version" => s::<S>(&e.sdk_version),
        "sent_at" => ts::<S>(&e.sent_at),
        "sequence" => nz::<S, _>(e.sequence, O::U64),
        "session_id" => s::<S>(&e.session_id),
        "tags" => strings::<S>(&e.tags),
        "test" => nz::<S, _>(e.test, O::Bool),
        "timestamp" => ts::<S>(&e.timestamp),
        "user" => user,
    })
}

/// The value types [`hand_to_map`] builds.
trait Shape {
    type Value;
    type Map;
    /// The map of the present entries, given in key order.
    fn map<const N: usize>(entries: [Option<(&'static str, Self::Value)>; N]) -> Self::Map;
    fn message(map: Self::Map) -> Self::Value;
    fn string(s: &str) -> Self::Value;
    fn list(items: Vec<Self::Value>) -> Self::Value;
    fn string_map(map: &HashMap<String, String>) -> Self::Value;
    /// A number, bool or enum (nothing to allocate).
    fn scalar(v: Scalar) -> Self::Value;
}

/// Today's `to_map` result.
struct Owned;

impl Shape for Owned {
    type Value = OwnedValue;
    type Map = ValueMap;
    fn map<const N: usize>(entries: [Option<(&'static str, OwnedValue)>; N]) -> ValueMap {
        let mut map = ValueMap::with_capacity(N);
        map.extend(entries.into_iter().flatten());
        map
    }
    fn message(map: ValueMap) -> OwnedValue {
        OwnedValue::Message(map)
    }
    fn string(s: &str) -> OwnedValue {
        OwnedValue::String(s.to_owned())
    }
    fn list(items: Vec<OwnedValue>) -> OwnedValue {
        OwnedValue::List(items)
    }
    fn string_map(m: &HashMap<String, String>) -> OwnedValue {
        let mut map = BTreeMap::new();
        for (k, v) in m {
            map.insert(MapKey::String(k.clone()), OwnedValue::String(v.clone()));
        }
        OwnedValue::Map(map)
    }
    fn scalar(v: Scalar) -> OwnedValue {
        v.into_owned()
    }
}

/// A what-if for the `to_map` target (3x prost-reflect): the same map if `OwnedValue` held
/// strings of up to 22 bytes inline (as the smol_str and compact_str crates do) and maps as
/// sorted vectors instead of `BTreeMap`s. Not an API of the runtime: it measures what
/// changing `OwnedValue` that way could gain. Converted to a `ValueMap` untimed, it equals
/// `to_map`'s result (`check_agreement`).
struct Inline;

/// A string held inline when it fits.
enum InlineStr {
    Inline(u8, [u8; 22]),
    Heap(String),
}

impl InlineStr {
    fn new(s: &str) -> Self {
        let mut bytes = [0u8; 22];
        match bytes.get_mut(..s.len()) {
            Some(head) => {
                head.copy_from_slice(s.as_bytes());
                InlineStr::Inline(s.len() as u8, bytes)
            }
            None => InlineStr::Heap(s.to_owned()),
        }
    }
    fn as_bytes(&self) -> &[u8] {
        match self {
            InlineStr::Inline(len, bytes) => &bytes[..usize::from(*len)],
            InlineStr::Heap(s) => s.as_bytes(),
        }
    }
    fn into_string(self) -> String {
        match self {
            InlineStr::Inline(len, bytes) => {
                String::from_utf8_lossy(&bytes[..usize::from(len)]).into_owned()
            }
            InlineStr::Heap(s) => s,
        }
    }
}

enum InlineValue {
    Scalar(Scalar),
    String(InlineStr),
    Message(Vec<(Cow<'static, str>, InlineValue)>),
    List(Vec<InlineValue>),
    Map(Vec<(InlineStr, InlineValue)>),
}

/// The values that own nothing, as small as they are in `OwnedValue`.
enum Scalar {
    Bool(bool),
    I32(i32),
    I64(i64),
    U32(u32),
    U64(u64),
    F32(f32),
    F64(f64),
    Enum(EnumValue),
}

impl Scalar {
    fn into_owned(self) -> OwnedValue {
        match self {
            Scalar::Bool(v) => OwnedValue::Bool(v),
            Scalar::I32(v) => OwnedValue::I32(v),
            Scalar::I64(v) => OwnedValue::I64(v),
            Scalar::U32(v) => OwnedValue::U32(v),
            Scalar::U64(v) => OwnedValue::U64(v),
            Scalar::F32(v) => OwnedValue::F32(v),
            Scalar::F64(v) => OwnedValue::F64(v),
            Scalar::Enum(v) => OwnedValue::Enum(v),
        }
    }
}

impl InlineValue {
    fn into_owned(self) -> OwnedValue {
        match self {
            InlineValue::Scalar(s) => s.into_owned(),
            InlineValue::String(s) => OwnedValue::String(s.into_string()),
            InlineValue::Message(m) => OwnedValue::Message(inline_to_value_map(m)),
            InlineValue::List(items) => {
                OwnedValue::List(items.into_iter().map(InlineValue::into_owned).collect())
            }
            InlineValue::Map(m) => OwnedValue::Map(
                m.into_iter()
                    .map(|(k, v)| (MapKey::String(k.into_string()), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

fn inline_to_value_map(m: Vec<(Cow<'static, str>, InlineValue)>) -> ValueMap {
    m.into_iter().map(|(k, v)| (k, v.into_owned())).collect()
}

impl Shape for Inline {
    type Value = InlineValue;
    type Map = Vec<(Cow<'static, str>, InlineValue)>;
    fn map<const N: usize>(entries: [Option<(&'static str, InlineValue)>; N]) -> Self::Map {
        let mut map = Vec::with_capacity(N);
        map.extend(
            entries
                .into_iter()
                .flatten()
                .map(|(k, v)| (Cow::Borrowed(k), v)),
        );
        map
    }
    fn message(map: Self::Map) -> InlineValue {
        InlineValue::Message(map)
    }
    fn string(s: &str) -> InlineValue {
        InlineValue::String(InlineStr::new(s))
    }
    fn list(items: Vec<InlineValue>) -> InlineValue {
        InlineValue::List(items)
    }
    fn string_map(m: &HashMap<String, String>) -> InlineValue {
        let mut map: Vec<_> = m
            .iter()
            .map(|(k, v)| (InlineStr::new(k), InlineValue::String(InlineStr::new(v))))
            .collect();
        map.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        InlineValue::Map(map)
    }
    fn scalar(v: Scalar) -> InlineValue {
        InlineValue::Scalar(v)
    }
}

/// The floor: what a programmer writes by hand for one message type.
fn hand_get<'a>(e: &'a t::Event, name: &str) -> Option<Value<'a>> {
    use t::event::Body;
    macro_rules! member {
        ($variant:ident) => {
            match &e.body {
                Some(Body::$variant(m)) => Some(Value::Message(m)),
                _ => None,
            }
        };
    }
    match name {
        "id" => Some(Value::String(&e.id)),
        "timestamp" => e.timestamp.as_ref().map(|m| Value::Message(m)),
        "sent_at" => e.sent_at.as_ref().map(|m| Value::Message(m)),
        "session_id" => Some(Value::String(&e.session_id)),
        "sequence" => Some(Value::U64(e.sequence)),
        "platform" => Some(Value::Enum(EnumValue::new(
            e.platform,
            <t::Platform as EnumMeta>::INFO,
        ))),
        "device" => e.device.as_ref().map(|m| Value::Message(m)),
        "user" => e.user.as_ref().map(|m| Value::Message(m)),
        "ip_address" => Some(Value::String(&e.ip_address)),
        "schema_version" => Some(Value::U32(e.schema_version)),
        "sdk_name" => Some(Value::String(&e.sdk_name)),
        "sdk_version" => Some(Value::String(&e.sdk_version)),
        "tags" => Some(Value::List(ListRef::new(&e.tags, field(12)))),
        "properties" => Some(Value::Map(MapRef::new(&e.properties, field(13)))),
        "test" => Some(Value::Bool(e.test)),
        "sample_rate" => Some(Value::F64(e.sample_rate)),
        "upload_cookie" => Some(Value::Bytes(&e.upload_cookie)),
        "screen_view" => member!(ScreenView),
        "button_tap" => member!(ButtonTap),
        "purchase" => member!(Purchase),
        "add_to_cart" => member!(AddToCart),
        "search" => member!(Search),
        "login" => member!(Login),
        "logout" => member!(Logout),
        "signup" => member!(Signup),
        "push_received" => member!(PushReceived),
        "error" => member!(Error),
        "app_open" => member!(AppOpen),
        "app_background" => member!(AppBackground),
        "video_play" => member!(VideoPlay),
        "share" => member!(Share),
        "rating" => member!(Rating),
        "experiment" => member!(Experiment),
        _ => None,
    }
}

fn hand_set(e: &mut t::Event, name: &str, value: OwnedValue) -> Result<(), ()> {
    match (name, value) {
        ("id", OwnedValue::String(v)) => e.id = v,
        ("session_id", OwnedValue::String(v)) => e.session_id = v,
        ("sequence", OwnedValue::U64(v)) => e.sequence = v,
        ("platform", OwnedValue::I32(v)) => e.platform = v,
        ("ip_address", OwnedValue::String(v)) => e.ip_address = v,
        ("schema_version", OwnedValue::U32(v)) => e.schema_version = v,
        ("sdk_name", OwnedValue::String(v)) => e.sdk_name = v,
        ("sdk_version", OwnedValue::String(v)) => e.sdk_version = v,
        ("test", OwnedValue::Bool(v)) => e.test = v,
        ("sample_rate", OwnedValue::F64(v)) => e.sample_rate = v,
        _ => return Err(()),
    }
    Ok(())
}

/// A string field set from a borrowed string, by hand: copied into the field's buffer.
fn hand_set_str(e: &mut t::Event, name: &str, value: &str) -> Result<(), ()> {
    let slot = match name {
        "id" => &mut e.id,
        "session_id" => &mut e.session_id,
        "ip_address" => &mut e.ip_address,
        "sdk_name" => &mut e.sdk_name,
        "sdk_version" => &mut e.sdk_version,
        _ => return Err(()),
    };
    slot.clear();
    slot.push_str(value);
    Ok(())
}

/// The present fields in number order, by hand.
fn hand_fields<'a>(e: &'a t::Event, mut f: impl FnMut(u32, Value<'a>)) {
    if !e.id.is_empty() {
        f(1, Value::String(&e.id));
    }
    if let Some(m) = &e.timestamp {
        f(2, Value::Message(m));
    }
    if let Some(m) = &e.sent_at {
        f(3, Value::Message(m));
    }
    if !e.session_id.is_empty() {
        f(4, Value::String(&e.session_id));
    }
    if e.sequence != 0 {
        f(5, Value::U64(e.sequence));
    }
    if e.platform != 0 {
        f(
            6,
            Value::Enum(EnumValue::new(e.platform, <t::Platform as EnumMeta>::INFO)),
        );
    }
    if let Some(m) = &e.device {
        f(7, Value::Message(m));
    }
    if let Some(m) = &e.user {
        f(8, Value::Message(m));
    }
    if !e.ip_address.is_empty() {
        f(9, Value::String(&e.ip_address));
    }
    if e.schema_version != 0 {
        f(10, Value::U32(e.schema_version));
    }
    if !e.sdk_name.is_empty() {
        f(11, Value::String(&e.sdk_name));
    }
    if !e.sdk_version.is_empty() {
        f(12, Value::String(&e.sdk_version));
    }
    if !e.tags.is_empty() {
        f(13, Value::List(ListRef::new(&e.tags, field(12))));
    }
    if !e.properties.is_empty() {
        f(14, Value::Map(MapRef::new(&e.properties, field(13))));
    }
    if e.test {
        f(15, Value::Bool(e.test));
    }
    if e.sample_rate.to_bits() != 0 {
        f(16, Value::F64(e.sample_rate));
    }
    if !e.upload_cookie.is_empty() {
        f(17, Value::Bytes(&e.upload_cookie));
    }
    if let Some(t::event::Body::Purchase(m)) = &e.body {
        f(22, Value::Message(m));
    }
}

/// The envelope's scalar fields and a value for each, in both worlds.
fn set_values() -> Vec<(&'static str, OwnedValue, prost_reflect::Value)> {
    use prost_reflect::Value as R;
    vec![
        ("id", OwnedValue::from("e-2"), R::String("e-2".into())),
        (
            "session_id",
            OwnedValue::from("s-43"),
            R::String("s-43".into()),
        ),
        ("sequence", OwnedValue::U64(8), R::U64(8)),
        ("platform", OwnedValue::I32(1), R::EnumNumber(1)),
        (
            "ip_address",
            OwnedValue::from("10.0.0.2"),
            R::String("10.0.0.2".into()),
        ),
        ("schema_version", OwnedValue::U32(4), R::U32(4)),
        (
            "sdk_name",
            OwnedValue::from("vsco-ios"),
            R::String("vsco-ios".into()),
        ),
        (
            "sdk_version",
            OwnedValue::from("9.2.0"),
            R::String("9.2.0".into()),
        ),
        ("test", OwnedValue::Bool(true), R::Bool(true)),
        ("sample_rate", OwnedValue::F64(0.25), R::F64(0.25)),
    ]
}

/// The string fields of `set_values`.
fn string_values() -> Vec<(&'static str, String)> {
    set_values()
        .into_iter()
        .filter_map(|(n, v, _)| match v {
            OwnedValue::String(s) => Some((n, s)),
            _ => None,
        })
        .collect()
}

/// What a caller does with a value it read: look at it. Every variant consumes values this
/// way, so that none is measured only moving them around.
fn weigh(v: &Value<'_>) -> usize {
    match v {
        Value::Bool(b) => usize::from(*b),
        Value::I32(x) => *x as usize,
        Value::I64(x) => *x as usize,
        Value::U32(x) => *x as usize,
        Value::U64(x) => *x as usize,
        Value::F32(x) => *x as usize,
        Value::F64(x) => *x as usize,
        Value::String(s) => s.len(),
        Value::Bytes(b) => b.len(),
        Value::Enum(e) => e.number as usize,
        Value::Message(_) => 1,
        Value::List(l) => l.len(),
        Value::Map(m) => m.len(),
    }
}

fn weigh_dynamic(v: &prost_reflect::Value) -> usize {
    use prost_reflect::Value as R;
    match v {
        R::Bool(b) => usize::from(*b),
        R::I32(x) => *x as usize,
        R::I64(x) => *x as usize,
        R::U32(x) => *x as usize,
        R::U64(x) => *x as usize,
        R::F32(x) => *x as usize,
        R::F64(x) => *x as usize,
        R::String(s) => s.len(),
        R::Bytes(b) => b.len(),
        R::EnumNumber(n) => *n as usize,
        R::Message(_) => 1,
        R::List(l) => l.len(),
        R::Map(m) => m.len(),
    }
}

/// prost-reflect's walk over the present fields, looking at each as the others do.
fn walk_dynamic(d: &DynamicMessage) -> usize {
    d.fields()
        .map(|(f, v)| f.number() as usize + weigh_dynamic(v))
        .sum()
}

fn transcode(e: &t::Event, desc: &MessageDescriptor) -> DynamicMessage {
    match DynamicMessage::decode(desc.clone(), e.encode_to_vec().as_slice()) {
        Ok(m) => m,
        Err(err) => panic!("prost-reflect cannot decode the event: {err}"),
    }
}

fn dynamic_map(m: &DynamicMessage) -> BTreeMap<String, prost_reflect::Value> {
    m.fields()
        .map(|(f, v)| (f.name().to_string(), v.clone()))
        .collect()
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() -> ExitCode {
    bench_main(
        "compare",
        "key-value reflection on telemetry.v1.Event",
        [(31, 1000), (101, 4000)],
        &[
            "(targets: >= 10x prost-reflect dynamic for get, set and iteration; ours <= 1.5x hand.",
            " `allocs`: allocations in one run; get reads 33 keys; set_owned_strings moves in strings built untimed)",
        ],
        |pool| {
            let desc = pool
                .get_message_by_name("telemetry.v1.Event")
                .ok_or("telemetry.v1.Event is not in the pool")?;
            check_agreement(&desc).map_err(|e| format!("the variants disagree: {e}"))?;
            Ok(operations(&desc))
        },
    )
}

/// Before timing anything: every variant reads and writes the same thing.
fn check_agreement(desc: &MessageDescriptor) -> Result<(), String> {
    let e = event();
    let dynamic = transcode(&e, desc);
    for f in <t::Event as MessageMeta>::INFO.fields {
        let ours = e.get(f.name).map_err(|err| err.to_string())?;
        let hand = hand_get(&e, f.name);
        if ours != hand {
            return Err(format!("{}: ours {ours:?}, hand {hand:?}", f.name));
        }
        if ours.is_some() != dynamic.has_field_by_name(f.name) && f.oneof.is_some() {
            return Err(format!("{}: presence differs from prost-reflect", f.name));
        }
    }
    let map = e.to_map(KeyStyle::ProtoName);
    if Some(&map) != hand_to_map::<Owned>(&e).as_ref() {
        return Err("to_map differs from the hand-written map".into());
    }
    if Some(map) != hand_to_map::<Inline>(&e).map(inline_to_value_map) {
        return Err("to_map differs from the hand-written map of inline strings".into());
    }
    let mut ours_fields = Vec::new();
    for (f, v) in e.fields() {
        ours_fields.push((f.number, v));
    }
    let mut hand = Vec::new();
    hand_fields(&e, |n, v| hand.push((n, v)));
    if ours_fields != hand {
        return Err("fields() differs from the hand-written iteration".into());
    }
    let numbers: Vec<u32> = dynamic.fields().map(|(f, _)| f.number()).collect();
    if numbers != ours_fields.iter().map(|(n, _)| *n).collect::<Vec<_>>() {
        return Err(format!(
            "present fields differ from prost-reflect's: {numbers:?}"
        ));
    }
    let scalars: Vec<(&str, OwnedValue)> = set_values()
        .into_iter()
        .filter(|(_, v, _)| !matches!(v, OwnedValue::String(_)))
        .map(|(n, v, _)| (n, v))
        .collect();
    let (a, b, c, d, f) = SCALAR_VALUES;
    let timed = [
        OwnedValue::U64(a),
        OwnedValue::I32(b),
        OwnedValue::U32(c),
        OwnedValue::Bool(d),
        OwnedValue::F64(f),
    ];
    if scalars.iter().map(|(n, _)| *n).ne(SCALAR_KEYS)
        || scalars.iter().map(|(_, v)| v).ne(timed.iter())
    {
        return Err("set_scalars times other keys or values than set_values checks".into());
    }
    let (mut a, mut b) = (e.clone(), e.clone());
    for (name, value, _) in set_values() {
        a.set_value(name, value.clone())
            .map_err(|err| err.to_string())?;
        hand_set(&mut b, name, value).map_err(|()| format!("hand set {name}"))?;
    }
    if a != b {
        return Err("set differs from the hand-written match".into());
    }
    let (mut a, mut b) = (e.clone(), e.clone());
    for (name, value) in string_values() {
        a.set_from(name, &Value::String(&value))
            .map_err(|err| err.to_string())?;
        hand_set_str(&mut b, name, &value).map_err(|()| format!("hand set {name}"))?;
    }
    if a != b || a == e {
        return Err("set_from differs from the hand-written copy".into());
    }
    Ok(())
}

fn operations(desc: &MessageDescriptor) -> Vec<Operation> {
    let names: Vec<&'static str> = <t::Event as MessageMeta>::INFO
        .fields
        .iter()
        .map(|f| f.name)
        .collect();
    let e = event();
    let dynamic = transcode(&e, desc);

    // Every variant looks at each value it reads (`weigh`), as a caller would.
    let get = {
        let (n1, n2, n3, n4) = (names.clone(), names.clone(), names.clone(), names);
        let (e1, e2, e3) = (e.clone(), e.clone(), e.clone());
        let (d, desc) = (dynamic.clone(), desc.clone());
        Operation {
            name: "get_by_name",
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        let mut sum = 0;
                        for n in black_box(&n1) {
                            if let Ok(Some(v)) = black_box(&e1).get(n) {
                                sum += weigh(&v);
                            }
                        }
                        black_box(sum);
                    }),
                ),
                (
                    "hand",
                    plain(move || {
                        let mut sum = 0;
                        for n in black_box(&n2) {
                            if let Some(v) = hand_get(black_box(&e2), n) {
                                sum += weigh(&v);
                            }
                        }
                        black_box(sum);
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        let mut sum = 0;
                        for n in black_box(&n3) {
                            if let Some(v) = black_box(&d).get_field_by_name(n) {
                                sum += weigh_dynamic(&v);
                            }
                        }
                        black_box(sum);
                    }),
                ),
                (
                    "prost_reflect_transcode",
                    plain(move || {
                        let d = transcode(black_box(&e3), &desc);
                        let mut sum = 0;
                        for n in black_box(&n4) {
                            if let Some(v) = d.get_field_by_name(n) {
                                sum += weigh_dynamic(&v);
                            }
                        }
                        black_box(sum);
                    }),
                ),
            ],
        }
    };

    let set_scalars = set_scalars(&e, &dynamic);
    let set_strings = set_strings(&e, &dynamic);
    let set_owned_strings = set_owned_strings(&e, &dynamic);

    let iterate = {
        let (e1, e2, e3) = (e.clone(), e.clone(), e.clone());
        let (d, desc) = (dynamic.clone(), desc.clone());
        Operation {
            name: "iterate_fields",
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        let mut sum = 0;
                        black_box(&e1).visit_fields(|f, v| sum += f.number as usize + weigh(v));
                        black_box(sum);
                    }),
                ),
                (
                    "hand",
                    plain(move || {
                        let mut sum = 0;
                        hand_fields(black_box(&e2), |n, v| sum += n as usize + weigh(&v));
                        black_box(sum);
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        black_box(walk_dynamic(black_box(&d)));
                    }),
                ),
                (
                    "prost_reflect_transcode",
                    plain(move || {
                        black_box(walk_dynamic(&transcode(black_box(&e3), &desc)));
                    }),
                ),
            ],
        }
    };

    let iterate_dyn = {
        let e1: Box<dyn Reflect> = Box::new(e.clone());
        let d = dynamic.clone();
        Operation {
            name: "iterate_fields_dyn",
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        let mut sum = 0;
                        black_box(&*e1)
                            .for_each_field(&mut |f, v| sum += f.number as usize + weigh(v));
                        black_box(sum);
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        black_box(walk_dynamic(black_box(&d)));
                    }),
                ),
            ],
        }
    };

    // The `fields()` iterator in the two ways callers drive an iterator, each side the same
    // way: adapters that end in `sum` (internal iteration, `fold`) and a `for` loop (`next`).
    let iterator = {
        let e1 = e.clone();
        let d = dynamic.clone();
        Operation {
            name: "fields_iterator",
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        let sum: usize = black_box(&e1)
                            .fields()
                            .map(|(f, v)| f.number as usize + weigh(&v))
                            .sum();
                        black_box(sum);
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        black_box(walk_dynamic(black_box(&d)));
                    }),
                ),
            ],
        }
    };

    let iterator_loop = {
        let e1 = e.clone();
        let d = dynamic.clone();
        Operation {
            name: "fields_iterator_loop",
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        let mut sum = 0;
                        for (f, v) in black_box(&e1).fields() {
                            sum += f.number as usize + weigh(&v);
                        }
                        black_box(sum);
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        let mut sum = 0;
                        for (f, v) in black_box(&d).fields() {
                            sum += f.number() as usize + weigh_dynamic(v);
                        }
                        black_box(sum);
                    }),
                ),
            ],
        }
    };

    let to_map = {
        let (e1, e2, e3, e4) = (e.clone(), e.clone(), e.clone(), e);
        let (d, desc) = (dynamic, desc.clone());
        Operation {
            name: "to_map",
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        black_box(black_box(&e1).to_map(KeyStyle::ProtoName));
                    }),
                ),
                (
                    "hand",
                    plain(move || {
                        black_box(hand_to_map::<Owned>(black_box(&e3)));
                    }),
                ),
                (
                    "hand_inline_strings",
                    plain(move || {
                        black_box(hand_to_map::<Inline>(black_box(&e4)));
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        black_box(dynamic_map(black_box(&d)));
                    }),
                ),
                (
                    "prost_reflect_transcode",
                    plain(move || {
                        black_box(dynamic_map(&transcode(black_box(&e2), &desc)));
                    }),
                ),
            ],
        }
    };
    vec![
        get,
        set_scalars,
        set_strings,
        set_owned_strings,
        iterate,
        iterate_dyn,
        iterator,
        iterator_loop,
        to_map,
    ]
}

/// The keys `set_scalars` sets, in order. Each run hides the array from the optimizer once
/// (`black_box(&SCALAR_KEYS)`), not each key: a `black_box` per `&str` spills it to the stack
/// and reloads it, a store-forwarding stall per call that every variant would pay.
static SCALAR_KEYS: [&str; 5] = [
    "sequence",
    "platform",
    "schema_version",
    "test",
    "sample_rate",
];
/// The values `set_scalars` sets under `SCALAR_KEYS`.
static SCALAR_VALUES: (u64, i32, u32, bool, f64) = (8, 1, 4, true, 0.25);

/// Sets the envelope's 5 non-string scalar fields by name, each value made where it is set
/// (as a caller writes `event.set("sequence", n)`), so that only the sets are timed. The
/// names and values are those of `set_values`, which `check_agreement` runs through every
/// variant.
fn set_scalars(e: &t::Event, dynamic: &DynamicMessage) -> Operation {
    use prost_reflect::Value as R;
    let (mut e1, mut e2) = (e.clone(), e.clone());
    let mut d = dynamic.clone();
    Operation {
        name: "set_scalars_by_name",
        variants: vec![
            (
                "ours",
                plain(move || {
                    let (e, k) = (black_box(&mut e1), black_box(&SCALAR_KEYS));
                    let ok = |r: Result<(), _>| black_box(r.is_ok());
                    ok(e.set(k[0], black_box(SCALAR_VALUES.0)));
                    ok(e.set(k[1], black_box(SCALAR_VALUES.1)));
                    ok(e.set(k[2], black_box(SCALAR_VALUES.2)));
                    ok(e.set(k[3], black_box(SCALAR_VALUES.3)));
                    ok(e.set(k[4], black_box(SCALAR_VALUES.4)));
                }),
            ),
            (
                "hand",
                plain(move || {
                    let (e, k) = (black_box(&mut e2), black_box(&SCALAR_KEYS));
                    let set = |e: &mut t::Event, n, v| black_box(hand_set(e, n, v).is_ok());
                    set(e, k[0], OwnedValue::U64(black_box(SCALAR_VALUES.0)));
                    set(e, k[1], OwnedValue::I32(black_box(SCALAR_VALUES.1)));
                    set(e, k[2], OwnedValue::U32(black_box(SCALAR_VALUES.2)));
                    set(e, k[3], OwnedValue::Bool(black_box(SCALAR_VALUES.3)));
                    set(e, k[4], OwnedValue::F64(black_box(SCALAR_VALUES.4)));
                }),
            ),
            (
                "prost_reflect_dynamic",
                plain(move || {
                    let (d, k) = (black_box(&mut d), black_box(&SCALAR_KEYS));
                    d.set_field_by_name(k[0], R::U64(black_box(SCALAR_VALUES.0)));
                    d.set_field_by_name(k[1], R::EnumNumber(black_box(SCALAR_VALUES.1)));
                    d.set_field_by_name(k[2], R::U32(black_box(SCALAR_VALUES.2)));
                    d.set_field_by_name(k[3], R::Bool(black_box(SCALAR_VALUES.3)));
                    d.set_field_by_name(k[4], R::F64(black_box(SCALAR_VALUES.4)));
                }),
            ),
        ],
    }
}

/// Sets the envelope's 5 string fields by name from borrowed strings (`&str`, as from a
/// parsed request): ours with `set_from`, which copies into the field's buffer, the hand
/// variant likewise; prost-reflect takes only an owned value, so it allocates the string.
fn set_strings(e: &t::Event, dynamic: &DynamicMessage) -> Operation {
    use prost_reflect::Value as R;
    let values = string_values();
    let (v1, v2, v3) = (values.clone(), values.clone(), values);
    let (mut e1, mut e2) = (e.clone(), e.clone());
    let mut d = dynamic.clone();
    Operation {
        name: "set_strings_by_name",
        variants: vec![
            (
                "ours",
                plain(move || {
                    for (n, v) in black_box(&v1) {
                        let r = black_box(&mut e1).set_from(n, &Value::String(v));
                        black_box(r.is_ok());
                    }
                }),
            ),
            (
                "hand",
                plain(move || {
                    for (n, v) in black_box(&v2) {
                        let r = hand_set_str(black_box(&mut e2), n, v);
                        black_box(r.is_ok());
                    }
                }),
            ),
            (
                "prost_reflect_dynamic",
                plain(move || {
                    for (n, v) in black_box(&v3) {
                        let value = R::String(v.clone());
                        black_box(&mut d).set_field_by_name(n, value);
                    }
                }),
            ),
        ],
    }
}

/// Sets the envelope's 5 string fields by name with owned strings. The strings are built
/// before the timed runs (`batched`) and moved in, so every variant's time is the `set`
/// itself, including dropping the string it replaces.
fn set_owned_strings(e: &t::Event, dynamic: &DynamicMessage) -> Operation {
    let values: Vec<_> = set_values()
        .into_iter()
        .filter(|(_, v, _)| matches!(v, OwnedValue::String(_)))
        .collect();
    let names: [&'static str; STRING_FIELDS] = std::array::from_fn(|i| values[i].0);
    let ours: [OwnedValue; STRING_FIELDS] = std::array::from_fn(|i| values[i].1.clone());
    let theirs: [prost_reflect::Value; STRING_FIELDS] =
        std::array::from_fn(|i| values[i].2.clone());
    let (mut e1, mut e2) = (e.clone(), e.clone());
    let mut d = dynamic.clone();
    let hand = ours.clone();
    Operation {
        name: "set_owned_strings_by_name",
        variants: vec![
            (
                "ours",
                batched(
                    move || ours.clone(),
                    move |values| {
                        for (n, v) in black_box(&names).iter().zip(values) {
                            let r = black_box(&mut e1).set_value(n, v);
                            black_box(r.is_ok());
                        }
                    },
                ),
            ),
            (
                "hand",
                batched(
                    move || hand.clone(),
                    move |values| {
                        for (n, v) in black_box(&names).iter().zip(values) {
                            let r = hand_set(black_box(&mut e2), n, v);
                            black_box(r.is_ok());
                        }
                    },
                ),
            ),
            (
                "prost_reflect_dynamic",
                batched(
                    move || theirs.clone(),
                    move |values| {
                        for (n, v) in black_box(&names).iter().zip(values) {
                            black_box(&mut d).set_field_by_name(n, v);
                        }
                    },
                ),
            ),
        ],
    }
}

/// How many of the envelope's fields `set_values` gives as strings.
const STRING_FIELDS: usize = 5;
