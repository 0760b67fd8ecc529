//! Side-by-side timing: each operation has named variants (ours first), timed in rounds: one
//! sample of every variant per round, so that machine noise hits all of them alike. A peer's
//! ratio is the median over the rounds of its time divided by ours in the same round (a slow
//! stretch of the machine slows both sides of a round, so it cancels out, where a ratio of
//! two medians taken over the whole run moves with it). Printed as a table and as
//! `ratio <operation>_vs_<variant> <variant time / our time>` lines, followed by
//! `best <operation>_vs_<variant> <ratio>` lines: the ratio of the two sides' fastest rounds
//! (see [`Measured::best`]).

use std::time::{Duration, Instant};

#[path = "../../tests/support/counting_alloc.rs"]
pub mod counting_alloc;

/// What one variant runs: `run` is timed; `prepare` runs untimed before each batch of
/// `reps` runs, to build inputs that `run` consumes (as criterion's `iter_batched` does).
pub trait Routine {
    fn prepare(&mut self, reps: usize);
    fn run(&mut self);
}

struct Plain<F>(F);

impl<F: FnMut()> Routine for Plain<F> {
    fn prepare(&mut self, _reps: usize) {}
    fn run(&mut self) {
        (self.0)()
    }
}

struct Batched<I, M, R> {
    inputs: Vec<I>,
    make: M,
    run: R,
}

impl<I, M: FnMut() -> I, R: FnMut(I)> Routine for Batched<I, M, R> {
    fn prepare(&mut self, reps: usize) {
        self.inputs.clear();
        self.inputs.extend((0..reps).map(|_| (self.make)()));
    }
    fn run(&mut self) {
        let input = match self.inputs.pop() {
            Some(input) => input,
            None => (self.make)(),
        };
        (self.run)(input)
    }
}

/// A variant that times all of `f`.
pub fn plain(f: impl FnMut() + 'static) -> Box<dyn Routine> {
    Box::new(Plain(f))
}

/// A variant that times `run` on an input built by `make` beforehand, untimed: for operations
/// that consume a value (a `set`), so that building the value is not measured.
pub fn batched<I: 'static>(
    make: impl FnMut() -> I + 'static,
    run: impl FnMut(I) + 'static,
) -> Box<dyn Routine> {
    Box::new(Batched {
        inputs: Vec::new(),
        make,
        run,
    })
}

/// One variant of an operation: its name and what it runs.
pub type Variant = (&'static str, Box<dyn Routine>);

/// One benchmarked operation: named variants, the first being ours.
pub struct Operation {
    pub name: &'static str,
    pub variants: Vec<Variant>,
}

pub struct Measured {
    pub operation: &'static str,
    /// Each variant's median time per run.
    pub times: Vec<(&'static str, Duration)>,
    /// Each peer's median, over the rounds, of its time divided by ours in the same round.
    pub ratios: Vec<(&'static str, f64)>,
    /// Each peer's fastest round divided by our fastest: the two sides as they run when
    /// nothing else competes for the core. On a shared machine, busy stretches slow code
    /// that keeps the core busy (ours) more than code that waits on memory, and move the
    /// median ratio with how much of the run they cover; this figure does not move with them.
    pub best: Vec<(&'static str, f64)>,
    /// Allocations per run of each variant (counted when the binary installs
    /// `counting_alloc::Counting` as its global allocator, else 0).
    pub allocs: Vec<(&'static str, u64)>,
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    let mid = samples.len() / 2;
    if samples.is_empty() {
        Duration::ZERO
    } else if samples.len() % 2 == 1 {
        samples[mid]
    } else {
        (samples[mid - 1] + samples[mid]) / 2
    }
}

/// The wall time of `reps` runs of `routine`, after preparing their inputs.
pub fn time_reps(reps: usize, routine: &mut dyn Routine) -> Duration {
    routine.prepare(reps);
    let start = Instant::now();
    for _ in 0..reps {
        routine.run();
    }
    start.elapsed()
}

/// Times `samples` rounds of every variant (rotating which goes first); keeps each variant's
/// median time and each peer's median ratio to ours over the rounds.
pub fn measure(mut op: Operation, samples: usize, reps: usize) -> Measured {
    let count = op.variants.len();
    let allocs = op
        .variants
        .iter_mut()
        .map(|(name, routine)| {
            routine.prepare(1);
            routine.run();
            routine.prepare(1);
            (*name, counting_alloc::allocations(|| routine.run()).0)
        })
        .collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(samples); count];
    for (_, routine) in op.variants.iter_mut() {
        time_reps(reps / 10 + 1, routine.as_mut());
    }
    for s in 0..samples {
        for k in 0..count {
            let i = (s + k) % count;
            times[i].push(time_reps(reps, op.variants[i].1.as_mut()));
        }
    }
    let fastest = |t: &[Duration]| t.iter().min().copied().unwrap_or(Duration::ZERO);
    let ours = fastest(&times[0]).as_secs_f64();
    let (ratios, best) = op
        .variants
        .iter()
        .zip(&times)
        .skip(1)
        .map(|((name, _), peer)| {
            let mut r: Vec<f64> = peer
                .iter()
                .zip(&times[0])
                .map(|(p, o)| p.as_secs_f64() / o.as_secs_f64())
                .collect();
            r.sort_unstable_by(f64::total_cmp);
            let median = r.get(r.len() / 2).copied().unwrap_or(0.0);
            ((*name, median), (*name, fastest(peer).as_secs_f64() / ours))
        })
        .unzip();
    Measured {
        operation: op.name,
        allocs,
        ratios,
        best,
        times: op
            .variants
            .iter()
            .zip(times)
            .map(|((name, _), t)| (*name, median(t) / reps as u32))
            .collect(),
    }
}

/// Prints the table (median time per run, ratio to ours as the `ratio` lines give it,
/// allocations), then `notes`, then one `ratio` line per peer variant, then one `best` line
/// per peer variant.
pub fn report(title: &str, results: &[Measured], notes: &[&str]) {
    println!("{title}");
    println!(
        "{:<24} {:<24} {:>12} {:>13} {:>7}",
        "operation", "variant", "per op", "variant/ours", "allocs"
    );
    for m in results {
        let ratios = std::iter::once(1.0).chain(m.ratios.iter().map(|(_, r)| *r));
        for (((name, t), (_, allocs)), r) in m.times.iter().zip(&m.allocs).zip(ratios) {
            println!(
                "{:<24} {:<24} {:>9.0} ns {:>12.2}x {:>7}",
                m.operation,
                name,
                t.as_secs_f64() * 1e9,
                r,
                allocs
            );
        }
    }
    for note in notes {
        println!("{note}");
    }
    println!();
    for m in results {
        for (name, r) in &m.ratios {
            println!("ratio {}_vs_{} {r:.3}", m.operation, name);
        }
    }
    for m in results {
        for (name, r) in &m.best {
            println!("best {}_vs_{} {r:.3}", m.operation, name);
        }
    }
}

/// `--quick` or not, from the command line; `Err` holds the exit message for a bad argument.
pub fn parse_args(program: &str) -> Result<Option<bool>, String> {
    let mut quick = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--quick" => quick = true,
            "--bench" => {}
            "--help" | "-h" => {
                println!("usage: {program} [--quick]");
                return Ok(None);
            }
            other => {
                return Err(format!(
                    "{program}: unknown argument `{other}` (usage: {program} [--quick])"
                ));
            }
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: built without optimizations; run with `cargo run --release`");
    }
    Ok(Some(quick))
}
