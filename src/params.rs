//! Plugin parameters, in protoc-gen-prost's grammar: `a,b=v,c=k=v`, with `\,` and `\\` escapes
//! inside values.
//!
//! Parameters are strict: an unknown key, a missing value or a bad value is an error that names
//! it and lists the valid keys.

use std::fmt;

/// How the plugin writes its output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Complete modules: prost's structs followed by this project's code.
    #[default]
    Standalone,
    /// `<package>.vsco.rs` files beside protoc-gen-prost's output, included from it.
    Companion,
}

/// Which language the plugin writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Target {
    /// Rust beside (or with) prost's structs.
    #[default]
    Rust,
    /// Java adapters over the classes protoc's `--java_out=lite:` writes.
    Java,
    /// Kotlin extensions delegating to the Java adapters (which the same run also writes).
    Kotlin,
    /// Swift extensions on the structs protoc-gen-swift writes.
    Swift,
}

impl Target {
    const EXPECTED: &'static str = "rust, java, kotlin or swift";

    fn parse(value: &str) -> Option<Target> {
        match value {
            "rust" => Some(Target::Rust),
            "java" => Some(Target::Java),
            "kotlin" => Some(Target::Kotlin),
            "swift" => Some(Target::Swift),
            _ => None,
        }
    }
}

/// The access level of the Swift extensions: protoc-gen-swift's `Visibility` option, which
/// must have the same value in both plugins.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SwiftVisibility {
    #[default]
    Internal,
    Public,
    Package,
}

/// Where the Swift file of `dir/name.proto` goes: protoc-gen-swift's `FileNaming` option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SwiftFileNaming {
    /// `dir/name.vsco.swift`.
    #[default]
    FullPath,
    /// `dir_name.vsco.swift`.
    PathToUnderscores,
    /// `name.vsco.swift`.
    DropPath,
}

/// What a statically known vendor-rule violation does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VendorCheck {
    /// Generation fails with every violation listed.
    #[default]
    Error,
    /// Violations are printed on stderr (protoc shows them) and generation goes on.
    Warn,
}

/// One parameter as written, before interpretation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParam {
    /// The segment exactly as written (escapes kept), to forward to prost.
    pub text: String,
    pub name: String,
    /// Everything after the first `=`, unescaped.
    pub value: Option<String>,
}

/// A parameter error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("unknown parameter `{name}`; valid parameters: {}", valid_keys())]
    Unknown { name: String },
    #[error("parameter `{name}` needs a value ({expected})")]
    MissingValue {
        name: String,
        expected: &'static str,
    },
    #[error("parameter `{name}` has an invalid value `{value}`: expected {expected}")]
    BadValue {
        name: String,
        value: String,
        expected: &'static str,
    },
    #[error("parameter `{name}` is given more than once")]
    Repeated { name: String },
    #[error("parameter `{name}` {needs}")]
    Conflict { name: String, needs: &'static str },
}

/// Parameters of this project.
const OWN: &[(&str, &str)] = &[
    (
        "target",
        "rust | java | kotlin | swift: the language to write (kotlin writes the Java adapters too)",
    ),
    (
        "Visibility",
        "internal | public | package: with target=swift, the access level of the extensions (give protoc-gen-swift the same)",
    ),
    (
        "FileNaming",
        "FullPath | PathToUnderscores | DropPath: with target=swift, where each file's .vsco.swift goes (as protoc-gen-swift's option)",
    ),
    (
        "templates",
        "DIR: Java/Kotlin/Swift templates that replace the built-in ones of the same name",
    ),
    (
        "java_insert",
        "bool: with target=java|kotlin, also insert member interfaces, body setters and asMap()/toLegacyJson()/vendorProperties() into protoc's --java_out classes (same protoc run and output directory)",
    ),
    ("mode", "standalone | companion"),
    (
        "no_include",
        "bool: companion mode writes no include! into prost's file",
    ),
    (
        "include_file",
        "NAME.rs: one root file nesting every package",
    ),
    (
        "include_inline",
        "bool: with include_file, put every package's code into that one file (for Bazel)",
    ),
    ("elide_version", "bool: leave the version out of the header"),
    (
        "no_oneof_impls",
        "bool: no From<Member> impls or member traits for oneofs",
    ),
    (
        "serde",
        "bool: serde Serialize/Deserialize impls with canonical JSON (needs prost-vsco's `serde` feature)",
    ),
    (
        "defer_codegen",
        "bool: with target=rust, make every reflection and JSON method #[inline], so that only the crates that call them compile them (for large schemas of which a crate uses a few messages)",
    ),
    (
        "vendors",
        "all | firebase,mixpanel,amplitude,segment,braze: emit vendor key tables for event messages and check them",
    ),
    (
        "vendor_check",
        "error | warn: a vendor-rule violation fails generation (default) or is printed on stderr",
    ),
    (
        "vendor_report",
        "NAME.md: also write a report of every event's vendor keys, types and rewrites",
    ),
    (
        "json_format",
        "PATH=FORMS: JSON forms of the fields under a proto path (`.pkg.Msg.field`, `.pkg.Msg`, `.pkg`), as the json_* field options set them; FORMS joins bytes:base64|hex, enum:names|numbers, int64:strings|numbers, timestamp:rfc3339|epoch_millis|epoch_seconds with +; repeatable",
    ),
];

/// What `json_format` expects.
const JSON_FORMAT: &str = "PATH=FORMS, such as .otlp.v1.Span.trace_id=bytes:hex; FORMS joins bytes:base64|hex, enum:names|numbers, int64:strings|numbers, timestamp:rfc3339|epoch_millis|epoch_seconds with +";

/// prost-build options passed through to prost (and used to name types exactly as it does).
const PROST: &[(&str, &str)] = &[
    ("btree_map", "PATH"),
    ("bytes", "PATH"),
    ("boxed", "PATH"),
    ("disable_comments", "PATH"),
    ("skip_debug", "PATH"),
    ("default_package_filename", "NAME"),
    ("extern_path", "PROTO_PATH=RUST_PATH"),
    ("type_attribute", "PATH=ATTRIBUTE"),
    ("field_attribute", "PATH=ATTRIBUTE"),
    ("enum_attribute", "PATH=ATTRIBUTE"),
    ("message_attribute", "PATH=ATTRIBUTE"),
    ("compile_well_known_types", "bool"),
    ("retain_enum_prefix", "bool"),
    ("enable_type_names", "bool"),
    ("flat_output_dir", "bool"),
    ("file_descriptor_set", "bool"),
];

fn valid_keys() -> String {
    OWN.iter()
        .chain(PROST)
        .map(|(k, _)| *k)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The table of parameters with a short description each, for `--help`.
pub fn describe() -> impl Iterator<Item = (&'static str, &'static str)> {
    OWN.iter().chain(PROST).copied()
}

/// Typed parameters.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pub target: Target,
    /// A directory whose templates replace the built-in ones of the same file name.
    pub templates: Option<String>,
    /// Insert into the classes protoc's `--java_out` writes (insertion points).
    pub java_insert: bool,
    pub swift_visibility: SwiftVisibility,
    pub swift_file_naming: SwiftFileNaming,
    pub mode: Mode,
    pub no_include: bool,
    pub include_file: Option<String>,
    pub include_inline: bool,
    pub elide_version: bool,
    pub no_oneof_impls: bool,
    pub serde: bool,
    /// Every generated reflection and JSON method `#[inline]`: compiled by the crates that
    /// call it, not by the crate holding the schema.
    pub defer_codegen: bool,
    /// Built-in vendor profiles to emit key tables for, in `Builtin::ALL` order.
    pub vendors: Vec<prost_vsco::vendor::Builtin>,
    pub vendor_check: VendorCheck,
    pub vendor_report: Option<String>,
    /// `json_format=PATH=FORMS`, in the order given (a later one wins where both apply).
    pub json_format: Vec<(String, prost_vsco::json::FieldFormat)>,
    /// The parameter string as given, for the header.
    pub original: String,
    /// The prost-build segments, verbatim, joined with `,`.
    pub prost_forward: String,
    pub btree_map: Vec<String>,
    pub bytes: Vec<String>,
    pub boxed: Vec<String>,
    pub skip_debug: Vec<String>,
    pub extern_path: Vec<(String, String)>,
    pub default_package_filename: Option<String>,
    pub compile_well_known_types: bool,
    pub retain_enum_prefix: bool,
    pub flat_output_dir: bool,
}

/// Splits a parameter string at commas not escaped by `\`.
pub fn split(s: &str) -> Vec<RawParam> {
    let mut out = Vec::new();
    let mut segment = String::new();
    let mut chars = s.chars();
    let mut push = |segment: &mut String| {
        let text = std::mem::take(segment);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return;
        }
        let (name, value) = match trimmed.split_once('=') {
            Some((n, v)) => (n.trim().to_string(), Some(unescape(v))),
            None => (trimmed.to_string(), None),
        };
        out.push(RawParam {
            text: trimmed.to_string(),
            name,
            value,
        });
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                segment.push(c);
                if let Some(next) = chars.next() {
                    segment.push(next);
                }
            }
            ',' => push(&mut segment),
            _ => segment.push(c),
        }
    }
    push(&mut segment);
    out
}

fn unescape(v: &str) -> String {
    v.replace(r"\,", ",").replace(r"\\", r"\")
}

fn parse_bool(p: &RawParam) -> Result<bool, ParamError> {
    match p.value.as_deref() {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(other) => Err(ParamError::BadValue {
            name: p.name.clone(),
            value: other.to_string(),
            expected: "true or false",
        }),
    }
}

fn need_value(p: &RawParam, expected: &'static str) -> Result<String, ParamError> {
    match &p.value {
        Some(v) if !v.is_empty() => Ok(v.clone()),
        _ => Err(ParamError::MissingValue {
            name: p.name.clone(),
            expected,
        }),
    }
}

fn need_pair(p: &RawParam, expected: &'static str) -> Result<(String, String), ParamError> {
    let value = need_value(p, expected)?;
    match value.split_once('=') {
        Some((k, v)) if !k.is_empty() && !v.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(ParamError::BadValue {
            name: p.name.clone(),
            value,
            expected,
        }),
    }
}

impl Params {
    /// Parses a protoc parameter string.
    pub fn parse(s: &str) -> Result<Self, ParamError> {
        let mut params = Params {
            original: s.to_string(),
            ..Params::default()
        };
        let mut forward = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        // Swift-only parameters given, for the check that target=swift is set.
        let mut swift_only: Vec<&'static str> = Vec::new();
        // `vendors=firebase,mixpanel`: the names after the first arrive as bare parameters.
        let mut in_vendors = false;
        for p in split(s) {
            if in_vendors
                && p.value.is_none()
                && let Some(b) = prost_vsco::vendor::Builtin::from_name(&p.name)
            {
                if !params.vendors.contains(&b) {
                    params.vendors.push(b);
                    params.vendors.sort();
                }
                continue;
            }
            in_vendors = p.name == "vendors";
            let single = matches!(
                p.name.as_str(),
                "mode"
                    | "target"
                    | "Visibility"
                    | "FileNaming"
                    | "templates"
                    | "include_file"
                    | "default_package_filename"
                    | "vendors"
                    | "vendor_check"
                    | "vendor_report"
            );
            if single && !seen.insert(p.name.clone()) {
                return Err(ParamError::Repeated { name: p.name });
            }
            match p.name.as_str() {
                "mode" => {
                    params.mode = match need_value(&p, "standalone | companion")?.as_str() {
                        "standalone" => Mode::Standalone,
                        "companion" => Mode::Companion,
                        other => {
                            return Err(ParamError::BadValue {
                                name: p.name,
                                value: other.to_string(),
                                expected: "standalone or companion",
                            });
                        }
                    }
                }
                "target" => {
                    let value = need_value(&p, Target::EXPECTED)?;
                    params.target = Target::parse(&value).ok_or(ParamError::BadValue {
                        name: p.name,
                        value,
                        expected: Target::EXPECTED,
                    })?;
                }
                "Visibility" => {
                    let value = need_value(&p, "internal | public | package")?;
                    // protoc-gen-swift compares values without case.
                    params.swift_visibility = match value.to_ascii_lowercase().as_str() {
                        "internal" => SwiftVisibility::Internal,
                        "public" => SwiftVisibility::Public,
                        "package" => SwiftVisibility::Package,
                        _ => {
                            return Err(ParamError::BadValue {
                                name: p.name,
                                value,
                                expected: "internal, public or package",
                            });
                        }
                    };
                    swift_only.push("Visibility");
                }
                "FileNaming" => {
                    let value = need_value(&p, "FullPath | PathToUnderscores | DropPath")?;
                    params.swift_file_naming = match value.to_ascii_lowercase().as_str() {
                        "fullpath" | "full_path" => SwiftFileNaming::FullPath,
                        "pathtounderscores" | "path_to_underscores" => {
                            SwiftFileNaming::PathToUnderscores
                        }
                        "droppath" | "drop_path" => SwiftFileNaming::DropPath,
                        _ => {
                            return Err(ParamError::BadValue {
                                name: p.name,
                                value,
                                expected: "FullPath, PathToUnderscores or DropPath",
                            });
                        }
                    };
                    swift_only.push("FileNaming");
                }
                "templates" => params.templates = Some(need_value(&p, "a directory")?),
                "java_insert" => params.java_insert = parse_bool(&p)?,
                "no_include" => params.no_include = parse_bool(&p)?,
                "include_inline" => params.include_inline = parse_bool(&p)?,
                "elide_version" => params.elide_version = parse_bool(&p)?,
                "no_oneof_impls" => params.no_oneof_impls = parse_bool(&p)?,
                "serde" => params.serde = parse_bool(&p)?,
                "defer_codegen" => params.defer_codegen = parse_bool(&p)?,
                "vendors" => params.vendors = parse_vendors(&p)?,
                "vendor_check" => {
                    params.vendor_check = match need_value(&p, "error | warn")?.as_str() {
                        "error" => VendorCheck::Error,
                        "warn" => VendorCheck::Warn,
                        other => {
                            return Err(ParamError::BadValue {
                                name: p.name,
                                value: other.to_string(),
                                expected: "error or warn",
                            });
                        }
                    }
                }
                "vendor_report" => {
                    let name = need_value(&p, "a file name ending in .md")?;
                    if !name.ends_with(".md") || name.starts_with('/') || name.contains("..") {
                        return Err(ParamError::BadValue {
                            name: p.name,
                            value: name,
                            expected: "a relative file name ending in .md",
                        });
                    }
                    params.vendor_report = Some(name);
                }
                "json_format" => {
                    let (path, forms) = need_pair(&p, JSON_FORMAT)?;
                    let format = forms.parse().map_err(|_| ParamError::BadValue {
                        name: p.name.clone(),
                        value: format!("{path}={forms}"),
                        expected: JSON_FORMAT,
                    })?;
                    params.json_format.push((path, format));
                }
                "include_file" => {
                    let name = need_value(&p, "a file name ending in .rs")?;
                    if !name.ends_with(".rs") || name.starts_with('/') || name.contains("..") {
                        return Err(ParamError::BadValue {
                            name: p.name,
                            value: name,
                            expected: "a relative file name ending in .rs",
                        });
                    }
                    params.include_file = Some(name);
                }
                name if PROST.iter().any(|(k, _)| *k == name) => {
                    match name {
                        "btree_map" => params.btree_map.push(need_value(&p, "a proto path")?),
                        "bytes" => params.bytes.push(need_value(&p, "a proto path")?),
                        "boxed" => params.boxed.push(need_value(&p, "a proto path")?),
                        "skip_debug" => params.skip_debug.push(need_value(&p, "a proto path")?),
                        "disable_comments" => {
                            need_value(&p, "a proto path")?;
                        }
                        "extern_path" => params
                            .extern_path
                            .push(need_pair(&p, "PROTO_PATH=RUST_PATH")?),
                        "type_attribute" | "field_attribute" | "enum_attribute"
                        | "message_attribute" => {
                            need_pair(&p, "PATH=ATTRIBUTE")?;
                        }
                        "default_package_filename" => {
                            params.default_package_filename =
                                Some(need_value(&p, "a file name stem")?)
                        }
                        "compile_well_known_types" => {
                            params.compile_well_known_types = parse_bool(&p)?
                        }
                        "retain_enum_prefix" => params.retain_enum_prefix = parse_bool(&p)?,
                        "flat_output_dir" => params.flat_output_dir = parse_bool(&p)?,
                        _ => {
                            parse_bool(&p)?;
                        }
                    }
                    forward.push(p.text);
                }
                _ => return Err(ParamError::Unknown { name: p.name }),
            }
        }
        params.prost_forward = forward.join(",");
        if params.include_inline
            && (params.include_file.is_none() || params.mode != Mode::Standalone)
        {
            return Err(ParamError::Conflict {
                name: "include_inline".into(),
                needs: "needs include_file=NAME.rs and mode=standalone",
            });
        }
        if params.java_insert && !matches!(params.target, Target::Java | Target::Kotlin) {
            return Err(ParamError::Conflict {
                name: "java_insert".into(),
                needs: "needs target=java or target=kotlin",
            });
        }
        if params.defer_codegen && params.target != Target::Rust {
            return Err(ParamError::Conflict {
                name: "defer_codegen".into(),
                needs: "needs target=rust (the Rust output is the one it changes)",
            });
        }
        if let (Some(name), false) = (swift_only.first(), params.target == Target::Swift) {
            return Err(ParamError::Conflict {
                name: (*name).into(),
                needs: "needs target=swift",
            });
        }
        if params.vendor_report.is_some() && params.vendors.is_empty() {
            return Err(ParamError::Conflict {
                name: "vendor_report".into(),
                needs: "needs vendors=... to say which vendors to report on",
            });
        }
        Ok(params)
    }
}

/// `all`, or built-in profile names separated by `:` or `+` (a `,` ends the parameter unless
/// escaped as `\,`, which works too).
fn parse_vendors(p: &RawParam) -> Result<Vec<prost_vsco::vendor::Builtin>, ParamError> {
    use prost_vsco::vendor::Builtin;
    const EXPECTED: &str =
        "all, or names among firebase, mixpanel, amplitude, segment, braze separated by `,`";
    let value = need_value(p, EXPECTED)?;
    if value == "all" {
        return Ok(Builtin::ALL.to_vec());
    }
    let mut out = Vec::new();
    for name in value.split([':', '+', ',']).map(str::trim) {
        match Builtin::from_name(name) {
            Some(b) if !out.contains(&b) => out.push(b),
            Some(_) => {}
            None => {
                return Err(ParamError::BadValue {
                    name: p.name.clone(),
                    value: name.to_string(),
                    expected: EXPECTED,
                });
            }
        }
    }
    out.sort();
    Ok(out)
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Standalone => "standalone",
            Mode::Companion => "companion",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_escapes() {
        let p = split(r#"a,b=v,type_attribute=.=#[cfg(all(x\, y))],c"#);
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "type_attribute", "c"]);
        assert_eq!(p[2].value.as_deref(), Some(".=#[cfg(all(x, y))]"));
        assert_eq!(p[2].text, r#"type_attribute=.=#[cfg(all(x\, y))]"#);
    }

    #[test]
    fn typed_values() {
        let p =
            Params::parse("mode=companion,btree_map=.,extern_path=.a=::b,flat_output_dir").unwrap();
        assert_eq!(p.mode, Mode::Companion);
        assert_eq!(p.btree_map, ["."]);
        assert_eq!(p.extern_path, [(".a".to_string(), "::b".to_string())]);
        assert!(p.flat_output_dir);
        assert_eq!(
            p.prost_forward,
            "btree_map=.,extern_path=.a=::b,flat_output_dir"
        );
    }

    #[test]
    fn errors_name_the_parameter() {
        let e = Params::parse("bogus=1").unwrap_err().to_string();
        assert!(e.contains("`bogus`") && e.contains("btree_map"), "{e}");
        let e = Params::parse("mode=fast").unwrap_err().to_string();
        assert!(e.contains("`fast`"), "{e}");
        let e = Params::parse("flat_output_dir=yes")
            .unwrap_err()
            .to_string();
        assert!(e.contains("true or false"), "{e}");
        assert!(Params::parse("extern_path=.a").is_err());
        assert!(Params::parse("mode=standalone,mode=companion").is_err());
        assert!(Params::parse("include_file=../x.rs").is_err());
        assert!(Params::parse("include_file=mod.rs,include_inline").is_ok());
        let e = Params::parse("include_inline").unwrap_err().to_string();
        assert_eq!(
            e,
            "parameter `include_inline` needs include_file=NAME.rs and mode=standalone"
        );
        assert!(Params::parse("include_file=m.rs,include_inline,mode=companion").is_err());
        assert!(Params::parse("").is_ok());
        let e = Params::parse("vendors=firebase,posthog")
            .unwrap_err()
            .to_string();
        assert!(e.contains("`posthog`"), "{e}");
        let e = Params::parse("vendors=firebase,vendor_check=loud")
            .unwrap_err()
            .to_string();
        assert!(e.contains("`loud`") && e.contains("error or warn"), "{e}");
        assert!(Params::parse("vendor_report=r.md").is_err());
        assert!(Params::parse("vendors=all,vendor_report=../r.md").is_err());
    }

    #[test]
    fn target_and_templates() {
        let p = Params::parse("target=java,templates=my/templates").unwrap();
        assert_eq!(p.target, Target::Java);
        assert_eq!(p.templates.as_deref(), Some("my/templates"));
        assert_eq!(Params::parse("").unwrap().target, Target::Rust);
        let e = Params::parse("target=objc").unwrap_err().to_string();
        assert!(
            e.contains("`objc`") && e.contains("rust, java, kotlin or swift"),
            "{e}"
        );
        let p = Params::parse("target=swift,Visibility=Public,FileNaming=DropPath").unwrap();
        assert_eq!(p.target, Target::Swift);
        assert_eq!(p.swift_visibility, SwiftVisibility::Public);
        assert_eq!(p.swift_file_naming, SwiftFileNaming::DropPath);
        let e = Params::parse("target=swift,Visibility=open")
            .unwrap_err()
            .to_string();
        assert!(e.contains("internal, public or package"), "{e}");
        let e = Params::parse("Visibility=public").unwrap_err().to_string();
        assert!(
            e.contains("Visibility") && e.contains("target=swift"),
            "{e}"
        );
        assert!(Params::parse("target=swift,java_insert").is_err());
        assert!(Params::parse("defer_codegen").is_ok_and(|p| p.defer_codegen));
        let e = Params::parse("target=kotlin,defer_codegen")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("defer_codegen") && e.contains("target=rust"),
            "{e}"
        );
        assert!(Params::parse("target=java,target=kotlin").is_err());
        assert!(
            Params::parse("target=kotlin,java_insert")
                .unwrap()
                .java_insert
        );
        let e = Params::parse("java_insert").unwrap_err().to_string();
        assert!(e.contains("target=java"), "{e}");
    }

    #[test]
    fn vendors_list() {
        use prost_vsco::vendor::Builtin;
        let p = Params::parse("vendors=segment,firebase,elide_version,vendor_check=warn").unwrap();
        assert_eq!(p.vendors, [Builtin::Firebase, Builtin::Segment]);
        assert_eq!(p.vendor_check, VendorCheck::Warn);
        assert!(p.elide_version);
        assert_eq!(Params::parse("vendors=all").unwrap().vendors, Builtin::ALL);
        // A bare vendor name anywhere else is still an unknown parameter.
        assert!(Params::parse("elide_version,firebase").is_err());
    }
}
