//! Generates the example schema as the README's build.rs snippet does (with `serde` for the
//! serde snippet), and turns every ```rust block of the README into a module of
//! `snippets.rs`: a test that runs it, or for the `// build.rs` and `// src/lib.rs` blocks a
//! module that must compile.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = root.join("README.md");
    println!("cargo:rerun-if-changed={}", readme.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let proto = root.join("examples/telemetry/proto");
    let mut generator = protoc_gen_prost_vsco::Generator::new()
        .include(&proto)
        .include(root.join("proto"))
        .parameter("include_file=_include.rs,serde");
    for name in ["event", "bodies", "context"] {
        generator = generator.file(proto.join(format!("telemetry/v1/{name}.proto")));
    }
    generator.write_to(&out).unwrap_or_else(|e| panic!("{e}"));

    let text = std::fs::read_to_string(&readme).expect("README.md");
    let mut snippets = String::new();
    let mut block: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        match &mut block {
            None if line == "```rust" => block = Some((n + 1, String::new())),
            None => {}
            Some((start, body)) if line == "```" => {
                let start = *start;
                let file_level =
                    body.starts_with("// build.rs") || body.starts_with("// src/lib.rs");
                if file_level {
                    writeln!(
                        snippets,
                        "/// README.md line {start}\n#[allow(dead_code)]\nmod snippet_{start} {{\n{body}}}\n"
                    )
                } else {
                    writeln!(
                        snippets,
                        "/// README.md line {start}\n#[allow(unused)]\nmod snippet_{start} {{\n    \
                         use crate::schema;\n    #[test]\n    \
                         fn runs() -> Result<(), Box<dyn std::error::Error>> {{\n{body}        \
                         Ok(())\n    }}\n}}\n"
                    )
                }
                .expect("write");
                block = None;
            }
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    std::fs::write(out.join("snippets.rs"), snippets).expect("write snippets.rs");
}
