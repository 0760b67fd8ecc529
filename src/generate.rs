//! `protoc-gen-prost-vsco generate`: compiles `.proto` files in-process with protox (no protoc)
//! and writes exactly the files protoc would receive from the plugin. Also the API for
//! `build.rs` scripts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use prost::Message as _;

use crate::output::{self, Output};
use crate::{Request, run};

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
                .map_err(|e| GenerateError::Compile(compile_message(&e)))?;
        }
        let to_generate: Vec<String> = compiler
            .files()
            .filter(|f| !f.is_import())
            .map(|f| f.name().to_string())
            .collect();
        let set = RawFileSet::decode(compiler.encode_file_descriptor_set().as_slice())
            .map_err(|e| GenerateError::Compile(format!("descriptor set: {e}")))?;
        let mut raw = Vec::new();
        for name in &to_generate {
            prost::encoding::string::encode(1, name, &mut raw);
        }
        if !self.parameter.is_empty() {
            prost::encoding::string::encode(2, &self.parameter, &mut raw);
        }
        for file in &set.file {
            prost::encoding::bytes::encode(15, file, &mut raw);
        }
        Request::decode(&raw).map_err(|e| GenerateError::Compile(format!("request: {e}")))
    }

    /// Runs the plugin and returns its output (files and insertions), as protoc receives it.
    pub fn output(&self) -> Result<Output, GenerateError> {
        let response = run(&self.request()?);
        if let Some(error) = response.error {
            return Err(GenerateError::Plugin(error));
        }
        Ok(output::from_response_files(response.file))
    }

    /// Writes the output under `out`; insertions go into files already there (for companion
    /// mode after protoc-gen-prost), once. Returns the paths written.
    pub fn write_to(&self, out: impl AsRef<Path>) -> Result<Vec<PathBuf>, GenerateError> {
        let out = out.as_ref();
        let output = self.output()?;
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

fn compile_message(e: &protox::Error) -> String {
    match e.file() {
        Some(file) if !e.to_string().contains(file) => format!("{file}: {e}"),
        _ => e.to_string(),
    }
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
