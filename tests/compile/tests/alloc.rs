//! `get`, `get_path`, `has` and field iteration allocate nothing: counted with a global
//! allocator that tallies this thread's allocations.

use prost_vsco::{KeyRef, Reflect, Value};
use vsco_golden_compile::cases::example::telemetry::v1 as t;

#[path = "../../support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{Counting, allocations};

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn reads_allocate_nothing() {
    let event = t::Event {
        id: "e".into(),
        device: Some(t::Device {
            os_version: "14".into(),
            ..Default::default()
        }),
        tags: vec!["a".into()],
        properties: [("env".to_string(), "prod".to_string())].into(),
        body: Some(t::Login::default().into()),
        ..Default::default()
    };
    let numbers: Vec<u32> = event.info().fields.iter().map(|f| f.number).collect();
    let names: Vec<&str> = event.info().fields.iter().map(|f| f.name).collect();
    let json: Vec<&str> = event.info().fields.iter().map(|f| f.json_name).collect();
    let (n, present) = allocations(|| {
        let mut present = 0;
        for key in names.iter().chain(&json) {
            if let Ok(Some(v)) = event.get(key) {
                present += usize::from(!v.is_default());
            }
            let _ = event.has(key);
        }
        for n in &numbers {
            let _ = event.get_by_number(*n).ok().flatten();
        }
        present
    });
    // Only errors allocate (their message names the key).
    assert_eq!(n, 0, "get/has allocated");
    assert!(present > 0);
    let (n, v) = allocations(|| {
        (
            event.get_path("device.os_version").ok().flatten(),
            event.get_path(r#"properties["env"]"#).ok().flatten(),
            event.get_path("tags[0]").ok().flatten(),
        )
    });
    assert_eq!(n, 0, "get_path allocated");
    assert_eq!(v.0, Some(Value::String("14")));
    let (n, count) = allocations(|| event.fields().count());
    assert_eq!(n, 0, "fields() allocated");
    assert_eq!(count, 5);
    let (n, found) = allocations(|| {
        event
            .get("properties")
            .ok()
            .flatten()
            .and_then(|v| v.as_map())
            .and_then(|m| m.get(KeyRef::String("env")))
    });
    assert_eq!(n, 0, "map lookup allocated");
    assert_eq!(found, Some(Value::String("prod")));
}

#[test]
fn set_from_copies_into_the_existing_buffer() {
    let mut event = t::Event {
        id: "a-long-enough-identifier".into(),
        upload_cookie: vec![0; 16],
        ..Default::default()
    };
    let mut purchase = t::Purchase {
        coupon_code: Some("a-long-enough-code".into()),
        ..Default::default()
    };
    let (n, r) = allocations(|| {
        (
            event.set_from("id", &Value::String("e-2")),
            event.set_from("uploadCookie", &Value::Bytes(&[1, 2, 3])),
            purchase.set_from("coupon_code", &Value::String("SPRING")),
        )
    });
    assert_eq!(n, 0, "set_from allocated");
    assert!(r.0.is_ok() && r.1.is_ok() && r.2.is_ok(), "{r:?}");
    assert_eq!(event.id, "e-2");
    assert_eq!(event.upload_cookie, [1, 2, 3]);
    assert_eq!(purchase.coupon_code.as_deref(), Some("SPRING"));

    // The owned path allocates the value it moves in; an unset optional field allocates too.
    purchase.coupon_code = None;
    let (n, r) = allocations(|| purchase.set_from("coupon_code", &Value::String("SPRING")));
    assert!(r.is_ok());
    assert_eq!(n, 1);

    // A wrong type is refused and changes nothing.
    let before = event.clone();
    let err = event.set_from("id", &Value::Bool(true));
    assert!(err.is_err());
    assert_eq!(event, before);
}
