//! The serde impls generated with the `serde` parameter (the `example` golden case) agree with
//! the direct JSON API: same text out, same message in, same errors, through `serde_json`'s
//! text and through its `Value` tree (a serializer and deserializer that are not text).

use prost_vsco::json::{JsonExt, TypeRegistry};
use prost_vsco_conformance::random::{FillOptions, Rng, fill};
use vsco_golden_compile::cases;

use cases::example::telemetry::v1 as t;

fn random_event(seed: u64) -> t::Event {
    let mut rng = Rng::new(seed);
    let mut e = t::Event::default();
    let options = FillOptions {
        unknown_enum_numbers: true,
        nan_and_infinity: true,
        depth: 3,
    };
    if let Err(err) = fill(&mut e, &mut rng, options, &TypeRegistry::new()) {
        panic!("seed {seed}: filling an event failed: {err}");
    }
    e
}

fn json_value(e: &t::Event) -> serde_json::Value {
    serde_json::from_str(&e.to_json().unwrap()).unwrap()
}

#[test]
fn serialize_equals_the_direct_encoder() {
    for seed in 0..300 {
        let e = random_event(seed);
        let direct = e.to_json().unwrap();
        let via_serde = serde_json::to_string(&e).unwrap();
        // serde_json spells some floats differently (`1e+308`): compared as JSON values.
        let parsed: serde_json::Value = serde_json::from_str(&direct).unwrap();
        let parsed_serde: serde_json::Value = serde_json::from_str(&via_serde).unwrap();
        assert_eq!(parsed_serde, parsed, "seed {seed}");
        // A tree serializer sees the same structure.
        let tree = serde_json::to_value(&e).unwrap();
        assert_eq!(tree, parsed, "seed {seed}");
    }
}

#[test]
fn deserialize_equals_the_direct_decoder() {
    for seed in 0..300 {
        let e = random_event(seed);
        let text = e.to_json().unwrap();
        let direct = t::Event::from_json(&text).unwrap();
        let via_serde: t::Event = serde_json::from_str(&text).unwrap();
        // NaN fields make `==` fail on equal messages, and map fields iterate in a different
        // order in each copy: the encodings are compared as JSON values.
        let direct = json_value(&direct);
        assert_eq!(json_value(&via_serde), direct, "seed {seed}");
        let via_tree: t::Event = serde_json::from_value(serde_json::to_value(&e).unwrap()).unwrap();
        assert_eq!(json_value(&via_tree), direct, "seed {seed}");
        let pretty: t::Event =
            serde_json::from_str(&serde_json::to_string_pretty(&e).unwrap()).unwrap();
        assert_eq!(json_value(&pretty), direct, "seed {seed}");
    }
}

#[test]
fn nested_in_serde_types() {
    // The impls compose with derived serde code, e.g. a message inside a Vec and an Option.
    let events = vec![random_event(1), random_event(2)];
    let batch = (Some(events[0].clone()), events.clone());
    let text = serde_json::to_string(&batch).unwrap();
    let expected = format!(
        "[{},[{},{}]]",
        events[0].to_json().unwrap(),
        events[0].to_json().unwrap(),
        events[1].to_json().unwrap()
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        serde_json::from_str::<serde_json::Value>(&expected).unwrap()
    );
    let back: (Option<t::Event>, Vec<t::Event>) = serde_json::from_str(&text).unwrap();
    assert_eq!(back.1.len(), 2);
    assert_eq!(json_value(&back.1[1]), json_value(&events[1]));
}

#[test]
fn errors_match_the_direct_decoder() {
    let bad = [
        r#"{"sequence":"-1"}"#,
        r#"{"purchase":{"items":[{"quantity":-1}]}}"#,
        r#"{"nope":1}"#,
        r#"{"platform":"PLATFORM_MARS"}"#,
        r#"{"purchase":{},"login":{}}"#,
    ];
    for text in bad {
        let direct = t::Event::from_json(text).unwrap_err();
        let via_serde = serde_json::from_str::<t::Event>(text).unwrap_err();
        // The direct error's path and reason (its position refers to the transcoded text).
        let message = direct.to_string();
        let (path, rest) = message.split_once(" (line").unwrap();
        let reason = rest.split_once("): ").unwrap().1;
        let serde_message = via_serde.to_string();
        assert!(
            serde_message.starts_with(path) && serde_message.contains(reason),
            "{text}: serde says `{serde_message}`, direct says `{message}`"
        );
    }
    // Not an object at all.
    assert!(serde_json::from_str::<t::Event>("[1]").is_err());
    assert!(serde_json::from_str::<t::Event>("3").is_err());
}

#[test]
fn deep_input_is_refused_without_overflow() {
    let mut value = serde_json::json!({});
    for _ in 0..500 {
        value = serde_json::json!({ "purchase": { "x": value } });
    }
    let err = serde_json::from_value::<t::Event>(value).unwrap_err();
    assert!(err.to_string().contains("deeper than"), "{err}");
}

#[test]
fn the_deepest_message_to_json_writes_serializes_too() {
    use cases::recursive::rec::Node;
    // Nest until the encoder's depth limit refuses, with a scalar in the innermost message:
    // the deepest message the encoder writes must serialize through serde too, and decode.
    let mut node = Node {
        name: "leaf".into(),
        ..Default::default()
    };
    let mut levels = 1;
    loop {
        let deeper = Node {
            left: Some(Box::new(node.clone())),
            ..Default::default()
        };
        if deeper.to_json().is_err() {
            assert!(serde_json::to_string(&deeper).is_err(), "{levels} levels");
            break;
        }
        node = deeper;
        levels += 1;
        assert!(levels < 1000, "no depth limit");
    }
    assert!(levels > 100, "{levels}");
    let direct = node.to_json().unwrap();
    let via_serde = serde_json::to_string(&node).unwrap();
    assert_eq!(via_serde, direct);
    let back: Node = serde_json::from_str(&via_serde).unwrap();
    assert_eq!(back, node);
}

#[test]
fn numbers_handed_over_as_text_are_read_exactly() {
    // serde_json's `arbitrary_precision` feature hands numbers over as a one-entry map.
    let value = serde_json::json!({
        "sequence": { "$serde_json::private::Number": "18446744073709551615" },
        "sampleRate": { "$serde_json::private::Number": "0.1" },
    });
    let e: t::Event = serde_json::from_value(value).unwrap();
    assert_eq!(e.sequence, u64::MAX);
    assert_eq!(e.sample_rate, 0.1);
    let bad = serde_json::json!({ "sequence": { "$serde_json::private::Number": "1x" } });
    assert!(serde_json::from_value::<t::Event>(bad).is_err());
}
