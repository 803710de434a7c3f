//! The reader differential (`collects_lint::source::differential`, also run
//! as a test over the bundled sources and as the `readers` fuzz target) over
//! any tree: for every struct/enum/union item the pre-scan finds in the `.rs`
//! files under the given directories, reports every item where the fast
//! reader gives something other than syn (mismatches), accepts an item syn
//! rejects, or declines (counted, by first line, as a sample).
//!
//!     cargo run --release -p collects-lint --example reader_diff -- DIR.. [--show N]
//!
//! With `--time`, instead times (one thread, best of 7) the pre-scan alone and
//! the whole per-file `extract` over the files held in memory.

use std::path::PathBuf;

use collects_grammar::Taxonomy;
use collects_lint::source::differential::{compare, differing_lines, Agreement};
use collects_lint::source::prescan::scan;

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
            let first_line = text[range.clone()].lines().next().unwrap_or("").to_string();
            match compare(&name, text, range.clone(), &taxonomy) {
                Agreement::Declined | Agreement::Broken => {
                    declined += 1;
                    declined_samples.push(format!("{name}:{}: {first_line}", it.start));
                }
                Agreement::AcceptedBroken => {
                    accepted_broken += 1;
                    println!("ACCEPTED BROKEN {name} @{}:\n{}\n", it.start, &text[range]);
                }
                Agreement::Same => same += 1,
                Agreement::Different { fast, syn } => {
                    mismatched += 1;
                    if mismatched <= show {
                        println!("MISMATCH {name} @{}:\n{}", it.start, &text[range]);
                        println!("{}", differing_lines(&fast, &syn));
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
            .map(|(p, b)| collects_lint::source::extract(p, b, taxonomy).items.len())
            .sum()
    });
    println!(
        "{} files: UTF-8 check {utf8_ms:.1} ms, pre-scan {scan_ms:.1} ms ({items} items, {:.1} MB); extract (all three) {extract_ms:.1} ms ({read} items read)",
        files.len(),
        item_bytes as f64 / 1e6
    );
}
