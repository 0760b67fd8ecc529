//! Code-generation speed of protoc-gen-prost-vsco next to protoc-gen-prost, in one run.
//!
//! The request is synthetic and built here, without protoc or files: proto3, four files in two
//! packages, every message with 24 fields covering the scalar kinds, enums, a nested message,
//! repeated fields, a map, references to other messages (within a file, across files and across
//! packages) and a oneof. It is run at three sizes: the full one (1,024 messages) and 1/4 and
//! 1/16 of it.
//!
//! Both sides start from the encoded request, as a plugin does from stdin:
//! - ours: `Request::decode` + `protoc_gen_prost_vsco::run` in its default (standalone) mode,
//!   which runs protoc-gen-prost's generator itself and then adds its own code, so it does the
//!   peer's work plus ours;
//! - peer: `protoc_gen_prost::execute`.
//!
//! Runs are interleaved (ours/peer, then peer/ours, ...) and the median of each side is
//! compared. Absolute times depend on the machine; the ratios are the result:
//! `ratio codegen_standalone_vs_protoc_gen_prost_<messages> <peer time / our time>`, target
//! >= 0.5 (ours at most twice the peer).
//!
//! Run: `cargo run --release -p prost-vsco-bench --bin codegen [-- --quick]`

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use prost::Message as _;
use prost_types::compiler::CodeGeneratorRequest;
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, EnumValueDescriptorProto, FieldDescriptorProto,
    FileDescriptorProto, MessageOptions, OneofDescriptorProto,
};
use prost_vsco_bench::harness::median;

/// Messages in the largest request; the other sizes are 1/4 and 1/16 of it.
const FULL_MESSAGES: usize = 1024;

/// The files of the request: (file name, package, prefix of its type names).
const FILES: [(&str, &str, &str); 4] = [
    ("bench/alpha/a0.proto", "bench.alpha", "A0"),
    ("bench/alpha/a1.proto", "bench.alpha", "A1"),
    ("bench/beta/b0.proto", "bench.beta", "B0"),
    ("bench/beta/b1.proto", "bench.beta", "B1"),
];

/// Top-level enums per file.
const ENUMS_PER_FILE: usize = 3;

/// Scalar fields every message has: (name, type).
const SCALARS: [(&str, Type); 15] = [
    ("f_double", Type::Double),
    ("f_float", Type::Float),
    ("f_int32", Type::Int32),
    ("f_int64", Type::Int64),
    ("f_uint32", Type::Uint32),
    ("f_uint64", Type::Uint64),
    ("f_sint32", Type::Sint32),
    ("f_sint64", Type::Sint64),
    ("f_fixed32", Type::Fixed32),
    ("f_fixed64", Type::Fixed64),
    ("f_sfixed32", Type::Sfixed32),
    ("f_sfixed64", Type::Sfixed64),
    ("f_bool", Type::Bool),
    ("display_name", Type::String),
    ("payload", Type::Bytes),
];

struct Mode {
    quick: bool,
}

impl Mode {
    /// Timed pairs (one run of each side) for a request of `messages` messages.
    fn iterations(&self, messages: usize) -> usize {
        match (self.quick, messages >= FULL_MESSAGES) {
            (true, true) => 3,
            (true, false) => 7,
            (false, true) => 9,
            (false, false) => 25,
        }
    }
}

/// One request size and what was measured on it.
struct Measured {
    messages: usize,
    fields: usize,
    ours: Duration,
    peer: Duration,
    ours_bytes: usize,
    peer_bytes: usize,
}

fn main() -> ExitCode {
    let mut mode = Mode { quick: false };
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--quick" => mode.quick = true,
            "--help" | "-h" => {
                println!("usage: codegen [--quick]");
                return ExitCode::SUCCESS;
            }
            // `cargo bench` passes `--bench`; accept it so this can run either way.
            "--bench" => {}
            other => {
                eprintln!("codegen: unknown argument `{other}` (usage: codegen [--quick])");
                return ExitCode::FAILURE;
            }
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: built without optimizations; run with `cargo run --release`");
    }

    let sizes = [FULL_MESSAGES / 16, FULL_MESSAGES / 4, FULL_MESSAGES];
    let mut results = Vec::new();
    for messages in sizes {
        match measure(messages, &mode) {
            Ok(m) => results.push(m),
            Err(e) => {
                eprintln!("codegen: {messages} messages: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    report(&results, &mode);
    ExitCode::SUCCESS
}

/// Builds the request for `messages` messages, checks that both generators accept it, and
/// times them interleaved.
fn measure(messages: usize, mode: &Mode) -> Result<Measured, String> {
    let request = synthetic_request(messages);
    let fields = count_fields(&request);
    let raw = request.encode_to_vec();

    // Warm-up, and the check that both sides succeed (outside the timings).
    let ours_bytes = run_ours(&raw)?;
    let peer_bytes = run_peer(&raw)?;

    let n = mode.iterations(messages);
    let mut ours = Vec::with_capacity(n);
    let mut peer = Vec::with_capacity(n);
    for i in 0..n {
        // Alternate which side goes first so neither always runs on a warmer cache.
        if i % 2 == 0 {
            ours.push(time(|| run_ours(&raw))?);
            peer.push(time(|| run_peer(&raw))?);
        } else {
            peer.push(time(|| run_peer(&raw))?);
            ours.push(time(|| run_ours(&raw))?);
        }
    }
    Ok(Measured {
        messages,
        fields,
        ours: median(ours),
        peer: median(peer),
        ours_bytes,
        peer_bytes,
    })
}

/// Our plugin on the encoded request; the bytes of the files it writes.
fn run_ours(raw: &[u8]) -> Result<usize, String> {
    let request = protoc_gen_prost_vsco::Request::decode(black_box(raw))
        .map_err(|e| format!("protoc-gen-prost-vsco cannot decode the request: {e}"))?;
    let response = black_box(protoc_gen_prost_vsco::run(&request));
    if let Some(error) = response.error {
        return Err(format!("protoc-gen-prost-vsco failed: {error}"));
    }
    if response.file.is_empty() {
        return Err("protoc-gen-prost-vsco wrote no file".to_string());
    }
    Ok(response.file.iter().map(|f| f.content().len()).sum())
}

/// protoc-gen-prost on the encoded request; the bytes of the files it writes.
fn run_peer(raw: &[u8]) -> Result<usize, String> {
    let files = protoc_gen_prost::execute(black_box(raw))
        .map_err(|e| format!("protoc-gen-prost failed: {e}"))?;
    if files.is_empty() {
        return Err("protoc-gen-prost wrote no file".to_string());
    }
    Ok(black_box(files).iter().map(|f| f.content().len()).sum())
}

/// The wall time of one successful run.
fn time(f: impl FnOnce() -> Result<usize, String>) -> Result<Duration, String> {
    let start = Instant::now();
    let bytes = f()?;
    let elapsed = start.elapsed();
    black_box(bytes);
    Ok(elapsed)
}

fn report(results: &[Measured], mode: &Mode) {
    println!(
        "codegen: protoc-gen-prost-vsco (standalone) vs protoc-gen-prost, {} mode, medians of interleaved runs",
        if mode.quick { "quick" } else { "full" }
    );
    println!(
        "{:>9} {:>8} {:>6} {:>11} {:>11} {:>10} {:>11} {:>11}",
        "messages", "fields", "runs", "ours", "peer", "ours/peer", "ours bytes", "peer bytes"
    );
    for m in results {
        let ratio = m.ours.as_secs_f64() / m.peer.as_secs_f64();
        println!(
            "{:>9} {:>8} {:>6} {:>11} {:>11} {:>9.2}{} {:>11} {:>11}",
            m.messages,
            m.fields,
            mode.iterations(m.messages),
            format_duration(m.ours),
            format_duration(m.peer),
            ratio,
            if ratio <= 2.0 { ' ' } else { '!' },
            m.ours_bytes,
            m.peer_bytes,
        );
    }
    println!("(target: ours/peer <= 2.0; `!` marks a size over it)");
    println!();

    for m in results {
        println!(
            "ratio codegen_standalone_vs_protoc_gen_prost_{} {:.3}",
            m.messages,
            m.peer.as_secs_f64() / m.ours.as_secs_f64()
        );
    }
    println!();

    if let Some(base) = results.first() {
        for (name, side) in [
            ("ours", (|m: &Measured| m.ours) as fn(&Measured) -> Duration),
            ("peer", |m: &Measured| m.peer),
        ] {
            let per_field = |m: &Measured| side(m).as_secs_f64() / m.fields as f64;
            let cells: Vec<String> = results
                .iter()
                .map(|m| format!("{} msgs {:.2}x", m.messages, per_field(m) / per_field(base)))
                .collect();
            println!(
                "linearity {name}: time per field relative to {} msgs ({:.2} us/field): {}",
                base.messages,
                per_field(base) * 1e6,
                cells.join(", ")
            );
        }
    }
}

fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// Every field declared in the request, nested and map-entry messages included.
fn count_fields(request: &CodeGeneratorRequest) -> usize {
    fn in_message(m: &DescriptorProto) -> usize {
        m.field.len() + m.nested_type.iter().map(in_message).sum::<usize>()
    }
    request
        .proto_file
        .iter()
        .flat_map(|f| &f.message_type)
        .map(in_message)
        .sum()
}

/// A request for `messages` top-level messages spread over [`FILES`], all to be generated.
fn synthetic_request(messages: usize) -> CodeGeneratorRequest {
    let per_file = messages.div_ceil(FILES.len());
    let proto_file: Vec<FileDescriptorProto> = FILES
        .iter()
        .enumerate()
        .map(|(index, _)| synthetic_file(index, per_file))
        .collect();
    CodeGeneratorRequest {
        file_to_generate: FILES.iter().map(|(name, _, _)| name.to_string()).collect(),
        proto_file,
        ..CodeGeneratorRequest::default()
    }
}

/// File `index` of [`FILES`] with `messages` messages. Every file but the first imports the
/// first one and refers to its messages, which crosses packages for the beta files.
fn synthetic_file(index: usize, messages: usize) -> FileDescriptorProto {
    let (name, package, prefix) = FILES[index];
    let (first_name, first_package, first_prefix) = FILES[0];
    let enum_type = (0..ENUMS_PER_FILE)
        .map(|e| synthetic_enum(prefix, e))
        .collect();
    let message_type = (0..messages)
        .map(|m| {
            // The message `link` points to: the previous one in this file for the first file,
            // a message of the first file otherwise.
            let link = if index == 0 {
                (m > 0).then(|| format!(".{first_package}.{first_prefix}Msg{}", m - 1))
            } else {
                Some(format!(".{first_package}.{first_prefix}Msg{m}"))
            };
            synthetic_message(package, prefix, m, link)
        })
        .collect();
    FileDescriptorProto {
        name: Some(name.to_string()),
        package: Some(package.to_string()),
        dependency: if index == 0 {
            Vec::new()
        } else {
            vec![first_name.to_string()]
        },
        message_type,
        enum_type,
        syntax: Some("proto3".to_string()),
        ..FileDescriptorProto::default()
    }
}

fn synthetic_enum(prefix: &str, index: usize) -> EnumDescriptorProto {
    let name = format!("{prefix}Kind{index}");
    // Values are prefixed by the enum's name, as the style guide asks and prost strips.
    let value_prefix = format!("{}_KIND{index}", prefix.to_uppercase());
    let value = ["UNSPECIFIED", "FIRST", "SECOND", "THIRD"]
        .iter()
        .enumerate()
        .map(|(number, suffix)| EnumValueDescriptorProto {
            name: Some(format!("{value_prefix}_{suffix}")),
            number: Some(number as i32),
            options: None,
        })
        .collect();
    EnumDescriptorProto {
        name: Some(name),
        value,
        ..EnumDescriptorProto::default()
    }
}

/// Message `index` of a file: 24 fields, a nested message and a map entry. `link` is the
/// fully qualified message its `link` field refers to, if any.
fn synthetic_message(
    package: &str,
    prefix: &str,
    index: usize,
    link: Option<String>,
) -> DescriptorProto {
    let name = format!("{prefix}Msg{index}");
    let full_name = format!(".{package}.{name}");
    let inner = format!("{full_name}.Inner");
    let mut field: Vec<FieldDescriptorProto> = SCALARS
        .iter()
        .map(|(name, ty)| scalar(name, *ty, Label::Optional))
        .collect();
    field.push(typed(
        "kind",
        Type::Enum,
        Label::Optional,
        &format!(".{package}.{prefix}Kind{}", index % ENUMS_PER_FILE),
    ));
    field.push(scalar("samples", Type::Int32, Label::Repeated));
    field.push(scalar("tags", Type::String, Label::Repeated));
    field.push(typed(
        "counters",
        Type::Message,
        Label::Repeated,
        &format!("{full_name}.CountersEntry"),
    ));
    field.push(typed("inner", Type::Message, Label::Optional, &inner));
    field.push(typed("history", Type::Message, Label::Repeated, &inner));
    field.push(typed(
        "link",
        Type::Message,
        Label::Optional,
        link.as_deref().unwrap_or(&inner),
    ));
    let mut choice_text = scalar("choice_text", Type::String, Label::Optional);
    choice_text.oneof_index = Some(0);
    field.push(choice_text);
    let mut choice_count = scalar("choice_count", Type::Int64, Label::Optional);
    choice_count.oneof_index = Some(0);
    field.push(choice_count);
    number(&mut field);

    let mut inner_fields = vec![
        scalar("id", Type::Uint64, Label::Optional),
        scalar("note", Type::String, Label::Optional),
        typed(
            "state",
            Type::Enum,
            Label::Optional,
            &format!(".{package}.{prefix}Kind{}", (index + 1) % ENUMS_PER_FILE),
        ),
    ];
    number(&mut inner_fields);
    let mut entry_fields = vec![
        scalar("key", Type::String, Label::Optional),
        scalar("value", Type::Int64, Label::Optional),
    ];
    number(&mut entry_fields);

    DescriptorProto {
        name: Some(name),
        field,
        nested_type: vec![
            DescriptorProto {
                name: Some("Inner".to_string()),
                field: inner_fields,
                ..DescriptorProto::default()
            },
            DescriptorProto {
                name: Some("CountersEntry".to_string()),
                field: entry_fields,
                options: Some(MessageOptions {
                    map_entry: Some(true),
                    ..MessageOptions::default()
                }),
                ..DescriptorProto::default()
            },
        ],
        oneof_decl: vec![OneofDescriptorProto {
            name: Some("choice".to_string()),
            options: None,
        }],
        ..DescriptorProto::default()
    }
}

/// Numbers fields 1, 2, ... in order.
fn number(fields: &mut [FieldDescriptorProto]) {
    for (i, f) in fields.iter_mut().enumerate() {
        f.number = Some(i as i32 + 1);
    }
}

fn scalar(name: &str, ty: Type, label: Label) -> FieldDescriptorProto {
    FieldDescriptorProto {
        name: Some(name.to_string()),
        json_name: Some(json_name(name)),
        label: Some(label as i32),
        r#type: Some(ty as i32),
        ..FieldDescriptorProto::default()
    }
}

fn typed(name: &str, ty: Type, label: Label, type_name: &str) -> FieldDescriptorProto {
    FieldDescriptorProto {
        type_name: Some(type_name.to_string()),
        ..scalar(name, ty, label)
    }
}

/// protoc's json_name: underscores dropped, the letter after each one upper-cased.
fn json_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
