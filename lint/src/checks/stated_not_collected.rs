//! CL0005 stated-not-collected: the statement lists a category that no code
//! declares (over-disclosure, or a declaration that went missing).

use collects_grammar::Taxonomy;

use super::{Code, Explain};
use crate::config::{ConfigFile, Statement};
use crate::finding::Finding;
use crate::model::Span;

pub const EXPLAIN: Explain = Explain {
    summary: "the statement lists a category that no code declares",
    what_it_does: "After every file is read, compares `[statement] lists` with the categories declared in code and reports listed entries that nothing declares. Only whole-tree runs report it: a run over a few files (a pre-commit hook) cannot know.",
    why_it_matters: "A statement that lists more than the product collects is not harmful in itself, but it hides drift: either the statement is out of date, or code collects the data without declaring it.",
    example: "# collects.toml\n[statement]\nlists = [\"Contact\", \"Location::Precise\"] # CL0005 when no field declares Location::Precise",
    fix: "Declare the fields that collect it, or, when the product no longer collects it, remove it from the statement.",
};

/// Findings for listed entries that no declared category falls under or covers.
pub fn check(
    statement: &Statement,
    config: &ConfigFile,
    root: &std::path::Path,
    declared: &[String],
) -> Vec<Finding> {
    let path = crate::paths::relative_display(&config.path, root);
    statement
        .lists
        .iter()
        .filter(|(listed, _)| {
            !declared
                .iter()
                .any(|d| Taxonomy::covers(listed, d) || Taxonomy::covers(d, listed))
        })
        .map(|(listed, range)| {
            let span = Span::from_byte_range(&config.text, range.clone());
            let mut finding = Finding::new(
                Code::StatedNotCollected,
                &path,
                span,
                format!("the statement lists {listed}, but no code declares it"),
            );
            finding.label = "listed here".into();
            finding.help = Some(format!(
                "declare the fields that collect {listed}, or remove it from the statement"
            ));
            finding
        })
        .collect()
}
