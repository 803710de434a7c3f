//! What fixes a finding, as edits of its file at byte offsets: an undeclared
//! field (CL0001) gets `#[collects(Group::Item)]`, its type `Collects` in its
//! derives and its module the `use` that names it; a mismatched category
//! (CL0002) is replaced by the one the evidence names. Made from the file as
//! it is now, with the readers' byte ranges and syn's modules.

use collects_grammar::Taxonomy;

use super::scope::{scope_at, scopes, Scope};
use crate::checks::{Code, Edit, Finding, Severity, Suggestion};
use crate::model::{Field, Item, ItemKind};
use crate::report::Report;

/// A finding the fix would resolve but leaves to a person, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    /// Its index in the report's findings.
    pub finding: usize,
    pub reason: String,
}

/// What the fix does for a finding.
enum Kind {
    /// CL0001: add a declaration.
    Declare,
    /// CL0002: replace the declared category.
    Correct,
}

/// A file read for fixing: its text (after a BOM), items and modules.
struct Source {
    text: String,
    items: Vec<Item>,
    scopes: Vec<Scope>,
}

/// Fills in the suggestion of every finding the fix resolves: error-level
/// CL0001 and CL0002 whose evidence names one category. Returns the others
/// of those codes, with why they are left.
pub fn suggest(report: &mut Report, taxonomy: &Taxonomy) -> Vec<Left> {
    let mut left = Vec::new();
    let mut by_file: std::collections::BTreeMap<String, Vec<(usize, Kind)>> = Default::default();
    for (index, finding) in report.findings.iter().enumerate() {
        match kind(finding) {
            Ok(Some(kind)) => by_file
                .entry(finding.path.clone())
                .or_default()
                .push((index, kind)),
            Ok(None) => {}
            Err(reason) => left.push(Left {
                finding: index,
                reason,
            }),
        }
    }
    for (path, wanted) in by_file {
        let source = match read(report, &path, taxonomy) {
            Ok(source) => source,
            Err(reason) => {
                let all = wanted.into_iter().map(|(finding, _)| Left {
                    finding,
                    reason: reason.clone(),
                });
                left.extend(all);
                continue;
            }
        };
        for (index, kind) in wanted {
            match suggestion(&source, &report.findings[index], &kind) {
                Ok(s) => report.findings[index].suggestion = Some(s),
                Err(reason) => left.push(Left {
                    finding: index,
                    reason,
                }),
            }
        }
    }
    left.sort_by_key(|l| l.finding);
    left
}

/// Whether the fix resolves `finding`; an error says why not, for one it
/// would resolve if the evidence named one category.
fn kind(finding: &Finding) -> Result<Option<Kind>, String> {
    let kind = match finding.code {
        Code::Undeclared if finding.severity == Severity::Error => Kind::Declare,
        Code::Mismatch => Kind::Correct,
        _ => return Ok(None),
    };
    match finding.suggested.as_slice() {
        [_] => Ok(Some(kind)),
        [] => Err("the evidence names no category: declare it by hand".into()),
        several => Err(format!(
            "the evidence fits {}: declare the one it holds by hand",
            several.join(" or ")
        )),
    }
}

fn read(report: &Report, path: &str, taxonomy: &Taxonomy) -> Result<Source, String> {
    let bytes = std::fs::read(report.root_dir.join(path))
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let items = crate::source::extract(path, &bytes, taxonomy).items;
    let text = String::from_utf8(bytes).map_err(|_| "the file is not UTF-8".to_string())?;
    let text = text
        .strip_prefix('\u{feff}')
        .map_or(text.clone(), str::to_string);
    let scopes = scopes(&text).map_err(|e| {
        let at = e.span().start();
        format!(
            "the file does not parse as Rust (line {}: {e}): fix it first",
            at.line
        )
    })?;
    Ok(Source {
        text,
        items,
        scopes,
    })
}

fn suggestion(source: &Source, finding: &Finding, kind: &Kind) -> Result<Suggestion, String> {
    let (item, field) = field_of(&source.items, finding)
        .ok_or("the field is not where the finding says: run the fix again")?;
    if item.in_macro {
        return Err("the type is written inside a macro call: declare it by hand".into());
    }
    let category = finding
        .suggested
        .first()
        .ok_or("the evidence names no category: declare it by hand")?;
    let edits = match (kind, field.declared.as_deref()) {
        (Kind::Correct, Some(declared)) => {
            vec![replace_category(&source.text, declared, category)?]
        }
        // A category declared on the type is every field's: this field gets its own.
        (Kind::Correct, None) | (Kind::Declare, _) => declare(source, item, field, category)?,
    };
    Ok(Suggestion {
        message: format!("declare it as {category}"),
        edits,
    })
}

/// The item and field a finding is about: by name, and by place (the field's
/// name, or the category it declares).
fn field_of<'a>(items: &'a [Item], finding: &Finding) -> Option<(&'a Item, &'a Field)> {
    items.iter().find_map(|item| {
        let field = item.fields.iter().find(|field| {
            let category_span = item
                .declaration_of(field)
                .and_then(|d| d.categories.first())
                .map(|(_, span)| *span);
            finding.field.as_deref() == Some(field.name.as_str())
                && finding.item.as_deref() == Some(item.display_name(field).as_str())
                && (field.span == finding.span || category_span == Some(finding.span))
        })?;
        Some((item, field))
    })
}

/// `#[collects(category)]` on the field; when its type does not derive
/// `Collects`, the derive and, when its module lacks it, the import (first:
/// inserts at one offset apply in order, and the import goes above all).
fn declare(
    source: &Source,
    item: &Item,
    field: &Field,
    category: &str,
) -> Result<Vec<Edit>, String> {
    if item.kind == ItemKind::Union {
        return Err("`#[derive(Collects)]` does not take unions: declare the data on a struct, or allow it with `// collects: allow(undeclared) -- why`".into());
    }
    let mut edits = Vec::new();
    if !item.derives("Collects") {
        let scope = scope_at(&source.scopes, item.ranges.start)
            .ok_or("the type is not in a module syn reads: declare it by hand")?;
        if !scope.imports_collects {
            edits.extend(scope.import.clone());
        }
        edits.push(match item.ranges.derive_end {
            Some(end) => Edit {
                range: end..end,
                text: ", Collects".into(),
            },
            None => insert_above(
                &source.text,
                item.ranges.start,
                "#[derive(Collects)]",
                false,
            ),
        });
    }
    let attribute = format!("#[collects({category})]");
    edits.push(insert_above(
        &source.text,
        field.ranges.start,
        &attribute,
        false,
    ));
    Ok(edits)
}

/// Replaces the first declared category (the one CL0002 points at) by
/// `category`, once the text there is seen to be the declared one.
fn replace_category(
    text: &str,
    declared: &crate::model::Declared,
    category: &str,
) -> Result<Edit, String> {
    let (name, span) = declared
        .categories
        .first()
        .ok_or("the declaration names no category: declare it by hand")?;
    let range = span.start.offset_in(text)..span.end.offset_in(text);
    let written: String = text[range.clone()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if written != *name {
        return Err(format!(
            "`{name}` is not where the finding says: run the fix again"
        ));
    }
    Ok(Edit {
        range,
        text: category.to_string(),
    })
}

/// Inserts `line` before the code at `at`: on a line of its own above it,
/// indented as it is, when only indentation comes before it on its line
/// (with a blank line after when `blank_line`); else before it on its line.
pub(super) fn insert_above(text: &str, at: usize, line: &str, blank_line: bool) -> Edit {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let insertion = if before.chars().all(|c| c == ' ' || c == '\t') {
        let newline = newline_of(text);
        let blank = if blank_line { newline } else { "" };
        format!("{line}{newline}{blank}{before}")
    } else {
        format!("{line} ")
    };
    Edit {
        range: at..at,
        text: insertion,
    }
}

/// The file's line ending: what it uses, so an inserted line matches.
pub(super) fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(text: &str, edit: Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range, &edit.text);
        out
    }

    #[test]
    fn a_line_above_keeps_the_indentation_and_an_inline_one_stays_inline() {
        let text = "struct A {\n    pub email: String,\n}\nstruct B { email: String }\n";
        let at = text.find("pub").unwrap();
        assert_eq!(
            applied(text, insert_above(text, at, "#[x]", false)),
            "struct A {\n    #[x]\n    pub email: String,\n}\nstruct B { email: String }\n"
        );
        let at = text.rfind("email").unwrap();
        assert_eq!(
            applied(text, insert_above(text, at, "#[x]", false)),
            "struct A {\n    pub email: String,\n}\nstruct B { #[x] email: String }\n"
        );
        let crlf = "\tstruct A;\r\n";
        assert_eq!(
            applied(crlf, insert_above(crlf, 1, "use a;", true)),
            "\tuse a;\r\n\r\n\tstruct A;\r\n"
        );
    }
}
