//! Uses the generated telemetry types: builds an event with prost, then reads the schema
//! metadata that protoc-gen-prost-vsco compiled into this crate (no descriptor pool).

#[allow(clippy::all)]
pub mod schema {
    include!(concat!(env!("OUT_DIR"), "/_include.rs"));
}

use prost::Message;
use prost_vsco::{Cardinality, MessageMeta, Reflect};
use schema::telemetry::v1::{Event, Login, Platform, event};

fn main() {
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
