//! Differential test of `prost_vsco::json` against Google's Python `json_format`.
//!
//! For random messages of three schemas (TestAllTypesProto3, TestAllTypesProto2, the telemetry
//! example's Event), under every option pair both sides have (JSON or proto names, enum names
//! or numbers, defaults emitted or not):
//! 1. this side encodes each message to JSON; Python encodes the same binary, and compares the
//!    two as parsed JSON; Python also decodes this side's JSON and compares the messages;
//! 2. this side decodes Python's JSON, and Python compares the result with the original.
//!
//! Usage: `json-differential <python> <differential.py> <work dir> [cases per schema] [seed]`.
//! Exits non-zero on any mismatch. Run by `conformance/differential.sh`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use prost_vsco::json::{self, EnumFormat, JsonOptions, KeyNaming, TypeRegistry};
use prost_vsco_conformance::random::{FillOptions, Rng, fill};
use prost_vsco_conformance::{DESCRIPTOR_SET, registry};
use serde_json::{Value, json};

/// (message type, enum numbers without a value allowed)
const SCHEMAS: &[(&str, bool)] = &[
    ("protobuf_test_messages.proto3.TestAllTypesProto3", true),
    ("protobuf_test_messages.proto2.TestAllTypesProto2", false),
    ("telemetry.v1.Event", true),
];

/// The option pairs both sides have, in the order differential.py lists them:
/// (proto names, enum numbers, emit defaults).
fn combos() -> Vec<(bool, bool, bool)> {
    let mut v = Vec::new();
    for names in [false, true] {
        for numbers in [false, true] {
            for defaults in [false, true] {
                v.push((names, numbers, defaults));
            }
        }
    }
    v
}

fn options(
    (names, numbers, defaults): (bool, bool, bool),
    types: &Arc<TypeRegistry>,
) -> JsonOptions {
    JsonOptions::default()
        .types(Arc::clone(types))
        .keys(if names {
            KeyNaming::ProtoName
        } else {
            KeyNaming::JsonName
        })
        .enums(if numbers {
            EnumFormat::Numbers
        } else {
            EnumFormat::Names
        })
        .emit_defaults(defaults)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("json-differential: {e}");
            ExitCode::from(2)
        }
    }
}

fn python(python: &str, script: &str, args: &[&Path]) -> Result<Value, String> {
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .map_err(|e| format!("running {python}: {e}"))?;
    std::io::stderr().write_all(&out.stderr).ok();
    if !out.status.success() {
        return Err(format!("{script} failed with {}", out.status));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("{script} printed no summary: {e}"))
}

fn read_lines(path: &Path) -> Result<Vec<Value>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::BufReader::new(file)
        .lines()
        .map(|l| {
            let l = l.map_err(|e| e.to_string())?;
            serde_json::from_str(&l).map_err(|e| e.to_string())
        })
        .collect()
}

fn write_lines(path: &Path, lines: &[Value]) -> Result<(), String> {
    let mut text = String::new();
    for l in lines {
        text.push_str(&l.to_string());
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<bool, String> {
    let args: Vec<String> = std::env::args().collect();
    let [_, py, script, work, rest @ ..] = args.as_slice() else {
        return Err(
            "usage: json-differential <python> <differential.py> <work dir> [cases] [seed]".into(),
        );
    };
    let per_schema: u64 = rest
        .first()
        .map_or(Ok(300), |s| s.parse())
        .map_err(|e| format!("cases: {e}"))?;
    let seed: u64 = rest
        .get(1)
        .map_or(Ok(1), |s| s.parse())
        .map_err(|e| format!("seed: {e}"))?;
    let work = PathBuf::from(work);
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let descriptors = work.join("descriptors.bin");
    std::fs::write(&descriptors, DESCRIPTOR_SET).map_err(|e| e.to_string())?;
    let registry = registry();
    let types = Arc::new(registry.clone());
    let combos = combos();

    // 1. Random messages and this side's JSON of each.
    let mut rng = Rng::new(seed);
    let mut cases = Vec::new();
    let mut encode_errors = 0;
    for &(type_name, unknown_enum_numbers) in SCHEMAS {
        let t = registry
            .get(type_name)
            .ok_or_else(|| format!("{type_name} is not registered"))?;
        for _ in 0..per_schema {
            let mut msg = t.new_message();
            let fill_options = FillOptions {
                unknown_enum_numbers,
                nan_and_infinity: true,
                depth: 3,
            };
            fill(msg.as_reflect_dyn_mut(), &mut rng, fill_options, &registry)
                .map_err(|e| format!("filling a {type_name}: {e}"))?;
            let ours: Vec<Value> = combos
                .iter()
                .map(
                    |c| match json::to_string(msg.as_reflect_dyn(), &options(*c, &types)) {
                        Ok(text) => Value::String(text),
                        Err(e) => {
                            encode_errors += 1;
                            eprintln!("encode error ({type_name}): {e}");
                            Value::Null
                        }
                    },
                )
                .collect();
            cases.push(json!({
                "type": type_name,
                "binary": STANDARD.encode(msg.encode_binary()),
                "ours": ours,
            }));
        }
    }
    let cases_path = work.join("cases.jsonl");
    write_lines(&cases_path, &cases)?;

    // 2. Python encodes the same messages and compares; it decodes ours too.
    let results_path = work.join("theirs.jsonl");
    let compared = python(
        py,
        script,
        &[
            Path::new("compare"),
            &descriptors,
            &cases_path,
            &results_path,
        ],
    )?;

    // 3. This side decodes Python's JSON.
    let results = read_lines(&results_path)?;
    let mut decoded = Vec::new();
    let mut decode_errors = 0;
    for (case, result) in cases.iter().zip(&results) {
        let type_name = case["type"].as_str().unwrap_or_default();
        let t = registry
            .get(type_name)
            .ok_or_else(|| format!("{type_name} is not registered"))?;
        let theirs = result["theirs"].as_array().cloned().unwrap_or_default();
        let mut out = Vec::new();
        for text in theirs {
            let Some(text) = text.as_str() else {
                out.push(Value::Null);
                continue;
            };
            let mut msg = t.new_message();
            match json::decode_into_new(
                text,
                msg.as_reflect_dyn_mut(),
                &JsonOptions::default().types(Arc::clone(&types)),
            ) {
                Ok(()) => out.push(Value::String(STANDARD.encode(msg.encode_binary()))),
                Err(e) => {
                    decode_errors += 1;
                    eprintln!("decode error ({type_name}): {e}\n  json: {text}");
                    out.push(Value::Null);
                }
            }
        }
        decoded.push(json!({"type": type_name, "binary": case["binary"], "decoded": out}));
    }
    let decoded_path = work.join("decoded.jsonl");
    write_lines(&decoded_path, &decoded)?;

    // 4. Python compares what this side decoded with the originals.
    let checked = python(
        py,
        script,
        &[Path::new("check-decoded"), &descriptors, &decoded_path],
    )?;

    let mismatches = compared["mismatches"].as_u64().unwrap_or(u64::MAX)
        + checked["mismatches"].as_u64().unwrap_or(u64::MAX);
    println!(
        "json differential: {} messages ({} per schema, seed {seed}) x {} option pairs; \
         ours->python compared {}, python->ours compared {}; \
         encode errors {encode_errors}, decode errors {decode_errors}, mismatches {mismatches}",
        cases.len(),
        per_schema,
        combos.len(),
        compared["compared"],
        checked["compared"],
    );
    Ok(mismatches == 0 && encode_errors == 0 && decode_errors == 0)
}
