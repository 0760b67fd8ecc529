//! protoc-gen-prost-vsco: a protoc plugin that gives prost-generated Rust types static
//! metadata and key-value reflection, JSON-compat mappers and mobile adapters.
//!
//! The entry point is [`run`], a pure function from a request to a response: `main.rs` only
//! moves bytes. [`generate`] compiles `.proto` files without protoc and writes the same files.

#![forbid(unsafe_code)]

pub mod emit;
pub mod error;
pub mod generate;
pub mod model;
pub mod output;
pub mod params;

use prost::Message as _;
use prost_types::compiler::code_generator_response::Feature;
use prost_types::compiler::{CodeGeneratorRequest, CodeGeneratorResponse};

pub use error::Error;
pub use generate::{GenerateError, Generator};

/// A decoded `CodeGeneratorRequest` together with its encoded bytes.
///
/// The bytes are kept because prost-types drops unknown extensions when decoding descriptors,
/// and this project's custom options are such extensions: they are read from the bytes.
#[derive(Debug, Clone)]
pub struct Request {
    raw: Vec<u8>,
    decoded: CodeGeneratorRequest,
}

impl Request {
    /// Decodes a request as protoc sends it on stdin.
    pub fn decode(bytes: &[u8]) -> Result<Self, prost::DecodeError> {
        Ok(Request {
            decoded: CodeGeneratorRequest::decode(bytes)?,
            raw: bytes.to_vec(),
        })
    }

    /// Wraps an already decoded request. Custom options that prost-types dropped while
    /// decoding it cannot be recovered: prefer [`Request::decode`] on the original bytes.
    pub fn from_decoded(decoded: CodeGeneratorRequest) -> Self {
        Request {
            raw: decoded.encode_to_vec(),
            decoded,
        }
    }

    pub fn decoded(&self) -> &CodeGeneratorRequest {
        &self.decoded
    }

    pub fn raw(&self) -> &[u8] {
        &self.raw
    }
}

/// What protoc is told this plugin supports.
pub const SUPPORTED_FEATURES: u64 = Feature::Proto3Optional as u64;

/// Runs the plugin: never panics, reports every failure in `response.error`, and writes no
/// file at all when it reports an error.
pub fn run(request: &Request) -> CodeGeneratorResponse {
    run_with_warnings(request).0
}

/// [`run`], also returning the warnings for stderr (vendor-rule violations under
/// `vendor_check=warn`); protoc shows a plugin's stderr to the user.
pub fn run_with_warnings(request: &Request) -> (CodeGeneratorResponse, Vec<String>) {
    let result = std::panic::catch_unwind(|| generate_files(request)).unwrap_or_else(|panic| {
        Err(Error::Internal {
            file: "(request)".to_string(),
            message: panic_message(&*panic),
        })
    });
    match result {
        Ok(mut output) => {
            let warnings = std::mem::take(&mut output.warnings);
            let response = CodeGeneratorResponse {
                file: output.into_response_files(),
                supported_features: Some(SUPPORTED_FEATURES),
                ..CodeGeneratorResponse::default()
            };
            (response, warnings)
        }
        Err(e) => {
            let response = CodeGeneratorResponse {
                error: Some(e.to_string()),
                supported_features: Some(SUPPORTED_FEATURES),
                ..CodeGeneratorResponse::default()
            };
            (response, Vec::new())
        }
    }
}

fn generate_files(request: &Request) -> Result<output::Output, Error> {
    let params = params::Params::parse(request.decoded().parameter())?;
    let raw_options = model::options::RawRequest::decode(request.raw())
        .map_err(|e| Error::schema("request", format!("cannot read custom options: {e}")))?;
    let schema = model::Schema::build(&request.decoded().proto_file, &raw_options, &params)?;
    for name in &request.decoded().file_to_generate {
        if schema.file_by_name(name).is_none() {
            return Err(Error::schema(
                format!("file {name}"),
                "listed in file_to_generate but not among the request's proto_file",
            ));
        }
    }
    match params.target {
        params::Target::Rust => {}
        params::Target::Swift => return swift_files(request, &params, &schema),
        params::Target::Java | params::Target::Kotlin => {
            return jvm_files(request, &params, &schema);
        }
    }
    output::build(request, &params, &schema)
}

/// `target=java|kotlin`: the adapters of every file to generate, beside protoc's
/// `--java_out`.
fn jvm_files(
    request: &Request,
    params: &params::Params,
    schema: &model::Schema,
) -> Result<output::Output, Error> {
    let names = model::java::JavaNames::build(schema, &request.decoded().proto_file);
    let files: Vec<model::FileId> = request
        .decoded()
        .file_to_generate
        .iter()
        .filter_map(|name| schema.file_by_name(name))
        .collect();
    Ok(output::Output {
        files: emit::java::files(schema, &names, &files, params, &output::header(params))?,
        insertions: emit::java::insertions(schema, &names, &files, params)?,
        ..output::Output::default()
    })
}

/// `target=swift`: the extensions of every file to generate, beside protoc-gen-swift's
/// output.
fn swift_files(
    request: &Request,
    params: &params::Params,
    schema: &model::Schema,
) -> Result<output::Output, Error> {
    let names = model::swift::SwiftNames::build(
        schema,
        &request.decoded().proto_file,
        params.swift_file_naming,
    );
    let files: Vec<model::FileId> = request
        .decoded()
        .file_to_generate
        .iter()
        .filter_map(|name| schema.file_by_name(name))
        .collect();
    Ok(output::Output {
        files: emit::swift::files(schema, &names, &files, params, &output::header(params))?,
        ..output::Output::default()
    })
}

/// The text of a caught panic.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}
