//! Which function bodies CL0009 reads, and reading them: the files whose
//! pre-scan saw a printing macro or an `#[instrument]`, and whose text
//! mentions a leak source at all (a field name of a source, a type whose
//! `Debug` prints one, a name that says what it holds). Most files of a
//! tree are never parsed.

use std::path::PathBuf;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::{is_test_path, LeakIndex};
use crate::source::bodies::{self, Bodies};

/// A file whose pre-scan saw printing: where to read its text again.
#[derive(Debug, Clone)]
pub(crate) struct PrintingFile {
    /// As reports name it.
    pub display: String,
    pub path: PathBuf,
    /// Its text, when it was never on disk (the checks' unit tests).
    pub text: Option<String>,
}

/// The bodies of the files among `files` that can leak something `index`
/// knows, read in parallel; test files only when `[leaks] tests` is on.
pub(crate) fn read_bodies(files: &[PrintingFile], index: &LeakIndex) -> Vec<Bodies> {
    let mut words = index.words();
    words.extend(
        index
            .data
            .names
            .iter()
            .filter(|n| index.settings.is_sensitive(&n.category))
            .map(|n| n.name.as_str()),
    );
    if words.is_empty() {
        return Vec::new();
    }
    let Ok(mentions) = AhoCorasick::new(&words) else {
        return Vec::new();
    };
    files
        .par_iter()
        .filter(|f| index.settings.tests || !is_test_path(&f.display))
        .filter_map(|f| {
            let text = match &f.text {
                Some(text) => text.clone(),
                None => String::from_utf8(std::fs::read(&f.path).ok()?).ok()?,
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            if !mentions.is_match(text) {
                return None;
            }
            bodies::read(&f.display, text, is_test_path(&f.display))
        })
        .collect()
}
