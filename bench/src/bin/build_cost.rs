//! Build cost of generated code: how long a crate holding a schema's generated code takes to
//! compile (release and dev, its dependencies already built) and how large its rlib is, with
//! this plugin's output against prost alone and prost + pbjson (prost-build with pbjson-build,
//! the usual way to get JSON), side by side in one run:
//!
//! - **example**: the telemetry example schema (`examples/telemetry/proto`);
//! - **otlp**: every OpenTelemetry proto (`$OTLP_PROTO_DIR`, default
//!   `../shared/third_party/opentelemetry-proto` beside the repository), read in place; left
//!   out, with the reason printed, when that directory is missing.
//!
//! `deferred` is this plugin's output with `defer_codegen` (every reflection and JSON method
//! `#[inline]`). The run counts, with `nm`, the `Reflect` methods compiled into each release
//! rlib of ours, and fails when the deferred schema crate holds any (something in the
//! generated code made it compile them after all), or when the default user crate holds any
//! of a message other than the roots it turns into trait objects (something inline made a
//! nested message's vtable there, which compiles the reflection of everything it reaches
//! again).
//!
//! Each schema crate also gets a user crate (`<schema>-<variant>-use`): one function that
//! decodes the schema's root messages from JSON and encodes them again (binary for prost
//! alone). Generated code leaves much of its compiling to the crates that use it (serde
//! impls are generic; this plugin's methods are `#[inline]`, so a crate that does not call
//! them does not compile them), so the `with_user` ratios add the user crate's build to both
//! sides: the cost a user who calls JSON pays.
//!
//! The crates are written under `<target>/build-cost/` (a workspace of their own, sharing one
//! target directory so that prost, serde and the runtime build once). Each round rebuilds each
//! crate from clean (`cargo clean -p`) in release then dev, after one round that is not
//! counted; a ratio is the median of the per-round ratios, so a busy stretch of this noisy
//! machine hits both sides.
//!
//! Targets (issue 23): release at most 1.5x prost + pbjson, dev at most 1.3x.
//!
//! Run: `cargo run --release -p prost-vsco-bench --bin build_cost [-- --quick]` (one counted
//! round instead of three; a full run takes about 40 minutes on 2 cores, `--quick` about 12).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use prost::Message;

/// One schema: its include directories and files.
struct Schema {
    name: &'static str,
    includes: Vec<PathBuf>,
    files: Vec<PathBuf>,
    /// Package prefixes pbjson-build writes serde impls for.
    pbjson_packages: Vec<String>,
    /// Rust paths of the messages the user crate round-trips (they reach every other one).
    roots: Vec<String>,
}

/// The variants compared, in the order they are printed: this plugin's output, the same with
/// `defer_codegen`, prost alone, prost + pbjson.
const VARIANTS: [&str; 4] = ["vsco", "deferred", "prost", "pbjson"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The cargo target directory this binary was built into (`<target>/release/build_cost`).
fn target_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("{} is not in a cargo target directory", exe.display()))
}

fn protos_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            protos_under(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "proto") {
            out.push(p);
        }
    }
    Ok(())
}

fn schemas() -> Result<Vec<Schema>, String> {
    let example = repo().join("examples/telemetry/proto");
    let mut out = vec![Schema {
        name: "example",
        includes: vec![example.clone(), repo().join("proto")],
        files: ["event", "bodies", "context"]
            .iter()
            .map(|f| example.join(format!("telemetry/v1/{f}.proto")))
            .collect(),
        pbjson_packages: vec![".telemetry".into()],
        roots: vec!["telemetry::v1::EventBatch".into()],
    }];
    let otlp = std::env::var_os("OTLP_PROTO_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/third_party/opentelemetry-proto"));
    if otlp.join("opentelemetry").is_dir() {
        let mut files = Vec::new();
        protos_under(&otlp.join("opentelemetry"), &mut files)?;
        out.push(Schema {
            name: "otlp",
            includes: vec![otlp],
            files,
            pbjson_packages: vec![".opentelemetry".into()],
            roots: [("trace", "Trace"), ("metrics", "Metrics"), ("logs", "Logs")]
                .iter()
                .map(|(module, name)| {
                    format!(
                        "opentelemetry::proto::collector::{module}::v1::Export{name}ServiceRequest"
                    )
                })
                .collect(),
        });
    } else {
        println!(
            "otlp: left out: {} has no opentelemetry/ (set OTLP_PROTO_DIR to a checkout of open-telemetry/opentelemetry-proto)",
            otlp.display()
        );
    }
    Ok(out)
}

/// `lib.rs` nesting `packages` (`a.b`) as modules, each including `<package>.rs` and, with
/// `serde`, `<package>.serde.rs`.
fn module_tree(packages: &[String], serde: bool) -> String {
    #[derive(Default)]
    struct Node(BTreeMap<String, Node>, Option<String>);
    let mut root = Node::default();
    for p in packages {
        let mut node = &mut root;
        for part in p.split('.') {
            node = node.0.entry(part.to_string()).or_default();
        }
        node.1 = Some(p.clone());
    }
    fn write(node: &Node, serde: bool, out: &mut String) {
        if let Some(p) = &node.1 {
            let _ = writeln!(out, "include!(\"{p}.rs\");");
            if serde {
                let _ = writeln!(out, "include!(\"{p}.serde.rs\");");
            }
        }
        for (name, child) in &node.0 {
            let _ = writeln!(out, "pub mod {name} {{");
            write(child, serde, out);
            out.push_str("}\n");
        }
    }
    let mut out = String::from("#![allow(clippy::all, warnings)]\n");
    write(&root, serde, &mut out);
    out
}

/// Writes the three crates of `schema` under `dir`.
fn generate(schema: &Schema, dir: &Path) -> Result<(), String> {
    let mut generator = protoc_gen_prost_vsco::Generator::new();
    for i in &schema.includes {
        generator = generator.include(i);
    }
    for f in &schema.files {
        generator = generator.file(f);
    }
    let request = generator.request().map_err(|e| e.to_string())?;
    let set = prost_types::FileDescriptorSet {
        file: request.decoded().proto_file.clone(),
    };
    let packages: Vec<String> = {
        let mut p: Vec<String> = set
            .file
            .iter()
            .filter(|f| !f.package().starts_with("google.protobuf") && f.package() != "prost_vsco")
            .map(|f| f.package().to_string())
            .collect();
        p.sort();
        p.dedup();
        p
    };
    for variant in VARIANTS {
        let src = dir.join(format!("{}-{variant}", schema.name)).join("src");
        let _ = std::fs::remove_dir_all(&src);
        std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
        match variant {
            "vsco" | "deferred" => {
                let parameter = if variant == "deferred" {
                    "include_file=lib.rs,defer_codegen"
                } else {
                    "include_file=lib.rs"
                };
                generator
                    .clone()
                    .parameter(parameter)
                    .write_to(&src)
                    .map_err(|e| e.to_string())?;
            }
            "prost" => {
                prost_build::Config::new()
                    .out_dir(&src)
                    .compile_fds(set.clone())
                    .map_err(|e| format!("prost-build: {e}"))?;
                write_file(&src.join("lib.rs"), &module_tree(&packages, false))?;
            }
            _ => {
                prost_build::Config::new()
                    .out_dir(&src)
                    .compile_well_known_types()
                    .extern_path(".google.protobuf", "::pbjson_types")
                    .compile_fds(set.clone())
                    .map_err(|e| format!("prost-build: {e}"))?;
                pbjson_build::Builder::new()
                    .register_descriptors(&set.encode_to_vec())
                    .and_then(|b| b.out_dir(&src).build(&schema.pbjson_packages))
                    .map_err(|e| format!("pbjson-build: {e}"))?;
                write_file(&src.join("lib.rs"), &module_tree(&packages, true))?;
            }
        }
        let manifest = format!(
            "[package]\nname = \"{}-{variant}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}",
            schema.name,
            match variant {
                "vsco" | "deferred" => format!(
                    "prost = \"0.14\"\nprost-types = \"0.14\"\nprost-vsco = {{ path = \"{}\" }}\n",
                    repo().join("runtime").display()
                ),
                "prost" => "prost = \"0.14\"\nprost-types = \"0.14\"\n".to_string(),
                _ => "prost = \"0.14\"\npbjson = \"0.9\"\npbjson-types = \"0.9\"\nserde = \"1\"\n"
                    .to_string(),
            }
        );
        write_file(&src.join("../Cargo.toml"), &manifest)?;
        write_user(schema, variant, dir)?;
    }
    Ok(())
}

/// The user crate of one variant (`<schema>-<variant>-use`): a library whose one function
/// decodes each root message from its text and encodes it again, as JSON (binary for prost
/// alone). Building it compiles what the schema crate leaves to its users: the serde
/// impls' instantiations for pbjson, the reflection and JSON methods for this plugin.
fn write_user(schema: &Schema, variant: &str, dir: &Path) -> Result<(), String> {
    let krate = format!("{}-{variant}", schema.name);
    let lib = krate.replace('-', "_");
    let src = dir.join(format!("{krate}-use")).join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let mut body = String::new();
    for root in &schema.roots {
        let line = match variant {
            "vsco" | "deferred" => format!(
                "    let m: {lib}::{root} = prost_vsco::json::from_str(text, &options).unwrap_or_default();\n    n += prost_vsco::json::to_string(&m, &options).map_or(0, |s| s.len());\n"
            ),
            "prost" => format!(
                "    let m = {lib}::{root}::decode(text.as_bytes()).unwrap_or_default();\n    n += m.encode_to_vec().len();\n"
            ),
            _ => format!(
                "    let m: {lib}::{root} = serde_json::from_str(text).unwrap_or_default();\n    n += serde_json::to_string(&m).map_or(0, |s| s.len());\n"
            ),
        };
        body.push_str(&line);
    }
    let setup = match variant {
        "vsco" | "deferred" => "    let options = prost_vsco::json::JsonOptions::canonical();\n",
        "prost" => "    use prost::Message as _;\n",
        _ => "",
    };
    write_file(
        &src.join("lib.rs"),
        &format!(
            "/// Round-trips every root message through `text`; returns the bytes written.\npub fn round_trip(text: &str) -> usize {{\n{setup}    let mut n = 0;\n{body}    n\n}}\n"
        ),
    )?;
    let deps = match variant {
        "vsco" | "deferred" => format!(
            "prost-vsco = {{ path = \"{}\" }}\n",
            repo().join("runtime").display()
        ),
        "prost" => "prost = \"0.14\"\n".to_string(),
        _ => "serde_json = \"1\"\n".to_string(),
    };
    write_file(
        &src.join("../Cargo.toml"),
        &format!(
            "[package]\nname = \"{krate}-use\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{krate} = {{ path = \"../{krate}\" }}\n{deps}"
        ),
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn cargo(dir: &Path, args: &[&str]) -> Result<(), String> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| format!("cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Seconds to build `krate` from clean, its dependencies built.
fn time_build(dir: &Path, krate: &str, release: bool) -> Result<f64, String> {
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    cargo(dir, &[&["clean", "-p", krate][..], profile].concat())?;
    let start = Instant::now();
    cargo(dir, &[&["build", "-q", "-p", krate][..], profile].concat())?;
    Ok(start.elapsed().as_secs_f64())
}

fn rlib_size(dir: &Path, krate: &str, release: bool) -> u64 {
    let file = format!("lib{}.rlib", krate.replace('-', "_"));
    let path = dir
        .join("target")
        .join(if release { "release" } else { "debug" })
        .join(file);
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// The message types of the `Reflect` methods the release rlib of `krate` holds compiled
/// (`nm`; one entry per method), or why that cannot be told.
fn compiled_reflect_methods(dir: &Path, krate: &str) -> Result<Vec<String>, String> {
    let rlib = dir
        .join("target/release")
        .join(format!("lib{}.rlib", krate.replace('-', "_")));
    let out = Command::new("nm")
        .args(["-C", "--defined-only"])
        .arg(&rlib)
        .output()
        .map_err(|e| format!("nm: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "nm {}: {}",
            rlib.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let marker = " as prost_vsco::reflect::Reflect>::";
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (before, _) = l.split_once(marker)?;
            Some(before.rsplit('<').next().unwrap_or(before).to_string())
        })
        .collect())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn run(rounds: usize) -> Result<(), String> {
    let dir = target_dir()?.join("build-cost");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let schemas = schemas()?;
    let mut members = Vec::new();
    for s in &schemas {
        generate(s, &dir)?;
        members.extend(VARIANTS.iter().map(|v| format!("\"{}-{v}\"", s.name)));
        members.extend(VARIANTS.iter().map(|v| format!("\"{}-{v}-use\"", s.name)));
    }
    write_file(
        &dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )?;
    // Pin the dependencies to the project's versions.
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    println!("building dependencies once (release and dev)...");
    cargo(&dir, &["build", "-q", "--release"])?;
    cargo(&dir, &["build", "-q"])?;
    println!(
        "build_cost: {rounds} round(s) of clean builds of each crate, dependencies built; times in seconds"
    );
    println!(
        "{:<8} {:<8} {:>9} {:>9} {:>9} {:>9} {:>12} {:>12}",
        "schema", "variant", "release", "dev", "user rel.", "user dev", "rlib rel.", "rlib dev"
    );
    let mut ratio_lines = Vec::new();
    for s in &schemas {
        // Per round: seconds of every variant, release and dev, of the schema crate
        // (`false`) and of its user crate (`true`).
        let mut times: BTreeMap<(&str, bool, bool), Vec<f64>> = BTreeMap::new();
        // Round 0 is not counted: the first clean rebuild after the dependencies' build took
        // about twice as long as the ones after it (19.5 against 10.0-11.8 s for the example
        // crate), on every side.
        for round in 0..=rounds {
            for release in [true, false] {
                for v in VARIANTS {
                    let krate = format!("{}-{v}", s.name);
                    let lib = time_build(&dir, &krate, release)?;
                    let user = time_build(&dir, &format!("{krate}-use"), release)?;
                    if round > 0 {
                        times.entry((v, release, false)).or_default().push(lib);
                        times.entry((v, release, true)).or_default().push(user);
                    }
                }
            }
        }
        let seconds = |v, release, user| median(times[&(v, release, user)].clone());
        for v in VARIANTS {
            let krate = format!("{}-{v}", s.name);
            println!(
                "{:<8} {:<8} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>12} {:>12}",
                s.name,
                v,
                seconds(v, true, false),
                seconds(v, false, false),
                seconds(v, true, true),
                seconds(v, false, true),
                rlib_size(&dir, &krate, true),
                rlib_size(&dir, &krate, false),
            );
        }
        // With `defer_codegen` the schema crate compiles no `Reflect` method; by default the
        // user crate compiles none but a few small inline ones of the roots it turns into
        // trait objects (a vtable made there copies its inline methods, and must not reach
        // the other messages' vtables).
        for v in ["vsco", "deferred"] {
            let krate = format!("{}-{v}", s.name);
            for (crate_name, which) in [(krate.clone(), "schema"), (format!("{krate}-use"), "user")]
            {
                let types = match compiled_reflect_methods(&dir, &crate_name) {
                    Ok(types) => types,
                    Err(e) => {
                        println!("{crate_name}: compiled Reflect methods not counted ({e})");
                        continue;
                    }
                };
                println!(
                    "{crate_name}: {} Reflect methods compiled in the release rlib",
                    types.len()
                );
                if v == "deferred" && which == "schema" && !types.is_empty() {
                    return Err(format!(
                        "{crate_name}: defer_codegen left {} Reflect methods compiled in the schema crate",
                        types.len()
                    ));
                }
                let others: BTreeSet<&String> = types
                    .iter()
                    .filter(|t| !s.roots.iter().any(|r| t.ends_with(&format!("::{r}"))))
                    .collect();
                if v == "vsco" && which == "user" && !others.is_empty() {
                    return Err(format!(
                        "{crate_name}: the user crate compiled the reflection of messages it only reaches through the roots: {others:?}"
                    ));
                }
            }
        }
        // The median over rounds of ours over the peer's, of the schema crate alone or with
        // its user crate.
        let ratio = |ours, peer, release, with_user: bool| {
            let total = |v| -> Vec<f64> {
                let lib = &times[&(v, release, false)];
                let user = &times[&(v, release, true)];
                lib.iter()
                    .zip(user)
                    .map(|(l, u)| if with_user { l + u } else { *l })
                    .collect()
            };
            median(
                total(ours)
                    .iter()
                    .zip(total(peer))
                    .map(|(ours, theirs)| ours / theirs)
                    .collect(),
            )
        };
        for (profile, release) in [("release", true), ("dev", false)] {
            for ours in ["vsco", "deferred"] {
                for peer in ["prost", "pbjson"] {
                    ratio_lines.push(format!(
                        "ratio {}_{profile}_{ours}_over_{peer} {:.2}",
                        s.name,
                        ratio(ours, peer, release, false)
                    ));
                }
                ratio_lines.push(format!(
                    "ratio {}_{profile}_with_user_{ours}_over_pbjson {:.2}",
                    s.name,
                    ratio(ours, "pbjson", release, true)
                ));
            }
            let size = |v| rlib_size(&dir, &format!("{}-{v}", s.name), release) as f64;
            for ours in ["vsco", "deferred"] {
                ratio_lines.push(format!(
                    "ratio {}_{profile}_rlib_{ours}_over_pbjson {:.2}",
                    s.name,
                    size(ours) / size("pbjson")
                ));
            }
        }
    }
    println!(
        "(targets: release vsco/pbjson <= 1.5, dev vsco/pbjson <= 1.3, for the schema crate; a ratio here is ours over the peer, lower is better; `with_user` adds the user crate's build to both sides)"
    );
    println!();
    for line in ratio_lines {
        println!("{line}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut rounds = 3;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--quick" => rounds = 1,
            "--bench" => {}
            other => {
                eprintln!("build_cost: unknown argument `{other}` (usage: build_cost [--quick])");
                return ExitCode::FAILURE;
            }
        }
    }
    match run(rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_cost: {e}");
            ExitCode::FAILURE
        }
    }
}
