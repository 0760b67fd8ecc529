//! Lays every golden case out as a compilable tree in OUT_DIR and writes `cases.rs`, which
//! nests each case's packages as modules. Standalone cases are the golden files alone;
//! companion cases get prost's files from protoc-gen-prost, with the golden insertions
//! applied and the golden `.vsco.rs` files beside them.

use std::path::{Path, PathBuf};

use protoc_gen_prost::ModuleRequestSet;

#[path = "../support/cases.rs"]
mod cases;
use protoc_gen_prost_vsco::output::{include_file, insert_at, with_parameter};
use protoc_gen_prost_vsco::params::{Mode, Params, Target};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.join("../..");
    let golden = root.join("tests/golden");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed={}", golden.display());
    println!(
        "cargo:rerun-if-changed={}",
        root.join("examples/telemetry/proto").display()
    );

    let mut cases: Vec<PathBuf> = std::fs::read_dir(&golden)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let mut root_rs = String::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let case_out = out_dir.join(&name);
        let _ = std::fs::remove_dir_all(&case_out);
        let expected = case.join("expected");
        let params = Params::parse(&cases::params(&case)).unwrap();
        // Java and Kotlin goldens are compiled by the Android suite (tests/android), Swift
        // goldens by the iOS suite (tests/ios).
        if params.target != Target::Rust {
            continue;
        }
        let request = cases::generator(&root, &case).request().unwrap();

        if params.mode == Mode::Companion {
            let raw = with_parameter(request.raw(), &params.prost_forward);
            for f in protoc_gen_prost::execute(&raw).unwrap() {
                let path = case_out.join(f.name());
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, f.content()).unwrap();
            }
        }
        let mut golden_files = Vec::new();
        files_under(&expected, &mut golden_files);
        for g in golden_files {
            let rel = g
                .strip_prefix(&expected)
                .unwrap()
                .to_string_lossy()
                .to_string();
            let content = std::fs::read_to_string(&g).unwrap();
            if let Some((target, point)) = rel.rsplit_once(".insert-") {
                let path = case_out.join(target);
                let mut text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(insert_at(&mut text, point, &content), "{rel}");
                std::fs::write(path, text).unwrap();
            } else {
                let path = case_out.join(&rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, content).unwrap();
            }
        }

        if params.include_inline {
            // One file holds every package.
            let root = case_out.join(params.include_file.as_deref().unwrap_or_default());
            root_rs.push_str(&format!(
                "pub mod {name} {{\ninclude!({:?});\n}}\n",
                root.to_string_lossy()
            ));
            continue;
        }
        let decoded = request.decoded();
        let modules = ModuleRequestSet::new(
            decoded.file_to_generate.iter().cloned(),
            decoded.proto_file.clone(),
            request.raw(),
            params.default_package_filename.as_deref(),
            params.flat_output_dir,
        )
        .unwrap();
        let entries = modules
            .requests()
            .filter_map(|(module, r)| {
                r.output_filepath().map(|p| {
                    let parts = module.parts().map(str::to_string).collect();
                    (parts, case_out.join(p).to_string_lossy().to_string())
                })
            })
            .collect();
        root_rs.push_str(&format!(
            "pub mod {name} {{\n{}}}\n",
            include_file("", entries)
        ));
    }
    std::fs::write(out_dir.join("cases.rs"), root_rs).unwrap();
}
