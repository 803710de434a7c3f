//! `--format json`, version 1 of DESIGN.md. Tools outside this repository read
//! it: fields may be added, never renamed or removed without a version bump.

use std::io::Write;

use serde::Serialize;

use crate::checks::Finding;
use crate::evidence::Confidence;
use crate::report::{DeclarationRecord, Report};

pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    root: &'a str,
    findings: Vec<JsonFinding<'a>>,
    declarations: Vec<JsonDeclaration<'a>>,
    summary: JsonSummary,
    /// With a baseline: its entries that no longer match a finding, as the
    /// file records them (each is also a note in `findings`).
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<&'a [serde_json::Value]>,
}

#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    code: &'static str,
    check: &'static str,
    severity: &'static str,
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    item: Option<&'a str>,
    field: Option<&'a str>,
    #[serde(rename = "type")]
    ty: Option<&'a str>,
    declared: &'a [String],
    suggested: &'a [String],
    evidence: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonDeclaration<'a> {
    path: &'a str,
    line: u32,
    item: &'a str,
    field: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    categories: &'a [String],
    purpose: Option<&'a str>,
    source: Option<&'a str>,
    optional: bool,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    items: usize,
    fields: usize,
    declared: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    /// With a baseline: the findings it tolerated (not in `findings`).
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    /// With a baseline: how many of its entries match no finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<usize>,
}

pub(crate) fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        code: f.code.as_str(),
        check: f.code.name(),
        severity: f.severity.as_str(),
        path: &f.path,
        line: f.span.start.line,
        column: f.span.start.column,
        end_line: f.span.end.line,
        end_column: f.span.end.column,
        item: f.item.as_deref(),
        field: f.field.as_deref(),
        ty: f.ty.as_deref(),
        declared: &f.declared,
        suggested: &f.suggested,
        evidence: &f.evidence,
        confidence: f.confidence.map(|c| match c {
            Confidence::Strong => "strong",
            Confidence::Weak => "weak",
        }),
        basis: f.basis.as_deref(),
        message: &f.message,
        help: f.help.as_deref(),
    }
}

fn declaration(d: &DeclarationRecord) -> JsonDeclaration<'_> {
    JsonDeclaration {
        path: &d.path,
        line: d.line,
        item: &d.item,
        field: &d.field,
        ty: &d.ty,
        categories: &d.categories,
        purpose: d.purpose.as_deref(),
        source: d.source.as_deref(),
        optional: d.optional,
    }
}

pub(crate) fn render_json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let s = report.summary;
    let json = JsonReport {
        version: JSON_VERSION,
        root: &report.root,
        findings: report.findings.iter().map(finding).collect(),
        declarations: report.declarations.iter().map(declaration).collect(),
        summary: JsonSummary {
            files: s.files,
            items: s.items,
            fields: s.fields,
            declared: s.declared,
            errors: s.errors,
            warnings: s.warnings,
            notes: s.notes,
            baselined: report.baseline.as_ref().map(|b| b.baselined),
            stale: report.baseline.as_ref().map(|b| b.stale_entries.len()),
        },
        stale: report.baseline.as_ref().map(|b| b.stale_entries.as_slice()),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
