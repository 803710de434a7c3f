//! Renders an [`Outcome`] in every output format. Checks produce findings;
//! only this module decides how they look.

mod human;
mod json;

use std::io::Write;

use clap::ValueEnum;

pub use human::{render_human, ColorMode};
pub use json::render_json;

use crate::run::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source line and a help
    Human,
    /// machine-readable, versioned (see DESIGN.md)
    Json,
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
    }
}
