//! `--format json`, version 1 of the diff (DESIGN.md). Tools read it: fields
//! may be added, never renamed or removed without a version bump.

use serde::Serialize;

use super::compare::{Diff, RowChanges};
use crate::report::json::{finding, JsonFinding};
use crate::report::DeclarationRecord;

const DIFF_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    base: &'a str,
    head: &'a str,
    started: Vec<JsonField<'a>>,
    stopped: Vec<JsonField<'a>>,
    changed: Vec<JsonChange<'a>>,
    undeclared: Vec<JsonFinding<'a>>,
    statement: JsonStatement<'a>,
    exports: JsonExports,
}

#[derive(Serialize)]
struct JsonField<'a> {
    path: &'a str,
    line: u32,
    item: &'a str,
    field: &'a str,
    categories: &'a [String],
    purposes: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    path: &'a str,
    line: u32,
    item: &'a str,
    field: &'a str,
    before: JsonDeclared<'a>,
    after: JsonDeclared<'a>,
}

#[derive(Serialize)]
struct JsonDeclared<'a> {
    categories: &'a [String],
    purposes: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonStatement<'a> {
    started: &'a [String],
    stopped: &'a [String],
}

#[derive(Serialize)]
struct JsonExports {
    xcprivacy: JsonRows,
    #[serde(rename = "play-csv")]
    play_csv: JsonRows,
}

#[derive(Serialize)]
struct JsonRows {
    added: Vec<String>,
    removed: Vec<String>,
}

fn field(d: &DeclarationRecord) -> JsonField<'_> {
    JsonField {
        path: &d.path,
        line: d.line,
        item: &d.item,
        field: &d.field,
        categories: &d.categories,
        purposes: d.purpose.as_deref().into_iter().collect(),
    }
}

fn declared(d: &DeclarationRecord) -> JsonDeclared<'_> {
    JsonDeclared {
        categories: &d.categories,
        purposes: d.purpose.as_deref().into_iter().collect(),
    }
}

fn rows(changes: &RowChanges) -> JsonRows {
    let texts = |rows: &[super::snapshot::ExportRow]| rows.iter().map(|r| r.row.clone()).collect();
    JsonRows {
        added: texts(&changes.added),
        removed: texts(&changes.removed),
    }
}

/// The diff as JSON; `head` is `worktree` for the working tree.
pub(crate) fn render(diff: &Diff, base: &str, head: &str) -> String {
    let json = JsonDiff {
        version: DIFF_JSON_VERSION,
        base,
        head,
        started: diff.started.iter().map(field).collect(),
        stopped: diff.stopped.iter().map(field).collect(),
        changed: diff
            .changed
            .iter()
            .map(|c| JsonChange {
                path: &c.after.path,
                line: c.after.line,
                item: &c.after.item,
                field: &c.after.field,
                before: declared(&c.before),
                after: declared(&c.after),
            })
            .collect(),
        undeclared: diff.undeclared.iter().map(finding).collect(),
        statement: JsonStatement {
            started: &diff.statement_started,
            stopped: &diff.statement_stopped,
        },
        exports: JsonExports {
            xcprivacy: rows(&diff.xcprivacy),
            play_csv: rows(&diff.play),
        },
    };
    // Serializing plain strings, numbers and lists cannot fail.
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
