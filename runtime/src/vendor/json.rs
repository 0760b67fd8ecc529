//! Vendor properties as one event of the vendor's HTTP API, for ingest services that forward
//! events server-side.

use super::profile::Profile;
use super::properties::{VendorProperties, VendorValue};
use crate::json::encode::{write_finite, write_str};

/// A finite double as the JSON encoder writes it.
pub(crate) fn format_double(v: f64) -> String {
    let mut out = Vec::new();
    write_finite(&mut out, v);
    String::from_utf8_lossy(&out).into_owned()
}

impl VendorProperties<'_> {
    /// Appends the event as the vendor's HTTP API takes it:
    /// `{"<name key>":"<event name>","<properties key>":{...}}` (GA4 Measurement Protocol
    /// `events[]`: `name` / `params`; Amplitude HTTP V2: `event_type` / `event_properties`;
    /// Mixpanel `/import` and Segment `/track`: `event` / `properties`; Braze `/users/track`
    /// `events[]`: `name` / `properties`). Identity and time members (`client_id`,
    /// `user_id`, `distinct_id`, `time`) are the caller's to add.
    pub fn write_json(&self, profile: &Profile, out: &mut Vec<u8>) {
        let shape = profile.shape();
        out.push(b'{');
        write_str(out, &shape.name_key);
        out.push(b':');
        write_str(out, &self.event_name);
        out.push(b',');
        write_str(out, &shape.properties_key);
        out.push(b':');
        write_object(out, &self.entries);
        out.push(b'}');
    }

    /// [`write_json`](Self::write_json) into a new string.
    pub fn to_json(&self, profile: &Profile) -> String {
        let mut out = Vec::new();
        self.write_json(profile, &mut out);
        // Only UTF-8 text and ASCII punctuation were written.
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The properties alone as a JSON object.
    pub fn properties_json(&self) -> String {
        let mut out = Vec::new();
        write_object(&mut out, &self.entries);
        String::from_utf8_lossy(&out).into_owned()
    }
}

fn write_object<K: AsRef<str>>(out: &mut Vec<u8>, entries: &[(K, VendorValue<'_>)]) {
    out.push(b'{');
    for (n, (key, value)) in entries.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        write_str(out, key.as_ref());
        out.push(b':');
        write_value(out, value);
    }
    out.push(b'}');
}

/// One value as JSON. Non-finite doubles never reach here (the walk sends them as strings).
pub(crate) fn write_value(out: &mut Vec<u8>, value: &VendorValue<'_>) {
    match value {
        VendorValue::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        VendorValue::Int(i) => out.extend_from_slice(itoa::Buffer::new().format(*i).as_bytes()),
        VendorValue::Double(d) if d.is_finite() => write_finite(out, *d),
        VendorValue::Double(_) => out.extend_from_slice(b"null"),
        VendorValue::Str(s) => write_str(out, s),
        VendorValue::List(items) => {
            out.push(b'[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                write_value(out, item);
            }
            out.push(b']');
        }
        VendorValue::Object(entries) => write_object(out, entries),
    }
}
