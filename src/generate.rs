//! `protoc-gen-prost-vsco generate`: compiles `.proto` files in-process with protox (no protoc)
//! and writes exactly the files protoc would receive from the plugin. Also the API for
//! `build.rs` scripts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use prost::Message as _;

use crate::output::{self, Output};
use crate::{Request, run_with_warnings};

/// Why `generate` failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A `.proto` file did not compile (the message names file, line and column).
    #[error("{0}")]
    Compile(String),
    /// The plugin reported an error.
    #[error("{0}")]
    Plugin(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Nothing to compile.
    #[error("no .proto file given")]
    NoInput,
}

/// `FileDescriptorSet` with each file left encoded, so options survive untouched.
#[derive(Clone, PartialEq, prost::Message)]
struct RawFileSet {
    #[prost(bytes = "vec", repeated, tag = "1")]
    file: Vec<Vec<u8>>,
}

/// Compiles `.proto` files and runs the plugin on them.
///
/// ```no_run
/// // build.rs
/// let out = std::env::var("OUT_DIR").unwrap();
/// protoc_gen_prost_vsco::Generator::new()
///     .include("proto")
///     .file("proto/acme/v1/order.proto")
///     .parameter("include_file=_include.rs")
///     .write_to(out)
///     .unwrap();
/// ```
#[derive(Debug, Clone, Default)]
pub struct Generator {
    includes: Vec<PathBuf>,
    files: Vec<PathBuf>,
    parameter: String,
}

impl Generator {
    pub fn new() -> Self {
        Generator::default()
    }

    /// Adds an import directory (`-I`). The well-known types and
    /// `prost_vsco/options.proto` are always available.
    pub fn include(mut self, dir: impl Into<PathBuf>) -> Self {
        self.includes.push(dir.into());
        self
    }

    /// Adds a file to generate: a path on disk under an include directory, or a name
    /// relative to one.
    pub fn file(mut self, file: impl Into<PathBuf>) -> Self {
        self.files.push(file.into());
        self
    }

    /// Sets the plugin parameter string (`--prost-vsco_opt`).
    pub fn parameter(mut self, parameter: impl Into<String>) -> Self {
        self.parameter = parameter.into();
        self
    }

    /// The request protoc would send for the same command line.
    pub fn request(&self) -> Result<Request, GenerateError> {
        if self.files.is_empty() {
            return Err(GenerateError::NoInput);
        }
        let resolver = resolver(&self.includes);
        let mut compiler = protox::Compiler::with_file_resolver(resolver);
        compiler.include_imports(true).include_source_info(true);
        for file in &self.files {
            compiler
                .open_file(file)
                .map_err(|e| GenerateError::Compile(compile_message(&e, &self.includes, file)))?;
        }
        let to_generate: Vec<String> = compiler
            .files()
            .filter(|f| !f.is_import())
            .map(|f| f.name().to_string())
            .collect();
        let set = RawFileSet::decode(compiler.encode_file_descriptor_set().as_slice())
            .map_err(|e| GenerateError::Compile(format!("descriptor set: {e}")))?;
        let mut raw = Vec::new();
        let files: Vec<Vec<u8>> = set
            .file
            .into_iter()
            .map(|f| protoc_defaults(&f).unwrap_or(f))
            .collect();
        for name in &to_generate {
            prost::encoding::string::encode(1, name, &mut raw);
        }
        if !self.parameter.is_empty() {
            prost::encoding::string::encode(2, &self.parameter, &mut raw);
        }
        for file in &files {
            prost::encoding::bytes::encode(15, file, &mut raw);
        }
        Request::decode(&raw).map_err(|e| GenerateError::Compile(format!("request: {e}")))
    }

    /// Runs the plugin and returns its output (files and insertions), as protoc receives it.
    pub fn output(&self) -> Result<Output, GenerateError> {
        let (response, warnings) = run_with_warnings(&self.request()?);
        if let Some(error) = response.error {
            return Err(GenerateError::Plugin(error));
        }
        let mut output = output::from_response_files(response.file);
        output.warnings = warnings;
        Ok(output)
    }

    /// Writes the output under `out`; insertions go into files already there (for companion
    /// mode after protoc-gen-prost), once. Returns the paths written.
    pub fn write_to(&self, out: impl AsRef<Path>) -> Result<Vec<PathBuf>, GenerateError> {
        let out = out.as_ref();
        let output = self.output()?;
        for warning in &output.warnings {
            eprintln!("{warning}");
        }
        // Everything is checked before the first write, so an error leaves `out` untouched.
        let mut targets: BTreeMap<String, String> = BTreeMap::new();
        for (name, point, content) in &output.insertions {
            let content_now = match targets.get(name) {
                Some(c) => c.clone(),
                None => {
                    let path = out.join(name);
                    std::fs::read_to_string(&path).map_err(|source| GenerateError::Io {
                        path: path.clone(),
                        source,
                    })?
                }
            };
            let mut updated = content_now;
            if !updated.contains(content.trim_end())
                && !output::insert_at(&mut updated, point, content)
            {
                return Err(GenerateError::Plugin(format!(
                    "{name} has no insertion point `{point}`"
                )));
            }
            targets.insert(name.clone(), updated);
        }
        let mut written = Vec::new();
        for (name, content) in output.files.iter().chain(targets.iter()) {
            let path = out.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|source| GenerateError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            write_if_changed(&path, content)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// protox writes `float` and `double` defaults as Rust prints them (`-0.000000000125`), protoc
/// as C's `%g` does (`-1.25e-10`), and prost copies the text into its attributes. Rewrites a
/// file's such defaults the protoc way; `None` when there is nothing to change.
fn protoc_defaults(file: &[u8]) -> Option<Vec<u8>> {
    use prost_reflect::{DynamicMessage, ReflectMessage, Value};

    fn fix_fields(list: &mut Value) -> bool {
        let mut changed = false;
        if let Value::List(fields) = list {
            for field in fields {
                let Value::Message(field) = field else {
                    continue;
                };
                let ty = field
                    .get_field_by_name("type")
                    .and_then(|v| v.as_enum_number());
                let float = match ty {
                    Some(1) => false,
                    Some(2) => true,
                    _ => continue,
                };
                if !field.has_field_by_name("default_value") {
                    continue;
                }
                let Some(text) = field
                    .get_field_by_name("default_value")
                    .and_then(|v| v.as_str().map(str::to_string))
                else {
                    continue;
                };
                if let Some(fixed) = c_format_default(&text, float)
                    && fixed != text
                {
                    field.set_field_by_name("default_value", Value::String(fixed));
                    changed = true;
                }
            }
        }
        changed
    }
    fn fix_messages(list: &mut Value) -> bool {
        let mut changed = false;
        if let Value::List(messages) = list {
            for m in messages {
                let Value::Message(m) = m else { continue };
                for name in ["field", "extension"] {
                    if let Some(v) = m.get_field_by_name_mut(name) {
                        changed |= fix_fields(v);
                    }
                }
                if let Some(v) = m.get_field_by_name_mut("nested_type") {
                    changed |= fix_messages(v);
                }
            }
        }
        changed
    }

    let typed = prost_types::FileDescriptorProto::decode(file).ok()?;
    fn any_float_default(messages: &[prost_types::DescriptorProto]) -> bool {
        messages.iter().any(|m| {
            m.field
                .iter()
                .chain(&m.extension)
                .any(|f| f.default_value.is_some() && matches!(f.r#type, Some(1) | Some(2)))
                || any_float_default(&m.nested_type)
        })
    }
    let file_level = typed
        .extension
        .iter()
        .any(|f| f.default_value.is_some() && matches!(f.r#type, Some(1) | Some(2)));
    if !file_level && !any_float_default(&typed.message_type) {
        return None;
    }
    let mut dynamic = DynamicMessage::decode(typed.descriptor(), file).ok()?;
    let mut changed = false;
    if let Some(v) = dynamic.get_field_by_name_mut("message_type") {
        changed |= fix_messages(v);
    }
    if let Some(v) = dynamic.get_field_by_name_mut("extension") {
        changed |= fix_fields(v);
    }
    changed.then(|| dynamic.encode_to_vec())
}

/// A float default the way protoc prints it: `%.15g` (`%.6g` for float), or `%.17g`
/// (`%.9g`) when the shorter form does not round-trip; `inf`, `-inf`, `nan` as they are.
fn c_format_default(text: &str, float: bool) -> Option<String> {
    if matches!(text, "inf" | "-inf" | "nan") {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    let (short, long) = if float { (6, 9) } else { (15, 17) };
    let round_trips = |s: &str| {
        if float {
            s.parse::<f32>().ok() == Some(value as f32)
        } else {
            s.parse::<f64>().ok() == Some(value)
        }
    };
    let v = if float {
        f64::from(value as f32)
    } else {
        value
    };
    let first = format_g(v, short);
    Some(if round_trips(&first) {
        first
    } else {
        format_g(v, long)
    })
}

/// C's `%.{precision}g`.
fn format_g(v: f64, precision: usize) -> String {
    if v == 0.0 {
        return if v.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let exp_form = format!("{:.*e}", precision - 1, v);
    let (mantissa, exp) = exp_form.split_once('e').unwrap_or((&exp_form, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: &str| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= precision as i32 {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", strip(mantissa), exp.abs())
    } else {
        let decimals = (precision as i32 - 1 - exp).max(0) as usize;
        strip(&format!("{v:.decimals$}"))
    }
}

/// Writes only when the content differs, so builds that watch the files do not rerun.
fn write_if_changed(path: &Path, content: &str) -> Result<(), GenerateError> {
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(());
    }
    std::fs::write(path, content).map_err(|source| GenerateError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// protox's error as protoc words its own: `path/to/file.proto:LINE:COLUMN: message` (the
/// file as found under the include directories), with a hint at `-I` for a file that is in
/// none of them.
fn compile_message(e: &protox::Error, includes: &[PathBuf], input: &Path) -> String {
    use miette::Diagnostic;
    let message = e.to_string();
    let not_included = message.contains("is not in any include path");
    let place = e.file().map(|name| {
        // The file on disk, as protoc prints it, when an include directory holds it.
        includes
            .iter()
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
            .map_or_else(|| name.to_string(), |p| p.display().to_string())
    });
    let position = e.source_code().and_then(|source| {
        let span = e.labels()?.next()?;
        let contents = source.read_span(span.inner(), 0, 0).ok()?;
        Some((contents.line() + 1, contents.column() + 1))
    });
    let mut out = match (place, position) {
        (Some(file), Some((line, column))) => format!("{file}:{line}:{column}: {message}"),
        (Some(file), None) if !message.contains(file.as_str()) => format!("{file}: {message}"),
        _ => message,
    };
    if not_included {
        let dir = input.parent().filter(|d| !d.as_os_str().is_empty());
        out.push_str(&format!(
            "; give the directory that imports are relative to with -I (the file is in {})",
            dir.map_or_else(|| ".".to_string(), |d| d.display().to_string())
        ));
    }
    out
}

/// Include directories, then the well-known types, then this project's options file.
fn resolver(includes: &[PathBuf]) -> protox::file::ChainFileResolver {
    use protox::file::{ChainFileResolver, GoogleFileResolver, IncludeFileResolver};
    let mut chain = ChainFileResolver::new();
    for dir in includes {
        chain.add(IncludeFileResolver::new(dir.clone()));
    }
    chain.add(GoogleFileResolver::new());
    chain.add(OptionsResolver);
    chain
}

/// Serves `prost_vsco/options.proto` from the binary, so users need not copy it.
struct OptionsResolver;

/// The options file users import as `prost_vsco/options.proto`.
pub const OPTIONS_PROTO: &str = include_str!("../proto/prost_vsco/options.proto");
/// Its import path.
pub const OPTIONS_PROTO_NAME: &str = "prost_vsco/options.proto";

impl protox::file::FileResolver for OptionsResolver {
    fn open_file(&self, name: &str) -> Result<protox::file::File, protox::Error> {
        if name == OPTIONS_PROTO_NAME {
            protox::file::File::from_source(name, OPTIONS_PROTO)
        } else {
            Err(protox::Error::file_not_found(name))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_defaults_print_like_c() {
        assert_eq!(format_g(-1.25e-10, 15), "-1.25e-10");
        assert_eq!(format_g(1.5, 15), "1.5");
        assert_eq!(format_g(1e20, 15), "1e+20");
        assert_eq!(format_g(123456.0, 6), "123456");
        assert_eq!(format_g(1234567.0, 6), "1.23457e+06");
        assert_eq!(format_g(0.0001, 15), "0.0001");
        assert_eq!(format_g(0.00001, 15), "1e-05");
        assert_eq!(c_format_default("0.1", false).as_deref(), Some("0.1"));
        assert_eq!(c_format_default("0.1", true).as_deref(), Some("0.1"));
        assert_eq!(c_format_default("inf", false), None);
        assert_eq!(c_format_default("3", true).as_deref(), Some("3"));
    }
}
