//! `conformance-testee`: answers Google's `conformance_test_runner` on stdin/stdout.
//!
//! Binary payloads go through prost; JSON goes through `prost_vsco::json`. Each request is a
//! little-endian `u32` length and a `ConformanceRequest`; each answer the same framing around a
//! `ConformanceResponse`. Run by `conformance/run.sh`.

use std::io::{self, Read, Write};
use std::sync::Arc;

use prost::Message;
use prost_vsco::Reflect;
use prost_vsco::json::{self, JsonOptions, TypeRegistry, Unknown};
use prost_vsco_conformance::generated::conformance::{
    ConformanceRequest, ConformanceResponse, FailureSet, TestCategory, WireFormat,
    conformance_request::Payload, conformance_response::Result as Outcome,
};
use prost_vsco_conformance::generated::protobuf_test_messages::{proto2, proto3};

const PROTO3: &str = "protobuf_test_messages.proto3.TestAllTypesProto3";
const PROTO2: &str = "protobuf_test_messages.proto2.TestAllTypesProto2";

fn main() -> io::Result<()> {
    let registry = Arc::new(prost_vsco_conformance::registry());
    let mut stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    loop {
        let mut len = [0u8; 4];
        match stdin.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        let mut request = vec![0u8; u32::from_le_bytes(len) as usize];
        stdin.read_exact(&mut request)?;
        let result = match ConformanceRequest::decode(request.as_slice()) {
            Ok(request) => respond(&request, &registry),
            Err(e) => Outcome::RuntimeError(format!("bad ConformanceRequest: {e}")),
        };
        let response = ConformanceResponse {
            result: Some(result),
        }
        .encode_to_vec();
        stdout.write_all(&(response.len() as u32).to_le_bytes())?;
        stdout.write_all(&response)?;
        stdout.flush()?;
    }
}

fn respond(request: &ConformanceRequest, registry: &Arc<TypeRegistry>) -> Outcome {
    if request.message_type == "conformance.FailureSet" {
        return Outcome::ProtobufPayload(FailureSet::default().encode_to_vec());
    }
    match request.message_type.as_str() {
        PROTO3 => run::<proto3::TestAllTypesProto3>(request, registry),
        PROTO2 => run::<proto2::TestAllTypesProto2>(request, registry),
        other => Outcome::Skipped(format!("message type {other} is not supported")),
    }
}

fn run<T: Message + Reflect + Default>(
    request: &ConformanceRequest,
    registry: &Arc<TypeRegistry>,
) -> Outcome {
    let mut options = JsonOptions::default().types(Arc::clone(registry));
    if request.test_category() == TestCategory::JsonIgnoreUnknownParsingTest {
        options = options
            .unknown_keys(Unknown::Ignore)
            .unknown_enum_names(Unknown::Ignore);
    }
    let message: T = match &request.payload {
        Some(Payload::ProtobufPayload(bytes)) => match T::decode(bytes.as_slice()) {
            Ok(m) => m,
            Err(e) => return Outcome::ParseError(e.to_string()),
        },
        Some(Payload::JsonPayload(text)) => match json::from_str(text, &options) {
            Ok(m) => m,
            Err(e) => return Outcome::ParseError(e.to_string()),
        },
        Some(Payload::JspbPayload(_)) => return Outcome::Skipped("JSPB is not supported".into()),
        Some(Payload::TextPayload(_)) => {
            return Outcome::Skipped("the text format is not supported".into());
        }
        None => return Outcome::RuntimeError("request without payload".into()),
    };
    match request.requested_output_format() {
        WireFormat::Protobuf => Outcome::ProtobufPayload(message.encode_to_vec()),
        WireFormat::Json => match json::to_string(&message, &options) {
            Ok(text) => Outcome::JsonPayload(text),
            Err(e) => Outcome::SerializeError(e.to_string()),
        },
        other => Outcome::Skipped(format!("output format {other:?} is not supported")),
    }
}
