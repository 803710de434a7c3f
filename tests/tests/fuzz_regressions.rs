//! Replays the fuzz inputs kept in the repository — the crashers in
//! `fuzz/regressions/<target>/` and the seeds in `fuzz/seeds/<target>/` —
//! through the same harness the fuzz targets run (`fuzz/src/lib.rs`), so the
//! normal test run catches a crash coming back without cargo-fuzz.
//! See docs/fuzzing.md.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
mod harness;

/// The files of `fuzz/<kind>/<target>/`, sorted; none when it does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(kind)
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn replay(target: &str, harness: fn(&[u8])) {
    let seeds = inputs("seeds", target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for file in inputs("regressions", target).into_iter().chain(seeds) {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| harness(&data));
        assert!(outcome.is_ok(), "{} fails again", file.display());
    }
}

#[test]
fn annotation_inputs() {
    replay("annotation", harness::annotation);
}

#[test]
fn config_inputs() {
    replay("config", harness::config);
}

#[test]
fn extract_inputs() {
    replay("extract", harness::extract);
}

#[test]
fn prescan_inputs() {
    replay("prescan", harness::prescan);
}

#[test]
fn readers_inputs() {
    replay("readers", harness::readers);
}
