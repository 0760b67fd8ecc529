//! Where a golden case's inputs are, shared by the golden runner, the compile crate and the
//! end-to-end tests (included with `#[path]`).
//!
//! A case folder holds `params.txt` and either `input/` or `include.txt`, which names an
//! include directory relative to the repository root. Every `.proto` file below the include
//! directory is a file to generate.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A golden case's include directory and its `.proto` files (sorted paths on disk).
pub fn inputs(repo: &Path, case_dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let include = match std::fs::read_to_string(case_dir.join("include.txt")) {
        Ok(dir) => repo.join(dir.trim()),
        Err(_) => case_dir.join("input"),
    };
    let mut files = Vec::new();
    let mut stack = vec![include.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "proto") {
                files.push(path);
            }
        }
    }
    files.sort();
    (include, files)
}

/// The case's parameter string (`params.txt`, trimmed; empty when absent).
pub fn params(case_dir: &Path) -> String {
    std::fs::read_to_string(case_dir.join("params.txt"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The parameters with `elide_version` added, as the goldens are generated.
pub fn golden_params(case_dir: &Path) -> String {
    match params(case_dir) {
        p if p.is_empty() => "elide_version".to_string(),
        p => format!("{p},elide_version"),
    }
}

/// A generator set up with the case's include directory and files.
pub fn generator(repo: &Path, case_dir: &Path) -> protoc_gen_prost_vsco::Generator {
    let (include, files) = inputs(repo, case_dir);
    let mut generator = protoc_gen_prost_vsco::Generator::new().include(&include);
    for f in files {
        generator = generator.file(f);
    }
    generator
}
