//! Random messages of any generated type, filled through the reflection API: edge-heavy
//! integers, unicode and escape-heavy strings, special floats, and valid values for the
//! well-known types (so that every filled message has a JSON form).

use prost_vsco::json::TypeRegistry;
use prost_vsco::{Cardinality, Kind, MapKey, OwnedValue, Reflect, ValueMut};

/// xorshift64*: small, and reproducible from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub fn text(&mut self) -> String {
        const PARTS: &[&str] = &[
            "a", "Z", "9", " ", "é", "日本", "\"", "\\", "\n", "\t", "\u{1}", "🦀", "_", "/", "<",
            "\u{7f}", "\u{2028}",
        ];
        (0..self.below(6)).map(|_| *self.pick(PARTS)).collect()
    }
    pub fn bytes(&mut self) -> Vec<u8> {
        (0..self.below(7)).map(|_| self.next_u64() as u8).collect()
    }
    /// Integers near the edges of their ranges as often as not.
    pub fn int(&mut self) -> i128 {
        const EDGES: &[i128] = &[
            0,
            1,
            -1,
            i32::MAX as i128,
            i32::MIN as i128,
            u32::MAX as i128,
            i64::MAX as i128,
            i64::MIN as i128,
            u64::MAX as i128,
            (1 << 53) + 1,
        ];
        if self.chance(50) {
            *self.pick(EDGES)
        } else {
            self.next_u64() as i64 as i128 >> self.below(60)
        }
    }
    fn float(&mut self, special: bool) -> f64 {
        const SPECIAL: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            1e-300,
            1.7976931348623157e308,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            123456789.125,
        ];
        let f = if self.chance(40) {
            *self.pick(SPECIAL)
        } else {
            f64::from_bits(self.next_u64()).clamp(-1e300, 1e300)
        };
        if special || f.is_finite() { f } else { 0.5 }
    }
}

fn fit<T: TryFrom<i128> + Default>(v: i128) -> T {
    T::try_from(v).unwrap_or_default()
}

/// What the filler may produce.
#[derive(Clone, Copy, Debug)]
pub struct FillOptions {
    /// Enum numbers no value declares (fine for open proto3 enums; closed proto2 enums keep
    /// them as unknown fields, which prost drops).
    pub unknown_enum_numbers: bool,
    /// NaN and infinities in float fields (prost's `PartialEq` finds NaN unequal to itself).
    pub nan_and_infinity: bool,
    /// Nested message depth.
    pub depth: u32,
}

/// A random value for a scalar, enum or wrapper kind; `None` for messages.
pub fn scalar(rng: &mut Rng, kind: Kind, options: FillOptions) -> Option<OwnedValue> {
    Some(match kind {
        Kind::Double => OwnedValue::F64(rng.float(options.nan_and_infinity)),
        Kind::Float => {
            let f = rng.float(options.nan_and_infinity) as f32;
            OwnedValue::F32(if options.nan_and_infinity || f.is_finite() {
                f
            } else {
                0.5
            })
        }
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => OwnedValue::I64(fit(rng.int())),
        Kind::Uint64 | Kind::Fixed64 => OwnedValue::U64(fit(rng.int())),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => OwnedValue::I32(fit(rng.int())),
        Kind::Uint32 | Kind::Fixed32 => OwnedValue::U32(fit(rng.int())),
        Kind::Bool => OwnedValue::Bool(rng.chance(50)),
        Kind::String => OwnedValue::String(rng.text()),
        Kind::Bytes => OwnedValue::Bytes(rng.bytes()),
        Kind::Enum(info) => {
            if info.full_name == "google.protobuf.NullValue" {
                OwnedValue::I32(0)
            } else if options.unknown_enum_numbers && rng.chance(15) {
                OwnedValue::I32(77)
            } else {
                OwnedValue::I32(rng.pick(info.values).number)
            }
        }
        Kind::Message(name) => match name {
            "google.protobuf.DoubleValue" => return scalar(rng, Kind::Double, options),
            "google.protobuf.FloatValue" => return scalar(rng, Kind::Float, options),
            "google.protobuf.Int64Value" => return scalar(rng, Kind::Int64, options),
            "google.protobuf.UInt64Value" => return scalar(rng, Kind::Uint64, options),
            "google.protobuf.Int32Value" => return scalar(rng, Kind::Int32, options),
            "google.protobuf.UInt32Value" => return scalar(rng, Kind::Uint32, options),
            "google.protobuf.BoolValue" => return scalar(rng, Kind::Bool, options),
            "google.protobuf.StringValue" => return scalar(rng, Kind::String, options),
            "google.protobuf.BytesValue" => return scalar(rng, Kind::Bytes, options),
            _ => return None,
        },
        Kind::Group(_) => return None,
    })
}

fn map_key(rng: &mut Rng, kind: Kind, options: FillOptions) -> MapKey {
    match scalar(rng, kind, options) {
        Some(OwnedValue::Bool(b)) => MapKey::Bool(b),
        Some(OwnedValue::I32(v)) => MapKey::I32(v),
        Some(OwnedValue::I64(v)) => MapKey::I64(v),
        Some(OwnedValue::U32(v)) => MapKey::U32(v),
        Some(OwnedValue::U64(v)) => MapKey::U64(v),
        Some(OwnedValue::String(s)) => MapKey::String(s),
        _ => MapKey::String(String::new()),
    }
}

fn empty_message() -> OwnedValue {
    OwnedValue::Message(Default::default())
}

/// Message types an `Any` is filled with.
const ANY_TYPES: &[&str] = &[
    "google.protobuf.Timestamp",
    "google.protobuf.Duration",
    "google.protobuf.FieldMask",
    "google.protobuf.Struct",
    "google.protobuf.Value",
    "google.protobuf.Empty",
    "protobuf_test_messages.proto3.TestAllTypesProto3",
];

/// Fills a well-known type with a valid value; false for other types.
fn well_known(
    m: &mut dyn Reflect,
    rng: &mut Rng,
    options: FillOptions,
    registry: &TypeRegistry,
) -> bool {
    const MIN_TS: i64 = -62_135_596_800;
    const MAX_TS: i64 = 253_402_300_799;
    let nanos = |rng: &mut Rng| -> i32 {
        match rng.below(4) {
            0 => 0,
            1 => (rng.below(1000) * 1_000_000) as i32,
            2 => (rng.below(1_000_000) * 1000) as i32,
            _ => rng.below(1_000_000_000) as i32,
        }
    };
    let set = |m: &mut dyn Reflect, name: &str, v: OwnedValue| {
        if let Some(i) = m.field_index(name) {
            let _ = m.set_at(i, v);
        }
    };
    match m.info().full_name {
        "google.protobuf.Timestamp" => {
            let span = (MAX_TS - MIN_TS) as u64;
            set(
                m,
                "seconds",
                OwnedValue::I64(MIN_TS + rng.below(span + 1) as i64),
            );
            set(m, "nanos", OwnedValue::I32(nanos(rng)));
        }
        "google.protobuf.Duration" => {
            let seconds = rng.below(315_576_000_001) as i64 >> rng.below(30);
            let n = nanos(rng);
            let negative = rng.chance(50);
            set(
                m,
                "seconds",
                OwnedValue::I64(if negative { -seconds } else { seconds }),
            );
            set(m, "nanos", OwnedValue::I32(if negative { -n } else { n }));
        }
        "google.protobuf.FieldMask" => {
            const WORDS: &[&str] = &["foo", "bar", "a", "x1", "baz"];
            let paths = (0..rng.below(4))
                .map(|_| {
                    let segments: Vec<String> = (0..1 + rng.below(2))
                        .map(|_| {
                            let words: Vec<&str> =
                                (0..1 + rng.below(3)).map(|_| *rng.pick(WORDS)).collect();
                            words.join("_")
                        })
                        .collect();
                    OwnedValue::String(segments.join("."))
                })
                .collect();
            set(m, "paths", OwnedValue::List(paths));
        }
        "google.protobuf.Value" => {
            let kinds: &[&str] = if options.depth == 0 {
                &["null_value", "number_value", "string_value", "bool_value"]
            } else {
                &[
                    "null_value",
                    "number_value",
                    "string_value",
                    "bool_value",
                    "struct_value",
                    "list_value",
                ]
            };
            let kind = *rng.pick(kinds);
            let value = match kind {
                "null_value" => OwnedValue::I32(0),
                "number_value" => OwnedValue::F64(rng.float(false)),
                "string_value" => OwnedValue::String(rng.text()),
                "bool_value" => OwnedValue::Bool(rng.chance(50)),
                _ => empty_message(),
            };
            set(m, kind, value);
            if let Some(i) = m.field_index(kind)
                && let Some(ValueMut::Message(inner)) = m.mut_at(i)
            {
                let deeper = FillOptions {
                    depth: options.depth - 1,
                    ..options
                };
                well_known(inner, rng, deeper, registry);
            }
        }
        "google.protobuf.Struct" | "google.protobuf.ListValue" => {
            let Some(mut field) = m.mut_at(0) else {
                return true;
            };
            for n in 0..rng.below(3) {
                let inner = match field {
                    ValueMut::Map(ref mut map) => {
                        let key = MapKey::String(rng.text());
                        let _ = map.insert(key.clone(), empty_message());
                        map.get_mut(key.as_key_ref())
                    }
                    ValueMut::List(ref mut list) => {
                        let _ = list.push(empty_message());
                        list.get_mut(n as usize)
                    }
                    _ => None,
                };
                if let Some(ValueMut::Message(inner)) = inner {
                    let deeper = FillOptions {
                        depth: options.depth.saturating_sub(1),
                        ..options
                    };
                    well_known(inner, rng, deeper, registry);
                }
            }
            return true;
        }
        "google.protobuf.Any" => {
            if options.depth == 0 {
                return true;
            }
            let name = *rng.pick(ANY_TYPES);
            let Some(t) = registry.get(name) else {
                return true;
            };
            let mut inner = t.new_message();
            let deeper = FillOptions {
                depth: options.depth - 1,
                ..options
            };
            let _ = fill(inner.as_reflect_dyn_mut(), rng, deeper, registry);
            set(
                m,
                "type_url",
                OwnedValue::String(format!("type.googleapis.com/{name}")),
            );
            set(m, "value", OwnedValue::Bytes(inner.encode_binary()));
        }
        _ => return false,
    }
    true
}

/// Sets random values into about half the fields of `m`, through the reflection API; an
/// `Err` names a value the API refused (a bug: every value made here fits its field).
pub fn fill(
    m: &mut dyn Reflect,
    rng: &mut Rng,
    options: FillOptions,
    registry: &TypeRegistry,
) -> Result<(), String> {
    if well_known(m, rng, options, registry) {
        return Ok(());
    }
    let info = m.info();
    for (i, field) in info.fields.iter().enumerate() {
        if !rng.chance(45) {
            continue;
        }
        let is_message = scalar(rng, field.kind, options).is_none();
        if is_message && options.depth == 0 {
            continue;
        }
        let deeper = FillOptions {
            depth: options.depth.saturating_sub(1),
            ..options
        };
        match field.cardinality {
            Cardinality::Repeated => {
                let Some(ValueMut::List(mut list)) = m.mut_at(i) else {
                    continue;
                };
                for n in 0..rng.below(3) {
                    match scalar(rng, field.kind, options) {
                        Some(v) => list.push(v).map_err(|e| e.to_string())?,
                        None => {
                            list.push(empty_message()).map_err(|e| e.to_string())?;
                            if let Some(ValueMut::Message(inner)) = list.get_mut(n as usize) {
                                fill(inner, rng, deeper, registry)?;
                            }
                        }
                    }
                }
            }
            Cardinality::Map(key_kind) => {
                let Some(ValueMut::Map(mut map)) = m.mut_at(i) else {
                    continue;
                };
                for _ in 0..rng.below(3) {
                    let key = map_key(rng, key_kind, options);
                    match scalar(rng, field.kind, options) {
                        Some(v) => map.insert(key, v).map_err(|e| e.to_string())?,
                        None => {
                            map.insert(key.clone(), empty_message())
                                .map_err(|e| e.to_string())?;
                            if let Some(ValueMut::Message(inner)) = map.get_mut(key.as_key_ref()) {
                                fill(inner, rng, deeper, registry)?;
                            }
                        }
                    }
                }
            }
            _ => match scalar(rng, field.kind, options) {
                Some(v) => m.set_at(i, v).map_err(|e| format!("{}: {e}", field.name))?,
                None => {
                    m.set_at(i, empty_message())
                        .map_err(|e| format!("{}: {e}", field.name))?;
                    if let Some(ValueMut::Message(inner)) = m.mut_at(i) {
                        fill(inner, rng, deeper, registry)?;
                    }
                }
            },
        }
    }
    Ok(())
}
