use prost::Message;
use prost_vsco::json::{self, JsonOptions};
use prost_vsco::{Reflect, Value};
use prost_vsco_bench::{event, heavy, pbjson_schema};
use std::hint::black_box;
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
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args[1].as_str();
    let n: usize = args[2].parse().unwrap();
    let o = JsonOptions::default();
    let ev = event();
    let hv = heavy();
    let te = json::to_vec(&ev, &o).unwrap();
    let th = json::to_vec(&hv, &o).unwrap();
    let pev = pbjson_schema::telemetry::v1::Event::decode(ev.encode_to_vec().as_slice()).unwrap();
    let _phv = pbjson_schema::bench::v1::Heavy::decode(hv.encode_to_vec().as_slice()).unwrap();
    let pool = prost_reflect::DescriptorPool::decode(prost_vsco_bench::DESCRIPTORS).unwrap();
    let dh = pool.get_message_by_name("bench.v1.Heavy").unwrap();
    let mut buf = Vec::with_capacity(8192);
    let de_ = pool.get_message_by_name("telemetry.v1.Event").unwrap();
    let dyn_ev = prost_reflect::DynamicMessage::decode(de_, ev.encode_to_vec().as_slice()).unwrap();
    if mode == "show" {
        println!(
            "{}\n{}",
            String::from_utf8_lossy(&te),
            String::from_utf8_lossy(&th)
        );
        return;
    }
    let strs: Vec<(&str, String)> = vec![
        ("id", "e-2".into()),
        ("session_id", "s-43".into()),
        ("ip_address", "10.0.0.2".into()),
        ("sdk_name", "vsco-ios".into()),
        ("sdk_version", "9.2.0".into()),
    ];
    let mut ev2 = ev.clone();
    let mut dyn2 = dyn_ev.clone();
    for _ in 0..n {
        match mode {
            "ss" => {
                for (k, v) in black_box(&strs) {
                    let r =
                        prost_vsco::Reflect::set_from(black_box(&mut ev2), k, &Value::String(v));
                    black_box(r.is_ok());
                }
            }
            "pss" => {
                for (k, v) in black_box(&strs) {
                    black_box(&mut dyn2)
                        .set_field_by_name(k, prost_reflect::Value::String(v.clone()));
                }
            }
            "de" => {
                black_box(
                    json::from_slice::<prost_vsco_bench::schema::telemetry::v1::Event>(
                        black_box(&te),
                        &o,
                    )
                    .is_ok(),
                );
            }
            "dh" => {
                black_box(
                    json::from_slice::<prost_vsco_bench::schema::bench::v1::Heavy>(
                        black_box(&th),
                        &o,
                    )
                    .is_ok(),
                );
            }
            "ee" => {
                buf.clear();
                black_box(json::encode_into(black_box(&ev), &mut buf, &o).is_ok());
            }
            "eh" => {
                buf.clear();
                black_box(json::encode_into(black_box(&hv), &mut buf, &o).is_ok());
            }
            "pee" => {
                buf.clear();
                black_box(serde_json::to_writer(&mut buf, black_box(&pev)).is_ok());
            }
            "pdh" => {
                black_box(
                    serde_json::from_slice::<pbjson_schema::bench::v1::Heavy>(black_box(&th))
                        .is_ok(),
                );
            }
            "rdh" => {
                let mut de = serde_json::Deserializer::from_slice(black_box(&th));
                black_box(prost_reflect::DynamicMessage::deserialize(dh.clone(), &mut de).is_ok());
            }
            "fi" => {
                let mut sum = 0;
                for (f, v) in black_box(&ev).fields() {
                    sum += f.number as usize + weigh(&v);
                }
                black_box(sum);
            }
            "fs" => {
                black_box(
                    black_box(&ev)
                        .fields()
                        .map(|(f, v)| f.number as usize + weigh(&v))
                        .sum::<usize>(),
                );
            }
            "fe" => {
                let mut sum = 0;
                let r: &dyn Reflect = black_box(&ev);
                r.for_each_field(&mut |f, v| sum += f.number as usize + weigh(v));
                black_box(sum);
            }
            "rf" => {
                black_box(
                    dyn_ev
                        .fields()
                        .map(|(f, v)| {
                            f.number() as usize
                                + match v {
                                    prost_reflect::Value::String(s) => s.len(),
                                    _ => 1,
                                }
                        })
                        .sum::<usize>(),
                );
            }
            _ => panic!(),
        }
    }
}
