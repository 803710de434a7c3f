//! `--timings`: where a run's time went. Reading and parsing run on many
//! threads at once, so besides their wall time the time each thread spent on
//! them is summed.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// The walk's own time, on the worker that walks while the others read.
    pub walk: Duration,
    /// Wall time of the parallel walk-and-read phase, the walk included.
    pub read_and_parse: Duration,
    /// Summed over threads: reading files.
    pub read: Duration,
    /// Summed over threads: pre-scan and parsing items.
    pub parse: Duration,
    /// Building the evidence model over every item.
    pub evidence: Duration,
    /// The checks over every field.
    pub check: Duration,
    /// The leak checks: their sources, the function bodies they read, their findings.
    pub leaks: Duration,
    pub render: Duration,
    /// Macro call bodies whose items were read.
    pub macro_bodies: usize,
}

/// Per-phase time summed over the threads that spent it.
#[derive(Debug, Default)]
pub struct ThreadTime {
    nanos: AtomicU64,
}

impl ThreadTime {
    /// Runs `work`, adding its duration.
    pub fn measure<T>(&self, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = work();
        self.nanos
            .fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        value
    }

    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }
}

/// Runs `work` and stores its wall time in `slot`.
pub fn timed<T>(slot: &mut Duration, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = work();
    *slot = start.elapsed();
    value
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.read_and_parse + self.evidence + self.check + self.leaks + self.render;
        let ms = |d: Duration| format!("{:>8.1} ms", d.as_secs_f64() * 1000.0);
        writeln!(f, "timings (wall clock):")?;
        writeln!(
            f,
            "  walk, read + parse {}   (the walk alone: {}; summed over threads: read {}, pre-scan + parse {})",
            ms(self.read_and_parse),
            ms(self.walk).trim(),
            ms(self.read).trim(),
            ms(self.parse).trim()
        )?;
        writeln!(
            f,
            "  macro bodies          {:>8}   (read for items)",
            self.macro_bodies
        )?;
        writeln!(f, "  evidence model     {}", ms(self.evidence))?;
        writeln!(f, "  check              {}", ms(self.check))?;
        writeln!(f, "  leaks              {}", ms(self.leaks))?;
        writeln!(f, "  render             {}", ms(self.render))?;
        write!(f, "  total              {}", ms(total))
    }
}
