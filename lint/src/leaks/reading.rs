//! Which function bodies CL0009 reads, and reading them: the files whose
//! pre-scan saw a printing macro or an `#[instrument]`, and that name a leak
//! source where it matters. The text of each file's printing calls is kept
//! from the first read: a source field read from a value (`.email`), a name
//! that says what it holds (`password`, `{password}`) or a type whose `Debug`
//! prints a source must be named there. Where the tree declares sources, a
//! file is also read when its whole text names a declared source field or a
//! type whose `Debug` prints one: a parameter's type, or a local that
//! carries the value to the call, is enough. Most files are never read
//! twice, nor parsed.

use std::path::PathBuf;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::{is_test_path, LeakIndex, Strength};
use crate::source::bodies::{self, Bodies};

/// A file whose pre-scan saw printing: where to read its text again.
#[derive(Debug, Clone)]
pub(crate) struct PrintingFile {
    /// As reports name it.
    pub display: String,
    pub path: PathBuf,
    /// The text of its printing calls ([`crate::source::FileFacts::print_text`]).
    pub print_text: String,
    /// Its text, when it was never on disk (the checks' unit tests).
    pub text: Option<String>,
}

/// The bodies of the files among `files` that can leak something `index`
/// knows, read in parallel; test files only when `[leaks] tests` is on.
pub(crate) fn read_bodies(files: &[PrintingFile], index: &LeakIndex) -> Vec<Bodies> {
    let mentions = Mentions::of(index);
    files
        .par_iter()
        .filter(|f| index.settings.tests || !is_test_path(&f.display))
        .filter_map(|f| {
            let in_calls = mentions.in_calls(&f.print_text);
            if !in_calls && mentions.declared.is_none() {
                return None;
            }
            let text = match &f.text {
                Some(text) => text.clone(),
                None => String::from_utf8(std::fs::read(&f.path).ok()?).ok()?,
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let declared = || {
                let words = mentions.declared.as_ref();
                words.is_some_and(|d| find(d, text, Rule::Identifier))
            };
            if !in_calls && !declared() {
                return None;
            }
            bodies::read(&f.display, text, is_test_path(&f.display))
        })
        .collect()
}

/// The words whose mention makes a file worth reading.
struct Mentions {
    /// Source field names (of any strength): read from a value in a call.
    fields: Option<AhoCorasick>,
    /// Names that say what a value holds, and types whose `Debug` prints a
    /// source: named in a call, or captured by its format string.
    names: Option<AhoCorasick>,
    /// Declared source field names and types whose `Debug` prints a
    /// declared source: anywhere in the text.
    declared: Option<AhoCorasick>,
}

/// How a word must be written to count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A whole identifier.
    Identifier,
    /// A field read: `.email`.
    Field,
    /// A whole identifier (or the end of one: `new_password`) as code names
    /// it, or a capture of a format string (`{password}`); not the middle of
    /// a string's text (`"/etc/passwd"`, `"--password"`).
    Named,
}

impl Mentions {
    fn of(index: &LeakIndex) -> Mentions {
        let mut fields = index.source_field_names(Strength::Weak);
        fields.extend(index.source_field_names(Strength::Declared));
        let mut names = index.leaking_type_names(Strength::Weak);
        names.extend(index.leaking_type_names(Strength::Declared));
        names.extend(
            index
                .data
                .names
                .iter()
                .filter(|n| index.settings.is_sensitive(&n.category))
                .map(|n| n.name.as_str()),
        );
        let mut declared = index.source_field_names(Strength::Declared);
        declared.extend(index.leaking_type_names(Strength::Declared));
        Mentions {
            fields: automaton(fields),
            names: automaton(names),
            declared: automaton(declared),
        }
    }

    fn in_calls(&self, calls: &str) -> bool {
        let found = |words: &Option<AhoCorasick>, rule| {
            words.as_ref().is_some_and(|w| find(w, calls, rule))
        };
        found(&self.fields, Rule::Field) || found(&self.names, Rule::Named)
    }
}

fn automaton(words: Vec<&str>) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    AhoCorasick::new(words).ok()
}

/// Whether `text` holds one of the automaton's words, written as `rule` says.
fn find(words: &AhoCorasick, text: &str, rule: Rule) -> bool {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    words.find_overlapping_iter(text).any(|m| {
        let before = m.start().checked_sub(1).map(|k| bytes[k]);
        let after = bytes.get(m.end()).copied();
        let starts = match (rule, before) {
            (_, Some(b'.')) => true,
            (Rule::Field, _) => false,
            (_, None) => true,
            (Rule::Identifier, Some(b)) => !ident(b),
            (Rule::Named, Some(b)) => b"_{(,;=&?%!*|[ \t\r\n".contains(&b),
        };
        let ends = match (rule, after) {
            (_, None) => true,
            (Rule::Named, Some(b)) => b"}),;:.?[ \t\r\n".contains(&b),
            (_, Some(b)) => !ident(b),
        };
        starts && ends
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_count_only_as_code_names_them() {
        let words = AhoCorasick::new(["password", "email"]).unwrap();
        let found = |text, rule| find(&words, text, rule);
        assert!(found("info!(\"{}\", user.email)", Rule::Field));
        assert!(!found("info!(\"{}\", email)", Rule::Field));
        assert!(!found("info!(\"{}\", user.emails)", Rule::Field));
        assert!(found("println!(\"{password}\")", Rule::Named));
        assert!(found("dbg!(new_password)", Rule::Named));
        assert!(!found(
            "cmd!(\"--password\", \"/etc/password\")",
            Rule::Named
        ));
        assert!(found("fn f(email: String)", Rule::Identifier));
        assert!(!found("fn f(emailer: String)", Rule::Identifier));
    }
}
