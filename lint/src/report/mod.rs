//! Renders an [`Outcome`] in every output format. Checks produce findings;
//! only this module decides how they look.

mod github;
mod human;
mod json;
pub mod sarif;

use std::io::Write;

use clap::ValueEnum;

pub use github::render_github;
pub use human::{render_human, ColorMode};
pub use json::render_json;
pub use sarif::render_sarif;

use crate::run::Outcome;

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
}

/// Writes the report of `outcome` in `format` to `out`.
pub fn render(
    outcome: &Outcome,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => render_human(outcome, color, out),
        Format::Json => render_json(outcome, out),
        Format::Sarif => render_sarif(outcome, out),
        Format::Github => render_github(outcome, out),
    }
}
