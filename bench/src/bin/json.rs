//! JSON speed, side by side in one run, on two messages: the example's telemetry `Event`
//! (envelope, device, user, a purchase body) and `bench.v1.Heavy` (64-bit integers, bytes,
//! enums and maps). Variants:
//!
//! - **ours**: `prost_vsco::json` with canonical options (`encode_into` a reused buffer;
//!   `from_slice`);
//! - **pbjson**: prost-build's structs with pbjson-build's serde impls, through serde_json;
//! - **prost_reflect_dynamic**: prost-reflect's serde support on a `DynamicMessage` that
//!   already exists (encode), or decoding into one (decode);
//! - **prost_reflect_transcode**: the typed path with prost-reflect: the struct is encoded and
//!   decoded as a `DynamicMessage` before serializing, or transcoded back to the struct after
//!   deserializing;
//! - **derive_floor**: plain structs with the same data and serde's `#[derive]` (see
//!   `prost_vsco_bench::plain`), through serde_json: no protobuf rules at all, the floor.
//!
//! Every variant writes into a reused buffer and decodes from the same bytes (the floor from
//! its own encoding). Before timing, the outputs are checked to be the same JSON and the
//! decoded messages the same message. Variants are timed in interleaved rounds, a ratio
//! being the median over the rounds of the peer's time over ours (see `harness`); the
//! ratios are the result: `ratio <operation>_vs_<variant> <variant time / our time>`.
//! Targets: encode >= 1.5 and decode >= 1.3 against pbjson; >= 3 against prost-reflect both
//! ways; >= 0.77 against the derive floor (ours at most 1.3x its time); ours allocates
//! nothing when encoding into a buffer with room.
//!
//! Run: `cargo run --release -p prost-vsco-bench --bin json [-- --quick]`

use std::hint::black_box;
use std::process::ExitCode;

use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, ReflectMessage};
use prost_vsco::Reflect;
use prost_vsco::json::{self, JsonOptions};
use prost_vsco_bench::harness::counting_alloc::Counting;
use prost_vsco_bench::harness::{Operation, plain};
use prost_vsco_bench::{bench_main, event, heavy, pbjson_schema, plain};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One benchmark message in every variant's representation.
struct Case<M, P, F> {
    ours: M,
    pbjson: P,
    desc: MessageDescriptor,
    plain: F,
}

/// The message as a `DynamicMessage` (what prost-reflect's `transcode_to_dynamic` does).
fn to_dynamic<M: Message>(m: &M, desc: &MessageDescriptor) -> Result<DynamicMessage, String> {
    DynamicMessage::decode(desc.clone(), m.encode_to_vec().as_slice())
        .map_err(|e| format!("prost-reflect cannot decode {}: {e}", desc.full_name()))
}

fn from_dynamic<M: Message + Default>(d: &DynamicMessage) -> Result<M, String> {
    d.transcode_to::<M>()
        .map_err(|e| format!("transcoding {} failed: {e}", d.descriptor().full_name()))
}

fn dynamic_from_json(desc: &MessageDescriptor, text: &[u8]) -> Result<DynamicMessage, String> {
    let mut de = serde_json::Deserializer::from_slice(text);
    DynamicMessage::deserialize(desc.clone(), &mut de)
        .map_err(|e| format!("prost-reflect cannot decode the JSON: {e}"))
}

/// JSON values equal up to the spelling of numbers (`25` and `25.0`) and of the UTC offset
/// (pbjson writes timestamps with `+00:00`, canonical JSON with `Z`).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    let utc = |s: &str| s.strip_suffix("+00:00").map(|t| format!("{t}Z"));
    match (a, b) {
        (V::String(x), V::String(y)) => x == y || utc(x).as_deref() == Some(y.as_str()),
        (V::Number(x), V::Number(y)) => x.as_f64() == y.as_f64(),
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (V::Object(x), V::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn parse(text: &[u8], who: &str) -> Result<serde_json::Value, String> {
    serde_json::from_slice(text).map_err(|e| format!("{who} wrote invalid JSON: {e}"))
}

impl<M, P, F> Case<M, P, F>
where
    M: Reflect + Message + Default + Clone + PartialEq + 'static,
    P: Message + Default + Clone + Serialize + DeserializeOwned + 'static,
    F: Serialize + DeserializeOwned + PartialEq + Clone + 'static,
{
    fn new(ours: M, pool: &DescriptorPool, name: &str, plain: F) -> Result<Self, String> {
        let desc = pool
            .get_message_by_name(name)
            .ok_or_else(|| format!("{name} is not in the pool"))?;
        let pbjson = P::decode(ours.encode_to_vec().as_slice())
            .map_err(|e| format!("pbjson's {name} cannot decode the message: {e}"))?;
        Ok(Case {
            ours,
            pbjson,
            desc,
            plain,
        })
    }

    /// Every variant writes the same JSON, and reads it back as the same message.
    fn check(&self) -> Result<Vec<u8>, String> {
        let ours = json::to_vec(&self.ours, &JsonOptions::default()).map_err(|e| e.to_string())?;
        let expected = parse(&ours, "ours")?;
        let pbjson = serde_json::to_vec(&self.pbjson).map_err(|e| e.to_string())?;
        let dynamic =
            serde_json::to_vec(&to_dynamic(&self.ours, &self.desc)?).map_err(|e| e.to_string())?;
        for (who, text) in [("pbjson", &pbjson), ("prost-reflect", &dynamic)] {
            let theirs = parse(text, who)?;
            if !same_json(&theirs, &expected) {
                return Err(format!("{who} writes {theirs}\nours writes {expected}"));
            }
        }
        let back: M =
            json::from_slice(&ours, &JsonOptions::default()).map_err(|e| e.to_string())?;
        if back != self.ours {
            return Err("ours does not read its own JSON back".into());
        }
        let p: P = serde_json::from_slice(&ours).map_err(|e| format!("pbjson: {e}"))?;
        if M::decode(p.encode_to_vec().as_slice()).ok().as_ref() != Some(&self.ours) {
            return Err("pbjson reads a different message".into());
        }
        if from_dynamic::<M>(&dynamic_from_json(&self.desc, &ours)?)? != self.ours {
            return Err("prost-reflect reads a different message".into());
        }
        let floor = serde_json::to_vec(&self.plain).map_err(|e| e.to_string())?;
        if serde_json::from_slice::<F>(&floor).ok().as_ref() != Some(&self.plain) {
            return Err("the derive floor does not read its own JSON back".into());
        }
        Ok(ours)
    }

    fn encode(&self, name: &'static str) -> Operation {
        let (m1, m2) = (self.ours.clone(), self.ours.clone());
        let p = self.pbjson.clone();
        let desc = self.desc.clone();
        let d = match to_dynamic(&self.ours, &self.desc) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let f = self.plain.clone();
        let options = JsonOptions::default();
        let mut bufs: Vec<Vec<u8>> = (0..5).map(|_| Vec::with_capacity(4096)).collect();
        let mut take = || bufs.pop().unwrap_or_default();
        let (mut b1, mut b2, mut b3, mut b4, mut b5) = (take(), take(), take(), take(), take());
        Operation {
            name,
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        b1.clear();
                        let r = json::encode_into(black_box(&m1), &mut b1, &options);
                        black_box((r.is_ok(), b1.len()));
                    }),
                ),
                (
                    "pbjson",
                    plain(move || {
                        b2.clear();
                        let r = serde_json::to_writer(&mut b2, black_box(&p));
                        black_box((r.is_ok(), b2.len()));
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        b3.clear();
                        let r = serde_json::to_writer(&mut b3, black_box(&d));
                        black_box((r.is_ok(), b3.len()));
                    }),
                ),
                (
                    "prost_reflect_transcode",
                    plain(move || {
                        b4.clear();
                        if let Ok(d) = to_dynamic(black_box(&m2), &desc) {
                            let r = serde_json::to_writer(&mut b4, &d);
                            black_box((r.is_ok(), b4.len()));
                        }
                    }),
                ),
                (
                    "derive_floor",
                    plain(move || {
                        b5.clear();
                        let r = serde_json::to_writer(&mut b5, black_box(&f));
                        black_box((r.is_ok(), b5.len()));
                    }),
                ),
            ],
        }
    }

    fn decode(&self, name: &'static str, text: Vec<u8>) -> Operation {
        let floor = match serde_json::to_vec(&self.plain) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        let (t1, t2, t3, t4) = (text.clone(), text.clone(), text.clone(), text);
        let (d1, d2) = (self.desc.clone(), self.desc.clone());
        let options = JsonOptions::default();
        Operation {
            name,
            variants: vec![
                (
                    "ours",
                    plain(move || {
                        black_box(json::from_slice::<M>(black_box(&t1), &options).is_ok());
                    }),
                ),
                (
                    "pbjson",
                    plain(move || {
                        black_box(serde_json::from_slice::<P>(black_box(&t2)).is_ok());
                    }),
                ),
                (
                    "prost_reflect_dynamic",
                    plain(move || {
                        black_box(dynamic_from_json(&d1, black_box(&t3)).is_ok());
                    }),
                ),
                (
                    "prost_reflect_transcode",
                    plain(move || {
                        let m = dynamic_from_json(&d2, black_box(&t4))
                            .and_then(|d| from_dynamic::<M>(&d));
                        black_box(m.is_ok());
                    }),
                ),
                (
                    "derive_floor",
                    plain(move || {
                        black_box(serde_json::from_slice::<F>(black_box(&floor)).is_ok());
                    }),
                ),
            ],
        }
    }
}

fn operations(pool: &DescriptorPool) -> Result<Vec<Operation>, String> {
    let e = event();
    let event_case: Case<_, pbjson_schema::telemetry::v1::Event, _> = Case::new(
        e.clone(),
        pool,
        "telemetry.v1.Event",
        plain::Event::from(&e),
    )?;
    let h = heavy();
    let heavy_case: Case<_, pbjson_schema::bench::v1::Heavy, _> =
        Case::new(h.clone(), pool, "bench.v1.Heavy", plain::Heavy::from(&h))?;
    let disagree = |name: &str, e: String| format!("the variants disagree on {name}: {e}");
    let event_text = event_case
        .check()
        .map_err(|e| disagree("telemetry.v1.Event", e))?;
    let heavy_text = heavy_case
        .check()
        .map_err(|e| disagree("bench.v1.Heavy", e))?;
    Ok(vec![
        event_case.encode("encode_event"),
        event_case.decode("decode_event", event_text),
        heavy_case.encode("encode_heavy"),
        heavy_case.decode("decode_heavy", heavy_text),
    ])
}

fn main() -> ExitCode {
    bench_main(
        "json",
        "JSON encode and decode of telemetry.v1.Event and bench.v1.Heavy",
        [(41, 600), (61, 1000)],
        &[
            "(targets: encode >= 1.5x pbjson, decode >= 1.3x pbjson; >= 3x prost-reflect;",
            " ours <= 1.3x derive_floor. `allocs`: allocations in one run, output buffers reused)",
        ],
        operations,
    )
}
