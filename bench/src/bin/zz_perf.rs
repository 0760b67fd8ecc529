use prost_vsco::vendor::{self, VendorExt};
use std::hint::black_box;
fn main() {
    let e = prost_vsco_bench::event();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let t = std::time::Instant::now();
    for _ in 0..n {
        black_box(black_box(&e).vendor_properties(&vendor::FIREBASE).ok());
    }
    eprintln!("{:?}/op", t.elapsed() / n as u32);
}
