//! The `protoc-gen-prost-vsco` binary: moves bytes between protoc and [`run`], or runs
//! `generate` without protoc.

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use prost::Message as _;
use prost_types::compiler::CodeGeneratorRequest;
use protoc_gen_prost_vsco::{Generator, Request, params, run_with_warnings};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn help() -> String {
    let mut s = format!(
        "protoc-gen-prost-vsco {VERSION}
A protoc plugin that adds static metadata and key-value reflection to prost types.

USAGE:
    protoc --plugin=protoc-gen-prost-vsco=PATH --prost-vsco_out=DIR [--prost-vsco_opt=PARAMS] FILE.proto...
    protoc-gen-prost-vsco generate [-I DIR]... FILE.proto... --out DIR [--opt PARAMS] [--target rust|java|kotlin|swift]
    protoc-gen-prost-vsco --help | --version

As a plugin it reads a CodeGeneratorRequest on stdin and writes a CodeGeneratorResponse on stdout.
`generate` compiles .proto files in-process (no protoc needed) and writes the same files.
The options file `prost_vsco/options.proto` is built in for `generate`.

PARAMETERS (comma-separated; `\\,` escapes a comma inside a value):
"
    );
    for (key, what) in params::describe() {
        s.push_str(&format!("    {key:<26} {what}\n"));
    }
    s
}

fn main() -> ExitCode {
    // Every panic is caught inside `run` and reported in the response; keep stderr clean.
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => {
            print!("{}", help());
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("protoc-gen-prost-vsco {VERSION}");
            ExitCode::SUCCESS
        }
        Some("generate") => generate(&args[1..]),
        Some(other) => {
            eprintln!(
                "protoc-gen-prost-vsco: unknown argument `{other}`\n\n{}",
                help()
            );
            ExitCode::from(2)
        }
        None => plugin(),
    }
}

fn plugin() -> ExitCode {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("{}", help());
        return ExitCode::from(2);
    }
    let mut input = Vec::new();
    if let Err(e) = stdin.read_to_end(&mut input) {
        eprintln!("protoc-gen-prost-vsco: cannot read stdin: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(target) = target_from_name() {
        input = with_target(input, target);
    }
    let request = match Request::decode(&input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "protoc-gen-prost-vsco: stdin is not a CodeGeneratorRequest ({e}); \
                 this program is a protoc plugin, see --help"
            );
            return ExitCode::FAILURE;
        }
    };
    let (response, warnings) = run_with_warnings(&request);
    for warning in warnings {
        eprintln!("{warning}");
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(&response.encode_to_vec())
        .and_then(|()| stdout.flush())
    {
        eprintln!("protoc-gen-prost-vsco: cannot write stdout: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Invoked as `protoc-gen-prost-vsco-java`, `-kotlin` or `-swift` (a link or copy, so that one protoc
/// run can write Rust with `--prost-vsco_out` and Java with `--prost-vsco-java_out`): that
/// target, unless the parameter names one.
fn target_from_name() -> Option<&'static str> {
    let arg0 = std::env::args_os().next()?;
    let name = PathBuf::from(arg0);
    let stem = name.file_stem()?.to_str()?;
    if stem.ends_with("-java") {
        Some("java")
    } else if stem.ends_with("-kotlin") {
        Some("kotlin")
    } else if stem.ends_with("-swift") {
        Some("swift")
    } else {
        None
    }
}

/// The request with `target=` put first in its parameter, when the parameter has none.
fn with_target(input: Vec<u8>, target: &str) -> Vec<u8> {
    let Ok(decoded) = CodeGeneratorRequest::decode(input.as_slice()) else {
        return input;
    };
    let parameter = decoded.parameter();
    if params::split(parameter).iter().any(|p| p.name == "target") {
        return input;
    }
    let joined = if parameter.is_empty() {
        format!("target={target}")
    } else {
        format!("target={target},{parameter}")
    };
    protoc_gen_prost_vsco::output::with_parameter(&input, &joined)
}

fn generate(args: &[String]) -> ExitCode {
    let mut generator = Generator::new();
    let mut out: Option<PathBuf> = None;
    let mut opts: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let step = match arg.as_str() {
            "-I" | "--include" | "--proto_path" => value(arg).map(|v| {
                generator = std::mem::take(&mut generator).include(v);
            }),
            "--out" | "-o" => value(arg).map(|v| out = Some(PathBuf::from(v))),
            "--opt" => value(arg).map(|v| opts.push(v)),
            "--target" => value(arg).map(|v| opts.push(format!("target={v}"))),
            s if s.starts_with("-I") && s.len() > 2 => {
                generator = std::mem::take(&mut generator).include(&s[2..]);
                Ok(())
            }
            s if s.starts_with("--out=") => {
                out = Some(PathBuf::from(&s[6..]));
                Ok(())
            }
            s if s.starts_with("--target=") => {
                opts.push(format!("target={}", &s[9..]));
                Ok(())
            }
            s if s.starts_with("--opt=") => {
                opts.push(s[6..].to_string());
                Ok(())
            }
            s if s.starts_with('-') => Err(format!("unknown option `{s}`")),
            file => {
                generator = std::mem::take(&mut generator).file(file);
                Ok(())
            }
        };
        if let Err(e) = step {
            eprintln!("protoc-gen-prost-vsco generate: {e}\n\n{}", help());
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!(
            "protoc-gen-prost-vsco generate: --out DIR is required\n\n{}",
            help()
        );
        return ExitCode::from(2);
    };
    match generator.parameter(opts.join(",")).write_to(&out) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("protoc-gen-prost-vsco generate: {e}");
            ExitCode::FAILURE
        }
    }
}
