//! Errors reported in `CodeGeneratorResponse.error`, each with the place it concerns.

/// Everything that can make a generation fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A plugin parameter is unknown or malformed.
    #[error("invalid parameter: {0}")]
    Param(#[from] crate::params::ParamError),
    /// The schema cannot be generated; `context` says where (`field acme.v1.Order.id (acme/v1/order.proto)`).
    #[error("{context}: {message}")]
    Schema { context: String, message: String },
    /// Vendor rules the schema breaks (`vendors=`, unless `vendor_check=warn`), one line each
    /// with its place.
    #[error(
        "the schema breaks vendor rules (pass vendor_check=warn to generate anyway):\n{}",
        .0.join("\n")
    )]
    Vendor(Vec<String>),
    /// prost-build (through protoc-gen-prost) rejected the request.
    #[error("prost-build: {0}")]
    Prost(String),
    /// Generated Rust did not parse: a bug in this plugin.
    #[error(
        "internal error in {file}: {message} (this is a bug in protoc-gen-prost-vsco; please report it)"
    )]
    Internal { file: String, message: String },
}

impl Error {
    pub(crate) fn schema(context: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Schema {
            context: context.into(),
            message: message.into(),
        }
    }
}
