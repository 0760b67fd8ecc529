//! Runs the ingest service on loopback.
//!
//! ```sh
//! cargo run -p ingest-example -- [PORT] [LOG.jsonl]
//! curl -s --data-binary @event.bin -H 'Content-Type: application/x-protobuf' localhost:8080/events
//! curl -s -d '{"event_id":"e-1","login":{"method":1}}' -H 'Content-Type: application/json' localhost:8080/events
//! ```

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = match args.next().map(|p| p.parse::<u16>()) {
        None => 8080,
        Some(Ok(port)) => port,
        Some(Err(e)) => {
            eprintln!("ingest: the port must be a number from 0 to 65535: {e}");
            return ExitCode::from(2);
        }
    };
    let config = ingest_example::Config {
        log: args.next().map(Into::into),
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ingest: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(addr) = listener.local_addr() {
        println!("ingest: listening on http://{addr}/events");
    }
    match axum::serve(listener, ingest_example::app(config)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ingest: {e}");
            ExitCode::FAILURE
        }
    }
}
