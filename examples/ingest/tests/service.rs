//! Starts the service on a free loopback port, posts events as binary protobuf and as legacy
//! JSON, and checks what it answers and logs.

use std::io::{Read, Write};
use std::net::TcpStream;

use ingest_example::schema::telemetry::v1 as t;
use prost::Message;
use serde_json::Value;

/// One HTTP/1.1 request on a fresh connection; the status and the body.
fn post(port: u16, content_type: &str, body: &[u8]) -> (u16, Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let head = format!(
        "POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("write head");
    stream.write_all(body).expect("write body");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8(response).expect("utf-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, serde_json::from_str(body).expect("JSON body"))
}

fn start(log: std::path::PathBuf) -> u16 {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", 0)))
        .expect("bind a free port");
    let port = listener.local_addr().expect("address").port();
    let app = ingest_example::app(ingest_example::Config { log: Some(log) });
    std::thread::spawn(move || {
        runtime.block_on(async move { axum::serve(listener, app).await.expect("serve") })
    });
    port
}

#[test]
fn binary_and_legacy_json_events_are_forwarded() {
    let dir = std::env::temp_dir().join(format!("ingest-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let log = dir.join("forwarded.jsonl");
    let _ = std::fs::remove_file(&log);
    let port = start(log.clone());

    let event = t::Event {
        id: "e-1".into(),
        timestamp: Some(prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 0,
        }),
        session_id: "s-1".into(),
        ip_address: "10.0.0.1".into(),
        body: Some(
            t::Login {
                method: t::AuthMethod::Email as i32,
                mfa_used: true,
                failed_attempts: 0,
            }
            .into(),
        ),
        ..Default::default()
    };
    let (status, binary) = post(port, "application/x-protobuf", &event.encode_to_vec());
    assert_eq!(status, 200, "{binary}");
    assert_eq!(binary["canonical"]["id"], "e-1");
    assert_eq!(binary["canonical"]["login"]["method"], "AUTH_METHOD_EMAIL");
    assert_eq!(binary["legacy"]["event_id"], "e-1");
    assert_eq!(binary["legacy"]["ts"], 1_700_000_000_000u64);
    let firebase = &binary["vendors"]["firebase"]["payload"];
    assert_eq!(firebase["name"], "user_login");
    assert_eq!(firebase["params"]["method"], "AUTH_METHOD_EMAIL");
    assert_eq!(firebase["params"]["mfa_used"], "true");
    assert_eq!(
        binary["vendors"]["mixpanel"]["payload"]["properties"]["mfa_used"],
        true
    );
    assert_eq!(
        binary["vendors"]["amplitude"]["payload"]["event_type"],
        "user_login"
    );
    // PII is not forwarded to any vendor.
    assert!(!binary["vendors"].to_string().contains("10.0.0.1"));

    // The same event from a legacy client.
    let legacy = serde_json::to_vec(&binary["legacy"]).expect("json");
    let (status, from_json) = post(port, "application/json; charset=utf-8", &legacy);
    assert_eq!(status, 200, "{from_json}");
    assert_eq!(from_json, binary);

    // Firebase refuses the reserved event name; the others take it.
    let background = t::Event {
        body: Some(t::AppBackground::default().into()),
        ..Default::default()
    };
    let (status, answer) = post(port, "application/x-protobuf", &background.encode_to_vec());
    assert_eq!(status, 200);
    assert_eq!(
        answer["vendors"]["firebase"]["refused"],
        "profile `firebase`: event name `app_background` is reserved by the vendor"
    );
    assert_eq!(
        answer["vendors"]["segment"]["payload"]["event"],
        "app_background"
    );

    // Bad input: a clear error, nothing logged.
    let (status, bad) = post(port, "application/json", br#"{"event_id": 5}"#);
    assert_eq!(status, 400);
    assert!(
        bad["error"]
            .as_str()
            .unwrap_or("")
            .starts_with("legacy JSON event: $.event_id"),
        "{bad}"
    );
    let (status, bad) = post(port, "text/plain", b"hello");
    assert_eq!(status, 400, "{bad}");

    let lines: Vec<Value> = std::fs::read_to_string(&log)
        .expect("log")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines, [binary, from_json, answer]);
    let _ = std::fs::remove_dir_all(&dir);
}
