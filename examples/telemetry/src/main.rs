//! Uses the generated telemetry types: builds an event with prost, reads the schema metadata
//! that protoc-gen-prost-vsco compiled into this crate (no descriptor pool), then reads and
//! writes the event by key through the generated reflection, and converts it to and from JSON
//! (the README's examples, run).

#[allow(clippy::all)]
pub mod schema {
    include!(concat!(env!("OUT_DIR"), "/_include.rs"));
}

use prost::Message;
use prost_vsco::{
    Cardinality, KeyStyle, MessageMeta, OwnedValue, Reflect, ReflectError, ReflectExt, Value,
    ValueMut,
};
use schema::telemetry::v1::{Event, EventBodyMember, Login, Platform, Purchase, event};

fn main() {
    metadata();
    if let Err(e) = reflection() {
        eprintln!("reflection failed: {e}");
        std::process::exit(1);
    }
    if let Err(e) = json() {
        eprintln!("JSON failed: {e}");
        std::process::exit(1);
    }
    if let Err(e) = vendors() {
        eprintln!("vendor properties failed: {e}");
        std::process::exit(1);
    }
}

/// Vendor properties, as the README shows them: the keys come from tables the plugin
/// generated (`vendors=all` in build.rs), the values from the event.
fn vendors() -> Result<(), Box<dyn std::error::Error>> {
    use prost_vsco::vendor::{self, Profile, VendorExt};
    println!(
        "
vendors:"
    );
    let event = Event {
        id: "e-1".into(),
        session_id: "s-1".into(),
        ip_address: "10.0.0.1".into(),
        tags: vec!["beta".into(), "x".repeat(120)],
        body: Some(Purchase::default().into()),
        ..Default::default()
    };
    let props = event.vendor_properties(&vendor::FIREBASE)?;
    println!("  firebase {}: {:?}", props.event_name, props.entries);
    for change in &props.adjustments {
        println!("    adjusted: {change}");
    }
    println!(
        "  mixpanel: {}",
        event
            .vendor_properties(&vendor::MIXPANEL)?
            .to_json(&vendor::MIXPANEL)
    );
    assert!(props.get("ip_address").is_none(), "PII stays out");
    let strict = Profile::builder("strict", &vendor::FIREBASE)
        .on_violation(vendor::OnViolation::Error)
        .build()?;
    match event.vendor_properties(&strict) {
        Ok(_) => println!("  strict: accepted"),
        Err(e) => println!("  strict: {e}"),
    }
    // The README's custom profile.
    use vendor::{KeyCase, LengthUnit, Nesting, Repeated};
    let posthog = Profile::builder("posthog", &vendor::SEGMENT)
        .key_case(KeyCase::Snake)
        .nesting(Nesting::Flatten, '.')
        .repeated(Repeated::Indexed, ",")
        .max_string_len(Some(512), LengthUnit::Chars)
        .max_properties(Some(100))
        .on_violation(vendor::OnViolation::Drop)
        .build()?;
    let props = event.vendor_properties(&posthog)?;
    println!("  posthog: {}", props.to_json(&posthog));
    Ok(())
}

/// Canonical and legacy JSON, as the README shows it.
fn json() -> Result<(), prost_vsco::json::JsonError> {
    use prost_vsco::json::{self, EnumFormat, Int64Format, JsonExt, JsonOptions, KeyNaming};
    println!("\njson:");
    let event = Event {
        id: "e-1".into(),
        session_id: "s-1".into(),
        sequence: u64::MAX,
        platform: Platform::Ios as i32,
        body: Some(Login::default().into()),
        ..Default::default()
    };
    let text = event.to_json()?;
    println!("  canonical: {text}");
    assert_eq!(Event::from_json(&text)?, event);
    let legacy = JsonOptions::default()
        .keys(KeyNaming::Legacy)
        .enums(EnumFormat::Numbers)
        .int64(Int64Format::Numbers)
        .emit_defaults(true);
    let text = json::to_string(&event, &legacy)?;
    println!("  legacy:    {text}");
    let back: Event = json::from_str(&text, &legacy)?;
    assert_eq!(back, event);
    let err = Event::from_json(r#"{"sequence": -1}"#).err();
    println!(
        "  error:     {}",
        err.map(|e| e.to_string()).unwrap_or_default()
    );
    Ok(())
}

/// Key-value access, as the README shows it.
fn reflection() -> Result<(), ReflectError> {
    println!(
        "
reflection:"
    );
    let mut event = Event {
        session_id: "s-42".into(),
        ..Default::default()
    };
    assert_eq!(event.get("session_id")?, Some(Value::String("s-42")));
    assert_eq!(event.get("sessionId")?, Some(Value::String("s-42")));
    assert_eq!(event.get_by_number(4)?, Some(Value::String("s-42")));
    assert_eq!(event.get("device")?, None);
    assert!(!event.has("sequence")?);

    event.set("sequence", 7)?;
    event.set("platform", "PLATFORM_ANDROID")?;
    event.set(
        "login",
        OwnedValue::message([("method", "AUTH_METHOD_EMAIL")]),
    )?;
    event.clear_field("login")?;

    event.set_path("device.os_version", "14")?;
    event.set_path(r#"properties["env"]"#, "prod")?;
    assert_eq!(
        event.get_path("device.osVersion")?,
        Some(Value::String("14"))
    );
    if let Some(ValueMut::List(mut tags)) = event.get_mut("tags")? {
        tags.push("beta")?;
    }
    for (field, value) in event.fields() {
        println!("  {} = {value:?}", field.name);
    }

    let map = event.to_map(KeyStyle::JsonName);
    println!("  as a map: {} keys", map.len());
    assert_eq!(Event::from_map(map)?, event);

    event.body = Some(Purchase::default().into());
    fn send(event: &mut Event, body: impl EventBodyMember) {
        event.body = Some(body.into());
    }
    send(&mut event, Login::default());

    fn count(m: &dyn Reflect) -> usize {
        m.fields()
            .map(|(_, v)| v.as_message().map_or(1, count))
            .sum()
    }
    println!("  {} leaf values", count(&event));

    // 2^40 does not fit a uint32: a typed error, and the event is unchanged.
    if let Err(e) = event.set("schema_version", 1i64 << 40) {
        println!("  refused: {e}");
    }
    Ok(())
}

fn metadata() {
    let login = Login {
        method: schema::telemetry::v1::AuthMethod::Email as i32,
        ..Login::default()
    };
    let ev = Event {
        id: "6f1c2a1e-0000-4000-8000-000000000001".into(),
        session_id: "s-42".into(),
        sequence: 7,
        platform: Platform::Android as i32,
        body: Some(event::Body::Login(login)),
        ..Event::default()
    };
    let bytes = ev.encode_to_vec();
    println!("encoded {} bytes of {}", bytes.len(), ev.info().full_name);

    println!("\nfields of {}:", Event::INFO.full_name);
    for f in Event::INFO.fields {
        let mut notes = Vec::new();
        if let Some(key) = f.options.legacy_key {
            notes.push(format!("legacy key `{key}`"));
        }
        if f.options.pii {
            notes.push("PII".to_string());
        }
        if let Some(o) = f.oneof {
            notes.push(format!("oneof `{}`", Event::INFO.oneofs[o].name));
        }
        let card = match f.cardinality {
            Cardinality::Implicit => "",
            Cardinality::Optional => "optional ",
            Cardinality::Required => "required ",
            Cardinality::Repeated => "repeated ",
            Cardinality::Map(_) => "map ",
        };
        println!(
            "  {:>2} {:<16} json {:<16} {card}{}{}",
            f.number,
            f.name,
            f.json_name,
            f.kind.proto_name(),
            if notes.is_empty() {
                String::new()
            } else {
                format!("  ({})", notes.join(", "))
            }
        );
    }

    println!("\nmembers of the oneof `body`:");
    let body = &Event::INFO.oneofs[0];
    for &i in body.fields {
        let field = &Event::INFO.fields[i];
        println!("  {:<16} -> {}", field.name, field.kind.proto_name());
    }
    println!(
        "\nLogin is sent to vendors as `{}`",
        Login::INFO.options.event_name.unwrap_or("(not an event)")
    );
}
