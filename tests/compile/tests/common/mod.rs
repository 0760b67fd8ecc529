//! Helpers shared by the compile crate's tests.

use std::path::PathBuf;

use prost_reflect::DescriptorPool;

#[path = "../../../support/cases.rs"]
mod golden_inputs;

/// prost-reflect's pool for a golden case, from the descriptors protox compiles for it.
pub fn pool(case: &str) -> DescriptorPool {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let generator = golden_inputs::generator(&root, &root.join("tests/golden").join(case));
    let request = generator.request().expect("compile case");
    DescriptorPool::from_file_descriptor_set(prost_types::FileDescriptorSet {
        file: request.decoded().proto_file.clone(),
    })
    .expect("descriptor pool")
}
