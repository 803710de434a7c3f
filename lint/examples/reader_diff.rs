//! Differential check of the two item readers: for every struct/enum/union
//! item the pre-scan finds in the `.rs` files under the given directories,
//! reads it with the lexical reader and with syn, and reports every item where
//! the lexical reader gives something other than syn (mismatches), accepts an
//! item syn rejects, or declines (counted, by first line, as a sample).
//!
//!     cargo run --release -p collects-lint --example reader_diff -- DIR.. [--show N]
//!
//! With `--time`, instead times (one thread, best of 7) the pre-scan alone and
//! the whole per-file `extract` over the files held in memory.

use std::path::PathBuf;

use collects_grammar::Taxonomy;
use collects_lint::extract::{read_lexically, read_with_syn};
use collects_lint::prescan::scan;

fn main() {
    let mut dirs = Vec::new();
    let mut show = 10usize;
    let mut time = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--time" {
            time = true;
        } else if a == "--show" {
            show = args.next().and_then(|n| n.parse().ok()).unwrap_or(show);
        } else {
            dirs.push(a);
        }
    }
    // The linter's own walk: the same files a lint run reads.
    let roots: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
    let paths = collects_lint::walk::rust_files(&roots, &[]).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let taxonomy = Taxonomy::builtin();
    if time {
        timing(&paths, &taxonomy);
        return;
    }
    let (mut items, mut same, mut declined, mut mismatched, mut accepted_broken) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut declined_samples = Vec::new();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let name = path.to_string_lossy();
        for it in scan(text).items {
            items += 1;
            let range = it.start..it.end;
            let fast = read_lexically(&name, text, range.clone(), &taxonomy);
            let slow = read_with_syn(&name, text, range.clone(), &taxonomy);
            proc_macro2::extra::invalidate_current_thread_spans();
            let first_line = text[range.clone()].lines().next().unwrap_or("").to_string();
            match (fast, slow) {
                (None, _) => {
                    declined += 1;
                    declined_samples.push(format!("{name}:{}: {first_line}", it.start));
                }
                (Some(_), None) => {
                    accepted_broken += 1;
                    println!("ACCEPTED BROKEN {name} @{}:\n{}\n", it.start, &text[range]);
                }
                (Some(f), Some(s)) => {
                    let (f, s) = (format!("{f:#?}"), format!("{s:#?}"));
                    if f == s {
                        same += 1;
                    } else {
                        mismatched += 1;
                        if mismatched <= show {
                            println!("MISMATCH {name} @{}:\n{}", it.start, &text[range]);
                            for (a, b) in f.lines().zip(s.lines()) {
                                if a != b {
                                    println!("  lexical: {a}\n  syn:     {b}");
                                }
                            }
                            println!();
                        }
                    }
                }
            }
        }
    }
    for s in declined_samples.iter().take(show) {
        println!("declined: {s}");
    }
    println!(
        "{} files, {items} items: {same} identical, {mismatched} mismatched, {accepted_broken} accepted though syn rejects them, {declined} declined (read by syn)",
        paths.len()
    );
}

fn timing(paths: &[PathBuf], taxonomy: &Taxonomy) {
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .filter_map(|p| Some((p.to_string_lossy().into_owned(), std::fs::read(p).ok()?)))
        .collect();
    let best = |f: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        let mut n = 0;
        for _ in 0..7 {
            let t = std::time::Instant::now();
            n = f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best * 1e3, n)
    };
    let texts: Vec<&str> = files
        .iter()
        .map(|(_, b)| std::str::from_utf8(b).unwrap_or(""))
        .collect();
    let (utf8_ms, _) = best(&|| {
        files
            .iter()
            .map(|(_, b)| std::str::from_utf8(b).map_or(0, str::len))
            .sum()
    });
    let (scan_ms, items) = best(&|| texts.iter().map(|t| scan(t).items.len()).sum());
    let item_bytes: usize = texts
        .iter()
        .flat_map(|t| scan(t).items.into_iter().map(|i| i.end - i.start))
        .sum();
    let (extract_ms, read) = best(&|| {
        files
            .iter()
            .map(|(p, b)| collects_lint::extract::extract(p, b, taxonomy).items.len())
            .sum()
    });
    println!(
        "{} files: UTF-8 check {utf8_ms:.1} ms, pre-scan {scan_ms:.1} ms ({items} items, {:.1} MB); extract (all three) {extract_ms:.1} ms ({read} items read)",
        files.len(),
        item_bytes as f64 / 1e6
    );
}
