//! The report of a run, and its renderers: human (codespan-reporting), JSON,
//! SARIF, GitHub annotations and cargo's JSON messages. Checks produce
//! findings; only this module decides how they look.

mod cargo;
mod github;
mod human;
pub(crate) mod json;
mod sarif;

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

pub use cargo::MessageFormat;
pub use human::ColorMode;
pub use json::JSON_VERSION;
pub use sarif::{FINGERPRINT_KEY, SARIF_SCHEMA};

use crate::checks::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source line and a help
    Human,
    /// machine-readable, versioned (see DESIGN.md)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other CI dashboards
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// cargo's JSON messages, one a line, for editors through rust-analyzer (also --message-format=json)
    Cargo,
}

/// What a run found, ready for any output format.
#[derive(Debug)]
pub struct Report {
    /// The root as given: paths in findings are relative to it.
    pub root: String,
    /// The root as a directory (`.` when files were given).
    pub root_dir: PathBuf,
    /// Sorted by file, place and code; stale baseline entries last.
    pub findings: Vec<Finding>,
    pub declarations: Vec<DeclarationRecord>,
    pub summary: Summary,
    /// What the baseline did, when one was in force.
    pub baseline: Option<BaselineSummary>,
    /// collects.toml, as findings name it, and its text: findings about the
    /// statement quote its lines.
    pub config_source: Option<(String, String)>,
}

/// A field's declaration, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationRecord {
    pub path: String,
    pub line: u32,
    pub item: String,
    pub field: String,
    pub ty: String,
    pub categories: Vec<String>,
    pub purpose: Option<String>,
    pub source: Option<String>,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub items: usize,
    pub fields: usize,
    pub declared: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

/// What the baseline did to a run. Its stale entries are also findings
/// (notes), in `Report::findings`.
#[derive(Debug, Clone, Default)]
pub struct BaselineSummary {
    /// The baseline file, as given.
    pub path: PathBuf,
    /// Findings the baseline tolerated (removed from the report's findings).
    pub baselined: usize,
    /// Entries that match no finding of this run, as the file records them
    /// (the JSON report's `stale`).
    pub stale_entries: Vec<serde_json::Value>,
    /// `Some(n)` when this run wrote the file, with `n` entries.
    pub written: Option<usize>,
}

impl Summary {
    /// Counts one more finding of `severity`.
    pub(crate) fn count(&mut self, severity: Severity) {
        *self.count_of(severity) += 1;
    }

    /// Counts one finding of `severity` fewer (the baseline tolerated it).
    pub(crate) fn uncount(&mut self, severity: Severity) {
        *self.count_of(severity) -= 1;
    }

    fn count_of(&mut self, severity: Severity) -> &mut usize {
        match severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
            Severity::Note => &mut self.notes,
        }
    }
}

impl Report {
    /// Whether the run fails a gate: any error-level finding.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The text of a file a finding names, for rendering its source lines.
    pub fn source_of(&self, path: &str) -> Option<String> {
        if let Some((config_path, text)) = &self.config_source {
            if config_path == path {
                return Some(text.clone());
            }
        }
        let bytes = std::fs::read(self.root_dir.join(path)).ok()?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        )
    }

    /// A finding's path as the CI sees it: relative to the directory collects
    /// ran in (the repository root in a workflow), `/`-separated.
    pub(crate) fn ci_path(&self, path: &str) -> String {
        if self.root_dir == std::path::Path::new(".") {
            return path.to_string();
        }
        crate::paths::rebase_path(&self.root_dir.join(path), std::path::Path::new("."))
    }

    /// Writes the report in `format` to `out`.
    pub fn render(&self, format: Format, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
        match format {
            Format::Human => human::render_human(self, color, out),
            Format::Json => json::render_json(self, out),
            Format::Sarif => sarif::render_sarif(self, out),
            Format::Github => github::render_github(self, out),
            Format::Cargo => cargo::render_cargo(self, color, out),
        }
    }
}
