//! The templates of the Java, Kotlin and Swift output: embedded in the binary from `templates/`,
//! each replaceable by a file of the same relative path under the `templates=DIR` parameter.

use std::path::Path;

use minijinja::Environment;
use serde::Serialize;

use crate::error::Error;

/// Every template, by its path under `templates/`.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "java/adapter.java.jinja",
        include_str!("../../templates/java/adapter.java.jinja"),
    ),
    (
        "java/insert_class_scope.java.jinja",
        include_str!("../../templates/java/insert_class_scope.java.jinja"),
    ),
    (
        "java/insert_builder_scope.java.jinja",
        include_str!("../../templates/java/insert_builder_scope.java.jinja"),
    ),
    (
        "java/insert_implements.java.jinja",
        include_str!("../../templates/java/insert_implements.java.jinja"),
    ),
    (
        "kotlin/extensions.kt.jinja",
        include_str!("../../templates/kotlin/extensions.kt.jinja"),
    ),
    (
        "swift/extensions.swift.jinja",
        include_str!("../../templates/swift/extensions.swift.jinja"),
    ),
];

/// The templates: the built-in ones, with those found under `dir` in their place.
pub fn environment(dir: Option<&str>) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    for (name, source) in BUILT_IN {
        let text = match dir {
            Some(dir) => read_override(dir, name)?,
            None => None,
        };
        let result = match text {
            Some(text) => env.add_template_owned(*name, text),
            None => env.add_template(name, source),
        };
        result.map_err(|e| template_error(dir, name, &e))?;
    }
    if let Some(dir) = dir {
        check_no_strays(dir)?;
    }
    Ok(env)
}

fn param_error(message: String) -> Error {
    Error::schema("parameter templates", message)
}

fn read_override(dir: &str, name: &str) -> Result<Option<String>, Error> {
    let root = Path::new(dir);
    if !root.is_dir() {
        return Err(param_error(format!(
            "`{dir}` is not a directory (relative paths start where protoc runs)"
        )));
    }
    let path = root.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(param_error(format!("cannot read {}: {e}", path.display()))),
    }
}

/// A `.jinja` file under `dir` that replaces no template is most likely misnamed: say so
/// rather than silently use the built-in one.
fn check_no_strays(dir: &str) -> Result<(), Error> {
    for sub in ["", "java", "kotlin"] {
        let Ok(entries) = std::fs::read_dir(Path::new(dir).join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let relative = if sub.is_empty() {
                file.clone()
            } else {
                format!("{sub}/{file}")
            };
            if file.ends_with(".jinja") && !BUILT_IN.iter().any(|(n, _)| *n == relative) {
                let known: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
                return Err(param_error(format!(
                    "{dir}/{relative} replaces no template; templates are {}",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(())
}

fn template_error(dir: Option<&str>, name: &str, e: &minijinja::Error) -> Error {
    let place = match (dir, e.line()) {
        (Some(dir), Some(line)) => format!("{dir}/{name}:{line}"),
        (Some(dir), None) => format!("{dir}/{name}"),
        (None, Some(line)) => format!("templates/{name}:{line}"),
        (None, None) => format!("templates/{name}"),
    };
    Error::schema(format!("template {place}"), e.to_string())
}

/// Renders template `name` with `view`.
pub fn render(
    env: &Environment<'static>,
    dir: Option<&str>,
    name: &str,
    view: &impl Serialize,
) -> Result<String, Error> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(dir, name, &e))?;
    template
        .render(view)
        .map_err(|e| template_error(dir, name, &e))
}
