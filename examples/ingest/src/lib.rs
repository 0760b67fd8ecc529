//! An ingest service for the telemetry example's events, on loopback: it accepts an event as
//! binary protobuf (`Content-Type: application/x-protobuf`) or as the legacy JSON API's JSON
//! (`application/json`, legacy keys, enum numbers, int64 numbers, epoch milliseconds), and
//! answers, as it would forward them, the event's canonical proto3 JSON, its legacy JSON and
//! each vendor's HTTP payload with the adjustments made to fit that vendor's limits.
//! Every answer is also appended as one JSON line to the service's log, if it has one.

#[allow(clippy::all)]
pub mod schema {
    include!(concat!(env!("OUT_DIR"), "/_include.rs"));
}

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::post;
use prost::Message;
use prost_vsco::json::{self, EnumFormat, Int64Format, JsonOptions, KeyNaming, TimestampFormat};
use prost_vsco::vendor::{Builtin, VendorExt};
use schema::telemetry::v1::Event;
use tokio::io::AsyncWriteExt;

/// The legacy JSON API's format: what old clients send and old consumers read.
pub fn legacy_options() -> JsonOptions {
    JsonOptions::default()
        .keys(KeyNaming::Legacy)
        .enums(EnumFormat::Numbers)
        .int64(Int64Format::Numbers)
        .timestamps(TimestampFormat::EpochMillis)
}

/// Where the service appends its answers (one JSON line each), if anywhere.
#[derive(Clone, Default)]
pub struct Config {
    pub log: Option<PathBuf>,
}

/// The service's routes: `POST /events`.
pub fn app(config: Config) -> Router {
    Router::new()
        .route("/events", post(ingest))
        .with_state(Arc::new(config))
}

async fn ingest(
    State(config): State<Arc<Config>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, [(header::HeaderName, &'static str); 1], String) {
    let json_reply = [(header::CONTENT_TYPE, "application/json")];
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let event = match decode(content_type, &body) {
        Ok(event) => event,
        Err(message) => return (StatusCode::BAD_REQUEST, json_reply, error_json(&message)),
    };
    let answer = match forward(&event) {
        Ok(answer) => answer,
        Err(message) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                json_reply,
                error_json(&message),
            );
        }
    };
    if let Some(path) = &config.log
        && let Err(e) = append(path, &answer).await
    {
        let message = format!("cannot write {}: {e}", path.display());
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            json_reply,
            error_json(&message),
        );
    }
    (StatusCode::OK, json_reply, answer)
}

/// The event in the request body; `Err` says what is wrong with it.
pub fn decode(content_type: &str, body: &[u8]) -> Result<Event, String> {
    match content_type.split(';').next().map(str::trim) {
        Some("application/x-protobuf" | "application/protobuf") => {
            Event::decode(body).map_err(|e| format!("binary event: {e}"))
        }
        Some("application/json") => {
            json::from_slice(body, &legacy_options()).map_err(|e| format!("legacy JSON event: {e}"))
        }
        _ => Err(format!(
            "unsupported content type `{content_type}`: send application/x-protobuf or application/json"
        )),
    }
}

/// What the service forwards for one event, as one JSON object: `canonical` and `legacy`
/// (the event's JSON texts, embedded as JSON) and `vendors` (per built-in profile, the HTTP
/// payload and the adjustments, or the reason the vendor would refuse the event).
pub fn forward(event: &Event) -> Result<String, String> {
    let canonical = json::to_string(event, &JsonOptions::default()).map_err(|e| e.to_string())?;
    let legacy = json::to_string(event, &legacy_options()).map_err(|e| e.to_string())?;
    let mut out = format!("{{\"canonical\":{canonical},\"legacy\":{legacy},\"vendors\":{{");
    for (n, vendor) in Builtin::ALL.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&json_string(vendor.name()));
        out.push(':');
        match event.vendor_properties(vendor.profile()) {
            Ok(props) => {
                out.push_str("{\"payload\":");
                out.push_str(&props.to_json(vendor.profile()));
                out.push_str(",\"adjustments\":[");
                let changes: Vec<String> = props
                    .adjustments
                    .iter()
                    .map(|a| json_string(&a.to_string()))
                    .collect();
                out.push_str(&changes.join(","));
                out.push_str("]}");
            }
            Err(e) => {
                out.push_str("{\"refused\":");
                out.push_str(&json_string(&e.to_string()));
                out.push('}');
            }
        }
    }
    out.push_str("}}");
    Ok(out)
}

async fn append(path: &std::path::Path, line: &str) -> std::io::Result<()> {
    let mut file = tokio::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .await?;
    file.write_all(format!("{line}\n").as_bytes()).await
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn error_json(message: &str) -> String {
    format!("{{\"error\":{}}}", json_string(message))
}
