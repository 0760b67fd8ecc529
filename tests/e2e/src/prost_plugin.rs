//! protoc-gen-prost 0.5 as a protoc plugin (its library's `execute`), for chaining tests.

use std::io::{Read, Write};

use prost::Message;
use protoc_gen_prost::GeneratorResultExt;

fn main() -> std::process::ExitCode {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("stdin: {e}");
        return std::process::ExitCode::FAILURE;
    }
    let response = protoc_gen_prost::execute(&input).unwrap_codegen_response();
    if let Err(e) = std::io::stdout().write_all(&response.encode_to_vec()) {
        eprintln!("stdout: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
