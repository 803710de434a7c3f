//! The reader differential: the fast reader and syn must give the same item
//! (fields, names, types as text and shape, attributes, their byte ranges,
//! positions, declarations) and the same findings, whenever both read it.
//! One comparison, used by the test over the bundled sources below, the
//! `readers` fuzz target and `examples/reader_diff.rs`.

use std::ops::Range;

use collects_grammar::Taxonomy;

use super::{read_lexically, read_with_syn};

/// How the two readers did on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreement {
    /// Both read it, with the same result.
    Same,
    /// The fast reader declined (syn reads it or reports it).
    Declined,
    /// Neither reads it.
    Broken,
    /// The fast reader read an item syn rejects.
    AcceptedBroken,
    /// Both read it, differently: each side's result, pretty-printed.
    Different { fast: String, syn: String },
}

/// Reads `text[range]` with both readers and compares what they give.
/// Parses with syn: call on a thread with a deep stack for deep input.
pub fn compare(path: &str, text: &str, range: Range<usize>, taxonomy: &Taxonomy) -> Agreement {
    let fast = read_lexically(path, text, range.clone(), taxonomy);
    let slow = read_with_syn(path, text, range, taxonomy);
    proc_macro2::extra::invalidate_current_thread_spans();
    match (fast, slow) {
        (None, Some(_)) => Agreement::Declined,
        (None, None) => Agreement::Broken,
        (Some(_), None) => Agreement::AcceptedBroken,
        (Some((fast_item, fast_findings)), Some((syn_item, syn_findings))) => {
            let same_findings = format!("{fast_findings:?}") == format!("{syn_findings:?}");
            if fast_item == syn_item && same_findings {
                Agreement::Same
            } else {
                Agreement::Different {
                    fast: format!("{fast_item:#?}\n{fast_findings:#?}"),
                    syn: format!("{syn_item:#?}\n{syn_findings:#?}"),
                }
            }
        }
    }
}

/// The lines where `fast` and `syn` (of [`Agreement::Different`]) differ.
pub fn differing_lines(fast: &str, syn: &str) -> String {
    let mut out = String::new();
    for (a, b) in fast.lines().zip(syn.lines()) {
        if a != b {
            out.push_str(&format!("  fast: {a}\n  syn:  {b}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::source::prescan::scan;

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every item of the bundled fixtures, examples and tests that both
    /// readers read, they read the same.
    #[test]
    fn the_readers_agree_on_the_bundled_sources() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in [
            "tests/fixtures",
            "examples",
            "tests/inventory",
            "annotations/tests",
            "tests/adoption",
        ] {
            rust_files(&root.join(dir), &mut files);
        }
        files.sort();
        let work = move || {
            let taxonomy = Taxonomy::builtin();
            let (mut same, mut differences) = (0, Vec::new());
            for file in &files {
                let Ok(text) = std::fs::read_to_string(file) else {
                    continue;
                };
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                let name = file.display().to_string();
                for item in scan(text).items {
                    match compare(&name, text, item.start..item.end, &taxonomy) {
                        Agreement::Same => same += 1,
                        Agreement::Declined | Agreement::Broken => {}
                        Agreement::AcceptedBroken => {
                            differences.push(format!("{name}@{}: accepted broken", item.start))
                        }
                        Agreement::Different { fast, syn } => differences.push(format!(
                            "{name}@{}:\n{}",
                            item.start,
                            differing_lines(&fast, &syn)
                        )),
                    }
                }
            }
            assert!(differences.is_empty(), "{}", differences.join("\n"));
            assert!(same >= 80, "only {same} items read by both");
        };
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(work)
            .unwrap()
            .join()
            .unwrap();
    }
}
