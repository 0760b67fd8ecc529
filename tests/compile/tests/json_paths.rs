//! The JSON decoder's two paths agree: the generated typed readers (`read_json_field`, which
//! reads most values straight into the field) and the dynamic path (every value an
//! `OwnedValue` stored with `set_at`) read the same messages from the same text and refuse
//! the same text with the same error.
//!
//! Input: random messages of the conformance schemas (`TestAllTypesProto3` and `...Proto2`:
//! every scalar, enum, wrapper, well-known type, list, map and oneof) and the telemetry
//! `Event`, encoded under several option sets, then damaged by a few random edits (a byte
//! cut, a token put in), so that both paths also meet wrong types, bad numbers, nulls,
//! duplicates and truncated text.

use std::sync::Arc;

use proptest::prelude::*;
use prost_vsco::Reflect;
use prost_vsco::json::{
    self, BytesFormat, EnumFormat, Int64Format, JsonOptions, KeyNaming, TimestampFormat, Unknown,
};
use prost_vsco_conformance::generated::protobuf_test_messages::{proto2, proto3};
use prost_vsco_conformance::generated::telemetry::v1 as t;
use prost_vsco_conformance::random::{FillOptions, Rng, fill};
use prost_vsco_conformance::registry;

/// Option sets the text is written and read under (reading accepts what writing writes).
fn option_sets() -> Vec<JsonOptions> {
    let types = Arc::new(registry());
    let base = JsonOptions::default().types(types);
    vec![
        base.clone(),
        base.clone().unknown_keys(Unknown::Ignore),
        base.clone()
            .keys(KeyNaming::ProtoName)
            .enums(EnumFormat::Numbers)
            .int64(Int64Format::Numbers)
            .bytes(BytesFormat::Hex)
            .timestamps(TimestampFormat::EpochMillis)
            .emit_defaults(true),
        base.unknown_enum_names(Unknown::Ignore)
            .timestamps(TimestampFormat::EpochSeconds),
    ]
}

/// Pieces put into the text: values of every JSON type, numbers at and past the edges,
/// special strings, and broken syntax.
const TOKENS: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1.5",
    "1e999",
    "18446744073709551616",
    "-9223372036854775809",
    "\"\"",
    "\"NaN\"",
    "\"-Infinity\"",
    "\"1\"",
    "\"1.0e2\"",
    "\"AQI=\"",
    "\"0x1\"",
    "\"1970-01-01T00:00:00Z\"",
    "\"1.5s\"",
    "\"FOO\"",
    "\"\\ud800\"",
    "[]",
    "[null]",
    "{}",
    "{\"a\":1}",
    ",",
    ":",
    "\"optionalInt32\":1,",
    "\"optional_int32\":2,",
    "\"@type\":\"x\",",
    "}",
    "]",
    "\"",
];

/// What a path makes of `text`: the message re-encoded as canonical JSON, parsed (JSON
/// values, not messages, compared: NaN is not equal to itself, and `HashMap` fields write
/// their entries in no set order), or the error.
fn outcome<M: Reflect + Default>(
    text: &str,
    options: &JsonOptions,
    dynamic: bool,
) -> Result<serde_json::Value, String> {
    let read = if dynamic {
        json::from_str_dynamic::<M>(text, options)
    } else {
        json::from_str::<M>(text, options)
    };
    let message = read.map_err(|e| e.to_string())?;
    let again = json::to_string(
        &message,
        &JsonOptions::default().types(Arc::new(registry())),
    )
    .map_err(|e| format!("read, but cannot be written again: {e}"))?;
    serde_json::from_str(&again).map_err(|e| format!("written as invalid JSON: {e}: {again}"))
}

/// One random message of `M` from `seed`, written under `options`, edited by `edits`
/// (position, then a token to put in or none to cut a character), read by both paths.
fn agree<M: Reflect + Default>(
    seed: u64,
    options: &JsonOptions,
    edits: &[(usize, Option<usize>)],
) -> Result<(), TestCaseError> {
    let mut m = M::default();
    let fill_options = FillOptions {
        unknown_enum_numbers: false,
        nan_and_infinity: true,
        depth: 3,
    };
    fill(&mut m, &mut Rng::new(seed), fill_options, &registry())
        .map_err(|e| TestCaseError::fail(format!("fill: {e}")))?;
    // Out-of-range random timestamps have no JSON form: nothing to read.
    let Ok(mut text) = json::to_string(&m, options) else {
        return Ok(());
    };
    for &(at, token) in edits {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match token {
            Some(token) => text.insert_str(at, TOKENS[token % TOKENS.len()]),
            None => {
                if let Some(c) = text[at..].chars().next() {
                    text.replace_range(at..at + c.len_utf8(), "");
                }
            }
        }
    }
    let typed = outcome::<M>(&text, options, false);
    let dynamic = outcome::<M>(&text, options, true);
    prop_assert_eq!(typed, dynamic, "text: {}", text);
    Ok(())
}

fn edits() -> impl Strategy<Value = Vec<(usize, Option<usize>)>> {
    proptest::collection::vec(
        (
            any::<usize>(),
            proptest::option::weighted(0.7, any::<usize>()),
        ),
        0..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn typed_and_dynamic_paths_agree(
        ty in 0..3usize,
        seed in any::<u64>(),
        set in 0..4usize,
        edits in edits(),
    ) {
        let options = &option_sets()[set];
        match ty {
            0 => agree::<proto3::TestAllTypesProto3>(seed, options, &edits)?,
            1 => agree::<proto2::TestAllTypesProto2>(seed, options, &edits)?,
            _ => agree::<t::Event>(seed, options, &edits)?,
        }
    }
}

/// Unedited text of many seeds reads to the same message on both paths (the property test
/// above spends most of its cases on damaged text).
#[test]
fn clean_text_reads_the_same_on_both_paths() {
    let sets = option_sets();
    for seed in 0..60 {
        for options in &sets {
            agree::<proto3::TestAllTypesProto3>(seed, options, &[]).unwrap();
            agree::<proto2::TestAllTypesProto2>(seed, options, &[]).unwrap();
            agree::<t::Event>(seed, options, &[]).unwrap();
        }
    }
}
