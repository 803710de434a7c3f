//! `--message-format=json` (also `--format cargo`): cargo's JSON messages,
//! one object a line, as `cargo check --message-format=json` prints them: a
//! `compiler-message` per finding (rustc's diagnostic with its package and
//! target), then `build-finished`. rust-analyzer reads them from its
//! `check.overrideCommand` and shows the findings in the editor, a finding's
//! suggestion (made by `fix`) as a quick fix.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use super::human::render_finding;
use crate::checks::{Finding, Severity, Suggestion};
use crate::model::Position;
use crate::package::{Packages, Target};
use crate::report::Report;

/// `--message-format`: what cargo calls this format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// cargo's JSON messages, `rendered` without colour (`--format cargo`)
    Json,
    /// the same with ANSI colours in `rendered`, as rust-analyzer asks cargo for them
    JsonDiagnosticRenderedAnsi,
}

/// The category is inferred from names and types, so it may be wrong: the
/// suggestion is complete (it compiles) but a person confirms it, and tools
/// that apply only `MachineApplicable` suggestions unasked leave it alone.
const APPLICABILITY: &str = "MaybeIncorrect";

#[derive(Serialize)]
struct CompilerMessage<'a> {
    reason: &'static str,
    package_id: &'a str,
    manifest_path: &'a Path,
    target: &'a Target,
    message: Diagnostic,
}

/// rustc's JSON diagnostic.
#[derive(Serialize)]
struct Diagnostic {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: String,
    code: Option<DiagnosticCode>,
    level: &'static str,
    spans: Vec<DiagnosticSpan>,
    children: Vec<Diagnostic>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct DiagnosticCode {
    code: &'static str,
    explanation: Option<String>,
}

#[derive(Serialize)]
struct DiagnosticSpan {
    file_name: String,
    byte_start: usize,
    byte_end: usize,
    line_start: u32,
    line_end: u32,
    column_start: u32,
    column_end: u32,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<&'static str>,
    /// Always `null`: findings are never inside a macro expansion.
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: u32,
    highlight_end: u32,
}

#[derive(Serialize)]
struct BuildFinished {
    reason: &'static str,
    success: bool,
}

pub(crate) fn render_cargo(
    report: &Report,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut packages = Packages::default();
    // Findings come sorted by file: one file's text at a time.
    let mut source: Option<(&str, String)> = None;
    for finding in &report.findings {
        if source.as_ref().map(|(path, _)| *path) != Some(finding.path.as_str()) {
            let text = report.source_of(&finding.path).unwrap_or_default();
            source = Some((&finding.path, text));
        }
        let text = source.as_ref().map_or("", |(_, text)| text.as_str());
        let file = absolute(&report.root_dir.join(&finding.path));
        let package = packages.of(&file);
        let message = CompilerMessage {
            reason: "compiler-message",
            package_id: &package.id,
            manifest_path: &package.manifest_path,
            target: &package.target_of(&file),
            message: diagnostic(finding, &file_name(report, &finding.path), text, color),
        };
        serde_json::to_writer(&mut *out, &message)?;
        writeln!(out)?;
    }
    let finished = BuildFinished {
        reason: "build-finished",
        success: !report.has_errors(),
    };
    serde_json::to_writer(&mut *out, &finished)?;
    writeln!(out)
}

fn diagnostic(finding: &Finding, file_name: &str, source: &str, color: bool) -> Diagnostic {
    let at = finding.span.start.offset_in(source);
    let range = at..finding.span.end.offset_in(source).max(at);
    // A finding at no place (a stale baseline entry) has no span, as
    // cargo's messages about a whole package have none.
    let spans = if finding.span.start.line == 0 {
        Vec::new()
    } else {
        let label = Some(finding.label.clone()).filter(|l| !l.is_empty());
        vec![span(file_name, source, range, label, None)]
    };
    let mut children = Vec::new();
    if !finding.evidence.is_empty() {
        children.push(child(
            "note",
            format!("evidence: {}", finding.evidence.join("; ")),
            Vec::new(),
        ));
    }
    if let Some(help) = &finding.help {
        children.push(child("help", help.clone(), Vec::new()));
    }
    if let Some(suggestion) = &finding.suggestion {
        children.push(suggestion_child(suggestion, file_name, source));
    }
    Diagnostic {
        message_type: "diagnostic",
        message: finding.message.clone(),
        code: Some(DiagnosticCode {
            code: finding.code.as_str(),
            explanation: Some(finding.code.explain_markdown()),
        }),
        level: level(finding.severity),
        spans,
        children,
        rendered: Some(render_finding(finding, file_name, source, color)),
    }
}

/// A `help` whose spans carry the edits: rust-analyzer makes one quick fix
/// of all the primary spans of a child that have a replacement.
fn suggestion_child(suggestion: &Suggestion, file_name: &str, source: &str) -> Diagnostic {
    let spans = suggestion
        .edits
        .iter()
        .map(|edit| {
            span(
                file_name,
                source,
                edit.range.clone(),
                None,
                Some(edit.text.clone()),
            )
        })
        .collect();
    child("help", suggestion.message.clone(), spans)
}

fn child(level: &'static str, message: String, spans: Vec<DiagnosticSpan>) -> Diagnostic {
    Diagnostic {
        message_type: "diagnostic",
        message,
        code: None,
        level,
        spans,
        children: Vec::new(),
        rendered: None,
    }
}

/// A primary span over `range` of `source`, with the lines it covers.
fn span(
    file_name: &str,
    source: &str,
    range: Range<usize>,
    label: Option<String>,
    replacement: Option<String>,
) -> DiagnosticSpan {
    let (start, end) = (
        Position::of_offset(source, range.start),
        Position::of_offset(source, range.end),
    );
    let lines = source.lines().skip(start.line as usize - 1);
    let count = (end.line - start.line + 1) as usize;
    let text = lines
        .take(count)
        .enumerate()
        .map(|(i, line)| SpanLine {
            text: line.to_string(),
            highlight_start: if i == 0 { start.column } else { 1 },
            highlight_end: if i + 1 == count {
                end.column
            } else {
                line.chars().count() as u32 + 1
            },
        })
        .collect();
    DiagnosticSpan {
        file_name: file_name.to_string(),
        byte_start: range.start,
        byte_end: range.end,
        line_start: start.line,
        line_end: end.line,
        column_start: start.column,
        column_end: end.column,
        is_primary: true,
        text,
        label,
        suggestion_applicability: replacement.as_ref().map(|_| APPLICABILITY),
        suggested_replacement: replacement,
        expansion: None,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// As rustc names files under cargo: relative to the directory it runs in
/// (the workspace root rust-analyzer runs it in), else absolute.
fn file_name(report: &Report, path: &str) -> String {
    let relative = report.ci_path(path);
    if relative.starts_with("../") {
        absolute(&report.root_dir.join(path)).display().to_string()
    } else {
        relative
    }
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
