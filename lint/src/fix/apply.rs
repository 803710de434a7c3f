//! Applying suggestions: per file, the edits of every finding's suggestion
//! (the same edit twice, such as one derive for two fields, once; a
//! suggestion whose edits overlap one already taken is left), applied at
//! their byte offsets to the text as it is. Nothing is re-printed.

use std::collections::BTreeMap;

use super::edits::Left;
use crate::checks::{Edit, Suggestion};
use crate::error::UserError;
use crate::report::Report;

/// A file's text before and after the fix, and the findings it resolves.
pub struct FileFix {
    /// As findings name it: relative to the report's root.
    pub path: String,
    pub before: String,
    pub after: String,
    /// Indices of the findings resolved, in the report's findings.
    pub resolved: Vec<usize>,
}

/// The new text of every file with suggestions, and the findings left
/// because their edits overlap others. Fails, changing nothing, when a new
/// text would no longer parse (a fix must never break a file).
pub fn plan(report: &Report) -> Result<(Vec<FileFix>, Vec<Left>), UserError> {
    let mut by_file: BTreeMap<&str, Vec<(usize, &Suggestion)>> = BTreeMap::new();
    for (index, finding) in report.findings.iter().enumerate() {
        if let Some(suggestion) = &finding.suggestion {
            by_file
                .entry(&finding.path)
                .or_default()
                .push((index, suggestion));
        }
    }
    let mut fixes = Vec::new();
    let mut left = Vec::new();
    for (path, suggestions) in by_file {
        let bytes = std::fs::read(report.root_dir.join(path))
            .map_err(|e| UserError::new(format!("cannot read {path}: {e}")))?;
        let before = String::from_utf8_lossy(&bytes).into_owned();
        let (edits, resolved, overlapping) = merge(&suggestions);
        left.extend(overlapping);
        let after = apply(&before, &edits);
        check_parses(path, &after)?;
        fixes.push(FileFix {
            path: path.to_string(),
            before,
            after,
            resolved,
        });
    }
    Ok((fixes, left))
}

/// Writes the new texts.
pub fn write(report: &Report, fixes: &[FileFix]) -> Result<(), UserError> {
    for fix in fixes {
        std::fs::write(report.root_dir.join(&fix.path), &fix.after).map_err(|e| {
            UserError::new(format!("cannot write {}: {e}", fix.path)).with_help(Some(
                "the files before it in this list were fixed; `git diff` shows them".into(),
            ))
        })?;
    }
    Ok(())
}

/// The edits of the suggestions taken, each once, in the order to apply them
/// (by offset; inserts at one offset in the order given); the findings they
/// resolve; those left because an edit overlaps one taken before.
fn merge(suggestions: &[(usize, &Suggestion)]) -> (Vec<Edit>, Vec<usize>, Vec<Left>) {
    let (mut edits, mut resolved, mut left) = (Vec::<Edit>::new(), Vec::new(), Vec::new());
    for (index, suggestion) in suggestions {
        if suggestion
            .edits
            .iter()
            .any(|new| edits.iter().any(|taken| overlaps(new, taken)))
        {
            left.push(Left {
                finding: *index,
                reason: "its edit overlaps another fix: run the fix again".into(),
            });
            continue;
        }
        for edit in &suggestion.edits {
            if !edits.contains(edit) {
                edits.push(edit.clone());
            }
        }
        resolved.push(*index);
    }
    // Stable: inserts at one offset keep their order, before a replacement
    // that starts there.
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    (edits, resolved, left)
}

/// Whether two different edits touch the same text: ranges that share a
/// byte, or an insert strictly inside a replaced range.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    a != b && a.range.start < b.range.end && b.range.start < a.range.end
}

/// `text` with `edits` (sorted, not overlapping) applied; their offsets count
/// after a BOM, which stays.
fn apply(text: &str, edits: &[Edit]) -> String {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    };
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(bom);
    let mut at = 0;
    for edit in edits {
        out.push_str(&body[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&body[at..]);
    out
}

fn check_parses(path: &str, text: &str) -> Result<(), UserError> {
    let parsed = syn::parse_file(text).map(drop);
    proc_macro2::extra::invalidate_current_thread_spans();
    parsed.map_err(|e| {
        UserError::new(format!(
            "the fix would leave {path} unparsable ({e}); nothing was written"
        ))
        .with_help(Some(
            "this is a bug of collects: please report it with the file".into(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: std::ops::Range<usize>, text: &str) -> Edit {
        Edit {
            range,
            text: text.into(),
        }
    }

    #[test]
    fn shared_edits_apply_once_and_inserts_at_one_offset_keep_their_order() {
        let import = edit(0..0, "use c;\n");
        let derive = edit(0..0, "#[derive(C)]\n");
        let first = Suggestion {
            message: String::new(),
            edits: vec![import.clone(), derive.clone(), edit(11..11, "#[a] ")],
        };
        let second = Suggestion {
            message: String::new(),
            edits: vec![import, derive, edit(18..18, "#[b] ")],
        };
        let (edits, resolved, left) = merge(&[(0, &first), (1, &second)]);
        assert_eq!((resolved, left), (vec![0, 1], vec![]));
        assert_eq!(
            apply("struct A { x: u8, y: u8 }", &edits),
            "use c;\n#[derive(C)]\nstruct A { #[a] x: u8, #[b] y: u8 }"
        );
    }

    #[test]
    fn a_suggestion_that_overlaps_one_taken_is_left() {
        let first = Suggestion {
            message: String::new(),
            edits: vec![edit(2..6, "abcd")],
        };
        let second = Suggestion {
            message: String::new(),
            edits: vec![edit(4..4, "x")],
        };
        let (edits, resolved, left) = merge(&[(0, &first), (1, &second)]);
        assert_eq!(resolved, [0]);
        assert_eq!(left[0].finding, 1);
        assert_eq!(apply("\u{feff}01234567", &edits), "\u{feff}01abcd67");
        let at_its_start = Suggestion {
            message: String::new(),
            edits: vec![edit(2..2, "x")],
        };
        let (edits, resolved, _) = merge(&[(0, &first), (1, &at_its_start)]);
        assert_eq!(resolved, [0, 1]);
        assert_eq!(apply("01234567", &edits), "01xabcd67");
    }
}
