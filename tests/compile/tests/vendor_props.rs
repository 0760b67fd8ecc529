//! Property tests of vendor properties over random events: every output of every built-in
//! profile keeps that profile's limits, every change is recorded, the generated tables give
//! what the run-time rules give, the output is deterministic, and PII stays out unless asked.

use proptest::prelude::*;
use prost::Message;
use prost_vsco::json::TypeRegistry;
use prost_vsco::vendor::{
    self, Adjustment, AdjustmentKind, Builtin, DropReason, KeyCharset, Nesting, Pii, Profile,
    VendorProperties, VendorValue,
};
use prost_vsco::{Reflect, ReflectExt};
use prost_vsco_conformance::random::{FillOptions, Rng, fill};
use vsco_golden_compile::cases::example::telemetry::v1 as t;

const SENTINEL: &str = "PII-SENTINEL";

/// Text of 0 to 300 characters mixing 1- to 4-byte characters and key-hostile ones.
fn long_text(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &["a", "Z", "é", "日", "😀", " ", "$", "-", "_", "9"];
    (0..rng.below(300))
        .map(|_| PARTS[rng.below(PARTS.len() as u64) as usize])
        .collect()
}

/// A `Struct` holding a value and a `Struct` one level less deep, `levels` deep in all.
fn nested_struct(levels: usize) -> prost_types::Struct {
    use prost_types::value::Kind;
    let mut fields = std::collections::BTreeMap::new();
    fields.insert(
        "leaf".to_string(),
        prost_types::Value {
            kind: Some(Kind::StringValue("v".into())),
        },
    );
    if levels > 1 {
        fields.insert(
            "inner".to_string(),
            prost_types::Value {
                kind: Some(Kind::StructValue(nested_struct(levels - 1))),
            },
        );
    }
    prost_types::Struct { fields }
}

fn random_event(seed: u64) -> t::Event {
    let mut rng = Rng::new(seed);
    let mut e = t::Event::default();
    let options = FillOptions {
        unknown_enum_numbers: true,
        nan_and_infinity: true,
        depth: 3,
    };
    fill(&mut e, &mut rng, options, &TypeRegistry::new()).expect("fill");
    // The filler leaves the body unset now and then; without one no profile has an event
    // name to send (that error is tested apart), so every random event gets one.
    if e.body.is_none() {
        e.body = Some(t::event::Body::Login(t::Login {
            mfa_used: rng.chance(50),
            ..Default::default()
        }));
    }
    if rng.chance(20) {
        // Structs nested past every profile's depth limit somewhere.
        e.body = Some(t::event::Body::Error(t::Error {
            context: Some(nested_struct(rng.below(12) as usize + 1)),
            ..Default::default()
        }));
    }
    if rng.chance(60) {
        e.sdk_name = long_text(&mut rng);
    }
    if rng.chance(40) {
        for _ in 0..rng.below(30) {
            e.properties
                .insert(long_text(&mut rng), long_text(&mut rng));
        }
    }
    if rng.chance(30) {
        e.tags = (0..rng.below(40)).map(|_| long_text(&mut rng)).collect();
    }
    // PII fields hold the sentinel wherever they exist.
    e.ip_address = SENTINEL.into();
    e.set_path("device.advertising_id", SENTINEL).expect("pii");
    e.set_path("user.email", SENTINEL).expect("pii");
    match &mut e.body {
        Some(t::event::Body::Search(s)) => s.query = SENTINEL.into(),
        Some(t::event::Body::Rating(r)) => r.comment = Some(SENTINEL.into()),
        _ => {}
    }
    e
}

fn allowed_key(p: &Profile, key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("empty key".into());
    }
    if let Some(max) = p.max_key_len() {
        let len = p.key_length_unit().len(key);
        if len > max {
            return Err(format!("key `{key}` is {len} long"));
        }
    }
    if p.key_charset() == KeyCharset::Word {
        if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("key `{key}` has a disallowed character"));
        }
        if p.builtin() == Some(Builtin::Firebase)
            && (!key.starts_with(|c: char| c.is_ascii_alphabetic())
                || ["firebase_", "google_", "ga_"]
                    .iter()
                    .any(|r| key.starts_with(r)))
        {
            return Err(format!("key `{key}` breaks Firebase's rules"));
        }
    }
    if p.builtin() == Some(Builtin::Braze) && key.starts_with('$') {
        return Err(format!("key `{key}` starts with `$`"));
    }
    Ok(())
}

/// Checks a value at `depth` (top-level properties at 1); returns an error naming the key.
/// The rules every profile's values keep: the depth, the string limit, finite doubles.
fn value_in_limits(
    p: &Profile,
    key: &str,
    v: &VendorValue<'_>,
    depth: usize,
) -> Result<(), String> {
    if depth > p.max_depth() {
        return Err(format!("{key}: depth {depth} over {}", p.max_depth()));
    }
    match v {
        VendorValue::Str(s) => {
            if let Some(max) = p.max_string_len() {
                let len = p.length_unit().len(s);
                if len > max {
                    return Err(format!("{key}: string of {len} over {max}"));
                }
            }
        }
        VendorValue::Double(d) if !d.is_finite() => return Err(format!("{key}: {d}")),
        _ => {}
    }
    Ok(())
}

fn check_value(p: &Profile, key: &str, v: &VendorValue<'_>, depth: usize) -> Result<(), String> {
    value_in_limits(p, key, v, depth)?;
    let flat = p.nesting() == Nesting::Flatten;
    match v {
        VendorValue::Bool(_) if p.builtin() == Some(Builtin::Firebase) => {
            return Err(format!("{key}: Firebase takes no booleans"));
        }
        VendorValue::List(items) => {
            if flat {
                return Err(format!("{key}: a list in a flat profile"));
            }
            for item in items {
                check_value(p, key, item, depth + 1)?;
            }
        }
        VendorValue::Object(entries) => {
            if flat {
                return Err(format!("{key}: an object in a flat profile"));
            }
            for (k, item) in entries {
                allowed_key(p, k)?;
                check_value(p, k, item, depth + 1)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_limits(p: &Profile, props: &VendorProperties<'_>) -> Result<(), String> {
    if let Some(max) = p.max_properties()
        && props.entries.len() > max
    {
        return Err(format!("{} properties", props.entries.len()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (k, v) in &props.entries {
        allowed_key(p, k)?;
        if !seen.insert(k) {
            return Err(format!("key `{k}` twice"));
        }
        check_value(p, k, v, 1)?;
    }
    Ok(())
}

/// The event name: not empty, within the length limit, of allowed characters, not reserved.
fn check_event_name(p: &Profile, name: &str) -> Result<(), String> {
    allowed_key(p, name).map_err(|m| format!("event name: {m}"))?;
    if let Some(max) = p.max_event_name_len() {
        let len = p.key_length_unit().len(name);
        if len > max {
            return Err(format!("event name `{name}` is {len} long"));
        }
    }
    if p.builtin() == Some(Builtin::Firebase)
        && ["app_background", "error", "session_start", "first_open"].contains(&name)
    {
        return Err(format!("event name `{name}` is reserved by Firebase"));
    }
    Ok(())
}

/// The same rules without the length, count and depth limits.
fn unlimited(p: &Profile) -> Profile {
    Profile::builder("unlimited", p)
        .max_key_len(None)
        .max_string_len(None, p.length_unit())
        .max_properties(None)
        .max_depth(64)
        .build()
        .expect("profile")
}

/// Every top-level difference between the unlimited and the limited output is recorded.
fn check_recorded(
    profile: &Profile,
    limited: &VendorProperties<'_>,
    full: &VendorProperties<'_>,
) -> Result<(), String> {
    let separator = profile.separator();
    for (key, value) in &full.entries {
        let recorded = |pred: &dyn Fn(&AdjustmentKind) -> bool| {
            limited
                .adjustments
                .iter()
                .any(|a| a.key == *key && pred(&a.kind))
        };
        match limited.get(key) {
            Some(v) if v == value => {}
            Some(VendorValue::Str(s)) => {
                let VendorValue::Str(whole) = value else {
                    return Err(format!("{key}: type changed"));
                };
                if !whole.starts_with(s.as_ref())
                    || !recorded(&|k| matches!(k, AdjustmentKind::ValueTruncated { .. }))
                {
                    return Err(format!("{key}: changed without a record"));
                }
            }
            Some(VendorValue::List(_) | VendorValue::Object(_)) => {
                let inside = limited.adjustments.iter().any(|a| {
                    a.key.starts_with(&format!("{key}[")) || a.key.starts_with(&format!("{key}."))
                });
                if !inside {
                    return Err(format!("{key}: changed inside without a record"));
                }
            }
            Some(_) => return Err(format!("{key}: changed without a record")),
            None => {
                let dropped_as = |sent: &str| {
                    limited
                        .adjustments
                        .iter()
                        .any(|a| a.key == sent && matches!(a.kind, AdjustmentKind::Dropped(_)))
                };
                // Dropped itself, or inside a message dropped whole for its depth.
                let dropped = dropped_as(key)
                    || limited.adjustments.iter().any(|a| {
                        matches!(
                            a.kind,
                            AdjustmentKind::Dropped(DropReason::DepthLimit { .. })
                        ) && key.starts_with(&format!("{}{}", a.key, separator))
                    });
                // Cut to the limit: sent as its start (a key under a parent that was cut is
                // cut again from the parent's cut form, so `from` is the whole key only for
                // the first cut, but the key sent is always the whole key's start), with the
                // cut recorded, and then sent or dropped under that key.
                let cut = profile
                    .max_key_len()
                    .map_or(key.len(), |max| profile.key_length_unit().cut(key, max));
                let sent = &key[..cut];
                let renamed = cut < key.len()
                    && limited.adjustments.iter().any(|a| {
                        a.key == sent && matches!(a.kind, AdjustmentKind::KeyTruncated { .. })
                    })
                    && (limited.get(sent).is_some() || dropped_as(sent));
                if !dropped && !renamed {
                    return Err(format!("{key}: lost without a record"));
                }
            }
        }
    }
    Ok(())
}

fn check(seed: u64) -> Result<(), String> {
    let e = random_event(seed);
    let again = t::Event::decode(e.encode_to_vec().as_slice()).map_err(|e| e.to_string())?;
    for b in Builtin::ALL {
        let p = b.profile();
        let ours = vendor::properties(&e, p, Pii::Exclude);
        let computed = vendor::properties_without_tables(&e, p, Pii::Exclude);
        if ours != computed {
            return Err(format!("{}: tables and run-time rules differ", b.name()));
        }
        // A custom profile has no tables: the generated `vendor_fields` computes every key,
        // and must agree with reflection's batches.
        let custom = Profile::builder("custom", p)
            .build()
            .map_err(|err| err.to_string())?;
        if vendor::properties(&e, &custom, Pii::Include)
            != vendor::properties_without_tables(&e, &custom, Pii::Include)
        {
            return Err(format!(
                "custom {}: generated walk and batches differ",
                b.name()
            ));
        }
        // The same event decoded again: its maps are new hash maps, which iterate in
        // another order.
        if ours != vendor::properties(&again, p, Pii::Exclude) {
            return Err(format!("{}: not deterministic", b.name()));
        }
        let props = match ours {
            Ok(props) => props,
            // The only failure of a built-in profile: Firebase's reserved event name.
            Err(vendor::VendorError::EventName { .. }) if b == Builtin::Firebase => continue,
            Err(err) => return Err(format!("{}: {err}", b.name())),
        };
        check_limits(p, &props).map_err(|m| format!("{}: {m}", b.name()))?;
        check_event_name(p, &props.event_name).map_err(|m| format!("{}: {m}", b.name()))?;
        let json = props.to_json(p);
        if json.contains(SENTINEL) {
            return Err(format!("{}: PII sent without consent: {json}", b.name()));
        }
        let full =
            vendor::properties(&e, &unlimited(p), Pii::Exclude).map_err(|e| e.to_string())?;
        check_recorded(p, &props, &full).map_err(|m| format!("{}: {m}", b.name()))?;
        // The same rules as a custom profile: no tables, so the rewrites and cuts of the
        // schema's keys are recorded too.
        let limited = vendor::properties(&e, &custom, Pii::Exclude).map_err(|e| e.to_string())?;
        let full =
            vendor::properties(&e, &unlimited(&custom), Pii::Exclude).map_err(|e| e.to_string())?;
        check_recorded(&custom, &limited, &full)
            .map_err(|m| format!("custom {}: {m}", b.name()))?;
        let with_pii = vendor::properties(&e, p, Pii::Include).map_err(|e| e.to_string())?;
        check_limits(p, &with_pii).map_err(|m| format!("{} with PII: {m}", b.name()))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn every_profile_keeps_its_limits(seed in any::<u64>()) {
        check(seed).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn tables_are_generated_for_event_roots() {
    let e = t::Event::default();
    for b in Builtin::ALL {
        assert!(e.vendor_table(b).is_some(), "{}", b.name());
        assert!(t::Login::default().vendor_table(b).is_some());
    }
    assert!(
        t::Device::default()
            .vendor_table(Builtin::Firebase)
            .is_none()
    );
}

#[test]
fn consented_pii_is_sent() {
    let e = random_event(7);
    let props = vendor::properties(&e, &vendor::SEGMENT, Pii::Include).unwrap();
    assert!(props.to_json(&vendor::SEGMENT).contains(SENTINEL));
}

/// One of `items`, at random.
fn one_of<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len() as u64) as usize]
}

/// A limit from 1 to 48, or none.
fn limit(rng: &mut Rng) -> Option<usize> {
    (!rng.chance(30)).then(|| 1 + rng.below(48) as usize)
}

/// A custom profile with every knob drawn at random from a built-in base; `None` when the
/// builder refuses the draw (its errors are tested apart).
fn random_profile(rng: &mut Rng) -> Option<Profile> {
    use prost_vsco::vendor::{
        BoolFormat, BytesFormat, DurationFormat, KeyCase, LengthUnit, Maps, OnViolation, Repeated,
        TimestampFormat, U64Format,
    };
    let units = [LengthUnit::Chars, LengthUnit::Utf16, LengthUnit::Bytes];
    let base = one_of(rng, &Builtin::ALL).profile();
    let b = Profile::builder("random", base)
        .key_case(one_of(
            rng,
            &[KeyCase::AsIs, KeyCase::Snake, KeyCase::Camel],
        ))
        .nesting(
            one_of(rng, &[Nesting::Flatten, Nesting::Objects]),
            one_of(rng, &['_', '.', '/', '-']),
        )
        .key_charset(one_of(rng, &[KeyCharset::Any, KeyCharset::Word]))
        .extra_key_chars(one_of(rng, &["", ".", "-.", "é/"]))
        .key_starts_with_letter(rng.chance(30))
        .strip_leading(one_of(rng, &["", "_", "$", "_$"]))
        .max_key_len(limit(rng))
        .key_length_unit(one_of(rng, &units))
        .reserved_prefixes(one_of(rng, &[&[][..], &["de", "s_"][..]]).iter().copied())
        .reserved_keys(
            one_of(rng, &[&[][..], &["tags", "test", "os"][..]])
                .iter()
                .copied(),
        )
        .max_event_name_len(limit(rng))
        .reserved_event_names(one_of(rng, &[&[][..], &["login"][..]]).iter().copied())
        .bools(one_of(
            rng,
            &[BoolFormat::Bool, BoolFormat::Int, BoolFormat::String],
        ))
        .u64s(one_of(
            rng,
            &[U64Format::IntOrString, U64Format::String, U64Format::Double],
        ))
        .max_string_len(limit(rng), one_of(rng, &units))
        .max_properties(limit(rng))
        .max_depth(1 + rng.below(5) as usize)
        .repeated(
            one_of(rng, &[Repeated::List, Repeated::Joined, Repeated::Indexed]),
            one_of(rng, &[",", " | "]),
        )
        .maps(one_of(rng, &[Maps::Object, Maps::PrefixedKeys]))
        .bytes(one_of(
            rng,
            &[BytesFormat::Base64, BytesFormat::Hex, BytesFormat::Omit],
        ))
        .timestamps(one_of(
            rng,
            &[
                TimestampFormat::Rfc3339,
                TimestampFormat::EpochMillis,
                TimestampFormat::EpochSeconds,
            ],
        ))
        .durations(one_of(
            rng,
            &[
                DurationFormat::Seconds,
                DurationFormat::Millis,
                DurationFormat::String,
            ],
        ))
        .on_violation(one_of(
            rng,
            &[OnViolation::Truncate, OnViolation::Drop, OnViolation::Error],
        ));
    b.build().ok()
}

/// A key or event name under any profile's rules: not empty, within its length limit, of
/// allowed characters, starting as required, not starting with a stripped character, not
/// reserved.
fn custom_key_ok(
    p: &Profile,
    key: &str,
    max: Option<usize>,
    reserved: &[&str],
) -> Result<(), String> {
    let allowed = |c: char| match p.key_charset() {
        KeyCharset::Any => true,
        KeyCharset::Word => {
            c.is_ascii_alphanumeric() || c == '_' || p.extra_key_chars().contains(c)
        }
    };
    let first = key.chars().next().ok_or("an empty key")?;
    if let Some(max) = max {
        let len = p.key_length_unit().len(key);
        if len > max {
            return Err(format!("`{key}` is {len} long, over {max}"));
        }
    }
    if !key.chars().all(allowed) {
        return Err(format!("`{key}` has a refused character"));
    }
    if p.key_starts_with_letter() && !first.is_ascii_alphabetic() {
        return Err(format!("`{key}` does not start with a letter"));
    }
    if p.strip_leading().contains(first) {
        return Err(format!("`{key}` starts with a stripped character"));
    }
    if reserved.contains(&key)
        || p.reserved_prefixes()
            .iter()
            .any(|r| key.starts_with(r.as_ref()))
    {
        return Err(format!("`{key}` is reserved"));
    }
    Ok(())
}

fn custom_value_ok(
    p: &Profile,
    key: &str,
    v: &VendorValue<'_>,
    depth: usize,
) -> Result<(), String> {
    value_in_limits(p, key, v, depth)?;
    let reserved: Vec<&str> = p.reserved_keys().iter().map(AsRef::as_ref).collect();
    match v {
        VendorValue::List(items) => {
            for item in items {
                custom_value_ok(p, key, item, depth + 1)?;
            }
        }
        VendorValue::Object(entries) => {
            let mut seen = std::collections::BTreeSet::new();
            for (k, item) in entries {
                custom_key_ok(p, k, p.max_key_len(), &reserved)?;
                if !seen.insert(k) {
                    return Err(format!("{key}: member `{k}` twice"));
                }
                custom_value_ok(p, k, item, depth + 1)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_random_profile(seed: u64) -> Result<(), String> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let Some(p) = random_profile(&mut rng) else {
        return Ok(());
    };
    let e = random_event(seed);
    let again = t::Event::decode(e.encode_to_vec().as_slice()).map_err(|e| e.to_string())?;
    let ours = vendor::properties(&e, &p, Pii::Include);
    if ours != vendor::properties_without_tables(&e, &p, Pii::Include) {
        return Err(format!("{p:?}: generated walk and batches differ"));
    }
    if ours != vendor::properties(&again, &p, Pii::Include) {
        return Err(format!("{p:?}: not deterministic"));
    }
    let props = match ours {
        Ok(props) => props,
        // What a profile may refuse: a violation under `OnViolation::Error`, an event name.
        Err(vendor::VendorError::Violation { .. } | vendor::VendorError::EventName { .. }) => {
            return Ok(());
        }
        Err(err) => return Err(format!("{p:?}: {err}")),
    };
    let check = || -> Result<(), String> {
        if let Some(max) = p.max_properties()
            && props.entries.len() > max
        {
            return Err(format!("{} properties", props.entries.len()));
        }
        let names: Vec<&str> = p.reserved_event_names().iter().map(AsRef::as_ref).collect();
        custom_key_ok(&p, &props.event_name, p.max_event_name_len(), &names)
            .map_err(|m| format!("event name {m}"))?;
        // A custom profile's change of the event name is recorded, first, under the name
        // sent; a name sent as written records nothing.
        let written = e
            .fields()
            .find_map(|(f, v)| f.oneof.and(v.as_message()))
            .and_then(|m| m.info().options.event_name)
            .ok_or("no event member")?;
        let name_changes: Vec<&Adjustment> = props
            .adjustments
            .iter()
            .take_while(|a| {
                matches!(
                    a.kind,
                    AdjustmentKind::EventNameRewritten { .. }
                        | AdjustmentKind::EventNameTruncated { .. }
                )
            })
            .collect();
        if name_changes.is_empty() != (written == props.event_name)
            || name_changes.iter().any(|a| a.key != props.event_name)
        {
            return Err(format!(
                "event name `{written}` sent as `{}`, recorded {name_changes:?}",
                props.event_name
            ));
        }
        let reserved: Vec<&str> = p.reserved_keys().iter().map(AsRef::as_ref).collect();
        let mut seen = std::collections::BTreeSet::new();
        for (k, v) in &props.entries {
            custom_key_ok(&p, k, p.max_key_len(), &reserved)?;
            if !seen.insert(k) {
                return Err(format!("key `{k}` twice"));
            }
            custom_value_ok(&p, k, v, 1)?;
        }
        Ok(())
    };
    check().map_err(|m| format!("{m}\nprofile {p:?}\nproperties {props:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Custom profiles with every knob at random: no panic, and what is sent keeps the
    /// profile's own limits.
    #[test]
    fn random_custom_profiles_keep_their_limits(seed in any::<u64>()) {
        check_random_profile(seed).map_err(TestCaseError::fail)?;
    }
}
