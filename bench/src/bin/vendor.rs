//! Vendor properties speed: Firebase properties of the example's telemetry `Event` (a
//! purchase with device, user, tags, maps and a line item; 30 properties before Firebase's
//! limit of 25), side by side in one run:
//!
//! - **ours**: `event.vendor_properties(&vendor::FIREBASE)`, keys from the table the plugin
//!   generated (`vendors=all`);
//! - **hand**: a hand-written flattening of the same event with the same rules and the same
//!   output (the floor);
//! - **ours_runtime_keys**: the walk without generated code: every key computed at run time
//!   and every field read through reflection (`properties_without_tables`, the reference the
//!   tests compare with; a custom profile computes its keys but reads fields through the
//!   generated `vendor_fields`);
//! - **to_map_flatten**: the generic path without this feature: `to_map_redacted`, then a
//!   generic flattening of the owned map into Firebase properties.
//!
//! Operations: `firebase_properties` on that event, and `firebase_static_keys` on the same
//! event without its maps and lists (every key from the table); `mixpanel_properties`, a
//! profile that nests objects, on the event with five line items, ours against the walk
//! without generated code only (there is no hand-written Mixpanel flattening).
//!
//! Targets: ours within 1.5x of hand (ratio >= 0.667), at least 5x faster than
//! `to_map_flatten`, no allocation for static keys (the `allocs` column: ours allocates
//! the property vector, the adjustment vector and the keys made from data, no more).
//!
//! Run: `cargo run --release -p prost-vsco-bench --bin vendor [-- --quick]`

use std::borrow::Cow;
use std::hint::black_box;
use std::process::ExitCode;

use prost_vsco::vendor::{
    self, Adjustment, AdjustmentKind, Coercion, DropReason, Pii, VendorExt, VendorProperties,
    VendorValue,
};
use prost_vsco::{KeyStyle, OwnedValue, Reflect, ValueMap};
use prost_vsco_bench::harness::counting_alloc::{Counting, allocations};
use prost_vsco_bench::harness::{Operation, plain};
use prost_vsco_bench::schema::telemetry::v1 as t;
use prost_vsco_bench::{bench_main, event};

#[global_allocator]
static GLOBAL: Counting = Counting;

const MAX_STRING: usize = 100;
const MAX_PROPERTIES: usize = 25;

type Entries<'a> = Vec<(Cow<'static, str>, VendorValue<'a>)>;

/// Firebase's string rule: at most 100 UTF-16 units, cut on a character boundary.
fn text<'a>(key: &'static str, s: &'a str, adjustments: &mut Vec<Adjustment>) -> VendorValue<'a> {
    if s.len() <= MAX_STRING {
        return VendorValue::Str(Cow::Borrowed(s));
    }
    let len = s.encode_utf16().count();
    if len <= MAX_STRING {
        return VendorValue::Str(Cow::Borrowed(s));
    }
    let mut used = 0;
    let mut cut = s.len();
    for (at, c) in s.char_indices() {
        if used + c.len_utf16() > MAX_STRING {
            cut = at;
            break;
        }
        used += c.len_utf16();
    }
    adjustments.push(Adjustment {
        key: Cow::Borrowed(key),
        kind: AdjustmentKind::ValueTruncated {
            len,
            max: MAX_STRING,
        },
    });
    VendorValue::Str(Cow::Borrowed(&s[..cut]))
}

fn enum_name<E: prost_vsco::EnumMeta>(n: i32) -> VendorValue<'static> {
    match E::INFO.value_by_number(n) {
        Some(v) => VendorValue::Str(Cow::Borrowed(v.name)),
        None => VendorValue::Int(i64::from(n)),
    }
}

fn millis(ts: &prost_types::Timestamp) -> VendorValue<'static> {
    VendorValue::Int(
        ts.seconds
            .saturating_mul(1000)
            .saturating_add(i64::from(ts.nanos).div_euclid(1_000_000)),
    )
}

/// The floor: Firebase properties of an `Event` written out by hand for this schema.
fn hand(e: &t::Event) -> VendorProperties<'_> {
    let mut out: Entries<'_> = Vec::with_capacity(32);
    let mut adj = Vec::new();
    macro_rules! string {
        ($key:literal, $v:expr) => {
            if !$v.is_empty() {
                let v = text($key, &$v, &mut adj);
                out.push((Cow::Borrowed($key), v));
            }
        };
    }
    macro_rules! int {
        ($key:literal, $v:expr) => {
            if $v != 0 {
                out.push((Cow::Borrowed($key), VendorValue::Int(i64::from($v))));
            }
        };
    }
    macro_rules! double {
        ($key:literal, $v:expr) => {
            if $v != 0.0 {
                out.push((Cow::Borrowed($key), VendorValue::Double(f64::from($v))));
            }
        };
    }
    macro_rules! boolean {
        ($key:literal, $v:expr) => {
            if $v {
                out.push((Cow::Borrowed($key), VendorValue::Str(Cow::Borrowed("true"))));
            }
        };
    }
    string!("insert_id", e.id);
    if let Some(ts) = &e.timestamp {
        out.push((Cow::Borrowed("timestamp"), millis(ts)));
    }
    if let Some(ts) = &e.sent_at {
        out.push((Cow::Borrowed("sent_at"), millis(ts)));
    }
    string!("session_id", e.session_id);
    if e.sequence != 0 {
        let v = match i64::try_from(e.sequence) {
            Ok(i) => VendorValue::Int(i),
            Err(_) => {
                adj.push(Adjustment {
                    key: Cow::Borrowed("sequence"),
                    kind: AdjustmentKind::Coerced(Coercion::U64ToString),
                });
                VendorValue::Str(Cow::Owned(e.sequence.to_string()))
            }
        };
        out.push((Cow::Borrowed("sequence"), v));
    }
    if e.platform != 0 {
        out.push((
            Cow::Borrowed("platform"),
            enum_name::<t::Platform>(e.platform),
        ));
    }
    if let Some(d) = &e.device {
        string!("device_os", d.os);
        string!("device_os_version", d.os_version);
        string!("device_model", d.model);
        string!("device_manufacturer", d.manufacturer);
        string!("device_app_version", d.app_version);
        int!("device_app_build", d.app_build);
        string!("device_locale", d.locale);
        string!("device_timezone", d.timezone);
        int!("device_screen_width", d.screen_width);
        int!("device_screen_height", d.screen_height);
        double!("device_screen_density", d.screen_density);
        boolean!("device_is_simulator", d.is_simulator);
        if let Some(b) = d.battery_level {
            out.push((
                Cow::Borrowed("device_battery_level"),
                VendorValue::Double(f64::from(b)),
            ));
        }
        if d.connection != 0 {
            out.push((
                Cow::Borrowed("device_connection"),
                enum_name::<t::ConnectionType>(d.connection),
            ));
        }
        string!("device_carrier", d.carrier);
    }
    if let Some(u) = &e.user {
        string!("user_user_id", u.user_id);
        string!("user_anonymous_id", u.anonymous_id);
        let mut traits: Vec<_> = u.traits.iter().collect();
        traits.sort();
        for (k, v) in traits {
            // Keys of these maps are plain words here; a general version cleans them.
            let key: Cow<'static, str> = Cow::Owned(format!("user_traits_{k}"));
            out.push((key, VendorValue::Str(Cow::Borrowed(v.as_str()))));
        }
        boolean!("user_is_subscriber", u.is_subscriber);
        int!("user_account_age_days", u.account_age_days);
    }
    int!("schema_version", e.schema_version);
    string!("sdk_name", e.sdk_name);
    string!("sdk_version", e.sdk_version);
    if !e.tags.is_empty() {
        let mut joined = e.tags.join(",");
        if let VendorValue::Str(Cow::Borrowed(cut)) = text("tags", &joined, &mut adj) {
            let len = cut.len();
            joined.truncate(len);
        }
        out.push((Cow::Borrowed("tags"), VendorValue::Str(Cow::Owned(joined))));
    }
    let mut props: Vec<_> = e.properties.iter().collect();
    props.sort();
    for (k, v) in props {
        out.push((
            Cow::Owned(format!("properties_{k}")),
            VendorValue::Str(Cow::Borrowed(v.as_str())),
        ));
    }
    boolean!("test", e.test);
    double!("sample_rate", e.sample_rate);
    let mut event_name = "";
    if let Some(t::event::Body::Purchase(p)) = &e.body {
        event_name = "order_completed";
        string!("order_id", p.order_id);
        for (n, item) in p.items.iter().enumerate() {
            if let Some(product) = &item.product {
                let prefix = format!("items_{n}_product_");
                if !product.sku.is_empty() {
                    out.push((
                        Cow::Owned(format!("{prefix}sku")),
                        VendorValue::Str(Cow::Borrowed(&product.sku)),
                    ));
                }
                if !product.name.is_empty() {
                    out.push((
                        Cow::Owned(format!("{prefix}name")),
                        VendorValue::Str(Cow::Borrowed(&product.name)),
                    ));
                }
                if product.price != 0.0 {
                    out.push((
                        Cow::Owned(format!("{prefix}price")),
                        VendorValue::Double(product.price),
                    ));
                }
            }
            if item.quantity != 0 {
                out.push((
                    Cow::Owned(format!("items_{n}_quantity")),
                    VendorValue::Int(i64::from(item.quantity)),
                ));
            }
            if item.discount != 0.0 {
                out.push((
                    Cow::Owned(format!("items_{n}_discount")),
                    VendorValue::Double(item.discount),
                ));
            }
        }
        double!("revenue", p.revenue);
        if p.currency != 0 {
            out.push((
                Cow::Borrowed("currency"),
                enum_name::<t::Currency>(p.currency),
            ));
        }
        int!("tax_minor_units", p.tax_minor_units);
        if let Some(c) = &p.coupon_code {
            let v = text("coupon_code", c, &mut adj);
            out.push((Cow::Borrowed("coupon_code"), v));
        }
    }
    if out.len() > MAX_PROPERTIES {
        for (key, _) in out.drain(MAX_PROPERTIES..) {
            adj.push(Adjustment {
                key,
                kind: AdjustmentKind::Dropped(DropReason::CountLimit {
                    max: MAX_PROPERTIES,
                }),
            });
        }
    }
    VendorProperties {
        event_name: Cow::Borrowed(event_name),
        entries: out,
        adjustments: adj,
    }
}

/// The generic path: an owned map, flattened without the schema (keys joined with `_`,
/// values converted by their runtime type, Firebase's string and count limits).
fn to_map_flatten(e: &t::Event) -> (Vec<(String, VendorValue<'static>)>, usize) {
    fn walk(map: &ValueMap, prefix: &str, out: &mut Vec<(String, VendorValue<'static>)>) {
        for (k, v) in map {
            let key = if prefix.is_empty() {
                k.to_string()
            } else {
                format!("{prefix}_{k}")
            };
            value(key, v, out);
        }
    }
    fn value(key: String, v: &OwnedValue, out: &mut Vec<(String, VendorValue<'static>)>) {
        let leaf = match v {
            OwnedValue::Bool(b) => {
                VendorValue::Str(Cow::Borrowed(if *b { "true" } else { "false" }))
            }
            OwnedValue::I32(i) => VendorValue::Int(i64::from(*i)),
            OwnedValue::I64(i) => VendorValue::Int(*i),
            OwnedValue::U32(i) => VendorValue::Int(i64::from(*i)),
            OwnedValue::U64(i) => match i64::try_from(*i) {
                Ok(i) => VendorValue::Int(i),
                Err(_) => VendorValue::Str(Cow::Owned(i.to_string())),
            },
            OwnedValue::F32(f) => VendorValue::Double(f64::from(*f)),
            OwnedValue::F64(f) => VendorValue::Double(*f),
            OwnedValue::String(s) => {
                let cut = s
                    .char_indices()
                    .scan(0, |used, (at, c)| {
                        *used += c.len_utf16();
                        Some((at, *used))
                    })
                    .find(|(_, used)| *used > MAX_STRING)
                    .map_or(s.len(), |(at, _)| at);
                VendorValue::Str(Cow::Owned(s[..cut].to_string()))
            }
            OwnedValue::Bytes(b) => {
                use base64::Engine;
                VendorValue::Str(Cow::Owned(
                    base64::engine::general_purpose::STANDARD.encode(b),
                ))
            }
            OwnedValue::Enum(e) => match e.name() {
                Some(n) => VendorValue::Str(Cow::Borrowed(n)),
                None => VendorValue::Int(i64::from(e.number)),
            },
            OwnedValue::Message(m) => return walk(m, &key, out),
            OwnedValue::List(items) => {
                if items.iter().any(|i| matches!(i, OwnedValue::Message(_))) {
                    for (n, item) in items.iter().enumerate() {
                        value(format!("{key}_{n}"), item, out);
                    }
                    return;
                }
                let joined: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        OwnedValue::String(s) => s.clone(),
                        other => format!("{other:?}"),
                    })
                    .collect();
                VendorValue::Str(Cow::Owned(joined.join(",")))
            }
            OwnedValue::Map(m) => {
                for (k, v) in m {
                    let k = match k {
                        prost_vsco::MapKey::String(s) => s.clone(),
                        other => format!("{other:?}"),
                    };
                    value(format!("{key}_{k}"), v, out);
                }
                return;
            }
        };
        out.push((key, leaf));
    }
    let map = e.to_map_redacted(KeyStyle::ProtoName);
    let mut out = Vec::new();
    walk(&map, "", &mut out);
    let dropped = out.len().saturating_sub(MAX_PROPERTIES);
    out.truncate(MAX_PROPERTIES);
    (out, dropped)
}

/// The benchmark event without its maps and lists: every key comes from the table.
fn static_keys_event() -> t::Event {
    let mut e = event();
    e.tags.clear();
    e.properties.clear();
    if let Some(user) = &mut e.user {
        user.traits.clear();
    }
    if let Some(t::event::Body::Purchase(p)) = &mut e.body {
        p.items.clear();
    }
    e
}

/// Before timing anything: ours, the hand-written floor and the run-time keys agree.
fn check_agreement() -> Result<(), String> {
    let e = event();
    let ours = e
        .vendor_properties(&vendor::FIREBASE)
        .map_err(|err| err.to_string())?;
    let computed = vendor::properties_without_tables(&e, &vendor::FIREBASE, Pii::Exclude)
        .map_err(|err| err.to_string())?;
    if ours != computed {
        return Err("generated tables and run-time keys differ".into());
    }
    let floor = hand(&e);
    if ours != floor {
        return Err(format!("ours {ours:#?}\nhand {floor:#?}"));
    }
    let fixed = static_keys_event();
    if fixed.vendor_properties(&vendor::FIREBASE).ok() != Some(hand(&fixed)) {
        return Err("ours and hand differ on the event with static keys only".into());
    }
    let items = five_items_event();
    if items
        .vendor_properties(&vendor::MIXPANEL)
        .map_err(|err| err.to_string())?
        != vendor::properties_without_tables(&items, &vendor::MIXPANEL, Pii::Exclude)
            .map_err(|err| err.to_string())?
    {
        return Err("Mixpanel: generated tables and run-time keys differ".into());
    }
    if e.vendor_table(vendor::Builtin::Firebase).is_none() {
        return Err("the benchmark schema has no Firebase table (vendors=all)".into());
    }
    // Static keys cost no allocation: an event whose fields all have keys from the table
    // (no map entries, no list elements) allocates the property vector and nothing else.
    let fixed_keys = static_keys_event();
    let (allocs, props) =
        allocations(|| black_box(&fixed_keys).vendor_properties(&vendor::FIREBASE));
    let props = props.map_err(|err| err.to_string())?;
    if allocs != 1 || !props.adjustments.is_empty() {
        return Err(format!(
            "{allocs} allocations for {} properties with static keys (expected 1, the vector)",
            props.entries.len()
        ));
    }
    println!(
        "allocation check: {} properties with static keys, {allocs} allocation (the property vector)",
        props.entries.len()
    );
    Ok(())
}

fn operations() -> Vec<Operation> {
    vec![
        firebase("firebase_properties", event),
        firebase("firebase_static_keys", static_keys_event),
        mixpanel(),
    ]
}

/// The benchmark event with five line items.
fn five_items_event() -> t::Event {
    let mut e = event();
    if let Some(t::event::Body::Purchase(p)) = &mut e.body {
        p.items = vec![p.items[0].clone(); 5];
    }
    e
}

fn mixpanel() -> Operation {
    let (e1, e2) = (five_items_event(), five_items_event());
    Operation {
        name: "mixpanel_properties",
        variants: vec![
            (
                "ours",
                plain(move || {
                    black_box(black_box(&e1).vendor_properties(&vendor::MIXPANEL).ok());
                }),
            ),
            (
                "ours_runtime_keys",
                plain(move || {
                    black_box(
                        vendor::properties_without_tables(
                            black_box(&e2),
                            &vendor::MIXPANEL,
                            Pii::Exclude,
                        )
                        .ok(),
                    );
                }),
            ),
        ],
    }
}

fn firebase(name: &'static str, make: fn() -> t::Event) -> Operation {
    let (e1, e2, e3, e4) = (make(), make(), make(), make());
    Operation {
        name,
        variants: vec![
            (
                "ours",
                plain(move || {
                    black_box(black_box(&e1).vendor_properties(&vendor::FIREBASE).ok());
                }),
            ),
            (
                "hand",
                plain(move || {
                    black_box(hand(black_box(&e2)));
                }),
            ),
            (
                "ours_runtime_keys",
                plain(move || {
                    black_box(
                        vendor::properties_without_tables(
                            black_box(&e3),
                            &vendor::FIREBASE,
                            Pii::Exclude,
                        )
                        .ok(),
                    );
                }),
            ),
            (
                "to_map_flatten",
                plain(move || {
                    black_box(to_map_flatten(black_box(&e4)));
                }),
            ),
        ],
    }
}

fn main() -> ExitCode {
    bench_main(
        "vendor",
        "Firebase properties of telemetry.v1.Event",
        [(31, 2000), (101, 8000)],
        &[
            "(targets: hand/ours >= 0.667 (ours within 1.5x of the floor); to_map_flatten/ours >= 5;",
            " `allocs`: allocations in one run)",
        ],
        |_pool| {
            check_agreement().map_err(|e| format!("the variants disagree: {e}"))?;
            Ok(operations())
        },
    )
}
