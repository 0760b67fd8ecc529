//! The repository's shell scripts find cargo's output through `cargo metadata`
//! (`tests/support/target-dir.sh`), never at a fixed `./target`: with `CARGO_TARGET_DIR` set
//! (a common setup) a fixed path points at nothing.

use std::path::{Path, PathBuf};

fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        // Bazel's output links (bazel/test/bazel-*) lead out of the tree, some in loops.
        if entry.file_type().map_or(true, |t| t.is_symlink()) {
            continue;
        }
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | ".git" | "node_modules" | ".build") {
                scripts(&path, out);
            }
        } else if name.ends_with(".sh") || path.ends_with(".ci/run") {
            out.push(path);
        }
    }
}

#[test]
fn scripts_take_the_target_directory_from_cargo() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    scripts(&root, &mut found);
    assert!(found.len() >= 10, "only {} scripts found", found.len());
    let fixed = [
        "target/release",
        "target/debug",
        "$ROOT/target",
        "$root/target",
        "$PWD/target",
        "$(pwd)/target",
    ];
    let mut bad = Vec::new();
    for path in &found {
        let text = std::fs::read_to_string(path).expect("a script");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(f) = fixed.iter().find(|f| line.contains(**f)) {
                bad.push(format!(
                    "{}:{}: `{f}` (use $target_dir from tests/support/target-dir.sh)",
                    path.strip_prefix(&root).unwrap_or(path).display(),
                    n + 1
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
