//! rustc-style diagnostics through codespan-reporting: file:line:col, the
//! source line with the span underlined, the evidence and a `help:`.

use std::io::Write;

use clap::ValueEnum;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::checks::{Finding, Severity};
use crate::report::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorMode {
    /// colour when writing to a terminal
    Auto,
    Always,
    Never,
}

impl ColorMode {
    /// Whether to colour, when the output `is_terminal` or not.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorMode::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
            ColorMode::Always => true,
            ColorMode::Never => false,
        }
    }
}

pub(crate) fn render_human(
    report: &Report,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut writer = color_writer(&mut *out, color);
    let mut files = SimpleFiles::new();
    let mut file_ids: std::collections::HashMap<&str, usize> = Default::default();
    let config = Config::default();
    for finding in &report.findings {
        let file_id = *file_ids.entry(&finding.path).or_insert_with(|| {
            files.add(
                finding.path.clone(),
                report.source_of(&finding.path).unwrap_or_default(),
            )
        });
        let source = files.get(file_id).map_or("", |f| f.source().as_str());
        let diagnostic = diagnostic(finding, file_id, source);
        term::emit(&mut *writer, &config, &files, &diagnostic).map_err(std::io::Error::other)?;
    }
    writer.flush()?;
    drop(writer);
    writeln!(out, "{}", summary_line(report))
}

/// One finding as this format shows it, its file named `name`: what cargo's
/// JSON messages carry as `rendered`.
pub(crate) fn render_finding(finding: &Finding, name: &str, source: &str, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let file_id = files.add(name, source);
    let mut out = Vec::new();
    let mut writer = color_writer(&mut out, color);
    let diagnostic = diagnostic(finding, file_id, source);
    // Writing to memory fails only on a file id unknown to `files`.
    let _ = term::emit(&mut *writer, &Config::default(), &files, &diagnostic);
    drop(writer);
    String::from_utf8_lossy(&out).into_owned()
}

fn color_writer<'a>(out: &'a mut dyn Write, color: bool) -> Box<dyn WriteColor + 'a> {
    if color {
        Box::new(Ansi::new(out))
    } else {
        Box::new(NoColor::new(out))
    }
}

fn diagnostic(finding: &Finding, file_id: usize, source: &str) -> Diagnostic<usize> {
    let start = finding.span.start.offset_in(source);
    let end = finding.span.end.offset_in(source).max(start);
    let mut notes = Vec::new();
    if !finding.evidence.is_empty() {
        notes.push(format!("evidence: {}", finding.evidence.join("; ")));
    }
    if let Some(help) = &finding.help {
        notes.push(format!("help: {help}"));
    }
    let diagnostic = match finding.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
        Severity::Note => Diagnostic::note(),
    };
    // A finding at no place in its file with nothing to say under it (a stale
    // baseline entry) shows no source line.
    let labels = if finding.span.start.line == 0 && finding.label.is_empty() {
        Vec::new()
    } else {
        vec![Label::primary(file_id, start..end).with_message(&finding.label)]
    };
    diagnostic
        .with_code(format!("{}/{}", finding.code.as_str(), finding.code.name()))
        .with_message(&finding.message)
        .with_labels(labels)
        .with_notes(notes)
}

fn summary_line(report: &Report) -> String {
    let s = report.summary;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {} ({} fields, {} declared)",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note"),
        plural(s.files, "file"),
        s.fields,
        s.declared
    ) + &match &report.baseline {
        Some(b) if b.stale_entries.is_empty() => format!("; {} baselined", b.baselined),
        Some(b) => format!(
            "; {} baselined, {} stale",
            b.baselined,
            b.stale_entries.len()
        ),
        None => String::new(),
    }
}
