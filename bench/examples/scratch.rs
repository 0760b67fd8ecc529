use prost_vsco::{MessageMeta, Reflect};
use prost_vsco_bench::schema::telemetry::v1 as t;
use std::hint::black_box;
fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let e = t::Event {
        id: "x".into(),
        session_id: "s".into(),
        sequence: 3,
        body: Some(t::Login::default().into()),
        ..Default::default()
    };
    let names: Vec<&str> = <t::Event as MessageMeta>::INFO
        .fields
        .iter()
        .map(|f| f.name)
        .collect();
    if mode == "harness" {
        let e1 = e.clone();
        let mut f: Box<dyn FnMut()> = Box::new(move || {
            let mut sum = 0;
            black_box(&e1).for_each_field(&mut |f, v| sum += f.number as usize + weigh(v));
            black_box(sum);
        });
        for _ in 0..5 {
            let d = prost_vsco_bench::time_reps(400, f.as_mut());
            println!("harness: {:.1} ns/op", d.as_secs_f64() * 1e9 / 400.0);
        }
        let d = prost_vsco_bench::time_reps(200000, f.as_mut());
        println!(
            "harness long: {:.1} ns/op",
            d.as_secs_f64() * 1e9 / 200000.0
        );
        return;
    }
    let start = std::time::Instant::now();
    let n = 2_000_000;
    for _ in 0..n {
        match mode.as_str() {
            "iter" => {
                for (f, v) in black_box(&e).fields() {
                    black_box((f.number, v));
                }
            }
            "get" => {
                for k in &names {
                    black_box(black_box(&e).get(black_box(k)).ok().flatten());
                }
            }
            "index" => {
                for k in &names {
                    black_box(black_box(&e).field_index(black_box(k)));
                }
            }
            "getat" => {
                for i in 0..33 {
                    black_box(black_box(&e).get_at(black_box(i)));
                }
            }
            "each" => black_box(&e).for_each_field(&mut |f, v| {
                black_box((f.number, v));
            }),

            "sum" => {
                let mut acc = 0u64;
                for i in 0..33u64 {
                    acc = acc.wrapping_add(black_box(i) * 3);
                }
                black_box(acc);
            }
            "has" => {
                for i in 0..33 {
                    black_box(black_box(&e).has_at(black_box(i)));
                }
            }
            _ => {}
        }
    }
    println!(
        "{mode}: {:.1} ns/op",
        start.elapsed().as_secs_f64() * 1e9 / n as f64
    );
}
#[allow(dead_code)]
fn baseline() {}

fn weigh(v: &prost_vsco::Value<'_>) -> usize {
    use prost_vsco::Value as V;
    match v {
        V::Bool(b) => *b as usize,
        V::I32(x) => *x as usize,
        V::I64(x) => *x as usize,
        V::U32(x) => *x as usize,
        V::U64(x) => *x as usize,
        V::F32(x) => *x as usize,
        V::F64(x) => *x as usize,
        V::String(s) => s.len(),
        V::Bytes(b) => b.len(),
        V::Enum(e) => e.number as usize,
        V::Message(_) => 1,
        V::List(l) => l.len(),
        V::Map(m) => m.len(),
    }
}
