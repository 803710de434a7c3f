//! Measures the lexical pre-scan (`collects_lint::source::prescan::scan`) on a tree of
//! Rust files: reads every `.rs` file under the given directories into memory,
//! times `scan` over all of them single-threaded (best of a few rounds), and
//! checks that every item range it returns parses as a `syn::DeriveInput`.
//!
//!     cargo run --release -p collects-lint --example prescan_speed -- DIR..

use std::path::PathBuf;
use std::time::Instant;

use collects_lint::source::prescan::scan;

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    // The linter's own walk: the same files a lint run reads.
    let roots: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
    let paths = collects_lint::walk::rust_files(&roots, &[]).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    println!("{} files, {:.1} MB", files.len(), bytes as f64 / 1e6);

    let mut best = f64::MAX;
    let mut items = 0;
    for _ in 0..7 {
        let t = Instant::now();
        items = 0;
        for (_, text) in &files {
            items += std::hint::black_box(scan(text)).items.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "scan: {:.1} ms best of 7, {:.0} MB/s, {items} items",
        best * 1e3,
        bytes as f64 / 1e6 / best
    );

    let (mut ok, mut bad) = (0, 0);
    let t = Instant::now();
    for (path, text) in &files {
        for it in scan(text).items {
            let src = &text[it.start..it.end];
            if syn::parse_str::<syn::DeriveInput>(src).is_ok() {
                ok += 1;
            } else {
                bad += 1;
                if std::env::var_os("SHOW_BAD").is_some() {
                    let line = text[..it.start].lines().count() + 1;
                    println!("does not parse: {}:{line}", path.display());
                }
            }
        }
    }
    println!(
        "syn::DeriveInput on every range: {ok} parse, {bad} do not ({:.1} ms)",
        t.elapsed().as_secs_f64() * 1e3
    );
}
